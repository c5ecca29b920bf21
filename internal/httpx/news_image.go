package httpx

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"congvu/internal/apperr"
	"congvu/internal/auth"
	"congvu/internal/file"
	"congvu/internal/news"
)

// MaxImageBytes is the size limit of an article's image: news.MaxImageBytes,
// or the file store's own limit when that is lower.
func (d Deps) MaxImageBytes() int64 {
	return min(int64(news.MaxImageBytes), d.MaxFileBytes())
}

// ImageUpload is an image an editor sends for an article.
type ImageUpload struct {
	Name  string    // the file's name as sent
	Alt   string    // its description, required
	Body  io.Reader // its bytes
	Cover bool      // make it the article's cover
}

// SaveArticleImage keeps an image of an article: its description is
// checked (400), its bytes read up to the limit (413), its type decided
// from them by the file store's sniffer (JPEG or PNG, else 415), its
// declared size checked before it is decoded (a decompression bomb is
// 413), then resized to the display width and the thumbnail, both blobs
// stored and only then the rows written in one transaction (authorize:
// news.CanEditImages with the locked article). A failure at any step
// leaves no row; a blob stored without its row is never served.
func (d Deps) SaveArticleImage(ctx context.Context, s *auth.Subject, articleID int64, up ImageUpload, authorize func(news.Article) error) (news.Image, error) {
	if d.Files == nil {
		return news.Image{}, apperr.New(apperr.Internal, "", "Chưa cấu hình nơi lưu tệp", "No file store is configured")
	}
	alt, err := news.CheckAlt(up.Alt)
	if err != nil {
		return news.Image{}, err
	}
	if up.Body == nil {
		return news.Image{}, apperr.New(apperr.Invalid, "image", "Chưa chọn ảnh", "No image was chosen")
	}
	max := d.MaxImageBytes()
	data, err := io.ReadAll(io.LimitReader(up.Body, max+1))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig), int64(len(data)) > max:
		return news.Image{}, news.ErrImageTooLarge(max)
	case err != nil:
		return news.Image{}, apperr.Invalidf("image", "Không nhận được trọn ảnh: %v", "The image did not arrive whole: %v", err)
	case len(data) == 0:
		return news.Image{}, apperr.New(apperr.Invalid, "image", "Tệp ảnh rỗng: hãy chọn một ảnh", "The image file is empty")
	}
	ct, err := file.Sniff(bytes.NewReader(data), int64(len(data)))
	if err != nil || (ct != file.JPEG && ct != file.PNG) {
		return news.Image{}, news.ErrNotImage()
	}
	rs, err := news.ResizeImage(data, ct)
	if err != nil {
		return news.Image{}, err
	}
	name := file.CleanName(up.Name)
	stem := strings.TrimSuffix(name, extOf(name))
	ext := ".jpg"
	if ct == file.PNG {
		ext = ".png"
	}
	put := func(b []byte, suffix string) (file.File, error) {
		h := sha256.Sum256(b)
		sum := hex.EncodeToString(h[:])
		if err := d.Files.Put(ctx, sum, bytes.NewReader(b), int64(len(b))); err != nil {
			return file.File{}, fmt.Errorf("store image: %w", err)
		}
		return file.File{SHA256: sum, Name: file.CleanName(stem + suffix + ext), Size: int64(len(b)), ContentType: ct, UploadedBy: s.PersonID}, nil
	}
	disp, err := put(rs.Display, "")
	if err != nil {
		return news.Image{}, err
	}
	thumb, err := put(rs.Thumb, "-nho")
	if err != nil {
		return news.Image{}, err
	}
	img := news.Image{Alt: alt, Width: rs.Width, Height: rs.Height, ThumbWidth: rs.ThumbWidth, ThumbHeight: rs.ThumbHeight,
		OrigWidth: rs.OrigWidth, OrigHeight: rs.OrigHeight, Name: name}
	return d.Store.AddArticleImage(ctx, FileActor(s), articleID, img, disp, thumb, up.Cover, authorize)
}

func extOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}
