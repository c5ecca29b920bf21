-- Plans and tasks: kế hoạch công tác with their targets (chỉ tiêu) and
-- reported actuals; tasks (nhiệm vụ) with coordinators, checklist and their
-- event history; the background job queue and the in-app inbox.

CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES units(id),
    owner_unit_id  BIGINT NOT NULL REFERENCES units(id),
    title          TEXT NOT NULL,
    search_text    TEXT NOT NULL,                 -- folded title and source, for diacritic-insensitive search
    period_kind    TEXT NOT NULL,                 -- year | quarter | month
    period_year    INTEGER NOT NULL,
    period_quarter INTEGER NOT NULL DEFAULT 0,
    period_month   INTEGER NOT NULL DEFAULT 0,
    period_start   TEXT NOT NULL,                 -- YYYY-MM-DD, first day of the period
    source_number  TEXT NOT NULL DEFAULT '',      -- số, ký hiệu: 09/CT-UBND
    source_date    TEXT,                          -- YYYY-MM-DD
    source_issuer  TEXT NOT NULL DEFAULT '',
    source_title   TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL,
    created_by     BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX plans_owner ON plans(owner_unit_id, period_start);
CREATE INDEX plans_agency ON plans(agency_id, period_start);

CREATE TABLE plan_targets (
    id              INTEGER PRIMARY KEY,
    plan_id         BIGINT NOT NULL REFERENCES plans(id),
    pos             INTEGER NOT NULL,
    name            TEXT NOT NULL,
    unit_of_measure TEXT NOT NULL,
    target_value    DOUBLE PRECISION NOT NULL,
    sum_actuals     BOOLEAN NOT NULL              -- actuals add up (a flow) rather than the latest being current
);
CREATE INDEX plan_targets_plan ON plan_targets(plan_id, pos);

CREATE TABLE target_actuals (
    id          INTEGER PRIMARY KEY,
    target_id   BIGINT NOT NULL REFERENCES plan_targets(id),
    label       TEXT NOT NULL DEFAULT '',         -- Tháng 3/2026
    as_of       TEXT NOT NULL,                    -- YYYY-MM-DD
    value       DOUBLE PRECISION NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '',
    reported_by BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX target_actuals_target ON target_actuals(target_id, id);

-- The task as assigned, and its current state derived from task_events
-- (kept here so that lists never replay histories).
CREATE TABLE tasks (
    id                   INTEGER PRIMARY KEY,
    agency_id            BIGINT NOT NULL REFERENCES units(id),
    plan_id              BIGINT REFERENCES plans(id),
    parent_id            BIGINT REFERENCES tasks(id),
    title                TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    product              TEXT NOT NULL,
    lead_unit_id         BIGINT NOT NULL REFERENCES units(id),
    lead_person_id       BIGINT NOT NULL REFERENCES people(id),
    assigner_id          BIGINT NOT NULL REFERENCES people(id),
    assigned_at          BIGINT NOT NULL,
    deadline_at          BIGINT NOT NULL,         -- moved by an approved extension
    original_deadline_at BIGINT NOT NULL,         -- never moves: statistics count against it
    completed_at         BIGINT,                  -- the accepted submission's instant
    state                TEXT NOT NULL,
    priority             TEXT NOT NULL,
    weight               DOUBLE PRECISION NOT NULL,
    is_key               BOOLEAN NOT NULL DEFAULT FALSE,   -- nhiệm vụ trọng điểm
    progress             INTEGER NOT NULL DEFAULT 0,
    version              INTEGER NOT NULL,
    search_text          TEXT NOT NULL,           -- folded title, description and product
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX tasks_lead ON tasks(lead_person_id, state, deadline_at);
CREATE INDEX tasks_unit ON tasks(lead_unit_id, state, deadline_at);
CREATE INDEX tasks_assigner ON tasks(assigner_id, state, deadline_at);
CREATE INDEX tasks_open_due ON tasks(deadline_at, id) WHERE state NOT IN ('done', 'cancelled');
CREATE INDEX tasks_lead_original ON tasks(lead_person_id, original_deadline_at);
CREATE INDEX tasks_plan ON tasks(plan_id);
CREATE INDEX tasks_parent ON tasks(parent_id);

CREATE TABLE task_coordinators (
    task_id     BIGINT NOT NULL REFERENCES tasks(id),
    pos         INTEGER NOT NULL,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    person_id   BIGINT REFERENCES people(id),
    sub_task_id BIGINT REFERENCES tasks(id),
    PRIMARY KEY (task_id, pos)
);
CREATE INDEX task_coordinators_unit ON task_coordinators(unit_id);
CREATE INDEX task_coordinators_person ON task_coordinators(person_id);

CREATE TABLE task_checklist (
    task_id BIGINT NOT NULL REFERENCES tasks(id),
    pos     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    done    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (task_id, pos)
);

-- A task's history: one row per work.Event, the action's fields as JSON.
CREATE TABLE task_events (
    task_id  BIGINT NOT NULL REFERENCES tasks(id),
    seq      INTEGER NOT NULL,
    action   TEXT NOT NULL,
    at       BIGINT NOT NULL,
    actor_id BIGINT NOT NULL DEFAULT 0,           -- 0: congvu itself
    capacity TEXT NOT NULL,                       -- lead | coordinator | assigner | superior | system
    payload  TEXT NOT NULL,
    PRIMARY KEY (task_id, seq)
);
CREATE INDEX task_events_at ON task_events(at);

-- The background job queue: a job runs once per key, claimed with a lease
-- (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL).
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL UNIQUE,
    run_at       BIGINT NOT NULL,
    payload      TEXT NOT NULL DEFAULT '{}',
    attempts     INTEGER NOT NULL DEFAULT 0,
    leased_until BIGINT,
    lease_owner  TEXT,
    done_at      BIGINT,
    failed_at    BIGINT,                          -- given up after too many attempts
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs(run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;

-- The in-app inbox.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    person_id  BIGINT NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    dedup_key  TEXT UNIQUE,                       -- the job and person: a job run twice notifies once
    created_at BIGINT NOT NULL,
    read_at    BIGINT
);
CREATE INDEX notifications_person ON notifications(person_id, id);
CREATE INDEX notifications_unread ON notifications(person_id, id) WHERE read_at IS NULL;
