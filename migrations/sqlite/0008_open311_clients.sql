-- Registered Open311 GeoReport v2 clients (complaints::open311): programs that may POST
-- service requests with an API key. Only the key's SHA-256 (hex) is kept; the key itself is
-- shown once to the admin who issued it. A revoked client (active = FALSE) is refused.
CREATE TABLE open311_clients (
    id            BLOB PRIMARY KEY,
    name          TEXT NOT NULL,
    contact_email TEXT NOT NULL DEFAULT '',
    key_hash      TEXT NOT NULL UNIQUE,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_by    BLOB REFERENCES users (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT
);
CREATE INDEX open311_clients_created ON open311_clients (created_at);
CREATE INDEX open311_clients_created_by ON open311_clients (created_by);
