package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/httpx"
)

// The public online filing (nộp hồ sơ trực tuyến, issue 15 item 4), the
// API's door to httpx.FileOnline, as the web page /nop-ho-so/{code}:
// without a credential, rate-limited per client address (the web page's
// budget, httpx.NewFilingLimiter), behind a challenge the client first
// fetches from GET /api/v1/public/challenge and meets with a proof of work
// (the part "nonce": SHA-256 of challenge + ":" + nonce starting with
// `bits` zero bits) or the answer to its question (the part "answer").

func (s *Server) publicFilingRoutes() []route {
	if s.deps.Filings == nil {
		s.deps.Filings = httpx.NewFilingLimiter()
	}
	if s.deps.Challenges == nil {
		s.deps.Challenges = httpx.NewChallenger(nil, s.deps.Now)
	}
	return []route{
		{Method: "GET", Pattern: "/api/v1/public/challenge", ID: "getFilingChallenge", Tag: "public",
			Access: access.Public(),
			Summary: "A challenge for one online filing, without a credential: a signed token good for 30 minutes and one filing. Meet it with a nonce " +
				"such that SHA-256(challenge + \":\" + nonce), as hex of the UTF-8 bytes' digest, starts with `bits` zero bits, or with the answer to `question` (a small sum, answered in figures).",
			Response: challengeResponse{}, Status: http.StatusOK, Handle: s.handleFilingChallenge},
		{Method: "POST", Pattern: "/api/v1/public/dossiers", ID: "fileDossierOnline", Tag: "public",
			Access: access.Public().Note("rate-limited per address, a challenge (proof of work or question), a cap on open online dossiers per e-mail or phone"),
			Summary: "File a dossier online (nộp hồ sơ trực tuyến), without a credential: multipart/form-data with procedure_code, applicant (a JSON object), " +
				"challenge with nonce or answer, and one part files per document of the procedure in the order of its list (PDF, JPEG or PNG, decided from the bytes). " +
				"The dossier is created with status 1 (Mới đăng ký) for the desk to accept; the code and the lookup secret are also e-mailed to the applicant. " +
				"Nothing is written unless every document has its file. Rate-limited per client address (429); at most --online-open-max open online dossiers per e-mail or phone (409).",
			Multipart: []formPart{
				{Name: "procedure_code", Type: "string", Required: true, Doc: "the procedure's code, e.g. 1.001612; its online level must allow filing (partial or full)"},
				{Name: "applicant", Type: "json", Required: true, Doc: `the applicant: {"name","id_number","phone","email","address","organization"}; name, phone and email are required`},
				{Name: "challenge", Type: "string", Required: true, Doc: "the token from GET /api/v1/public/challenge"},
				{Name: "nonce", Type: "string", Doc: "the proof of work for the challenge (or send answer)"},
				{Name: "answer", Type: "string", Doc: "the answer to the challenge's question, in figures (or send nonce)"},
				{Name: "files", Type: "binary", Array: true, Required: true, Doc: "one file per document of the procedure, in the order of its list of documents"},
			},
			Response: filedResponse{}, Status: http.StatusCreated, RateLimited: true, Handle: s.handleFileOnline},
	}
}

// challengeResponse is a challenge for one filing.
type challengeResponse struct {
	Challenge string         `json:"challenge"`
	Bits      int            `json:"bits" doc:"leading zero bits the proof of work needs"`
	Question  bilingualLabel `json:"question" doc:"the question to answer instead, in figures"`
	ExpiresAt string         `json:"expires_at" api:"format=date-time"`
}

// filedResponse is the answer to an online filing: exactly these three.
type filedResponse struct {
	Code       string `json:"code"`
	Secret     string `json:"secret" doc:"the lookup secret, shown once (also e-mailed to the applicant)"`
	StatusCode int    `json:"status_code" doc:"1: Mới đăng ký, waiting for the desk"`
}

func (s *Server) handleFilingChallenge(w http.ResponseWriter, r *http.Request) error {
	c := s.deps.Challenges.Issue()
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusOK, challengeResponse{Challenge: c.Token, Bits: c.Bits,
		Question: bilingualLabel{VI: c.Question[0], EN: c.Question[1]}, ExpiresAt: c.Expires.UTC().Format(time.RFC3339)})
}

// errFilingTooMany is the answer to a client over its filing rate.
var errFilingTooMany = apperr.New(apperr.TooMany, "", "Bạn đã gửi quá nhiều hồ sơ trong thời gian ngắn; vui lòng thử lại sau ít phút",
	"Too many filings in a short time; please try again in a few minutes")

func (s *Server) handleFileOnline(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := s.deps.Filings.Reserve(s.deps.ClientIP(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(auth.RetrySeconds(wait)))
		return errFilingTooMany
	}
	fl, err := s.deps.ReadFiling(r, 50)
	if err != nil {
		return err
	}
	defer fl.Close()
	if err := s.deps.Challenges.Check(fl.Fields["challenge"], fl.Fields["nonce"], fl.Fields["answer"]); err != nil {
		return err
	}
	code := fl.Fields["procedure_code"]
	if code == "" {
		return apperr.Invalidf("procedure_code", "thiếu mã thủ tục", "procedure_code is required")
	}
	var a applicantWire
	raw := fl.Fields["applicant"]
	if raw == "" {
		return apperr.Invalidf("applicant", "thiếu thông tin người nộp (applicant, một đối tượng JSON)", "applicant (a JSON object) is required")
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return apperr.Invalidf("applicant", "applicant không phải đối tượng JSON hợp lệ: %v", "applicant is not a valid JSON object: %v", err)
	}
	applicant, err := a.toApplicant()
	if err != nil {
		return err
	}
	in := httpx.FilingInput{ProcedureCode: code, Applicant: applicant}
	for i, sp := range fl.Files {
		if sp.Field != "files" {
			return apperr.Invalidf("files", "tệp phải gửi trong phần \"files\", không phải %q", "files go in the part \"files\", not %q", sp.Field)
		}
		in.Files, in.Lines = append(in.Files, sp), append(in.Lines, i+1)
	}
	if len(in.Files) == 0 {
		return apperr.Invalidf("files", "chưa có tệp nào (phần \"files\", mỗi giấy tờ một tệp)", "no files (the part \"files\", one per document)")
	}
	rec, secret, err := s.deps.FileOnline(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, http.StatusCreated, filedResponse{Code: rec.Code, Secret: secret, StatusCode: int(rec.State.Status)})
}
