-- Contractor-selection plans (KHLCNT, Luật Đấu thầu 22/2023/QH15 Art 39),
-- their posting on the national e-procurement system (Art 8.4), and the
-- supervision and evaluation of projects (Luật Đầu tư công 58/2024/QH15
-- Art 73–77). Dates are civil dates in Vietnam, YYYY-MM-DD; instants are
-- microseconds since the epoch (UTC); money is integer đồng.

-- A project's packages as they stand now: the draft the next version of
-- the plan approves. in_version is the latest approved version holding the
-- package (0: only in the draft). The id stays across versions.
CREATE TABLE procurement_packages (
    id INTEGER PRIMARY KEY,
    project_id    BIGINT NOT NULL REFERENCES projects(id),
    pos           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    price         BIGINT NOT NULL,
    source        TEXT NOT NULL,
    form          TEXT NOT NULL,
    method        TEXT NOT NULL,
    international BOOLEAN NOT NULL,
    online        BOOLEAN NOT NULL,
    start_period  TEXT NOT NULL,           -- 2026-03 or 2026-Q2
    contract_type TEXT NOT NULL,
    duration_days INTEGER NOT NULL,
    in_version    INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX procurement_packages_project ON procurement_packages(project_id, pos);

-- Each approval (no 1) or adjustment (no 2, 3, ...) of a project's plan
-- with its decision; the packages as approved are copied beside it so
-- that earlier versions stay readable.
CREATE TABLE selection_plan_versions (
    id INTEGER PRIMARY KEY,
    project_id      BIGINT NOT NULL REFERENCES projects(id),
    no              INTEGER NOT NULL,
    kind            TEXT NOT NULL,         -- approval | adjustment
    decision_number TEXT NOT NULL,
    decision_date   TEXT NOT NULL,
    signer          TEXT NOT NULL,
    file_id         BIGINT REFERENCES files(id),
    total           BIGINT NOT NULL,
    created_by      BIGINT REFERENCES people(id),  -- NULL when the system made it
    created_at      BIGINT NOT NULL,
    UNIQUE (project_id, no)
);

CREATE TABLE selection_plan_version_packages (
    version_id    BIGINT NOT NULL REFERENCES selection_plan_versions(id),
    package_id    BIGINT NOT NULL REFERENCES procurement_packages(id),
    pos           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    price         BIGINT NOT NULL,
    source        TEXT NOT NULL,
    form          TEXT NOT NULL,
    method        TEXT NOT NULL,
    international BOOLEAN NOT NULL,
    online        BOOLEAN NOT NULL,
    start_period  TEXT NOT NULL,
    contract_type TEXT NOT NULL,
    duration_days INTEGER NOT NULL,
    PRIMARY KEY (version_id, package_id)
);

-- The approved result of a package's selection (one per package).
CREATE TABLE selection_results (
    package_id      BIGINT PRIMARY KEY REFERENCES procurement_packages(id),
    project_id      BIGINT NOT NULL REFERENCES projects(id),
    winner          TEXT NOT NULL,
    winning_price   BIGINT NOT NULL,
    decision_number TEXT NOT NULL,
    decision_date   TEXT NOT NULL,
    signer          TEXT NOT NULL,
    file_id         BIGINT REFERENCES files(id),
    created_by      BIGINT REFERENCES people(id),  -- NULL when the system made it
    created_at      BIGINT NOT NULL
);

-- Every document to post within 5 working days of its issue: the approved
-- plan, each adjustment, each selection result; due_on is computed on the
-- agency's working-time calendar when the document is recorded.
CREATE TABLE procurement_postings (
    id INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id),
    agency_id  BIGINT NOT NULL REFERENCES units(id),
    kind       TEXT NOT NULL,              -- plan | adjustment | result
    version_no INTEGER NOT NULL DEFAULT 0,
    package_id BIGINT REFERENCES procurement_packages(id),
    issued_on  TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    posted_on  TEXT,
    posted_by  BIGINT REFERENCES people(id),
    posted_at  BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX procurement_postings_project ON procurement_postings(project_id, id);
CREATE INDEX procurement_postings_unposted ON procurement_postings(agency_id, due_on, id) WHERE posted_on IS NULL;

-- When each supervision report is due (UNVERIFIED: the texts read do not
-- give the days; an administrator changes them). The rule in force at the
-- end of a period applies: due on day `day` (capped at the month's last
-- day) of the month months_after months after the period's last month.
CREATE TABLE supervision_due_rules (
    kind         TEXT NOT NULL,            -- quarterly | yearly | end | impact
    valid_from   TEXT NOT NULL,
    months_after INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    PRIMARY KEY (kind, valid_from)
);
INSERT INTO supervision_due_rules (kind, valid_from, months_after, day) VALUES
    ('quarterly', '2025-01-01', 1, 10),
    ('yearly',    '2025-01-01', 1, 31),
    ('end',       '2025-01-01', 6, 30),
    ('impact',    '2025-01-01', 36, 31);

-- The reports submitted; what is owed is computed from the project's years
-- and group and the rules above, so only submissions are stored.
CREATE TABLE supervision_reports (
    project_id     BIGINT NOT NULL REFERENCES projects(id),
    obligation_key TEXT NOT NULL,          -- 2026-Q1 | 2026 | end | impact
    kind           TEXT NOT NULL,
    due_on         TEXT NOT NULL,          -- as it was when submitted
    submitted_on   TEXT NOT NULL,
    file_id        BIGINT REFERENCES files(id),
    note           TEXT NOT NULL DEFAULT '',
    sections       TEXT NOT NULL DEFAULT '{}',  -- JSON: section → text, for end and impact evaluations
    submitted_by   BIGINT REFERENCES people(id),
    submitted_at   BIGINT NOT NULL,
    PRIMARY KEY (project_id, obligation_key)
);

-- Inspections of projects (kiểm tra dự án).
CREATE TABLE project_inspections (
    id INTEGER PRIMARY KEY,
    project_id         BIGINT NOT NULL REFERENCES projects(id),
    inspected_on       TEXT NOT NULL,
    inspectors         TEXT NOT NULL,
    findings           TEXT NOT NULL,
    conclusion         TEXT NOT NULL DEFAULT '',
    conclusion_file_id BIGINT REFERENCES files(id),
    created_by         BIGINT REFERENCES people(id),
    created_at         BIGINT NOT NULL
);
CREATE INDEX project_inspections_project ON project_inspections(project_id, inspected_on);
