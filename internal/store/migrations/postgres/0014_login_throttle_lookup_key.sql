-- Logins slow down after failures instead of locking the account (issue 11,
-- finding 5): one row per login as typed (whether an account has it or not,
-- so that a throttled answer says nothing about which logins exist) and per
-- client address, with the failures in a row and until when the next
-- attempt must wait. Rows of keys left alone for a while are deleted.
CREATE TABLE login_throttle (
    key            TEXT PRIMARY KEY,
    failures       INTEGER NOT NULL,
    blocked_until  BIGINT,
    last_failed_at BIGINT NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle(last_failed_at);
ALTER TABLE accounts DROP COLUMN failed_attempts;
ALTER TABLE accounts DROP COLUMN locked_until;

-- The fingerprint (an HMAC of a fixed text, which reveals nothing of the
-- key) of each key congvu keeps outside the database, so that a node started
-- with another key than the others refuses to start instead of failing every
-- public lookup of the dossiers the others received.
CREATE TABLE server_keys (
    name        TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
