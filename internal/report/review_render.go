package report

import (
	"bytes"

	"congvu/internal/org"
	"congvu/internal/review"
)

// ReviewBodies names the body above the issuing unit and the issuing unit
// itself, as the header of an administrative document prints them (NĐ
// 30/2020, Phụ lục I: the governing body on the first line, the issuing
// body on the second): a division's review is issued under its agency, an
// agency's under the body above it.
func ReviewBodies(t *org.Tree, unit int64) (above, issuer string) {
	u, ok := t.Unit(unit)
	if !ok {
		return "", ""
	}
	issuer = u.Name
	up := u.AgencyID
	if up == u.ID && u.ParentID != nil {
		up = *u.ParentID
	}
	if a, ok := t.Unit(up); ok && a.ID != u.ID {
		above = a.Name
	}
	return above, issuer
}

// ReviewFile renders a review as DOCX or PDF ("docx", "pdf"), with the
// header of its unit in t, at place.
func ReviewFile(t *org.Tree, r review.Review, format, place string) ([]byte, error) {
	above, issuer := ReviewBodies(t, r.UnitID)
	d := ReviewDocument(r, above, place)
	if issuer != "" {
		d.Unit = issuer
	}
	var b bytes.Buffer
	var err error
	if format == "pdf" {
		err = WriteReviewPDF(&b, d)
	} else {
		err = WriteReviewDOCX(&b, d)
	}
	return b.Bytes(), err
}
