-- A harvest run is recorded when it starts (status running, with the lease it holds) and its counts move
-- with every page it commits, in the page's own transaction. A run whose lease is gone, taken by another
-- run, or stale (its process dead or silent) is marked interrupted, keeping the counts it had reached.
-- While a run runs, finished_at is the time of its last committed page.
ALTER TABLE harvest_leases ADD COLUMN token TEXT;      -- made new by each holder, so a lease taken over is told from the one before
ALTER TABLE harvest_runs ADD COLUMN holder_host TEXT;
ALTER TABLE harvest_runs ADD COLUMN holder_pid INTEGER;
ALTER TABLE harvest_runs ADD COLUMN lease_token TEXT;
CREATE INDEX harvest_runs_running ON harvest_runs(source_id) WHERE status = 'running';
