package store

import (
	"context"
	"slices"
	"sync"
)

// taskCache keeps the tasks lists have shown, with their coordinators and
// checklists, by id. A task row changes only with its version (every
// change is an event that bumps it, the checklist ticks included), so a
// list reads just the ids and versions of its page and takes from here
// every task whose version matches: reading the 21 columns of 50 rows and
// their parts was most of the CPU of a list. Any node sharing the database
// can use it, as the versions come from the database on every list.
type taskCache struct {
	mu sync.Mutex
	m  map[int64]TaskSummary
}

// maxCachedTasks bounds the cache (a few hundred bytes a task); past it,
// it starts over.
const maxCachedTasks = 100_000

func (c *taskCache) get(id int64, version int) (TaskSummary, bool) {
	c.mu.Lock()
	s, ok := c.m[id]
	c.mu.Unlock()
	if !ok || s.Version != version {
		return TaskSummary{}, false
	}
	// The caller gets its own slices: the cached ones are shared.
	s.Coordinators, s.Checklist = slices.Clone(s.Coordinators), slices.Clone(s.Checklist)
	return s, true
}

func (c *taskCache) put(list []TaskSummary) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(list) > maxCachedTasks {
		c.m = make(map[int64]TaskSummary, len(list))
	}
	for _, s := range list {
		if old, ok := c.m[s.ID]; ok && old.Version > s.Version {
			continue
		}
		s.Coordinators, s.Checklist = slices.Clone(s.Coordinators), slices.Clone(s.Checklist)
		c.m[s.ID] = s
	}
}

// taskPage reads the page a list query selects: q selects id and version
// in the page's order. Tasks missing from the cache, or cached at another
// version, are read with their parts; the page keeps q's order.
func (db *DB) taskPage(ctx context.Context, q string, args ...any) ([]TaskSummary, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	type ref struct {
		id      int64
		version int
	}
	var page []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.id, &r.version); err != nil {
			rows.Close()
			return nil, err
		}
		page = append(page, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	refs := make([]taskRef, len(page))
	for i, r := range page {
		refs[i] = taskRef{id: r.id, version: r.version}
	}
	return db.fillTaskPage(ctx, refs)
}

// fillTaskPage reads the tasks of a page: tasks missing from the cache,
// or cached at another version, are read with their parts; the page keeps
// its order.
func (db *DB) fillTaskPage(ctx context.Context, page []taskRef) ([]TaskSummary, error) {
	out := make([]TaskSummary, len(page))
	found := make([]bool, len(page))
	var missing []any
	for i, r := range page {
		if out[i], found[i] = db.tasks.get(r.id, r.version); !found[i] {
			missing = append(missing, r.id)
		}
	}
	if len(missing) > 0 {
		fresh, err := db.scanTasks(ctx, "SELECT "+taskColumns+" FROM tasks WHERE id IN ("+placeholders(len(missing))+")", missing...)
		if err != nil {
			return nil, err
		}
		if err := loadTaskParts(reader{db, ctx}, fresh); err != nil {
			return nil, err
		}
		db.tasks.put(fresh)
		byID := make(map[int64]TaskSummary, len(fresh))
		for _, s := range fresh {
			byID[s.ID] = s
		}
		for i, r := range page {
			if !found[i] {
				out[i], found[i] = byID[r.id] // read again: the task may have moved on since, which is newer still
			}
		}
	}
	// A task that vanished between the two reads (none is ever deleted
	// today) is left out rather than shown empty.
	return slices.DeleteFunc(out, func(s TaskSummary) bool { return s.ID == 0 }), nil
}

// taskIDColumns are what a list page selects before taskPage fills it.
const taskIDColumns = "id, version"
