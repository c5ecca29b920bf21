-- Capital plans and disbursement (issue 13, items 4 and 5; Luật Đầu tư công
-- 58/2024/QH15 Art 67, 72; TT 37/2025/TT-BTC). Money in integer đồng.

-- A project's plan per kind (annual | medium_term, the latter under the
-- period's first year 2026), year and capital source, with the two
-- denominators of the disbursement rate: the plan assigned by the Prime
-- Minister and the plan allocated locally. The row is the current version;
-- capital_plan_versions keeps every version with its decision.
CREATE TABLE capital_plans (
    id INTEGER PRIMARY KEY,
    project_id        BIGINT NOT NULL REFERENCES projects(id),
    kind              TEXT NOT NULL,
    year              INTEGER NOT NULL,
    source            TEXT NOT NULL,
    assigned_by_pm    BIGINT NOT NULL,
    allocated_locally BIGINT NOT NULL,
    version           INTEGER NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (project_id, kind, year, source)
);

CREATE TABLE capital_plan_versions (
    plan_id           BIGINT NOT NULL REFERENCES capital_plans(id),
    version           INTEGER NOT NULL,
    assigned_by_pm    BIGINT NOT NULL,
    allocated_locally BIGINT NOT NULL,
    decision_number   TEXT NOT NULL DEFAULT '',
    decision_date     TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, '' when none
    decision_signer   TEXT NOT NULL DEFAULT '',
    decision_file_id  BIGINT REFERENCES files(id),
    person_id         BIGINT NOT NULL,
    at                BIGINT NOT NULL,
    PRIMARY KEY (plan_id, version)
);

-- The Art 72 extension of a plan year's disbursement for a project (to at
-- most 31 December of the next year), with its decision.
CREATE TABLE capital_extensions (
    project_id       BIGINT NOT NULL REFERENCES projects(id),
    year             INTEGER NOT NULL,
    until_date       TEXT NOT NULL,               -- YYYY-MM-DD
    decision_number  TEXT NOT NULL,
    decision_date    TEXT NOT NULL,
    decision_signer  TEXT NOT NULL,
    decision_file_id BIGINT REFERENCES files(id),
    person_id        BIGINT NOT NULL,
    at               BIGINT NOT NULL,
    PRIMARY KEY (project_id, year)
);

-- The month's figure of a project's capital source as it stands now
-- (cumulative actual since 1/1, estimate to the end of the next month);
-- disbursement_events keeps each report and correction.
CREATE TABLE disbursements (
    project_id        BIGINT NOT NULL REFERENCES projects(id),
    year              INTEGER NOT NULL,
    source            TEXT NOT NULL,
    month             INTEGER NOT NULL,
    cumulative_actual BIGINT NOT NULL,
    estimate_next     BIGINT NOT NULL,
    version           INTEGER NOT NULL,
    person_id         BIGINT NOT NULL,
    at                BIGINT NOT NULL,
    PRIMARY KEY (project_id, year, source, month)
);

CREATE TABLE disbursement_events (
    id INTEGER PRIMARY KEY,
    project_id        BIGINT NOT NULL REFERENCES projects(id),
    year              INTEGER NOT NULL,
    month             INTEGER NOT NULL,
    source            TEXT NOT NULL,
    cumulative_actual BIGINT NOT NULL,
    estimate_next     BIGINT NOT NULL,
    version           INTEGER NOT NULL,   -- 1 reported, 2.. corrections
    reason            TEXT NOT NULL DEFAULT '',
    person_id         BIGINT NOT NULL,
    at                BIGINT NOT NULL
);
CREATE INDEX disbursement_events_project ON disbursement_events(project_id, year, month);

