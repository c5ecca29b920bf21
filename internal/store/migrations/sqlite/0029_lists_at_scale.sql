-- Lists at full size (issue #12: a page of 50 in 20 ms at 1,000,000 tasks
-- and 10,000,000 dossiers). Each index lets one more list read its page in
-- index order, and its capped count stop after 10,001 entries, instead of
-- reading the table newest first for the few rows it keeps.
--
-- Dossiers by handler, by current unit and by procedure in every status,
-- newest first (FindDossierPage, store/dossier_page.go): the handler's
-- and the unit's of the open ones were partial indexes only, so "handler"
-- and "unit" over all statuses read the whole table.
CREATE INDEX dossiers_handler_newest ON dossiers(handler_id, id);
CREATE INDEX dossiers_unit_newest ON dossiers(current_unit_id, id);
CREATE INDEX dossiers_agency_procedure ON dossiers(agency_id, procedure_code, id);
-- The open tasks of an agency, and those a person or unit coordinates, as
-- one range each (store/task_list.go): the director's "due" and overdue
-- lists read one range per open state of each branch of their scope
-- (twelve), and PostgreSQL spent 6.5 ms planning them.
CREATE INDEX tasks_agency_open_due ON tasks(agency_id, deadline_at, id) WHERE state NOT IN ('done', 'cancelled');
CREATE INDEX task_coordinators_person_open_due ON task_coordinators(person_id, task_deadline_at, task_id) WHERE task_state NOT IN ('done', 'cancelled');
CREATE INDEX task_coordinators_unit_open_due ON task_coordinators(unit_id, task_deadline_at, task_id) WHERE task_state NOT IN ('done', 'cancelled');
