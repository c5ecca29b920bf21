-- The project-year rollups of disbursement clustered by register, year and
-- source (issue 13 item 10: the province's dashboard in ≤ 50 ms p95 at
-- 20,000 projects). The dashboard's projects below the curve read every
-- row of a register's year (source '' or one source); as a rowid table
-- those rows lay one per page among the other years' and sources', so at
-- 20,000 projects a count read about 20,000 pages (0.5 s, mostly waiting
-- for the disk). WITHOUT ROWID keeps the rows in the order of the primary
-- key, so the same rows are about 1,500 neighbouring pages. The unique
-- index keeps the rollups' upsert (ON CONFLICT project, year, source) and
-- a project's own rows one lookup away. The rows are copied as they are.
CREATE TABLE disbursement_year_clustered (
    project_id        BIGINT NOT NULL REFERENCES projects(id),
    year              INTEGER NOT NULL,
    source            TEXT NOT NULL,
    agency_id         BIGINT NOT NULL,
    investor_id       BIGINT NOT NULL,
    sector_band       TEXT NOT NULL,
    assigned_by_pm    BIGINT NOT NULL DEFAULT 0,
    allocated_locally BIGINT NOT NULL DEFAULT 0,
    a1   BIGINT NOT NULL DEFAULT 0,
    a2   BIGINT NOT NULL DEFAULT 0,
    a3   BIGINT NOT NULL DEFAULT 0,
    a4   BIGINT NOT NULL DEFAULT 0,
    a5   BIGINT NOT NULL DEFAULT 0,
    a6   BIGINT NOT NULL DEFAULT 0,
    a7   BIGINT NOT NULL DEFAULT 0,
    a8   BIGINT NOT NULL DEFAULT 0,
    a9   BIGINT NOT NULL DEFAULT 0,
    a10  BIGINT NOT NULL DEFAULT 0,
    a11  BIGINT NOT NULL DEFAULT 0,
    a12  BIGINT NOT NULL DEFAULT 0,
    e1   BIGINT NOT NULL DEFAULT 0,
    e2   BIGINT NOT NULL DEFAULT 0,
    e3   BIGINT NOT NULL DEFAULT 0,
    e4   BIGINT NOT NULL DEFAULT 0,
    e5   BIGINT NOT NULL DEFAULT 0,
    e6   BIGINT NOT NULL DEFAULT 0,
    e7   BIGINT NOT NULL DEFAULT 0,
    e8   BIGINT NOT NULL DEFAULT 0,
    e9   BIGINT NOT NULL DEFAULT 0,
    e10  BIGINT NOT NULL DEFAULT 0,
    e11  BIGINT NOT NULL DEFAULT 0,
    e12  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, year, source, investor_id, project_id)
) WITHOUT ROWID;
INSERT INTO disbursement_year_clustered (project_id, year, source, agency_id, investor_id, sector_band, assigned_by_pm, allocated_locally,
    a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12)
SELECT project_id, year, source, agency_id, investor_id, sector_band, assigned_by_pm, allocated_locally,
    a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12
FROM disbursement_year;
DROP TABLE disbursement_year;
ALTER TABLE disbursement_year_clustered RENAME TO disbursement_year;
CREATE UNIQUE INDEX disbursement_year_project ON disbursement_year(project_id, year, source);
