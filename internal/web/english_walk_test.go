package web_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"congvu/internal/investment"
	"congvu/internal/review"
	"congvu/internal/web"
)

// vietnamese matches a letter only Vietnamese writes (a vowel with its
// mark, or đ): English text has none.
var vietnamese = regexp.MustCompile(`[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]`)

var (
	enSkipRe   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->`)
	enTextRe   = regexp.MustCompile(`>([^<]+)<`)
	enAttrRe   = regexp.MustCompile(`\s(?:title|placeholder|aria-label|alt)="([^"]*)"`)
	enSpacesRe = regexp.MustCompile(`\s+`)
	// enAllowedRe is what an English page writes in Vietnamese: the
	// product's name, the province's, the đồng, abbreviations (a unit's ĐKKD) and the
	// names and numbers of legal documents (Nghị định số 335/2025/NĐ-CP,
	// 766/QĐ-TTg: a rule set's basis is written as the document is titled).
	enAllowedRe = regexp.MustCompile(`Công vụ|Bắc Ninh|đồng|[\d.]+ đ|[\d/]*[A-ZĐ][A-ZĐ&-]*[A-ZĐ]|(?:^|[\s(])(?:NĐ|QĐ)(?:\s|$)|“[^”]*”|(?:Nghị định|Quyết định|Thông tư|Luật|Chỉ thị) số [^\s,]+(?:, sửa đổi bởi)?`)
)

// TestEnglishPages walks every page of the accessibility walk in English
// and fails on any text a user reads (text and the attributes a screen
// reader speaks) that is still Vietnamese, once the records' own words
// (names, titles: what the journal holds) are taken out.
func TestEnglishPages(t *testing.T) {
	w := newLayoutWorld(t)
	data := recordedWords(t, w)
	found := map[string][]string{}
	for who, pages := range w.walk() {
		var u *user
		if who == "" {
			u = w.a.anonymous(t)
		} else {
			u = w.a.login(t, who)
		}
		for _, p := range pages {
			path := p.path
			if strings.Contains(path, "?") {
				path += "&lang=en"
			} else {
				path += "?lang=en"
			}
			res := u.do("GET", path, nil, false)
			for _, s := range untranslated(res.body, data) {
				found[s] = append(found[s], who+" "+p.pattern)
			}
		}
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		pages := slices.Compact(found[k])
		t.Errorf("not in English: %q (%s)", k, strings.Join(pages[:min(3, len(pages))], "; "))
	}
}

// untranslated returns the pieces of a page's text that are Vietnamese
// once the recorded words are removed.
func untranslated(page string, data []string) []string {
	page = enSkipRe.ReplaceAllString(page, " ")
	var pieces []string
	for _, m := range enTextRe.FindAllStringSubmatch(page, -1) {
		pieces = append(pieces, m[1])
	}
	for _, m := range enAttrRe.FindAllStringSubmatch(page, -1) {
		pieces = append(pieces, m[1])
	}
	var out []string
	for _, p := range pieces {
		p = strings.TrimSpace(enSpacesRe.ReplaceAllString(html.UnescapeString(p), " "))
		if !vietnamese.MatchString(p) {
			continue
		}
		if strings.HasPrefix(p, "Columns: ") || strings.Contains(p, "e.g. ") || strings.HasPrefix(p, "E.g. ") {
			continue // the Vietnamese headers of a file, an example of what to type
		}
		rest := p
		for _, d := range data {
			if strings.Contains(rest, d) {
				rest = strings.ReplaceAll(rest, d, " ")
			}
		}
		rest = enAllowedRe.ReplaceAllString(rest, " ")
		if vietnamese.MatchString(rest) {
			out = append(out, p)
		}
	}
	return out
}

// recordedWords are the strings the records hold (every text cell of a
// copy of the database), longest first, so that a name inside a title
// goes with it.
func recordedWords(t *testing.T, w *layoutWorld) []string {
	ctx := context.Background()
	copyAt := filepath.Join(t.TempDir(), "copy.db")
	if err := w.a.db.BackupSQLite(ctx, copyAt); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", copyAt)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	set := map[string]bool{}
	add := func(x string) {
		var v any
		if json.Unmarshal([]byte(x), &v) == nil {
			addJSON(set, v)
			return
		}
		for _, line := range strings.Split(x, "\n") {
			// A line of Markdown (an article's body) without its marks.
			if line = strings.TrimLeft(strings.TrimSpace(line), "#>*-0123456789. "); len(line) > 1 {
				set[line] = true
			}
		}
	}
	for _, tb := range tables {
		rows, err := db.QueryContext(ctx, `SELECT * FROM "`+tb+`"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				switch x := v.(type) {
				case string:
					add(x)
				case []byte:
					if utf8.Valid(x) {
						add(string(x))
					}
				}
			}
		}
		rows.Close()
	}
	// The checklists' seed versions are records too, kept in the code until
	// the agency saves its own: the Vietnamese texts of its directives.
	for _, c := range review.DefaultChecklists() {
		set[c.Basis] = true
		for _, it := range c.Items {
			set[it.Text] = true
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// addJSON adds every string of a JSON value.
func addJSON(set map[string]bool, v any) {
	switch x := v.(type) {
	case string:
		if x = strings.TrimSpace(x); len(x) > 1 {
			set[x] = true
		}
	case []any:
		for _, e := range x {
			addJSON(set, e)
		}
	case map[string]any:
		for _, e := range x {
			addJSON(set, e)
		}
	}
}

// TestForm01aNoteTranslated: the web's Vietnamese note on form 01a is the
// one the printed form carries.
func TestForm01aNoteTranslated(t *testing.T) {
	if got := web.T("vi", "disb.01a.unverified"); got != investment.Form01aNote {
		t.Errorf("the page's note %q is not the form's %q", got, investment.Form01aNote)
	}
}
