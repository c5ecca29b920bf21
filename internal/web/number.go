package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Numbers are typed and shown the Vietnamese way in both languages, as the
// agency's documents write them: a dot between thousands, a comma before
// the decimals ("1.500.000.000 đ", "2,5"). parseDecimal is the one reader
// of every number field of every form (targets, actuals, weights, working
// days) and fmtDecimal the one writer.

// numberError says why a typed number was refused; its key is the
// catalogue message (i18n_formats.go).
type numberError struct{ key string }

func (e numberError) Error() string { return e.key }

// currencyWords may follow an amount of money; they are dropped.
var currencyWords = []string{"đồng", "vnđ", "vnd", "đ", "₫"}

// parseDecimal reads a number typed the Vietnamese way. It accepts
// "1500000000", "1.500.000.000", "1 500 000 000", "1.500.000.000 đ",
// "2,5", "1.234,5" and, since a number input and many a spreadsheet send
// it so, a single decimal point "2.5" — unless the dot is followed by
// exactly three digits after a group of one to three, which in Vietnam is a
// thousands separator ("1.500" is one thousand five hundred). A comma
// before a dot ("1,5.3", "1,234.5") or two commas is ambiguous and refused.
func parseDecimal(s string) (float64, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for _, w := range currencyWords {
		if strings.HasSuffix(v, w) {
			v = strings.TrimSpace(strings.TrimSuffix(v, w))
			break
		}
	}
	v = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, v)
	if v == "" {
		return 0, numberError{"num.err.empty"}
	}
	sign := ""
	if v[0] == '-' || v[0] == '+' {
		sign, v = v[:1], v[1:]
	}
	intPart, frac, hasComma := strings.Cut(v, ",")
	if hasComma && (strings.ContainsAny(frac, ".,") || frac == "") {
		return 0, numberError{"num.err.mixed"}
	}
	if !hasComma && strings.Count(intPart, ".") == 1 && !thousands(intPart) {
		// One decimal point, as a number input sends it: "2.5", "0.125".
		intPart, frac, hasComma = strings.Cut(intPart, ".")
		if frac == "" {
			return 0, numberError{"num.err.invalid"}
		}
	}
	if strings.Contains(intPart, ".") {
		if !thousands(intPart) {
			return 0, numberError{"num.err.group"}
		}
		intPart = strings.ReplaceAll(intPart, ".", "")
	}
	if intPart == "" || !digits(intPart) || hasComma && !digits(frac) {
		return 0, numberError{"num.err.invalid"}
	}
	text := sign + intPart
	if hasComma {
		text += "." + frac
	}
	x, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, numberError{"num.err.invalid"}
	}
	return x, nil
}

// thousands reports whether s is digits grouped by dots in threes, the
// first group of one to three digits not starting with 0: "1.500.000".
func thousands(s string) bool {
	groups := strings.Split(s, ".")
	if len(groups) < 2 {
		return false
	}
	first := groups[0]
	if len(first) < 1 || len(first) > 3 || !digits(first) || first[0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !digits(g) {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseNumber reads a number field, or gives an Invalid error naming the
// field and saying how to write it.
func parseNumber(field, s string) (float64, error) {
	x, err := parseDecimal(s)
	if err != nil {
		key := err.(numberError).key
		if key == "num.err.empty" {
			return 0, invalid(field, key)
		}
		return 0, invalid(field, key, strings.TrimSpace(s))
	}
	return x, nil
}

// fmtDecimal writes a number the Vietnamese way with at most two decimals:
// 1500000000 → "1.500.000.000", 2.5 → "2,5", -0.004 → "0".
func fmtDecimal(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil { // beyond int64: no grouping is better than a wrong one
		return s
	}
	out := fmtNum(n)
	if frac != "" {
		out += "," + frac
	}
	if v < 0 {
		out = "-" + out
	}
	return out
}

// sheetDecimal is how the spreadsheet reader writes a number cell's value:
// with a decimal point, whatever the locale of the office that saved it.
var sheetDecimal = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)

// parseCellNumber reads a number from an imported spreadsheet cell: a
// number cell comes as "1.125" with a decimal point (never a thousands
// separator), a text cell as the clerk typed it, read by parseNumber.
func parseCellNumber(field, s string) (float64, error) {
	if v := strings.TrimSpace(s); sheetDecimal.MatchString(v) {
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return x, nil
		}
	}
	return parseNumber(field, s)
}
