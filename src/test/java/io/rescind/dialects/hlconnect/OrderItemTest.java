package io.rescind.dialects.hlconnect;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.orders.LineStatus;
import org.junit.jupiter.api.Test;

/** Rescind's line statuses in HL Connect's words, without Spring. */
class OrderItemTest {

    @Test
    void openLinesAreProcessing() {
        assertThat(OrderItem.status(aLine(3, LineStatus.ISSUED))).isEqualTo("PROCESSING");
        assertThat(OrderItem.status(aLine(3, LineStatus.IN_PROGRESS))).isEqualTo("PROCESSING");
        assertThat(OrderItem.status(aLine(3, LineStatus.CONFIRMED))).isEqualTo("PROCESSING");
    }

    @Test
    void aShippedLineIsCompletedOnlyWhenNothingIsLeftOpen() {
        var confirmed = aLine(3, LineStatus.CONFIRMED);
        assertThat(OrderItem.status(confirmed.ship(1))).isEqualTo("PROCESSING");
        assertThat(OrderItem.status(confirmed.ship(3))).isEqualTo("COMPLETED");
        assertThat(OrderItem.status(aLine(3, LineStatus.COMPLETED))).isEqualTo("COMPLETED");
    }

    @Test
    void rejectedIsFailedAndCancelledStaysCancelled() {
        assertThat(OrderItem.status(aLine(3, LineStatus.REJECTED))).isEqualTo("FAILED");
        assertThat(OrderItem.status(aLine(3, LineStatus.CANCELLED))).isEqualTo("CANCELLED");
    }
}