-- Rollups, kept in the same transaction as each plan and figure, so that
-- rates never scan the figures. a<m> is the cumulative actual standing at
-- the end of month m (a month without its own figure stands at the last
-- reported before it), e<m> the estimate standing then; plans are the
-- annual plans. disbursement_year has a row per project, year and source,
-- and one with source '' for all of the project's sources; it carries the
-- project's agency, investor and sector band as they were when written.
CREATE TABLE disbursement_year (
    project_id        BIGINT NOT NULL REFERENCES projects(id),
    year              INTEGER NOT NULL,
    source            TEXT NOT NULL,
    agency_id         BIGINT NOT NULL,
    investor_id       BIGINT NOT NULL,
    sector_band       TEXT NOT NULL,
    assigned_by_pm    BIGINT NOT NULL DEFAULT 0,
    allocated_locally BIGINT NOT NULL DEFAULT 0,
    a1  BIGINT NOT NULL DEFAULT 0,
    a2  BIGINT NOT NULL DEFAULT 0,
    a3  BIGINT NOT NULL DEFAULT 0,
    a4  BIGINT NOT NULL DEFAULT 0,
    a5  BIGINT NOT NULL DEFAULT 0,
    a6  BIGINT NOT NULL DEFAULT 0,
    a7  BIGINT NOT NULL DEFAULT 0,
    a8  BIGINT NOT NULL DEFAULT 0,
    a9  BIGINT NOT NULL DEFAULT 0,
    a10 BIGINT NOT NULL DEFAULT 0,
    a11 BIGINT NOT NULL DEFAULT 0,
    a12 BIGINT NOT NULL DEFAULT 0,
    e1  BIGINT NOT NULL DEFAULT 0,
    e2  BIGINT NOT NULL DEFAULT 0,
    e3  BIGINT NOT NULL DEFAULT 0,
    e4  BIGINT NOT NULL DEFAULT 0,
    e5  BIGINT NOT NULL DEFAULT 0,
    e6  BIGINT NOT NULL DEFAULT 0,
    e7  BIGINT NOT NULL DEFAULT 0,
    e8  BIGINT NOT NULL DEFAULT 0,
    e9  BIGINT NOT NULL DEFAULT 0,
    e10 BIGINT NOT NULL DEFAULT 0,
    e11 BIGINT NOT NULL DEFAULT 0,
    e12 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, year, source)
);
CREATE INDEX disbursement_year_agency ON disbursement_year(agency_id, year, source, investor_id);

-- The same sums by agency, year, investor, capital source and sector band:
-- a dashboard for any month and filter is a sum over at most a few
-- thousand of these rows.
CREATE TABLE disbursement_groups (
    agency_id         BIGINT NOT NULL,
    year              INTEGER NOT NULL,
    investor_id       BIGINT NOT NULL,
    source            TEXT NOT NULL,
    sector_band       TEXT NOT NULL,
    assigned_by_pm    BIGINT NOT NULL DEFAULT 0,
    allocated_locally BIGINT NOT NULL DEFAULT 0,
    a1  BIGINT NOT NULL DEFAULT 0,
    a2  BIGINT NOT NULL DEFAULT 0,
    a3  BIGINT NOT NULL DEFAULT 0,
    a4  BIGINT NOT NULL DEFAULT 0,
    a5  BIGINT NOT NULL DEFAULT 0,
    a6  BIGINT NOT NULL DEFAULT 0,
    a7  BIGINT NOT NULL DEFAULT 0,
    a8  BIGINT NOT NULL DEFAULT 0,
    a9  BIGINT NOT NULL DEFAULT 0,
    a10 BIGINT NOT NULL DEFAULT 0,
    a11 BIGINT NOT NULL DEFAULT 0,
    a12 BIGINT NOT NULL DEFAULT 0,
    e1  BIGINT NOT NULL DEFAULT 0,
    e2  BIGINT NOT NULL DEFAULT 0,
    e3  BIGINT NOT NULL DEFAULT 0,
    e4  BIGINT NOT NULL DEFAULT 0,
    e5  BIGINT NOT NULL DEFAULT 0,
    e6  BIGINT NOT NULL DEFAULT 0,
    e7  BIGINT NOT NULL DEFAULT 0,
    e8  BIGINT NOT NULL DEFAULT 0,
    e9  BIGINT NOT NULL DEFAULT 0,
    e10 BIGINT NOT NULL DEFAULT 0,
    e11 BIGINT NOT NULL DEFAULT 0,
    e12 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, year, investor_id, source, sector_band)
);

-- The target curve (UNVERIFIED, data an administrator edits): targets in
-- basis points of the plan at the end of each month, in force from
-- effective_year.
CREATE TABLE disbursement_curves (
    agency_id      BIGINT NOT NULL,
    effective_year INTEGER NOT NULL,
    against        TEXT NOT NULL,             -- pm | local
    t1  INTEGER NOT NULL,
    t2  INTEGER NOT NULL,
    t3  INTEGER NOT NULL,
    t4  INTEGER NOT NULL,
    t5  INTEGER NOT NULL,
    t6  INTEGER NOT NULL,
    t7  INTEGER NOT NULL,
    t8  INTEGER NOT NULL,
    t9  INTEGER NOT NULL,
    t10 INTEGER NOT NULL,
    t11 INTEGER NOT NULL,
    t12 INTEGER NOT NULL,
    person_id      BIGINT NOT NULL,
    at             BIGINT NOT NULL,
    PRIMARY KEY (agency_id, effective_year)
);
