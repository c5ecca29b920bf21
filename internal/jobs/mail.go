package jobs

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// SMTP is how to send e-mail. With an empty Host nothing is sent by e-mail:
// notifications still reach the in-app inbox.
type SMTP struct {
	Host     string // smtp.bacninh.gov.vn
	Port     int    // 587 by default
	Username string // empty: no authentication
	Password string
	From     string // congvu@bacninh.gov.vn
	FromName string // the sender's display name, e.g. "Sở Tài chính tỉnh Bắc Ninh"; encoded per RFC 2047
}

// SMTPFromEnv reads CONGVU_SMTP_HOST, CONGVU_SMTP_PORT, CONGVU_SMTP_USER,
// CONGVU_SMTP_PASSWORD, CONGVU_SMTP_FROM and CONGVU_SMTP_FROM_NAME through
// getenv (the command's own environment, passed down by serve).
func SMTPFromEnv(getenv func(string) string) (SMTP, error) {
	s := SMTP{Host: getenv("CONGVU_SMTP_HOST"), Username: getenv("CONGVU_SMTP_USER"),
		Password: getenv("CONGVU_SMTP_PASSWORD"), From: getenv("CONGVU_SMTP_FROM"), FromName: getenv("CONGVU_SMTP_FROM_NAME")}
	if strings.ContainsAny(s.From+s.FromName, "\r\n") {
		return s, fmt.Errorf("CONGVU_SMTP_FROM, CONGVU_SMTP_FROM_NAME: no line breaks allowed")
	}
	if p := getenv("CONGVU_SMTP_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return s, fmt.Errorf("CONGVU_SMTP_PORT %q: not a port number", p)
		}
		s.Port = n
	}
	if s.Host != "" && s.From == "" {
		return s, fmt.Errorf("CONGVU_SMTP_FROM: required when CONGVU_SMTP_HOST is set")
	}
	return s, nil
}

// String describes the settings with the password masked.
func (s SMTP) String() string {
	if s.Host == "" {
		return "smtp=off"
	}
	return fmt.Sprintf("smtp=%s:%d user=%s from=%s", s.Host, s.port(), s.Username, s.From)
}

func (s SMTP) port() int {
	if s.Port == 0 {
		return 587
	}
	return s.Port
}

// Mailer sends one message.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Mailer returns the mailer of the settings, nil when e-mail is off.
func (s SMTP) Mailer() Mailer {
	if s.Host == "" {
		return nil
	}
	return smtpMailer{s}
}

type smtpMailer struct{ s SMTP }

// Send delivers a plain-text UTF-8 message through net/smtp (STARTTLS when
// the server offers it, which net/smtp.SendMail does). Vietnamese in the
// subject and the sender's name is encoded per RFC 2047, the body as
// quoted-printable, so that no relay that knows only 7-bit text or limits
// line length mangles it.
func (m smtpMailer) Send(ctx context.Context, to, subject, body string) error {
	if strings.ContainsAny(to, "\r\n") || strings.ContainsAny(subject, "\r\n") {
		return Permanent(fmt.Errorf("invalid header in message to %q", to))
	}
	addr := net.JoinHostPort(m.s.Host, strconv.Itoa(m.s.port()))
	var auth smtp.Auth
	if m.s.Username != "" {
		auth = smtp.PlainAuth("", m.s.Username, m.s.Password, m.s.Host)
	}
	msg, err := message(m.s.From, m.s.FromName, to, subject, body, time.Now())
	if err != nil {
		return Permanent(err)
	}
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(addr, auth, m.s.From, []string{to}, msg) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// message is the RFC 5322 text of a plain-text UTF-8 message.
func message(from, fromName, to, subject, body string, date time.Time) ([]byte, error) {
	sender := (&mail.Address{Name: fromName, Address: from}).String() // RFC 2047 for a non-ASCII name
	var b bytes.Buffer
	b.WriteString("From: " + sender + "\r\n" +
		"To: " + (&mail.Address{Address: to}).String() + "\r\n" +
		"Subject: " + mime.QEncoding.Encode("utf-8", subject) + "\r\n" +
		"Date: " + date.Format(time.RFC1123Z) + "\r\n" +
		"Message-ID: <" + strconv.FormatInt(date.UnixNano(), 36) + "." + strconv.Itoa(rand.IntN(1<<30)) + "@" + domainOf(from) + ">\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 && i < len(addr)-1 {
		return addr[i+1:]
	}
	return "congvu"
}
