package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"testing"

	"congvu/internal/blob/blobtest"
	"congvu/internal/file/filetest"
	"congvu/internal/store/storetest"
)

// TestTwoNodesShareFiles: a file uploaded through node A is downloaded
// through node B, its bytes kept where every node sees them: in the
// database (--files-in-db), and in the S3 test server when there is one.
func TestTwoNodesShareFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary twice")
	}
	dbURL := storetest.PostgresURL(t)
	bin := buildCongvu(t)
	tokens, _, _ := seedNodes(t, dbURL, "chuyenvien")
	places := map[string]map[string]string{"database": {"CONGVU_FILES_IN_DB": "1"}}
	if ep := os.Getenv(blobtest.S3Env); ep != "" {
		places["s3"] = map[string]string{"CONGVU_FILES_S3_ENDPOINT": ep, "CONGVU_FILES_S3_BUCKET": "congvu-nodes-test",
			"CONGVU_FILES_S3_ACCESS_KEY": os.Getenv(blobtest.S3AccessEnv), "CONGVU_FILES_S3_SECRET_KEY": os.Getenv(blobtest.S3SecretEnv)}
	} else {
		t.Log("S3 half skipped: set " + blobtest.S3Env)
	}
	data := filetest.PDF(t)
	for place, env := range places {
		t.Run(place, func(t *testing.T) {
			for k, v := range env {
				t.Setenv(k, v)
			}
			// Each node gets a disk of its own, as on two machines: were
			// the bytes kept there, B would not find A's upload.
			t.Setenv("CONGVU_FILES", t.TempDir())
			a := startNode(t, bin, "A", dbURL)
			t.Setenv("CONGVU_FILES", t.TempDir())
			b := startNode(t, bin, "B", dbURL)

			var body bytes.Buffer
			w := multipart.NewWriter(&body)
			p, _ := w.CreateFormFile("file", "Biên bản.pdf")
			p.Write(data)
			w.Close()
			req, _ := http.NewRequest("POST", a.base+"/api/v1/files", &body)
			req.Header.Set("Content-Type", w.FormDataContentType())
			req.Header.Set("Authorization", "Bearer "+tokens["chuyenvien"])
			res, err := testClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var up struct {
				ID int64 `json:"id"`
			}
			json.NewDecoder(res.Body).Decode(&up)
			res.Body.Close()
			if res.StatusCode != 201 || up.ID == 0 {
				t.Fatalf("upload through A: %d", res.StatusCode)
			}
			req, _ = http.NewRequest("GET", fmt.Sprintf("%s/api/v1/files/%d", b.base, up.ID), nil)
			req.Header.Set("Authorization", "Bearer "+tokens["chuyenvien"])
			res, err = testClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !bytes.Equal(got, data) {
				t.Fatalf("download through B: %d, %d bytes of %d", res.StatusCode, len(got), len(data))
			}
		})
	}
}
