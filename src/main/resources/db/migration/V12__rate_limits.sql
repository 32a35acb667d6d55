-- Token buckets shared by every instance: one row per caller (party) and one per tenant, taken
-- from and refilled in a single statement (io.rescind.parties.RateLimits). capacity and per_second
-- follow the configuration; an operator may set a bucket's overrides to give one caller or tenant
-- other limits than everyone else.
create table rate_buckets (
    bucket               text             primary key,
    capacity             double precision not null,
    per_second           double precision not null,
    tokens               double precision not null,
    granted              boolean          not null,
    refreshed_at         timestamptz      not null,
    capacity_override    double precision check (capacity_override > 0),
    per_second_override  double precision check (per_second_override > 0)
);
