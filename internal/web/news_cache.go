package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"congvu/internal/news"
)

// The portal's article and home pages at thousands a second (issue #15
// item 10; BENCHMARKS.md, "The portal over HTTP"): most of a page's time was
// the template and a query for what had not changed. So what the public
// pages read is kept (publicEntry) while the store's news generation has
// not moved — it moves on every change of an article or of its stored views,
// on any node (store.NewsGeneration) — and for publicFresh at most; and
// each page is kept rendered (slotPage) for an anonymous reader, with
// its counts left as slots filled in per request, so that the view count
// shown and the footer's counts are those of the moment, as before.

// publicFresh is how long what a public page read is used without asking
// the store again, changes heard of or not: for what changes with time
// alone (an article scheduled for publication appears within it) and for
// a SQLite file another process writes.
const publicFresh = time.Second

// publicListPages are the list pages kept, per section: the first few,
// which readers open; the others, and searches, are read each time.
const publicListPages = 3

// publicKeptMax bounds the reads kept (each with up to a rendered page per
// language, tens of KB): past it they are all dropped and kept afresh, so
// that a crawler reading every article of the years does not keep them all.
const publicKeptMax = 500

// newsGenerations is the store's news generation (*store.DB); a store
// without it gets nothing kept.
type newsGenerations interface {
	NewsGeneration() (gen int64, ok bool)
}

// publicKey is a public page's read: an article's, by slug, or a list page's.
type publicKey struct {
	slug string
	cat  news.Category
	page int
}

// publicEntry is what a public page read, with its rendered pages.
type publicEntry struct {
	gen     int64
	at      time.Time
	article news.Article
	cover   *news.Image // the article's cover, when it has one
	list    []news.Article
	total   int
	// ident is what the rendered pages show of it (ids, versions, the
	// total): a fresh read with the same keeps them.
	ident string
	pages sync.Map // language → *slotPage
}

// keptRead returns the entry of key, read again by fetch unless the kept
// one is still good. An error (a 404) is never kept.
func (s *Server) keptRead(ctx context.Context, key publicKey, fetch func(ctx context.Context, e *publicEntry) error) (*publicEntry, error) {
	var gen int64
	ok := false
	if g, has := s.deps.Store.(newsGenerations); has {
		gen, ok = g.NewsGeneration()
	}
	now := s.deps.Now()
	if ok {
		if v, found := s.kept.Load(key); found {
			e := v.(*publicEntry)
			if e.gen == gen && !now.Before(e.at) && now.Sub(e.at) < publicFresh {
				return e, nil
			}
		}
	}
	e := &publicEntry{gen: gen, at: now}
	if err := fetch(ctx, e); err != nil {
		return nil, err
	}
	if !ok {
		return e, nil
	}
	if v, found := s.kept.Load(key); found && v.(*publicEntry).ident == e.ident {
		v.(*publicEntry).pages.Range(func(k, p any) bool { e.pages.Store(k, p); return true })
	}
	if _, replaced := s.kept.Swap(key, e); !replaced && s.keptN.Add(1) > publicKeptMax {
		s.kept.Clear()
		s.keptN.Store(0)
	}
	return e, nil
}

// articleIdent and listIdent are what the rendered pages depend on.
func articleIdent(a news.Article) string {
	return strconv.FormatInt(a.ID, 10) + "/" + strconv.FormatInt(a.Version, 10) + "/" + strconv.FormatInt(a.CoverImageID, 10)
}

func listIdent(list []news.Article, total int) string {
	b := strconv.AppendInt(nil, int64(total), 10)
	for _, a := range list {
		b = append(b, ' ')
		b = strconv.AppendInt(b, a.ID, 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, a.Version, 10)
	}
	return string(b)
}

// keepable reports whether the page may be served from its rendered
// copy: a reader without a session, a flash or a query of their own, at
// the page's own address (the language switch returns there).
func keepable(b *BasePage, path string) bool {
	return b.User == nil && b.CSRF == "" && b.Flash == "" && b.Path == path && b.Site != nil
}

// slotBase numbers the slots while a page is rendered to be kept: the
// count in slot i is rendered as fmtNum(slotBase+i), found in the bytes
// and cut out. A page where one is not found exactly once (an article
// that happens to print such a number) is not kept.
const slotBase int64 = 9_087_654_321_000

// slotPage is a page rendered with slots for its counts.
type slotPage struct {
	segs  [][]byte // around the slots, len(order)+1; nil: not keepable
	order []int    // the slot between segs[i] and segs[i+1]
	sum   [32]byte // of the rendered bytes, for the ETag
}

// cutSlots makes the slotPage of body rendered with n slots.
func cutSlots(body []byte, n int) *slotPage {
	type at struct{ pos, slot, len int }
	var cuts []at
	for i := 0; i < n; i++ {
		mark := []byte(fmtNum(slotBase + int64(i)))
		if bytes.Count(body, mark) != 1 {
			return &slotPage{}
		}
		cuts = append(cuts, at{bytes.Index(body, mark), i, len(mark)})
	}
	slices.SortFunc(cuts, func(a, b at) int { return a.pos - b.pos })
	p := &slotPage{sum: sha256.Sum256(body)}
	prev := 0
	for _, c := range cuts {
		p.segs = append(p.segs, body[prev:c.pos])
		p.order = append(p.order, c.slot)
		prev = c.pos + c.len
	}
	p.segs = append(p.segs, body[prev:])
	return p
}

var slotBuffers = sync.Pool{New: func() any { return new([]byte) }}

// write serves the page with the slots' values: its ETag is of the
// rendered bytes and the values, so it changes exactly when the page does.
func (p *slotPage) write(w http.ResponseWriter, r *http.Request, cache string, values []int64) error {
	bp := slotBuffers.Get().(*[]byte)
	defer slotBuffers.Put(bp)
	b := (*bp)[:0]
	tag := append(make([]byte, 0, 32+8*len(values)), p.sum[:]...)
	for _, v := range values {
		tag = binary.BigEndian.AppendUint64(tag, uint64(v))
	}
	sum := sha256.Sum256(tag)
	for i, seg := range p.segs {
		b = append(b, seg...)
		if i < len(p.order) {
			b = append(b, fmtNum(values[p.order[i]])...)
		}
	}
	*bp = b
	return writeTagged(w, r, "text/html; charset=utf-8", cache, `"`+base64.RawURLEncoding.EncodeToString(sum[:12])+`"`, b)
}

// keptPage serves e's page in b's language from its rendered copy,
// rendering it first (render fills the page with the slots' marks); false
// when the page cannot be kept (then the caller renders it in full).
func (s *Server) keptPage(w http.ResponseWriter, r *http.Request, e *publicEntry, lang string, values []int64,
	render func(slot func(int) int64) (string, any)) (bool, error) {
	var p *slotPage
	if v, ok := e.pages.Load(lang); ok {
		p = v.(*slotPage)
	} else {
		name, page := render(func(i int) int64 { return slotBase + int64(i) })
		t, ok := s.pages[name]
		if !ok {
			return false, nil
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, "layout", page); err != nil {
			return false, err
		}
		p = cutSlots(buf.Bytes(), len(values))
		e.pages.Store(lang, p)
	}
	if p.segs == nil {
		return false, nil
	}
	return true, p.write(w, r, "no-cache", values)
}
