package io.rescind.parties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.support.ApiTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrong credentials cost no query when repeated, and a source that keeps sending them is stopped. */
class FailedAuthenticationTest extends ApiTest {

    @Test
    void aKeyThatFailedIsNotLookedUpAgainWhileRemembered() {
        var keys = new ApiKeys(jdbc, Duration.ofSeconds(10), Clock.systemUTC(), Duration.ofMinutes(1), 1000);
        var party = given.party("BUYER");
        var guessed = "rk_guessed_" + party.id();

        assertThat(keys.authenticate(guessed)).isEmpty();
        // The key now exists in the database, behind the back of this instance: were it looked up
        // again, it would authenticate. It does not: the failure was answered from memory.
        var tenant = jdbc.sql("select tenant_id from parties where party_id = :party")
                .param("party", party.id())
                .query(java.util.UUID.class)
                .single();
        jdbc.sql("""
                        insert into api_keys (tenant_id, key_id, party_id, key_hash)
                        values (:tenant, gen_random_uuid(), :party, :hash)""")
                .param("tenant", tenant)
                .param("party", party.id())
                .param("hash", ApiKeys.hash(guessed))
                .update();

        assertThat(keys.authenticate(guessed)).isEmpty();
        // Registering a key through this instance forgets that it failed.
        keys.register(tenant, party.id(), guessed);
        assertThat(keys.authenticate(guessed)).map(Caller::partyId).contains(party.id());
    }

    @Test
    void aSourceThatFailsTooOftenIsRefusedWithoutLookingAtItsCredentials() {
        var keys = new ApiKeys(jdbc, Duration.ofSeconds(10), Clock.systemUTC(), Duration.ofMinutes(1), 3);
        var party = given.party("BUYER");

        for (int i = 0; i < 3; i++) {
            assertThat(keys.authenticate("rk_wrong_" + i, "192.0.2.7")).isEmpty();
        }

        assertThatThrownBy(() -> keys.authenticate(party.key(), "192.0.2.7"))
                .isInstanceOf(TooManyFailures.class)
                .satisfies(e ->
                        assertThat(((TooManyFailures) e).retryAfterSeconds()).isPositive());
        assertThat(keys.authenticate(party.key(), "192.0.2.8"))
                .map(Caller::partyId)
                .contains(party.id());
    }
}
