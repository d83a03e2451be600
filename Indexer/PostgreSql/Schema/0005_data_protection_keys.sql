-- ASP.NET Core Data Protection's key ring (sign-in cookies, antiforgery tokens): one ring for every node,
-- so a cookie or token made on one node is read on any.
CREATE TABLE data_protection_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    xml         text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
