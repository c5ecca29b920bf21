-- Working-time calendar: the yearly holiday tables an administrator edits,
-- calendar settings, and office hours per agency and season.

-- A year listed here has an official table (authoritative for that year);
-- other years are projected from the statutes by the calendar package.
CREATE TABLE calendar_years (
    year       INTEGER PRIMARY KEY,
    source     TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

CREATE TABLE calendar_days (
    day        TEXT PRIMARY KEY,             -- YYYY-MM-DD
    year       INTEGER NOT NULL REFERENCES calendar_years(year),
    kind       TEXT NOT NULL,                -- holiday | compensatory_off | working_saturday
    name       TEXT NOT NULL DEFAULT '',
    name_en    TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
CREATE INDEX calendar_days_year ON calendar_days(year);

-- Settings: culture_day_24_11 ('true'/'false'); version, bumped by every
-- change so that each app node reloads its calendar.
CREATE TABLE calendar_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO calendar_settings (key, value) VALUES ('culture_day_24_11', 'false');
INSERT INTO calendar_settings (key, value) VALUES ('version', '0');

-- Office hours: agency_id 0 is the default for every agency without its own.
CREATE TABLE office_hours (
    agency_id   BIGINT NOT NULL,
    season_from TEXT NOT NULL,               -- MM-DD
    season_to   TEXT NOT NULL,               -- MM-DD, inclusive; may wrap the year end
    periods     TEXT NOT NULL,               -- e.g. 07:00-11:30,13:30-17:00
    PRIMARY KEY (agency_id, season_from)
);
INSERT INTO office_hours (agency_id, season_from, season_to, periods) VALUES (0, '01-01', '12-31', '07:00-11:30,13:30-17:00');
