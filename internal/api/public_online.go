package api

import (
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"

	"congvu/internal/access"
	"congvu/internal/apperr"
	"congvu/internal/httpx"
)

// The applicant's online services (issue 15 item 4), beside the lookup and
// with its rate limit: the supplement sent online while a supplement is
// asked for, and the result documents of a resolved dossier whose
// procedure delivers online, by short-lived signed links. The rules are
// httpx.Deps.SupplementOnline and OnlineResults, the lookup page's too.

func (s *Server) publicOnlineRoutes(lim *httpx.RateLimiter) []route {
	return []route{
		{Method: "POST", Pattern: "/api/v1/public/dossiers/{code}/supplement", ID: "supplementDossier", Tag: "public",
			Access: access.Public().Note("the dossier's code and lookup secret"),
			Summary: "The applicant sends the supplement a supplement request asked for (status 5; 409 otherwise), without a credential: multipart/form-data with the lookup secret and one or more files " +
				"(PDF, JPEG or PNG, the type told from the bytes: 415 otherwise; each at most --file-max-mb: 413; at most 10). As when the desk receives papers, the supplement is received: the dossier " +
				"goes back to its step (status 4), the clock resumes and the handler is notified. A wrong secret is a 404 like an unknown code; nothing is kept unless all is. Rate-limited per client address (429).",
			Multipart: []formPart{
				{Name: "secret", Type: "string", Required: true, Doc: "the secret printed on the receipt slip"},
				{Name: "note", Type: "string", Doc: "a note for the official, at most 1000 characters"},
				{Name: "files", Type: "binary", Array: true, Required: true, Doc: "the documents: PDF, JPEG or PNG, at most 10"},
			},
			Response: publicSupplementResponse{}, Status: http.StatusOK, RateLimited: true, Handle: s.rateLimited(lim, s.handlePublicSupplement)},
		{Method: "POST", Pattern: "/api/v1/public/dossiers/{code}/results", ID: "listDossierResults", Tag: "public",
			Access: access.Public().Note("the dossier's code and lookup secret"),
			Summary: "The result documents of a resolved dossier (status 9 or 10) whose procedure delivers the result online (online_result; 409 otherwise), without a credential, " +
				"each with a link valid for 15 minutes that needs no secret (GET /api/v1/public/results/{token}). The secret is posted, never in an address. Rate-limited per client address (429).",
			Request: publicResultsRequest{}, Response: publicResultsResponse{}, Status: http.StatusOK, RateLimited: true, Handle: s.rateLimited(lim, s.handlePublicResults)},
		{Method: "GET", Pattern: "/api/v1/public/results/{token}", ID: "downloadDossierResult", Tag: "public",
			Access: access.Public().Note("a short-lived link signed for one result document, given by listDossierResults"),
			Summary: "Download a result document by the signed link listDossierResults gave: an attachment with X-Content-Type-Options: nosniff, journalled as the applicant's download. " +
				"A link altered or past its 15 minutes, or a document no longer the dossier's result, is a 404. Rate-limited per client address (429).",
			Download: true, Status: http.StatusOK, RateLimited: true, Handle: s.rateLimited(lim, s.handlePublicResultDownload)},
	}
}

// publicSupplementResponse acknowledges a supplement sent online.
type publicSupplementResponse struct {
	Code        string         `json:"code"`
	StatusCode  int            `json:"status_code" doc:"4 once received: the dossier is handled again"`
	StatusLabel bilingualLabel `json:"status_label"`
	Files       []publicFile   `json:"files" doc:"the documents received"`
}

// publicFile is a document as the applicant sees it.
type publicFile struct {
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

func (s *Server) handlePublicSupplement(w http.ResponseWriter, r *http.Request) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return withStatus(http.StatusUnsupportedMediaType, apperr.Invalidf("Content-Type",
			"Content-Type phải là multipart/form-data, có mã tra cứu trong trường \"secret\" và tệp trong trường \"files\"",
			"the Content-Type must be multipart/form-data, with the secret in the field \"secret\" and the files in \"files\""))
	}
	r.Body = http.MaxBytesReader(w, r.Body, httpx.MaxApplicantFiles*s.deps.MaxFileBytes()+1<<20)
	err := r.ParseMultipartForm(1 << 20)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		n, mb := httpx.MaxApplicantFiles, s.deps.MaxFileBytes()>>20
		return apperr.New(apperr.TooLarge, "files", fmt.Sprintf("Tổng dung lượng vượt quá giới hạn: tối đa %d tệp, mỗi tệp %d MB", n, mb),
			fmt.Sprintf("The body is over the limit: at most %d files of %d MB each", n, mb))
	}
	if err != nil {
		return apperr.Invalidf("body", "Nội dung multipart không đọc được", "the multipart body cannot be read")
	}
	defer r.MultipartForm.RemoveAll()
	var files []*multipart.FileHeader
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Filename != "" || fh.Size != 0 {
			files = append(files, fh)
		}
	}
	code := strings.TrimSpace(r.PathValue("code"))
	rec, links, err := s.deps.SupplementOnline(r.Context(), code, strings.TrimSpace(r.PostFormValue("secret")), r.PostFormValue("note"), files)
	if err != nil {
		return err
	}
	out := publicSupplementResponse{Code: rec.Code, StatusCode: int(rec.State.Status), StatusLabel: statusLabel(rec.State.Status), Files: []publicFile{}}
	for _, l := range links {
		out.Files = append(out.Files, publicFile{Name: l.File.Name, Size: l.File.Size, ContentType: l.File.ContentType})
	}
	return writeJSON(w, http.StatusOK, out)
}

// publicResultsRequest is the body of POST …/results: the secret, posted
// so that it is in no address.
type publicResultsRequest struct {
	Secret string `json:"secret" api:"required"`
}

// Validate accepts any secret: a wrong one is answered as an unknown code.
func (q *publicResultsRequest) Validate() error { return nil }

// publicResultsResponse lists the result documents with their links.
type publicResultsResponse struct {
	Code  string             `json:"code"`
	Files []publicResultFile `json:"files"`
}

// publicResultFile is a result document with its short-lived link.
type publicResultFile struct {
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
	URL         string `json:"url" doc:"GET it within 15 minutes; it needs no secret"`
	ExpiresAt   string `json:"expires_at" api:"format=date-time"`
}

func (s *Server) handlePublicResults(w http.ResponseWriter, r *http.Request) error {
	var req publicResultsRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	rec, files, err := s.deps.OnlineResults(r.Context(), strings.TrimSpace(r.PathValue("code")), strings.TrimSpace(req.Secret))
	if err != nil {
		return err
	}
	out := publicResultsResponse{Code: rec.Code, Files: []publicResultFile{}}
	for _, f := range files {
		out.Files = append(out.Files, publicResultFile{Name: f.File.Name, Size: f.File.Size, ContentType: f.File.ContentType,
			URL: "/api/v1/public/results/" + f.Token, ExpiresAt: *instantOrNil(f.Expires)})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) handlePublicResultDownload(w http.ResponseWriter, r *http.Request) error {
	return s.deps.ServeOnlineResult(w, r, r.PathValue("token"))
}
