package org

import (
	"net/mail"
	"strings"
	"time"

	"congvu/internal/apperr"
)

// Person is a member of staff (cán bộ, công chức, viên chức).
type Person struct {
	ID       int64
	AgencyID int64
	FullName string
	Email    string
	Phone    string
	Active   bool
	Login    string // empty when the person has no account
	// Memberships are filled by the queries that say so.
	Memberships []Membership
}

// NewPerson is what it takes to add a person.
type NewPerson struct {
	AgencyID int64
	FullName string
	Email    string
	Phone    string
}

// Validate checks and normalises a new person.
func (n *NewPerson) Validate() error {
	var err error
	if n.FullName, err = apperr.Text("full_name", n.FullName, 2, 120); err != nil {
		return err
	}
	if n.Email, err = apperr.Text("email", n.Email, 0, 200); err != nil {
		return err
	}
	if n.Email != "" {
		if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email {
			return apperr.Invalidf("email", "địa chỉ thư điện tử không hợp lệ: %q", "invalid e-mail address: %q", n.Email)
		}
	}
	if n.Phone, err = apperr.Text("phone", n.Phone, 0, 20); err != nil {
		return err
	}
	for _, r := range n.Phone {
		if !strings.ContainsRune("0123456789+ .-()", r) {
			return apperr.Invalidf("phone", "số điện thoại không hợp lệ: %q", "invalid phone number: %q", n.Phone)
		}
	}
	if n.AgencyID <= 0 {
		return apperr.Invalidf("agency_id", "thiếu cơ quan", "agency is required")
	}
	return nil
}

// PersonFilter selects people. Zero fields do not filter.
type PersonFilter struct {
	AgencyIDs  []int64 // people of these agencies (nil: any)
	UnitID     *int64  // members of this unit (and, with Subtree, of its descendants)
	Subtree    bool
	Query      string // diacritic-insensitive search on the name
	OnlyActive bool
	Limit      int
	Offset     int
}

// Membership places a person in a unit with a role and a position title,
// for a period.
type Membership struct {
	ID        int64
	PersonID  int64
	UnitID    int64
	Role      Role
	Position  string // the title as written on documents, e.g. "Trưởng phòng Đấu thầu"
	ValidFrom string
	ValidTo   *string
}

// NewMembership is what it takes to place a person in a unit.
type NewMembership struct {
	PersonID  int64
	UnitID    int64
	Role      Role
	Position  string
	ValidFrom string
}

// Validate checks a new membership.
func (n *NewMembership) Validate() error {
	var err error
	if !n.Role.Valid() {
		return apperr.Invalidf("role", "vai trò không hợp lệ: %q", "unknown role: %q", string(n.Role))
	}
	if n.Position, err = apperr.Text("position", n.Position, 0, 120); err != nil {
		return err
	}
	if n.ValidFrom, err = ParseDate("valid_from", n.ValidFrom); err != nil {
		return err
	}
	if n.PersonID <= 0 || n.UnitID <= 0 {
		return apperr.Invalidf("unit_id", "thiếu người hoặc đơn vị", "person and unit are required")
	}
	return nil
}

// Delegation lets one person act for another (quyền, ủy quyền) for a
// period: while it lasts, To holds From's roles in From's units.
type Delegation struct {
	ID           int64
	FromPersonID int64
	ToPersonID   int64
	StartsAt     time.Time
	EndsAt       time.Time
	Reason       string
	RevokedAt    *time.Time
}

// DefaultDelegationMaxDays is how long one delegation may last when the
// operator sets nothing (config --delegation-max-days): long enough for a
// leave or a mission, short enough that acting powers are renewed on record.
const DefaultDelegationMaxDays = 90

// CheckLength refuses a delegation longer than maxDays days (the default when
// maxDays is not positive), naming ends_at: a delegation is for an absence,
// not a standing transfer of power.
func (d Delegation) CheckLength(maxDays int) error {
	if maxDays <= 0 {
		maxDays = DefaultDelegationMaxDays
	}
	if d.EndsAt.Sub(d.StartsAt) > time.Duration(maxDays)*24*time.Hour {
		return apperr.Invalidf("ends_at", "một lần ủy quyền kéo dài tối đa %d ngày; hãy chọn ngày kết thúc sớm hơn",
			"a delegation lasts at most %d days; choose an earlier end", maxDays)
	}
	return nil
}

// DelegationFilter selects delegations. Zero fields do not filter.
type DelegationFilter struct {
	AgencyID int64 // the delegator's agency
	Limit    int   // at most this many, newest first (100 when 0)
}

// ActiveAt reports whether the delegation is in force at t.
func (d Delegation) ActiveAt(t time.Time) bool {
	return d.RevokedAt == nil && !t.Before(d.StartsAt) && t.Before(d.EndsAt)
}

// Validate checks a delegation before it is recorded.
func (d *Delegation) Validate() error {
	var err error
	if d.FromPersonID <= 0 || d.ToPersonID <= 0 {
		return apperr.Invalidf("to_person_id", "thiếu người ủy quyền hoặc người được ủy quyền", "both people are required")
	}
	if d.FromPersonID == d.ToPersonID {
		return apperr.Invalidf("to_person_id", "không thể tự ủy quyền cho chính mình", "a person cannot delegate to themself")
	}
	if !d.EndsAt.After(d.StartsAt) {
		return apperr.Invalidf("ends_at", "thời điểm kết thúc phải sau thời điểm bắt đầu", "the end must come after the start")
	}
	if d.Reason, err = apperr.Text("reason", d.Reason, 0, 500); err != nil {
		return err
	}
	return nil
}
