package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"congvu/internal/org"
)

// TestDelegationRevokeWeb: the director revokes the week's delegation from
// the /delegations page (a CSRF-checked POST); from then on the deputy is no
// longer acting director, and a second revocation is refused.
func TestDelegationRevokeWeb(t *testing.T) {
	a := newApp(t)
	ds, err := a.db.FindDelegations(context.Background(), org.DelegationFilter{})
	if err != nil || len(ds) != 1 {
		t.Fatalf("demo delegations: %v %v", ds, err)
	}
	path := fmt.Sprintf("/delegations/%d/revoke", ds[0].ID)
	deputy := a.login(t, "phogiamdoc")
	if home := deputy.do("GET", "/", nil, false); !strings.Contains(home.body, "Đang quyền Giám đốc") {
		t.Fatalf("the deputy is not acting director before the revocation")
	}
	clerk := a.login(t, "motcua")
	if res := clerk.do("POST", path, nil, true); res.status != http.StatusForbidden {
		t.Errorf("the clerk revokes: %d", res.status)
	}
	director := a.login(t, "giamdoc")
	if res := director.do("POST", path, nil, false); res.status != http.StatusForbidden {
		t.Errorf("without CSRF: %d", res.status)
	}
	res := director.do("POST", path, confirmYes, true)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/delegations" {
		t.Fatalf("revoke: %d %s", res.status, res.header.Get("Location"))
	}
	page := director.do("GET", "/delegations", nil, false)
	if !strings.Contains(page.body, "Đã thu hồi ủy quyền của Nguyễn Văn Thắng") || !strings.Contains(page.body, "Đã thu hồi") || strings.Contains(page.body, `/revoke"`) {
		t.Errorf("the page after the revocation:\n%s", page.body)
	}
	if home := deputy.do("GET", "/", nil, false); strings.Contains(home.body, "Đang quyền Giám đốc") {
		t.Error("the deputy is still acting director after the revocation")
	}
	if res := director.do("POST", path, confirmYes, true); res.status != http.StatusConflict {
		t.Errorf("second revocation: %d", res.status)
	}
}
