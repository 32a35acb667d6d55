package io.rescind.cancellation;

import io.rescind.orders.Amounts.Tax;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.orders.CancelLines.OrderRef;
import io.rescind.orders.CancelLines.RequestedAmounts;
import io.rescind.orders.CancelReason;
import io.rescind.orders.LineRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The canonical API's body for cancelling lines, shared by the synchronous endpoint and its
 * asynchronous twin ({@code Prefer: respond-async}).
 *
 * @param restock false when the cancelled units must not go back to stock (damaged, lost); default
 *     true
 */
public record CancellationRequest(
        @NotNull CancelReason reason,
        @Size(max = 1000) String note,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull LineCancelRequest> lines,
        Boolean restock) {

    public CancelLines toCommand(UUID orderId, String idempotencyKey) {
        var cancels = lines.stream()
                .map(line -> new LineCancel(line.ref(), line.quantity(), amounts(line.amounts())))
                .toList();
        return new CancelLines(
                new OrderRef.ById(orderId),
                new CancelLines.Lines(cancels),
                reason,
                note,
                idempotencyKey,
                restock == null || restock);
    }

    public record LineCancelRequest(
            UUID lineId,
            @Size(min = 1, max = 50) String position,
            @Min(1) Integer lineNumber,
            @Min(1) @Max(1_000_000_000) Long quantity,
            @Valid AmountsRequest amounts) {

        @AssertTrue(message = "name the line by exactly one of lineId, position or lineNumber")
        boolean isOneLineReference() {
            return Stream.of(lineId, position, lineNumber)
                            .filter(x -> x != null)
                            .count()
                    == 1;
        }

        LineRef ref() {
            if (lineId != null) {
                return new LineRef.ById(lineId);
            }
            return position != null ? new LineRef.ByPosition(position) : new LineRef.ByNumber(lineNumber);
        }
    }

    public record AmountsRequest(
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
            String currency,

            @DecimalMin("0") @Digits(integer = 13, fraction = 4)
            BigDecimal price,

            @DecimalMin("0") @Digits(integer = 13, fraction = 4)
            BigDecimal shippingPrice,

            @Size(max = 20) List<@Valid @NotNull Tax> taxes,
            @Size(max = 20) List<@Valid @NotNull Tax> shippingTaxes) {}

    private static RequestedAmounts amounts(AmountsRequest amounts) {
        return amounts == null
                ? null
                : new RequestedAmounts(
                        amounts.currency(),
                        amounts.price(),
                        amounts.shippingPrice(),
                        amounts.taxes(),
                        amounts.shippingTaxes());
    }
}
