-- The dashboard's rollups (issue #14 item 1), kept in the same transaction
-- as each event so that a dashboard is a sum over days, never a scan of
-- tasks or dossiers.
--
-- task_daily: per agency, lead unit and day (YYYY-MM-DD in Vietnam's time),
-- the tasks completed on that day on time or late (the completion's day
-- against the ORIGINAL deadline's day, as every task statistic counts) and
-- the obstacles raised that day (each raise_obstacle event).
CREATE TABLE task_daily (
    agency_id    BIGINT NOT NULL,
    unit_id      BIGINT NOT NULL,
    day          TEXT NOT NULL,
    done_on_time INTEGER NOT NULL DEFAULT 0,
    done_late    INTEGER NOT NULL DEFAULT 0,
    obstacles    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, unit_id, day)
);
-- Covering: a dashboard reads its counts from the index alone.
CREATE INDEX task_daily_unit_day ON task_daily(unit_id, day, done_on_time, done_late, obstacles);

INSERT INTO task_daily (agency_id, unit_id, day, done_on_time, done_late)
SELECT agency_id, lead_unit_id, date(completed_at / 1000000 + 25200, 'unixepoch'),
       SUM(CASE WHEN date(completed_at / 1000000 + 25200, 'unixepoch') <= date(original_deadline_at / 1000000 + 25200, 'unixepoch') THEN 1 ELSE 0 END),
       SUM(CASE WHEN date(completed_at / 1000000 + 25200, 'unixepoch') > date(original_deadline_at / 1000000 + 25200, 'unixepoch') THEN 1 ELSE 0 END)
FROM tasks WHERE state = 'done' AND completed_at IS NOT NULL
GROUP BY agency_id, lead_unit_id, date(completed_at / 1000000 + 25200, 'unixepoch');

INSERT INTO task_daily (agency_id, unit_id, day, obstacles)
SELECT t.agency_id, t.lead_unit_id, date(e.at / 1000000 + 25200, 'unixepoch'), COUNT(*)
FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE e.action = 'raise_obstacle'
GROUP BY t.agency_id, t.lead_unit_id, date(e.at / 1000000 + 25200, 'unixepoch')
ON CONFLICT (agency_id, unit_id, day) DO UPDATE SET obstacles = excluded.obstacles;

-- The applicants' ratings (QĐ 766/QĐ-TTg satisfaction) by the day they
-- were given, beside the dossiers' other daily counts.
ALTER TABLE dossier_daily ADD COLUMN rated_satisfied INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossier_daily ADD COLUMN rated_acceptable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossier_daily ADD COLUMN rated_dissatisfied INTEGER NOT NULL DEFAULT 0;
-- The dashboard's one read of dossier_daily, from this index alone (no
-- lookup of the table's rows): resolved and rated by unit, day and procedure.
CREATE INDEX dossier_daily_dashboard ON dossier_daily(unit_id, day, procedure_code, resolved_early, resolved_on_time, resolved_late,
    rated_satisfied, rated_acceptable, rated_dissatisfied);

INSERT INTO dossier_daily (agency_id, unit_id, procedure_code, day, rated_satisfied, rated_acceptable, rated_dissatisfied)
SELECT agency_id, lead_unit_id, procedure_code, date(rated_at / 1000000 + 25200, 'unixepoch'),
       SUM(CASE WHEN rating = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN rating = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN rating = 3 THEN 1 ELSE 0 END)
FROM dossiers WHERE rating IS NOT NULL AND rated_at IS NOT NULL
GROUP BY agency_id, lead_unit_id, procedure_code, date(rated_at / 1000000 + 25200, 'unixepoch')
ON CONFLICT (agency_id, unit_id, procedure_code, day) DO UPDATE SET rated_satisfied = excluded.rated_satisfied,
    rated_acceptable = excluded.rated_acceptable, rated_dissatisfied = excluded.rated_dissatisfied;
