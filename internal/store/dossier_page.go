package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
	"congvu/internal/dossier"
	"congvu/internal/fold"
)

// FindDossierPage returns one page of the dossiers f selects, in the order
// dossier.SortOf(f) names, for every list of dossiers: the desk's, an
// official's, a head's and the director's, with any filter, a search, and
// "dossiers I handled".
//
// Pages are keyset pages: each one continues after the last row of the one
// before (f.After, the Page.Next it returned) and reads an index in its own
// order, so no page sorts the rows it selects and the thousandth page costs
// what the first does; FindDossiers' OFFSET read every row before the page
// and its open queues sorted every open dossier of the units asked for. On
// SQLite the index is named (INDEXED BY, or NOT INDEXED for the table's own
// newest-first order), as congvu does not run ANALYZE; migration 0017 adds
// the indexes (TestDossierPagePlans checks the plans).
//
// The total is counted up to dossier.TotalCap: exact for a list that
// short, "more than TotalCap" otherwise, so that counting never reads more
// than that many rows of the index the page reads.
//
// Errors: Invalid (field "after") for a cursor this list did not make.
func (db *DB) FindDossierPage(ctx context.Context, f dossier.Filter) (dossier.Page, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	sort := dossier.SortOf(f)
	after, err := parseCursor(f.After, sort)
	if err != nil {
		return dossier.Page{}, err
	}
	l, err := db.dossierList(ctx, f, sort)
	if err != nil {
		return dossier.Page{}, err
	}
	var rows []dossier.Summary
	var keys []cursor
	if f.HandledBy != 0 {
		rows, keys, err = db.handledPage(ctx, l, f.HandledBy, after, limit+1)
	} else {
		rows, keys, err = db.listPage(ctx, l, after, limit+1)
	}
	if err != nil {
		return dossier.Page{}, err
	}
	p := dossier.Page{Rows: rows}
	if len(rows) > limit {
		p.Rows = rows[:limit]
		p.Next = keys[limit-1].String(sort)
	}
	if f.SkipTotal {
		return p, nil
	}
	if p.Total, p.TotalCapped, err = db.countList(ctx, l, f.HandledBy); err != nil {
		return dossier.Page{}, err
	}
	return p, nil
}

// dossierList is a list's query before its page: what it reads from,
// which rows, and in which order.
type dossierList struct {
	sort  dossier.Sort
	from  string // FROM clause, with the index it reads on SQLite
	where []string
	args  []any
	mode  []any
	// order is the ORDER BY; keyCol the column whose value, with d.id,
	// makes the cursor (empty for SortNewest: the id alone).
	order, keyCol string
	// searchRowid: on SQLite a search reads the trigram index newest
	// first, by its rowid (the id negated), and continues after it.
	searchRowid bool
	// count is the list as its count reads it, when that differs: a
	// search the sample finds common fills a page from the newest rows,
	// but counting that way would read the whole table; the count asks
	// the trigram index.
	count *dossierList
}

// openCond is what the partial indexes of open dossiers hold (0003,
// 0017): received (a dossier has a statutory due from its receipt on,
// dossier.Apply) and neither completed nor closed. The due stands for the
// receipt because it is in every one of those indexes: counting an
// agency's open dossiers then reads the index alone, where checking
// received_at read each row (66 ms for 10,000 on PostgreSQL).
const openCond = "d.statutory_due_at IS NOT NULL AND d.completed_at IS NULL AND d.closed_at IS NULL"

