-- Diacritic-insensitive search over a million dossiers: a trigram index
-- (pg_trgm) of the folded search text serves LIKE '%…%', which read every
-- row before. pg_trgm ships with PostgreSQL (contrib) and is a trusted
-- extension; it is created in public once per database, and a concurrent
-- migration of another schema of the same database may have just created
-- it.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
    NULL;
END
$$;
CREATE INDEX dossiers_search ON dossiers USING gin (search_text public.gin_trgm_ops);
