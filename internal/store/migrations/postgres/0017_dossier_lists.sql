-- Lists of dossiers that scale (FindDossierPage, store/dossier_page.go):
-- every page reads an index in the list's own order, (key, id), and
-- continues after the page before, instead of sorting what it selects.
-- PostgreSQL's indexes do not end in the row's id as SQLite's do, so the
-- id is a column of each.
--
-- The open dossiers of an agency by due, with the unit, lead unit, handler
-- and pause included: a head's or the director's list of several units
-- skips the other units' dossiers in the index.
CREATE INDEX dossiers_open_agency ON dossiers(agency_id, statutory_due_at, id)
    INCLUDE (current_unit_id, lead_unit_id, handler_id, paused_at)
    WHERE closed_at IS NULL AND completed_at IS NULL;
-- An official's and one unit's open dossiers by due.
CREATE INDEX dossiers_open_handler_due ON dossiers(handler_id, statutory_due_at, id) WHERE closed_at IS NULL AND completed_at IS NULL;
CREATE INDEX dossiers_open_unit_due ON dossiers(current_unit_id, statutory_due_at, id) WHERE closed_at IS NULL AND completed_at IS NULL;
-- Every dossier of an agency by due, and by receipt.
CREATE INDEX dossiers_agency_due ON dossiers(agency_id, statutory_due_at, id);
CREATE INDEX dossiers_agency_received_id ON dossiers(agency_id, received_at, id);
-- Every dossier of an agency in one status, newest first: the desk's
-- results waiting to be returned; a count of a status reads it alone.
CREATE INDEX dossiers_agency_status ON dossiers(agency_id, status, id);
-- "Dossiers I handled": a person's actions, by dossier.
CREATE INDEX dossier_events_actor ON dossier_events(actor_id, dossier_id);
-- Search finds the applicant's phone too (dossierSearchText puts it last);
-- rows written before get it appended, as folding leaves a phone as it is.
UPDATE dossiers SET search_text = search_text || ' ' || lower(btrim(applicant_phone))
    WHERE btrim(applicant_phone) <> '' AND strpos(search_text, lower(btrim(applicant_phone))) = 0;
