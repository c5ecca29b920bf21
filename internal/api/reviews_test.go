package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/org"
	"congvu/internal/review"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestReviewRefusals: a head drafts, edits and issues their unit's
// quarterly review; a head of another unit is refused (403) and an edit
// after the issue is refused (409), neither writing anything; the DOCX
// downloaded is the one whose hash was journalled.
func TestReviewRefusals(t *testing.T) {
	ctx := context.Background()
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	review.RegisterPolicy(s.deps.Policy)
	head, other, official := f.Who(org.RoleHead, accesstest.Own), f.Who(org.RoleHead, accesstest.Other), f.Who(org.RoleOfficial, accesstest.Own)
	send := func(who *accesstest.Identity, method, path, body string) (int, string) {
		t.Helper()
		rec := do(mux, call{method: method, path: path, body: body, token: who.Token})
		return rec.Code, rec.Body.String()
	}
	journal := func() int {
		evs, err := db.FindAuditEvents(ctx, audit.Filter{ObjectType: "review", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		return len(evs)
	}
	reviews := func() int {
		rs, err := db.FindReviews(ctx, f.Agency.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	create := fmt.Sprintf(`{"unit_id":%d,"kind":"quarter","year":2026,"index":1,"number":"3/BC-QLNS","signer_role":"TRƯỞNG PHÒNG"}`, f.OwnUnit.ID)
	for _, c := range []struct {
		name string
		who  *accesstest.Identity
		want int
	}{{"another unit's head", other, http.StatusForbidden}, {"an official", official, http.StatusForbidden}} {
		if code, body := send(c.who, "POST", "/api/v1/reviews", create); code != c.want || !strings.Contains(body, "đơn vị mình phụ trách") {
			t.Errorf("%s drafts: %d %s", c.name, code, body)
		}
	}
	if reviews() != 0 || journal() != 0 {
		t.Fatalf("a refused draft wrote something")
	}
	code, body := send(head, "POST", "/api/v1/reviews", create)
	if code != http.StatusCreated {
		t.Fatalf("draft: %d %s", code, body)
	}
	var rv periodReviewResponse
	if err := json.Unmarshal([]byte(body), &rv); err != nil {
		t.Fatal(err)
	}
	if rv.Status != "draft" || rv.Title != "Sơ kết công tác quý I năm 2026" || rv.Signer != head.Person.FullName {
		t.Errorf("draft: %+v", rv)
	}
	if code, body := send(head, "POST", "/api/v1/reviews", create); code != http.StatusConflict {
		t.Errorf("a second review of the quarter: %d %s", code, body)
	}
	events := fmt.Sprintf("/api/v1/reviews/%d/events", rv.ID)
	if code, body := send(head, "POST", events, `{"action":"issue"}`); code != http.StatusBadRequest || !strings.Contains(body, `"results"`) {
		t.Errorf("issue without results: %d %s", code, body)
	}
	before := journal()
	if code, body := send(other, "POST", events, `{"action":"edit","results":"Sửa hộ"}`); code != http.StatusForbidden {
		t.Errorf("another unit's head edits: %d %s", code, body)
	}
	if code, body := send(head, "POST", events, `{"action":"edit","results":"`+strings.Repeat("x", 20001)+`"}`); code != http.StatusBadRequest || !strings.Contains(body, `"results"`) {
		t.Errorf("a section too long: %d %.200s", code, body)
	}
	if journal() != before {
		t.Fatalf("a refused edit was journalled")
	}
	if code, body := send(head, "POST", events, `{"action":"edit","results":"Hoàn thành 12/14 nhiệm vụ.","lessons":"Báo cáo vướng mắc sớm."}`); code != http.StatusOK ||
		!strings.Contains(body, "Hoàn thành 12/14 nhiệm vụ.") {
		t.Fatalf("edit: %d %s", code, body)
	}
	if code, body := send(other, "POST", events, `{"action":"issue"}`); code != http.StatusForbidden {
		t.Errorf("another unit's head issues: %d %s", code, body)
	}
	code, body = send(head, "POST", events, `{"action":"issue"}`)
	if code != http.StatusOK {
		t.Fatalf("issue: %d %s", code, body)
	}
	if err := json.Unmarshal([]byte(body), &rv); err != nil || rv.Status != "issued" || len(rv.SHA256) != 64 {
		t.Fatalf("issued: %v %+v", err, rv)
	}
	before = journal()
	for _, b := range []string{`{"action":"edit","results":"Sửa sau khi ban hành"}`, `{"action":"issue"}`} {
		if code, body := send(head, "POST", events, b); code != http.StatusConflict || !strings.Contains(body, "ban hành") {
			t.Errorf("%s after the issue: %d %s", b, code, body)
		}
	}
	after, _ := db.FindReview(ctx, rv.ID)
	if journal() != before || after.Narrative.Results != "Hoàn thành 12/14 nhiệm vụ." || after.SHA256 != rv.SHA256 {
		t.Errorf("a refused edit of an issued review wrote something: %+v", after.Narrative)
	}
	rec := do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews/%d/docx", rv.ID), token: head.Token})
	sum := sha256.Sum256(rec.Body.Bytes())
	if rec.Code != http.StatusOK || hex.EncodeToString(sum[:]) != rv.SHA256 || !strings.Contains(rec.Header().Get("Content-Disposition"), ".docx") {
		t.Errorf("the DOCX downloaded is not the one issued: %d %s", rec.Code, rec.Header())
	}
	rec = do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/reviews/%d/pdf", rv.ID), token: head.Token})
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "%PDF") {
		t.Errorf("PDF: %d", rec.Code)
	}
	if code, _ := send(other, "GET", fmt.Sprintf("/api/v1/reviews/%d", rv.ID), ""); code != http.StatusNotFound {
		t.Errorf("another unit's head reads the review: %d", code)
	}
}

// TestViolationRefusals: a head records a violation only in their subtree,
// an inspector anywhere in the agency; an item not in the checklist in
// force on the date is 400 naming item; nothing is written on a refusal.
func TestViolationRefusals(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	f := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	review.RegisterPolicy(s.deps.Policy)
	p := f.NewPerson(t, false)
	body := func(item, on string) string {
		return fmt.Sprintf(`{"person_id":%d,"checklist":"ct09","item":%q,"on":%q,"severity":"reminder","note":"Đi muộn"}`, p.ID, item, on)
	}
	count := func() int {
		from, to := review.Period{Kind: review.Year, Year: 2026}.Bounds()
		vs, err := db.Violations(context.Background(), p.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		return len(vs)
	}
	for _, c := range []struct {
		name, who, body string
		want            int
		field           string
	}{
		{"another unit's head", "head@other", body("CT09-01", "2026-03-02"), http.StatusForbidden, ""},
		{"an official", "official@own", body("CT09-01", "2026-03-02"), http.StatusForbidden, ""},
		{"an item not in the checklist", "head@own", body("CT09-99", "2026-03-02"), http.StatusBadRequest, `"item"`},
		{"before the checklist was in force", "head@own", body("CT09-01", "2015-03-02"), http.StatusBadRequest, `"checklist"`},
		{"a file that is not there", "head@own", strings.Replace(body("CT09-01", "2026-03-02"), `"note"`, `"evidence_file_id":999999,"note"`, 1), http.StatusBadRequest, `"evidence_file_id"`},
		{"the head", "head@own", body("CT09-01", "2026-03-02"), http.StatusCreated, ""},
		{"an inspector of another unit", "inspector@other", body("CT09-02", "2026-03-03"), http.StatusCreated, ""},
	} {
		who := whoByKey(f, c.who)
		n := count()
		rec := do(mux, call{method: "POST", path: "/api/v1/violations", body: c.body, token: who.Token})
		if rec.Code != c.want || (c.field != "" && !strings.Contains(rec.Body.String(), c.field)) {
			t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body)
		}
		if wrote := count() - n; (rec.Code == http.StatusCreated) != (wrote == 1) {
			t.Errorf("%s: %d written", c.name, wrote)
		}
	}
	rec := do(mux, call{method: "GET", path: "/api/v1/violations?from=2026-01-01&to=2026-12-31", token: whoByKey(f, "head@other").Token})
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != "[]" {
		t.Errorf("another unit's head sees the own unit's violations: %s", rec.Body)
	}
	rec = do(mux, call{method: "POST", path: "/api/v1/checklists", token: whoByKey(f, "admin@own").Token,
		body: `{"key":"ct09","basis":"Chỉ thị 09","from":"2026-01-01","items":[{"code":"A","text":"x"},{"code":"A","text":"y"}]}`})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"items"`) {
		t.Errorf("a checklist with a code twice: %d %s", rec.Code, rec.Body)
	}
	rec = do(mux, call{method: "POST", path: "/api/v1/checklists", token: whoByKey(f, "head@own").Token,
		body: `{"key":"ct09","basis":"Chỉ thị 09","from":"2026-01-01","items":[{"code":"A","text":"x"}]}`})
	if rec.Code != http.StatusForbidden {
		t.Errorf("a head edits a checklist: %d %s", rec.Code, rec.Body)
	}
}

func whoByKey(f *accesstest.Fixture, key string) *accesstest.Identity {
	for _, id := range f.Identities {
		if id.Key() == key {
			return id
		}
	}
	panic("no identity " + key)
}
