-- Background jobs, claimed safely by several app nodes.
CREATE TABLE jobs (
    id           BLOB PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    run_at       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    locked_by    TEXT,
    locked_until TEXT,
    last_error   TEXT,
    dedupe_key   TEXT UNIQUE,
    created_at   TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at);

-- Uploaded files: the bytes live in the object store, this is their record.
CREATE TABLE files (
    id            BLOB PRIMARY KEY,
    storage_key   TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_by   BLOB,
    -- Public files are served at /berkas/{id}/{name}; others only through their module.
    public        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL
);
CREATE INDEX files_sha256 ON files (sha256);

-- Outgoing e-mail, written in the same transaction as the change that causes it.
CREATE TABLE mail_outbox (
    id         BLOB PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body_text  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX mail_outbox_pending ON mail_outbox (sent_at, created_at);
