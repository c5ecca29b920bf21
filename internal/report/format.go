package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"congvu/internal/calendar"
)

// blank stands for a value the form leaves to be filled in by hand.
const blank = "…………"

// vn returns t in Vietnam's civil time (UTC+7), the zone every form prints.
func vn(t time.Time) time.Time { return t.In(calendar.VN) }

// dmy formats the date of t in Vietnam as dd/mm/yyyy; blank for zero.
func dmy(t time.Time) string {
	if t.IsZero() {
		return blank
	}
	return vn(t).Format("02/01/2006")
}

// ddmmyyyy formats a calendar date as dd/mm/yyyy.
func ddmmyyyy(d calendar.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// stamp formats an instant as hh:mm dd/mm/yyyy in Vietnam; blank for zero.
func stamp(t time.Time) string {
	if t.IsZero() {
		return blank
	}
	return vn(t).Format("15:04 02/01/2006")
}

// dateLine writes the place-and-date line of an administrative document,
// "Bắc Ninh, ngày 02 tháng 3 năm 2026": days below 10 and the months 1 and 2
// take a leading zero (NĐ 30/2020/NĐ-CP, Phụ lục I).
func dateLine(place string, t time.Time) string {
	if place == "" {
		place = "……"
	}
	if t.IsZero() {
		return place + ", ngày … tháng … năm …"
	}
	t = vn(t)
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, t.Day(), month, t.Year())
}

// money formats an amount in đồng with dots between thousands:
// 1234567 → "1.234.567 đồng".
func money(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + " đồng"
}

// or returns s, or blank when s is empty after trimming.
func or(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return blank
	}
	return s
}

// nfc puts text into the composed Unicode form: the PDF fonts hold the
// precomposed Vietnamese letters, and a decomposed "ế" (e + ˆ + ́) would
// print its marks beside the letter.
func nfc(s string) string { return norm.NFC.String(s) }

// upper capitalises Vietnamese text for headings.
func upper(s string) string { return strings.ToUpper(nfc(s)) }
