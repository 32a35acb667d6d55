-- Tenants are created through the administration API by name: one name, one tenant.
create unique index tenants_by_name on tenants (lower(name));
