package web

import (
	"context"

	"congvu/internal/dossier"
)

// QueueCard is the home card of staff who handle dossiers: how many are
// with them, and how many of those are late or due within 24 hours.
type QueueCard struct {
	Count, Late, Soon int
}

func queueCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermIntake) && !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermHandle) {
		return nil, nil
	}
	list, err := h.s.myQueue(ctx, h.b.tree, h.sub)
	if err != nil {
		return nil, err
	}
	rows, err := h.s.dossierRows(ctx, h.b.Lang, agencyOf(h.b.tree, h.sub), list)
	if err != nil {
		return nil, err
	}
	c := QueueCard{Count: len(rows)}
	for _, r := range rows {
		if r.Late {
			c.Late++
		} else if r.Soon {
			c.Soon++
		}
	}
	return &Card{Name: "dossier-queue", Title: h.b.T("card.queue"), Data: c}, nil
}

// UnitDossiersCard is the home card of heads and directors: the late and
// at-risk dossiers of the units they lead.
type UnitDossiersCard struct {
	Late, Soon int
}

func unitDossiersCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if len(leadUnits(h.sub)) == 0 || !h.s.canSomewhere(h.sub, h.b.tree, dossier.PermView) {
		return nil, nil
	}
	late, soon, err := h.s.unitRisk(ctx, h.b.Lang, h.b.tree, h.sub)
	if err != nil {
		return nil, err
	}
	return &Card{Name: "dossier-unit", Title: h.b.T("card.unitq"), Data: UnitDossiersCard{Late: len(late), Soon: len(soon)}}, nil
}
