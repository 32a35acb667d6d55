package io.rescind.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.orders.CancelReason;
import io.rescind.orders.Cancellation;
import io.rescind.orders.CancellationPolicy.OnExpiry;
import io.rescind.orders.RefusalReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a stored cancellation answers when its idempotency key is replayed: every status, both expiries. */
class CancelOutcomeTest {

    private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    @ParameterizedTest(name = "{0} (expiry {1}) answers {2}")
    @CsvSource({
        // status, on expiry, outcome, refusal the replay adds (empty: none)
        "APPLIED, REJECT, Applied,",
        "ACCEPTED, REJECT, Applied,",
        "REFUSED, REJECT, Refused,",
        "PENDING, REJECT, Pending,",
        "PENDING, ACCEPT, Pending,",
        "REJECTED, ACCEPT, Refused, REQUEST_REJECTED",
        "EXPIRED, ACCEPT, Applied,",
        "EXPIRED, REJECT, Refused, REQUEST_EXPIRED",
    })
    void aStoredCancellationAnswersWithWhatBecameOfIt(
            Cancellation.Status status, OnExpiry onExpiry, String outcome, RefusalReason added) {
        var stored = new Cancellation(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                status,
                CancelReason.CUSTOMER_REQUEST,
                null,
                "key-1",
                List.of(),
                List.of(),
                AT,
                UUID.randomUUID(),
                AT.plusSeconds(60),
                onExpiry,
                null,
                null);
        for (boolean replayed : new boolean[] {true, false}) {
            var answer = CancelOutcome.of(stored, replayed);
            assertThat(answer).isNotNull();
            assertThat(answer.getClass().getSimpleName()).isEqualTo(outcome);
            assertThat(answer.replayed()).isEqualTo(replayed);
            assertThat(answer.cancellation().id()).isEqualTo(stored.id());
            assertThat(answer.cancellation().status()).isEqualTo(status);
            if (added == null) {
                assertThat(answer.cancellation()).isEqualTo(stored);
            } else {
                assertThat(answer.cancellation().refusals())
                        .singleElement()
                        .satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(added));
            }
        }
    }
}
