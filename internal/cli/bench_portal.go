package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"congvu/internal/demo"
	"congvu/internal/news"
	"congvu/internal/store"
)

// `congvu bench portal` (issue #15 item 10): the portal's public pages over
// real HTTP/1.1 keep-alive connections at many clients, each request a new
// visitor, and whether the counts are exact afterwards.

const benchPortalUsage = `bench portal [--db PATH | --postgres URL | --target URL [--token TOKEN]] [--clients 64] [--duration 10s] [--warmup 1s] [--scenarios article-off,article,home,upload] [--upload-mb 10] [--article SLUG] [--cpuprofile FILE]

Without --target: prepares a demo database (a new SQLite file in a temporary
directory, or --db PATH, or the PostgreSQL database --postgres URL) with the
demo agency and its news, gives a desk clerk an API token, and for each
scenario starts the real server (congvu serve, in this process, on
127.0.0.1:0, --trusted-proxies 127.0.0.1/32,::1/128, the counts flushed every
2 s as in production), loads it, stops it gracefully (the last flush) and
compares the article's stored view count and the site's stored total of
visits, before and after, with the requests that should have counted.

With --target URL: loads a server already running (the fairer measure on a
small machine: the load generator is another process). Start it, e.g.:
  congvu serve --demo --db /tmp/portal.db --addr 127.0.0.1:8080 --trusted-proxies 127.0.0.1/32
  congvu token create --user motcua        # for the upload scenario
  congvu bench portal --target http://127.0.0.1:8080 --token TOKEN
The counts are then those the server reports (GET /api/v1/public/...:
stored plus not yet flushed), read before and after each scenario; the
server must trust this client's X-Forwarded-For (--trusted-proxies), or
every request is the same visitor and the counts show it. The files the
upload scenario sends stay in that server's file store, unattached, as the
token's owner's: use a server of its own for the measure.

Every request of a client goes over one keep-alive connection and carries
its own X-Forwarded-For (10.x.y.z, a new one each time) and a browser's
User-Agent, so that each is a new visitor: the counter's worst case.
Scenarios, in the order given:
  article-off  GET /tin-tuc/{slug} as a crawler (Googlebot): the same page,
               nothing counted (the baseline); views and visits must not move;
  article      GET /tin-tuc/{slug} by new visitors: each a view and a visit;
  home         GET /tin-tuc, the portal's home, by new visitors: each a visit;
  upload       article, while one more client uploads --upload-mb MB files
               (POST /api/v1/files, a new PDF each time) one after another;
               its p99 is compared with article's.
The scenarios run for --duration each after --warmup (counted, not timed).
The output is a markdown table: requests per second, p50/p95/p99 latency,
the counts expected and found, and the targets of issue #15 (>= 5,000
requests per second, p99 <= 20 ms, counts exact; upload p99 at most 20 %
above article's). --cpuprofile profiles this process during the scenarios
(without --target: the server and the load generator). GOMAXPROCS, as for
any Go program, caps the cores this process uses.`

// portalScenarios are the scenarios bench portal knows, in their default order.
var portalScenarios = []string{"article-off", "article", "home", "upload"}

// benchBrowser and benchCrawler are the user agents of the load: a
// reader's browser (counted) and a search engine's crawler (not counted).
const (
	benchBrowser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	benchCrawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
)

// portalOptions are bench portal's settings.
type portalOptions struct {
	Clients   int
	Duration  time.Duration
	Warmup    time.Duration
	Scenarios []string
	UploadMB  int
	Profile   string // --cpuprofile: written during the scenarios
}

// portalCounts are the counts a scenario reads before and after.
type portalCounts struct{ Views, Visits int64 }

// portalTarget is the server a scenario loads: its address, how to read
// its counts, and how to end it (the graceful stop and last flush).
type portalTarget struct {
	base   string
	counts func(context.Context) (portalCounts, error) // after stop, for a server of our own
	stop   func() error
}

