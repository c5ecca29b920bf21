package store

import (
	"context"
	"slices"
	"strings"

	"congvu/internal/fold"
)

// A dossier search matches every word typed, in any order and without
// diacritics: "an nguyen" finds "Nguyễn Văn An", as a clerk types a name
// the way the applicant says it. Before, the whole query had to appear as
// typed, so a full name with its middle name left out, or in another
// order, found nothing.

// maxSearchWords bounds the words of one query that are matched; a longer
// query is someone pasting a paragraph, and its first words decide.
const maxSearchWords = 8

// searchWords are the distinct folded words of a query, longest first
// (the longest is the likeliest to be rare), at most maxSearchWords.
func searchWords(q string) []string {
	var out []string
	for _, w := range strings.Fields(fold.String(q)) {
		if !slices.Contains(out, w) && len(out) < maxSearchWords {
			out = append(out, w)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len([]rune(b)) - len([]rune(a)) })
	return out
}

// wordSearch is a search for every one of words: the table's trigram
// index is asked for the rarest trigrams of all of them (the sample
// decides which), and each row it yields is checked for each word.
type wordSearch struct {
	textSearch
	ok bool // false: no word has a trigram; match row by row
}

// searchAllWords builds the search of words over alias's table through
// its trigram index (search.go). The driving query handed to the dialect
// is the first word; the other words are checked on the row in the same
// form the dialect checks the first (instr on SQLite, strpos or an
// expression LIKE on PostgreSQL).
//
// With rare, the words are looked for through the index even when the
// sample finds them common: what a count needs, which reads every match
// rather than a page of the newest.
func (db *DB) searchAllWords(ctx context.Context, sample *trigramSample, index, alias string, words []string, newestFirst bool, rare ...bool) (wordSearch, error) {
	if len(words) == 0 {
		return wordSearch{}, nil
	}
	count, texts, err := sample.get(ctx, db)
	if err != nil {
		return wordSearch{}, err
	}
	var tris []string
	for _, w := range words {
		for _, t := range trigrams(w) {
			if !slices.Contains(tris, t) {
				tris = append(tris, t)
			}
		}
	}
	if len(tris) == 0 {
		return wordSearch{}, nil
	}
	slices.SortStableFunc(tris, func(a, b string) int { return count[a] - count[b] })
	found := 0
	for _, t := range texts {
		if containsAll(t, words) {
			found++
		}
	}
	hint := searchHint{rarest: tris, common: found*commonEvery >= max(len(texts), commonEvery) && !(len(rare) > 0 && rare[0])}
	s, ok := db.d.search(index, alias, words[0], hint, newestFirst)
	if !ok {
		return wordSearch{}, nil
	}
	for _, w := range words[1:] {
		switch {
		case db.d.name() == "sqlite":
			s.cond += " AND instr(" + alias + ".search_text, ?) > 0"
			s.args = append(s.args, w)
		case hint.common:
			s.cond += " AND strpos(" + alias + ".search_text, ?) > 0"
			s.args = append(s.args, w)
		default:
			s.cond += " AND (" + alias + `.search_text || '') LIKE ? ESCAPE '\'`
			s.args = append(s.args, fold.LikePattern(w))
		}
	}
	return wordSearch{textSearch: s, ok: true}, nil
}

// wordsLike is the row-by-row match of every word, for words too short
// for the trigram index.
func wordsLike(alias string, words []string) (string, []any) {
	var conds []string
	var args []any
	for _, w := range words {
		conds = append(conds, alias+`.search_text LIKE ? ESCAPE '\'`)
		args = append(args, fold.LikePattern(w))
	}
	return strings.Join(conds, " AND "), args
}

func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
