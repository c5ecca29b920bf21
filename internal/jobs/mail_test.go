package jobs_test

import (
	"testing"

	"congvu/internal/jobs"
)

func TestSMTPFromEnv(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want jobs.SMTP
		bad  bool
	}{
		{name: "off", env: map[string]string{}, want: jobs.SMTP{}},
		{name: "full", env: map[string]string{"CONGVU_SMTP_HOST": "smtp.bacninh.gov.vn", "CONGVU_SMTP_PORT": "25", "CONGVU_SMTP_FROM": "congvu@bacninh.gov.vn",
			"CONGVU_SMTP_FROM_NAME": "Sở Tài chính"}, want: jobs.SMTP{Host: "smtp.bacninh.gov.vn", Port: 25, From: "congvu@bacninh.gov.vn", FromName: "Sở Tài chính"}},
		{name: "no from", env: map[string]string{"CONGVU_SMTP_HOST": "smtp.bacninh.gov.vn"}, bad: true},
		{name: "bad port", env: map[string]string{"CONGVU_SMTP_HOST": "h", "CONGVU_SMTP_FROM": "a@b", "CONGVU_SMTP_PORT": "x"}, bad: true},
		{name: "line break in the name", env: map[string]string{"CONGVU_SMTP_HOST": "h", "CONGVU_SMTP_FROM": "a@b", "CONGVU_SMTP_FROM_NAME": "x\r\nBcc: y@z"}, bad: true},
	}
	for _, c := range cases {
		got, err := jobs.SMTPFromEnv(func(k string) string { return c.env[k] })
		if (err != nil) != c.bad || (!c.bad && got != c.want) {
			t.Errorf("%s: %+v, %v", c.name, got, err)
		}
	}
}
