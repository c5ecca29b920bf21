package dossier

import (
	"testing"

	"congvu/internal/apperr"
)

func TestApplicantValidate(t *testing.T) {
	ok := []Applicant{
		{Name: "Nguyễn Văn An"},
		{Name: "Nguyễn Văn An", IDNumber: "001 086 012 345", Phone: "0912 345 678", Email: "an@example.vn"},
		{Name: "Trần Bình", IDNumber: "123456789", Phone: "+84912345678"},
		{Name: "Công ty TNHH Kinh Bắc", IDNumber: "2300123456", Organization: true},
		{Name: "Chi nhánh Công ty Kinh Bắc", IDNumber: "2300123456-001", Organization: true},
		{Name: "Chi nhánh Công ty Kinh Bắc", IDNumber: "2300123456001", Organization: true, Phone: "0222.3822.123"},
	}
	for _, a := range ok {
		if err := a.Validate(); err != nil {
			t.Errorf("%+v: %v", a, err)
		}
	}
	a := Applicant{Name: "  Nguyễn Văn An ", IDNumber: "001 086.012345", Phone: "091-234-5678"}
	if err := a.Validate(); err != nil || a.Name != "Nguyễn Văn An" || a.IDNumber != "001086012345" || a.Phone != "0912345678" {
		t.Errorf("normalised: %+v, %v", a, err)
	}
	bad := []struct {
		a     Applicant
		field string
	}{
		{Applicant{Name: ""}, "name"},
		{Applicant{Name: "A"}, "name"},
		{Applicant{Name: "Nguyễn Văn An", IDNumber: "00108601234A"}, "id_number"},
		{Applicant{Name: "Nguyễn Văn An", IDNumber: "12345678901"}, "id_number"},
		{Applicant{Name: "Công ty", IDNumber: "23001234", Organization: true}, "id_number"},
		{Applicant{Name: "Công ty", IDNumber: "23001234AB", Organization: true}, "id_number"},
		{Applicant{Name: "Nguyễn Văn An", Phone: "0912abc678"}, "phone"},
		{Applicant{Name: "Nguyễn Văn An", Phone: "84+912345678"}, "phone"},
		{Applicant{Name: "Nguyễn Văn An", Email: "an at example.vn"}, "email"},
		{Applicant{Name: "Nguyễn Văn An", Email: "An <an@example.vn>"}, "email"},
	}
	for _, c := range bad {
		err := c.a.Validate()
		if e := apperr.As(err); e == nil || e.Code != apperr.Invalid || e.Field != c.field {
			t.Errorf("%+v: %v, want invalid %s", c.a, err, c.field)
		}
	}
}

func TestInitials(t *testing.T) {
	for _, c := range []struct {
		a    Applicant
		want string
	}{
		{Applicant{Name: "Nguyễn Văn An"}, "N.V.A."},
		{Applicant{Name: "  đặng   thị ánh "}, "Đ.T.Á."},
		{Applicant{Name: "Lê"}, "L."},
		{Applicant{Name: "Công ty TNHH Kinh Bắc", Organization: true}, "Công ty TNHH Kinh Bắc"},
	} {
		if got := c.a.Initials(); got != c.want {
			t.Errorf("Initials(%q) = %q, want %q", c.a.Name, got, c.want)
		}
	}
	if ChannelOnline.Label("vi") != "Trực tuyến" || !ChannelPostal.Valid() || Channel("fax").Valid() {
		t.Error("channels")
	}
}
