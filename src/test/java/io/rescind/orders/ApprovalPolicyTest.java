package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.parties.PartyRole;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The approval rules and the held quantity, without a database. */
class ApprovalPolicyTest {

    private final CancellationPolicy policy = new CancellationPolicy(
            CancellationPolicy.DEFAULT.buyerMayCancel(),
            CancellationPolicy.DEFAULT.sellerMayCancel(),
            Set.of(LineStatus.CONFIRMED),
            Set.of(),
            Duration.ofHours(1),
            CancellationPolicy.OnExpiry.REJECT);

    @Test
    void onlyTheNamedSideAndStatesNeedApprovalAndOperatorsNever() {
        var confirmed = aLine(3, LineStatus.CONFIRMED);
        assertThat(policy.decide(confirmed, PartyRole.BUYER, 1L)).isEqualTo(new Decision.NeedsApproval(1));
        assertThat(policy.decide(confirmed, PartyRole.SELLER, 1L)).isEqualTo(new Decision.Allowed(1));
        assertThat(policy.decide(confirmed, PartyRole.OPERATOR, 1L)).isEqualTo(new Decision.Allowed(1));
        assertThat(policy.decide(aLine(3, LineStatus.ISSUED), PartyRole.BUYER, null))
                .isEqualTo(new Decision.Allowed(3));
        assertThat(CancellationPolicy.DEFAULT.decide(confirmed, PartyRole.BUYER, 1L))
                .isEqualTo(new Decision.Allowed(1));
    }

    @Test
    void heldUnitsAreNotOpenAndARequestForThemIsRefusedAsPending() {
        var line = aLine(3, LineStatus.CONFIRMED).holdForCancel(3);
        assertThat(line.openQuantity()).isZero();
        assertThat(line.status()).isEqualTo(LineStatus.CONFIRMED);
        assertThat(policy.decide(line, PartyRole.SELLER, null))
                .isInstanceOfSatisfying(
                        Decision.Refused.class, r -> assertThat(r.reason()).isEqualTo(RefusalReason.CANCEL_PENDING));
        assertThatThrownBy(() -> line.ship(1)).hasMessageContaining("open units");
        assertThatThrownBy(line::complete).hasMessageContaining("awaiting a decision");
    }

    @Test
    void acceptingTheLastHeldUnitsCancelsTheLineAndReleasingReopensThem() {
        var line = aLine(3, LineStatus.CONFIRMED).holdForCancel(1);
        var cancelledRest = line.cancel(2, Proration.prorate(line, 2));
        assertThat(cancelledRest.status()).isEqualTo(LineStatus.CONFIRMED);
        var accepted = cancelledRest.acceptCancel(1, Proration.prorate(cancelledRest, 1));
        assertThat(accepted.status()).isEqualTo(LineStatus.CANCELLED);
        assertThat(accepted.cancelled()).isEqualTo(accepted.totals());

        var released = line.releaseCancel(1);
        assertThat(released.openQuantity()).isEqualTo(3);
        assertThat(released.pendingCancelQuantity()).isZero();
    }

    @Test
    void aPolicyNeedsAUsableTimeToLiveAndAnExpiryOutcome() {
        assertThatThrownBy(() -> new CancellationPolicy(
                        Set.of(), Set.of(), Set.of(), Set.of(), Duration.ZERO, CancellationPolicy.OnExpiry.ACCEPT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> new CancellationPolicy(Set.of(), Set.of(), Set.of(), Set.of(), Duration.ofDays(1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
