-- The rate limits' buckets are taken from on every authenticated request. Their rows need no
-- crash safety (after a crash every bucket simply starts full again), so they skip the
-- write-ahead log: a request's bucket update then costs no WAL flush at its commit.
alter table rate_buckets set unlogged;
