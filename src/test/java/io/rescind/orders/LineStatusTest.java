package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.RescindException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LineStatusTest {

    @ParameterizedTest
    @EnumSource(
            value = LineStatus.class,
            names = {"COMPLETED", "CANCELLED"})
    void finalStatesGoNowhere(LineStatus status) {
        for (var next : LineStatus.values()) {
            assertThat(status.canTransitionTo(next)).isFalse();
        }
    }

    @Test
    void aLineShipsOnlyOnceConfirmed() {
        assertThatThrownBy(() -> aLine(3, LineStatus.ISSUED).ship(1))
                .isInstanceOf(RescindException.class)
                .hasMessageContaining("cannot become SHIPPED");
        var shipped = aLine(3, LineStatus.ISSUED).confirm().ship(2);
        assertThat(shipped.status()).isEqualTo(LineStatus.SHIPPED);
        assertThat(shipped.openQuantity()).isEqualTo(1);
    }

    @Test
    void shippingMoreThanIsOpenIsRefused() {
        assertThatThrownBy(() -> aLine(3, LineStatus.CONFIRMED).ship(4))
                .isInstanceOf(RescindException.class)
                .hasMessageContaining("3 open units");
    }

    @Test
    void aCompletedLineCannotBeConfirmedAgain() {
        var completed = aLine(3, LineStatus.CONFIRMED).complete();
        assertThatThrownBy(completed::confirm).isInstanceOf(RescindException.class);
    }
}
