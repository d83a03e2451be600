-- Baskets: selections a researcher gathers across searches, sources and missions.
CREATE TABLE baskets (
    id          TEXT PRIMARY KEY,            -- 128 random bits, base64url: whoever holds the id holds the basket
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE basket_items (
    basket_id   TEXT NOT NULL REFERENCES baskets(id) ON DELETE CASCADE,
    asset_id    TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (basket_id, asset_id)
);
