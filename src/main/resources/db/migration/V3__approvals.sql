-- Counterparty approval of cancels: a seller's policy may say, per side and line status, that a
-- cancel is only a request until the other side accepts or rejects it; undecided requests expire.

alter table cancellation_policies
    add column buyer_needs_approval   text[]   not null default '{}',
    add column seller_needs_approval  text[]   not null default '{}',
    add column pending_ttl_seconds    bigint   not null default 604800 check (pending_ttl_seconds >= 1),
    add column on_expiry              text     not null default 'REJECT' check (on_expiry in ('ACCEPT', 'REJECT'));

-- decider_id: the party whose decision a pending request awaits (the requester's counterparty);
-- on_expiry is the policy's outcome, fixed when the request was made.
alter table cancellations
    add column decider_id  uuid,
    add column expires_at  timestamptz,
    add column on_expiry   text check (on_expiry in ('ACCEPT', 'REJECT')),
    add column decided_by  uuid,
    add column decided_at  timestamptz;

create index cancellations_pending_due
    on cancellations (expires_at) where status = 'PENDING';
create index cancellations_pending_by_decider
    on cancellations (tenant_id, decider_id, created_at) where status = 'PENDING';
