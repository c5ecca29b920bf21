-- Foundation: organisation, identity, audit journal.
-- Instants are BIGINT microseconds since the Unix epoch (UTC); dates are TEXT 'YYYY-MM-DD'.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER REFERENCES units(id),
    parent_id   INTEGER REFERENCES units(id),
    kind        TEXT NOT NULL,
    code        TEXT,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_agency ON units(agency_id);
CREATE UNIQUE INDEX units_code ON units(code) WHERE code IS NOT NULL AND valid_to IS NULL;

CREATE TABLE restructurings (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    effective_on  TEXT NOT NULL,
    decision      TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_by    INTEGER,
    created_at    BIGINT NOT NULL
);

CREATE TABLE unit_successors (
    predecessor_id   INTEGER NOT NULL REFERENCES units(id),
    successor_id     INTEGER NOT NULL REFERENCES units(id),
    restructuring_id INTEGER NOT NULL REFERENCES restructurings(id),
    PRIMARY KEY (predecessor_id, successor_id)
);
CREATE INDEX unit_successors_successor ON unit_successors(successor_id);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER REFERENCES units(id),
    full_name   TEXT NOT NULL,
    search_name TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  BIGINT NOT NULL
);
CREATE INDEX people_search ON people(search_name);

CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL,
    position    TEXT NOT NULL DEFAULT '',
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX memberships_person ON memberships(person_id);
CREATE INDEX memberships_unit ON memberships(unit_id);

CREATE TABLE delegations (
    id             INTEGER PRIMARY KEY,
    from_person_id INTEGER NOT NULL REFERENCES people(id),
    to_person_id   INTEGER NOT NULL REFERENCES people(id),
    starts_at      BIGINT NOT NULL,
    ends_at        BIGINT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    created_by     INTEGER,
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT
);
CREATE INDEX delegations_to ON delegations(to_person_id);

CREATE TABLE accounts (
    person_id       INTEGER PRIMARY KEY REFERENCES people(id),
    login           TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    password_set_at BIGINT NOT NULL,
    last_login_at   BIGINT,
    created_at      BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash      TEXT PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    csrf_token   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people(id),
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);

CREATE TABLE audit_events (
    seq          BIGINT PRIMARY KEY,
    at           BIGINT NOT NULL,
    actor_id     INTEGER,
    actor        TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    action       TEXT NOT NULL,
    payload      TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_events_object ON audit_events(object_type, object_id);

-- audit_head holds the end of the chain; every writer updates it in its own
-- transaction, which serialises appends and lets verify detect a truncated tail.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
