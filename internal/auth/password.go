package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"congvu/internal/apperr"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1
// lane), which keeps a login under ~50 ms on the agency's small server.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// CheckPasswordStrength refuses passwords that are too short or too long.
func CheckPasswordStrength(pw string) error {
	n := utf8.RuneCountInString(pw)
	if !utf8.ValidString(pw) {
		return apperr.Invalidf("password", "mật khẩu chứa ký tự không hợp lệ", "the password is not valid UTF-8")
	}
	if n < MinPasswordLen {
		return apperr.Invalidf("password", "mật khẩu quá ngắn: cần ít nhất %d ký tự", "the password is too short: at least %d characters", MinPasswordLen)
	}
	if n > 256 {
		return apperr.Invalidf("password", "mật khẩu quá dài: tối đa 256 ký tự", "the password is too long: at most 256 characters")
	}
	return nil
}

// HashPassword returns the PHC-format argon2id hash of pw with a fresh salt.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the hash, in constant time.
// It reads the parameters from the hash, so they can be raised later
// without invalidating old hashes.
func VerifyPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when a login does not exist, so that an
// unknown login takes as long as a wrong password.
var dummyHash, _ = HashPassword("congvu-dummy-password")

// BurnTime spends the time of one password check.
func BurnTime(pw string) { VerifyPassword(dummyHash, pw) }

// passwordAlphabet leaves out the letters and digits people confuse
// (0/O/o, 1/I/l).
const passwordAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

// NewPassword returns a random password of four groups of four characters
// (about 92 bits), drawn without bias, easy to read off a console.
func NewPassword() string {
	const limit = 256 - 256%len(passwordAlphabet)
	out := make([]byte, 0, 19)
	buf := make([]byte, 32)
	for n := 0; n < 16; {
		if _, err := rand.Read(buf); err != nil {
			panic("crypto/rand failed: " + err.Error())
		}
		for _, b := range buf {
			if int(b) >= limit || n == 16 {
				continue
			}
			if n > 0 && n%4 == 0 {
				out = append(out, '-')
			}
			out = append(out, passwordAlphabet[int(b)%len(passwordAlphabet)])
			n++
		}
	}
	return string(out)
}
