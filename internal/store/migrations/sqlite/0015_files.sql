-- Files (tệp đính kèm), one store for the whole product (issue 12, item 1).
-- A row per upload: the bytes are kept once per SHA-256 by the blob store
-- (a directory beside the SQLite database, or an S3-compatible object
-- store), written durably before this row. Records refer to files through
-- file_links; removing a file from a record ends its link (removed_at),
-- the link stays as the record's history.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL,            -- hex, the blob's name
    name         TEXT NOT NULL,            -- as uploaded, cleaned
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,            -- decided from the bytes
    agency_id    BIGINT NOT NULL REFERENCES units(id),
    uploaded_by  BIGINT NOT NULL REFERENCES people(id),
    uploaded_at  BIGINT NOT NULL
);
CREATE INDEX files_sha256 ON files(sha256);

CREATE TABLE file_links (
    id INTEGER PRIMARY KEY,
    file_id     BIGINT NOT NULL REFERENCES files(id),
    kind        TEXT NOT NULL,             -- dossier | task | plan
    record_id   TEXT NOT NULL,             -- the dossier's code, the task's or plan's id
    slot        TEXT NOT NULL,             -- doc:<n> | result | supplement | decision | report | product | evidence[:<target>]
    attached_by BIGINT NOT NULL REFERENCES people(id),
    attached_at BIGINT NOT NULL,
    removed_by  BIGINT REFERENCES people(id),
    removed_at  BIGINT
);
CREATE INDEX file_links_record ON file_links(kind, record_id, attached_at);
CREATE INDEX file_links_file ON file_links(file_id);

-- The bytes themselves, when the operator keeps them in the database
-- (--files-in-db): several nodes on one PostgreSQL see every file without an
-- object store. One row per content, written (and committed) before the
-- files row that names it.
CREATE TABLE file_blobs (
    sha256 TEXT PRIMARY KEY,
    size   BIGINT NOT NULL,
    data   BLOB NOT NULL
);
