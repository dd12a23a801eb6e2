-- Complaint categories, managed by admins; each routes by default to one organisation.
CREATE TABLE complaint_categories (
    id                      TEXT PRIMARY KEY,
    name_id                 TEXT NOT NULL,
    name_en                 TEXT NOT NULL,
    default_organisation_id TEXT NOT NULL REFERENCES organisations (id),
    position                INTEGER NOT NULL DEFAULT 0,
    active                  BOOLEAN NOT NULL DEFAULT TRUE,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);

-- What is particular to a complaint; its workflow lives in cases (same id).
CREATE TABLE complaints (
    case_id        BLOB PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('pengaduan', 'aspirasi', 'permintaan_informasi')),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    category_id    TEXT NOT NULL REFERENCES complaint_categories (id),
    region_code    TEXT NOT NULL REFERENCES regions (code),
    -- The district of region_code (itself when region_code is a district), for filters.
    district_code  TEXT NOT NULL REFERENCES regions (code),
    latitude       REAL,
    longitude      REAL,
    -- Where the problem is (a street, a landmark): public, unlike the reporter's address.
    location_text  TEXT NOT NULL DEFAULT '',
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT NOT NULL DEFAULT '',
    rated_at       TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX complaints_category ON complaints (category_id);
CREATE INDEX complaints_district ON complaints (district_code, region_code);
CREATE INDEX complaints_created ON complaints (created_at);

-- The reporter's identity and contact: personal data, never on a public page, API, export
-- or search result, and hidden from the handling organisation for anonymous complaints.
CREATE TABLE complaint_reporters (
    case_id BLOB PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    name    TEXT NOT NULL DEFAULT '',
    email   TEXT NOT NULL DEFAULT '',
    phone   TEXT NOT NULL DEFAULT '',
    nik     TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT ''
);
