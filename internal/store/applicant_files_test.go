package store_test

import (
	"context"
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// Migration 0048 rebuilds files and file_links on SQLite (to let the
// applicant's have no person): a database with files attached to records
// keeps its rows and ids, the references to files still hold and are
// still enforced, and a row without a person may then be written.
func TestApplicantFilesMigrationKeepsFiles(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" {
				storetest.PostgresURL(t) // skips without a server
			}
			ctx := context.Background()
			db := storetest.NewEmpty(t, engine, store.Options{})
			if err := db.MigrateTo(ctx, 47); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{
				"INSERT INTO units (id, kind, name, valid_from, created_at) VALUES (1, 'agency', 'Sở Tài chính', '2025-01-01', 0)",
				"INSERT INTO people (id, full_name, created_at) VALUES (1, 'Nguyễn Văn An', 0)",
				"INSERT INTO files (id, sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at) VALUES (7, 'ab', 'Tờ trình.pdf', 10, 'application/pdf', 1, 1, 5)",
				"INSERT INTO file_links (id, file_id, kind, record_id, slot, attached_by, attached_at) VALUES (3, 7, 'dossier', 'X-1', 'result', 1, 6)",
			} {
				if err := db.ExecRaw(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			var name string
			var by, linkBy int64
			if err := db.QueryRowRaw(ctx, "SELECT f.name, f.uploaded_by, l.attached_by FROM file_links l JOIN files f ON f.id = l.file_id WHERE l.id = 3 AND f.id = 7").
				Scan(&name, &by, &linkBy); err != nil || name != "Tờ trình.pdf" || by != 1 || linkBy != 1 {
				t.Fatalf("after the migration: %q %d %d (%v)", name, by, linkBy, err)
			}
			if err := db.ExecRaw(ctx, "DELETE FROM files WHERE id = 7"); err == nil {
				t.Fatal("a file still linked could be deleted: the reference is no longer enforced")
			}
			if err := db.ExecRaw(ctx, "INSERT INTO files (id, sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at) VALUES (8, 'cd', 'Bổ sung.pdf', 10, 'application/pdf', 1, NULL, 5)"); err != nil {
				t.Fatalf("an applicant's file: %v", err)
			}
			if err := db.ExecRaw(ctx, "INSERT INTO file_links (id, file_id, kind, record_id, slot, attached_by, attached_at) VALUES (4, 8, 'dossier', 'X-1', 'supplement', NULL, 6)"); err != nil {
				t.Fatalf("an applicant's link: %v", err)
			}
			if err := db.ExecRaw(ctx, "INSERT INTO files (id, sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at) VALUES (9, 'ef', 'x.pdf', 1, 'application/pdf', 1, 99, 5)"); err == nil {
				t.Fatal("a file by a person who does not exist was accepted")
			}
		})
	}
}
