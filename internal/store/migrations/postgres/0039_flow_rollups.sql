-- Where time is lost (issue #14, item 2; internal/flow): rollups kept in
-- the same transaction as each dossier event and task event, so that the
-- bottleneck analysis of a year sums a few thousand rows and never replays
-- a history. Days are YYYY-MM-DD in Asia/Ho_Chi_Minh; times are
-- milliseconds of working time (dossiers) or of elapsed time (tasks).
--
-- dossier_step_daily: per procedure, step, handling unit and the day a
-- pass through the step ended: the passes, those over budget and those
-- sent back for rework, the sums of working time, of waiting between the
-- hand-off and the pick-up and of budget and overrun, a histogram of the
-- passes' working hours (h0..h23, the buckets of flow.Bounds) for the
-- percentiles, and the late dossiers laid to the step (flow.LateCause) on
-- the day they were completed.
CREATE TABLE dossier_step_daily (
    agency_id      BIGINT NOT NULL,
    procedure_code TEXT NOT NULL,
    day            TEXT NOT NULL,
    step           INTEGER NOT NULL,
    unit_id        BIGINT NOT NULL,
    passes         BIGINT NOT NULL DEFAULT 0,
    over_budget    BIGINT NOT NULL DEFAULT 0,
    returned       BIGINT NOT NULL DEFAULT 0,
    late_caused    BIGINT NOT NULL DEFAULT 0,
    spent_ms       BIGINT NOT NULL DEFAULT 0,
    wait_ms        BIGINT NOT NULL DEFAULT 0,
    budget_ms      BIGINT NOT NULL DEFAULT 0,
    overrun_ms     BIGINT NOT NULL DEFAULT 0,
    h0           BIGINT NOT NULL DEFAULT 0,
    h1           BIGINT NOT NULL DEFAULT 0,
    h2           BIGINT NOT NULL DEFAULT 0,
    h3           BIGINT NOT NULL DEFAULT 0,
    h4           BIGINT NOT NULL DEFAULT 0,
    h5           BIGINT NOT NULL DEFAULT 0,
    h6           BIGINT NOT NULL DEFAULT 0,
    h7           BIGINT NOT NULL DEFAULT 0,
    h8           BIGINT NOT NULL DEFAULT 0,
    h9           BIGINT NOT NULL DEFAULT 0,
    h10          BIGINT NOT NULL DEFAULT 0,
    h11          BIGINT NOT NULL DEFAULT 0,
    h12          BIGINT NOT NULL DEFAULT 0,
    h13          BIGINT NOT NULL DEFAULT 0,
    h14          BIGINT NOT NULL DEFAULT 0,
    h15          BIGINT NOT NULL DEFAULT 0,
    h16          BIGINT NOT NULL DEFAULT 0,
    h17          BIGINT NOT NULL DEFAULT 0,
    h18          BIGINT NOT NULL DEFAULT 0,
    h19          BIGINT NOT NULL DEFAULT 0,
    h20          BIGINT NOT NULL DEFAULT 0,
    h21          BIGINT NOT NULL DEFAULT 0,
    h22          BIGINT NOT NULL DEFAULT 0,
    h23          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, procedure_code, day, step, unit_id)
);

-- dossier_flow_daily: the directly-follows graph, per procedure, hand-off
-- (from step → to step, -1 for completion), the unit of the step handed
-- from, and day: how many passes and their working time.
CREATE TABLE dossier_flow_daily (
    agency_id      BIGINT NOT NULL,
    procedure_code TEXT NOT NULL,
    day            TEXT NOT NULL,
    from_step      INTEGER NOT NULL,
    to_step        INTEGER NOT NULL,
    unit_id        BIGINT NOT NULL,
    passes         BIGINT NOT NULL DEFAULT 0,
    spent_ms       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, procedure_code, day, from_step, to_step, unit_id)
);

-- task_flow_daily: per agency, plan (0 for none), lead unit and day: the
-- obstacles resolved that day and how long they blocked the task, the
-- reviews decided that day (accepted or returned) and how long the result
-- waited for them, and the returns for rework.
CREATE TABLE task_flow_daily (
    agency_id        BIGINT NOT NULL,
    plan_id          BIGINT NOT NULL,
    unit_id          BIGINT NOT NULL,
    day              TEXT NOT NULL,
    obstacles        BIGINT NOT NULL DEFAULT 0,
    blocked_ms       BIGINT NOT NULL DEFAULT 0,
    reviews          BIGINT NOT NULL DEFAULT 0,
    review_wait_ms   BIGINT NOT NULL DEFAULT 0,
    returns          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, day, plan_id, unit_id)
);
