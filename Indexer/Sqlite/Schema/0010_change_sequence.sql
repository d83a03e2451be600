-- The search index now lives apart from the catalogue, in its own folder, and follows it: every change
-- to an asset takes the next number of one catalogue-wide sequence, in the same transaction as the
-- change, and the index remembers the last number it holds. The full-text table and the columns only
-- it and the old in-process index read go.
DROP TABLE asset_text;

-- The table is rebuilt rather than altered column by column: SQLite cannot drop columns declared
-- several to a line, as the first schema did.
CREATE TABLE assets_next (
    ordinal        INTEGER PRIMARY KEY,          -- dense document number, the same for every version of an asset
    id             TEXT NOT NULL UNIQUE,         -- <source>:<native id>
    source_id      TEXT NOT NULL,
    record_json    TEXT NOT NULL,                -- the normalised AssetRecord
    native         TEXT,                         -- the source's own record, for provenance
    native_type    TEXT,
    content_hash   TEXT NOT NULL,
    harvested_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    withdrawn_at   TEXT,
    asset_type     TEXT NOT NULL,
    change_seq     INTEGER NOT NULL              -- the number of the asset's latest change (added, updated or withdrawn)
);
INSERT INTO assets_next (ordinal, id, source_id, record_json, native, native_type, content_hash, harvested_at, updated_at, withdrawn_at, asset_type, change_seq)
    SELECT ordinal, id, source_id, record_json, native, native_type, content_hash, harvested_at, updated_at, withdrawn_at, asset_type, ordinal FROM assets;
DROP TABLE assets;
ALTER TABLE assets_next RENAME TO assets;
CREATE INDEX assets_source ON assets(source_id);
CREATE INDEX assets_doi ON assets(lower(json_extract(record_json, '$.doi')));
CREATE UNIQUE INDEX assets_change_seq ON assets(change_seq);

-- The last number given, read and advanced inside each writing transaction; and the catalogue's
-- identity, so an index built from another catalogue file is recognised and rebuilt.
CREATE TABLE catalog_sequence (value INTEGER NOT NULL, catalog_id TEXT NOT NULL);
INSERT INTO catalog_sequence (value, catalog_id) SELECT coalesce(max(ordinal), 0), lower(hex(randomblob(16))) FROM assets;

-- Assets removed for good, so a follower that held them learns they are gone.
CREATE TABLE removed_assets (
    change_seq INTEGER PRIMARY KEY,
    id         TEXT NOT NULL,
    ordinal    INTEGER NOT NULL
);
