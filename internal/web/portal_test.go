package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/demo"
)

// seedPortal fills the demo agency with a history of dossiers (with
// apologies, resolved early, on time and late, some still open).
func seedPortal(t *testing.T, a *app) {
	t.Helper()
	if _, err := demo.GenerateDossiers(context.Background(), a.db, demo.DossierOptions{N: 400, Now: time.Now(), Months: 14, Seed: 15}); err != nil {
		t.Fatal(err)
	}
}

// TestPortalCatalogue: the public catalogue lists the agency's procedures
// in force without a login, with the time limit in working days, the fee
// in đồng and each one's record; a word typed without diacritics finds
// it; the filters and pages answer a bad value with a 400 naming it; a
// procedure's page shows its papers, steps and legal basis and, filed
// online in part, the button to file it; the pages are cacheable and small.
func TestPortalCatalogue(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	seedPortal(t, a)
	cases := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"list", "/thu-tuc", 200, []string{"Thủ tục hành chính", "Công khai", "Sở Tài chính tỉnh Bắc Ninh", "ngày làm việc", "50.000 đ", "Đã tiếp nhận"}, []string{"Nộp hồ sơ trực tuyến"}},
		{"search without diacritics", "/thu-tuc?q=" + url.QueryEscape("dang ky dau tu thu nghiem"), 200, []string{fixtureName, "Tìm thấy 1 thủ tục."}, nil},
		{"search by code", "/thu-tuc?q=" + fixtureProc, 200, []string{fixtureName}, nil},
		{"by field", "/thu-tuc?linh-vuc=" + url.QueryEscape("Hợp tác xã"), 200, []string{"Hợp tác xã"}, []string{fixtureName}},
		{"by level", "/thu-tuc?muc-do=2&q=thu+nghiem", 200, []string{fixtureName}, nil},
		{"other level", "/thu-tuc?muc-do=3&q=thu+nghiem", 200, []string{"Chưa có thủ tục nào phù hợp."}, []string{fixtureName}},
		{"bad level", "/thu-tuc?muc-do=9", 400, []string{"mức độ dịch vụ công không hợp lệ"}, nil},
		{"bad page", "/thu-tuc?trang=x", 400, []string{"số trang không hợp lệ"}, nil},
		{"procedure", "/thu-tuc/" + fixtureProc, 200, []string{fixtureName, "15 ngày làm việc", "1.234.567 đ", fixtureDocs[0], fixtureDocs[1], "Thẩm định hồ sơ",
			"Căn cứ pháp lý", "Mẫu đơn, tờ khai", "Tỷ lệ đúng hạn", `rel="canonical"`, "Nộp hồ sơ trực tuyến", `href="/nop-ho-so/` + fixtureProc + `"`}, nil},
		{"demo procedure's legal basis", "/thu-tuc/2.002040", 200, []string{"Luật Doanh nghiệp số 59/2020/QH14", "Nghị định số 118/2025/NĐ-CP", "3 ngày làm việc"}, nil},
		{"unknown code", "/thu-tuc/9.999999", 404, nil, nil},
		{"malformed code", "/thu-tuc/abc", 404, nil, nil},
		{"english", "/thu-tuc?lang=en", 200, []string{"Administrative procedures", "working days"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := a.getAs(t, c.path, chrome, "")
			if res.StatusCode != c.status {
				t.Fatalf("%s: %d, want %d\n%.1500s", c.path, res.StatusCode, c.status, body)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s: no %q", c.path, w)
				}
			}
			for _, w := range c.not {
				if strings.Contains(body, w) {
					t.Errorf("%s: %q should not be there", c.path, w)
				}
			}
			if len(body) > 100<<10 {
				t.Errorf("%s: %d bytes, over 100 KB", c.path, len(body))
			}
		})
	}
	res, _ := a.getAs(t, "/thu-tuc/"+fixtureProc, chrome, "")
	if res.Header.Get("ETag") == "" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("headers: ETag %q, Cache-Control %q", res.Header.Get("ETag"), res.Header.Get("Cache-Control"))
	}
}

// cellsRe reads the numbers of a table row.
var cellsRe = regexp.MustCompile(`<td class="num">([0-9.]+)</td>`)