// portalRow is one scenario's line of the table.
type portalRow struct {
	Scenario        string
	Requests        int // timed requests answered 200
	Counted         int64
	Wall            time.Duration
	Lat             []time.Duration
	Errors          int
	FirstErr        error
	WantViews       int64
	WantVisits      int64
	Views, Visits   int64         // the moves found
	CPU             time.Duration // this process's, over the timed part
	Uploads         int
	UploadErr       error
	UploadBytes     int64
	P99Base         float64 // upload: article's p99, for the ratio
	ReadCountsError error
}

func (r portalRow) rps() float64 {
	if r.Wall <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Wall.Seconds()
}

func (r portalRow) pct(p float64) float64 { return benchResult{lat: r.Lat}.pct(p) }

// Exact reports whether the counts moved by exactly what was expected.
func (r portalRow) Exact() bool {
	return r.ReadCountsError == nil && r.Views == r.WantViews && r.Visits == r.WantVisits
}

func (m *Main) benchPortal(ctx context.Context, args []string) error {
	fs := m.flags("bench portal", benchPortalUsage)
	dbPath := fs.String("db", "", "cơ sở dữ liệu SQLite (mặc định: tạo mới) / SQLite database (default: a new one)")
	pg := fs.String("postgres", "", "URL postgres:// của cơ sở dữ liệu PostgreSQL dùng để đo / a PostgreSQL database to run on")
	target := fs.String("target", "", "địa chỉ một máy chủ đang chạy, thay cho máy chủ trong tiến trình này / URL of a running server to load instead")
	token := fs.String("token", "", "mã API của một cán bộ, cho kịch bản upload với --target / a staff API token, for upload with --target")
	slug := fs.String("article", "", "slug của bài viết (mặc định: bài mới nhất) / the article's slug (default: the newest)")
	clients := fs.Int("clients", 64, "số máy khách đồng thời / concurrent clients")
	duration := fs.Duration("duration", 10*time.Second, "thời gian đo mỗi kịch bản / timed length of each scenario")
	warmup := fs.Duration("warmup", time.Second, "thời gian khởi động trước khi đo (có đếm) / warm-up before timing (counted)")
	scen := fs.String("scenarios", strings.Join(portalScenarios, ","), "các kịch bản / the scenarios to run")
	uploadMB := fs.Int("upload-mb", 10, "dung lượng mỗi tệp tải lên, MB / size of each uploaded file in MB")
	profile := fs.String("cpuprofile", "", "ghi hồ sơ CPU của các kịch bản vào tệp / write a CPU profile of the scenarios to a file")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("đối số thừa / unexpected argument %q", pos[0])
	}
	o := portalOptions{Clients: *clients, Duration: *duration, Warmup: *warmup, UploadMB: *uploadMB, Profile: *profile}
	for _, s := range strings.Split(*scen, ",") {
		s = strings.TrimSpace(s)
		if !slices.Contains(portalScenarios, s) {
			return usagef("--scenarios: không có kịch bản %q (%s) / no scenario %q", s, strings.Join(portalScenarios, ", "), s)
		}
		o.Scenarios = append(o.Scenarios, s)
	}
	if o.Clients < 1 || o.Duration <= 0 || o.Warmup < 0 || o.UploadMB < 1 {
		return usagef("--clients, --duration, --upload-mb phải dương / must be positive")
	}
	if *dbPath != "" && *pg != "" || *target != "" && (*dbPath != "" || *pg != "") {
		return usagef("--db, --postgres và --target loại trừ nhau / --db, --postgres and --target exclude each other")
	}
	var rows []portalRow
	var engine string
	load0 := loadAverage()
	var err error
	if *target != "" {
		engine = "máy chủ / server " + *target
		rows, err = m.benchPortalTarget(ctx, strings.TrimRight(*target, "/"), *token, *slug, o)
	} else {
		path := *dbPath
		if *pg != "" {
			path = *pg
		}
		var db *store.DB
		var done func()
		db, path, done, err = m.benchDatabase(ctx, path, "congvu-bench-portal-")
		if err != nil {
			return err
		}
		defer done()
		engine = db.Engine() + " " + store.Redact(path)
		rows, err = m.benchPortalOwn(ctx, db, path, *slug, o)
	}
	if err != nil {
		return err
	}
	writePortalTable(m.Stdout, o, engine, load0, loadAverage(), rows)
	for _, r := range rows {
		if r.Errors > 0 {
			fmt.Fprintf(m.Stdout, "\n%s: %d lỗi / errors, e.g. %v\n", r.Scenario, r.Errors, r.FirstErr)
		}
		if r.UploadErr != nil {
			fmt.Fprintf(m.Stdout, "\n%s: tải lên lỗi / an upload failed: %v\n", r.Scenario, r.UploadErr)
		}
		if r.ReadCountsError != nil {
			fmt.Fprintf(m.Stdout, "\n%s: không đọc được số đếm / the counts cannot be read: %v\n", r.Scenario, r.ReadCountsError)
		}
	}
	return nil
}

