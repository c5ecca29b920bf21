package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
	"congvu/internal/work"
)

// TestFilesAPI: the upload's 201 body, 415 and 413 with their messages, the
// download's headers, a file visible to its uploader only until attached,
// then to whoever may see the dossier and to nobody in another agency.
func TestFilesAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		fx := accesstest.New(t, db, false)
		s, mux := newTestServer(t, db, nil)
		dossier.RegisterPolicy(s.deps.Policy)
		work.RegisterPolicy(s.deps.Policy)
		s.deps.Config.FileMaxMB = 1
		official := fx.Who(org.RoleOfficial, accesstest.Own)
		clerk := fx.Who(org.RoleClerk, accesstest.Top)
		sibling := fx.Who(org.RoleDirector, accesstest.Sibling)
		director := fx.Who(org.RoleDirector, accesstest.Top)
		upload := func(who *accesstest.Identity, name string, data []byte) *httptest.ResponseRecorder {
			body, ct := multipartFile(t, name, data)
			req := httptest.NewRequest("POST", "/api/v1/files", strings.NewReader(body))
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+who.Token)
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			return rec
		}
		pdf := filetest.PDF(t)
		rec := upload(official, "Biên bản họp.pdf", pdf)
		if rec.Code != http.StatusCreated {
			t.Fatalf("upload: %d %s", rec.Code, rec.Body)
		}
		var up fileResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &up); err != nil {
			t.Fatal(err)
		}
		var keys map[string]any
		json.Unmarshal(rec.Body.Bytes(), &keys)
		for _, k := range []string{"id", "sha256", "name", "size", "content_type"} {
			if _, ok := keys[k]; !ok {
				t.Errorf("the 201 body has no %q: %s", k, rec.Body)
			}
		}
		if up.Name != "Biên bản họp.pdf" || up.Size != int64(len(pdf)) || up.ContentType != file.PDF || len(up.SHA256) != 64 {
			t.Errorf("upload body: %+v", up)
		}
		for _, c := range []struct {
			name   string
			data   []byte
			status int
			want   string
		}{
			{"trang.html", []byte("<!DOCTYPE html><script>alert(1)</script>"), http.StatusUnsupportedMediaType, "Loại tệp không được chấp nhận"},
			{"ảnh lớn.png", append(filetest.PNG(t), make([]byte, 1<<20)...), http.StatusRequestEntityTooLarge, "Tệp quá lớn: tối đa 1 MB"},
			{"rỗng.pdf", nil, http.StatusBadRequest, "Tệp rỗng"},
		} {
			rec := upload(official, c.name, c.data)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) || !strings.Contains(rec.Body.String(), `"field":"file"`) {
				t.Errorf("%s: %d %s; want %d with %q naming the field", c.name, rec.Code, rec.Body, c.status, c.want)
			}
		}
		path := fmt.Sprintf("/api/v1/files/%d", up.ID)
		get := func(who *accesstest.Identity, p string) *httptest.ResponseRecorder {
			return do(mux, call{method: "GET", path: p, token: who.Token})
		}
		if rec := get(official, path); rec.Code != 200 || rec.Body.Len() != len(pdf) {
			t.Fatalf("the uploader downloads: %d", rec.Code)
		} else {
			h := rec.Header()
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Type") != file.PDF ||
				h.Get("Content-Disposition") != `attachment; filename="bien ban hop.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf` ||
				!strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("download headers: %v", h)
			}
		}
		if rec := get(official, path+"?inline=1"); rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "inline;") {
			t.Errorf("preview of a PDF: %d %v", rec.Code, rec.Header())
		}
		if rec := get(director, path); rec.Code != 404 {
			t.Errorf("a file attached nowhere, read by someone else: %d, want 404", rec.Code)
		}
		// Attached to a dossier at the official's unit: the agency's
		// director and clerk see it, the sibling agency's director does not.
		doss := fx.NewDossier(t)
		rec = do(mux, call{method: "POST", path: "/api/v1/dossiers/" + doss.Code + "/files", token: official.Token,
			body: fmt.Sprintf(`{"file_id":%d,"slot":"doc:1"}`, up.ID)})
		if rec.Code != 201 {
			t.Fatalf("attach: %d %s", rec.Code, rec.Body)
		}
		var att attachmentResponse
		json.Unmarshal(rec.Body.Bytes(), &att)
		for who, want := range map[*accesstest.Identity]int{official: 200, director: 200, clerk: 200, sibling: 404} {
			if rec := get(who, path); rec.Code != want {
				t.Errorf("%s downloads the dossier's scan: %d, want %d", who.Key(), rec.Code, want)
			}
		}
		// Someone else's unattached upload cannot be attached (it is invisible).
		theirs := s.uploadAs(t, director.Person.ID, fx.Agency.ID, "x.png", filetest.PNG(t))
		rec = do(mux, call{method: "POST", path: "/api/v1/dossiers/" + doss.Code + "/files", token: official.Token,
			body: fmt.Sprintf(`{"file_id":%d,"slot":"result"}`, theirs.ID)})
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), `"field":"file_id"`) {
			t.Errorf("attaching another's upload: %d %s", rec.Code, rec.Body)
		}
		if rec := do(mux, call{method: "POST", path: "/api/v1/dossiers/" + doss.Code + "/files", token: official.Token,
			body: fmt.Sprintf(`{"file_id":%d,"slot":"report"}`, up.ID)}); rec.Code != 400 {
			t.Errorf("a task's slot on a dossier: %d", rec.Code)
		}
		rec = do(mux, call{method: "DELETE", path: fmt.Sprintf("/api/v1/dossiers/%s/files/%d", doss.Code, att.ID), token: official.Token})
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"removed_at"`) {
			t.Fatalf("remove: %d %s", rec.Code, rec.Body)
		}
		if rec := do(mux, call{method: "DELETE", path: fmt.Sprintf("/api/v1/dossiers/%s/files/%d", doss.Code, att.ID), token: official.Token}); rec.Code != 409 {
			t.Errorf("removing twice: %d", rec.Code)
		}
		rec = get(director, "/api/v1/dossiers/"+doss.Code+"/files")
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"slot":"doc:1"`) || !strings.Contains(rec.Body.String(), `"removed_at"`) {
			t.Errorf("the dossier's files after the removal: %d %s", rec.Code, rec.Body)
		}
		evs, _ := db.FindAuditEvents(t.Context(), audit.Filter{ObjectType: "dossier", ObjectID: doss.Code})
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); !strings.HasPrefix(got, "remove_file attach_file") {
			t.Errorf("the dossier's journal: %s", got)
		}
		// A task's report follows the task's rule, a plan's evidence the plan's.
		other := fx.Who(org.RoleOfficial, accesstest.Other)
		task, plan := fx.NewTask(t), fx.NewPlan(t)
		for _, c := range []struct {
			link  file.Link
			wants map[*accesstest.Identity]int
		}{
			{file.Link{Kind: file.KindTask, RecordID: fmt.Sprint(task.ID), Slot: file.SlotReport},
				map[*accesstest.Identity]int{official: 200, director: 200, other: 404, sibling: 404}},
			{file.Link{Kind: file.KindPlan, RecordID: fmt.Sprint(plan.ID), Slot: fmt.Sprintf("evidence:%d", plan.TargetID)},
				map[*accesstest.Identity]int{director: 200, sibling: 404}},
		} {
			f := s.uploadAs(t, director.Person.ID, fx.Agency.ID, "Báo cáo.png", filetest.PNG(t))
			c.link.FileID = f.ID
			if _, err := db.AttachFile(t.Context(), audit.Actor{PersonID: director.Person.ID, Name: "x"}, c.link); err != nil {
				t.Fatal(err)
			}
			for who, want := range c.wants {
				if rec := get(who, fmt.Sprintf("/api/v1/files/%d", f.ID)); rec.Code != want {
					t.Errorf("%s reads a %s's file: %d, want %d", who.Key(), c.link.Kind, rec.Code, want)
				}
			}
		}
		evs, _ = db.FindAuditEvents(t.Context(), audit.Filter{ObjectType: "file", ObjectID: fmt.Sprint(up.ID)})
		if len(evs) < 4 || evs[len(evs)-1].Action != "upload" || evs[0].Action != "download" {
			t.Errorf("the file's journal: uploads and downloads, got %d events", len(evs))
		}
	})
}
