-- ASP.NET Core Data Protection's key ring (sign-in cookies, antiforgery tokens), kept with the catalogue
-- rather than in the account's home folder, so it survives a new machine and is shared where the catalogue is.
CREATE TABLE data_protection_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,        -- the key's friendly name (key-<guid>)
    xml         TEXT NOT NULL,               -- the key element as Data Protection wrote it
    created_at  TEXT NOT NULL
);
