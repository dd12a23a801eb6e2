-- Public comments on any public item (a news article, a budget line…), identified by
-- (item_type, item_id) as the owning module declares them. Pre-moderated: a comment is
-- 'pending' until staff of the owning organisation publish ('published') or reject it
-- ('rejected', with a reason). The author's e-mail is for notifications only and never
-- public. One official reply per comment, by the owning organisation's staff.
CREATE TABLE comments (
    id              BLOB PRIMARY KEY,
    item_type       TEXT NOT NULL,
    item_id         TEXT NOT NULL,
    item_title      TEXT NOT NULL,
    item_url        TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    author_user_id  BLOB,
    author_name     TEXT NOT NULL,
    author_email    TEXT NOT NULL,
    lang            TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL,
    reject_reason   TEXT NOT NULL,
    moderated_by    BLOB,
    moderated_at    TEXT,
    published_at    TEXT,
    reply_body      TEXT,
    reply_by        BLOB,
    reply_by_name   TEXT,
    reply_at        TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX comments_item ON comments (item_type, item_id, status, published_at);
CREATE INDEX comments_inbox ON comments (organisation_id, status, created_at);
