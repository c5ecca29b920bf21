-- The agency's inspections of process adherence (kiểm tra, issue #14
-- item 3) and its lessons learned (rút kinh nghiệm, item 5). The project
-- inspections of public investment (project_inspections, 0026) are
-- another thing.
--
-- A year's plan (kế hoạch kiểm tra) per agency; each inspection of it with
-- its scope (units as a JSON array, a period, the subject) and the seed of
-- its sample, so that the same sample can be drawn again; the sampled
-- items with their checklists as JSON (the computed items and the ones the
-- inspectors fill by hand); findings; recommendations, each carried out
-- as a task; the conclusion's number, date, signer and text, which lock
-- the inspection.
CREATE TABLE inspection_plans (
    id         INTEGER PRIMARY KEY,
    agency_id  BIGINT NOT NULL REFERENCES units(id),
    year       INTEGER NOT NULL,
    title      TEXT NOT NULL,
    decision   TEXT NOT NULL DEFAULT '',
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (agency_id, year)
);

CREATE TABLE inspections (
    id                INTEGER PRIMARY KEY,
    agency_id         BIGINT NOT NULL REFERENCES units(id),
    plan_id           BIGINT NOT NULL REFERENCES inspection_plans(id),
    title             TEXT NOT NULL,
    subject           TEXT NOT NULL,              -- dossier | task | project
    unit_ids          TEXT NOT NULL,              -- JSON array of the inspected units
    from_day          TEXT NOT NULL,              -- YYYY-MM-DD
    to_day            TEXT NOT NULL,
    sample_size       INTEGER NOT NULL,
    seed              TEXT NOT NULL,              -- the draw's uint64 seed, in decimal
    population        INTEGER NOT NULL,
    lead_id           BIGINT NOT NULL REFERENCES people(id),
    members           TEXT NOT NULL DEFAULT '[]', -- JSON array of the other inspectors
    status            TEXT NOT NULL,              -- open | concluded
    conclusion_number TEXT NOT NULL DEFAULT '',
    conclusion_on     TEXT NOT NULL DEFAULT '',
    conclusion_signer TEXT NOT NULL DEFAULT '',
    conclusion_text   TEXT NOT NULL DEFAULT '',
    concluded_by      BIGINT,
    concluded_at      BIGINT,
    version           INTEGER NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX inspections_plan ON inspections(plan_id, id);
CREATE INDEX inspections_agency ON inspections(agency_id, status, id);

CREATE TABLE inspection_items (
    inspection_id BIGINT NOT NULL REFERENCES inspections(id),
    pos           INTEGER NOT NULL,
    subject       TEXT NOT NULL,
    ref_id        BIGINT NOT NULL,               -- the dossier's, task's or project's id
    ref           TEXT NOT NULL,                 -- its code or number as shown
    title         TEXT NOT NULL,
    checks        TEXT NOT NULL,                 -- JSON: [{code, verdict, detail, manual}]
    PRIMARY KEY (inspection_id, pos)
);

CREATE TABLE inspection_findings (
    id            INTEGER PRIMARY KEY,
    inspection_id BIGINT NOT NULL REFERENCES inspections(id),
    seq           INTEGER NOT NULL,
    ref_id        BIGINT NOT NULL DEFAULT 0,     -- the sampled item, 0 for the whole sample
    text          TEXT NOT NULL,
    severity      TEXT NOT NULL,                 -- minor | major
    by_id         BIGINT NOT NULL,
    at            BIGINT NOT NULL,
    UNIQUE (inspection_id, seq)
);

CREATE TABLE inspection_recommendations (
    id              INTEGER PRIMARY KEY,
    inspection_id   BIGINT NOT NULL REFERENCES inspections(id),
    seq             INTEGER NOT NULL,
    finding_id      BIGINT NOT NULL DEFAULT 0,
    text            TEXT NOT NULL,
    owner_unit_id   BIGINT NOT NULL REFERENCES units(id),
    owner_person_id BIGINT NOT NULL REFERENCES people(id),
    due_on          TEXT NOT NULL,
    task_id         BIGINT NOT NULL REFERENCES tasks(id),
    at              BIGINT NOT NULL,
    UNIQUE (inspection_id, seq)
);
CREATE INDEX inspection_recommendations_task ON inspection_recommendations(task_id);

-- Lessons learned about one record, with the keys that show them again
-- where they matter: the procedure (a dossier's page), the plan (a task's),
-- the investor (a project's). search_text is folded (internal/fold).
CREATE TABLE lessons (
    id             INTEGER PRIMARY KEY,
    agency_id      BIGINT NOT NULL REFERENCES units(id),
    kind           TEXT NOT NULL,                -- task | dossier | procedure | inspection | project
    ref            TEXT NOT NULL,
    ref_id         BIGINT NOT NULL DEFAULT 0,
    ref_title      TEXT NOT NULL DEFAULT '',
    what           TEXT NOT NULL,
    cause          TEXT NOT NULL DEFAULT '',
    lesson         TEXT NOT NULL,
    action         TEXT NOT NULL DEFAULT '',
    procedure_code TEXT NOT NULL DEFAULT '',
    plan_id        BIGINT NOT NULL DEFAULT 0,
    investor_id    BIGINT NOT NULL DEFAULT 0,
    search_text    TEXT NOT NULL,
    by_id          BIGINT NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX lessons_agency ON lessons(agency_id, id);
CREATE INDEX lessons_procedure ON lessons(agency_id, procedure_code, id);
CREATE INDEX lessons_plan ON lessons(plan_id, id) WHERE plan_id <> 0;
CREATE INDEX lessons_investor ON lessons(investor_id, id) WHERE investor_id <> 0;
