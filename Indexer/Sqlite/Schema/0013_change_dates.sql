-- Harvesters that ask what changed in a time window (OAI-PMH's from and until) read assets in the order of
-- their last change, withdrawn ones included, and resume after the last (time, id) they were given.
CREATE INDEX assets_updated ON assets(updated_at, id);
