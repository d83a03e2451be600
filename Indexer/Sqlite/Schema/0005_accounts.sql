-- Accounts, API keys and the audit log of every change made through them.
CREATE TABLE users (
    name           TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,            -- ASP.NET Core Identity's PasswordHasher (PBKDF2)
    role           TEXT NOT NULL,            -- administrator, curator, researcher
    sources_json   TEXT NOT NULL DEFAULT '[]',  -- a curator's sources
    missions_json  TEXT NOT NULL DEFAULT '[]',  -- a curator's missions
    created_at     TEXT NOT NULL
);

CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY,         -- public part of the key, shown in lists
    user_name      TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    secret_sha256  TEXT NOT NULL,            -- the key itself is shown once and never stored
    label          TEXT NOT NULL,
    scopes         TEXT NOT NULL,            -- space-separated: assets:write sources:write
    created_at     TEXT NOT NULL,
    revoked_at     TEXT,
    last_used_at   TEXT
);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    target         TEXT NOT NULL,
    before_json    TEXT,
    after_json     TEXT
);
CREATE INDEX audit_by_target ON audit_log(target);
