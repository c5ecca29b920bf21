package store

import (
	"context"
	"slices"
	"sync"

	"congvu/internal/dossier"
)

// dossierCache keeps the dossiers this node last read or wrote, each at
// the version it had. A version's content never changes (one immutable
// event per version), so a dossier held at the version a caller names is
// that version exactly, however old the entry: an action sent with
// If-Match is checked on it without reading the database, and its write
// fails with a conflict if the dossier has moved on since (the row's
// version check), as it would have after a read.
type dossierCache struct {
	mu sync.Mutex
	m  map[string]dossier.Record
}

// maxCachedDossiers bounds the cache; past it the cache starts over.
const maxCachedDossiers = 8192

func (c *dossierCache) get(code string, version int) (dossier.Record, bool) {
	c.mu.Lock()
	rec, ok := c.m[code]
	c.mu.Unlock()
	if !ok || rec.State.Version != version {
		return dossier.Record{}, false
	}
	return clonedDossier(rec), true
}

// put keeps rec, which must be committed: read from the database, or
// written by a transaction that has committed.
func (c *dossierCache) put(rec dossier.Record) {
	rec = clonedDossier(rec)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedDossiers {
		c.m = map[string]dossier.Record{}
	}
	if old, ok := c.m[rec.Code]; ok && old.State.Version > rec.State.Version {
		return // a slower reader must not put back an older version
	}
	c.m[rec.Code] = rec
}

// clonedDossier copies the slices a caller could append to or change, so
// that no caller changes the cache's copy through its own.
func clonedDossier(rec dossier.Record) dossier.Record {
	rec.Events = slices.Clone(rec.Events)
	rec.Documents = slices.Clone(rec.Documents)
	rec.State.Steps = slices.Clone(rec.State.Steps)
	return rec
}

// FindDossierAtVersion is FindDossierByCode for a caller about to act on
// the dossier at version (its If-Match): the dossier at that version may
// come from memory (dossierCache). With version 0, or when the dossier is
// not held at that version, it is read as FindDossierByCode reads it.
func (db *DB) FindDossierAtVersion(ctx context.Context, code string, version int) (dossier.Record, error) {
	if version > 0 {
		if rec, ok := db.dossiers.get(code, version); ok {
			return rec, nil
		}
	}
	return db.FindDossierByCode(ctx, code)
}
