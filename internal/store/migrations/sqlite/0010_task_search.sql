-- Task search over a million tasks, as dossier search (0009): a trigram
-- index (FTS5) of the folded title, product and description, each task
-- under its id negated. Task lists keep their order (by deadline), so the
-- index gives the set of tasks holding a rare query's rarest trigrams and
-- a common query is checked row by row along the list's own order.
CREATE VIRTUAL TABLE task_search USING fts5(search_text, content='', contentless_delete=1, tokenize='trigram');
INSERT INTO task_search(rowid, search_text) SELECT -id, search_text FROM tasks;
CREATE TRIGGER task_search_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO task_search(rowid, search_text) VALUES (-new.id, new.search_text);
END;
CREATE TRIGGER task_search_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM task_search WHERE rowid = -old.id;
END;
CREATE TRIGGER task_search_update AFTER UPDATE OF search_text ON tasks BEGIN
    DELETE FROM task_search WHERE rowid = -old.id;
    INSERT INTO task_search(rowid, search_text) VALUES (-new.id, new.search_text);
END;
-- A search across the agency lists by deadline; a common query is checked
-- along this index and stops at the page's end.
CREATE INDEX tasks_agency_due ON tasks(agency_id, deadline_at, id);
