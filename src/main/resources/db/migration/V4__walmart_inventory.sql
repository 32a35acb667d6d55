-- Credentials of parties that sign their requests (Walmart-style consumers): a consumer id, a
-- channel type and an RSA public key; for the token flow a client id and the SHA-256 of its
-- secret. Consumer ids and client ids are looked up before the tenant is known, so they are
-- unique across tenants.
create table consumer_credentials (
    tenant_id           uuid        not null,
    consumer_id         text        not null,
    party_id            uuid        not null,
    channel_type        text        not null,
    public_key          text        not null,
    client_id           text        not null,
    client_secret_hash  text        not null,
    created_at          timestamptz not null default now(),
    primary key (tenant_id, consumer_id),
    foreign key (tenant_id, party_id) references parties
);
create unique index consumer_credentials_by_consumer on consumer_credentials (consumer_id);
create unique index consumer_credentials_by_client on consumer_credentials (client_id);

-- Short-lived access tokens of the token flow; only their SHA-256 is stored.
create table access_tokens (
    tenant_id    uuid        not null,
    token_hash   text        not null,
    consumer_id  text        not null,
    expires_at   timestamptz not null,
    primary key (tenant_id, token_hash),
    foreign key (tenant_id, consumer_id) references consumer_credentials
);
create unique index access_tokens_by_hash on access_tokens (token_hash);

-- Stock a seller has available to sell, per SKU.
create table inventory (
    tenant_id   uuid        not null,
    seller_id   uuid        not null,
    sku         text        not null,
    available   bigint      not null check (available >= 0),
    updated_at  timestamptz not null default now(),
    version     bigint      not null default 0,
    primary key (tenant_id, seller_id, sku),
    foreign key (tenant_id, seller_id) references parties
);
