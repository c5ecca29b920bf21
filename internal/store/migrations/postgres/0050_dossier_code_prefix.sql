-- A search by a dossier's code, as read off a receipt (issue #12, "lists
-- that scale"): the dossiers whose code begins with it, from this index
-- in byte order (text_pattern_ops: the range ~>=~ … ~<~ whatever the
-- database's collation), not from the trigram index of search_text,
-- which paid for the code's every trigram, each in nearly every row
-- (28–37 ms a page at 10,000,000 dossiers).
CREATE INDEX dossiers_code_prefix ON dossiers (code text_pattern_ops);
