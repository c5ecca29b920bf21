package investment

import "time"

// validDate reports whether s is a real date YYYY-MM-DD.
func validDate(s string) bool {
	t, err := time.Parse("2006-01-02", s)
	return err == nil && t.Format("2006-01-02") == s
}
