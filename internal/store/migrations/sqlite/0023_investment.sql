-- Public investment (issue 13, item 1; Luật Đầu tư công 58/2024/QH15):
-- investors (chủ đầu tư), each with its own unit in the organisation tree
-- (kind 'investor', its own agency) where its staff hold the role
-- 'investor'; projects with their total investment by capital source and
-- the group computed from the thresholds in force (project_group_rules);
-- every change to a project as a project_events row with its decision.
-- Amounts are integer đồng.
CREATE TABLE investors (
    id INTEGER PRIMARY KEY,
    agency_id  BIGINT NOT NULL REFERENCES units(id),   -- the department keeping the register
    unit_id    BIGINT NOT NULL REFERENCES units(id),   -- the investor's own unit
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,                          -- board | commune | department | other
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX investors_name ON investors(agency_id, name);
CREATE UNIQUE INDEX investors_unit ON investors(unit_id);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    agency_id        BIGINT NOT NULL REFERENCES units(id),
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    investor_id      BIGINT NOT NULL REFERENCES investors(id),
    managing_unit_id BIGINT NOT NULL REFERENCES units(id),
    sector_band      TEXT NOT NULL,                    -- k2 | k3 | k4 | k5 (Art 9)
    commune          TEXT NOT NULL DEFAULT '',
    start_year       INTEGER NOT NULL,
    end_year         INTEGER NOT NULL,
    phase            TEXT NOT NULL,                    -- preparation | implementation | completed | settled
    grp              TEXT NOT NULL,                    -- national | A | B | C, computed
    group_law        TEXT NOT NULL,                    -- the rule version that computed it
    total_investment BIGINT NOT NULL,
    special          BOOLEAN NOT NULL DEFAULT FALSE,   -- group A regardless of size
    search_text      TEXT NOT NULL DEFAULT '',         -- folded code and name
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX projects_code ON projects(agency_id, code);
CREATE INDEX projects_investor ON projects(agency_id, investor_id, code);
CREATE INDEX projects_group ON projects(agency_id, grp, code);
CREATE INDEX projects_band ON projects(agency_id, sector_band, code);
CREATE INDEX projects_commune ON projects(agency_id, commune, code);
CREATE INDEX projects_phase ON projects(agency_id, phase, code);

CREATE TABLE project_capital (
    project_id BIGINT NOT NULL REFERENCES projects(id),
    source     TEXT NOT NULL,                          -- central | provincial | commune | oda | other
    amount     BIGINT NOT NULL,
    PRIMARY KEY (project_id, source)
);

CREATE TABLE project_events (
    id INTEGER PRIMARY KEY,
    project_id      BIGINT NOT NULL REFERENCES projects(id),
    agency_id       BIGINT NOT NULL REFERENCES units(id),
    action          TEXT NOT NULL,                     -- created | adjusted | phase | decision
    actor_id        BIGINT,
    actor_name      TEXT NOT NULL DEFAULT '',
    at              BIGINT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    decision_number TEXT NOT NULL DEFAULT '',
    decision_date   TEXT NOT NULL DEFAULT '',          -- YYYY-MM-DD
    decision_signer TEXT NOT NULL DEFAULT '',
    file_id         BIGINT REFERENCES files(id),
    group_before    TEXT NOT NULL DEFAULT '',
    group_after     TEXT NOT NULL,
    group_law       TEXT NOT NULL,
    total_before    BIGINT NOT NULL DEFAULT 0,
    total_after     BIGINT NOT NULL,
    phase_before    TEXT NOT NULL DEFAULT '',
    phase_after     TEXT NOT NULL,
    capital_before  TEXT NOT NULL DEFAULT '{}',        -- JSON {source: amount}
    capital_after   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX project_events_project ON project_events(project_id, id);

-- The group thresholds (Art 8–11) as data keyed by law version, in force
-- from effective_from until the next version's; an administrator adds a
-- version when the law changes (verified FALSE until read in the text).
CREATE TABLE project_group_rules (
    id INTEGER PRIMARY KEY,
    law            TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    band           TEXT NOT NULL,
    group_a_min    BIGINT NOT NULL,
    group_b_min    BIGINT NOT NULL,
    national_min   BIGINT NOT NULL,
    verified       BOOLEAN NOT NULL DEFAULT FALSE,
    note           TEXT NOT NULL DEFAULT '',
    created_by     BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX project_group_rules_law ON project_group_rules(law, band);

INSERT INTO project_group_rules (law, effective_from, band, group_a_min, group_b_min, national_min, verified, note, created_at) VALUES
    ('58/2024/QH15', '2025-01-01', 'k2', 4600000000000, 240000000000, 30000000000000, TRUE, 'Luật Đầu tư công số 58/2024/QH15, Điều 8 – 11', 0),
    ('58/2024/QH15', '2025-01-01', 'k3', 3000000000000, 160000000000, 30000000000000, TRUE, 'Luật Đầu tư công số 58/2024/QH15, Điều 8 – 11', 0),
    ('58/2024/QH15', '2025-01-01', 'k4', 2000000000000, 120000000000, 30000000000000, TRUE, 'Luật Đầu tư công số 58/2024/QH15, Điều 8 – 11', 0),
    ('58/2024/QH15', '2025-01-01', 'k5', 1600000000000,  90000000000, 30000000000000, TRUE, 'Luật Đầu tư công số 58/2024/QH15, Điều 8 – 11', 0);
