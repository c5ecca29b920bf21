package httpx

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"time"

	"congvu/internal/apperr"
)

// Challenger issues and checks the online filing's challenge (issue 15
// item 4: a proof of work or a question instead of a third-party CAPTCHA).
// A challenge is a token signed with the server's key that expires after
// ChallengeTTL; it is met either by a nonce whose SHA-256 with the token
// has Bits leading zero bits (the page's script finds it in a second or
// two, a flood of filings pays for each) or, without JavaScript, by the
// answer to a small sum asked in words ("Bảy cộng năm bằng mấy?"), which
// the token carries only as a keyed hash. Each token is good for one
// filing: a used one is remembered until it expires.
//
// Token: v1.<expiry, Unix seconds>.<16 random hex>.<keyed hash of the answer>.<signature>.
type Challenger struct {
	key  []byte
	now  func() time.Time
	Bits int

	mu   sync.Mutex
	used map[string]time.Time
}

// Challenge is one challenge as a form or an API client gets it.
type Challenge struct {
	Token    string
	Bits     int
	Question [2]string // the sum in words, in Vietnamese and in English
	Expires  time.Time
}

// The challenge's defaults.
const (
	ChallengeTTL  = 30 * time.Minute
	ChallengeBits = 16
)

// NewChallenger makes a challenger with key (random when empty: then a
// challenge is good only on the node that issued it).
func NewChallenger(key []byte, now func() time.Time) *Challenger {
	if len(key) == 0 {
		key = make([]byte, 32)
		rand.Read(key)
	}
	if now == nil {
		now = time.Now
	}
	return &Challenger{key: key, now: now, Bits: ChallengeBits, used: map[string]time.Time{}}
}

func (c *Challenger) mac(parts ...string) string {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(strings.Join(parts, "|")))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

var numberWords = [...][2]string{{"không", "zero"}, {"một", "one"}, {"hai", "two"}, {"ba", "three"}, {"bốn", "four"}, {"năm", "five"},
	{"sáu", "six"}, {"bảy", "seven"}, {"tám", "eight"}, {"chín", "nine"}}

// Issue makes a new challenge.
func (c *Challenger) Issue() Challenge {
	var rb [10]byte
	rand.Read(rb[:])
	nonce := hex.EncodeToString(rb[:8])
	a, b := int(rb[8]%9)+1, int(rb[9]%9)+1
	exp := c.now().Add(ChallengeTTL).Truncate(time.Second)
	e := strconv.FormatInt(exp.Unix(), 10)
	q := c.mac("answer", nonce, strconv.Itoa(a+b))
	body := "v1." + e + "." + nonce + "." + q
	vi := numberWords[a][0] + " cộng " + numberWords[b][0] + " bằng mấy?"
	return Challenge{Token: body + "." + c.mac("token", body), Bits: c.Bits, Expires: exp,
		Question: [2]string{strings.ToUpper(vi[:1]) + vi[1:], "What is " + numberWords[a][1] + " plus " + numberWords[b][1] + "?"}}
}

// errChallenge is the refusal of a missing, wrong or expired challenge.
func errChallenge(vi, en string) error { return apperr.New(apperr.Invalid, "challenge", vi, en) }

// Check verifies a challenge met with a nonce (the proof of work) or an
// answer (the question), and spends it. Errors: apperr.Invalid on field
// "challenge" (or "answer" for a wrong answer), saying what is wrong.
func (c *Challenger) Check(token, nonce, answer string) error {
	parts := strings.Split(token, ".")
	if token == "" {
		return errChallenge("Thiếu mã kiểm tra chống gửi tự động: vui lòng tải lại trang và gửi lại", "The anti-automation check is missing: please reload the page and send again")
	}
	if len(parts) != 5 || parts[0] != "v1" || !hmac.Equal([]byte(parts[4]), []byte(c.mac("token", strings.Join(parts[:4], ".")))) {
		return errChallenge("Mã kiểm tra chống gửi tự động không hợp lệ: vui lòng tải lại trang và gửi lại", "The anti-automation check is not valid: please reload the page and send again")
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	now := c.now()
	if err != nil || now.Unix() > exp {
		return errChallenge("Mã kiểm tra đã hết hạn (30 phút): vui lòng tải lại trang, chọn lại tệp và gửi lại", "The check has expired (30 minutes): please reload the page, choose the files again and send again")
	}
	switch {
	case nonce != "":
		if len(nonce) > 64 || leadingZeroBits(token, nonce) < c.Bits {
			return errChallenge("Phép tính kiểm tra của trình duyệt không đúng: vui lòng trả lời câu hỏi kiểm tra", "The browser's check did not work out: please answer the check question")
		}
	case strings.TrimSpace(answer) != "":
		n, err := strconv.Atoi(strings.TrimSpace(answer))
		if err != nil || !hmac.Equal([]byte(parts[3]), []byte(c.mac("answer", parts[2], strconv.Itoa(n)))) {
			// A wrong answer spends the question too: with the sums' few
			// answers, one question tried again and again is no check.
			c.spend(parts[2], exp, now)
			return apperr.New(apperr.Invalid, "answer", "Câu trả lời kiểm tra chưa đúng: vui lòng trả lời câu hỏi mới (viết bằng số, ví dụ 12)", "The answer to the check question is wrong: please answer the new question (in figures, e.g. 12)")
		}
	default:
		return apperr.New(apperr.Invalid, "answer", "Vui lòng trả lời câu hỏi kiểm tra (viết bằng số)", "Please answer the check question (in figures)")
	}
	if !c.spend(parts[2], exp, now) {
		return errChallenge("Mã kiểm tra này đã được dùng: vui lòng tải lại trang để nộp hồ sơ khác", "This check has been used already: please reload the page to file another dossier")
	}
	return nil
}

// spend marks the challenge id used until exp; false when it was already.
func (c *Challenger) spend(id string, exp int64, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for t, e := range c.used {
		if now.After(e) {
			delete(c.used, t)
		}
	}
	if _, ok := c.used[id]; ok {
		return false
	}
	c.used[id] = time.Unix(exp, 0)
	return true
}

// leadingZeroBits counts the leading zero bits of SHA-256(token + ":" + nonce).
func leadingZeroBits(token, nonce string) int {
	sum := sha256.Sum256([]byte(token + ":" + nonce))
	n := 0
	for i := 0; i < len(sum); i += 8 {
		w := binary.BigEndian.Uint64(sum[i : i+8])
		z := bits.LeadingZeros64(w)
		n += z
		if z < 64 {
			break
		}
	}
	return n
}

// SolveChallenge finds a nonce for a token, as the page's script does (for
// tests and API clients written in Go).
func SolveChallenge(token string, bits int) string {
	for i := 0; ; i++ {
		n := strconv.Itoa(i)
		if leadingZeroBits(token, n) >= bits {
			return n
		}
	}
}

// String describes a challenge without its token, for logs.
func (ch Challenge) String() string {
	return fmt.Sprintf("challenge(bits=%d, expires=%s)", ch.Bits, ch.Expires)
}
