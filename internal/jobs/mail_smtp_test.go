package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/audit"
	"congvu/internal/dossier"
	"congvu/internal/jobs"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// The e-mail tests talk to a real SMTP server, Mailpit, started by
// scripts/test.d/40-mailpit.sh, and read what it received from its HTTP
// API: what a mail client would see, not what a fake was handed.

// mailpit is the address of Mailpit's HTTP API and the SMTP settings
// pointing at it; the test is skipped when none runs (required in CI).
func mailpit(t *testing.T) (string, jobs.SMTP) {
	t.Helper()
	api, smtpAddr := os.Getenv("CONGVU_TEST_MAILPIT"), os.Getenv("CONGVU_TEST_SMTP")
	if api == "" || smtpAddr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CONGVU_TEST_MAILPIT and CONGVU_TEST_SMTP are required in CI (scripts/test.d/40-mailpit.sh)")
		}
		t.Skip("no Mailpit: set CONGVU_TEST_SMTP and CONGVU_TEST_MAILPIT (scripts/test.d/40-mailpit.sh starts one)")
	}
	host, port, err := net.SplitHostPort(smtpAddr)
	if err != nil {
		t.Fatalf("CONGVU_TEST_SMTP %q: %v", smtpAddr, err)
	}
	p, _ := strconv.Atoi(port)
	return strings.TrimRight(api, "/"), jobs.SMTP{Host: host, Port: p, From: "congvu@bacninh.gov.vn", FromName: "Sở Tài chính tỉnh Bắc Ninh"}
}

// received is a message as Mailpit stored it.
type received struct {
	ID      string
	Subject string
	From    struct{ Name, Address string }
	To      []struct{ Name, Address string }
	Text    string
	Raw     string
}

// fetchMail waits for the one message to addr and returns it, decoded and
// raw.
func fetchMail(t *testing.T, api, addr string) received {
	t.Helper()
	get := func(path string) []byte {
		t.Helper()
		resp, err := http.Get(api + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s %v", path, resp.StatusCode, b, err)
		}
		return b
	}
	var list struct{ Messages []received }
	for i := 0; ; i++ {
		if err := json.Unmarshal(get("/api/v1/search?query="+url.QueryEscape("to:"+addr)), &list); err != nil {
			t.Fatal(err)
		}
		if len(list.Messages) > 0 || i == 40 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(list.Messages) != 1 {
		t.Fatalf("%d messages to %s, want 1", len(list.Messages), addr)
	}
	var m received
	if err := json.Unmarshal(get("/api/v1/message/"+list.Messages[0].ID), &m); err != nil {
		t.Fatal(err)
	}
	m.Raw = string(get("/api/v1/message/" + list.Messages[0].ID + "/raw"))
	return m
}

// unique is an address no earlier run has used (Mailpit keeps messages
// for the whole run).
func unique(name string) string {
	return fmt.Sprintf("%s+%d@bacninh.gov.vn", name, time.Now().UnixNano())
}

func TestSMTPMailerAgainstMailpit(t *testing.T) {
	api, cfg := mailpit(t)
	to := unique("minh")
	subject := "[congvu] Hồ sơ đã quá hạn giải quyết: 000.00.15.H27-260302-0001"
	body := "Thủ tục: Đăng ký thành lập doanh nghiệp tư nhân.\nNgười nộp: Nguyễn Văn An.\n" + strings.Repeat("Dòng rất dài có dấu tiếng Việt. ", 40)
	if err := cfg.Mailer().Send(context.Background(), to, subject, body); err != nil {
		t.Fatal(err)
	}
	m := fetchMail(t, api, to)
	if m.Subject != subject {
		t.Errorf("subject %q", m.Subject)
	}
	if m.From.Name != "Sở Tài chính tỉnh Bắc Ninh" || m.From.Address != "congvu@bacninh.gov.vn" {
		t.Errorf("from %+v", m.From)
	}
	if len(m.To) != 1 || m.To[0].Address != to {
		t.Errorf("to %+v", m.To)
	}
	if got := strings.ReplaceAll(m.Text, "\r\n", "\n"); strings.TrimSpace(got) != strings.TrimSpace(body) {
		t.Errorf("body %q", got)
	}
	// On the wire the headers are 7-bit: RFC 2047 encoded words, and the
	// body quoted-printable with no line over 78 characters.
	head, rawBody, _ := strings.Cut(m.Raw, "\r\n\r\n")
	if !strings.Contains(head, "Subject: =?utf-8?q?") || !strings.Contains(head, "From: =?utf-8?q?") {
		t.Errorf("headers not RFC 2047 encoded:\n%s", head)
	}
	for _, r := range head {
		if r > 127 {
			t.Fatalf("non-ASCII in the headers:\n%s", head)
		}
	}
	for _, line := range strings.Split(rawBody, "\r\n") {
		if len(line) > 78 {
			t.Fatalf("body line of %d characters", len(line))
		}
	}
}

// TestDossierNotificationByEmail: a dossier forwarded to a person reaches
// them through the jobs' own SMTP settings, in Vietnamese, with the link
// to the dossier.
func TestDossierNotificationByEmail(t *testing.T) {
	api, cfg := mailpit(t)
	ctx := context.Background()
	clk := &fakeClock{t: vn("2026-03-02 08:00")}
	db := storetest.New(t, "sqlite", store.Options{Now: clk.Now})
	o := newOneStop(t, db)
	to := unique("lan")
	sys := audit.System("test")
	p, err := db.CreatePerson(ctx, sys, org.NewPerson{AgencyID: o.proc.AgencyID, FullName: "Vũ Thị Lan", Email: to})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddMembership(ctx, sys, org.NewMembership{PersonID: p.ID, UnitID: o.division, Role: org.RoleOfficial, ValidFrom: "2020-01-01"}); err != nil {
		t.Fatal(err)
	}
	r := jobs.NewRunner(db, jobs.Options{Now: clk.Now, Log: quiet})
	jobs.NewWork(r, db, jobs.Config{SMTP: cfg, BaseURL: "https://congvu.bacninh.gov.vn"})
	rec, _, err := db.ReceiveDossier(ctx, actor(o.clerk), dossier.Intake{AgencyID: o.proc.AgencyID, UnitID: o.desk, ProcedureCode: o.proc.Code,
		Channel: dossier.ChannelDirect, Applicant: dossier.Applicant{Name: "Nguyễn Văn An", IDNumber: "001203004567", Phone: "0912345678"}})
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Hour)
	if _, err := db.RecordDossierEvent(ctx, actor(o.clerk), rec.Code, 0, dossier.Event{Action: dossier.Forward, UnitID: o.desk, ToUnitID: o.division,
		ToPersonID: p.ID, ToPersonName: p.FullName, Note: "Đề nghị xử lý sớm"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	m := fetchMail(t, api, to)
	if want := "[congvu] Hồ sơ được chuyển đến đồng chí xử lý: " + rec.Code; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	for _, s := range []string{"Thủ tục: Đăng ký thành lập doanh nghiệp tư nhân.", "Người nộp: Nguyễn Văn An.", "Hạn giải quyết: 08:00 23/03/2026.",
		"Ghi chú: Đề nghị xử lý sớm", "https://congvu.bacninh.gov.vn/dossiers/" + rec.Code} {
		if !strings.Contains(m.Text, s) {
			t.Errorf("body lacks %q:\n%s", s, m.Text)
		}
	}
}
