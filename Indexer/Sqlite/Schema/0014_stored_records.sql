-- Records are kept packed (Catalog/StoredRecord.cs: a format byte, then Brotli-compressed JSON), about half
-- their JSON's size, and what queries looked up inside the JSON gets a column of its own: the lower-case DOI
-- (a registered record's harvested twin is found by it) and the domain (OAI-PMH sets). The content hash is
-- kept as its 32 bytes rather than 64 hex digits.
--
-- Each record's JSON is first copied as it is: a value starting with '{' is plain JSON to StoredRecord, so
-- every row reads right after this script alone. SQLite cannot compress in SQL; the code step the database
-- runs after this script in the same transaction (SqliteDatabase.Steps: StoredRecord.PackAll) then packs
-- the rows in batches, so a catalogue is whole either before or after the change. The pages the plain JSON
-- freed are reused as the catalogue grows; VACUUM gives them back to the disk at once.
ALTER TABLE assets ADD COLUMN record BLOB NOT NULL DEFAULT X'';   -- the normalised AssetRecord, as StoredRecord keeps it
ALTER TABLE assets ADD COLUMN doi TEXT;                           -- the record's DOI, lower case
ALTER TABLE assets ADD COLUMN domain TEXT NOT NULL DEFAULT '';    -- the record's domain
UPDATE assets SET record = CAST(record_json AS BLOB), doi = lower(json_extract(record_json, '$.doi')),
    domain = coalesce(json_extract(record_json, '$.domain'), 'Space Science');
ALTER TABLE assets ADD COLUMN hash BLOB NOT NULL DEFAULT X'';     -- SHA-256 of the record's content JSON
UPDATE assets SET hash = unhex(content_hash);
ALTER TABLE assets DROP COLUMN content_hash;
ALTER TABLE assets RENAME COLUMN hash TO content_hash;
DROP INDEX assets_doi;
ALTER TABLE assets DROP COLUMN record_json;
CREATE INDEX assets_doi ON assets(doi);
