package web

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/audit"
	"congvu/internal/auth"
	"congvu/internal/blob"
	"congvu/internal/file"
	"congvu/internal/file/filetest"
)

// testFiles is a blob store of the test's own.
func testFiles(t testing.TB) blob.Store {
	l, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// multipartForm is a multipart body with fields and one file.
func multipartForm(t testing.TB, fields map[string]string, fileField, name string, data []byte) (body, contentType string) {
	return filetest.Multipart(t, fields, fileField, name, data)
}

// fileMatrixCases are the permission matrix's requests of the file pages:
// a file attached to the fixture's dossier by someone who is none of the
// identities, downloaded by each; each identity attaching a scan.
func fileMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	ctx := context.Background()
	doss := f.NewDossier(t)
	other := f.NewPerson(t, false)
	actor := audit.Actor{PersonID: other.ID, Name: other.FullName, AgencyID: f.Agency.ID}
	scan, err := s.deps.SaveUpload(ctx, &auth.Subject{PersonID: other.ID, AgencyID: f.Agency.ID, Name: other.FullName}, "Đơn đề nghị.pdf", bytes.NewReader(filetest.PDF(t)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindDossier, RecordID: doss.Code, Slot: file.ChecklistSlot(1)}); err != nil {
		t.Fatal(err)
	}
	png := filetest.PNG(t)
	task := f.NewTask(t)
	plan := f.NewPlan(t)
	taskParties := accesstest.Target{Parties: accesstest.TaskParties}
	return map[string]matrixCase{
		"GET /files/{id}": {build: func(testing.TB, who) req { return req{Path: fmt.Sprintf("/files/%d", scan.ID)} }},
		"POST /dossiers/{code}/files": {build: func(t testing.TB, id who) req {
			fields := map[string]string{"slot": "result"}
			if id.CSRF != "" {
				fields["csrf"] = id.CSRF
			}
			body, ct := multipartForm(t, fields, "file", "Kết quả.png", png)
			return req{Path: "/dossiers/" + doss.Code + "/files", Body: body, ContentType: ct}
		}},
		"POST /tasks/{id}/files": {target: taskParties, build: func(t testing.TB, id who) req {
			fields := map[string]string{"slot": "report"}
			if id.CSRF != "" {
				fields["csrf"] = id.CSRF
			}
			body, ct := multipartForm(t, fields, "file", "Báo cáo tiến độ.png", png)
			return req{Path: fmt.Sprintf("/tasks/%d/files", task.ID), Body: body, ContentType: ct}
		}},
		"POST /tasks/{id}/files/{lid}/remove": {target: taskParties, build: func(t testing.TB, _ who) req {
			l, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindTask, RecordID: fmt.Sprint(task.ID), Slot: file.SlotProduct})
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprintf("/tasks/%d/files/%d/remove", task.ID, l.ID), Form: url.Values{"confirm": {"yes"}}}
		}},
		"POST /plans/{id}/files": {build: func(t testing.TB, id who) req {
			fields := map[string]string{"slot": fmt.Sprintf("evidence:%d", plan.TargetID)}
			if id.CSRF != "" {
				fields["csrf"] = id.CSRF
			}
			body, ct := multipartForm(t, fields, "file", "Minh chứng.png", png)
			return req{Path: fmt.Sprintf("/plans/%d/files", plan.ID), Body: body, ContentType: ct}
		}},
		"POST /plans/{id}/files/{lid}/remove": {build: func(t testing.TB, _ who) req {
			l, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindPlan, RecordID: fmt.Sprint(plan.ID), Slot: file.SlotDecision})
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprintf("/plans/%d/files/%d/remove", plan.ID, l.ID), Form: url.Values{"confirm": {"yes"}}}
		}},
		"POST /dossiers/{code}/files/{id}/remove": {build: func(t testing.TB, _ who) req {
			l, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindDossier, RecordID: doss.Code, Slot: file.SlotSupplement})
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprintf("/dossiers/%s/files/%d/remove", doss.Code, l.ID), Form: url.Values{"confirm": {"yes"}}}
		}},
	}
}
