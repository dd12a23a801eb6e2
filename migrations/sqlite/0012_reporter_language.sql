-- The language the reporter used when submitting ('id' or 'en'): the mails about their
-- report (receipt, each public step) are written in it.
ALTER TABLE complaint_reporters ADD COLUMN lang TEXT NOT NULL DEFAULT 'id';
