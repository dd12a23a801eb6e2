-- Regions: the Kemendagri code hierarchy (province 35 > regency 35.22 > district 35.22.15 > village 35.22.15.2001).
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
    village_kind TEXT CHECK (village_kind IN ('desa', 'kelurahan')),
    parent_code TEXT REFERENCES regions (code)
);
CREATE INDEX regions_parent ON regions (parent_code);

-- Organisations: OPDs, kecamatan offices, village governments; each in a region, maybe under a parent.
CREATE TABLE organisations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('regency', 'opd', 'kecamatan', 'village')),
    region_code TEXT NOT NULL REFERENCES regions (code),
    parent_id   TEXT REFERENCES organisations (id),
    description TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    head_name   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX organisations_region ON organisations (region_code);
CREATE INDEX organisations_parent ON organisations (parent_id);
CREATE INDEX organisations_kind ON organisations (kind, name);

-- People with an account. Personal data (NIK, phone, address) is never shown publicly.
CREATE TABLE users (
    id            BLOB PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    nik           TEXT,
    phone         TEXT,
    address       TEXT,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Roles are held per organisation: officer, verifier, supervisor, admin.
CREATE TABLE memberships (
    user_id         BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role            TEXT NOT NULL CHECK (role IN ('officer', 'verifier', 'supervisor', 'admin')),
    created_at      TEXT NOT NULL,
    PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX memberships_organisation ON memberships (organisation_id, role);

-- Server-side sessions; the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Login attempts, for rate limiting that holds across several app nodes.
CREATE TABLE login_attempts (
    id        BLOB PRIMARY KEY,
    email     TEXT NOT NULL,
    ip        TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- Password reset tokens (only the SHA-256 is stored), single use, short-lived.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- Small platform settings (e.g. the generated secret key shared by all app nodes).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
