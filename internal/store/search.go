package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"congvu/internal/fold"
	"github.com/jackc/pgx/v5"
)

// textSearch finds, through a trigram index (migrations 0009 and 0010),
// the rows whose folded search_text contains a query:
//
//	SELECT … FROM <from><table alias><on> … WHERE <cond> ORDER BY <newestFirst>
//
// with args for the condition's placeholders and mode before all
// arguments; a search asked for in a list's own order may have no from.
type textSearch struct {
	from, on    string
	cond        string
	args        []any
	newestFirst string
	mode        []any
}

// A search asks the index for the query's searchTrigrams rarest trigrams
// and checks each row it yields against the whole query. Asking for every
// trigram of a long query (a company's full name has forty, most of them
// in half the rows) made the index intersect forty long lists: 140 ms at
// a million dossiers, where four rare ones take under 10 ms.
const searchTrigrams = 4

// searchHint is what the sample of a table's newest rows says of a query.
type searchHint struct {
	rarest []string // the query's distinct trigrams, the least common first; nil when it is shorter than a trigram
	common bool     // at least one sampled row in commonEvery contains the whole query
}

// commonEvery: a query found at least this often among the newest rows
// fills a page by reading the table newest first, in fewer rows than its
// trigrams' lists hold.
const commonEvery = 1000

// searchHint asks the sample of the table about the folded query q.
func (db *DB) searchHint(ctx context.Context, s *trigramSample, q string) (searchHint, error) {
	ts := trigrams(q)
	if len(ts) == 0 {
		return searchHint{}, nil
	}
	count, texts, err := s.get(ctx, db)
	if err != nil {
		return searchHint{}, err
	}
	slices.SortStableFunc(ts, func(a, b string) int { return count[a] - count[b] })
	found := 0
	for _, t := range texts {
		if strings.Contains(t, q) {
			found++
		}
	}
	return searchHint{rarest: ts, common: found*commonEvery >= max(len(texts), commonEvery)}, nil
}

// trigrams are the distinct runs of three characters of s, in order.
func trigrams(s string) []string {
	r := []rune(s)
	var out []string
	for i := 0; i+3 <= len(r); i++ {
		if t := string(r[i : i+3]); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// trigramSample counts, for each trigram, the rows of a table's newest
// trigramSampleRows that contain it. Stale counts only make a search
// choose less well, never wrongly, so they are taken again only every
// trigramSampleAge.
type trigramSample struct {
	table string
	mu    sync.Mutex
	count map[string]int
	texts []string
	taken time.Time
}

const (
	trigramSampleRows = 5000
	trigramSampleAge  = 10 * time.Minute
)

func (s *trigramSample) get(ctx context.Context, db *DB) (map[string]int, []string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.count != nil && time.Since(s.taken) < trigramSampleAge {
		return s.count, s.texts, nil
	}
	rows, err := db.query(ctx, fmt.Sprintf("SELECT search_text FROM %s ORDER BY id DESC LIMIT %d", s.table, trigramSampleRows))
	if err != nil {
		return nil, nil, fmt.Errorf("sample %s for search: %w", s.table, err)
	}
	texts, err := collectRows(rows, scanValue[string])
	if err != nil {
		return nil, nil, fmt.Errorf("sample %s for search: %w", s.table, err)
	}
	count := make(map[string]int, 4096)
	for _, t := range texts {
		for _, tri := range trigrams(t) {
			count[tri]++
		}
	}
	s.count, s.texts, s.taken = count, texts, time.Now()
	return count, texts, nil
}

// search on SQLite drives the query from the FTS5 trigram table, which
// holds each row under its id negated: it yields the rows that hold the
// query's rarest trigrams newest first, the table's own text is checked
// against the whole query, and it stops at the page's end, so a common
// word costs a page and a rare one only its own rows. CROSS JOIN keeps
// SQLite from putting the table first and asking the index once per row.
//
// In a list's own order, a rare query drives the same way and its few rows
// are sorted after; a common one is checked row by row along that order,
// which finds a page soon.
func (sqliteDialect) search(index, alias, query string, hint searchHint, newestFirst bool) (textSearch, bool) {
	rarest := hint.rarest
	if len(rarest) == 0 {
		return textSearch{}, false
	}
	terms := make([]string, 0, searchTrigrams)
	for _, t := range rarest[:min(len(rarest), searchTrigrams)] {
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`) // FTS5 syntax in a query is text
	}
	exact := "instr(" + alias + ".search_text, ?) > 0"
	if !newestFirst && hint.common {
		return textSearch{cond: exact, args: []any{fold.String(query)}}, true
	}
	return textSearch{
		from:        index + " s CROSS JOIN ",
		on:          " ON " + alias + ".id = -s.rowid",
		cond:        "s." + index + " MATCH ? AND " + exact,
		args:        []any{strings.Join(terms, " AND "), fold.String(query)},
		newestFirst: "s.rowid",
	}, true
}

// search on PostgreSQL, newest first or in a list's own order: a query
// common among the newest rows is matched row by row and fills its page
// soon; any other asks the GIN trigram index for rows containing its
// rarest trigrams made of letters and digits only (pg_trgm indexes
// words). The whole query is
// checked in a form the planner does not hand to the index (GIN pays for
// each long list it intersects: 90 ms for a dossier code's every
// trigram), and whose estimate steers the plan the sample chose: strpos,
// which the planner takes to hold for a third of the rows, for a common
// query (as a LIKE pattern, judged rare by its length, it made the planner
// read the whole table for "giay chung nhan" instead of the newest few
// hundred rows: 520 ms); LIKE on an expression, judged rare, for a rare
// one (with strpos it read the table newest first to the end for a query
// matching nothing: 640 ms). Each query is planned for its own values
// (QueryExecModeExec, an unnamed statement), where a plan cached for one
// would be wrong for another.
func (postgresDialect) search(_, alias, query string, hint searchHint, _ bool) (textSearch, bool) {
	if len(hint.rarest) == 0 {
		return textSearch{}, false
	}
	if hint.common {
		return textSearch{
			cond:        "strpos(" + alias + ".search_text, ?) > 0",
			args:        []any{fold.String(query)},
			newestFirst: alias + ".id DESC",
			mode:        []any{pgx.QueryExecModeExec},
		}, true
	}
	var conds []string
	var args []any
	for _, t := range hint.rarest {
		if len(conds) == searchTrigrams {
			break
		}
		if strings.IndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) < 0 {
			conds = append(conds, alias+".search_text LIKE ?")
			args = append(args, "%"+t+"%")
		}
	}
	conds = append(conds, "("+alias+`.search_text || '') LIKE ? ESCAPE '\'`)
	args = append(args, fold.LikePattern(query))
	return textSearch{
		cond:        strings.Join(conds, " AND "),
		args:        args,
		newestFirst: alias + ".id DESC",
		mode:        []any{pgx.QueryExecModeExec},
	}, true
}
