package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/audit"
	"congvu/internal/fold"
	"congvu/internal/httpx"
	"congvu/internal/org"
	"congvu/internal/report"
	"congvu/internal/store"
	"congvu/internal/work"
)

// Importing a task list from a workbook filled in from the template:
// upload, then a preview of every row with its errors (row, column,
// message), then — only when every row is valid — a confirmation that
// assigns them all in one transaction (store.ImportTasks). Nothing is kept
// on the server between the two steps: the preview carries the rows back
// as JSON in a hidden field, signed with an HMAC keyed by the session's
// CSRF token, and the confirmation checks the signature and validates the
// rows again from scratch.

// maxImportBytes bounds the uploaded workbook (the form limit of every
// page, less the room the other fields take).
const maxImportBytes = 900 << 10

// ImportError is one wrong cell.
type ImportError struct {
	Row     int // the sheet's row number; the header is row 1
	Column  string
	Message string
}

// ImportRow is one row of the sheet as read.
type ImportRow struct {
	Row      int
	Cells    []string
	Errors   []ImportError
	Title    string
	Lead     string
	Deadline string
	task     work.NewTask
}

// TaskImportPage is the upload form, or the preview of a workbook.
type TaskImportPage struct {
	BasePage
	Error   string
	Rows    []ImportRow
	Errors  int // rows with errors
	Headers []string
	Data    string // the rows as JSON, for the confirmation
	Sig     string
}

func (s *Server) handleTaskImportForm(w http.ResponseWriter, r *http.Request) error {
	return s.importPage(w, r, http.StatusOK, &TaskImportPage{})
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request, status int, p *TaskImportPage) error {
	b, err := s.base(w, r, "tasks.import.title")
	if err != nil {
		return err
	}
	if !s.canSomewhere(b.User, b.tree, work.CreateTask) {
		return forbidden("task.err.create")
	}
	p.BasePage = b
	p.Headers = taskHeaders()
	return s.render(w, status, "task_import", p)
}

// handleTaskImportPreview reads an uploaded workbook and shows every row.
func (s *Server) handleTaskImportPreview(w http.ResponseWriter, r *http.Request) error {
	lang := httpx.Lang(r)
	file, _, err := r.FormFile("file")
	if err != nil {
		return s.importPage(w, r, http.StatusBadRequest, &TaskImportPage{Error: T(lang, "tasks.import.nofile")})
	}
	defer file.Close()
	cells, err := report.ReadTable(file, "")
	if err != nil {
		if e := apperr.As(err); e != nil {
			return s.importPage(w, r, http.StatusBadRequest, &TaskImportPage{Error: e.Message(lang)})
		}
		return err
	}
	return s.preview(w, r, cells)
}

// preview validates the rows and shows them: 400 with the errors, or 200
// with the confirmation form.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, cells [][]string) error {
	lang := httpx.Lang(r)
	rows, err := s.importRows(r.Context(), r, cells)
	if err != nil {
		if e := apperr.As(err); e != nil && e.Code == apperr.Invalid {
			return s.importPage(w, r, http.StatusBadRequest, &TaskImportPage{Error: e.Message(lang)})
		}
		return err
	}
	p := &TaskImportPage{Rows: rows}
	for _, row := range rows {
		if len(row.Errors) > 0 {
			p.Errors++
		}
	}
	if p.Errors > 0 {
		return s.importPage(w, r, http.StatusBadRequest, p)
	}
	data, err := json.Marshal(cells)
	if err != nil {
		return err
	}
	p.Data = string(data)
	p.Sig = s.importSig(r, p.Data)
	return s.importPage(w, r, http.StatusOK, p)
}

// importSig signs the rows with the session's CSRF token.
func (s *Server) importSig(r *http.Request, data string) string {
	var key string
	if sess := httpx.SessionFrom(r.Context()); sess != nil {
		key = sess.CSRFToken
	}
	m := hmac.New(sha256.New, []byte("congvu task import\x00"+key))
	m.Write([]byte(data))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// handleTaskImportConfirm imports the rows of a preview, all or none.
func (s *Server) handleTaskImportConfirm(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return invalid("", "err.form")
	}
	data := r.PostForm.Get("rows")
	if !hmac.Equal([]byte(r.PostForm.Get("sig")), []byte(s.importSig(r, data))) {
		return invalid("rows", "tasks.import.badsig")
	}
	var cells [][]string
	if err := json.Unmarshal([]byte(data), &cells); err != nil {
		return invalid("rows", "tasks.import.badsig")
	}
	rows, err := s.importRows(r.Context(), r, cells)
	if err != nil {
		return err
	}
	list := make([]work.NewTask, 0, len(rows))
	for _, row := range rows {
		if len(row.Errors) > 0 {
			return s.preview(w, r, cells) // something changed since the preview: show it again
		}
		list = append(list, row.task)
	}
	sub := httpx.SubjectFrom(r.Context())
	ids, err := s.importer().ImportTasks(r.Context(), actor(sub), list)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Invalid {
			return s.importPage(w, r, http.StatusBadRequest, &TaskImportPage{Error: apperr.As(err).Message(httpx.Lang(r))})
		}
		return err
	}
	s.flash(w, "flash.tasks.imported", strconv.Itoa(len(ids)))
	return redirect(w, r, "/tasks?tab=assigned")
}

