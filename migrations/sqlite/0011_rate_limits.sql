-- Rate limits on anonymous writes (guest complaint submissions…), counted per client
-- address in a sliding window. In the database rather than in memory so that the limit
-- holds across several app nodes; rows older than a day are purged hourly.
CREATE TABLE rate_limit_hits (
    id     BLOB PRIMARY KEY,
    bucket TEXT NOT NULL,
    client TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX rate_limit_hits_client ON rate_limit_hits (bucket, client, at);
CREATE INDEX rate_limit_hits_at ON rate_limit_hits (at);
