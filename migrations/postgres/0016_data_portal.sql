-- Portal Data (Satu Data Indonesia): datasets of the producing organisations (produsen data),
-- verified by the walidata before the public sees them, with versions, resources (uploaded
-- files or links), tabular resources loaded into queryable tables, live writes by API token
-- and a change feed.

-- Topic groups (CKAN groups): a dataset may belong to several.
CREATE TABLE data_groups (
    id             TEXT PRIMARY KEY,
    title_id       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    description_id TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL
);

-- A dataset: its stable identity (CKAN `id` and `name`) and owner. What it says lives in its
-- versions; the public sees `published_version_id`, the latest verified version.
CREATE TABLE data_datasets (
    id                   UUID PRIMARY KEY,
    name                 TEXT NOT NULL UNIQUE,
    organisation_id      TEXT NOT NULL REFERENCES organisations (id),
    published_version_id UUID,
    first_published_at   TIMESTAMPTZ,
    -- When the public data last changed (a verified version or a live write): freshness.
    data_updated_at      TIMESTAMPTZ,
    created_by           UUID NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_datasets_organisation ON data_datasets (organisation_id);
CREATE INDEX data_datasets_published ON data_datasets (published_version_id);

-- One version of a dataset's metadata and resources. Flow: draft → submitted → verified
-- (published; the previous verified version becomes 'superseded' and stays readable) or
-- → returned (with the walidata's note) → submitted again.
CREATE TABLE data_versions (
    id             UUID PRIMARY KEY,
    dataset_id     UUID NOT NULL REFERENCES data_datasets (id),
    number         BIGINT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'verified', 'superseded')),
    title          TEXT NOT NULL,
    notes          TEXT NOT NULL,
    licence_id     TEXT NOT NULL,
    frequency      TEXT NOT NULL,
    temporal_start DATE,
    temporal_end   DATE,
    -- Satu Data metadata (Peraturan BPS 5/2020): konsep, definisi, satuan, klasifikasi, ukuran.
    concept        TEXT NOT NULL DEFAULT '',
    definition     TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT '',
    measure        TEXT NOT NULL DEFAULT '',
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_email  TEXT NOT NULL DEFAULT '',
    review_note    TEXT NOT NULL DEFAULT '',
    created_by     UUID NOT NULL,
    submitted_at   TIMESTAMPTZ,
    reviewed_by    UUID,
    reviewed_at    TIMESTAMPTZ,
    verified_at    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (dataset_id, number)
);
CREATE INDEX data_versions_status ON data_versions (status, submitted_at);

CREATE TABLE data_version_tags (
    version_id UUID NOT NULL REFERENCES data_versions (id),
    tag        TEXT NOT NULL,
    PRIMARY KEY (version_id, tag)
);
CREATE INDEX data_version_tags_tag ON data_version_tags (tag);

CREATE TABLE data_version_groups (
    version_id UUID NOT NULL REFERENCES data_versions (id),
    group_id   TEXT NOT NULL REFERENCES data_groups (id),
    PRIMARY KEY (version_id, group_id)
);
CREATE INDEX data_version_groups_group ON data_version_groups (group_id);

-- Spatial coverage: the regions (Kemendagri codes) a version's data covers.
CREATE TABLE data_version_regions (
    version_id  UUID NOT NULL REFERENCES data_versions (id),
    region_code TEXT NOT NULL REFERENCES regions (code),
    PRIMARY KEY (version_id, region_code)
);
CREATE INDEX data_version_regions_region ON data_version_regions (region_code);

-- A loaded tabular resource: the physical table `table_name` (columns `_id`, `c0`…`cN`,
-- never a name taken from a file) and its columns' names and types as loaded (JSON). Tables
-- are immutable except by live writes; a new upload makes a new table.
CREATE TABLE data_tables (
    id          UUID PRIMARY KEY,
    table_name  TEXT NOT NULL UNIQUE,
    columns     TEXT NOT NULL,
    key_columns TEXT NOT NULL DEFAULT '[]',
    row_count   BIGINT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- A resource of one version: an uploaded file or a link. A new version copies its
-- predecessor's resources (same file, same table); `origin_id` names the first resource of
-- the chain so that links to "this resource" can follow it across versions.
CREATE TABLE data_resources (
    id          UUID PRIMARY KEY,
    version_id  UUID NOT NULL REFERENCES data_versions (id),
    origin_id   UUID NOT NULL,
    position    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL,
    file_id     UUID REFERENCES files (id),
    url         TEXT NOT NULL DEFAULT '',
    size_bytes  BIGINT,
    table_id    UUID REFERENCES data_tables (id),
    -- The data dictionary the producer maintains (JSON: name, type, description, unit per
    -- column), copied with the resource.
    dictionary  TEXT NOT NULL DEFAULT '[]',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_resources_version ON data_resources (version_id, position);
CREATE INDEX data_resources_origin ON data_resources (origin_id);
CREATE INDEX data_resources_table ON data_resources (table_id);
CREATE INDEX data_resources_file ON data_resources (file_id);

-- Tokens with which a producing organisation's systems write rows by API (SHA-256 only).
CREATE TABLE data_api_tokens (
    id              UUID PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    created_by      UUID NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);
CREATE INDEX data_api_tokens_organisation ON data_api_tokens (organisation_id);

-- Every public change of a dataset (a verified version, rows appended or upserted): the
-- Server-Sent Events feed reads it (ids are UUIDv7, so they sort by time across nodes).
CREATE TABLE data_changes (
    id          UUID PRIMARY KEY,
    dataset_id  UUID NOT NULL REFERENCES data_datasets (id),
    resource_id UUID,
    kind        TEXT NOT NULL,
    row_count   BIGINT NOT NULL DEFAULT 0,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_changes_dataset ON data_changes (dataset_id, id);
