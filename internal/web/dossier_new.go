package web

import (
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
	"congvu/internal/fold"
	"congvu/internal/httpx"
)

// IntakePage is the desk's fast intake form (tiếp nhận hồ sơ): made to be
// filled with the keyboard alone, Enter submitting it.
type IntakePage struct {
	BasePage
	Form       *Form
	Procedures []ProcOption
	Docs       *IntakeDocs
	Channels   []ChannelOption
}

// ProcOption is a procedure in the intake's searchable list. Value is what
// the input holds ("1.001612 — Đăng ký …"); Label, its name without
// diacritics, lets "dang ky" find it too.
type ProcOption struct {
	Code, Value, Label string
}

// IntakeDocs is the documents part of the intake form: the procedure's
// required papers as checkboxes, swapped in by htmx when the procedure
// changes.
type IntakeDocs struct {
	*BasePage
	Form      *Form
	Procedure *dossier.Procedure
	Docs      []DocOption
	MaxMB     int64 // the size limit of one scan, for the hint
}

// DocOption is one required paper, ticked when received.
type DocOption struct {
	ID, Name, Copy string
	Quantity       int
	Checked        bool
}

// intakeScan is the scan of one checklist line sent with the intake form.
type intakeScan struct {
	line  int // the document's place in the dossier's list, from 1
	field string
	fh    *multipart.FileHeader
	file  file.File
}

// ChannelOption is a way a dossier comes to the desk.
type ChannelOption struct {
	Value dossier.Channel
	Label string
}

var intakeFields = []string{"procedure_code", "name", "id_number", "phone", "address", "email", "organization", "channel",
	"received_at", "sets", "doc", "doc_other", "note", "project_code"}

// intakeCtx is what the intake needs to know about the user.
func (s *Server) intakeAllowed(b *BasePage) error {
	return s.authorizeSomewhere(b, dossier.PermIntake)
}

func (s *Server) intakeForm(w http.ResponseWriter, r *http.Request, status int, f *Form) error {
	b, err := s.base(w, r, "intake.title")
	if err != nil {
		return err
	}
	if err := s.intakeAllowed(&b); err != nil {
		return err
	}
	b.Path = "/dossiers/new"
	procs, err := s.deps.Store.FindProcedures(r.Context(), dossier.ProcedureFilter{AgencyID: agencyOf(b.tree, b.User)})
	if err != nil {
		return err
	}
	p := &IntakePage{BasePage: b, Form: f}
	for _, pr := range procs {
		v := pr.Code + " — " + pr.Name
		p.Procedures = append(p.Procedures, ProcOption{Code: pr.Code, Value: v, Label: fold.String(pr.Name)})
	}
	for _, c := range []dossier.Channel{dossier.ChannelDirect, dossier.ChannelPostal} {
		p.Channels = append(p.Channels, ChannelOption{Value: c, Label: c.Label(b.Lang)})
	}
	p.Docs = intakeDocs(&p.BasePage, f, findProc(procs, procedureCode(f.Get("procedure_code"))), r.Method == http.MethodGet)
	p.Docs.MaxMB = s.deps.MaxFileBytes() >> 20
	return s.render(w, status, "dossier_new", p)
}

// procedureCode takes the national code out of what the procedure input
// holds: "1.001612 — Đăng ký …" or just "1.001612".
func procedureCode(v string) string {
	code, _, _ := strings.Cut(strings.TrimSpace(v), " ")
	return code
}

func findProc(procs []dossier.Procedure, code string) *dossier.Procedure {
	for i := range procs {
		if procs[i].Code == code {
			return &procs[i]
		}
	}
	return nil
}

// intakeDocs lists the procedure's papers; on a fresh form all are ticked,
// on a submitted one those that were.
func intakeDocs(b *BasePage, f *Form, p *dossier.Procedure, fresh bool) *IntakeDocs {
	d := &IntakeDocs{BasePage: b, Form: f, Procedure: p}
	if p == nil {
		return d
	}
	for i, doc := range p.Documents {
		d.Docs = append(d.Docs, DocOption{ID: strconv.Itoa(i), Name: doc.Name, Copy: doc.Copy.Label(b.Lang), Quantity: doc.Quantity,
			Checked: fresh || f.Has("doc", doc.Name)})
	}
	return d
}

func (s *Server) handleDossierNew(w http.ResponseWriter, r *http.Request) error {
	f := newForm(nil, intakeFields...)
	f.Values.Set("channel", string(dossier.ChannelDirect))
	f.Values.Set("received_at", fmtInstant(s.deps.Now()))
	f.Values.Set("sets", "1")
	if p := r.URL.Query().Get("procedure"); p != "" {
		f.Values.Set("procedure_code", p)
	}
	return s.intakeForm(w, r, http.StatusOK, f)
}

