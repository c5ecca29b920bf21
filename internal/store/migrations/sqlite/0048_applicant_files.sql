-- The applicant's own documents and the results delivered online (issue
-- 15 items 4 and 6). An applicant who sends a supplement through the
-- public lookup page is no member of staff: the files they upload and
-- the links attaching them to their dossier have no person, so
-- uploaded_by and attached_by may be NULL (the journal names the actor
-- "the applicant, online"). SQLite cannot drop a NOT NULL, so both tables
-- are rebuilt with their rows and ids as they are; the references other
-- tables hold to files(id) are deferred to the commit, by which the rows
-- are back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE files_copy AS SELECT * FROM files;
DROP TABLE files;
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL,            -- hex, the blob's name
    name         TEXT NOT NULL,            -- as uploaded, cleaned
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,            -- decided from the bytes
    agency_id    BIGINT NOT NULL REFERENCES units(id),
    uploaded_by  BIGINT REFERENCES people(id), -- NULL: the applicant, online
    uploaded_at  BIGINT NOT NULL
);
INSERT INTO files (id, sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at)
    SELECT id, sha256, name, size, content_type, agency_id, uploaded_by, uploaded_at FROM files_copy;
DROP TABLE files_copy;
CREATE INDEX files_sha256 ON files(sha256);

CREATE TABLE file_links_copy AS SELECT * FROM file_links;
DROP TABLE file_links;
CREATE TABLE file_links (
    id INTEGER PRIMARY KEY,
    file_id     BIGINT NOT NULL REFERENCES files(id),
    kind        TEXT NOT NULL,             -- dossier | task | plan | project
    record_id   TEXT NOT NULL,             -- the dossier's code, the task's or plan's id
    slot        TEXT NOT NULL,             -- doc:<n> | result | supplement | decision | report | product | evidence[:<target>]
    attached_by BIGINT REFERENCES people(id), -- NULL: the applicant, online
    attached_at BIGINT NOT NULL,
    removed_by  BIGINT REFERENCES people(id),
    removed_at  BIGINT
);
INSERT INTO file_links (id, file_id, kind, record_id, slot, attached_by, attached_at, removed_by, removed_at)
    SELECT id, file_id, kind, record_id, slot, attached_by, attached_at, removed_by, removed_at FROM file_links_copy;
DROP TABLE file_links_copy;
CREATE INDEX file_links_record ON file_links(kind, record_id, attached_at);
CREATE INDEX file_links_file ON file_links(file_id);

-- Whether the procedure's result may be downloaded by the applicant from
-- the lookup page once the dossier is resolved (trả kết quả trực tuyến):
-- data the administrator sets on each version of the procedure.
ALTER TABLE procedures ADD COLUMN online_result BOOLEAN NOT NULL DEFAULT FALSE;
