-- Bulk cancellations: a job names many orders (or a selection resolved when it is accepted); each
-- order is a row of its own, worked in its own transaction by any instance's bulk worker, claimed
-- with FOR UPDATE SKIP LOCKED like the actions queue. An order's row and the engine's cancel commit
-- together, so a crash leaves it QUEUED and a resumed job carries on without doing anything twice.

create table bulk_jobs (
    tenant_id        uuid        not null,
    job_id           uuid        not null,
    requested_by     uuid        not null,
    requested_role   text        not null,
    status           text        not null check (status in ('RUNNING', 'CANCELLED')),
    reason           text        not null,
    note             text,
    restock          boolean     not null default true,
    idempotency_key  text,
    request_hash     text        not null,
    selection        jsonb,
    total            int         not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    primary key (tenant_id, job_id),
    foreign key (tenant_id, requested_by) references parties
);
create unique index bulk_jobs_by_idempotency_key
    on bulk_jobs (tenant_id, requested_by, idempotency_key) where idempotency_key is not null;
create index bulk_jobs_by_requester on bulk_jobs (tenant_id, requested_by, created_at);

-- lines: [{lineId | lineNumber | position, quantity}] as named; null for every open line of the
-- order (a selection names its lines by id). order_id is null when the order named could not be
-- found for the caller (the row is then REFUSED not-found from the start).
create table bulk_job_orders (
    tenant_id        uuid        not null,
    job_id           uuid        not null,
    seq              int         not null,
    order_id         uuid,
    order_number     bigint,
    lines            jsonb,
    status           text        not null check (status in
                         ('QUEUED', 'APPLIED', 'REFUSED', 'PENDING_APPROVAL', 'SKIPPED', 'FAILED')),
    cancellation_id  uuid,
    units            bigint      not null default 0,
    refusals         jsonb       not null default '[]',
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    finished_at      timestamptz,
    primary key (tenant_id, job_id, seq),
    foreign key (tenant_id, job_id) references bulk_jobs
);
-- The workers' queue: queued rows, the oldest job's first, each job in its own order.
create index bulk_job_orders_queued on bulk_job_orders (next_attempt_at, seq) where status = 'QUEUED';
