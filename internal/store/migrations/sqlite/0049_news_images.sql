-- The images of the portal's articles (issue #15): each upload is kept
-- resized twice, once at the page's display width and once as a
-- thumbnail, both re-encoded (no EXIF, no trailing bytes) and stored as
-- files of the file store (files, blob), so that the blob sweep keeps
-- them. The public reads them only once their article is published; the
-- article's cover is one of its images (its thumbnail in the news list,
-- its display size as og:image).
CREATE TABLE news_images (
    id             INTEGER PRIMARY KEY,
    article_id     BIGINT NOT NULL REFERENCES news_articles(id),
    display_file   BIGINT NOT NULL REFERENCES files(id),
    thumb_file     BIGINT NOT NULL REFERENCES files(id),
    alt            TEXT NOT NULL,
    width          INTEGER NOT NULL,   -- of the display size, px
    height         INTEGER NOT NULL,
    thumb_width    INTEGER NOT NULL,
    thumb_height   INTEGER NOT NULL,
    orig_width     INTEGER NOT NULL,   -- as uploaded
    orig_height    INTEGER NOT NULL,
    name           TEXT NOT NULL,      -- the uploaded file's name
    created_by     BIGINT NOT NULL REFERENCES people(id),
    created_at     BIGINT NOT NULL
);
CREATE INDEX news_images_article ON news_images(article_id, id);

ALTER TABLE news_articles ADD COLUMN cover_image_id BIGINT REFERENCES news_images(id);
