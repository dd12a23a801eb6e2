-- Non-working days besides weekends: national holidays and cuti bersama, editable by an admin.
CREATE TABLE holidays (
    day        DATE PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('national', 'cuti_bersama')),
    name_id    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
