-- The catalogue: one row per asset, the source of truth every node's index follows. Withdrawn rows are kept
-- for the record. Times are ISO 8601 UTC text, as the SQLite backend keeps them, so both read them alike.
CREATE TABLE assets (
    ordinal        bigint PRIMARY KEY,           -- dense document number, the same for every version of an asset (max + 1, given under the sequence lock)
    id             text NOT NULL UNIQUE,         -- <source>:<native id>
    source_id      text NOT NULL,
    record_json    text NOT NULL,                -- the normalised AssetRecord
    native         text,                         -- the source's own record, for provenance
    native_type    text,
    content_hash   text NOT NULL,
    harvested_at   text NOT NULL,
    updated_at     text NOT NULL,
    withdrawn_at   text,
    asset_type     text NOT NULL,
    change_seq     bigint NOT NULL UNIQUE        -- the number of the asset's latest change
);
CREATE INDEX assets_source ON assets (source_id) WHERE withdrawn_at IS NULL;
CREATE INDEX assets_doi ON assets (lower((record_json::jsonb) ->> 'doi'));

-- The last change number given and the catalogue's identity. Every write that numbers changes locks this
-- row (SELECT ... FOR UPDATE) until it commits, so numbers are committed in the order they are given and a
-- node following "everything after n" never skips a change that commits late.
CREATE TABLE catalog_sequence (value bigint NOT NULL, catalog_id text NOT NULL);
INSERT INTO catalog_sequence (value, catalog_id) VALUES (0, md5(random()::text || clock_timestamp()::text));

-- Assets removed for good, so a follower that held them learns they are gone.
CREATE TABLE removed_assets (
    change_seq bigint PRIMARY KEY,
    id         text NOT NULL,
    ordinal    bigint NOT NULL
);

-- Where each source's harvest got to, so a harvest resumes (on any node) instead of starting over.
CREATE TABLE checkpoints (
    source_id  text NOT NULL,
    name       text NOT NULL,
    value      text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (source_id, name)
);

-- One row per harvest run, recorded from its start (running) with the lease it holds.
CREATE TABLE harvest_runs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id    text NOT NULL,
    started_at   text NOT NULL,
    finished_at  text NOT NULL,
    mode         text NOT NULL,
    status       text NOT NULL,
    pages        integer NOT NULL,
    rows_read    integer NOT NULL,
    added        integer NOT NULL,
    updated      integer NOT NULL,
    unchanged    integer NOT NULL,
    removed      integer NOT NULL,
    failed       integer NOT NULL,
    errors_json  text NOT NULL,
    records      bigint,
    holder_host  text,
    holder_pid   integer,
    lease_token  text
);
CREATE INDEX harvest_runs_source ON harvest_runs (source_id, id);
CREATE INDEX harvest_runs_running ON harvest_runs (source_id) WHERE status = 'running';

-- Who harvests a source now, across every node: a row per source, taken under a row lock. A lease whose
-- holder stopped beating, or died on the taker's own host, may be taken over. Ids compare without case.
CREATE TABLE harvest_leases (
    source_key    text PRIMARY KEY,              -- lower(source_id)
    source_id     text NOT NULL,
    host          text NOT NULL,
    pid           bigint NOT NULL,
    started_at    text NOT NULL,
    heartbeat_at  text NOT NULL,
    token         text
);
