-- When each blob kept in the database (--files-in-db) was last written, so
-- that "congvu files sweep" leaves alone a blob whose upload may still be
-- writing its files row (a grace period). Blobs stored before this
-- migration count as stored long ago (0).
ALTER TABLE file_blobs ADD COLUMN stored_at BIGINT NOT NULL DEFAULT 0;
