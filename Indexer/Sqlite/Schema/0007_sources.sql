-- Sources registered by archive teams (the sources file lists the deployment's own), and the size of
-- each source's catalogue after every harvest, for its history chart.
CREATE TABLE sources (
    id               TEXT PRIMARY KEY COLLATE NOCASE,
    definition_json  TEXT NOT NULL,          -- the source as the sources file would list it
    owner            TEXT NOT NULL,          -- the account that registered it
    created_at       TEXT NOT NULL,
    probe_json       TEXT                    -- what the source answered when it was probed
);

ALTER TABLE harvest_runs ADD COLUMN records INTEGER;  -- the source's records in search after the run
