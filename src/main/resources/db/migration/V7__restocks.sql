-- What the inventory module gave back to stock for each cancelled line, so that reverting the
-- cancel takes exactly those units out again. A row is closed (taken_back_at) once a revert has
-- taken its units back; a later cancel of the same line restocks into a new row.
create table inventory_restocks (
    tenant_id        uuid        not null,
    restock_id       bigint      generated always as identity,
    order_id         uuid        not null,
    line_id          uuid        not null,
    cancellation_id  uuid        not null,
    seller_id        uuid        not null,
    sku              text        not null,
    quantity         bigint      not null check (quantity >= 1),
    restocked_at     timestamptz not null default now(),
    taken_back_at    timestamptz,
    primary key (tenant_id, restock_id),
    foreign key (tenant_id, seller_id, sku) references inventory
);
create index inventory_restocks_open_by_line
    on inventory_restocks (tenant_id, line_id) where taken_back_at is null;
