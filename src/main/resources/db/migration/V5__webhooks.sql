-- Events out: webhook subscriptions, one delivery row per (subscription, event), and every
-- attempt made. Deliveries are claimed with FOR UPDATE SKIP LOCKED and a lease, so any number
-- of app instances can work them.

-- The relay takes the oldest unpublished event of each order first.
create index outbox_unpublished_by_order on outbox (order_id, position) where published_at is null;

create table webhook_subscriptions (
    tenant_id        uuid        not null,
    subscription_id  uuid        not null,
    party_id         uuid        not null,
    party_role       text        not null,
    url              text        not null,
    event_types      text[]      not null,
    flavour          text        not null check (flavour in ('canonical', 'tradecloud')),
    -- The signing secret has to be readable to sign with it: it is the receiver's shared key.
    secret           text        not null,
    active           boolean     not null default true,
    created_at       timestamptz not null default now(),
    primary key (tenant_id, subscription_id),
    foreign key (tenant_id, party_id) references parties
);
create index webhook_subscriptions_active on webhook_subscriptions (tenant_id) where active;

create table webhook_deliveries (
    tenant_id        uuid        not null,
    delivery_id      uuid        not null,
    subscription_id  uuid        not null,
    event_id         uuid        not null,
    position         bigint      not null,
    order_id         uuid,
    type             text        not null,
    body             text        not null,
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    created_at       timestamptz not null default now(),
    delivered_at     timestamptz,
    primary key (tenant_id, delivery_id),
    unique (tenant_id, subscription_id, event_id),
    foreign key (tenant_id, subscription_id) references webhook_subscriptions
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at, position) where status = 'PENDING';
create index webhook_deliveries_by_subscription on webhook_deliveries (tenant_id, subscription_id, status, position);

create table webhook_attempts (
    tenant_id     uuid        not null,
    attempt_id    bigint      generated always as identity,
    delivery_id   uuid        not null,
    attempt       int         not null,
    at            timestamptz not null,
    status_code   int,
    latency_ms    bigint      not null,
    error         text,
    primary key (tenant_id, attempt_id),
    foreign key (tenant_id, delivery_id) references webhook_deliveries
);
create index webhook_attempts_by_delivery on webhook_attempts (tenant_id, delivery_id, attempt_id);
