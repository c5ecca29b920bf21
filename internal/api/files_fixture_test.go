package api

import (
	"bytes"
	"context"
	"fmt"
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

// multipartFile is a multipart body with data in the field "file".
func multipartFile(t testing.TB, name string, data []byte) (body, contentType string) {
	return filetest.Multipart(t, nil, "file", name, data)
}

// uploadAs stores data as person's upload.
func (s *Server) uploadAs(t testing.TB, personID, agencyID int64, name string, data []byte) file.File {
	t.Helper()
	f, err := s.deps.SaveUpload(context.Background(), &auth.Subject{PersonID: personID, AgencyID: agencyID, Name: "test"}, name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	return f
}

// fileMatrixCases are the permission matrix's requests of the file routes:
// a file attached to the fixture's dossier by someone who is none of the
// identities, read by each; each identity attaching its own upload.
func fileMatrixCases(t *testing.T, f *accesstest.Fixture, s *Server) map[string]matrixCase {
	type req = accesstest.Request
	type who = *accesstest.Identity
	ctx := context.Background()
	doss := f.NewDossier(t)
	other := f.NewPerson(t, false)
	actor := audit.Actor{PersonID: other.ID, Name: other.FullName, AgencyID: f.Agency.ID}
	scan := s.uploadAs(t, other.ID, f.Agency.ID, "Đơn đề nghị.pdf", filetest.PDF(t))
	if _, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindDossier, RecordID: doss.Code, Slot: file.ChecklistSlot(1)}); err != nil {
		t.Fatal(err)
	}
	png := filetest.PNG(t)
	task := f.NewTask(t)
	plan := f.NewPlan(t)
	taskParties := accesstest.Target{Parties: accesstest.TaskParties}
	// uploader is who uploads the file an identity attaches: itself, or
	// someone else for the anonymous caller.
	uploader := func(id who) int64 {
		if id.Anonymous() {
			return other.ID
		}
		return id.Person.ID
	}
	return map[string]matrixCase{
		"POST /api/v1/files": {build: func(t testing.TB, _ who) req {
			body, ct := multipartFile(t, "Ảnh chụp.png", png)
			return req{Path: "/api/v1/files", Body: body, ContentType: ct}
		}},
		"GET /api/v1/files/{id}": {build: func(testing.TB, who) req {
			return req{Path: fmt.Sprintf("/api/v1/files/%d", scan.ID)}
		}},
		"GET /api/v1/dossiers/{code}/files": {build: func(testing.TB, who) req {
			return req{Path: "/api/v1/dossiers/" + doss.Code + "/files"}
		}},
		"POST /api/v1/dossiers/{code}/files": {build: func(t testing.TB, id who) req {
			var pid int64 = other.ID
			if !id.Anonymous() {
				pid = id.Person.ID
			}
			up := s.uploadAs(t, pid, f.Agency.ID, "Kết quả.png", png)
			return req{Path: "/api/v1/dossiers/" + doss.Code + "/files", ContentType: "application/json",
				Body: fmt.Sprintf(`{"file_id":%d,"slot":"result"}`, up.ID)}
		}},
		"GET /api/v1/tasks/{id}/files": {target: taskParties, build: func(testing.TB, who) req {
			return req{Path: fmt.Sprintf("/api/v1/tasks/%d/files", task.ID)}
		}},
		"POST /api/v1/tasks/{id}/files": {target: taskParties, build: func(t testing.TB, id who) req {
			up := s.uploadAs(t, uploader(id), f.Agency.ID, "Báo cáo tiến độ.png", png)
			return req{Path: fmt.Sprintf("/api/v1/tasks/%d/files", task.ID), ContentType: "application/json",
				Body: fmt.Sprintf(`{"file_id":%d,"slot":"report"}`, up.ID)}
		}},
		"DELETE /api/v1/tasks/{id}/files/{lid}": {target: taskParties, build: func(t testing.TB, _ who) req {
			l, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindTask, RecordID: fmt.Sprint(task.ID), Slot: file.SlotProduct})
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprintf("/api/v1/tasks/%d/files/%d", task.ID, l.ID)}
		}},
		"GET /api/v1/plans/{id}/files": {build: func(testing.TB, who) req {
			return req{Path: fmt.Sprintf("/api/v1/plans/%d/files", plan.ID)}
		}},
		"POST /api/v1/plans/{id}/files": {build: func(t testing.TB, id who) req {
			up := s.uploadAs(t, uploader(id), f.Agency.ID, "Minh chứng.png", png)
			return req{Path: fmt.Sprintf("/api/v1/plans/%d/files", plan.ID), ContentType: "application/json",
				Body: fmt.Sprintf(`{"file_id":%d,"slot":"evidence:%d"}`, up.ID, plan.TargetID)}
		}},
		"DELETE /api/v1/plans/{id}/files/{lid}": {build: func(t testing.TB, _ who) req {
			l, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindPlan, RecordID: fmt.Sprint(plan.ID), Slot: file.SlotDecision})
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprintf("/api/v1/plans/%d/files/%d", plan.ID, l.ID)}
		}},
		"DELETE /api/v1/dossiers/{code}/files/{id}": {build: func(t testing.TB, _ who) req {
			l, err := s.deps.Store.AttachFile(ctx, actor, file.Link{FileID: scan.ID, Kind: file.KindDossier, RecordID: doss.Code, Slot: file.SlotSupplement})
			if err != nil {
				t.Fatal(err)
			}
			return req{Path: fmt.Sprintf("/api/v1/dossiers/%s/files/%d", doss.Code, l.ID)}
		}},
	}
}
