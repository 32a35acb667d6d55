package io.rescind.parties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The short memory of authenticated keys: what it saves, and how long a revoked key lives on. */
class ApiKeyCacheTest extends ApiTest {

    /** A clock the test moves by hand. */
    private static final class Hand extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRevokedKeyStopsWorkingWhenItsCachePeriodEnds() {
        var clock = new Hand();
        var keys = new ApiKeys(jdbc, Duration.ofSeconds(10), clock);
        var seller = given.party("SELLER");
        assertThat(keys.authenticate(seller.key())).map(Caller::partyId).contains(seller.id());

        revoke(seller.key());
        clock.advance(Duration.ofSeconds(9));
        assertThat(keys.authenticate(seller.key()))
                .as("still remembered within the period")
                .isPresent();

        clock.advance(Duration.ofSeconds(2));
        assertThat(keys.authenticate(seller.key())).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(keys.authenticate(seller.key()))
                .as("a failed key is not remembered")
                .isEmpty();
    }

    @Test
    void withoutACachePeriodARevocationTakesEffectAtOnce() {
        var keys = new ApiKeys(jdbc, Duration.ZERO, new Hand());
        var buyer = given.party("BUYER");
        assertThat(keys.authenticate(buyer.key())).isPresent();

        revoke(buyer.key());

        assertThat(keys.authenticate(buyer.key())).isEmpty();
    }

    /** Failures are remembered too (issue 17: a repeated bad key costs no query), for a minute by default. */
    @Test
    void aKeyThatFailedWorksOnceItsFailureIsForgotten() {
        var clock = new Hand();
        var keys = new ApiKeys(jdbc, Duration.ofSeconds(10), clock);
        var buyer = given.party("BUYER");
        revoke(buyer.key());
        assertThat(keys.authenticate(buyer.key())).isEmpty();

        jdbc.sql("update api_keys set revoked_at = null where key_hash = :hash")
                .param("hash", ApiKeys.hash(buyer.key()))
                .update();

        assertThat(keys.authenticate(buyer.key())).isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(keys.authenticate(buyer.key())).map(Caller::partyId).contains(buyer.id());
    }

    @Test
    void theServiceAnswersAnUnknownKeyWith401EveryTime() {
        var unknown = "rk_" + UUID.randomUUID();

        assertThat(api.get("/api/v1/me", unknown).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", unknown).status()).isEqualTo(401);
    }

    private void revoke(String key) {
        var revoked = jdbc.sql("update api_keys set revoked_at = now() where key_hash = :hash")
                .param("hash", ApiKeys.hash(key))
                .update();
        assertThat(revoked).isEqualTo(1);
    }
}
