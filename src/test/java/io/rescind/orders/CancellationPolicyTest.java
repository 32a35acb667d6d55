package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.parties.PartyRole;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** The guard is "more than open", so asking for exactly what is open is allowed, for every side. */
    @ParameterizedTest(name = "{0} ordered, {1} shipped: {2} asked")
    @CsvSource({
        // ordered, shipped, asked, allowed (0 = refused as more than open)
        "1, 0, 1, 1",
        "1, 0, 2, 0",
        "5, 0, 5, 5",
        "5, 0, 6, 0",
        "5, 0, 4, 4",
        "5, 3, 2, 2",
        "5, 3, 3, 0",
        "5, 4, 1, 1",
        "5, 4, 2, 0",
    })
    void exactlyWhatIsOpenIsAllowedAndOneMoreIsRefused(long ordered, long shipped, long asked, long allowed) {
        var line = aLine(ordered, LineStatus.CONFIRMED);
        if (shipped > 0) {
            line = line.ship(shipped);
        }
        for (var role : PartyRole.values()) {
            var decision = policy.decide(line, role, asked);
            if (allowed > 0) {
                assertThat(decision).as(role.name()).isEqualTo(new Decision.Allowed(allowed));
            } else {
                assertThat(decision).as(role.name()).isInstanceOfSatisfying(Decision.Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(RefusalReason.QUANTITY_EXCEEDS_OPEN);
                    assertThat(r.detail()).contains(String.valueOf(ordered - shipped), String.valueOf(asked));
                });
            }
        }
    }

    @Test
    void heldUnitsAreNotOpenAndAFullyHeldLineAwaitsItsDecision() {
        var line = aLine(4, LineStatus.CONFIRMED).holdForCancel(3);
        assertThat(policy.decide(line, PartyRole.SELLER, 1L)).isEqualTo(new Decision.Allowed(1));
        assertThat(policy.decide(line, PartyRole.SELLER, 2L))
                .isInstanceOfSatisfying(
                        Decision.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RefusalReason.QUANTITY_EXCEEDS_OPEN));
        assertThat(policy.decide(line.holdForCancel(1), PartyRole.BUYER, null))
                .isInstanceOfSatisfying(
                        Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.CANCEL_PENDING));
    }

    @Test
    void aPolicyNeedsATimeToLiveOfASecondAndAnExpiryOutcome() {
        var states = Set.of(LineStatus.ISSUED);
        assertThat(new CancellationPolicy(
                                states,
                                states,
                                Set.of(),
                                Set.of(),
                                java.time.Duration.ofSeconds(1),
                                CancellationPolicy.OnExpiry.ACCEPT)
                        .pendingTtl())
                .isEqualTo(java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> new CancellationPolicy(
                        states,
                        states,
                        Set.of(),
                        Set.of(),
                        java.time.Duration.ofMillis(999),
                        CancellationPolicy.OnExpiry.ACCEPT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancellationPolicy(
                        states, states, Set.of(), Set.of(), null, CancellationPolicy.OnExpiry.ACCEPT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        new CancellationPolicy(states, states, Set.of(), Set.of(), java.time.Duration.ofHours(1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancellationPolicy(Set.of(), Set.of(LineStatus.CANCELLED)))
                .isInstanceOf(IllegalArgumentException.class);
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
