-- Task search over a million tasks, as dossier search (0009): a pg_trgm
-- GIN index of the folded title, product and description.
CREATE INDEX tasks_search ON tasks USING gin (search_text public.gin_trgm_ops);
-- A search across the agency lists by deadline; a common query is checked
-- along this index and stops at the page's end.
CREATE INDEX tasks_agency_due ON tasks(agency_id, deadline_at, id);
