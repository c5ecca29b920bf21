package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/config"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// publicOnlineMatrixCases are the matrix's requests of the applicant's
// online services: each identity sends a supplement to a fresh dossier
// waiting for one, lists a resolved dossier's result and downloads it.
func publicOnlineMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	clerk := f.Who("clerk", accesstest.Top)
	result := s.uploadAs(t, clerk.Person.ID, f.Agency.ID, "Kết quả thẩm định.pdf", filetest.PDF(t))
	resolved := f.NewOnlineResultDossier(t, result.ID)
	token := s.deps.Store.SignResultLink(resolved.Code, result.ID, time.Now().Add(time.Hour))
	return map[string]matrixCase{
		"POST /api/v1/public/dossiers/{code}/supplement": {build: func(t testing.TB, _ who) req {
			d := f.NewSupplementDossier(t)
			body, ct := filetest.Multipart(t, map[string]string{"secret": d.Secret}, "files", "Bản sao quyết định.pdf", filetest.PDF(t))
			return req{Path: "/api/v1/public/dossiers/" + d.Code + "/supplement", Body: body, ContentType: ct}
		}},
		"POST /api/v1/public/dossiers/{code}/results": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/public/dossiers/" + resolved.Code + "/results", ContentType: "application/json",
				Body: fmt.Sprintf(`{"secret":%q}`, resolved.Secret)}
		}},
		"GET /api/v1/public/results/{token}": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/public/results/" + token}
		}},
	}
}

// onlineWorld is a server on the access fixture, for the handler tests.
type onlineWorld struct {
	f   *accesstest.Fixture
	s   *Server
	mux http.Handler
	db  *store.DB
}

func newOnlineWorld(t *testing.T, db *store.DB, maxMB int) *onlineWorld {
	f := accesstest.New(t, db, false)
	policy := auth.NewPolicy()
	dossier.RegisterPolicy(policy)
	s := New(httpx.Deps{Store: db, Policy: policy, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Metrics: httpx.NewMetrics(), Now: time.Now, Files: testFiles(t), Config: config.Config{FileMaxMB: maxMB}})
	mux := http.NewServeMux()
	s.Register(mux)
	return &onlineWorld{f: f, s: s, mux: mux, db: db}
}

type part struct {
	name string
	data []byte
}

