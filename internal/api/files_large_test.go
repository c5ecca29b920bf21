package api

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/file/filetest"
	"congvu/internal/org"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// An upload is read and spooled in large pieces (receiveFile,
// httpx.SaveUpload): a file of several pieces arrives whole, its size and
// SHA-256 those of the bytes sent, and a multipart body without its
// boundary is a 400 naming the body.
func TestUploadInLargePieces(t *testing.T) {
	db := storetest.New(t, "sqlite", store.Options{})
	fx := accesstest.New(t, db, false)
	s, mux := newTestServer(t, db, nil)
	s.deps.Config.FileMaxMB = 3
	official := fx.Who(org.RoleOfficial, accesstest.Own)
	pdf := filetest.PDF(t)
	for _, size := range []int{len(pdf), 256<<10 - 1, 256 << 10, 2<<20 + 12345} {
		data := make([]byte, size)
		rand.Read(data)
		copy(data, pdf)
		body, ct := multipartFile(t, "Hồ sơ.pdf", data)
		req := httptest.NewRequest("POST", "/api/v1/files", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+official.Token)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var up fileResponse
		json.Unmarshal(rec.Body.Bytes(), &up)
		sum := sha256.Sum256(data)
		if rec.Code != http.StatusCreated || up.Size != int64(size) || up.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%d bytes: %d, size %d, sha256 %s; want 201, %d, %x", size, rec.Code, up.Size, up.SHA256, size, sum)
		}
		if got := do(mux, call{method: "GET", path: fmt.Sprintf("/api/v1/files/%d", up.ID), token: official.Token}); !bytes.Equal(got.Body.Bytes(), data) {
			t.Errorf("%d bytes: %d bytes read back (%d), not those sent", size, got.Body.Len(), got.Code)
		}
	}
	body, _ := multipartFile(t, "Hồ sơ.pdf", pdf)
	req := httptest.NewRequest("POST", "/api/v1/files", strings.NewReader(body))
	req.Header.Set("Content-Type", "multipart/form-data")
	req.Header.Set("Authorization", "Bearer "+official.Token)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"field":"body"`) || !strings.Contains(rec.Body.String(), "multipart/form-data hợp lệ") {
		t.Errorf("no boundary: %d %s; want 400 naming the body", rec.Code, rec.Body)
	}
}
