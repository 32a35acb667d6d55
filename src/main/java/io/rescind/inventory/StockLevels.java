package io.rescind.inventory;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stock rows in PostgreSQL; every change is one statement, so concurrent ones add up exactly. */
@Repository
class StockLevels {

    private static final RowMapper<Stock> STOCK = (rs, n) -> new Stock(
            rs.getObject("seller_id", UUID.class),
            rs.getString("sku"),
            rs.getLong("available"),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stock> find(UUID tenantId, UUID sellerId, String sku) {
        return jdbc.sql("select * from inventory where tenant_id = :tenant and seller_id = :seller and sku = :sku")
                .param("tenant", tenantId)
                .param("seller", sellerId)
                .param("sku", sku)
                .query(STOCK)
                .optional();
    }

    Stock set(UUID tenantId, UUID sellerId, String sku, long available) {
        return jdbc.sql("""
                        insert into inventory (tenant_id, seller_id, sku, available, updated_at)
                        values (:tenant, :seller, :sku, :available, now())
                        on conflict (tenant_id, seller_id, sku)
                        do update set available = excluded.available, updated_at = now(),
                            version = inventory.version + 1
                        returning *
                        """)
                .param("tenant", tenantId)
                .param("seller", sellerId)
                .param("sku", sku)
                .param("available", available)
                .query(STOCK)
                .single();
    }

    /** Adds units to a SKU the seller keeps stock of; empty when it keeps none. */
    Optional<Stock> add(UUID tenantId, UUID sellerId, String sku, long units) {
        return jdbc.sql("""
                        update inventory set available = available + :units, updated_at = now(), version = version + 1
                        where tenant_id = :tenant and seller_id = :seller and sku = :sku
                        returning *
                        """)
                .param("tenant", tenantId)
                .param("seller", sellerId)
                .param("sku", sku)
                .param("units", units)
                .query(STOCK)
                .optional();
    }
}
