-- Civil-servant evaluation (đánh giá, xếp loại chất lượng công chức; NĐ
-- 335/2025/NĐ-CP from 2026, NĐ 90/2020 + NĐ 48/2023 before): an agency's
-- own versions of the rules' UNVERIFIED parts, one evaluation per person
-- and month or quarter with its workflow history, and the disciplinary
-- decisions that force KHTNV.
CREATE TABLE evaluation_rules (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES units(id),
    version        TEXT NOT NULL,
    effective_from TEXT NOT NULL,                 -- YYYY-MM-DD
    body           TEXT NOT NULL,                 -- evaluation.RuleSet as JSON
    created_by     BIGINT,
    created_at     BIGINT NOT NULL,
    UNIQUE (agency_id, version)
);
CREATE INDEX evaluation_rules_agency ON evaluation_rules(agency_id, effective_from);

CREATE TABLE evaluations (
    id           INTEGER PRIMARY KEY,
    agency_id    BIGINT NOT NULL REFERENCES units(id),
    person_id    BIGINT NOT NULL REFERENCES people(id),
    unit_id      BIGINT NOT NULL REFERENCES units(id),  -- whose head assesses
    year         INTEGER NOT NULL,
    period_kind  TEXT NOT NULL,                   -- month | quarter
    period_no    INTEGER NOT NULL,                -- 1–12 or 1–4
    task_group   TEXT NOT NULL,                   -- staff | leader
    rule_version TEXT NOT NULL,                   -- the rules in force on the period's first day
    state        TEXT NOT NULL,
    total        DOUBLE PRECISION NOT NULL DEFAULT 0,
    task_points  DOUBLE PRECISION NOT NULL DEFAULT 0,
    grade        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,                   -- the scores and the task breakdown as JSON
    version      INTEGER NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (person_id, year, period_kind, period_no)
);
CREATE INDEX evaluations_agency ON evaluations(agency_id, year, period_kind, period_no, state);
CREATE INDEX evaluations_unit ON evaluations(unit_id, year);

CREATE TABLE evaluation_events (
    evaluation_id BIGINT NOT NULL REFERENCES evaluations(id),
    seq           INTEGER NOT NULL,
    action        TEXT NOT NULL,
    at            BIGINT NOT NULL,
    actor_id      BIGINT NOT NULL,
    payload       TEXT NOT NULL,
    PRIMARY KEY (evaluation_id, seq)
);

CREATE TABLE discipline_records (
    id          INTEGER PRIMARY KEY,
    agency_id   BIGINT NOT NULL REFERENCES units(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    level       TEXT NOT NULL,                    -- khien_trach | canh_cao | ha_bac_luong | giang_chuc | cach_chuc | buoc_thoi_viec
    decided_on  TEXT NOT NULL,                    -- YYYY-MM-DD
    decision    TEXT NOT NULL,                    -- số, ký hiệu of the decision
    reason      TEXT NOT NULL DEFAULT '',
    created_by  BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX discipline_records_person ON discipline_records(person_id, decided_on);
