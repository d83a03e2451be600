-- One row per harvest run: what it did and what went wrong, for the people who run the sources.
CREATE TABLE harvest_runs (
    id           INTEGER PRIMARY KEY,
    source_id    TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    mode         TEXT NOT NULL,               -- full, incremental, resumed
    status       TEXT NOT NULL,               -- completed, failed, cancelled
    pages        INTEGER NOT NULL,
    rows_read    INTEGER NOT NULL,
    added        INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    removed      INTEGER NOT NULL,
    failed       INTEGER NOT NULL,
    errors_json  TEXT NOT NULL                -- [{where, reason, sample}], at most 50
);
CREATE INDEX harvest_runs_source ON harvest_runs(source_id, id);
