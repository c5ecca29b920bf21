-- A search by a dossier's code, as read off a receipt (issue #12, "lists
-- that scale"): the dossiers whose code begins with it, from this index
-- (code >= ? AND code < ?, byte order), not from the trigram index of
-- search_text. It repeats the index of the UNIQUE constraint on code,
-- whose name SQLite makes up (sqlite_autoindex_dossiers_N) and which the
-- planner, without statistics, passes over for the table's own order:
-- the list names this one (INDEXED BY).
CREATE INDEX dossiers_code_prefix ON dossiers(code);
