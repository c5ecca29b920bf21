package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
)

// auditDB makes a demo database with a few dossiers and returns its path
// and environment.
func auditDB(t *testing.T) (string, map[string]string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "a.db")
	env := map[string]string{"CONGVU_DB": db}
	if code, out, errs := run(t, env, "", "demo", "--dossiers", "5", "--months", "1"); code != 0 {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	return db, env
}

// raw runs statements on the database behind congvu's back.
func raw(t *testing.T, path string, qs ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// recomputeChain rehashes the whole journal and moves the head, as someone
// with write access to the database could, the hash being unkeyed.
func recomputeChain(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT seq, at, COALESCE(actor_id, 0), actor, object_type, object_id, action, payload, COALESCE(agency_id, 0) FROM audit_events ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	var evs []audit.Event
	for rows.Next() {
		var e audit.Event
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.Actor, &e.ObjectType, &e.ObjectID, &e.Action, &e.Payload, &e.AgencyID); err != nil {
			t.Fatal(err)
		}
		e.At = time.UnixMicro(at).UTC()
		evs = append(evs, e)
	}
	rows.Close()
	prev := ""
	for _, e := range evs {
		h := audit.ComputeHash(prev, e)
		if _, err := db.Exec("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", prev, h, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = h
	}
	if _, err := db.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", prev); err != nil {
		t.Fatal(err)
	}
}

func TestAuditKeygenAndCheckpoints(t *testing.T) {
	db, env := auditDB(t)
	key := filepath.Join(t.TempDir(), "audit.key")
	// Without a key, verify says plainly that nothing anchors the journal.
	code, out, _ := run(t, env, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "CHECKPOINTS NOT CONFIGURED") || !strings.Contains(out, "CHƯA CẤU HÌNH ĐIỂM NEO") {
		t.Fatalf("verify without a key: %d %q", code, out)
	}
	if code, out, errs := run(t, env, "", "audit", "keygen", "--to", key); code != 0 || !strings.Contains(out, key) {
		t.Fatalf("keygen: %d %q %q", code, out, errs)
	}
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v, want mode 600", st.Mode(), err)
	}
	if code, _, errs := run(t, env, "", "audit", "keygen", "--to", key); code != ExitUsage || !strings.Contains(errs, "exists") {
		t.Fatalf("keygen over an existing key: %d %q", code, errs)
	}
	if code, out, errs := run(t, env, "", "audit", "checkpoint", "--audit-key", key); code != 0 || !strings.Contains(out, "checkpoint written") {
		t.Fatalf("checkpoint: %d %q %q", code, out, errs)
	}
	if _, err := os.Stat(db + ".audit-checkpoints"); err != nil {
		t.Fatalf("checkpoint file beside the database: %v", err)
	}
	// The public key alone verifies (an inspector's copy) and writes nothing.
	before, _ := os.ReadFile(db + ".audit-checkpoints")
	code, out, errs := run(t, env, "", "audit", "verify", "--audit-key", key+".pub")
	if code != 0 || !strings.Contains(out, "1 checkpoints hold") {
		t.Fatalf("verify with the public key: %d %q %q", code, out, errs)
	}
	if after, _ := os.ReadFile(db + ".audit-checkpoints"); string(after) != string(before) {
		t.Error("verify with the public key wrote to the checkpoint file")
	}
	// With the private key (from the environment), verify anchors what it verified.
	env["CONGVU_AUDIT_KEY"] = key
	if code, out, _ := run(t, env, "", "audit", "verify"); code != 0 || !strings.Contains(out, "checkpoint written") {
		t.Fatalf("verify with the private key: %d %q", code, out)
	}
	// A forged or altered checkpoint line is refused.
	f, _ := os.OpenFile(db+".audit-checkpoints", os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":1,"hash":"00","at":"2026-01-01T00:00:00Z","key":"x","sig":"AAAA"}` + "\n")
	f.Close()
	if code, out, _ := run(t, env, "", "audit", "verify"); code != ExitFail || !strings.Contains(out, "checkpoint") {
		t.Fatalf("forged checkpoint line: %d %q", code, out)
	}
}