func multipartBody(t testing.TB, fields map[string]string, files ...part) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for _, p := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="files"; filename=%q`, p.name))
		h.Set("Content-Type", "application/pdf") // what the client says; the server reads the bytes
		pw, err := w.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		pw.Write(p.data)
	}
	w.Close()
	return b.String(), w.FormDataContentType()
}

// counts are what a supplement writes: the dossier's events, its file
// links, and the journal's file entries (one per upload).
func (w *onlineWorld) counts(t *testing.T, code string) [3]int {
	t.Helper()
	ctx := context.Background()
	rec, err := w.db.FindDossierByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	links, err := w.db.FindFileLinks(ctx, file.KindDossier, code)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := w.db.FindAuditEvents(ctx, audit.Filter{ObjectType: "file", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return [3]int{len(rec.Events), len(links), len(evs)}
}

func (w *onlineWorld) do(t testing.TB, method, path, body, ct string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	rec := httptest.NewRecorder()
	w.mux.ServeHTTP(rec, r)
	return rec
}

// TestPublicSupplementBadInput: each mistake has its status and writes
// nothing; the good one resumes the dossier and is kept.
func TestPublicSupplementBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newOnlineWorld(t, db, 1)
		waiting := w.f.NewSupplementDossier(t)
		handled := w.f.NewDossier(t) // status 4: no supplement awaited
		pdf, png, jpeg := filetest.PDF(t), filetest.PNG(t), filetest.JPEG(t)
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 1<<20)...)
		cases := []struct {
			name   string
			code   string
			fields map[string]string
			files  []part
			ct     string // overrides the multipart type
			status int
			want   string
		}{
			{"wrong secret", waiting.Code, map[string]string{"secret": "AAAA-BBBB-CCCC-D"}, []part{{"a.pdf", pdf}}, "", 404, "Không tìm thấy"},
			{"no secret", waiting.Code, nil, []part{{"a.pdf", pdf}}, "", 404, "Không tìm thấy"},
			{"unknown code", "000.00.00.H27-990101-9999", map[string]string{"secret": waiting.Secret}, []part{{"a.pdf", pdf}}, "", 404, "Không tìm thấy"},
			{"not waiting", handled.Code, map[string]string{"secret": handled.Secret}, []part{{"a.pdf", pdf}}, "", 409, "không có yêu cầu bổ sung"},
			{"no file", waiting.Code, map[string]string{"secret": waiting.Secret}, nil, "", 400, "ít nhất một tệp"},
			{"a docx", waiting.Code, map[string]string{"secret": waiting.Secret}, []part{{"to-trinh.pdf", filetest.DOCX(t)}}, "", 415, "chỉ nhận tệp PDF, JPEG hoặc PNG"},
			{"html named pdf", waiting.Code, map[string]string{"secret": waiting.Secret}, []part{{"a.pdf", pdf}, {"b.pdf", []byte("<script>alert(1)</script>")}}, "", 415, "b.pdf"},
			{"too large", waiting.Code, map[string]string{"secret": waiting.Secret}, []part{{"a.pdf", pdf}, {"lớn.pdf", big}}, "", 413, "tối đa 1 MB"},
			{"empty file", waiting.Code, map[string]string{"secret": waiting.Secret}, []part{{"rỗng.pdf", nil}}, "", 400, "rỗng"},
			{"not multipart", waiting.Code, map[string]string{"secret": waiting.Secret}, nil, "application/json", 415, "multipart/form-data"},
		}
		before := w.counts(t, waiting.Code)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				body, ct := multipartBody(t, c.fields, c.files...)
				if c.ct != "" {
					ct = c.ct
				}
				rec := w.do(t, "POST", "/api/v1/public/dossiers/"+c.code+"/supplement", body, ct)
				if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
					t.Fatalf("status %d, want %d with %q: %s", rec.Code, c.status, c.want, rec.Body)
				}
				if got := w.counts(t, waiting.Code); got != before {
					t.Fatalf("written: events, links, file entries %v, were %v", got, before)
				}
			})
		}
		body, ct := multipartBody(t, map[string]string{"secret": strings.ToLower(waiting.Secret), "note": "Gửi bổ sung"},
			part{"Bản sao quyết định.pdf", pdf}, part{"Ảnh bảng tổng hợp.png", png}, part{"ảnh.jpg", jpeg})
		rec := w.do(t, "POST", "/api/v1/public/dossiers/"+waiting.Code+"/supplement", body, ct)
		if rec.Code != 200 {
			t.Fatalf("supplement: %d %s", rec.Code, rec.Body)
		}
		var out publicSupplementResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.StatusCode != 4 || len(out.Files) != 3 {
			t.Fatalf("answer %+v (%v)", out, err)
		}
		got, err := w.db.FindDossierByCode(context.Background(), waiting.Code)
		if err != nil {
			t.Fatal(err)
		}
		last := got.Events[len(got.Events)-1]
		if got.State.Status != dossier.StatusProcessing || got.State.Paused() || last.Action != dossier.ReceiveSupplement ||
			last.ActorID != 0 || last.ActorName != httpx.ApplicantName {
			t.Fatalf("dossier %v paused %v, last event %+v", got.State.Status, got.State.Paused(), last)
		}
		// The handler is told, in the event's transaction (notify's "supplement received").
		if _, err := w.db.FindJobByKey(context.Background(), fmt.Sprintf("dossier:%s:event:%d:notify", waiting.Code, last.Seq)); err != nil {
			t.Fatalf("no notification of the supplement: %v", err)
		}
		links, _ := w.db.FindFileLinks(context.Background(), file.KindDossier, waiting.Code)
		if len(links) != 3 || links[0].Slot != file.SlotSupplement || links[0].AttachedBy != 0 || links[0].File.UploadedBy != 0 {
			t.Fatalf("links %+v", links)
		}
		// The lookup shows what was asked and that it came (issue 15 item 6).
		look := w.do(t, "GET", "/api/v1/public/dossiers/"+waiting.Code+"?secret="+waiting.Secret, "", "")
		var pub publicDossierResponse
		if err := json.Unmarshal(look.Body.Bytes(), &pub); err != nil || len(pub.Supplements) != 1 || pub.CanSupplement ||
			len(pub.Supplements[0].Asked) != 2 || pub.Supplements[0].ReceivedAt == nil || pub.Supplements[0].Days != 5 {
			t.Fatalf("lookup: %+v (%v)", pub, err)
		}
		// Once received, a second one is a conflict.
		rec = w.do(t, "POST", "/api/v1/public/dossiers/"+waiting.Code+"/supplement", body, ct)
		if rec.Code != 409 {
			t.Fatalf("again: %d %s", rec.Code, rec.Body)
		}
	})
}

// TestPublicResults: the result of a resolved dossier whose procedure
// delivers online, by a signed link; nothing without the secret, nothing
// of a dossier not resolved or of a procedure that keeps the result at
// the desk, nothing by an altered or expired link.
func TestPublicResults(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newOnlineWorld(t, db, 0)
		clerk := w.f.Who("clerk", accesstest.Top)
		pdf := filetest.PDF(t)
		up := w.s.uploadAs(t, clerk.Person.ID, w.f.Agency.ID, "Kết quả thẩm định.pdf", pdf)
		resolved := w.f.NewOnlineResultDossier(t, up.ID)
		atDesk := w.f.NewReturnedDossier(t) // its procedure does not deliver online
		open := w.f.NewDossier(t)
		for _, c := range []struct {
			name, code, secret string
			status             int
		}{
			{"wrong secret", resolved.Code, "AAAA-BBBB-CCCC-D", 404},
			{"no secret", resolved.Code, "", 404},
			{"kept at the desk", atDesk.Code, atDesk.Secret, 409},
			{"not resolved", open.Code, open.Secret, 409},
		} {
			rec := w.do(t, "POST", "/api/v1/public/dossiers/"+c.code+"/results", fmt.Sprintf(`{"secret":%q}`, c.secret), "application/json")
			if rec.Code != c.status {
				t.Errorf("%s: %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
			}
		}
		rec := w.do(t, "POST", "/api/v1/public/dossiers/"+resolved.Code+"/results", fmt.Sprintf(`{"secret":%q}`, resolved.Secret), "application/json")
		var out publicResultsResponse
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &out) != nil || len(out.Files) != 1 {
			t.Fatalf("results: %d %s", rec.Code, rec.Body)
		}
		if strings.Contains(out.Files[0].URL, resolved.Secret) || strings.Contains(out.Files[0].URL, strings.ReplaceAll(resolved.Secret, "-", "")) {
			t.Fatalf("the link holds the secret: %s", out.Files[0].URL)
		}
		dl := w.do(t, "GET", out.Files[0].URL, "", "")
		if dl.Code != 200 || !bytes.Equal(dl.Body.Bytes(), pdf) || dl.Header().Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(dl.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %v", dl.Code, dl.Header())
		}
		evs, _ := w.db.FindAuditEvents(context.Background(), audit.Filter{ObjectType: "file", ObjectID: fmt.Sprint(up.ID), Limit: 10})
		if len(evs) == 0 || evs[0].Action != "download" || !strings.Contains(evs[0].Actor, httpx.ApplicantName) {
			t.Fatalf("journal: %+v", evs)
		}
		tok := strings.TrimPrefix(out.Files[0].URL, "/api/v1/public/results/")
		expired := w.db.SignResultLink(resolved.Code, up.ID, time.Now().Add(-time.Second))
		other := w.db.SignResultLink(resolved.Code, up.ID+1000, time.Now().Add(time.Hour))
		for name, bad := range map[string]string{"altered": tok[:len(tok)-2] + "AA", "expired": expired, "not its result": other, "garbage": "x"} {
			if rec := w.do(t, "GET", "/api/v1/public/results/"+bad, "", ""); rec.Code != 404 {
				t.Errorf("%s link: %d %s", name, rec.Code, rec.Body)
			}
		}
	})
}

// TestPublicOnlineRateLimited: the supplement shares the lookup's budget.
func TestPublicOnlineRateLimited(t *testing.T) {
	w := newOnlineWorld(t, storetest.New(t, "sqlite", store.Options{}), 0)
	var last int
	for i := 0; i <= httpx.LookupBurst; i++ {
		last = w.do(t, "POST", "/api/v1/public/dossiers/x/results", `{"secret":"A"}`, "application/json").Code
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("after %d requests: %d", httpx.LookupBurst+1, last)
	}
}
