package blob

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config says where an S3-compatible object store is (AWS S3, MinIO,
// SeaweedFS, Ceph…) and how to sign in to it.
type S3Config struct {
	Endpoint  string // host:port, or a URL: https:// turns TLS on
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string // optional
}

// S3 keeps blobs as objects named files/<sum> in one bucket, for several
// nodes that share a PostgreSQL database: every node sees every blob.
type S3 struct {
	c      *minio.Client
	bucket string
	name   string
}

// NewS3 connects to the object store and makes the bucket if it is not
// there, so that a wrong endpoint or key stops the start, not the first
// upload.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	host, secure := cfg.Endpoint, false
	if strings.Contains(host, "://") {
		u, err := url.Parse(host)
		if err != nil {
			return nil, fmt.Errorf("--files-s3-endpoint %q: %v", cfg.Endpoint, err)
		}
		host, secure = u.Host, u.Scheme == "https"
	}
	c, err := minio.New(host, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure: secure, Region: cfg.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("object store %s: %w", cfg.Endpoint, err)
	}
	ok, err := c.BucketExists(ctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("object store %s, bucket %s: %w", cfg.Endpoint, cfg.Bucket, err)
	}
	if !ok {
		if err := c.MakeBucket(ctx, cfg.Bucket, minio.MakeBucketOptions{Region: cfg.Region}); err != nil {
			return nil, fmt.Errorf("object store %s: make bucket %s: %w", cfg.Endpoint, cfg.Bucket, err)
		}
	}
	return &S3{c: c, bucket: cfg.Bucket, name: "s3:" + host + "/" + cfg.Bucket}, nil
}

// Name says where the blobs are.
func (s *S3) Name() string { return s.name }

func key(sum string) string { return "files/" + sum }

// Put uploads the blob unless it is there already. The object store
// answers a PUT only once the object is whole and durable, and an object
// becomes visible whole or not at all: no temporary name is needed.
func (s *S3) Put(ctx context.Context, sum string, src io.ReaderAt, size int64) error {
	if !ValidSum(sum) {
		return errBadSum
	}
	// An object already there is written again, the same bytes: its time
	// is then this upload's, so that a sweep's grace period counts from the
	// upload whose row is about to be written, not from the first.
	_, err := s.c.PutObject(ctx, s.bucket, key(sum), io.NewSectionReader(src, 0, size), size,
		minio.PutObjectOptions{ContentType: "application/octet-stream"})
	if err != nil {
		return fmt.Errorf("put blob: %w", err)
	}
	return nil
}

// Open reads the blob; the object read can seek, for ranges.
func (s *S3) Open(ctx context.Context, sum string) (io.ReadSeekCloser, error) {
	if !ValidSum(sum) {
		return nil, errBadSum
	}
	if ok, err := s.Has(ctx, sum); err != nil {
		return nil, err
	} else if !ok {
		return nil, ErrNotFound
	}
	o, err := s.c.GetObject(ctx, s.bucket, key(sum), minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("get blob: %w", err)
	}
	return o, nil
}

// Has says whether the blob is stored.
func (s *S3) Has(ctx context.Context, sum string) (bool, error) {
	if !ValidSum(sum) {
		return false, errBadSum
	}
	_, err := s.c.StatObject(ctx, s.bucket, key(sum), minio.StatObjectOptions{})
	if err == nil {
		return true, nil
	}
	if r := minio.ToErrorResponse(err); r.Code == "NoSuchKey" || r.StatusCode == 404 {
		return false, nil
	}
	return false, fmt.Errorf("stat blob: %w", err)
}

// List lists the bucket's blobs (keys files/<sum>).
func (s *S3) List(ctx context.Context, fn func(Info) error) error {
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: "files/", Recursive: true}) {
		if o.Err != nil {
			return fmt.Errorf("list blobs: %w", o.Err)
		}
		sum := strings.TrimPrefix(o.Key, "files/")
		if !ValidSum(sum) {
			continue
		}
		if err := fn(Info{Sum: sum, Size: o.Size, Stored: o.LastModified}); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes the blob's object.
func (s *S3) Delete(ctx context.Context, sum string) error {
	if !ValidSum(sum) {
		return errBadSum
	}
	if err := s.c.RemoveObject(ctx, s.bucket, key(sum), minio.RemoveObjectOptions{}); err != nil {
		if r := minio.ToErrorResponse(err); r.Code == "NoSuchKey" || r.StatusCode == 404 {
			return nil
		}
		return fmt.Errorf("delete blob: %w", err)
	}
	return nil
}
