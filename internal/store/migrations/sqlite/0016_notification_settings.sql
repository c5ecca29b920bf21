-- A person's choice of which kinds of notification also go by e-mail
-- (notify.Kinds); a kind without a row takes its default (notify.Default).
CREATE TABLE notification_settings (
    person_id  BIGINT NOT NULL REFERENCES people(id),
    kind       TEXT NOT NULL,
    email      BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, kind)
);
-- The due-soon and overdue scan reads the open dossiers due in a window
-- of instants, in due order, across units.
CREATE INDEX dossiers_open_due ON dossiers(statutory_due_at, id) WHERE closed_at IS NULL AND completed_at IS NULL;
