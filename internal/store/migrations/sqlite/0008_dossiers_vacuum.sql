-- Kept in step with PostgreSQL's 0008, which tunes autovacuum for the
-- dossiers table; SQLite has no visibility map and needs nothing.
SELECT 1;
