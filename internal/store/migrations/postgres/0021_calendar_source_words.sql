-- The shipped holiday tables named their source with a reference to the
-- design notes, "(DOMAIN.md §2)", which the calendar page showed to users
-- (issue #12: no developer text on a page). Tables seeded before the fix
-- keep that text; drop it. An administrator's own wording is untouched.
UPDATE calendar_years SET source = REPLACE(source, ' (DOMAIN.md §2)', '') WHERE source LIKE '% (DOMAIN.md §2)%';
