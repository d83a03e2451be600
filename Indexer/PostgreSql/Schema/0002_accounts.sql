-- Accounts, API keys and the audit log of every change made through them.
CREATE TABLE users (
    name           text PRIMARY KEY,
    password_hash  text NOT NULL,
    role           text NOT NULL,
    sources_json   text NOT NULL DEFAULT '[]',
    missions_json  text NOT NULL DEFAULT '[]',
    created_at     text NOT NULL
);

CREATE TABLE api_keys (
    id             text PRIMARY KEY,
    user_name      text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    secret_sha256  text NOT NULL,
    label          text NOT NULL,
    scopes         text NOT NULL,
    created_at     text NOT NULL,
    revoked_at     text,
    last_used_at   text
);
CREATE INDEX api_keys_user ON api_keys (user_name);

CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             text NOT NULL,
    actor          text NOT NULL,
    action         text NOT NULL,
    target         text NOT NULL,
    before_json    text,
    after_json     text
);
CREATE INDEX audit_by_target ON audit_log (target);
