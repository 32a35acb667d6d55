package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules for changing an existing line's content, without a database. */
class ContentRulesTest {

    private static Amendment.LineContent wants(Long quantity, String unitPrice) {
        return new Amendment.LineContent(
                "0001", null, null, quantity, unitPrice == null ? null : new BigDecimal(unitPrice));
    }

    /** A line without taxes or shipping, as Tradecloud's lines are. */
    private static OrderLine plain(long quantity, LineStatus status) {
        var totals = new Amounts(
                new BigDecimal("10.00").multiply(BigDecimal.valueOf(quantity)),
                BigDecimal.ZERO.setScale(2),
                List.of(),
                List.of());
        return new OrderLine(
                UUID.randomUUID(),
                1,
                "0001",
                "SKU",
                "thing",
                quantity,
                0,
                0,
                0,
                new BigDecimal("10.00"),
                totals,
                totals.zeroed(),
                status,
                null,
                0);
    }

    @Test
    void nothingNamedOrTheSameContentIsNoChange() {
        assertThat(ContentRules.judge(plain(5, LineStatus.ISSUED), wants(null, null)))
                .isInstanceOf(ContentRules.Same.class);
        assertThat(ContentRules.judge(plain(5, LineStatus.ISSUED), wants(5L, "10.0")))
                .isInstanceOf(ContentRules.Same.class);
    }

    @Test
    void closedLinesIgnoreChanges() {
        assertThat(ContentRules.judge(plain(5, LineStatus.COMPLETED), wants(6L, null)))
                .isInstanceOf(ContentRules.Ignore.class);
        assertThat(ContentRules.judge(plain(5, LineStatus.CANCELLED), wants(6L, null)))
                .isInstanceOf(ContentRules.Ignore.class);
    }

    @Test
    void aChangedQuantityMovesThePriceTotalAndReopensAnAnsweredLine() {
        var verdict = (ContentRules.Apply) ContentRules.judge(plain(5, LineStatus.CONFIRMED), wants(7L, null));
        assertThat(verdict.after().quantity()).isEqualTo(7);
        assertThat(verdict.after().totals().price()).isEqualByComparingTo("70.00");
        assertThat(verdict.after().status()).isEqualTo(LineStatus.IN_PROGRESS);
        var rejected = (ContentRules.Apply) ContentRules.judge(plain(5, LineStatus.REJECTED), wants(null, "9.00"));
        assertThat(rejected.after().status()).isEqualTo(LineStatus.IN_PROGRESS);
        var issued = (ContentRules.Apply) ContentRules.judge(plain(5, LineStatus.ISSUED), wants(3L, null));
        assertThat(issued.after().status()).isEqualTo(LineStatus.ISSUED);
    }

    @Test
    void aNewDescriptionAloneKeepsTheStatus() {
        var verdict = (ContentRules.Apply) ContentRules.judge(
                plain(5, LineStatus.CONFIRMED), new Amendment.LineContent("0001", null, "longer", null, null));
        assertThat(verdict.after().status()).isEqualTo(LineStatus.CONFIRMED);
        assertThat(verdict.changes())
                .extracting(LineAmendment.FieldChange::field)
                .containsExactly("description");
    }

    @Test
    void whatIsCancelledBoundsTheQuantityAndFreezesThePriceAndProduct() {
        var partlyCancelled = plain(5, LineStatus.ISSUED)
                .cancel(2, new Amounts(new BigDecimal("20.00"), BigDecimal.ZERO.setScale(2), List.of(), List.of()));
        assertThat(ContentRules.judge(partlyCancelled, wants(2L, null)))
                .isEqualTo(
                        new ContentRules.Refuse(
                                "quantity-below-committed",
                                "Line 1 has 2 units shipped, cancelled or awaiting a cancel decision; its quantity must stay above that, not 2"));
        assertThat(ContentRules.judge(partlyCancelled, wants(3L, null))).isInstanceOf(ContentRules.Apply.class);
        assertThat(((ContentRules.Refuse) ContentRules.judge(partlyCancelled, wants(null, "11.00"))).reason())
                .isEqualTo("price-locked");
        assertThat(((ContentRules.Refuse) ContentRules.judge(
                                partlyCancelled, new Amendment.LineContent("0001", "OTHER", null, null, null)))
                        .reason())
                .isEqualTo("product-locked");
    }

    @Test
    void shippedLinesAndLinesWithTaxesKeepTheirQuantityAndPrice() {
        var shipped = plain(5, LineStatus.CONFIRMED).ship(2);
        assertThat(((ContentRules.Refuse) ContentRules.judge(shipped, wants(6L, null))).reason())
                .isEqualTo("line-shipped");
        assertThat(((ContentRules.Refuse) ContentRules.judge(aLine(5, LineStatus.ISSUED), wants(6L, null))).reason())
                .isEqualTo("amounts-fixed");
    }
}
