// Package blobtest connects tests to the real S3-compatible server CI
// starts (scripts/test.d/40-seaweedfs.sh), each test in a bucket of its own.
package blobtest

import (
	"context"
	"os"
	"testing"
	"time"

	"congvu/internal/blob"
)

// S3Env names the variables the tests read: the endpoint (host:port) and
// the keys of the server scripts/test.d/40-seaweedfs.sh starts.
const (
	S3Env       = "CONGVU_TEST_S3_ENDPOINT"
	S3AccessEnv = "CONGVU_TEST_S3_ACCESS_KEY"
	S3SecretEnv = "CONGVU_TEST_S3_SECRET_KEY"
)

// S3 is a blob store in the test server's bucket; the test is skipped,
// saying why, when no server is configured (CI always has one). Tests share
// one bucket (SeaweedFS gives each bucket volumes of its own, and a bucket
// per test soon runs out): blobs are named by their content, and the tests
// upload contents of their own.
func S3(t testing.TB) *blob.S3 {
	t.Helper()
	ep := os.Getenv(S3Env)
	if ep == "" {
		t.Skip("S3 tests skipped: set " + S3Env + " (scripts/test.d/40-seaweedfs.sh starts SeaweedFS)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := blob.NewS3(ctx, Config("congvu-test"))
	if err != nil {
		t.Fatalf("S3 test server %s: %v", ep, err)
	}
	return s
}

// Config is the test server's configuration with the given bucket.
func Config(bucket string) blob.S3Config {
	return blob.S3Config{Endpoint: os.Getenv(S3Env), Bucket: bucket,
		AccessKey: os.Getenv(S3AccessEnv), SecretKey: os.Getenv(S3SecretEnv)}
}
