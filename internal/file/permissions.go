package file

// CanRead says whether person may download f, attached by links (every
// link it has had, removed ones included: a record's history still shows
// them to whoever may read the record). A file attached nowhere yet is its
// uploader's alone. Once attached, it may be read by whoever may read one of
// the records it belongs to; mayRead applies that record's own policy (the
// dossier's CanView, the task's, the plan's), so that a file is never more
// visible than its record. Errors: NotFound, whatever the reason, so that
// an id reveals nothing.
func CanRead(personID int64, f File, links []Link, mayRead func(Link) error) error {
	if len(links) == 0 {
		if personID != 0 && personID == f.UploadedBy {
			return nil
		}
		return NotFound(f.ID)
	}
	for _, l := range links {
		if mayRead(l) == nil {
			return nil
		}
	}
	return NotFound(f.ID)
}

// CanAttach says whether person may attach f to a record: only a file
// they uploaded themselves, or one they can already read through another
// record (a decision attached to two tasks). Who may change the record is
// the record's own rule, checked by the caller.
func CanAttach(personID int64, f File, links []Link, mayRead func(Link) error) error {
	if personID != 0 && personID == f.UploadedBy {
		return nil
	}
	if len(links) == 0 {
		return NotFound(f.ID)
	}
	return CanRead(personID, f, links, mayRead)
}
