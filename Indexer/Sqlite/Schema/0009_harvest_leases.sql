-- Who is harvesting a source now, so two processes (the portal's scheduler, the command line) never
-- run one source at once. A lease whose holder stopped beating, or died on this host, may be taken over.
CREATE TABLE harvest_leases (
    source_id     TEXT PRIMARY KEY COLLATE NOCASE,
    host          TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    heartbeat_at  TEXT NOT NULL
);
