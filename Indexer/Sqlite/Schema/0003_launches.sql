-- Data manifests (immutable selections handed to a session) and the history of launches.
CREATE TABLE manifests (
    id            TEXT PRIMARY KEY,          -- 128 random bits, base64url: the manifest URL is the capability
    created_at    TEXT NOT NULL,
    manifest_json TEXT NOT NULL
);

CREATE TABLE launches (
    id            TEXT PRIMARY KEY,
    manifest_id   TEXT NOT NULL REFERENCES manifests(id),
    tool_id       TEXT NOT NULL,
    facility_id   TEXT NOT NULL,
    user_name     TEXT,
    status        TEXT NOT NULL,             -- started, failed
    session_url   TEXT,                      -- without the user's token
    error         TEXT,
    started_at    TEXT NOT NULL,
    ready_ms      INTEGER
);
CREATE INDEX launches_by_time ON launches(started_at);
