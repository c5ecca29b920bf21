package store

import (
	"cmp"
	"fmt"
	"slices"

	"congvu/internal/calendar"
	"congvu/internal/dossier"
	"congvu/internal/file"
)

// pendingIntake is a dossier received by a transaction that still awaits
// its number: numbers are handed out when the transaction (or its group)
// commits, so that the day's counter, which every intake at an agency
// needs, is held for the commit alone and not for whole groups of work.
type pendingIntake struct {
	rec        *dossier.Record // Code and ID are filled in by writeIntakes
	agencyCode string
	day        calendar.Date
	procID     int64
	secretHash string
	audit      pendingAudit // its ObjectID is the code
	// links are the scans attached with it (ReceiveDossierWithFiles), their
	// RecordID and their journal entries' ObjectID the code.
	links      []file.Link
	linkAudits []pendingAudit
}

// counterKey names a row of dossier_counters.
type counterKey struct {
	agencyCode string
	day        calendar.Date
}

func (k counterKey) yymmdd() string {
	return fmt.Sprintf("%02d%02d%02d", k.day.Year%100, int(k.day.Month), k.day.Day)
}

// queueDossierNumbers asks each day's counter for as many numbers as the
// intakes need, in key order (writers committing at once lock the counters
// in the same order). The answers are in the returned map once the
// transaction's next statement that waits has run. A counter row is
// incremented inside the transaction, so a transaction that fails gives its
// numbers back: no duplicate and no gap.
func queueDossierNumbers(tx *Tx, intakes []*pendingIntake) (map[counterKey]*int64, error) {
	need := map[counterKey]int{}
	for _, in := range intakes {
		need[counterKey{in.agencyCode, in.day}]++
	}
	keys := make([]counterKey, 0, len(need))
	for k := range need {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b counterKey) int {
		return cmp.Or(cmp.Compare(a.agencyCode, b.agencyCode), a.day.Compare(b.day))
	})
	last := make(map[counterKey]*int64, len(keys))
	for _, k := range keys {
		last[k] = new(int64)
		if err := tx.WriteReturning([]any{last[k]}, "allocate dossier numbers", `INSERT INTO dossier_counters (agency_code, day, last_seq) VALUES (?, ?, ?)
			ON CONFLICT (agency_code, day) DO UPDATE SET last_seq = dossier_counters.last_seq + excluded.last_seq
			RETURNING last_seq`, k.agencyCode, k.yymmdd(), need[k]); err != nil {
			return nil, err
		}
	}
	return last, nil
}

// writeIntakes numbers the intakes (in their order, from the counters'
// answers) and writes their rows and first events; it returns their
// journal entries.
func writeIntakes(tx *Tx, intakes []*pendingIntake, last map[counterKey]*int64) ([]pendingAudit, error) {
	next := map[counterKey]int64{}
	for _, in := range intakes {
		k := counterKey{in.agencyCode, in.day}
		next[k]++
	}
	for k, n := range next {
		next[k] = *last[k] - n // the number before the first of ours
	}
	audits := make([]pendingAudit, 0, len(intakes))
	for _, in := range intakes {
		k := counterKey{in.agencyCode, in.day}
		next[k]++
		in.rec.Code = dossier.FormatCode(in.agencyCode, in.day, int(next[k]))
		if err := insertDossier(tx, in.rec, in.procID, in.secretHash); err != nil {
			return nil, err
		}
		if err := insertDossierEvent(tx, in.rec.Code, in.rec.Events[0]); err != nil {
			return nil, err
		}
		a := in.audit
		a.ObjectID = in.rec.Code
		audits = append(audits, a)
		for i, l := range in.links {
			if err := tx.Write("attach scan", `INSERT INTO file_links (file_id, kind, record_id, slot, attached_by, attached_at) VALUES (?, ?, ?, ?, ?, ?)`,
				l.FileID, l.Kind, in.rec.Code, l.Slot, l.AttachedBy, Micro(l.AttachedAt)); err != nil {
				return nil, err
			}
			la := in.linkAudits[i]
			la.ObjectID = in.rec.Code
			audits = append(audits, la)
		}
	}
	return audits, nil
}
