-- The public portal's news (issue #15): articles with their editorial
-- state and view count, and the site's cookieless counts. search_text is
-- the folded title, summary and body (internal/fold), so that "dau tu"
-- finds "đầu tư". The counts are added by the nodes' flushes (deltas, one
-- transaction each): site_counters holds the total visits, site_visits_daily
-- the visits per day, site_presence the hashed visitors of the last half
-- hour ("online" is those of the last five minutes) and site_salts the
-- day's salt of those hashes, shared by every node and dropped the next day.
CREATE TABLE news_articles (
    id           INTEGER PRIMARY KEY,
    agency_id    BIGINT NOT NULL REFERENCES units(id),
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    category     TEXT NOT NULL,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    writer_unit  TEXT NOT NULL,
    author       TEXT NOT NULL DEFAULT '',
    author_id    BIGINT NOT NULL,
    status       TEXT NOT NULL,              -- draft | submitted | published | unpublished
    publish_at   BIGINT,                     -- the time asked for (µs), NULL: at once
    published_at BIGINT,                     -- µs; the public sees it from then
    views        BIGINT NOT NULL DEFAULT 0,
    search_text  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX news_articles_public ON news_articles(status, published_at);
CREATE INDEX news_articles_category ON news_articles(category, status, published_at);
CREATE INDEX news_articles_agency ON news_articles(agency_id, updated_at);

CREATE TABLE site_counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
CREATE TABLE site_visits_daily (
    day    TEXT PRIMARY KEY,                 -- YYYY-MM-DD, Vietnam's day
    visits BIGINT NOT NULL
);
CREATE TABLE site_presence (
    visitor BLOB PRIMARY KEY,
    seen_at BIGINT NOT NULL
);
CREATE INDEX site_presence_seen ON site_presence(seen_at);
CREATE TABLE site_salts (
    day  TEXT PRIMARY KEY,
    salt BLOB NOT NULL
);
