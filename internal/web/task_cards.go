package web

import (
	"context"

	"congvu/internal/store"
)

// TasksCard is the home card of everyone who takes part in tasks: the open
// tasks they lead, how many of those are overdue, the overdue tasks of the
// units they manage, and their unread notifications.
type TasksCard struct {
	Open, Overdue, UnitOverdue, Unread int
	Manages                            bool
	// Each count is capped at store.TaskCountCap ("hơn 1.000"); the card
	// read up to 1,000 tasks and counted those.
	OpenCapped, OverdueCapped, UnitOverdueCapped bool
}

func tasksCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if h.sub.PersonID == 0 {
		return nil, nil
	}
	st := h.s.deps.Store
	c := TasksCard{Unread: h.s.unreadCount(ctx, h.sub.PersonID)}
	var err error
	if c.Open, c.OpenCapped, err = st.CountTasks(ctx, store.TaskFilter{LeadPersonID: h.sub.PersonID, Open: true}, 0); err != nil {
		return nil, err
	}
	if c.Overdue, c.OverdueCapped, err = st.CountTasks(ctx, store.TaskFilter{LeadPersonID: h.sub.PersonID, Overdue: true, Now: h.now}, 0); err != nil {
		return nil, err
	}
	if units := managedUnits(h.b.tree, h.sub); len(units) > 0 {
		c.Manages = true
		f := store.TaskFilter{UnitIDs: units, Overdue: true, Now: h.now, Scope: store.TaskScopeOf(h.sub, h.b.tree)}
		if c.UnitOverdue, c.UnitOverdueCapped, err = st.CountTasks(ctx, f, 0); err != nil {
			return nil, err
		}
	}
	return &Card{Name: "tasks", Title: h.b.T("card.tasks"), Data: c}, nil
}
