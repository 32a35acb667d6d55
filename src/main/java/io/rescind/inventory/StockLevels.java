package io.rescind.inventory;

import java.time.OffsetDateTime;
import java.util.List;
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

    /** Units of one SKU given back for one line and not taken back yet. */
    record Restocked(UUID lineId, String sku, long quantity) {}

    void recordRestock(
            UUID tenantId, UUID orderId, UUID lineId, UUID cancellationId, UUID sellerId, String sku, long units) {
        jdbc.sql("""
                        insert into inventory_restocks (tenant_id, order_id, line_id, cancellation_id, seller_id, sku,
                            quantity)
                        values (:tenant, :order, :line, :cancellation, :seller, :sku, :units)
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .param("line", lineId)
                .param("cancellation", cancellationId)
                .param("seller", sellerId)
                .param("sku", sku)
                .param("units", units)
                .update();
    }

    /** What was restocked for these lines and not taken back, per line and SKU. */
    List<Restocked> openRestocks(UUID tenantId, List<UUID> lineIds) {
        return jdbc.sql("""
                        select line_id, sku, sum(quantity) as quantity from inventory_restocks
                        where tenant_id = :tenant and line_id = any(cast(:lines as uuid[])) and taken_back_at is null
                        group by line_id, sku
                        order by line_id, sku
                        """)
                .param("tenant", tenantId)
                .param("lines", lineIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) ->
                        new Restocked(rs.getObject("line_id", UUID.class), rs.getString("sku"), rs.getLong("quantity")))
                .list();
    }

    void closeRestocks(UUID tenantId, List<UUID> lineIds) {
        jdbc.sql("""
                        update inventory_restocks set taken_back_at = now()
                        where tenant_id = :tenant and line_id = any(cast(:lines as uuid[])) and taken_back_at is null
                        """)
                .param("tenant", tenantId)
                .param("lines", lineIds.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** Takes units out of a SKU's stock; empty when fewer are available (nothing changes then). */
    Optional<Stock> take(UUID tenantId, UUID sellerId, String sku, long units) {
        return jdbc.sql("""
                        update inventory set available = available - :units, updated_at = now(), version = version + 1
                        where tenant_id = :tenant and seller_id = :seller and sku = :sku and available >= :units
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
