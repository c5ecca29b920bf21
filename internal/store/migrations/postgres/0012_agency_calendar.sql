-- Each agency's own days off (ngày nghỉ riêng của cơ quan), on top of the
-- national holiday table that the system operator keeps. An agency's own
-- office hours already live in office_hours under its agency_id; agency 0
-- there is the national default. Issue #11, finding 3.
CREATE TABLE agency_days_off (
    agency_id  BIGINT NOT NULL REFERENCES units(id),
    day        TEXT NOT NULL,                -- YYYY-MM-DD
    name       TEXT NOT NULL DEFAULT '',
    name_en    TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, day)
);
