package cli

import (
	"context"
	"os"
	"path/filepath"

	"congvu/internal/blob"
	"congvu/internal/config"
	"congvu/internal/store"
)

// openFiles opens where the uploaded files' bytes are kept: the database
// itself or the object store when asked (several nodes), else the directory (--files,
// beside the SQLite database by default). A configuration that was never
// validated (tests building a handler directly on PostgreSQL) gets a
// directory under the system's temporary one.
func openFiles(ctx context.Context, cfg config.Config, db *store.DB) (blob.Store, error) {
	if cfg.FilesInDB {
		return db.Blobs(), nil
	}
	if cfg.FilesS3 != "" {
		return blob.NewS3(ctx, blob.S3Config{Endpoint: cfg.FilesS3, Bucket: cfg.FilesS3Bucket,
			AccessKey: cfg.FilesS3Access, SecretKey: cfg.FilesS3Secret, Region: cfg.FilesS3Region})
	}
	dir := cfg.Files
	if dir == "" {
		if cfg.DB == "" || store.IsPostgresURL(cfg.DB) {
			// Blobs are named by their content, so that handlers sharing
			// this directory cannot mix up each other's files.
			dir = filepath.Join(os.TempDir(), "congvu-files")
		} else {
			dir = config.DefaultFiles(cfg.DB)
		}
	}
	return blob.NewLocal(dir)
}
