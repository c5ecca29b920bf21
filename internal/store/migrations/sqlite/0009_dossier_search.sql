-- Diacritic-insensitive search over a million dossiers in milliseconds:
-- a trigram index (FTS5) of the folded search text. A search drives from
-- the index newest first, so a common word stops at the first page and a
-- rare one reads only the rows that contain it, where LIKE on the table
-- read every row (1.4 s at a million). The index holds each dossier under
-- its id negated: FTS5 walks its lists forwards two to three times faster
-- than backwards, and forwards is then newest first. A query is a phrase
-- of consecutive trigrams, which matches exactly the rows containing it,
-- so the index needs no copy of the text (contentless).
CREATE VIRTUAL TABLE dossier_search USING fts5(search_text, content='', contentless_delete=1, tokenize='trigram');
INSERT INTO dossier_search(rowid, search_text) SELECT -id, search_text FROM dossiers;
CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossiers BEGIN
    INSERT INTO dossier_search(rowid, search_text) VALUES (-new.id, new.search_text);
END;
CREATE TRIGGER dossier_search_delete AFTER DELETE ON dossiers BEGIN
    DELETE FROM dossier_search WHERE rowid = -old.id;
END;
CREATE TRIGGER dossier_search_update AFTER UPDATE OF search_text ON dossiers BEGIN
    DELETE FROM dossier_search WHERE rowid = -old.id;
    INSERT INTO dossier_search(rowid, search_text) VALUES (-new.id, new.search_text);
END;
