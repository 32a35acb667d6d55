package io.rescind.dialects.tradecloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.orders.LineStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tradecloud's cancel rules as pure functions, without Spring. */
class IndicatorsTest {

    private static final List<String> LINES = List.of("1", "2", "3");

    private static Indicators cancelled(Boolean value) {
        return new Indicators(null, null, null, value, null, null, null);
    }

    private static Indicators flags(Boolean cancelled, Boolean completed, Boolean whenMissing) {
        return new Indicators(null, null, completed, cancelled, whenMissing, null, null);
    }

    @Test
    void indicatorsOrderLevelReachesEveryLineLineLevelWins() {
        assertThat(Indicators.cancelledByIndicators(LINES, cancelled(true), Map.of("2", cancelled(false))))
                .containsExactly("1", "3");
        assertThat(Indicators.cancelledByIndicators(LINES, cancelled(false), Map.of("2", cancelled(true))))
                .containsExactly("2");
        assertThat(Indicators.cancelledByIndicators(LINES, null, Map.of())).isEmpty();
    }

    @Test
    void completedReachesEveryLineOnIndicatorsButOnlyTheMessagesLinesOnAnOrder() {
        var message = new LinkedHashMap<String, Indicators>();
        message.put("3", Indicators.NONE);
        message.put("1", flags(null, false, null));
        assertThat(Indicators.completedByIndicators(LINES, flags(null, true, null), message))
                .containsExactly("2", "3");
        assertThat(Indicators.completedByOrder(flags(null, true, null), message))
                .containsExactly("3");
        assertThat(Indicators.completedByOrder(null, Map.of("2", flags(null, true, null))))
                .containsExactly("2");
    }

    @Test
    void anAbsentFlagOnTheLineLeavesTheOrdersFlag() {
        assertThat(Indicators.cancelledByIndicators(LINES, cancelled(true), Map.of("2", Indicators.NONE)))
                .containsExactly("1", "2", "3");
    }

    @Test
    void completedBeatsCancelledAtEitherLevel() {
        assertThat(Indicators.cancels(flags(true, true, null), null)).isFalse();
        assertThat(Indicators.cancels(flags(true, null, null), flags(null, true, null)))
                .isFalse();
        assertThat(Indicators.cancels(flags(null, true, null), flags(true, null, null)))
                .isFalse();
    }

    @Test
    void orderMessageCancelsOnlyTheLinesInIt() {
        var lines = new LinkedHashMap<String, Indicators>();
        lines.put("1", Indicators.NONE);
        assertThat(Indicators.cancelledByOrder(LINES, cancelled(true), lines)).containsExactly("1");
    }

    @Test
    void cancelLineWhenMissingCancelsTheOthersAndWithoutLinesAll() {
        var lines = new LinkedHashMap<String, Indicators>();
        lines.put("2", Indicators.NONE);
        assertThat(Indicators.cancelledByOrder(LINES, flags(null, null, true), lines))
                .containsExactly("1", "3");
        assertThat(Indicators.cancelledByOrder(LINES, flags(null, null, true), Map.of()))
                .containsExactly("1", "2", "3");
        assertThat(Indicators.cancelledByOrder(LINES, flags(null, null, false), Map.of()))
                .isEmpty();
    }

    @Test
    void theOrderStatusSumsUpItsLines() {
        assertThat(TradecloudOrderView.orderProcessStatus(List.of(LineStatus.CANCELLED, LineStatus.CANCELLED)))
                .isEqualTo("Cancelled");
        assertThat(TradecloudOrderView.orderProcessStatus(List.of(LineStatus.ISSUED, LineStatus.CANCELLED)))
                .isEqualTo("Issued");
        assertThat(TradecloudOrderView.orderProcessStatus(List.of(LineStatus.CONFIRMED, LineStatus.COMPLETED)))
                .isEqualTo("Confirmed");
        assertThat(TradecloudOrderView.orderProcessStatus(List.of(LineStatus.CONFIRMED, LineStatus.REJECTED)))
                .isEqualTo("InProgress");
        assertThat(TradecloudOrderView.orderProcessStatus(List.of(LineStatus.SHIPPED)))
                .isEqualTo("Confirmed");
    }
}
