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
}

func tasksCard(ctx context.Context, h *homeCtx) (*Card, error) {
	if h.sub.PersonID == 0 {
		return nil, nil
	}
	st := h.s.deps.Store
	mine, err := st.FindTasks(ctx, store.TaskFilter{LeadPersonID: h.sub.PersonID, Open: true, Limit: 1000})
	if err != nil {
		return nil, err
	}
	c := TasksCard{Open: len(mine), Unread: h.s.unreadCount(ctx, h.sub.PersonID)}
	today := h.now
	for _, t := range mine {
		if dateAfter(today, t.Deadline) {
			c.Overdue++
		}
	}
	if units := managedUnits(h.b.tree, h.sub); len(units) > 0 {
		c.Manages = true
		late, err := h.s.findVisibleTasks(ctx, h.b, store.TaskFilter{UnitIDs: units, Overdue: true, Now: h.now, Limit: 1000})
		if err != nil {
			return nil, err
		}
		c.UnitOverdue = len(late)
	}
	return &Card{Name: "tasks", Title: h.b.T("card.tasks"), Data: c}, nil
}
