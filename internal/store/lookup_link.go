package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"congvu/internal/apperr"
)

// The short-lived links the public lookup gives to download a dossier's
// result (issue 15 item 4): whoever proved the code and the secret gets,
// for each result document, a link naming the dossier, the file and when
// it stops working, signed with a key derived from the lookup key, so
// that every node accepts the links any node signed. The secret itself is
// never in a link, nor therefore in an access log.

// resultLinkKey derives the signing key from the lookup key: a link's
// signature is no lookup-secret hash.
func (db *DB) resultLinkKey() []byte {
	m := hmac.New(sha256.New, db.lookupKey)
	m.Write([]byte("congvu result link key"))
	return m.Sum(nil)
}

func (db *DB) signLink(body string) string {
	m := hmac.New(sha256.New, db.resultLinkKey())
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:20])
}

// SignResultLink returns the token of a link to file fileID of the dossier
// code, valid until until.
func (db *DB) SignResultLink(code string, fileID int64, until time.Time) string {
	body := code + "|" + strconv.FormatInt(fileID, 10) + "|" + strconv.FormatInt(until.Unix(), 10)
	return base64.RawURLEncoding.EncodeToString([]byte(body)) + "." + db.signLink(body)
}

// OpenResultLink checks a token of SignResultLink at now and returns the
// dossier's code and the file's id. A token altered, signed with another
// key or past its time is apperr.NotFound, all alike.
func (db *DB) OpenResultLink(token string, now time.Time) (string, int64, error) {
	bad := apperr.NotFoundf("Liên kết tải kết quả không đúng hoặc đã hết hạn; vui lòng tra cứu hồ sơ lại để nhận liên kết mới",
		"The download link is wrong or has expired; please look the dossier up again for a new link")
	enc, sig, ok := strings.Cut(token, ".")
	if !ok || len(token) > 512 {
		return "", 0, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return "", 0, bad
	}
	body := string(raw)
	if subtle.ConstantTimeCompare([]byte(sig), []byte(db.signLink(body))) != 1 {
		return "", 0, bad
	}
	parts := strings.Split(body, "|")
	if len(parts) != 3 {
		return "", 0, bad
	}
	id, err1 := strconv.ParseInt(parts[1], 10, 64)
	until, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || !now.Before(time.Unix(until, 0)) {
		return "", 0, bad
	}
	return parts[0], id, nil
}