// rowFigures reads the 12 figures of the transparency page's row id.
func rowFigures(t *testing.T, body, id string) []int {
	t.Helper()
	i := strings.Index(body, `<tr id="`+id+`">`)
	if i < 0 {
		t.Fatalf("no row %s", id)
	}
	row := body[i : i+strings.Index(body[i:], "</tr>")]
	var out []int
	for _, m := range cellsRe.FindAllStringSubmatch(row, -1) {
		n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
		out = append(out, n)
	}
	if len(out) != 12 {
		t.Fatalf("row %s: %d figures", id, len(out))
	}
	return out
}

// statsFigures reads the same 12 figures off the internal report.
func statsFigures(t *testing.T, body string) []int {
	t.Helper()
	fig := func(name string) int {
		m := regexp.MustCompile(`id="fig-` + name + `">([0-9.]+)<`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no figure %s on the report", name)
		}
		n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ".", ""))
		return n
	}
	on, di, co := fig("received_online"), fig("received_direct"), fig("carried_over")
	e, o, l := fig("resolved_early"), fig("resolved_on_time"), fig("resolved_late")
	w, ov := fig("in_progress_within"), fig("in_progress_overdue")
	return []int{on + di + co, on, di, co, e + o + l, e, o, l, w + ov, w, ov, fig("withdrawn")}
}

// TestTransparencyEqualsStats: on seeded data, every month of the
// transparency page and its year total show the figures of the internal
// report (/stats/dossiers, Biểu II.06a) for the same period and the
// agency, and the same progress score.
func TestTransparencyEqualsStats(t *testing.T) {
	a := newApp(t)
	seedPortal(t, a)
	agency := a.unit(t, "Sở Tài chính tỉnh Bắc Ninh")
	director := a.login(t, "giamdoc")
	today := calendar.DateOf(time.Now())
	for _, year := range []int{today.Year, today.Year - 1} {
		res, page := a.getAs(t, fmt.Sprintf("/cong-khai?nam=%d", year), chrome, "")
		if res.StatusCode != 200 {
			t.Fatalf("transparency %d: %d\n%.1500s", year, res.StatusCode, page)
		}
		if len(page) > 100<<10 {
			t.Errorf("transparency %d: %d bytes", year, len(page))
		}
		last := 12
		if year == today.Year {
			last = int(today.Month)
		}
		stats := func(from, to calendar.Date) string {
			q := url.Values{"from": {from.String()}, "to": {to.String()}, "unit": {agency}}.Encode()
			r := director.do("GET", "/stats/dossiers?"+q, nil, false)
			if r.status != 200 {
				t.Fatalf("stats %s: %d", q, r.status)
			}
			return r.body
		}
		nonzero := 0
		for m := 1; m <= last; m++ {
			from := calendar.Date{Year: year, Month: time.Month(m), Day: 1}
			to := calendar.DateOf(from.Time().AddDate(0, 1, -1))
			if today.Before(to) {
				to = today
			}
			got, want := rowFigures(t, page, fmt.Sprintf("tp-m%d", m)), statsFigures(t, stats(from, to))
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%02d/%d: transparency %v, report %v", m, year, got, want)
			}
			nonzero += got[0]
		}
		to := calendar.Date{Year: year, Month: time.December, Day: 31}
		if today.Before(to) {
			to = today
		}
		body := stats(calendar.Date{Year: year, Month: time.January, Day: 1}, to)
		if got, want := rowFigures(t, page, "tp-total"), statsFigures(t, body); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%d: transparency %v, report %v", year, got, want)
		}
		score := regexp.MustCompile(`id="score">([0-9,]+)<`).FindStringSubmatch(body)
		progress := regexp.MustCompile(`id="tp-progress">([0-9,]+)/20<`).FindStringSubmatch(page)
		if score == nil || progress == nil || score[1] != progress[1] {
			t.Errorf("%d: progress score %v on the report, %v on the page", year, score, progress)
		}
		if nonzero == 0 {
			t.Errorf("%d: no dossier on the page: the seed made none?", year)
		}
	}
	if res, body := a.getAs(t, "/cong-khai?nam=1999", chrome, ""); res.StatusCode != 400 || !strings.Contains(body, "năm không hợp lệ") {
		t.Errorf("bad year: %d", res.StatusCode)
	}
	if res, body := a.getAs(t, fmt.Sprintf("/cong-khai?nam=%d", today.Year+1), chrome, ""); res.StatusCode != 400 || !strings.Contains(body, "năm không hợp lệ") {
		t.Errorf("a year to come: %d %.300s", res.StatusCode, body)
	}
}
