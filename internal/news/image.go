package news

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"
	"time"

	"golang.org/x/image/draw"

	"congvu/internal/apperr"
)

// Image is a picture of an article: the upload resized to the page's
// display width and to a thumbnail, both kept in the file store (the
// files' ids). Its description (alt) is required: a reader who does not
// see it hears it (WCAG 2.1, 1.1.1).
type Image struct {
	ID                      int64
	ArticleID               int64
	DisplayFile, ThumbFile  int64 // file ids
	Alt                     string
	Width, Height           int // the display size
	ThumbWidth, ThumbHeight int
	OrigWidth, OrigHeight   int // as uploaded
	Name                    string
	CreatedBy               int64
	CreatedAt               time.Time
}

// The image limits.
const (
	// MaxImageBytes is the size limit of one uploaded image.
	MaxImageBytes = 10 << 20
	// MaxImagePixels refuses a decompression bomb: a small file that
	// declares a huge picture is refused from its header (DecodeConfig),
	// before a byte of it is decoded.
	MaxImagePixels = 40_000_000
	// DisplayWidth is the width the article page shows; ThumbWidth the
	// news list's. A narrower upload keeps its width.
	DisplayWidth = 1200
	ThumbWidth   = 400
	MaxAlt       = 250
)

// URL is the public address of the image at its display size; ThumbURL
// of its thumbnail. The id names the image and never changes, so the
// bytes behind it never do either (they are cached for a year).
func (i Image) URL() string      { return ImageURL(i.ID) }
func (i Image) ThumbURL() string { return ImageURL(i.ID) + "/nho" }

// ImageURL is the address of image id at its display size.
func ImageURL(id int64) string { return "/tin-tuc/anh/" + strconv.FormatInt(id, 10) }

// Markdown is what a writer puts in the body to show the image.
func (i Image) Markdown() string {
	alt := strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(i.Alt)
	return "![" + alt + "](" + i.URL() + ")"
}

// CheckAlt validates an image's description.
func CheckAlt(alt string) (string, error) {
	alt = strings.TrimSpace(alt)
	if alt == "" {
		return alt, apperr.New(apperr.Invalid, "alt", "Thiếu mô tả ảnh: hãy viết ảnh cho thấy gì (người khiếm thị nghe mô tả này)",
			"The image's description is required: say what it shows (a blind reader hears it)")
	}
	return apperr.Text("alt", alt, 1, MaxAlt)
}

// ErrNotImage is the error of an upload that is not a JPEG or PNG (415).
func ErrNotImage() *apperr.Error {
	return apperr.New(apperr.Unsupported, "image", "Ảnh phải là tệp JPEG hoặc PNG", "The image must be a JPEG or PNG file")
}

// ErrImageTooLarge is the error of an image over MaxImageBytes (413).
func ErrImageTooLarge(max int64) *apperr.Error {
	return apperr.New(apperr.TooLarge, "image", fmt.Sprintf("Ảnh quá lớn: tối đa %d MB", max>>20),
		fmt.Sprintf("The image is too large: at most %d MB", max>>20))
}

// Resized is an upload made ready to store: its two sizes, encoded.
type Resized struct {
	ContentType             string
	Display, Thumb          []byte
	Width, Height           int
	ThumbWidth, ThumbHeight int
	OrigWidth, OrigHeight   int
}

// ResizeImage checks and resizes an uploaded image whose type the file
// store's sniffer decided (contentType: image/jpeg or image/png). The
// picture's size is read from its header first and refused over
// MaxImagePixels (413), before it is decoded; a broken picture is 400.
// Both sizes are re-encoded in the upload's format, which drops whatever
// rode along (EXIF and its position, bytes after the image).
func ResizeImage(data []byte, contentType string) (Resized, error) {
	if contentType != "image/jpeg" && contentType != "image/png" {
		return Resized{}, ErrNotImage()
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		return Resized{}, apperr.New(apperr.Invalid, "image", "Ảnh bị hỏng, không đọc được", "The image is broken and cannot be read")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return Resized{}, apperr.New(apperr.TooLarge, "image",
			fmt.Sprintf("Ảnh quá lớn: %d × %d điểm ảnh, tối đa %d triệu điểm ảnh", cfg.Width, cfg.Height, MaxImagePixels/1_000_000),
			fmt.Sprintf("The image is too large: %d × %d pixels, at most %d megapixels", cfg.Width, cfg.Height, MaxImagePixels/1_000_000))
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Resized{}, apperr.New(apperr.Invalid, "image", "Ảnh bị hỏng, không đọc được", "The image is broken and cannot be read")
	}
	out := Resized{ContentType: contentType, OrigWidth: cfg.Width, OrigHeight: cfg.Height}
	disp := scaleTo(src, DisplayWidth)
	thumb := scaleTo(disp, ThumbWidth)
	out.Width, out.Height = disp.Bounds().Dx(), disp.Bounds().Dy()
	out.ThumbWidth, out.ThumbHeight = thumb.Bounds().Dx(), thumb.Bounds().Dy()
	if out.Display, err = encode(disp, format); err != nil {
		return out, err
	}
	if out.Thumb, err = encode(thumb, format); err != nil {
		return out, err
	}
	return out, nil
}

// scaleTo draws src at width w at most (the height in proportion), with
// Catmull-Rom, the sharpest of x/image/draw's scalers; a narrower src is
// copied as it is.
func scaleTo(src image.Image, w int) image.Image {
	b := src.Bounds()
	if b.Dx() <= w {
		w = b.Dx()
	}
	h := max(1, int(int64(b.Dy())*int64(w)/int64(b.Dx())))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == b.Dx() {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
		return dst
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}

func encode(m image.Image, format string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, m)
	} else {
		err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		return nil, fmt.Errorf("encode image: %w", err)
	}
	return buf.Bytes(), nil
}
