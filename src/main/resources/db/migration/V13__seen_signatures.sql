-- Walmart-style signatures seen within the clock window: a signature is a one-time proof, so the
-- same signed request sent again (a replay) is refused. Shared by every instance; rows are deleted
-- once their timestamp is outside the window.
create table seen_signatures (
    digest     bytea       primary key,
    expires_at timestamptz not null
);

create index seen_signatures_expiry on seen_signatures (expires_at);
