package store

import (
	"context"
	"time"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// inForceFresh is how long the cache of the versions in force (DB.inForce)
// keeps an answer on SQLite. Every intake asks which stored version of a
// procedure is in force at an agency on a day, and on PostgreSQL the
// question was a round trip of its own. A change to the catalogue empties
// the cache as soon as it commits, on this node and (PostgreSQL, through
// NOTIFY) on the others; on SQLite one made by another process shows
// within inForceFresh.
const inForceFresh = time.Second

type inForceKey struct {
	agency int64
	code   string
	day    calendar.Date
}

// ProcedureInForce returns the version of a procedure in force at an agency
// on a day (the one dossier.PickVersion picks), or an Invalid error naming
// procedure_code.
func (db *DB) ProcedureInForce(ctx context.Context, agencyID int64, code string, on calendar.Date) (dossier.Procedure, error) {
	_, p, err := db.procedureInForceOn(ctx, agencyID, code, on)
	return p, err
}

// procedureInForceOn is procedureInForce on the read pool, through the cache.
func (db *DB) procedureInForceOn(ctx context.Context, agency int64, code string, day calendar.Date) (int64, dossier.Procedure, error) {
	k := inForceKey{agency, code, day}
	now := time.Now()
	id, gen, ok := db.inForce.get(k)
	if ok {
		if p, ok := db.procs.get(id); ok {
			return id, p, nil
		}
	}
	id, p, err := procedureInForce(reader{db, ctx}, &db.procs, agency, code, day)
	if err != nil {
		return 0, p, err
	}
	db.procs.put(id, p) // committed: it was read off the writer
	db.inForce.put(gen, k, id, now)
	return id, p, nil
}
