-- Sources registered by archive teams (ids compare without case), and the curated fields laid over assets.
CREATE TABLE sources (
    id               text NOT NULL,
    definition_json  text NOT NULL,
    owner            text NOT NULL,
    created_at       text NOT NULL,
    probe_json       text
);
CREATE UNIQUE INDEX sources_id ON sources (lower(id));

CREATE TABLE curations (
    registered_id  text PRIMARY KEY,
    asset_id       text NOT NULL UNIQUE,
    doi            text,
    fields_json    text NOT NULL,
    base_json      text,
    curator        text NOT NULL,
    updated_at     text NOT NULL
);
CREATE INDEX curations_doi ON curations (doi);
