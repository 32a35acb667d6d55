package io.rescind.dialects.tradecloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/**
 * The parts of Tradecloud's api-connector messages that Rescind reads. Every other field of the
 * full shape is accepted and ignored.
 */
final class Messages {

    private Messages() {}

    /** {@code POST /v2/api-connector/order/indicators}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderIndicators(IndicatorsHeader order, List<IndicatorsLine> lines) {
        List<IndicatorsLine> linesOrEmpty() {
            return lines == null ? List.of() : lines;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IndicatorsHeader(String companyId, String purchaseOrderNumber, Indicators indicators) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IndicatorsLine(String position, Indicators indicators) {}

    /** {@code POST /v2/api-connector/order}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(OrderHeader order, List<OrderLine> lines) {
        List<OrderLine> linesOrEmpty() {
            return lines == null ? List.of() : lines;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderHeader(
            String supplierAccountNumber, String purchaseOrderNumber, String description, Indicators indicators) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderLine(
            String position,
            String description,
            Item item,
            List<ScheduledDelivery> deliverySchedule,
            Prices prices,
            Indicators indicators) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String number, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ScheduledDelivery(String position, String date, BigDecimal quantity) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Prices(Price netPrice, BigDecimal priceUnitQuantity) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Price(Money priceInTransactionCurrency) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Money(BigDecimal value, String currencyIso) {}

    /** {@code POST /v2/api-connector/order-response}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderResponse(ResponseHeader order, List<ResponseLine> lines) {
        List<ResponseLine> linesOrEmpty() {
            return lines == null ? List.of() : lines;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseHeader(String buyerAccountNumber, String purchaseOrderNumber, Indicators indicators) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseLine(String purchaseOrderLinePosition, Indicators indicators) {}

    /** {@code POST /v2/order/{orderId}/revertCancelled}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RevertCancelled(List<String> linePositions, String reason, Long version) {}
}