// taskImporter is the part of *store.DB the import needs beyond httpx.Store.
type taskImporter interface {
	ImportTasks(ctx context.Context, actor audit.Actor, list []work.NewTask) ([]int64, error)
}

// importRows reads the data rows of the sheet (the first row is the
// header) and checks each: its cells, then the task it describes
// (work.NewTask.Validate and Build on the agency's calendar, the lead
// person looked up by login or full name in the agency, and whether the
// user may assign to the lead unit). Errors are per row; the error
// returned is about the sheet as a whole.
func (s *Server) importRows(ctx context.Context, r *http.Request, cells [][]string) ([]ImportRow, error) {
	if len(cells) < 2 {
		return nil, invalid("file", "tasks.import.empty")
	}
	cols := map[string]int{}
	for i, h := range cells[0] {
		for _, c := range taskColumns {
			if fold.String(strings.TrimSpace(h)) == fold.String(c.Head) {
				cols[c.Key] = i
			}
		}
	}
	for _, must := range []string{"title", "lead_person"} {
		if _, ok := cols[must]; !ok {
			return nil, invalid("file", "tasks.import.nohead", headOf(must))
		}
	}
	if len(cells)-1 > store.MaxImportTasks {
		return nil, invalid("file", "tasks.import.toomany", len(cells)-1, store.MaxImportTasks)
	}
	sub := httpx.SubjectFrom(ctx)
	tree, err := s.deps.Store.Tree(ctx)
	if err != nil {
		return nil, err
	}
	b := &BasePage{User: sub, tree: tree, Lang: httpx.Lang(r)}
	agency := agencyOf(tree, sub)
	people, err := s.deps.Store.FindPeople(ctx, org.PersonFilter{AgencyIDs: []int64{agency}, OnlyActive: true, Limit: 5000})
	if err != nil {
		return nil, err
	}
	cal, err := s.deps.Store.Calendar(ctx, agency)
	if err != nil {
		return nil, err
	}
	now := s.deps.Now()
	var out []ImportRow
	for i, line := range cells[1:] {
		cell := func(key string) string {
			if c, ok := cols[key]; ok && c < len(line) {
				return strings.TrimSpace(line[c])
			}
			return ""
		}
		blank := true
		for _, v := range line {
			blank = blank && strings.TrimSpace(v) == ""
		}
		if blank {
			continue
		}
		row := ImportRow{Row: i + 2, Cells: line, Title: cell("title"), Lead: cell("lead_person"), Deadline: cell("deadline")}
		if row.Deadline == "" && cell("working_days") != "" {
			row.Deadline = b.T("tasks.import.days", cell("working_days"))
		}
		bad := func(key string, err error) {
			msg := err.Error()
			if e := apperr.As(err); e != nil {
				msg = e.Message(b.Lang)
			}
			row.Errors = append(row.Errors, ImportError{Row: row.Row, Column: headOf(key), Message: msg})
		}
		n := work.NewTask{AgencyID: agency, Title: cell("title"), Description: cell("description"), Product: cell("product"),
			AssignerID: sub.PersonID, AssignedAt: now}
		if n.Product == "" {
			n.Product = n.Title
		}
		if lead, err := findLead(people, cell("lead_person")); err != nil {
			bad("lead_person", err)
		} else {
			n.LeadPersonID = lead.ID
			for _, m := range lead.Memberships {
				n.LeadUnitID = m.UnitID
				break
			}
		}
		if v := cell("lead_unit"); v != "" {
			if u, err := findUnit(tree, agency, v); err != nil {
				bad("lead_unit", err)
			} else {
				n.LeadUnitID = u
			}
		}
		for _, name := range splitList(cell("coordinators")) {
			if u, err := findUnit(tree, agency, name); err != nil {
				bad("coordinators", err)
			} else {
				n.Coordinators = append(n.Coordinators, work.Coordination{UnitID: u})
			}
		}
		date, days := cell("deadline"), cell("working_days")
		switch {
		case date != "" && days != "":
			bad("deadline", invalid("deadline", "tasks.import.both"))
		case date != "":
			if d, err := parseTaskDate("deadline", date); err != nil {
				bad("deadline", err)
			} else {
				n.Deadline.Date = &d
			}
		case days != "":
			if v, err := parseCellNumber("working_days", days); err != nil {
				bad("working_days", err)
			} else {
				n.Deadline.WorkingDays = &v
			}
		}
		if v := cell("priority"); v != "" {
			if p, ok := priorityOf(v); ok {
				n.Priority = p
			} else {
				bad("priority", invalid("priority", "tasks.import.priority", v))
			}
		}
		switch strings.ToLower(cell("key")) {
		case "", "0", "không", "no":
		case "x", "1", "có", "yes", "true":
			n.Key = true
		default:
			bad("key", invalid("key", "tasks.import.key", cell("key")))
		}
		if v := cell("weight"); v != "" {
			if x, err := parseCellNumber("weight", v); err != nil {
				bad("weight", err)
			} else if x <= 0 {
				bad("weight", apperr.Invalidf("weight", "hệ số quy đổi phải lớn hơn 0 và không quá %g", "the weight must be greater than 0 and at most %g", work.MaxWeight))
			} else {
				n.Weight = x
			}
		}
		if v := cell("plan"); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			ok := err == nil && id > 0
			if ok {
				d, err := s.deps.Store.FindPlanByID(ctx, id)
				if err != nil && !apperr.Is(err, apperr.NotFound) {
					return nil, err
				}
				ok = err == nil && d.Plan.AgencyID == agency
			}
			if ok {
				n.PlanID = &id
			} else {
				bad("plan", invalid("plan", "tasks.import.plan", v))
			}
		}
		n.Checklist = splitList(cell("checklist"))
		if len(row.Errors) == 0 {
			if _, err := n.Build(cal); err != nil {
				bad(columnOf(err), err)
			} else if err := work.CanCreate(sub, tree, s.deps.Policy, n); err != nil {
				bad("lead_unit", err)
			}
		}
		row.task = n
		out = append(out, row)
	}
	if len(out) == 0 {
		return nil, invalid("file", "tasks.import.empty")
	}
	return out, nil
}