// benchPortalOwn runs the scenarios against servers of its own over db,
// one per scenario, each stopped gracefully before its counts are read
// from the store.
func (m *Main) benchPortalOwn(ctx context.Context, db *store.DB, dbURL, slug string, o portalOptions) ([]portalRow, error) {
	if _, err := demo.SeedNews(ctx, db, m.Now()); err != nil {
		return nil, err
	}
	var art int64
	if slug == "" {
		list, _, err := db.Articles(ctx, store.ArticleQuery{Public: true, Now: m.Now(), PerPage: 1})
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, fmt.Errorf("bench portal: no published article")
		}
		slug, art = list[0].Slug, list[0].ID
	} else {
		a, err := db.PublicArticle(ctx, slug, m.Now())
		if err != nil {
			return nil, fmt.Errorf("--article %q: %w", slug, err)
		}
		art = a.ID
	}
	var token string
	if slices.Contains(o.Scenarios, "upload") {
		who, err := benchStaff(ctx, db)
		if err != nil {
			return nil, err
		}
		token = who.clerkToken
	}
	stored := func(ctx context.Context) (portalCounts, error) {
		a, err := db.Article(ctx, art)
		if err != nil {
			return portalCounts{}, err
		}
		// An empty flush reads the stored totals back (news.Sink).
		c := news.NewCounter(db, m.Now)
		if err := c.Flush(ctx); err != nil {
			return portalCounts{}, err
		}
		return portalCounts{Views: a.Views, Visits: c.Site().Visits}, nil
	}
	// The uploads and, on PostgreSQL, the lookup key in a directory of
	// the run's (on SQLite the key stays beside the database).
	dir, err := os.MkdirTemp("", "congvu-bench-portal-files-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	serveArgs := []string{"--db", dbURL, "--addr", "127.0.0.1:0", "--trusted-proxies", "127.0.0.1/32,::1/128", "--log-level", "error",
		"--files", filepath.Join(dir, "files")}
	if store.IsPostgresURL(dbURL) {
		serveArgs = append(serveArgs, "--lookup-key-file", filepath.Join(os.TempDir(), "congvu-bench-portal-lookup.key"))
	}
	start := func() (portalTarget, error) {
		sctx, cancel := context.WithCancel(context.Background())
		ready := make(chan string, 1)
		errc := make(chan error, 1)
		sm := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, Now: m.Now,
			Ready: func(addr string) { ready <- addr }}
		go func() {
			errc <- sm.serve(sctx, serveArgs)
		}()
		select {
		case addr := <-ready:
			return portalTarget{base: "http://" + addr, counts: stored, stop: func() error { cancel(); return <-errc }}, nil
		case err := <-errc:
			cancel()
			return portalTarget{}, fmt.Errorf("bench portal: the server did not start: %w", err)
		}
	}
	return runPortalScenarios(ctx, o, slug, token, stored, start)
}

