-- Budget transparency (APBD, Permendagri 90/2019 codes).
--
-- A year's budget is imported per stage (murni = original, perubahan = revised) and its
-- realisation per month (stage realisasi). Every import is a new version of its (year,
-- stage): a draft until published; publishing supersedes the version published before,
-- which stays readable. Amounts are whole rupiah in 64-bit integers, never floating point;
-- PostgreSQL's SUM over BIGINT is NUMERIC, so sums are cast back to BIGINT when read.
CREATE TABLE budget_versions (
    id                          UUID PRIMARY KEY,
    fiscal_year                 INTEGER NOT NULL,
    stage                       TEXT NOT NULL CHECK (stage IN ('murni', 'perubahan', 'realisasi')),
    version                     INTEGER NOT NULL,
    status                      TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    -- The uploaded file as received (platform files; private).
    source_file_id              UUID REFERENCES files (id),
    source_name                 TEXT NOT NULL,
    source_sha256               TEXT NOT NULL,
    line_count                  INTEGER NOT NULL,
    total_revenue               BIGINT NOT NULL,
    total_spending              BIGINT NOT NULL,
    total_financing_receipts    BIGINT NOT NULL,
    total_financing_expenditure BIGINT NOT NULL,
    -- Realisation: the latest month the file reports (NULL for a budget).
    last_month                  INTEGER CHECK (last_month BETWEEN 1 AND 12),
    imported_by                 UUID,
    imported_by_name            TEXT NOT NULL,
    imported_at                 TIMESTAMPTZ NOT NULL,
    published_by                UUID,
    published_at                TIMESTAMPTZ,
    superseded_at               TIMESTAMPTZ,
    UNIQUE (fiscal_year, stage, version)
);
-- At most one published version per year and stage.
CREATE UNIQUE INDEX budget_versions_published ON budget_versions (fiscal_year, stage) WHERE status = 'published';
CREATE INDEX budget_versions_file ON budget_versions (source_file_id);

-- The names a version's file gave its codes (organisation, program, kegiatan, sub_kegiatan,
-- account): stored once per code, not on every line. An organisation code carries the
-- platform organisation it was matched to, when known.
CREATE TABLE budget_names (
    version_id      UUID NOT NULL REFERENCES budget_versions (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('organisation', 'program', 'kegiatan', 'sub_kegiatan', 'account')),
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    PRIMARY KEY (version_id, kind, code)
);
CREATE INDEX budget_names_organisation ON budget_names (organisation_id);

-- One line of a budget version: who (organisation), what for (the function code and each of
-- its levels, '' on revenue and financing lines, so that equality joins work), what kind
-- (the account and its upper levels) and how much. The level columns are the drill-down's
-- GROUP BY keys; line_no is the row in the source file.
CREATE TABLE budget_lines (
    version_id        UUID NOT NULL REFERENCES budget_versions (id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL,
    organisation_code TEXT NOT NULL,
    organisation_id   TEXT REFERENCES organisations (id),
    urusan            TEXT NOT NULL,
    bidang            TEXT NOT NULL,
    program           TEXT NOT NULL,
    kegiatan          TEXT NOT NULL,
    sub_kegiatan      TEXT NOT NULL,
    akun              TEXT NOT NULL,
    kelompok          TEXT NOT NULL,
    jenis             TEXT NOT NULL,
    account_code      TEXT NOT NULL,
    source_of_funds   TEXT NOT NULL,
    amount            BIGINT NOT NULL,
    PRIMARY KEY (version_id, line_no)
);
CREATE INDEX budget_lines_function ON budget_lines (version_id, urusan, bidang, program, kegiatan, sub_kegiatan);
CREATE INDEX budget_lines_organisation ON budget_lines (version_id, organisation_code, sub_kegiatan);
CREATE INDEX budget_lines_account ON budget_lines (version_id, kelompok, jenis, account_code);
CREATE INDEX budget_lines_organisation_id ON budget_lines (organisation_id, version_id);

-- Monthly realisation (amount spent or received in that month, not cumulative), in versions
-- of stage 'realisasi'; joins the budget on (organisation_code, sub_kegiatan, account_code).
CREATE TABLE budget_realisation (
    version_id        UUID NOT NULL REFERENCES budget_versions (id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL,
    month             INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    organisation_code TEXT NOT NULL,
    organisation_id   TEXT REFERENCES organisations (id),
    urusan            TEXT NOT NULL,
    bidang            TEXT NOT NULL,
    program           TEXT NOT NULL,
    kegiatan          TEXT NOT NULL,
    sub_kegiatan      TEXT NOT NULL,
    akun              TEXT NOT NULL,
    kelompok          TEXT NOT NULL,
    jenis             TEXT NOT NULL,
    account_code      TEXT NOT NULL,
    amount            BIGINT NOT NULL,
    PRIMARY KEY (version_id, line_no)
);
CREATE INDEX budget_realisation_month ON budget_realisation (version_id, month);
CREATE INDEX budget_realisation_function ON budget_realisation (version_id, urusan, bidang, program, kegiatan, sub_kegiatan);
CREATE INDEX budget_realisation_line ON budget_realisation (version_id, organisation_code, sub_kegiatan, account_code, month);
CREATE INDEX budget_realisation_organisation_id ON budget_realisation (organisation_id, version_id);

-- Which platform organisation a budget organisation code (1.03.0.00.0.00.01.0000) is: read
-- at import; codes not listed are matched by the organisation's exact name, or left unmapped.
CREATE TABLE budget_organisation_codes (
    code            TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX budget_organisation_codes_organisation ON budget_organisation_codes (organisation_id);