// importer returns the store's import, which *store.DB has.
func (s *Server) importer() taskImporter {
	if im, ok := s.deps.Store.(taskImporter); ok {
		return im
	}
	return noImporter{}
}

type noImporter struct{}

func (noImporter) ImportTasks(context.Context, audit.Actor, []work.NewTask) ([]int64, error) {
	return nil, fmt.Errorf("web: the store cannot import tasks")
}

// splitList splits a cell listing several things with ";" or new lines.
func splitList(v string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// findLead looks the lead up by login, then by full name (diacritics
// ignored); a name two people share must be given as a login.
func findLead(people []org.Person, v string) (org.Person, error) {
	if v == "" {
		return org.Person{}, invalid("lead_person", "tasks.import.nolead")
	}
	for _, p := range people {
		if p.Login != "" && strings.EqualFold(p.Login, v) {
			return p, nil
		}
	}
	var found []org.Person
	for _, p := range people {
		if fold.String(p.FullName) == fold.String(v) {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return org.Person{}, invalid("lead_person", "tasks.import.nosuchperson", v)
	}
	return org.Person{}, invalid("lead_person", "tasks.import.samename", v)
}

// findUnit looks a current unit of the agency up by name or code.
func findUnit(tree *org.Tree, agency int64, v string) (int64, error) {
	for _, u := range tree.Units() {
		if !u.Current() || (u.AgencyID != agency && u.ID != agency) {
			continue
		}
		if fold.String(u.Name) == fold.String(v) || (u.Code != "" && u.Code == v) {
			return u.ID, nil
		}
	}
	return 0, invalid("unit", "tasks.import.nosuchunit", v)
}

func priorityOf(v string) (work.Priority, bool) {
	for p, words := range priorityWords {
		for _, w := range words {
			if fold.String(w) == fold.String(v) {
				return p, true
			}
		}
	}
	return "", false
}

// headOf is the header of the column with the given key.
func headOf(key string) string {
	for _, c := range taskColumns {
		if c.Key == key {
			return c.Head
		}
	}
	return key
}

// fieldColumns maps the domain's fields to the template's columns.
var fieldColumns = map[string]string{"title": "title", "description": "description", "product": "product",
	"lead_person_id": "lead_person", "assigner_id": "lead_person", "lead_unit_id": "lead_unit", "coordinators": "coordinators",
	"deadline": "deadline", "priority": "priority", "weight": "weight", "plan_id": "plan", "checklist": "checklist"}

var indexed = regexp.MustCompile(`\[\d+\].*$`)

// columnOf is the column an Invalid error of the domain is about.
func columnOf(err error) string {
	if e := apperr.As(err); e != nil {
		if c, ok := fieldColumns[indexed.ReplaceAllString(e.Field, "")]; ok {
			return c
		}
	}
	return "title"
}

// XLSXType is the media type the file input accepts.
func (p *TaskImportPage) XLSXType() string { return xlsxType }
