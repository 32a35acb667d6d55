-- Other systems' identifiers of orders and lines, per channel (a platform, or the tenant's ERP).
-- An order's reference (scope_id: the nil UUID) is unique per tenant and channel; a line's
-- (scope_id: its order) per order and channel, as positions repeat from order to order.
create table external_references (
    tenant_id    uuid not null,
    channel      text not null,
    scope_id     uuid not null,
    external_id  text not null,
    target_id    uuid not null,
    order_id     uuid not null,
    primary key (tenant_id, channel, scope_id, external_id),
    foreign key (tenant_id, order_id) references purchase_orders
);
create index external_references_of_order on external_references (tenant_id, order_id);

-- A party's identifier in another system (Tradecloud's account numbers), unique per tenant and channel.
create table party_references (
    tenant_id    uuid not null,
    channel      text not null,
    external_id  text not null,
    party_id     uuid not null,
    primary key (tenant_id, channel, external_id),
    foreign key (tenant_id, party_id) references parties
);
create index party_references_of_party on party_references (tenant_id, party_id);