func (db *DB) dossierList(ctx context.Context, f dossier.Filter, sort dossier.Sort) (dossierList, error) {
	l := dossierList{sort: sort}
	add := func(cond string, args ...any) {
		l.where = append(l.where, cond)
		l.args = append(l.args, args...)
	}
	inList := func(col string, ids []int64) {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		if len(ids) == 0 {
			add("1 = 0") // an empty list of units selects nothing
			return
		}
		add(col+" IN ("+placeholders(len(ids))+")", args...)
	}
	if f.AgencyID != 0 {
		add("d.agency_id = ?", f.AgencyID)
	}
	if f.UnitIDs != nil {
		inList("d.current_unit_id", f.UnitIDs)
	}
	if f.LeadUnitIDs != nil {
		inList("d.lead_unit_id", f.LeadUnitIDs)
	}
	if f.HandlerID != 0 {
		add("d.handler_id = ?", f.HandlerID)
	}
	now := f.Now
	if now.IsZero() {
		now = db.now()
	}
	open := f.Open || f.Overdue || f.DueSoon
	if open {
		add(openCond)
	}
	if !f.DueBefore.IsZero() {
		add("d.statutory_due_at < ?", Micro(f.DueBefore))
	}
	if f.Overdue {
		add("d.statutory_due_at < ? AND NOT (d.paused_at IS NOT NULL AND d.paused_at < d.statutory_due_at)", Micro(now))
	}
	if f.DueSoon {
		add("d.statutory_due_at > ? AND d.statutory_due_at <= ? AND d.paused_at IS NULL", Micro(now), Micro(now.Add(24*time.Hour)))
	}
	if t := f.DueOn[0]; !t.IsZero() {
		add("d.statutory_due_at >= ?", Micro(t))
	}
	if t := f.DueOn[1]; !t.IsZero() {
		add("d.statutory_due_at < ?", Micro(t))
	}
	if f.Procedure != "" {
		add("d.procedure_code = ?", f.Procedure)
	}
	if len(f.Statuses) > 0 {
		args := make([]any, len(f.Statuses))
		for i, st := range f.Statuses {
			args[i] = int(st)
		}
		add("d.status IN ("+placeholders(len(args))+")", args...)
	}
	if t := f.ReceivedOn[0]; !t.IsZero() {
		add("d.received_at >= ?", Micro(t))
	}
	if t := f.ReceivedOn[1]; !t.IsZero() {
		add("d.received_at < ?", Micro(t))
	}
	sqlite := db.d.name() == "sqlite"
	l.from = "dossiers d"
	switch sort {
	case dossier.SortDue:
		l.order, l.keyCol = "d.statutory_due_at, d.id", "d.statutory_due_at"
		if sqlite && f.AgencyID != 0 {
			l.from += db.d.indexedBy(dueIndex(f, open))
		}
	case dossier.SortReceived:
		l.order, l.keyCol = "d.received_at DESC, d.id DESC", "d.received_at"
		if sqlite && f.AgencyID != 0 {
			l.from += db.d.indexedBy("dossiers_agency_received")
		}
	default:
		l.order = "d.id DESC"
		switch {
		case sqlite && f.HandlerID != 0 && f.HandledBy == 0:
			l.from += db.d.indexedBy("dossiers_handler_newest") // 0029
		case sqlite && len(f.UnitIDs) == 1 && f.HandledBy == 0:
			l.from += db.d.indexedBy("dossiers_unit_newest")
		case sqlite && f.Procedure != "" && f.AgencyID != 0 && f.HandledBy == 0:
			l.from += db.d.indexedBy("dossiers_agency_procedure")
		case sqlite && len(f.Statuses) == 1 && f.AgencyID != 0 && f.HandledBy == 0:
			l.from += db.d.indexedBy("dossiers_agency_status")
		case sqlite:
			l.from += " NOT INDEXED" // the table itself, newest first
		}
	}
	if lo, hi, ok := codePrefix(f.Query); ok && !db.before.codeByWord {
		// A dossier's code, as read off a receipt: the dossiers whose code
		// begins with it, from the index of codes (0050), newest first.
		// The trigram index paid for the code's every trigram, each in
		// nearly every row (28–37 ms a page at 10,000,000 dossiers). The
		// text is still checked as a search checks it.
		text := fold.String(strings.TrimSpace(f.Query))
		if sqlite {
			l.from = "dossiers d" + db.d.indexedBy("dossiers_code_prefix")
			add("d.code >= ? AND d.code < ? AND instr(d.search_text, ?) > 0", lo, hi, text)
		} else {
			add("d.code ~>=~ ? AND d.code ~<~ ? AND strpos(d.search_text, ?) > 0", lo, hi, text)
		}
	} else if words := searchWords(f.Query); len(words) > 0 {
		var s wordSearch
		if f.HandledBy == 0 {
			var err error
			if s, err = db.searchAllWords(ctx, &db.dossierTri, "dossier_search", "d", words, true); err != nil {
				return l, err
			}
		}
		if s.ok {
			base := l
			base.where, base.args = append([]string(nil), l.where...), append([]any(nil), l.args...)
			l.from = s.from + "dossiers d" + s.on
			add(s.cond, s.args...)
			l.mode = s.mode
			l.searchRowid = sqlite
			if !sqlite {
				r, err := db.searchAllWords(ctx, &db.dossierTri, "dossier_search", "d", words, true, true)
				if err != nil {
					return l, err
				}
				base.from = r.from + "dossiers d" + r.on
				base.where, base.args = append(base.where, r.cond), append(base.args, r.args...)
				base.mode = r.mode
				l.count = &base
			}
		} else {
			cond, args := wordsLike("d", words)
			add(cond, args...)
		}
	}
	return l, nil
}

