package demo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"time"

	"congvu/internal/audit"
	"congvu/internal/blob"
	"congvu/internal/file"
	"congvu/internal/news"
	"congvu/internal/store"
)

// coverCount is how many of the latest articles get a cover.
const coverCount = 6

// categoryColours are the banners' colours, one per section.
var categoryColours = map[news.Category]color.RGBA{
	news.CatEvents:     {0x9b, 0x1c, 0x1c, 0xff},
	news.CatNotices:    {0x1d, 0x4e, 0xd8, 0xff},
	news.CatDirectives: {0x04, 0x78, 0x57, 0xff},
	news.CatInvestment: {0xb4, 0x53, 0x09, 0xff},
	news.CatReform:     {0x6d, 0x28, 0xd9, 0xff},
}

// banner draws a 1200 × 630 banner (the size og:image asks for) in the
// section's colour with lighter bands: made here, nothing
// downloaded.
func banner(c color.RGBA, seed int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, 1200, 630))
	draw.Draw(m, m.Bounds(), &image.Uniform{c}, image.Point{}, draw.Src)
	light := color.RGBA{uint8(min(255, int(c.R)+60)), uint8(min(255, int(c.G)+60)), uint8(min(255, int(c.B)+60)), 0xff}
	// Vertical bands (rectangles, drawn at once), one width per article.
	band := 90 + seed%4*20
	for x := (seed * 37) % (band * 2); x < 1200; x += band * 2 {
		draw.Draw(m, image.Rect(x, 0, x+band/3, 600), &image.Uniform{light}, image.Point{}, draw.Src)
	}
	// A white rule along the bottom, as the portal's banners have.
	draw.Draw(m, image.Rect(0, 600, 1200, 612), &image.Uniform{color.White}, image.Point{}, draw.Src)
	var b bytes.Buffer
	_ = png.Encode(&b, m)
	return b.Bytes()
}

// SeedNewsCovers gives the latest published articles a cover: a banner
// drawn in code, resized and stored as an upload would be (news.ResizeImage,
// the file store, AddArticleImage), uploaded by the official who writes
// for Phòng KGVX. It also fills the last 90 days of visits, for the
// portal's statistics. An agency whose articles have covers is left alone.
func SeedNewsCovers(ctx context.Context, db *store.DB, files blob.Store, now time.Time) (int, error) {
	acc, err := db.FindAccountByLogin(ctx, "chuyenvien")
	if err != nil {
		return 0, fmt.Errorf("demo covers: %w", err)
	}
	list, _, err := db.Articles(ctx, store.ArticleQuery{Public: true, Now: now, PerPage: coverCount})
	if err != nil {
		return 0, err
	}
	actor := audit.Actor{PersonID: acc.PersonID, Name: "Nguyễn Thị Minh Nguyệt"}
	made := 0
	for i, a := range list {
		if a.CoverImageID != 0 {
			return 0, nil
		}
		rs, err := news.ResizeImage(banner(categoryColours[a.Category], i), file.PNG)
		if err != nil {
			return made, err
		}
		put := func(b []byte, name string) (file.File, error) {
			h := sha256.Sum256(b)
			sum := hex.EncodeToString(h[:])
			if err := files.Put(ctx, sum, bytes.NewReader(b), int64(len(b))); err != nil {
				return file.File{}, fmt.Errorf("demo covers: %w", err)
			}
			return file.File{SHA256: sum, Name: name, Size: int64(len(b)), ContentType: file.PNG, UploadedBy: acc.PersonID}, nil
		}
		disp, err := put(rs.Display, fmt.Sprintf("anh-dai-dien-%d.png", a.ID))
		if err != nil {
			return made, err
		}
		thumb, err := put(rs.Thumb, fmt.Sprintf("anh-dai-dien-%d-nho.png", a.ID))
		if err != nil {
			return made, err
		}
		img := news.Image{Alt: "Băng màu minh họa chuyên mục " + a.Category.Label("vi"), Width: rs.Width, Height: rs.Height,
			ThumbWidth: rs.ThumbWidth, ThumbHeight: rs.ThumbHeight, OrigWidth: rs.OrigWidth, OrigHeight: rs.OrigHeight,
			Name: fmt.Sprintf("anh-dai-dien-%d.png", a.ID)}
		// The demo's history: published articles got their covers before.
		if _, err := db.AddArticleImage(ctx, actor, a.ID, img, disp, thumb, true, func(news.Article) error { return nil }); err != nil {
			return made, fmt.Errorf("demo covers: %w", err)
		}
		made++
	}
	// Visits by day: more on working days, a slow rise over the period.
	r := rand.New(rand.NewPCG(15, 90))
	days := map[string]int64{}
	vn := time.FixedZone("ICT", 7*3600)
	for d := 0; d < 90; d++ {
		day := now.In(vn).AddDate(0, 0, -d)
		base := 28000.0 - float64(d)*40
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			base *= 0.45
		}
		days[day.Format("2006-01-02")] = int64(base * (0.85 + 0.3*r.Float64()))
	}
	return made, db.SeedDailyVisits(ctx, days)
}