// benchPortalTarget runs the scenarios against a running server, reading
// the counts it reports.
func (m *Main) benchPortalTarget(ctx context.Context, base, token, slug string, o portalOptions) ([]portalRow, error) {
	if slug == "" {
		var list []struct {
			Slug string `json:"slug"`
		}
		if err := getJSON(ctx, base+"/api/v1/public/articles?limit=1", &list); err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, fmt.Errorf("bench portal: %s has no published article", base)
		}
		slug = list[0].Slug
	}
	if token == "" && slices.Contains(o.Scenarios, "upload") {
		o.Scenarios = slices.DeleteFunc(slices.Clone(o.Scenarios), func(s string) bool { return s == "upload" })
		fmt.Fprintln(m.Stdout, "upload: bỏ qua, cần --token / skipped, it needs --token")
	}
	read := func(ctx context.Context) (portalCounts, error) {
		var a struct {
			Views int64 `json:"views"`
		}
		var s struct {
			Visits int64 `json:"total_visits"`
		}
		if err := getJSON(ctx, base+"/api/v1/public/articles/"+url.PathEscape(slug), &a); err != nil {
			return portalCounts{}, err
		}
		if err := getJSON(ctx, base+"/api/v1/public/site-stats", &s); err != nil {
			return portalCounts{}, err
		}
		return portalCounts{Views: a.Views, Visits: s.Visits}, nil
	}
	// Two reads alike, a moment apart: the last requests' counts settled
	// and no flush between the article's read and the site's.
	reported := func(ctx context.Context) (portalCounts, error) {
		prev, err := read(ctx)
		for i := 0; err == nil && i < 20; i++ {
			time.Sleep(200 * time.Millisecond)
			var c portalCounts
			if c, err = read(ctx); err == nil && c == prev {
				return c, nil
			}
			prev = c
		}
		return prev, err
	}
	start := func() (portalTarget, error) {
		return portalTarget{base: base, counts: reported, stop: func() error { return nil }}, nil
	}
	return runPortalScenarios(ctx, o, slug, token, reported, start)
}

func getJSON(ctx context.Context, u string, out any) error {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	return json.Unmarshal(b, out)
}

// portalVisitor numbers the visitors of a whole run: each request's
// X-Forwarded-For is a new address.
var portalVisitor atomic.Uint32