// handleIntakeDocs is the htmx fragment of the documents when the
// procedure changes.
func (s *Server) handleIntakeDocs(w http.ResponseWriter, r *http.Request) error {
	b, err := s.base(w, r, "intake.title")
	if err != nil {
		return err
	}
	if err := s.intakeAllowed(&b); err != nil {
		return err
	}
	f := newForm(r.URL.Query(), intakeFields...)
	var proc *dossier.Procedure
	if code := procedureCode(f.Get("procedure_code")); dossier.ValidProcedureCode(code) {
		procs, err := s.deps.Store.FindProcedures(r.Context(), dossier.ProcedureFilter{AgencyID: agencyOf(b.tree, b.User)})
		if err != nil {
			return err
		}
		proc = findProc(procs, code)
	}
	docs := intakeDocs(&b, f, proc, true)
	docs.MaxMB = s.deps.MaxFileBytes() >> 20
	return s.renderPart(w, "dossier_new", "intake-docs", docs)
}

func (s *Server) handleDossierCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	lang := httpx.Lang(r)
	f := newForm(r.PostForm, intakeFields...)
	fail := func(err error) error {
		if !formFailure(err) {
			return err
		}
		f.SetError(err, lang)
		return s.intakeForm(w, r, httpx.Status(err), f)
	}
	sub := httpx.SubjectFrom(r.Context())
	tree, err := s.deps.Store.Tree(r.Context())
	if err != nil {
		return err
	}
	agency := agencyOf(tree, sub)
	code := procedureCode(f.Get("procedure_code"))
	if code == "" {
		return fail(invalid("procedure_code", "intake.err.procedure"))
	}
	received, err := parseInstant("received_at", f.Get("received_at"))
	if err != nil {
		return fail(err)
	}
	now := s.deps.Now()
	if received.After(now) {
		return fail(invalid("received_at", "dossier.err.future"))
	}
	on := calendar.DateOf(now)
	if !received.IsZero() {
		on = calendar.DateOf(received)
	}
	versions, err := s.deps.Store.FindProcedureVersions(r.Context(), agency, code)
	if err != nil {
		return fail(invalid("procedure_code", "intake.err.procedure"))
	}
	proc, err := dossier.PickVersion(versions, on)
	if err != nil {
		return fail(invalid("procedure_code", "intake.err.notinforce", dmy(on)))
	}
	if err := dossier.CanAct(sub, tree, s.deps.Policy, dossier.State{}, proc, dossier.Receive); err != nil {
		return err
	}
	in := dossier.Intake{AgencyID: agency, UnitID: deskOf(tree, sub, agency), ProcedureCode: code, ReceivedAt: received,
		Channel: dossier.Channel(f.Get("channel")), Note: f.Get("note"),
		Applicant: dossier.Applicant{Name: f.Get("name"), IDNumber: f.Get("id_number"), Phone: f.Get("phone"),
			Address: f.Get("address"), Email: f.Get("email"), Organization: f.Get("organization") == "1"}}
	if in.UnitID == 0 && len(proc.Steps) > 0 {
		in.UnitID = proc.Steps[0].UnitID
	}
	if in.Channel == "" {
		in.Channel = dossier.ChannelDirect
	}
	if in.Channel != dossier.ChannelDirect && in.Channel != dossier.ChannelPostal {
		return fail(invalid("channel", "err.choose"))
	}
	if v := f.Get("sets"); v != "" {
		if in.Sets, err = strconv.Atoi(v); err != nil || in.Sets < 1 {
			return fail(invalid("sets", "intake.err.sets"))
		}
	}
	// Each checklist line may carry its scan (field scan<i>); a line with a
	// scan is a document received even if its box was left unticked.
	var scans []intakeScan
	for i, doc := range proc.Documents {
		fh := formFile(r, "scan"+strconv.Itoa(i))
		if slices.Contains(f.Values["doc"], doc.Name) || fh != nil {
			in.Documents = append(in.Documents, doc)
			if fh != nil {
				scans = append(scans, intakeScan{line: len(in.Documents), field: "scan" + strconv.Itoa(i), fh: fh})
			}
		}
	}
	for _, line := range strings.Split(f.Get("doc_other"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Documents = append(in.Documents, dossier.Document{Name: line, Copy: dossier.Photocopy, Quantity: 1})
		}
	}
	// The scans are kept before the dossier is received, so that a refused
	// file (its type, its size) refuses the form with nothing received; a
	// scan kept for a form refused later is attached nowhere, its
	// uploader's alone.
	for i := range scans {
		if scans[i].file, err = s.saveFormFile(r, scans[i].field, scans[i].fh); err != nil {
			return fail(err)
		}
	}
	var rec dossier.Record
	var secret string
	if pc := f.Get("project_code"); pc != "" {
		rec, secret, err = s.deps.Store.ReceiveAppraisal(r.Context(), actor(sub), in, pc)
	} else {
		rec, secret, err = s.deps.Store.ReceiveDossier(r.Context(), actor(sub), in)
	}
	if err != nil {
		return fail(err)
	}
	for _, sc := range scans {
		if _, err := s.deps.Store.AttachFile(r.Context(), actor(sub), file.Link{FileID: sc.file.ID, Kind: file.KindDossier,
			RecordID: rec.Code, Slot: file.ChecklistSlot(sc.line)}); err != nil {
			return err
		}
	}
	s.flash(w, "flash.dossier.received", rec.Code, secret)
	return redirect(w, r, "/dossiers/"+rec.Code)
}
