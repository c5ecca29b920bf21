package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"congvu/internal/blob"
	"congvu/internal/config"
)

func init() {
	extraCommands = append(extraCommands, command{"files", "tệp đính kèm: sweep dọn nội dung không còn tệp nào dùng / uploaded files: sweep the blobs no file names", (*Main).files})
}

const filesUsage = `files sweep [--db PATH|URL] [--files DIR | --files-s3-endpoint … | --files-in-db] [--grace 24h] [--delete] [--json]

Lists the stored blobs (the bytes of uploaded files) that no file row names
and that were written longer ago than --grace, and with --delete removes
them. Such a blob is left by a crash between the blob and its row, or by a
form refused after its scan was kept; it is never served. The grace period
(24 hours by default, at least 1 hour) leaves alone the blob of an upload
whose row is still being written; each blob is checked against the rows
again just before it is deleted. Without --delete nothing is changed.`

// sweptBlob is one line of the sweep's report.
type sweptBlob struct {
	SHA256  string `json:"sha256"`
	Size    int64  `json:"size"`
	Stored  string `json:"stored_at"`
	Deleted bool   `json:"deleted"`
}

// files runs "congvu files sweep", the orphan blobs' clean-up (issue #12).
func (m *Main) files(ctx context.Context, args []string) error {
	cfg := config.FromEnv(m.Getenv)
	fs := m.flags("files", filesUsage)
	fs.StringVar(&cfg.DB, "db", cfg.DB, "cơ sở dữ liệu: đường dẫn SQLite hoặc URL postgres:// ("+config.Env["db"]+")")
	fs.StringVar(&cfg.Files, "files", cfg.Files, "thư mục lưu tệp, mặc định cạnh tệp SQLite / directory of uploaded files ("+config.Env["files"]+")")
	fs.StringVar(&cfg.FilesS3, "files-s3-endpoint", cfg.FilesS3, "kho đối tượng S3 / S3-compatible object store ("+config.Env["files-s3-endpoint"]+")")
	fs.StringVar(&cfg.FilesS3Bucket, "files-s3-bucket", cfg.FilesS3Bucket, "bucket S3 ("+config.Env["files-s3-bucket"]+")")
	fs.StringVar(&cfg.FilesS3Access, "files-s3-access-key", cfg.FilesS3Access, "khóa truy cập S3 / access key ("+config.Env["files-s3-access-key"]+")")
	fs.StringVar(&cfg.FilesS3Secret, "files-s3-secret-key", cfg.FilesS3Secret, "khóa bí mật S3 / secret key ("+config.Env["files-s3-secret-key"]+")")
	fs.StringVar(&cfg.FilesS3Region, "files-s3-region", cfg.FilesS3Region, "vùng S3 / region ("+config.Env["files-s3-region"]+")")
	fs.BoolVar(&cfg.FilesInDB, "files-in-db", cfg.FilesInDB, "nội dung tệp nằm trong cơ sở dữ liệu / the bytes are in the database ("+config.Env["files-in-db"]+")")
	grace := fs.Duration("grace", 24*time.Hour, "chỉ dọn nội dung ghi trước khoảng này / only blobs written longer ago than this")
	del := fs.Bool("delete", false, "xóa thật (mặc định chỉ liệt kê) / really delete (the default only lists)")
	asJSON := fs.Bool("json", false, "kết quả dạng JSON / machine output")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "sweep" {
		return usagef("cách dùng / usage: congvu %s", filesUsage)
	}
	if *grace < time.Hour {
		return usagef("--grace: ít nhất 1h, để không xóa tệp đang tải lên / at least 1h, so that no upload in flight loses its bytes")
	}
	db, err := m.open(ctx, cfg.DB, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := openFiles(ctx, cfg, db)
	if err != nil {
		return err
	}
	sw, ok := st.(blob.Sweeper)
	if !ok {
		return fmt.Errorf("%s: không liệt kê được / cannot be listed", st.Name())
	}
	named, err := db.FileSums(ctx)
	if err != nil {
		return err
	}
	orphans, err := blob.Orphans(ctx, sw, func(s string) bool { return named[s] }, time.Now().Add(-*grace))
	if err != nil {
		return err
	}
	out := make([]sweptBlob, 0, len(orphans))
	var bytes int64
	for _, o := range orphans {
		b := sweptBlob{SHA256: o.Sum, Size: o.Size, Stored: o.Stored.UTC().Format(time.RFC3339)}
		if *del {
			// Asked again now: an upload of the same content may have
			// written its row since the list was read.
			again, err := db.FileSumNamed(ctx, o.Sum)
			if err != nil {
				return err
			}
			if !again {
				if err := sw.Delete(ctx, o.Sum); err != nil {
					return err
				}
				b.Deleted = true
			}
		}
		bytes += o.Size
		out = append(out, b)
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(map[string]any{"store": st.Name(), "orphans": out, "bytes": bytes})
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SHA-256\tCỡ/size\tGhi lúc/stored (UTC)\tĐã xóa/deleted")
	for _, b := range out {
		yes := "không/no"
		if b.Deleted {
			yes = "có/yes"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", b.SHA256, b.Size, b.Stored, yes)
	}
	tw.Flush()
	verb := "có thể xóa (thêm --delete) / could be deleted (add --delete)"
	if *del {
		verb = "đã xem xét để xóa / considered for deletion"
	}
	fmt.Fprintf(m.Stdout, "%s: %d nội dung không tệp nào dùng, %d byte, %s\n", st.Name(), len(out), bytes, verb)
	return nil
}
