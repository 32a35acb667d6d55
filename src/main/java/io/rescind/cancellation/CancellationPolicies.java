package io.rescind.cancellation;

import io.rescind.orders.CancellationPolicy;
import io.rescind.orders.LineStatus;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-seller overrides of {@link CancellationPolicy#DEFAULT}. */
@Repository
class CancellationPolicies {

    private final JdbcClient jdbc;

    CancellationPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    CancellationPolicy forSeller(UUID tenantId, UUID sellerId) {
        return forSeller(tenantId, sellerId, null);
    }

    /** The seller's own policy; without one, {@code fallback} (a channel's default) or the default. */
    CancellationPolicy forSeller(UUID tenantId, UUID sellerId, CancellationPolicy fallback) {
        return jdbc.sql("""
                        select buyer_may_cancel, seller_may_cancel, buyer_needs_approval, seller_needs_approval,
                            pending_ttl_seconds, on_expiry
                        from cancellation_policies
                        where tenant_id = :tenant and seller_id = :seller
                        """)
                .param("tenant", tenantId)
                .param("seller", sellerId)
                .query((rs, n) -> new CancellationPolicy(
                        statuses(rs.getArray("buyer_may_cancel")),
                        statuses(rs.getArray("seller_may_cancel")),
                        statuses(rs.getArray("buyer_needs_approval")),
                        statuses(rs.getArray("seller_needs_approval")),
                        Duration.ofSeconds(rs.getLong("pending_ttl_seconds")),
                        CancellationPolicy.OnExpiry.valueOf(rs.getString("on_expiry"))))
                .optional()
                .orElse(fallback == null ? CancellationPolicy.DEFAULT : fallback);
    }

    void save(UUID tenantId, UUID sellerId, CancellationPolicy policy) {
        jdbc.sql("""
                        insert into cancellation_policies (tenant_id, seller_id, buyer_may_cancel, seller_may_cancel,
                            buyer_needs_approval, seller_needs_approval, pending_ttl_seconds, on_expiry)
                        values (:tenant, :seller, cast(:buyer as text[]), cast(:sellerMay as text[]),
                            cast(:buyerApproval as text[]), cast(:sellerApproval as text[]), :ttl, :onExpiry)
                        on conflict (tenant_id, seller_id) do update
                            set buyer_may_cancel = excluded.buyer_may_cancel,
                                seller_may_cancel = excluded.seller_may_cancel,
                                buyer_needs_approval = excluded.buyer_needs_approval,
                                seller_needs_approval = excluded.seller_needs_approval,
                                pending_ttl_seconds = excluded.pending_ttl_seconds,
                                on_expiry = excluded.on_expiry,
                                updated_at = now()
                        """)
                .param("tenant", tenantId)
                .param("seller", sellerId)
                .param("buyer", names(policy.buyerMayCancel()))
                .param("sellerMay", names(policy.sellerMayCancel()))
                .param("buyerApproval", names(policy.buyerNeedsApproval()))
                .param("sellerApproval", names(policy.sellerNeedsApproval()))
                .param("ttl", Math.max(1, policy.pendingTtl().toSeconds()))
                .param("onExpiry", policy.onExpiry().name())
                .update();
    }

    private static String[] names(Set<LineStatus> statuses) {
        return statuses.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static Set<LineStatus> statuses(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray())
                .map(LineStatus::valueOf)
                .collect(Collectors.toSet());
    }
}
