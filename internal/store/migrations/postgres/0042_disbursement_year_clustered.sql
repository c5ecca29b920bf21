-- The project-year rollups of disbursement read without the table (issue
-- 13 item 10: the province's dashboard in ≤ 50 ms p95 at 20,000 projects).
-- The dashboard's projects below the curve read every row of a register's
-- year (source '' or one source): through the old index that was a heap
-- page per row, about 9,000 pages at 20,000 projects (90 ms to 0.5 s).
-- The same index now carries every column those queries read (INCLUDE:
-- 4 keys and 28 columns, PostgreSQL's limit of 32), so that they are
-- index-only scans once autovacuum has marked the pages visible. SQLite
-- clusters the table instead (WITHOUT ROWID, its 0042).
DROP INDEX disbursement_year_agency;
CREATE INDEX disbursement_year_agency ON disbursement_year (agency_id, year, source, investor_id)
    INCLUDE (sector_band, project_id, assigned_by_pm, allocated_locally,
             a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12,
             e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12);
