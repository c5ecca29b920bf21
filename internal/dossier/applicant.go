package dossier

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"congvu/internal/apperr"
)

// Channel is how a dossier reaches the agency; the period report counts
// online apart from in person and by post.
type Channel string

// The channels.
const (
	ChannelDirect Channel = "direct" // trực tiếp, at the desk
	ChannelOnline Channel = "online" // trực tuyến, on the public-service portal
	ChannelPostal Channel = "postal" // qua dịch vụ bưu chính công ích
)

var channelLabels = map[Channel][2]string{
	ChannelDirect: {"Trực tiếp", "In person"},
	ChannelOnline: {"Trực tuyến", "Online"},
	ChannelPostal: {"Bưu chính công ích", "By post"},
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { _, ok := channelLabels[c]; return ok }

// Label names the channel in "vi" or "en".
func (c Channel) Label(lang string) string { return label(channelLabels, c, lang) }

// Applicant is who files the dossier (tổ chức, cá nhân): a citizen, or an
// organisation when Organization is true.
type Applicant struct {
	Name string
	// IDNumber is the citizen's identity number — 9 digits (CMND) or 12
	// (CCCD) — or an organisation's tax code (mã số thuế), 10 digits, or 13
	// for a branch, written 0101234567-001 or without the hyphen. Spaces and
	// dots are ignored. Optional.
	IDNumber     string
	Phone        string // digits, optionally starting with +84; spaces, dots and hyphens ignored
	Address      string
	Email        string
	Organization bool
}

// Validate checks an applicant and normalises the fields: texts trimmed,
// separators taken out of the ID number and the phone. Errors are
// apperr.Invalid naming the field.
func (a *Applicant) Validate() error {
	var err error
	if a.Name, err = apperr.Text("name", a.Name, 2, 200); err != nil {
		return err
	}
	if a.Address, err = apperr.Text("address", a.Address, 0, 500); err != nil {
		return err
	}
	id := strip(a.IDNumber, " .")
	if a.Organization {
		flat := strings.Replace(id, "-", "", 1)
		if id != "" && (!digits(flat) || len(flat) != 10 && len(flat) != 13) {
			return apperr.Invalidf("id_number", "mã số thuế %q phải có 10 hoặc 13 chữ số", "tax code %q must have 10 or 13 digits", a.IDNumber)
		}
	} else if id != "" && (!digits(id) || len(id) != 9 && len(id) != 12) {
		return apperr.Invalidf("id_number", "số CMND/CCCD %q phải gồm 9 hoặc 12 chữ số", "identity number %q must be 9 or 12 digits", a.IDNumber)
	}
	a.IDNumber = id
	phone := strip(a.Phone, " .-()")
	if phone != "" {
		rest := strings.TrimPrefix(phone, "+84")
		if !digits(rest) || len(rest) < 8 || len(rest) > 11 {
			return apperr.Invalidf("phone", "số điện thoại không hợp lệ: %q", "invalid phone number: %q", a.Phone)
		}
	}
	a.Phone = phone
	if a.Email = strings.TrimSpace(a.Email); a.Email != "" {
		if m, err := mail.ParseAddress(a.Email); err != nil || m.Address != a.Email || len(a.Email) > 200 {
			return apperr.Invalidf("email", "địa chỉ thư điện tử không hợp lệ: %q", "invalid e-mail address: %q", a.Email)
		}
	}
	return nil
}

// Initials returns what the public lookup (tra cứu hồ sơ) shows of a
// citizen's name: the first letter of each word, each followed by a dot,
// "Nguyễn Văn An" → "N.V.A.". An organisation's name is not personal data
// and is returned as it is.
func (a Applicant) Initials() string {
	if a.Organization {
		return strings.TrimSpace(a.Name)
	}
	var b strings.Builder
	for _, w := range strings.Fields(a.Name) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteByte('.')
	}
	return b.String()
}

// strip removes every rune of cut from s, after trimming it.
func strip(s, cut string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(cut, r) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}
