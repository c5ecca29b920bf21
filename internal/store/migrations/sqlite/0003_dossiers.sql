-- One-stop dossiers: the procedure catalogue (versioned), dossiers with
-- their event history, daily code counters and statistics rollups.

CREATE TABLE procedures (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES units(id),
    code           TEXT NOT NULL,                 -- national code, e.g. 1.009645
    version        INTEGER NOT NULL,
    name           TEXT NOT NULL,
    search_name    TEXT NOT NULL,                 -- folded, for diacritic-insensitive search
    field          TEXT NOT NULL DEFAULT '',
    level          INTEGER NOT NULL,
    limit_value    DOUBLE PRECISION NOT NULL,
    limit_unit     TEXT NOT NULL,                 -- working_days | calendar_days
    after_15h      BOOLEAN NOT NULL,
    fee            BIGINT NOT NULL DEFAULT 0,     -- đồng
    documents      TEXT NOT NULL,                 -- JSON array of required papers
    steps          TEXT NOT NULL,                 -- JSON array of steps with budgets
    effective_from TEXT NOT NULL,                 -- YYYY-MM-DD
    created_at     BIGINT NOT NULL,
    UNIQUE (agency_id, code, version)
);

-- The running number of the dossier code, per receiving agency and day,
-- incremented in the intake's own transaction: no duplicate, no gap.
CREATE TABLE dossier_counters (
    agency_code TEXT NOT NULL,
    day         TEXT NOT NULL,                    -- yyMMdd
    last_seq    INTEGER NOT NULL,
    PRIMARY KEY (agency_code, day)
);

CREATE TABLE dossiers (
    id                INTEGER PRIMARY KEY,
    agency_id         BIGINT NOT NULL REFERENCES units(id),
    code              TEXT NOT NULL UNIQUE,
    procedure_id      BIGINT NOT NULL REFERENCES procedures(id),
    procedure_code    TEXT NOT NULL,
    lead_unit_id      BIGINT NOT NULL,            -- the unit answerable in statistics
    status            INTEGER NOT NULL,
    channel           TEXT NOT NULL,
    applicant_name    TEXT NOT NULL,
    applicant_id      TEXT NOT NULL DEFAULT '',
    applicant_phone   TEXT NOT NULL DEFAULT '',
    applicant_address TEXT NOT NULL DEFAULT '',
    applicant_email   TEXT NOT NULL DEFAULT '',
    applicant_org     BOOLEAN NOT NULL DEFAULT FALSE,
    documents         TEXT NOT NULL DEFAULT '[]', -- JSON: papers received
    sets              INTEGER NOT NULL DEFAULT 1,
    search_text       TEXT NOT NULL,              -- folded code, applicant and procedure
    submitted_at      BIGINT,
    received_at       BIGINT,
    statutory_due_at  BIGINT,
    appointed_due_at  BIGINT,
    paused_at         BIGINT,                     -- when the running pause began (statuses 5, 6, 8)
    current_step      INTEGER NOT NULL DEFAULT 0,
    current_unit_id   BIGINT,
    handler_id        BIGINT,
    completed_at      BIGINT,
    result            TEXT NOT NULL DEFAULT '',   -- early | on_time | late, at completion
    closed_at         BIGINT,                     -- refused, withdrawn or returned
    secret_hash       TEXT NOT NULL,
    version           INTEGER NOT NULL,
    rating            INTEGER,
    rating_comment    TEXT NOT NULL DEFAULT '',
    rated_at          BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX dossiers_agency_received ON dossiers(agency_id, received_at);
CREATE INDEX dossiers_lead_received ON dossiers(lead_unit_id, received_at);
CREATE INDEX dossiers_lead_completed ON dossiers(lead_unit_id, completed_at);
CREATE INDEX dossiers_agency_completed ON dossiers(agency_id, completed_at);
CREATE INDEX dossiers_open_unit ON dossiers(current_unit_id, statutory_due_at) WHERE closed_at IS NULL AND completed_at IS NULL;
CREATE INDEX dossiers_open_handler ON dossiers(handler_id, statutory_due_at) WHERE closed_at IS NULL AND completed_at IS NULL;
CREATE INDEX dossiers_open_lead ON dossiers(lead_unit_id, statutory_due_at) WHERE closed_at IS NULL AND completed_at IS NULL;

CREATE TABLE dossier_events (
    dossier_id      BIGINT NOT NULL REFERENCES dossiers(id),
    seq             INTEGER NOT NULL,
    action          TEXT NOT NULL,
    at              BIGINT NOT NULL,              -- when it happened
    recorded_at     BIGINT NOT NULL,              -- when it was entered
    actor_id        BIGINT NOT NULL DEFAULT 0,
    actor_name      TEXT NOT NULL DEFAULT '',
    unit_id         BIGINT NOT NULL DEFAULT 0,
    to_unit_id      BIGINT NOT NULL DEFAULT 0,
    to_person_id    BIGINT NOT NULL DEFAULT 0,
    to_person_name  TEXT NOT NULL DEFAULT '',
    channel         TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    new_due_at      BIGINT,
    supplement_days INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dossier_id, seq)
);
CREATE INDEX dossier_events_at ON dossier_events(at);

-- Statistics rollups, kept in the same transaction as each event, so that
-- a period report is a sum over days and never a scan of dossiers.
CREATE TABLE dossier_daily (
    agency_id        BIGINT NOT NULL,
    unit_id          BIGINT NOT NULL,
    procedure_code   TEXT NOT NULL,
    day              TEXT NOT NULL,               -- YYYY-MM-DD in Asia/Ho_Chi_Minh
    received_online  INTEGER NOT NULL DEFAULT 0,
    received_direct  INTEGER NOT NULL DEFAULT 0,
    resolved_early   INTEGER NOT NULL DEFAULT 0,
    resolved_on_time INTEGER NOT NULL DEFAULT 0,
    resolved_late    INTEGER NOT NULL DEFAULT 0,
    withdrawn        INTEGER NOT NULL DEFAULT 0,
    refused          INTEGER NOT NULL DEFAULT 0,  -- refused after being received: leaves the counts
    PRIMARY KEY (agency_id, unit_id, procedure_code, day)
);
CREATE INDEX dossier_daily_unit_day ON dossier_daily(unit_id, day);

-- Open dossiers at the end of each day, written by the nightly rollup job,
-- so that a past period's carried-over and overdue figures are a lookup.
CREATE TABLE dossier_open_daily (
    agency_id      BIGINT NOT NULL,
    unit_id        BIGINT NOT NULL,
    procedure_code TEXT NOT NULL,
    day            TEXT NOT NULL,
    open_total     INTEGER NOT NULL,
    open_overdue   INTEGER NOT NULL,
    open_paused    INTEGER NOT NULL,
    PRIMARY KEY (agency_id, unit_id, procedure_code, day)
);
CREATE INDEX dossier_open_daily_unit_day ON dossier_open_daily(unit_id, day);
