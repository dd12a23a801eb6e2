-- The case engine (platform::cases): complaints, information requests and objections share
-- these tables; each module keeps its own details (reporter contact, category…) beside them.

CREATE TABLE cases (
    id                BLOB PRIMARY KEY,
    case_type         TEXT NOT NULL,
    tracking_code     TEXT NOT NULL UNIQUE,
    state             TEXT NOT NULL,
    organisation_id   TEXT REFERENCES organisations (id),
    privacy           TEXT NOT NULL CHECK (privacy IN ('public', 'anonymous', 'confidential')),
    reporter_user_id  BLOB REFERENCES users (id) ON DELETE SET NULL,
    -- SHA-256 (hex) of the guest's secret; the secret itself is shown once and never stored.
    guest_secret_hash TEXT,
    due_on            TEXT,
    overdue           BOOLEAN NOT NULL DEFAULT FALSE,
    escalated_at      TEXT,
    -- Optimistic concurrency: every change is `… WHERE id = $1 AND version = $2`.
    version           INTEGER NOT NULL DEFAULT 1,
    opened_at         TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    closed_at         TEXT
);
CREATE INDEX cases_state_due ON cases (state, due_on);
CREATE INDEX cases_organisation_state ON cases (organisation_id, state);
CREATE INDEX cases_type_opened ON cases (case_type, opened_at);
CREATE INDEX cases_reporter ON cases (reporter_user_id);

-- Sequential tracking numbers per case type and year (ADU-2026-000123).
CREATE TABLE case_counters (
    case_type TEXT NOT NULL,
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (case_type, year)
);

-- The timeline: transitions, notes, the reporter's messages and system entries.
CREATE TABLE case_entries (
    id              BLOB PRIMARY KEY,
    case_id         BLOB NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('transition', 'public_note', 'internal_note', 'reporter_message', 'system')),
    public          BOOLEAN NOT NULL DEFAULT FALSE,
    author_user_id  BLOB REFERENCES users (id) ON DELETE SET NULL,
    author_role     TEXT NOT NULL CHECK (author_role IN ('verifier', 'organisation', 'reporter', 'system')),
    action          TEXT,
    from_state      TEXT,
    to_state        TEXT,
    organisation_id TEXT REFERENCES organisations (id),
    body            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_entries_case ON case_entries (case_id, at);
CREATE INDEX case_entries_author ON case_entries (author_user_id);
CREATE INDEX case_entries_organisation ON case_entries (organisation_id);

CREATE TABLE case_entry_files (
    entry_id BLOB NOT NULL REFERENCES case_entries (id) ON DELETE CASCADE,
    file_id  BLOB NOT NULL REFERENCES files (id),
    PRIMARY KEY (entry_id, file_id)
);
CREATE INDEX case_entry_files_file ON case_entry_files (file_id);
