-- News items written by staff, in both languages.
CREATE TABLE news (
    id           BLOB PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title_id     TEXT NOT NULL,
    title_en     TEXT NOT NULL,
    summary_id   TEXT NOT NULL,
    summary_en   TEXT NOT NULL,
    body_id      TEXT NOT NULL,
    body_en      TEXT NOT NULL,
    published_at TEXT,
    created_by   BLOB,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX news_published ON news (published_at);