// runPortalScenarios runs each scenario on a server from start, its counts
// read by counts before the server starts and after it stops.
func runPortalScenarios(ctx context.Context, o portalOptions, slug, token string,
	counts func(context.Context) (portalCounts, error), start func() (portalTarget, error)) ([]portalRow, error) {
	var rows []portalRow
	var articleP99 float64
	stop, err := startCPUProfile(o.Profile)
	if err != nil {
		return nil, err
	}
	defer stop()
	for _, sc := range o.Scenarios {
		before, err := counts(ctx)
		if err != nil {
			return nil, err
		}
		t, err := start()
		if err != nil {
			return nil, err
		}
		path, ua := "/tin-tuc/"+url.PathEscape(slug), benchBrowser
		switch sc {
		case "article-off":
			ua = benchCrawler
		case "home":
			path = "/tin-tuc"
		}
		var upload func(ctx context.Context) (int, int64, error)
		if sc == "upload" {
			upload = portalUploader(t.base, token, o.UploadMB)
		}
		row := portalLoad(ctx, t.base, path, ua, o, upload)
		row.Scenario = sc
		if err := t.stop(); err != nil {
			return nil, fmt.Errorf("bench portal: stopping the server: %w", err)
		}
		switch sc {
		case "article", "upload":
			row.WantViews, row.WantVisits = row.Counted, row.Counted
		case "home":
			row.WantVisits = row.Counted
		}
		if after, err := counts(ctx); err != nil {
			row.ReadCountsError = err
		} else {
			row.Views, row.Visits = after.Views-before.Views, after.Visits-before.Visits
		}
		if sc == "article" {
			articleP99 = row.pct(99)
		}
		if sc == "upload" {
			row.P99Base = articleP99
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// portalLoad drives GET path with o.Clients clients, each over its own
// keep-alive connection, for o.Warmup and then o.Duration (timed), while
// upload, when not nil, runs from another client.
func portalLoad(ctx context.Context, base, path, ua string, o portalOptions, upload func(context.Context) (int, int64, error)) portalRow {
	var row portalRow
	host := strings.TrimPrefix(strings.TrimPrefix(base, "http://"), "https://")
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type upRes struct {
		n   int
		b   int64
		err error
	}
	upDone := make(chan upRes, 1)
	if upload != nil {
		go func() { n, b, err := upload(lctx); upDone <- upRes{n, b, err} }()
	}
	warmEnd := time.Now().Add(o.Warmup)
	end := warmEnd.Add(o.Duration)
	var cpu0 atomic.Int64
	cpuTimer := time.AfterFunc(o.Warmup, func() { cpu0.Store(int64(processCPU())) })
	var mu sync.Mutex
	var wg sync.WaitGroup
	var counted atomic.Int64
	var timedStart, timedEnd atomic.Int64
	for c := 0; c < o.Clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 1024)
			var errs int
			var first error
			var conn net.Conn
			var br *bufio.Reader
			var req []byte
			defer func() {
				if conn != nil {
					conn.Close()
				}
			}()
			for {
				now := time.Now()
				if now.After(end) {
					break
				}
				if conn == nil {
					var err error
					if conn, err = net.Dial("tcp", host); err != nil {
						errs++
						if first == nil {
							first = err
						}
						time.Sleep(10 * time.Millisecond)
						continue
					}
					br = bufio.NewReaderSize(conn, 64<<10)
				}
				v := portalVisitor.Add(1)
				req = append(req[:0], "GET "...)
				req = append(req, path...)
				req = append(req, " HTTP/1.1\r\nHost: "...)
				req = append(req, host...)
				req = append(req, "\r\nUser-Agent: "...)
				req = append(req, ua...)
				req = append(req, "\r\nAccept: text/html\r\nAccept-Language: vi\r\nX-Forwarded-For: 10."...)
				req = strconv.AppendUint(req, uint64(v>>16&255), 10)
				req = append(req, '.')
				req = strconv.AppendUint(req, uint64(v>>8&255), 10)
				req = append(req, '.')
				req = strconv.AppendUint(req, uint64(v&255), 10)
				req = append(req, "\r\n\r\n"...)
				t0 := time.Now()
				err := portalRoundTrip(conn, br, req)
				d := time.Since(t0)
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
					conn.Close()
					conn = nil
					continue
				}
				if ua == benchBrowser {
					counted.Add(1)
				}
				if t0.After(warmEnd) {
					lat = append(lat, d)
					timedStart.CompareAndSwap(0, t0.UnixNano())
					if e := t0.Add(d).UnixNano(); e > timedEnd.Load() {
						timedEnd.Store(e) // racy max: good enough for the wall clock
					}
				}
			}
			mu.Lock()
			row.Lat = append(row.Lat, lat...)
			row.Errors += errs
			if row.FirstErr == nil {
				row.FirstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	cpuTimer.Stop()
	if c := cpu0.Load(); c > 0 {
		row.CPU = processCPU() - time.Duration(c)
	}
	cancel()
	if upload != nil {
		u := <-upDone
		row.Uploads, row.UploadBytes, row.UploadErr = u.n, u.b, u.err
	}
	slices.Sort(row.Lat)
	row.Requests = len(row.Lat)
	row.Counted = counted.Load()
	row.Wall = o.Duration
	if s, e := timedStart.Load(), timedEnd.Load(); s > 0 && e > s {
		row.Wall = time.Duration(e - s)
	}
	return row
}

// portalRoundTrip writes one request and reads its answer, which must be
// a 200; the body is read to its end so that the connection is reused.
func portalRoundTrip(conn net.Conn, br *bufio.Reader, req []byte) error {
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := conn.Write(req); err != nil {
		return err
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	if resp.Close {
		return errors.New("the server closed the connection")
	}
	return nil
}

// portalUploader returns the upload scenario's extra client: POST
// /api/v1/files of a new mb MB PDF (random bytes after the signature, so
// that no two are the same file) one after another until ctx ends.
func portalUploader(base, token string, mb int) func(context.Context) (int, int64, error) {
	return func(ctx context.Context) (int, int64, error) {
		data := make([]byte, mb<<20)
		rand.Read(data)
		copy(data, "%PDF-1.4\n%bench\n")
		const boundary = "congvubenchportalboundary"
		head := []byte("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
		tail := []byte("\r\n--" + boundary + "--\r\n")
		client := &http.Client{Timeout: 5 * time.Minute}
		var n int
		var total int64
		for ctx.Err() == nil {
			copy(data[16:], strconv.Itoa(n)+" ")
			body := io.MultiReader(bytes.NewReader(head), bytes.NewReader(data), bytes.NewReader(tail))
			req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/files", body)
			if err != nil {
				return n, total, err
			}
			req.ContentLength = int64(len(head) + len(data) + len(tail))
			req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				return n, total, err
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				return n, total, fmt.Errorf("POST /api/v1/files: %d %s", resp.StatusCode, b)
			}
			n++
			total += int64(len(data))
		}
		return n, total, nil
	}
}

// loadAverage is /proc/loadavg's first three figures ("" elsewhere).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// cpuModel is the processor's name from /proc/cpuinfo ("" elsewhere).
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// writePortalTable writes the run as markdown, ready for BENCHMARKS.md.
func writePortalTable(w io.Writer, o portalOptions, engine, load0, load1 string, rows []portalRow) {
	fmt.Fprintf(w, "Machine: %d CPUs (%s), GOMAXPROCS %d, %s; load average before %s, after %s.\n",
		runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), engine, load0, load1)
	fmt.Fprintf(w, "%d clients, %s per scenario after %s of warm-up. CPU µs/req: this process's CPU time per timed request "+
		"(with its own server: the server's and the load generator's; with --target: the load generator's alone).\n\n", o.Clients, o.Duration, o.Warmup)
	fmt.Fprintln(w, "| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | errors | views +found/expected | visits +found/expected | exact | CPU µs/req | targets |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|")
	for _, r := range rows {
		exact := "yes"
		if !r.Exact() {
			exact = "**NO**"
		}
		var targets []string
		if r.Scenario == "upload" {
			p := r.pct(99)
			t := fmt.Sprintf("p99 %.2f ms vs %.2f ms without (%+.0f %%, ≤ +20 %%: %s); %d uploads, %.1f MB/s",
				p, r.P99Base, 100*(p/r.P99Base-1), yesNo(r.P99Base > 0 && p <= 1.2*r.P99Base), r.Uploads,
				float64(r.UploadBytes)/(1<<20)/r.Wall.Seconds())
			targets = append(targets, t)
		}
		targets = append(targets, fmt.Sprintf("≥ 5,000/s: %s", yesNo(r.rps() >= 5000)), fmt.Sprintf("p99 ≤ 20 ms: %s", yesNo(r.pct(99) <= 20)))
		cpu := "–"
		if r.CPU > 0 && r.Requests > 0 {
			cpu = fmt.Sprintf("%.0f", float64(r.CPU.Microseconds())/float64(r.Requests))
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %d/%d | %d/%d | %s | %s | %s |\n", r.Scenario, r.Requests, r.rps(),
			r.pct(50), r.pct(95), r.pct(99), r.Errors, r.Views, r.WantViews, r.Visits, r.WantVisits, exact, cpu, strings.Join(targets, "; "))
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
