package io.rescind.bulk;

import io.rescind.support.Fixtures;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many orders at once, written straight into the tables with one statement each (placing ten
 * thousand lines through the API would take minutes). Each order has ten lines of three units of
 * one SKU; its pattern, order number modulo 5, sets what the lines look like:
 *
 * <ol start="0">
 *   <li>every line ISSUED;
 *   <li>line 3 CONFIRMED (which the tests' seller policy does not let the seller cancel);
 *   <li>line 2 IN_PROGRESS (in which the seller's cancel needs the buyer's approval);
 *   <li>line 5 SHIPPED, one unit of three;
 *   <li>line 7 COMPLETED (all three shipped), so not open.
 * </ol>
 */
final class BulkOrders {

    static final int PATTERNS = 5;
    static final int LINES = 10;

    private final JdbcClient jdbc;

    BulkOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Placed(UUID orderId, long orderNumber, int pattern) {}

    /** Places {@code count} orders from the trade's buyer to its seller, all lines of {@code sku}. */
    List<Placed> place(Fixtures.Trade trade, String sku, int count) {
        var tenant = jdbc.sql("select tenant_id from parties where party_id = :party")
                .param("party", trade.seller().id())
                .query(UUID.class)
                .single();
        long last = jdbc.sql("""
                        update tenants set last_order_number = last_order_number + :count
                        where tenant_id = :tenant returning last_order_number
                        """)
                .param("count", count)
                .param("tenant", tenant)
                .query(Long.class)
                .single();
        long first = last - count + 1;
        var tag = "BULK-" + UUID.randomUUID();
        jdbc.sql("""
                        insert into purchase_orders (tenant_id, order_id, order_number, buyer_order_number,
                            buyer_id, seller_id, currency, request_hash, created_at, updated_at)
                        select :tenant, gen_random_uuid(), :first + g, :tag || '-' || g, :buyer, :seller, 'EUR',
                            'fixture', now(), now()
                        from generate_series(0, :count - 1) g
                        """)
                .param("tenant", tenant)
                .param("first", first)
                .param("tag", tag)
                .param("buyer", trade.buyer().id())
                .param("seller", trade.seller().id())
                .param("count", count)
                .update();
        jdbc.sql("""
                        insert into order_lines (tenant_id, order_id, line_id, line_number, position, product_id,
                            description, quantity, shipped_quantity, unit_price, status)
                        select o.tenant_id, o.order_id, gen_random_uuid(), n, n::text, :sku, 'Item ' || n, 3,
                            case when o.order_number % 5 = 3 and n = 5 then 1
                                 when o.order_number % 5 = 4 and n = 7 then 3 else 0 end,
                            10.00,
                            case when o.order_number % 5 = 1 and n = 3 then 'CONFIRMED'
                                 when o.order_number % 5 = 2 and n = 2 then 'IN_PROGRESS'
                                 when o.order_number % 5 = 3 and n = 5 then 'SHIPPED'
                                 when o.order_number % 5 = 4 and n = 7 then 'COMPLETED'
                                 else 'ISSUED' end
                        from purchase_orders o cross join generate_series(1, :lines) n
                        where o.tenant_id = :tenant and o.order_number between :first and :last
                        """)
                .param("sku", sku)
                .param("tenant", tenant)
                .param("first", first)
                .param("last", last)
                .param("lines", LINES)
                .update();
        return jdbc.sql("""
                        select order_id, order_number from purchase_orders
                        where tenant_id = :tenant and order_number between :first and :last order by order_number
                        """)
                .param("tenant", tenant)
                .param("first", first)
                .param("last", last)
                .query((rs, n) -> new Placed(rs.getObject("order_id", UUID.class), rs.getLong("order_number"), (int)
                        (rs.getLong("order_number") % PATTERNS)))
                .list();
    }

    /** Each line's cancelled and held units, in line order: "c0p0,c3p0,..." */
    String state(UUID orderId) {
        return String.join(
                ",", jdbc.sql("""
                                select 'c' || cancelled_quantity || 'p' || pending_cancel_quantity from order_lines
                                where order_id = :order order by line_number
                                """).param("order", orderId).query(String.class).list());
    }

    /** How many cancellations (of any status) were recorded for the order. */
    int cancellations(UUID orderId) {
        return jdbc.sql("select count(*) from cancellations where order_id = :order")
                .param("order", orderId)
                .query(Integer.class)
                .single();
    }
}
