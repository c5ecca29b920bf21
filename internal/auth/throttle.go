package auth

import (
	"errors"
	"fmt"
	"time"

	"congvu/internal/apperr"
)

// Throttle slows logins down after failures instead of locking accounts: a
// hard lock after a few wrong passwords lets anyone shut the administrator
// out. After Free failures in a row each further attempt on the same key (a
// login, or a client address) must wait First, then twice as long after
// each failure, never more than Max; a key left alone for Forget starts
// afresh. An attempt inside the wait is refused without checking the
// password, and a right password after the wait is accepted, so an attacker
// holds the real owner off for at most Max at a time.
type Throttle struct {
	Free   int           // failures allowed without a wait
	First  time.Duration // the first wait
	Max    time.Duration // the longest wait
	Forget time.Duration // failures older than this no longer count
}

// Wait is how long the next attempt must wait after failures in a row.
func (t Throttle) Wait(failures int) time.Duration {
	if failures < t.Free {
		return 0
	}
	d := t.First
	for i := t.Free; i < failures && d < t.Max; i++ {
		d *= 2
	}
	return min(d, t.Max)
}

// The throttles of logins. Per login: five free tries for a mistyping
// owner, then 1 s, 2 s, 4 s … up to two minutes, about 700 guesses a day at
// most. Per client address, more generous because an office logs in from
// behind one address: twenty free, then up to ten minutes. Both are keyed
// by the login as typed, whether an account has it or not, so that a
// throttled answer says nothing about which logins exist.
var (
	LoginThrottle   = Throttle{Free: 5, First: time.Second, Max: 2 * time.Minute, Forget: time.Hour}
	AddressThrottle = Throttle{Free: 20, First: time.Second, Max: 10 * time.Minute, Forget: time.Hour}
)

// ThrottledError is the refusal of an attempt inside its wait; RetryAfter
// is for the Retry-After header.
type ThrottledError struct {
	RetryAfter time.Duration
	err        *apperr.Error
}

// Throttled builds the refusal of an attempt that must wait d. Its message
// is the same for every login, known or not.
func Throttled(d time.Duration) *ThrottledError {
	secs := RetrySeconds(d)
	return &ThrottledError{RetryAfter: d, err: apperr.New(apperr.TooMany, "",
		fmt.Sprintf("Đăng nhập sai nhiều lần; vui lòng thử lại sau %d giây", secs),
		fmt.Sprintf("Too many failed logins; please try again in %d seconds", secs))}
}

// RetrySeconds is d rounded up to whole seconds, at least one.
func RetrySeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

func (e *ThrottledError) Error() string { return e.err.Error() }

// Unwrap lets apperr find the code and the messages.
func (e *ThrottledError) Unwrap() error { return e.err }

// RetryAfter returns how long a throttled attempt must wait, false for any
// other error.
func RetryAfter(err error) (time.Duration, bool) {
	var t *ThrottledError
	if errors.As(err, &t) {
		return t.RetryAfter, true
	}
	return 0, false
}
