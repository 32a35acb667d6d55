package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProrationTest {

    @Test
    void oneUnitOfThreeTakesAThirdRoundedToTheCent() {
        var line = aLine(3, "10.00", "1.00", "0.00", LineStatus.ISSUED);
        var amounts = Proration.prorate(line, 1);
        assertThat(amounts.price()).isEqualByComparingTo("10.00");
        assertThat(amounts.taxes().getFirst().amount()).isEqualTo(new BigDecimal("0.33"));
    }

    @Test
    void theLastUnitAbsorbsTheRounding() {
        var line = aLine(3, "10.00", "1.00", "0.00", LineStatus.ISSUED);
        var first = Proration.prorate(line, 1);
        line = line.cancel(1, first);
        var second = Proration.prorate(line, 1);
        line = line.cancel(1, second);
        var last = Proration.prorate(line, 1);
        line = line.cancel(1, last);
        assertThat(first.taxes()
                        .getFirst()
                        .amount()
                        .add(second.taxes().getFirst().amount()))
                .isEqualTo(new BigDecimal("0.67"));
        assertThat(last.taxes().getFirst().amount()).isEqualTo(new BigDecimal("0.33"));
        assertThat(line.cancelled()).isEqualTo(line.totals());
        assertThat(line.status()).isEqualTo(LineStatus.CANCELLED);
    }

    @Test
    void shippedUnitsKeepTheirShareOfTheMoney() {
        var line = aLine(4, "2.50", "2.00", "8.00", LineStatus.CONFIRMED).ship(2);
        var amounts = Proration.prorate(line, 2);
        assertThat(amounts.price()).isEqualByComparingTo("5.00");
        assertThat(amounts.shippingPrice()).isEqualByComparingTo("4.00");
        assertThat(amounts.taxes().getFirst().amount()).isEqualByComparingTo("1.00");
        assertThat(line.cancel(2, amounts).status()).isEqualTo(LineStatus.SHIPPED);
    }
}
