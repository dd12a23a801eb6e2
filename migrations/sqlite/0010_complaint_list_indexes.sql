-- The public complaint list (complaints::public::sql) at a million complaints: each filter
-- has an index that yields its complaints newest first, so a page reads about 20 rows
-- instead of sorting every match. Filters on the complaint's own columns walk a complaints
-- index by created_at (which equals the case's opened_at); the others walk a cases index.
CREATE INDEX complaints_district_created ON complaints (district_code, created_at, case_id);
CREATE INDEX complaints_region_created ON complaints (region_code, created_at, case_id);
CREATE INDEX complaints_category_created ON complaints (category_id, created_at, case_id);
CREATE INDEX complaints_created_case ON complaints (created_at, case_id);
CREATE INDEX cases_type_state_opened ON cases (case_type, state, opened_at, id);
CREATE INDEX cases_type_organisation_opened ON cases (case_type, organisation_id, opened_at, id);
CREATE INDEX cases_type_overdue_opened ON cases (case_type, overdue, opened_at, id);
CREATE INDEX cases_type_opened_id ON cases (case_type, opened_at, id);
-- Prefixes of the two above: nothing needs them any more.
DROP INDEX complaints_created;
DROP INDEX cases_type_opened;
