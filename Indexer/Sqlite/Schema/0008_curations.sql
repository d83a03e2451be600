-- Curated fields: what an archive team registered, laid over the asset it describes. When a registered
-- record and a harvested one share a DOI they are one asset (the harvested id), and these fields win.
CREATE TABLE curations (
    registered_id  TEXT PRIMARY KEY,         -- the id the team registered the record under
    asset_id       TEXT NOT NULL UNIQUE,     -- the asset the fields apply to (the registered id itself until a twin is harvested)
    doi            TEXT,                     -- lower-case DOI, to find the harvested twin
    fields_json    TEXT NOT NULL,            -- the curated fields, in the record's JSON shape
    base_json      TEXT,                     -- the harvested record as its source last gave it, to fall back on
    curator        TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX curations_doi ON curations(doi);
CREATE INDEX assets_doi ON assets(lower(json_extract(record_json, '$.doi')));