// Issue #11 finding 6: each rewrite passes `audit verify` without
// checkpoints and fails it once a checkpoint covers the rows.
func TestAuditVerifyCatchesRewrites(t *testing.T) {
	cases := []struct {
		name     string
		attack   func(t *testing.T, db string)
		anchored bool // only checkpoints can see it
		want     string
	}{
		{"last rows deleted and head moved back", func(t *testing.T, db string) {
			raw(t, db, "DELETE FROM audit_events WHERE seq > (SELECT seq FROM audit_head) - 3",
				"UPDATE audit_head SET seq = seq - 3, hash = (SELECT hash FROM audit_events WHERE seq = (SELECT seq FROM audit_head) - 3)")
		}, true, "last rows were deleted"},
		{"chain recomputed forward", func(t *testing.T, db string) {
			raw(t, db, `UPDATE audit_events SET payload = '{"note":"sửa"}' WHERE seq = 3`)
			recomputeChain(t, db)
		}, true, "rewritten"},
		{"agency changed", func(t *testing.T, db string) {
			raw(t, db, "UPDATE audit_events SET agency_id = 999 WHERE seq = 4")
		}, false, "event 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, env := auditDB(t)
			key := filepath.Join(t.TempDir(), "audit.key")
			if code, _, errs := run(t, env, "", "audit", "keygen", "--to", key); code != 0 {
				t.Fatal(errs)
			}
			if code, _, errs := run(t, env, "", "audit", "checkpoint", "--audit-key", key); code != 0 {
				t.Fatal(errs)
			}
			c.attack(t, db)
			code, out, _ := run(t, env, "", "audit", "verify")
			if c.anchored && code != 0 {
				t.Fatalf("without checkpoints the attack should pass (the finding): %d %q", code, out)
			}
			if !c.anchored && code != ExitFail {
				t.Fatalf("the chain alone should catch it: %d %q", code, out)
			}
			code, out, _ = run(t, env, "", "audit", "verify", "--audit-key", key+".pub")
			if code != ExitFail || !strings.Contains(out, "BROKEN") || !strings.Contains(out, c.want) {
				t.Fatalf("with the checkpoint: exit %d %q, want exit 1 naming %q", code, out, c.want)
			}
		})
	}
}

// A dossier's row edited directly passes the journal's check and is
// named by --records, with the column.
func TestAuditVerifyRecords(t *testing.T) {
	db, env := auditDB(t)
	if code, out, errs := run(t, env, "", "audit", "verify", "--records"); code != 0 || !strings.Contains(out, "agree with their events") {
		t.Fatalf("intact records: %d %q %q", code, out, errs)
	}
	raw(t, db, "UPDATE dossiers SET status = CASE WHEN status = 2 THEN 3 ELSE 2 END WHERE id = (SELECT MIN(id) FROM dossiers)")
	if code, out, _ := run(t, env, "", "audit", "verify"); code != 0 {
		t.Fatalf("the journal alone does not see a row edit: %d %q", code, out)
	}
	code, out, _ := run(t, env, "", "audit", "verify", "--records")
	if code != ExitFail || !strings.Contains(out, "column status") || !strings.Contains(out, "MISMATCH") {
		t.Fatalf("edited dossier row: %d %q", code, out)
	}
}

// serve signs checkpoints, so it needs the private key, and refuses to
// start without it rather than run unanchored by mistake.
func TestServeAuditKeyChecked(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"CONGVU_DB": filepath.Join(dir, "s.db")}
	key := filepath.Join(dir, "audit.key")
	if code, _, errs := run(t, env, "", "audit", "keygen", "--to", key); code != 0 {
		t.Fatal(errs)
	}
	for _, c := range []struct{ key, want string }{
		{key + ".pub", "public key"},
		{filepath.Join(dir, "missing.key"), "--audit-key"},
	} {
		if code, _, errs := run(t, env, "", "serve", "--addr", "127.0.0.1:0", "--audit-key", c.key); code != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("serve --audit-key %s: %d %q, want exit 2 naming %q", c.key, code, errs, c.want)
		}
	}
	env["CONGVU_DB"] = "postgres://congvu@127.0.0.1:1/none"
	if code, _, errs := run(t, env, "", "serve", "--audit-key", key); code != ExitUsage || !strings.Contains(errs, "--audit-checkpoints") {
		t.Errorf("serve on PostgreSQL without a checkpoint file: %d %q", code, errs)
	}
}
