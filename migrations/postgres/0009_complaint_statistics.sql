-- Complaint statistics (complaints::statistics): a snapshot of the figures per year, kind
-- and organisation/category/month, recomputed by a periodic job from cases, complaints and
-- the case timeline, so that the public pages never compute medians over every case.
-- Aggregates only: no case, no reporter.

CREATE TABLE complaint_statistics (
    -- 0: every year.
    year        INTEGER NOT NULL,
    -- '': every kind.
    kind        TEXT NOT NULL,
    dimension   TEXT NOT NULL CHECK (dimension IN ('total', 'organisation', 'category', 'period')),
    -- Organisation id ('' while not routed), category id, period ('2026-03', or '2026' for
    -- every year), '' for the total.
    item        TEXT NOT NULL,
    received    BIGINT NOT NULL DEFAULT 0,
    open_now    BIGINT NOT NULL DEFAULT 0,
    completed   BIGINT NOT NULL DEFAULT 0,
    overdue_now BIGINT NOT NULL DEFAULT 0,
    -- Cases with a first follow-up, and the median of their working days from routing to it.
    followed_up BIGINT NOT NULL DEFAULT 0,
    median_days DOUBLE PRECISION,
    -- Cases whose first follow-up fell due (given, or its deadline passed without it), and
    -- how many of them had it on time.
    due         BIGINT NOT NULL DEFAULT 0,
    on_time     BIGINT NOT NULL DEFAULT 0,
    ratings     BIGINT NOT NULL DEFAULT 0,
    rating_sum  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (year, kind, dimension, item)
);

-- When the snapshot was made (one row).
CREATE TABLE complaint_statistics_runs (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    computed_at TIMESTAMPTZ NOT NULL,
    cases       BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL
);
