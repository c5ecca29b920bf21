package investment

import (
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/calendar"
)

var testRules = []DueRule{
	{Kind: ObQuarterly, From: calendar.Date{Year: 2025, Month: 1, Day: 1}, MonthsAfter: 1, Day: 10},
	{Kind: ObYearly, From: calendar.Date{Year: 2025, Month: 1, Day: 1}, MonthsAfter: 1, Day: 31},
	{Kind: ObEnd, From: calendar.Date{Year: 2025, Month: 1, Day: 1}, MonthsAfter: 6, Day: 31},
	{Kind: ObImpact, From: calendar.Date{Year: 2025, Month: 1, Day: 1}, MonthsAfter: 36, Day: 31},
	// a later change of the quarterly rule
	{Kind: ObQuarterly, From: calendar.Date{Year: 2027, Month: 1, Day: 1}, MonthsAfter: 0, Day: 31},
}

func TestObligations(t *testing.T) {
	for _, c := range []struct {
		name  string
		p     ProjectYears
		count int
		due   map[string]string
	}{
		{"group B, 2026–2027", ProjectYears{StartYear: 2026, EndYear: 2027, EndAndImpact: true}, 12,
			map[string]string{"2026-Q1": "2026-04-10", "2026-Q4": "2027-01-10", "2026": "2027-01-31",
				"2027-Q1": "2027-03-31", "2027-Q2": "2027-06-30", "end": "2028-06-30", "impact": "2030-12-31"}},
		{"group A: no end or impact evaluation", ProjectYears{StartYear: 2026, EndYear: 2026}, 5, map[string]string{"2026-Q3": "2026-10-10"}},
		{"began before the law: only from 2025", ProjectYears{StartYear: 2023, EndYear: 2025, EndAndImpact: true}, 7,
			map[string]string{"2025-Q1": "2025-04-10", "end": "2026-06-30"}},
		{"years the wrong way round", ProjectYears{StartYear: 2027, EndYear: 2026}, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Obligations(c.p, testRules)
			if len(got) != c.count {
				t.Fatalf("%d obligations, want %d: %+v", len(got), c.count, got)
			}
			byKey := map[string]Obligation{}
			for _, o := range got {
				byKey[o.Key] = o
			}
			for k, want := range c.due {
				if o, ok := byKey[k]; !ok || o.Due.String() != want {
					t.Errorf("%s due %v, want %s", k, o.Due, want)
				}
			}
		})
	}
}

func TestObligationState(t *testing.T) {
	o := Obligation{Kind: ObQuarterly, Year: 2026, Quarter: 1, Due: calendar.Date{Year: 2026, Month: 4, Day: 10}}
	sub := func(d int) Obligation {
		x := o
		x.Submission = &Submission{On: calendar.Date{Year: 2026, Month: 4, Day: d}}
		return x
	}
	for _, c := range []struct {
		o     Obligation
		today calendar.Date
		want  ObligationState
	}{
		{o, calendar.Date{Year: 2026, Month: 3, Day: 1}, ObligationUpcoming},
		{o, calendar.Date{Year: 2026, Month: 4, Day: 3}, ObligationDueSoon},
		{o, calendar.Date{Year: 2026, Month: 4, Day: 10}, ObligationDueSoon},
		{o, calendar.Date{Year: 2026, Month: 4, Day: 11}, ObligationOverdue},
		{sub(10), calendar.Date{Year: 2026, Month: 5, Day: 1}, ObligationOnTime},
		{sub(11), calendar.Date{Year: 2026, Month: 5, Day: 1}, ObligationLate},
	} {
		if got := c.o.State(c.today); got != c.want {
			t.Errorf("State(%v, sub %v) = %s, want %s", c.today, c.o.Submission, got, c.want)
		}
	}
}

func TestValidateSubmission(t *testing.T) {
	today := calendar.Date{Year: 2028, Month: 7, Day: 1}
	end := Obligation{Kind: ObEnd, Key: "end", Year: 2027}
	full := map[EvaluationSection]string{}
	for _, c := range EvaluationSections {
		full[EvaluationSection(c.Value)] = "Nội dung " + c.VI
	}
	noLessons := map[EvaluationSection]string{}
	for k, v := range full {
		if k != SecLessons {
			noLessons[k] = v
		}
	}
	on := calendar.Date{Year: 2028, Month: 6, Day: 20}
	for _, c := range []struct {
		name  string
		o     Obligation
		s     Submission
		code  apperr.Code
		field string
	}{
		{"end evaluation in full", end, Submission{On: on, Sections: full}, "", ""},
		{"without lessons learned", end, Submission{On: on, Sections: noLessons}, apperr.Invalid, "sections.lessons"},
		{"quarterly without sections", Obligation{Kind: ObQuarterly, Year: 2028, Quarter: 1}, Submission{On: on}, "", ""},
		{"quarterly with sections", Obligation{Kind: ObQuarterly, Year: 2028, Quarter: 1}, Submission{On: on, Sections: full}, apperr.Invalid, "sections"},
		{"unknown section", end, Submission{On: on, Sections: map[EvaluationSection]string{"gossip": "x"}}, apperr.Invalid, "sections"},
		{"in the future", end, Submission{On: calendar.Date{Year: 2028, Month: 7, Day: 2}, Sections: full}, apperr.Invalid, "submitted_on"},
		{"before the period", Obligation{Kind: ObYearly, Year: 2028}, Submission{On: calendar.Date{Year: 2027, Month: 12, Day: 31}}, apperr.Invalid, "submitted_on"},
		{"no date", end, Submission{Sections: full}, apperr.Invalid, "submitted_on"},
		{"twice", Obligation{Kind: ObYearly, Year: 2027, Submission: &Submission{On: on}}, Submission{On: on}, apperr.Conflict, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ValidateSubmission(c.o, c.s, today)
			wantErr(t, err, c.code, c.field)
		})
	}
}

func TestDueRuleValidate(t *testing.T) {
	if err := testRules[0].Validate(); err != nil {
		t.Fatal(err)
	}
	for field, r := range map[string]DueRule{
		"kind":         {Kind: "weekly", From: calendar.Date{Year: 2025, Month: 1, Day: 1}, Day: 1},
		"from":         {Kind: ObYearly, Day: 1},
		"months_after": {Kind: ObYearly, From: calendar.Date{Year: 2025, Month: 1, Day: 1}, MonthsAfter: -1, Day: 1},
		"day":          {Kind: ObYearly, From: calendar.Date{Year: 2025, Month: 1, Day: 1}, Day: 32},
	} {
		if e := apperr.As(r.Validate()); e == nil || e.Field != field {
			t.Errorf("%s: %v", field, e)
		}
	}
}
