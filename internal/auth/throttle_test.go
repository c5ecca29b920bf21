package auth

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"congvu/internal/apperr"
)

func TestThrottleWait(t *testing.T) {
	th := Throttle{Free: 5, First: time.Second, Max: 2 * time.Minute}
	cases := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {4, 0}, {5, time.Second}, {6, 2 * time.Second}, {7, 4 * time.Second},
		{11, 64 * time.Second}, {12, 2 * time.Minute}, {13, 2 * time.Minute}, {1000, 2 * time.Minute},
	}
	for _, c := range cases {
		if got := th.Wait(c.failures); got != c.want {
			t.Errorf("Wait(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestThrottledError(t *testing.T) {
	err := fmt.Errorf("login: %w", Throttled(1500*time.Millisecond))
	d, ok := RetryAfter(err)
	if !ok || d != 1500*time.Millisecond || !apperr.Is(err, apperr.TooMany) {
		t.Fatalf("%v: %v %v", err, d, ok)
	}
	if e := apperr.As(err); e.VI != "Đăng nhập sai nhiều lần; vui lòng thử lại sau 2 giây" {
		t.Errorf("message %q", e.VI)
	}
	if _, ok := RetryAfter(errors.New("other")); ok {
		t.Error("another error has a wait")
	}
	if RetrySeconds(0) != 1 || RetrySeconds(time.Second) != 1 || RetrySeconds(1001*time.Millisecond) != 2 {
		t.Error("RetrySeconds rounds wrong")
	}
}

func TestNewPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		p := NewPassword()
		if len(p) != 19 || CheckPasswordStrength(p) != nil || seen[p] {
			t.Fatalf("password %q", p)
		}
		seen[p] = true
	}
}
