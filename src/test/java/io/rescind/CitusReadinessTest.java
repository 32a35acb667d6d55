package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The schema can be distributed by tenant (Citus, docs/deploy/scale-out.md): every table has a
 * {@code tenant_id}, and every primary key, unique key and foreign key includes it, so each
 * tenant's rows live, and are checked, on one node. Read from PostgreSQL's catalog after the
 * migrations, so a new table or key that breaks the rule fails here.
 */
class CitusReadinessTest extends ApiTest {

    /**
     * Tables that would not be distributed by tenant: the operational state of the instances
     * (token buckets of the rate limits, Walmart signatures seen within the clock window). Short-lived
     * rows written beside the tenant's data, never joined with it; on Citus they stay local tables of
     * the coordinator (scale-out.md).
     */
    private static final Set<String> REFERENCE_TABLES = Set.of("rate_buckets", "seen_signatures");

    /**
     * Unique keys across tenants, on purpose: a credential (API key, Walmart consumer, OAuth client,
     * token) is looked up before the tenant is known, and the lookup finds the tenant. On Citus
     * each moves to a reference table mapping the credential to its tenant (scale-out.md).
     */
    private static final Set<String> GLOBAL_LOOKUPS = Set.of(
            "api_keys_by_hash",
            "consumer_credentials_by_consumer",
            "consumer_credentials_by_client",
            "access_tokens_by_hash",
            // A tenant's name is unique across tenants: the administrator, above them, names them.
            "tenants_by_name");

    private static final Set<String> NOT_OURS = Set.of("flyway_schema_history");

    record Key(
            String table,
            String name,
            String kind,
            List<String> columns,
            String references,
            List<String> referencedColumns) {}

    @Test
    void everyTenantTableHasTenantId() {
        var withoutTenant = jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind in ('r', 'p')
                          and not exists (select 1 from pg_attribute a
                                          where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
                        order by 1
                        """).query(String.class).list().stream()
                .filter(table -> !NOT_OURS.contains(table) && !REFERENCE_TABLES.contains(table))
                .toList();
        assertThat(withoutTenant)
                .as("tables without tenant_id that are not reference tables")
                .isEmpty();
    }

    @Test
    void everyKeyOfATenantTableIncludesTenantId() {
        var keys = keys();
        assertThat(keys).as("keys found in the catalog").hasSizeGreaterThan(20);
        var offending = keys.stream()
                .filter(key -> !NOT_OURS.contains(key.table()) && !REFERENCE_TABLES.contains(key.table()))
                .filter(key -> !GLOBAL_LOOKUPS.contains(key.name()))
                .filter(key -> !key.columns().contains("tenant_id")
                        || (key.kind().equals("foreign key")
                                && !REFERENCE_TABLES.contains(key.references())
                                && key.columns().indexOf("tenant_id") != -1
                                && !"tenant_id"
                                        .equals(key.referencedColumns()
                                                .get(key.columns().indexOf("tenant_id")))))
                .map(key -> key.kind() + " " + key.name() + " on " + key.table() + key.columns())
                .toList();
        assertThat(offending)
                .as("primary, unique and foreign keys without tenant_id (or not joining tenant_id to tenant_id)")
                .isEmpty();
    }

    @Test
    void theGlobalLookupsAreStillTheOnesListed() {
        // If one of them gains tenant_id or disappears, the list (and scale-out.md) must shrink.
        var global = keys().stream()
                .filter(key -> !REFERENCE_TABLES.contains(key.table()))
                .filter(key -> !key.columns().contains("tenant_id"))
                .map(Key::name)
                .toList();
        assertThat(global).containsExactlyInAnyOrderElementsOf(GLOBAL_LOOKUPS);
    }

    private List<Key> keys() {
        var constraints = jdbc.sql("""
                        select c.conrelid::regclass::text as tbl, c.conname as name,
                               case c.contype when 'p' then 'primary key' when 'u' then 'unique key' else 'foreign key' end as kind,
                               array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, i)
                                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.i) as cols,
                               c.confrelid::regclass::text as ref,
                               array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, i)
                                     join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.i) as refcols
                        from pg_constraint c join pg_namespace n on n.oid = c.connamespace
                        where n.nspname = current_schema() and c.contype in ('p', 'u', 'f')
                        """)
                .query((rs, n) -> new Key(
                        rs.getString("tbl"),
                        rs.getString("name"),
                        rs.getString("kind"),
                        List.of((String[]) rs.getArray("cols").getArray()),
                        rs.getString("ref"),
                        List.of((String[]) rs.getArray("refcols").getArray())))
                .list();
        var uniqueIndexes = jdbc.sql("""
                        select i.indrelid::regclass::text as tbl, ci.relname as name,
                               array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, o)
                                     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.o) as cols
                        from pg_index i join pg_class ci on ci.oid = i.indexrelid
                        join pg_namespace n on n.oid = ci.relnamespace
                        where n.nspname = current_schema() and i.indisunique
                          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
                        """)
                .query((rs, n) -> new Key(
                        rs.getString("tbl"),
                        rs.getString("name"),
                        "unique index",
                        List.of((String[]) rs.getArray("cols").getArray()),
                        null,
                        List.of()))
                .list();
        var all = new java.util.ArrayList<>(constraints);
        all.addAll(uniqueIndexes);
        return all.stream().filter(key -> !NOT_OURS.contains(key.table())).toList();
    }
}
