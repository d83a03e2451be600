-- Records are kept packed (Catalog/StoredRecord.cs: a format byte, then Brotli-compressed JSON), about half
-- their JSON's size (PostgreSQL compresses only values over about 2 kB, and a record is less), and what
-- queries looked up inside the JSON gets a column of its own: the lower-case DOI (a registered record's
-- harvested twin is found by it) and the domain (OAI-PMH sets). The content hash is kept as its 32 bytes
-- rather than 64 hex digits.
--
-- Each record's JSON is first copied as it is: a value starting with '{' is plain JSON to StoredRecord, so
-- every row reads right after this script alone. The code step the database runs after it in the same
-- transaction (PostgreSqlDatabase.Steps: StoredRecord.PackAll) then packs the rows in batches, so the
-- catalogue is whole either before or after the change, on every node.
ALTER TABLE assets ADD COLUMN record bytea, ADD COLUMN doi text, ADD COLUMN domain text;
UPDATE assets SET record = convert_to(record_json, 'UTF8'), doi = lower((record_json::jsonb) ->> 'doi'),
    domain = coalesce((record_json::jsonb) ->> 'domain', 'Space Science');
ALTER TABLE assets ALTER COLUMN record SET NOT NULL, ALTER COLUMN domain SET NOT NULL;
ALTER TABLE assets ALTER COLUMN content_hash TYPE bytea USING decode(content_hash, 'hex');
DROP INDEX assets_doi;
ALTER TABLE assets DROP COLUMN record_json;
CREATE INDEX assets_doi ON assets (doi);
