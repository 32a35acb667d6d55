package io.rescind.dialects.mirakl;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Mirakl's {@code CancelOrderLinesRequest}, as its OpenAPI file defines it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CancelOrderLines(@NotNull @Size(min = 1, max = 500) List<@Valid @NotNull Cancelation> cancelations) {

    /** One {@code CancelRequest}: a line, by id and/or product id, and what to cancel of it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cancelation(
            @Size(min = 1, max = 100) String orderLineId,
            @Size(min = 1, max = 100) String productId,

            // Mirakl allows 0; Rescind cancels whole units, so at least one (docs/dialects/mirakl-connect.md).
            @NotNull @Min(1) @Max(1_000_000_000) Long quantity,

            @NotNull @Pattern(regexp = MiraklReason.PATTERN, message = "must be one of " + MiraklReason.PATTERN)
            String reason,

            @NotNull @Valid Money price,
            @NotNull @Valid Money shippingPrice,
            @Size(max = 20) List<@Valid @NotNull TaxAmount> taxes,
            @Size(max = 20) List<@Valid @NotNull TaxAmount> shippingTaxes) {}

    /** Mirakl's {@code Money}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Money(
            @NotNull @DecimalMin("0") @Digits(integer = 13, fraction = 4)
            BigDecimal amount,

            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
            String currency) {}

    /** Mirakl's {@code CanceledTaxRequest}. */
    record TaxAmount(
            @NotNull @Valid Money amount,
            @NotBlank @Size(max = 50) String code) {}
}
