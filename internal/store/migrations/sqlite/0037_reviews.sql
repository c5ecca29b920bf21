-- Period reviews (báo cáo sơ kết, tổng kết) of a unit: the figures drafted
-- from the records and the head's sections as JSON, and, once issued, the
-- DOCX as issued with its SHA-256 (also in the audit journal); an issued
-- review is never updated. Discipline and office-culture violations
-- (Chỉ thị 09/CT-UBND, QĐ 733/QĐ-TTg) against an item of a checklist
-- version, with an optional evidence file.
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    agency_id   BIGINT NOT NULL REFERENCES units(id),
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    period_kind TEXT NOT NULL,                    -- month | quarter | half | year
    period_no   INTEGER NOT NULL,                 -- 1–12, 1–4, 1–2; 0 for a year
    status      TEXT NOT NULL,                    -- draft | issued
    number      TEXT NOT NULL DEFAULT '',         -- số, ký hiệu
    body        TEXT NOT NULL,                    -- figures, narrative, recipients, signer as JSON
    sha256      TEXT NOT NULL DEFAULT '',
    docx        BLOB,
    issued_at   BIGINT,
    version     INTEGER NOT NULL,
    created_by  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (unit_id, year, period_kind, period_no)
);
CREATE INDEX reviews_agency ON reviews(agency_id, year, status);

CREATE TABLE discipline_violations (
    id               INTEGER PRIMARY KEY,
    agency_id        BIGINT NOT NULL REFERENCES units(id),
    person_id        BIGINT NOT NULL REFERENCES people(id),
    unit_id          BIGINT NOT NULL REFERENCES units(id),
    checklist        TEXT NOT NULL,               -- ct09 | qd733 | the agency's own
    item             TEXT NOT NULL,
    occurred_on      TEXT NOT NULL,               -- YYYY-MM-DD
    severity         TEXT NOT NULL,               -- reminder | discipline
    note             TEXT NOT NULL DEFAULT '',
    evidence_file_id BIGINT,
    recorded_by      BIGINT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE INDEX discipline_violations_person ON discipline_violations(person_id, occurred_on);
CREATE INDEX discipline_violations_agency ON discipline_violations(agency_id, occurred_on);

-- The agency's own versions of the checklists (review.Checklist as JSON);
-- without any, the built-in seed versions apply.
CREATE TABLE discipline_checklists (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES units(id),
    checklist      TEXT NOT NULL,
    effective_from TEXT NOT NULL,                 -- YYYY-MM-DD
    body           TEXT NOT NULL,
    created_by     BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    UNIQUE (agency_id, checklist, effective_from)
);
