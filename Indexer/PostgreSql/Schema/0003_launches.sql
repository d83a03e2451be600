-- Data manifests, launches and baskets: shared by every node, so a basket or a manifest link works on any.
CREATE TABLE manifests (
    id            text PRIMARY KEY,
    created_at    text NOT NULL,
    manifest_json text NOT NULL
);

CREATE TABLE launches (
    id            text PRIMARY KEY,
    manifest_id   text NOT NULL REFERENCES manifests (id),
    tool_id       text NOT NULL,
    facility_id   text NOT NULL,
    user_name     text,
    status        text NOT NULL,
    session_url   text,
    error         text,
    started_at    text NOT NULL,
    ready_ms      bigint
);
CREATE INDEX launches_by_user ON launches (user_name, started_at);

CREATE TABLE baskets (
    id          text PRIMARY KEY,
    created_at  text NOT NULL,
    updated_at  text NOT NULL
);

CREATE TABLE basket_items (
    basket_id   text NOT NULL REFERENCES baskets (id) ON DELETE CASCADE,
    asset_id    text NOT NULL,
    added_at    text NOT NULL,
    position    bigint GENERATED ALWAYS AS IDENTITY,  -- the order of items added at one time
    PRIMARY KEY (basket_id, asset_id)
);

CREATE TABLE user_baskets (
    user_name   text PRIMARY KEY REFERENCES users (name) ON DELETE CASCADE,
    basket_id   text NOT NULL REFERENCES baskets (id)
);
