package web

import (
	"context"

	"congvu/internal/dossier"
)

// QueueCard is the home card of staff who handle dossiers: how many are
// with them, and how many of those are late or due within 24 hours.
// Each count is the capped total of its list ("hơn 1.000" beyond
// dossier.TotalCap).
type QueueCard struct {
	Count, Late, Soon                   int
	CountCapped, LateCapped, SoonCapped bool
}

func queueCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermIntake) && !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermHandle) {
		return nil, nil
	}
	var c QueueCard
	fs := h.s.queueFilters(h.b.tree, h.sub, h.now)
	for _, x := range []struct {
		n      *int
		capped *bool
		set    func(*dossier.Filter)
	}{
		{&c.Count, &c.CountCapped, func(*dossier.Filter) {}},
		{&c.Late, &c.LateCapped, func(f *dossier.Filter) { f.Overdue = true }},
		{&c.Soon, &c.SoonCapped, func(f *dossier.Filter) { f.DueSoon = true }},
	} {
		part := make([]dossier.Filter, len(fs))
		for i, f := range fs {
			x.set(&f)
			part[i] = f
		}
		p, err := h.s.deps.Store.FindDossierQueue(ctx, part, "", 1, false)
		if err != nil {
			return nil, err
		}
		*x.n, *x.capped = p.Total, p.TotalCapped
	}
	return &Card{Name: "dossier-queue", Title: h.b.T("card.queue"), Data: c}, nil
}

// UnitDossiersCard is the home card of heads and directors: the late and
// at-risk dossiers of the units they lead.
type UnitDossiersCard struct {
	Late, Soon             int
	LateCapped, SoonCapped bool
}

func unitDossiersCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if len(leadUnits(h.sub)) == 0 || !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermView) {
		return nil, nil
	}
	var c UnitDossiersCard
	late, soon := unitFilters(h.b.tree, h.sub, h.now)
	late.Limit, soon.Limit = 1, 1
	pl, err := h.s.deps.Store.FindDossierPage(ctx, late)
	if err != nil {
		return nil, err
	}
	ps, err := h.s.deps.Store.FindDossierPage(ctx, soon)
	if err != nil {
		return nil, err
	}
	c.Late, c.LateCapped, c.Soon, c.SoonCapped = pl.Total, pl.TotalCapped, ps.Total, ps.TotalCapped
	return &Card{Name: "dossier-unit", Title: h.b.T("card.unitq"), Data: c}, nil
}
