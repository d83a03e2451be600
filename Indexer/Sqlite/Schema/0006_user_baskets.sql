-- The basket of each signed-in account, whatever browser it signs in from.
CREATE TABLE user_baskets (
    user_name   TEXT PRIMARY KEY REFERENCES users(name) ON DELETE CASCADE,
    basket_id   TEXT NOT NULL REFERENCES baskets(id)
);
