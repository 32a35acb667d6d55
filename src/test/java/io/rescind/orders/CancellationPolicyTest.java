package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.parties.PartyRole;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CancellationPolicyTest {

    private final CancellationPolicy policy = CancellationPolicy.DEFAULT;

    @ParameterizedTest
    @EnumSource(
            value = LineStatus.class,
            names = {"ISSUED", "IN_PROGRESS", "CONFIRMED", "REJECTED"})
    void bothSidesMayCancelOpenLines(LineStatus status) {
        for (var role : PartyRole.values()) {
            assertThat(policy.decide(aLine(5, status), role, 2L)).isEqualTo(new Decision.Allowed(2));
        }
    }

    @Test
    void allThatIsOpenWhenNoQuantityIsGiven() {
        var line = aLine(5, LineStatus.CONFIRMED).ship(3);
        assertThat(policy.decide(line, PartyRole.BUYER, null)).isEqualTo(new Decision.Allowed(2));
    }

    @Test
    void completedAndCancelledLinesAreRefused() {
        assertThat(policy.decide(aLine(5, LineStatus.COMPLETED), PartyRole.BUYER, 1L))
                .isInstanceOfSatisfying(
                        Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.LINE_COMPLETED));
        assertThat(policy.decide(aLine(5, LineStatus.CANCELLED), PartyRole.SELLER, 1L))
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.LINE_ALREADY_CANCELLED));
    }

    @Test
    void aFullyShippedLineHasNothingLeft() {
        var line = aLine(4, LineStatus.CONFIRMED).ship(4);
        assertThat(policy.decide(line, PartyRole.BUYER, 1L))
                .isInstanceOfSatisfying(
                        Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.LINE_SHIPPED));
    }

    @Test
    void moreThanIsOpenIsRefused() {
        var line = aLine(4, LineStatus.CONFIRMED).ship(1);
        assertThat(policy.decide(line, PartyRole.BUYER, 4L))
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.QUANTITY_EXCEEDS_OPEN));
    }

    @Test
    void aSellersOverrideCanKeepBuyersFromCancellingConfirmedLines() {
        var strict = new CancellationPolicy(Set.of(LineStatus.ISSUED), Set.of(LineStatus.ISSUED, LineStatus.CONFIRMED));
        var confirmed = aLine(3, LineStatus.CONFIRMED);
        assertThat(strict.decide(confirmed, PartyRole.BUYER, 1L))
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.NOT_ALLOWED_FOR_ROLE));
        assertThat(strict.decide(confirmed, PartyRole.SELLER, 1L)).isEqualTo(new Decision.Allowed(1));
        assertThat(strict.decide(confirmed, PartyRole.OPERATOR, 1L)).isEqualTo(new Decision.Allowed(1));
    }

    @Test
    void aPolicyCannotAllowCancellingFinalStates() {
        assertThatThrownBy(() -> new CancellationPolicy(Set.of(LineStatus.COMPLETED), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
