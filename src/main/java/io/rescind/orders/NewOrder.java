package io.rescind.orders;

import io.rescind.parties.References;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's order to place. {@code buyerId} is only given by operators placing on a buyer's
 * behalf; a buyer always places as itself.
 */
public record NewOrder(
        String buyerOrderNumber,
        UUID buyerId,
        UUID sellerId,
        String currency,
        List<NewLine> lines,
        References references) {

    public NewOrder {
        references = references == null ? References.NONE : references;
    }

    /** An order no other system has an identifier for. */
    public NewOrder(String buyerOrderNumber, UUID buyerId, UUID sellerId, String currency, List<NewLine> lines) {
        this(buyerOrderNumber, buyerId, sellerId, currency, lines, References.NONE);
    }

    public record NewLine(
            String position,
            String productId,
            String description,
            long quantity,
            BigDecimal unitPrice,
            List<Amounts.Tax> taxes,
            BigDecimal shippingPrice,
            List<Amounts.Tax> shippingTaxes,
            References references) {

        public NewLine {
            references = references == null ? References.NONE : references;
        }

        public NewLine(
                String position,
                String productId,
                String description,
                long quantity,
                BigDecimal unitPrice,
                List<Amounts.Tax> taxes,
                BigDecimal shippingPrice,
                List<Amounts.Tax> shippingTaxes) {
            this(position, productId, description, quantity, unitPrice, taxes, shippingPrice, shippingTaxes, null);
        }
    }
}
