-- Every change by staff: who, what, before/after, when.
CREATE TABLE audit_log (
    id              BLOB PRIMARY KEY,
    at              TEXT NOT NULL,
    actor_id        BLOB,
    actor_name      TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity_type     TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    organisation_id TEXT,
    before_json     TEXT,
    after_json      TEXT,
    ip              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);

-- Hash-chained log of every publication of a public record.
CREATE TABLE publication_log (
    seq             INTEGER PRIMARY KEY,
    published_at    TEXT NOT NULL,
    module          TEXT NOT NULL,
    record_type     TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    title           TEXT NOT NULL,
    url             TEXT NOT NULL,
    organisation_id TEXT,
    content_sha256  TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    entry_hash      TEXT NOT NULL
);
CREATE INDEX publication_log_record ON publication_log (record_type, record_id);

-- The head of the chain, one row; updating it serialises appends on both backends.
CREATE TABLE publication_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seq        INTEGER NOT NULL,
    entry_hash TEXT NOT NULL
);
INSERT INTO publication_head (id, seq, entry_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
