package news_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"congvu/internal/apperr"
	"congvu/internal/news"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombPNG is a PNG whose header declares w × h pixels, followed by no
// image data: DecodeConfig reads the header only.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestResizeImage(t *testing.T) {
	cases := []struct {
		name                 string
		data                 []byte
		ct                   string
		w, h, tw, th, ow, oh int
		wantCode             apperr.Code
	}{
		{name: "wide PNG: 1200 and 400", data: pngOf(t, 2400, 1200), ct: "image/png", w: 1200, h: 600, tw: 400, th: 200, ow: 2400, oh: 1200},
		{name: "JPEG in proportion", data: jpegOf(t, 3000, 2000), ct: "image/jpeg", w: 1200, h: 800, tw: 400, th: 266, ow: 3000, oh: 2000},
		{name: "narrower than the page keeps its width", data: pngOf(t, 800, 400), ct: "image/png", w: 800, h: 400, tw: 400, th: 200, ow: 800, oh: 400},
		{name: "smaller than a thumbnail", data: pngOf(t, 300, 100), ct: "image/png", w: 300, h: 100, tw: 300, th: 100, ow: 300, oh: 100},
		{name: "a bomb is refused from its header", data: bombPNG(50000, 50000), ct: "image/png", wantCode: apperr.TooLarge},
		{name: "just over 40 megapixels", data: bombPNG(8000, 5001), ct: "image/png", wantCode: apperr.TooLarge},
		{name: "a PDF is no image", data: []byte("%PDF-1.7\n"), ct: "application/pdf", wantCode: apperr.Unsupported},
		{name: "a broken PNG", data: []byte("\x89PNG\r\n\x1a\nbroken"), ct: "image/png", wantCode: apperr.Invalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := news.ResizeImage(c.data, c.ct)
			if c.wantCode != "" {
				if apperr.CodeOf(err) != c.wantCode {
					t.Fatalf("err = %v, want code %s", err, c.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Width != c.w || r.Height != c.h || r.ThumbWidth != c.tw || r.ThumbHeight != c.th || r.OrigWidth != c.ow || r.OrigHeight != c.oh {
				t.Fatalf("sizes = %d×%d, %d×%d, %d×%d; want %d×%d, %d×%d, %d×%d", r.Width, r.Height, r.ThumbWidth, r.ThumbHeight, r.OrigWidth, r.OrigHeight,
					c.w, c.h, c.tw, c.th, c.ow, c.oh)
			}
			// The encoded bytes are what they say.
			for _, b := range []struct {
				data []byte
				w, h int
			}{{r.Display, c.w, c.h}, {r.Thumb, c.tw, c.th}} {
				cfg, format, err := image.DecodeConfig(bytes.NewReader(b.data))
				if err != nil || cfg.Width != b.w || cfg.Height != b.h || (format == "png") != (c.ct == "image/png") {
					t.Fatalf("encoded %s %d×%d (%v), want %d×%d", format, cfg.Width, cfg.Height, err, b.w, b.h)
				}
			}
		})
	}
}

func TestCheckAlt(t *testing.T) {
	for _, c := range []struct {
		alt string
		ok  bool
	}{{"Toàn cảnh hội nghị", true}, {"", false}, {"   ", false}, {string(bytes.Repeat([]byte("a"), 251)), false}} {
		_, err := news.CheckAlt(c.alt)
		if (err == nil) != c.ok {
			t.Errorf("CheckAlt(%q) = %v", c.alt, err)
		}
		if err != nil && apperr.As(err).Field != "alt" {
			t.Errorf("CheckAlt(%q): field %q", c.alt, apperr.As(err).Field)
		}
	}
}

func TestImageMarkdown(t *testing.T) {
	img := news.Image{ID: 7, Alt: "Ảnh [một]\nhai"}
	if got, want := img.Markdown(), "![Ảnh (một) hai](/tin-tuc/anh/7)"; got != want {
		t.Fatalf("Markdown = %q, want %q", got, want)
	}
	if news.ImagesWithoutAlt(img.Markdown()) != 0 {
		t.Fatal("the snippet counts as an image without description")
	}
	if html := news.RenderMarkdown(img.Markdown()); !bytes.Contains([]byte(html), []byte(`src="/tin-tuc/anh/7"`)) {
		t.Fatalf("rendered: %s", html)
	}
}