// codeShape is a dossier code's beginning (dossier.FormatCode), folded:
// the agency's code, the day of receipt and at least one digit of the
// number; what may follow is digits and dashes.
var codeShape = regexp.MustCompile(`^\d{3}\.\d{2}\.\d{2}\.[a-z][0-9a-z]{2}-\d{6}-\d[0-9-]*$`)

// codePrefix reads a search for one word shaped as a dossier code (typed
// in either case) as the range of codes that begin with it: lo <= code <
// hi, compared byte by byte.
func codePrefix(q string) (lo, hi string, ok bool) {
	q = fold.String(strings.TrimSpace(q))
	if !codeShape.MatchString(q) {
		return "", "", false
	}
	lo = strings.ToUpper(q)
	return lo, lo[:len(lo)-1] + string(lo[len(lo)-1]+1), true
}

// dueIndex is the index an urgent-first list reads on SQLite: an
// official's open dossiers, or one unit's, from their own index; any other
// open list (several units, the agency) from the agency's, which holds the
// unit, lead unit, handler and pause, so that rows of other units are
// skipped in the index; a due range over all dossiers from the agency's
// due index.
func dueIndex(f dossier.Filter, open bool) string {
	switch {
	case !open:
		return "dossiers_agency_due"
	case f.HandlerID != 0:
		return "dossiers_open_handler"
	case len(f.UnitIDs) == 1 && f.LeadUnitIDs == nil:
		return "dossiers_open_unit"
	}
	return "dossiers_open_agency"
}

// listPage reads up to n rows of l after the cursor.
func (db *DB) listPage(ctx context.Context, l dossierList, after cursor, n int) ([]dossier.Summary, []cursor, error) {
	q, args := l.pageSQL(after, n)
	return db.queryPage(ctx, l, q, args)
}

// pageSQL is the query of up to n rows of l after the cursor.
func (l dossierList) pageSQL(after cursor, n int) (string, []any) {
	where, args := append([]string(nil), l.where...), append([]any(nil), l.args...)
	if after.set {
		c, a := l.afterCond(after)
		where, args = append(where, c), append(args, a...)
	}
	order := l.order
	if l.searchRowid {
		order = "s.rowid"
	}
	q := "SELECT " + summaryCols + l.keySelect() + " FROM " + l.from + " JOIN procedures p ON p.id = d.procedure_id"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + order + " LIMIT " + strconv.Itoa(n)
	return q, args
}

// keySelect adds the cursor's key column after summaryCols.
func (l dossierList) keySelect() string {
	if l.keyCol == "" {
		return ", 0"
	}
	return ", " + l.keyCol
}

