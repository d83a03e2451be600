-- The catalogue: one row per asset, the source of truth. Withdrawn rows are kept for the record.
CREATE TABLE assets (
    ordinal        INTEGER PRIMARY KEY,          -- dense document number used by the index and facets
    id             TEXT NOT NULL UNIQUE,         -- <source>:<native id>
    source_id      TEXT NOT NULL,
    record_json    TEXT NOT NULL,                -- the normalised AssetRecord
    native         TEXT,                         -- the source's own record, for provenance
    native_type    TEXT,
    content_hash   TEXT NOT NULL,
    harvested_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    withdrawn_at   TEXT,
    -- resident fields: loaded into memory for facets, filters and sorting
    domain         TEXT,
    mission        TEXT,
    mission_family TEXT,
    asset_type     TEXT NOT NULL,
    instruments    TEXT NOT NULL,                -- unit-separator (0x1F) joined lists
    product_types  TEXT NOT NULL,
    wavebands      TEXT NOT NULL,
    formats        TEXT NOT NULL,
    ra REAL, dec REAL, radius REAL,
    west REAL, south REAL, east REAL, north REAL,
    t_start REAL, t_end REAL,                     -- unix seconds
    newest REAL,                                  -- unix seconds of the record's own date, for "newest"
    title_sort     TEXT NOT NULL,
    -- text fields: what the full-text index holds, per weighted column
    t_title TEXT NOT NULL, t_keywords TEXT NOT NULL, t_mission TEXT NOT NULL, t_instrument TEXT NOT NULL,
    t_author TEXT NOT NULL, t_description TEXT NOT NULL, t_doi TEXT NOT NULL
);
CREATE INDEX assets_source ON assets(source_id);
CREATE INDEX assets_title_sort ON assets(title_sort);

-- Full-text index over the text fields. External content: the text lives once, in assets.
-- SqliteCatalogStore writes it in the same transaction as the row (not by trigger: FTS5 inside a
-- trigger flushes its pending terms on every row, which made bulk loads three times slower).
-- Column names match the text columns of assets, which FTS5 reads for snippets and highlights.
CREATE VIRTUAL TABLE asset_text USING fts5(
    t_title, t_keywords, t_mission, t_instrument, t_author, t_description, t_doi,
    content='assets', content_rowid='ordinal',
    tokenize='porter unicode61 remove_diacritics 2'
);

-- Where each source's harvest got to, so a harvest resumes instead of starting over.
CREATE TABLE checkpoints (
    source_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_id, name)
);
