package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"strings"
	"testing"

	"congvu/internal/access/accesstest"
	"congvu/internal/dossier"
	"congvu/internal/file/filetest"
	"congvu/internal/httpx"
	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// filingBody is a multipart filing of procCode with the given parts.
func filingBody(t testing.TB, fields map[string]string, files [][]byte) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for i, data := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="files"; filename="giay-to-%d.pdf"`, i+1))
		h.Set("Content-Type", "application/pdf")
		p, _ := w.CreatePart(h)
		p.Write(data)
	}
	w.Close()
	return b.String(), w.FormDataContentType()
}

// The public online filing through the API: exactly {"code","secret",
// "status_code":1} with 201, the dossier waiting at the desk with its file;
// and the refusals, each with nothing written.
func TestPublicFiling(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		newDossierFixture(t, db)
		s, mux := newDossierServer(t, db, nil)
		s.deps.Config.OnlineOpenMax = 1
		s.deps.Filings = httpx.NewRateLimiter(1000, 1000) // the rate is its own case, last
		applicant := `{"name":"Nguyễn Văn An","id_number":"001085012345","phone":"0912345678","email":"an@example.vn","address":"Bắc Ninh"}`
		challenge := func() string {
			res := do(mux, call{method: "GET", path: "/api/v1/public/challenge"})
			var c challengeResponse
			if res.Code != http.StatusOK || json.Unmarshal(res.Body.Bytes(), &c) != nil || c.Challenge == "" || c.Question.VI == "" {
				t.Fatalf("challenge: %d %s", res.Code, res.Body)
			}
			return c.Challenge
		}
		post := func(fields map[string]string, files [][]byte) *httptest.ResponseRecorder {
			body, ct := filingBody(t, fields, files)
			return do(mux, call{method: "POST", path: "/api/v1/public/dossiers", body: body, header: map[string]string{"Content-Type": ct}})
		}
		solved := func() map[string]string {
			c := challenge()
			return map[string]string{"procedure_code": procCode, "applicant": applicant, "challenge": c, "nonce": httpx.SolveChallenge(c, httpx.ChallengeBits)}
		}
		waiting := func() int {
			p, err := db.FindDossierPage(context.Background(), dossier.Filter{Statuses: []dossier.Status{dossier.StatusRegistered}})
			if err != nil {
				t.Fatal(err)
			}
			return p.Total
		}
		res := post(solved(), [][]byte{filetest.PDF(t)})
		if res.Code != http.StatusCreated {
			t.Fatalf("filing: %d %s", res.Code, res.Body)
		}
		if !regexp.MustCompile(`^\{"code":"[^"]+","secret":"[A-Z0-9-]+","status_code":1\}\n?$`).Match(res.Body.Bytes()) {
			t.Errorf("the 201 body is not exactly {code, secret, status_code: 1}: %s", res.Body)
		}
		var got filedResponse
		json.Unmarshal(res.Body.Bytes(), &got)
		rec, err := db.LookupDossier(context.Background(), got.Code, got.Secret)
		if err != nil || rec.State.Status != dossier.StatusRegistered || rec.Channel != dossier.ChannelOnline {
			t.Fatalf("the dossier filed: %+v, %v", rec.State, err)
		}
		if links, err := db.FindFileLinks(context.Background(), "dossier", got.Code); err != nil || len(links) != 1 || links[0].File.ContentType != "application/pdf" {
			t.Errorf("its files: %+v %v", links, err)
		}
		used := solved()
		for _, tc := range []struct {
			name   string
			fields func() map[string]string
			files  [][]byte
			status int
			want   string
		}{
			{"no challenge", func() map[string]string { f := solved(); delete(f, "challenge"); return f }, [][]byte{filetest.PDF(t)}, http.StatusBadRequest, `"field":"challenge"`},
			{"a wrong nonce", func() map[string]string { f := solved(); f["nonce"] = "x"; return f }, [][]byte{filetest.PDF(t)}, http.StatusBadRequest, `"field":"challenge"`},
			{"a used challenge", func() map[string]string { return used }, [][]byte{filetest.PDF(t)}, http.StatusConflict, "đã có 1"},
			{"the same challenge again", func() map[string]string { return used }, [][]byte{filetest.PDF(t)}, http.StatusBadRequest, "đã được dùng"},
			{"no file", solved, nil, http.StatusBadRequest, `"field":"files"`},
			{"a zip", solved, [][]byte{filetest.Zip(t, "a.txt", "x")}, http.StatusUnsupportedMediaType, "PDF, JPEG hoặc PNG"},
			{"no applicant", func() map[string]string { f := solved(); delete(f, "applicant"); return f }, [][]byte{filetest.PDF(t)}, http.StatusBadRequest, `"field":"applicant"`},
			{"an applicant without e-mail", func() map[string]string {
				f := solved()
				f["applicant"] = `{"name":"Trần Bình","phone":"0987654321"}`
				return f
			}, [][]byte{filetest.PDF(t)}, http.StatusBadRequest, `"field":"email"`},
			{"an unknown procedure", func() map[string]string { f := solved(); f["procedure_code"] = "9.999999"; return f }, [][]byte{filetest.PDF(t)}, http.StatusNotFound, "9.999999"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := waiting()
				res := post(tc.fields(), tc.files)
				if res.Code != tc.status || !strings.Contains(strings.ToLower(res.Body.String()), strings.ToLower(tc.want)) {
					t.Errorf("%d %s, want %d with %q", res.Code, res.Body, tc.status, tc.want)
				}
				if waiting() != before {
					t.Errorf("a refused filing wrote a dossier")
				}
			})
		}
		s.deps.Filings = httpx.NewRateLimiter(1, 1)
		post(solved(), [][]byte{filetest.PDF(t)})
		if res := post(solved(), [][]byte{filetest.PDF(t)}); res.Code != http.StatusTooManyRequests || res.Header().Get("Retry-After") == "" {
			t.Errorf("over the rate: %d %s", res.Code, res.Body)
		}
	})
}

// filingMatrixCases are the permission matrix's requests of the public
// filing: every identity (and nobody) gets a challenge and files, each
// with a challenge of its own; the rate is lifted for the matrix.
func filingMatrixCases(t *testing.T, s *Server) map[string]matrixCase {
	s.deps.Filings = httpx.NewRateLimiter(100000, 100000)
	pdf := filetest.PDF(t)
	return map[string]matrixCase{
		"GET /api/v1/public/challenge": {build: func(testing.TB, *accesstest.Identity) accesstest.Request {
			return accesstest.Request{Path: "/api/v1/public/challenge"}
		}},
		"POST /api/v1/public/dossiers": {build: func(t testing.TB, _ *accesstest.Identity) accesstest.Request {
			c := s.deps.Challenges.Issue()
			body, ct := filingBody(t, map[string]string{"procedure_code": accesstest.ProcedureCode, "challenge": c.Token,
				"nonce":     httpx.SolveChallenge(c.Token, c.Bits),
				"applicant": `{"name":"Trần Thị Bình","phone":"0912345678","email":"binh@example.vn"}`}, [][]byte{pdf})
			return accesstest.Request{Path: "/api/v1/public/dossiers", Body: body, ContentType: ct}
		}},
	}
}