// afterCond continues after the cursor in the list's order. The key's
// range comes first, so that the index is entered at the cursor; only
// the rows of the same key are told apart by id.
func (l dossierList) afterCond(c cursor) (string, []any) {
	switch {
	case l.searchRowid:
		return "s.rowid > ?", []any{-c.id}
	case l.keyCol == "":
		return "d.id < ?", []any{c.id}
	case l.sort == dossier.SortReceived:
		return l.keyCol + " <= ? AND (" + l.keyCol + " < ? OR d.id < ?)", []any{c.key, c.key, c.id}
	}
	return l.keyCol + " >= ? AND (" + l.keyCol + " > ? OR d.id > ?)", []any{c.key, c.key, c.id}
}

func (db *DB) queryPage(ctx context.Context, l dossierList, q string, args []any) ([]dossier.Summary, []cursor, error) {
	rows, err := db.query(ctx, q, append(append([]any(nil), l.mode...), args...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("find dossier page: %w", err)
	}
	defer rows.Close()
	var out []dossier.Summary
	var keys []cursor
	for rows.Next() {
		var s dossier.Summary
		var c cursor
		var key nullInt
		var received, due, appointed, paused, completed nullInt
		var result string
		if err := rows.Scan(&s.Code, &s.ProcedureCode, &s.ProcedureName, &s.ApplicantName, &s.Status, &s.Channel, &received, &due, &appointed,
			&paused, &s.CurrentUnitID, &s.HandlerID, &s.LeadUnitID, &completed, &result, &s.Version, &c.id, &key); err != nil {
			return nil, nil, err
		}
		s.ReceivedAt, s.StatutoryDue, s.AppointedDue, s.CompletedAt = received.time(), due.time(), appointed.time(), completed.time()
		if paused.Valid {
			t := paused.time()
			s.PausedAt = &t
		}
		s.Result = resultFromCode(result)
		c.key, c.set = key.Int64, true
		out = append(out, s)
		keys = append(keys, c)
	}
	return out, keys, rows.Err()
}

// handledBatch is how many of a person's dossiers are read from their
// events at a time for "dossiers I handled".
const handledBatch = 200

// handledPage reads up to n of the dossiers the person recorded an action
// on, newest first, that l selects: the person's events are read in the
// order of their index (actor, dossier), a batch at a time, and the
// dossiers of each batch are checked against the list's filter.
func (db *DB) handledPage(ctx context.Context, l dossierList, person int64, after cursor, n int) ([]dossier.Summary, []cursor, error) {
	var out []dossier.Summary
	var keys []cursor
	last := int64(-1)
	if after.set {
		last = after.id
	}
	for len(out) < n {
		q := "SELECT DISTINCT dossier_id FROM dossier_events WHERE actor_id = ?"
		args := []any{person}
		if last >= 0 {
			q += " AND dossier_id < ?"
			args = append(args, last)
		}
		rows, err := db.query(ctx, q+" ORDER BY dossier_id DESC LIMIT "+strconv.Itoa(handledBatch), args...)
		if err != nil {
			return nil, nil, fmt.Errorf("find handled dossiers: %w", err)
		}
		ids, err := collectRows(rows, scanValue[int64])
		if err != nil {
			return nil, nil, fmt.Errorf("find handled dossiers: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		last = ids[len(ids)-1]
		idArgs := make([]any, len(ids))
		for i, id := range ids {
			idArgs[i] = id
		}
		q = db.handledBatchSQL(l, len(ids), n-len(out))
		part, pk, err := db.queryPage(ctx, dossierList{}, q, append(append([]any(nil), l.args...), idArgs...))
		if err != nil {
			return nil, nil, err
		}
		out, keys = append(out, part...), append(keys, pk...)
		if len(ids) < handledBatch {
			break
		}
	}
	return out, keys, nil
}

// handledBatchSQL reads up to n of a batch of ids dossiers that l
// selects, newest first. On SQLite each is read by its id (NOT INDEXED):
// without statistics SQLite read the agency's every dossier from an index
// of the agency and sorted them (4 s a page at 1,000,000 dossiers).
func (db *DB) handledBatchSQL(l dossierList, ids, n int) string {
	where := append(append([]string(nil), l.where...), "d.id IN ("+placeholders(ids)+")")
	from := "dossiers d"
	if db.d.name() == "sqlite" {
		from += " NOT INDEXED"
	}
	return "SELECT " + summaryCols + ", 0 FROM " + from + " JOIN procedures p ON p.id = d.procedure_id WHERE " + strings.Join(where, " AND ") +
		" ORDER BY d.id DESC LIMIT " + strconv.Itoa(n)
}

// countList counts the list's dossiers up to dossier.TotalCap, and says
// whether there are more.
func (db *DB) countList(ctx context.Context, l dossierList, handledBy int64) (int, bool, error) {
	limit := db.countCap()
	q, args := l.countSQL(handledBy, limit)
	var n int
	if err := db.queryRow(ctx, q, args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("count dossiers: %w", err)
	}
	if n > limit {
		return limit, true, nil
	}
	return n, false, nil
}

// countCap is dossier.TotalCap, or the benchmarks' baseline's.
func (db *DB) countCap() int {
	if db.before.cap > 0 {
		return db.before.cap
	}
	return dossier.TotalCap
}

// countSQL is the query counting the list up to limit+1, with its
// arguments (the mode first).
func (l dossierList) countSQL(handledBy int64, limit int) (string, []any) {
	if l.count != nil {
		l = *l.count
	}
	from, where, args := l.from, l.where, l.args
	// A count needs no order: the table's own newest-first order is not
	// imposed on it (NOT INDEXED), so that an index serving its filter may
	// be used. The index named for an ordered list stays: SQLite without
	// statistics picked worse ones (1.7 s for the desk's open dossiers).
	from = strings.TrimSuffix(from, " NOT INDEXED")
	q := "SELECT 1 FROM " + from
	if handledBy != 0 {
		// The person's dossiers in the order of their index (actor,
		// dossier), each once, checked against the list and stopped after
		// the cap: "id IN (their events)" first collected every event of
		// the person (a clerk's are millions at full size).
		q = "SELECT DISTINCT e.dossier_id FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id"
		where = append([]string{"e.actor_id = ?"}, where...)
		args = append([]any{handledBy}, args...)
	}
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q = "SELECT count(*) FROM (" + q + " LIMIT " + strconv.Itoa(limit+1) + ") t"
	return q, append(append([]any(nil), l.mode...), args...)
}

// cursor is where a page ends: the key of its order (an instant in
// microseconds; none for newest first) and the dossier's id.
type cursor struct {
	set     bool
	key, id int64
}

// String writes the cursor for sort: a letter naming the order, then
// key and id.
func (c cursor) String(sort dossier.Sort) string {
	return sortLetter(sort) + strconv.FormatInt(c.key, 36) + "." + strconv.FormatInt(c.id, 36)
}

func sortLetter(s dossier.Sort) string {
	switch s {
	case dossier.SortDue:
		return "d"
	case dossier.SortReceived:
		return "r"
	}
	return "n"
}

// parseCursor reads a cursor made by String for the same order.
func parseCursor(s string, sort dossier.Sort) (cursor, error) {
	if s == "" {
		return cursor{}, nil
	}
	bad := apperr.Invalidf("after", "con trỏ trang after không hợp lệ cho danh sách này: hãy dùng giá trị next của trang trước",
		"the page cursor after is not valid for this list: pass the next value of the page before")
	rest, ok := strings.CutPrefix(s, sortLetter(sort))
	if !ok {
		return cursor{}, bad
	}
	k, i, ok := strings.Cut(rest, ".")
	if !ok {
		return cursor{}, bad
	}
	key, err1 := strconv.ParseInt(k, 36, 64)
	id, err2 := strconv.ParseInt(i, 36, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return cursor{}, bad
	}
	return cursor{set: true, key: key, id: id}, nil
}
