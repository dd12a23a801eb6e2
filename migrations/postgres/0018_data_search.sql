-- The data portal's search index: one denormalised row per published dataset (its current
-- verified version), written at publication by `data::catalog::search::reindex`, so that the
-- faceted search (the `/data` listing and CKAN's package_search) reads two small tables
-- instead of joining versions, tags, groups, regions and resources per request.
CREATE TABLE data_search (
    dataset_id        UUID PRIMARY KEY REFERENCES data_datasets (id),
    name              TEXT NOT NULL,
    organisation_id   TEXT NOT NULL,
    title             TEXT NOT NULL,
    -- Lower-cased (in the application, Unicode-aware) texts the words of a query match.
    title_lc          TEXT NOT NULL,
    tags_lc           TEXT NOT NULL,
    notes_lc          TEXT NOT NULL,
    organisation_lc   TEXT NOT NULL,
    -- The published version's verification time (CKAN metadata_modified).
    metadata_modified TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_search_modified ON data_search (metadata_modified);
CREATE INDEX data_search_title ON data_search (title_lc);
CREATE INDEX data_search_name ON data_search (name);

-- The facet values of each indexed dataset: facet is organization, groups, tags,
-- res_format, license_id or regions (CKAN's facet field names); label is what a person
-- reads (organisation or group title, region name).
CREATE TABLE data_search_facets (
    dataset_id UUID NOT NULL REFERENCES data_search (dataset_id),
    facet      TEXT NOT NULL,
    value      TEXT NOT NULL,
    label      TEXT NOT NULL,
    PRIMARY KEY (dataset_id, facet, value)
);
CREATE INDEX data_search_facets_value ON data_search_facets (facet, value, dataset_id);
