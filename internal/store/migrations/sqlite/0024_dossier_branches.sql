-- Steps of concurrent branches (parallel consultation, lấy ý kiến), the
-- conclusion of an appraisal, extensions and a dossier's own time limit
-- (issue #13, item 2). The events carry what replay needs in one JSON
-- column (NULL on every other event); the consultations are projected into
-- a table of their own, written in the event's transaction, so that the
-- lists of consultations owed and late by unit are a lookup.
ALTER TABLE dossier_events ADD COLUMN detail TEXT;
ALTER TABLE procedures ADD COLUMN max_extensions INTEGER NOT NULL DEFAULT 0;

-- An appraisal dossier refers to a project (investment.Project, by id).
ALTER TABLE dossiers ADD COLUMN project_id BIGINT;
CREATE INDEX dossiers_project ON dossiers(project_id) WHERE project_id IS NOT NULL;

CREATE TABLE dossier_consultations (
    dossier_id  BIGINT NOT NULL REFERENCES dossiers(id),
    n           INTEGER NOT NULL,              -- the branch's place in the dossier's history, from 0
    agency_id   BIGINT NOT NULL,
    step        INTEGER NOT NULL,
    unit_id     BIGINT NOT NULL,               -- the consulted unit
    asked_at    BIGINT NOT NULL,
    due_at      BIGINT NOT NULL,
    answered_at BIGINT,
    verdict     TEXT NOT NULL DEFAULT '',
    closed      BOOLEAN NOT NULL DEFAULT FALSE, -- the step ended
    PRIMARY KEY (dossier_id, n)
);
CREATE INDEX dossier_consultations_unit ON dossier_consultations(unit_id, due_at);
CREATE INDEX dossier_consultations_agency ON dossier_consultations(agency_id, unit_id);

-- The time limit of an appraisal per project group, as data with an
-- effective date (DOMAIN.md §0, §4: UNVERIFIED under NĐ 85/2025/NĐ-CP).
CREATE TABLE appraisal_limits (
    agency_id      BIGINT NOT NULL REFERENCES units(id),
    procedure_code TEXT NOT NULL,
    grp            TEXT NOT NULL,                -- national | A | B | C
    effective_from TEXT NOT NULL,                -- YYYY-MM-DD
    limit_value    DOUBLE PRECISION NOT NULL,
    limit_unit     TEXT NOT NULL,                -- working_days | calendar_days
    verified       BOOLEAN NOT NULL DEFAULT FALSE,
    basis          TEXT NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (agency_id, procedure_code, grp, effective_from)
);
