-- Emulation titles (danh hiệu thi đua: Lao động tiên tiến, Chiến sĩ thi đua
-- cơ sở) the director confirmed for a year, among those proposed from the
-- year's ratings (review.Propose); one title per person and year.
CREATE TABLE emulation_titles (
    id           INTEGER PRIMARY KEY,
    agency_id    BIGINT NOT NULL REFERENCES units(id),
    year         INTEGER NOT NULL,
    person_id    BIGINT NOT NULL REFERENCES people(id),
    title        TEXT NOT NULL,                   -- lao_dong_tien_tien | chien_si_thi_dua
    grade        TEXT NOT NULL,                   -- the year's grade it was proposed from
    confirmed_by BIGINT NOT NULL,
    confirmed_at BIGINT NOT NULL,
    UNIQUE (agency_id, year, person_id)
);
