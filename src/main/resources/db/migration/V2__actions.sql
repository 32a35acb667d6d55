-- Asynchronous actions: a request accepted now and carried out by whichever app instance claims
-- it first (FOR UPDATE SKIP LOCKED). The command is stored as JSON so an action outlives the
-- instance that accepted it.
create table actions (
    tenant_id        uuid        not null,
    action_id        uuid        not null,
    type             text        not null,
    requested_by     uuid        not null,
    requested_role   text        not null,
    order_id         uuid        not null,
    command          jsonb       not null,
    status           text        not null check (status in ('PENDING', 'SUCCESS', 'FAILED')),
    errors           jsonb       not null default '[]',
    result           jsonb,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    primary key (tenant_id, action_id),
    foreign key (tenant_id, requested_by) references parties,
    foreign key (tenant_id, order_id) references purchase_orders
);
-- The workers' queue: only pending rows, in the order they become due.
create index actions_due on actions (next_attempt_at) where status = 'PENDING';
create index actions_by_order on actions (tenant_id, order_id, created_at);
