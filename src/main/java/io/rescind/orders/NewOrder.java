package io.rescind.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's order to place. {@code buyerId} is only given by operators placing on a buyer's
 * behalf; a buyer always places as itself.
 */
public record NewOrder(String buyerOrderNumber, UUID buyerId, UUID sellerId, String currency, List<NewLine> lines) {

    public record NewLine(
            String position,
            String productId,
            String description,
            long quantity,
            BigDecimal unitPrice,
            List<Amounts.Tax> taxes,
            BigDecimal shippingPrice,
            List<Amounts.Tax> shippingTaxes) {}
}
