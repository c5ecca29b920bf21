-- Lists of dossiers that scale (FindDossierPage, store/dossier_page.go):
-- every page reads an index in the list's own order and continues after
-- the page before, instead of sorting what it selects.
--
-- The open dossiers of an agency by due, with the unit, lead unit, handler
-- and pause in the index: a head's or the director's list of several units
-- skips the other units' dossiers in the index without reading their rows.
-- The id follows the due, so that ties are in id order as the cursor needs.
CREATE INDEX dossiers_open_agency ON dossiers(agency_id, statutory_due_at, id, current_unit_id, lead_unit_id, handler_id, paused_at)
    WHERE closed_at IS NULL AND completed_at IS NULL;
-- Every dossier of an agency by due, for a due range over closed ones too.
CREATE INDEX dossiers_agency_due ON dossiers(agency_id, statutory_due_at);
-- Every dossier of an agency in one status, newest first: the desk's
-- results waiting to be returned; a count of a status reads it alone.
CREATE INDEX dossiers_agency_status ON dossiers(agency_id, status, id);
-- "Dossiers I handled": a person's actions, by dossier.
CREATE INDEX dossier_events_actor ON dossier_events(actor_id, dossier_id);
-- Search finds the applicant's phone too (dossierSearchText puts it last);
-- rows written before get it appended, as folding leaves a phone as it is.
UPDATE dossiers SET search_text = search_text || ' ' || lower(trim(applicant_phone))
    WHERE trim(applicant_phone) <> '' AND instr(search_text, lower(trim(applicant_phone))) = 0;
