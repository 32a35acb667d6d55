-- Rescind core schema. Every table leads its primary key with tenant_id so that the schema
-- can be distributed by tenant (Citus) without rewrites.

create table tenants (
    tenant_id          uuid        not null,
    name               text        not null,
    last_order_number  bigint      not null default 0,
    created_at         timestamptz not null default now(),
    primary key (tenant_id)
);

create table parties (
    tenant_id   uuid        not null references tenants,
    party_id    uuid        not null,
    name        text        not null,
    role        text        not null check (role in ('BUYER', 'SELLER', 'OPERATOR')),
    created_at  timestamptz not null default now(),
    primary key (tenant_id, party_id)
);

-- Keys are random 256-bit secrets; only their SHA-256 is stored.
create table api_keys (
    tenant_id   uuid        not null,
    key_id      uuid        not null,
    party_id    uuid        not null,
    key_hash    text        not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz,
    primary key (tenant_id, key_id),
    foreign key (tenant_id, party_id) references parties
);
create unique index api_keys_by_hash on api_keys (key_hash);

-- Per-seller overrides of the default cancellation policy.
create table cancellation_policies (
    tenant_id              uuid        not null,
    seller_id              uuid        not null,
    buyer_may_cancel       text[]      not null,
    seller_may_cancel      text[]      not null,
    updated_at             timestamptz not null default now(),
    primary key (tenant_id, seller_id),
    foreign key (tenant_id, seller_id) references parties
);

create table purchase_orders (
    tenant_id           uuid        not null,
    order_id            uuid        not null,
    order_number        bigint      not null,
    buyer_order_number  text        not null,
    buyer_id            uuid        not null,
    seller_id           uuid        not null,
    currency            char(3)     not null,
    request_hash        text        not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0,
    primary key (tenant_id, order_id),
    unique (tenant_id, order_number),
    unique (tenant_id, buyer_id, buyer_order_number),
    foreign key (tenant_id, buyer_id) references parties,
    foreign key (tenant_id, seller_id) references parties
);
create index purchase_orders_by_seller on purchase_orders (tenant_id, seller_id, order_number);

-- Quantities are whole units. Money is numeric at the currency's scale; taxes are
-- [{code, amount, cancelled}] so one row update moves every amount of a cancel.
create table order_lines (
    tenant_id                 uuid        not null,
    order_id                  uuid        not null,
    line_id                   uuid        not null,
    line_number               int         not null check (line_number >= 1),
    position                  text        not null,
    product_id                text        not null,
    description               text,
    quantity                  bigint      not null check (quantity >= 1),
    shipped_quantity          bigint      not null default 0,
    cancelled_quantity        bigint      not null default 0,
    pending_cancel_quantity   bigint      not null default 0,
    unit_price                numeric(19, 4) not null check (unit_price >= 0),
    cancelled_price           numeric(19, 4) not null default 0,
    shipping_price            numeric(19, 4) not null default 0 check (shipping_price >= 0),
    cancelled_shipping_price  numeric(19, 4) not null default 0,
    taxes                     jsonb       not null default '[]',
    shipping_taxes            jsonb       not null default '[]',
    status                    text        not null,
    version                   bigint      not null default 0,
    primary key (tenant_id, order_id, line_id),
    unique (tenant_id, order_id, line_number),
    unique (tenant_id, order_id, position),
    foreign key (tenant_id, order_id) references purchase_orders,
    check (shipped_quantity + cancelled_quantity + pending_cancel_quantity <= quantity),
    check (shipped_quantity >= 0 and cancelled_quantity >= 0 and pending_cancel_quantity >= 0)
);
create unique index order_lines_by_id on order_lines (tenant_id, line_id);

create table cancellations (
    tenant_id        uuid        not null,
    cancellation_id  uuid        not null,
    order_id         uuid        not null,
    requested_by     uuid        not null,
    status           text        not null,
    reason           text        not null,
    note             text,
    idempotency_key  text,
    request_hash     text,
    lines            jsonb       not null,
    refusals         jsonb       not null default '[]',
    created_at       timestamptz not null,
    primary key (tenant_id, cancellation_id),
    foreign key (tenant_id, order_id) references purchase_orders
);
create index cancellations_by_order on cancellations (tenant_id, order_id, created_at);
create unique index cancellations_by_idempotency_key
    on cancellations (tenant_id, requested_by, idempotency_key) where idempotency_key is not null;

create table order_history (
    tenant_id   uuid        not null,
    entry_id    bigint      generated always as identity,
    order_id    uuid        not null,
    at          timestamptz not null,
    actor       uuid,
    type        text        not null,
    detail      jsonb       not null,
    primary key (tenant_id, entry_id)
);
create index order_history_by_order on order_history (tenant_id, order_id, entry_id);

create table outbox (
    tenant_id     uuid        not null,
    event_id      uuid        not null,
    position      bigint      generated always as identity,
    type          text        not null,
    order_id      uuid,
    payload       jsonb       not null,
    occurred_at   timestamptz not null,
    published_at  timestamptz,
    primary key (tenant_id, event_id)
);
create index outbox_unpublished on outbox (position) where published_at is null;
