package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import org.junit.jupiter.api.Test;

/**
 * Limits counted in the database for every instance, answered 429 with {@code Retry-After} in the
 * shape of the API called. The suite runs with generous limits; these tests narrow one caller's
 * bucket with the overrides an operator would set.
 */
class RateLimitTest extends ApiTest {

    /** Gives the caller a bucket of {@code capacity} requests that refills one per 100 s. */
    private void narrow(Party caller, int capacity) {
        assertThat(api.get("/api/v1/orders", caller.key()).status()).isEqualTo(200);
        var updated = jdbc.sql("""
                        update rate_buckets
                        set capacity_override = :capacity, per_second_override = 0.01, tokens = :capacity
                        where bucket = :bucket""")
                .param("capacity", capacity)
                .param("bucket", "party:" + caller.id())
                .update();
        assertThat(updated).isOne();
    }

    @Test
    void theCanonicalApiAnswers429WithRetryAfterOnceTheBucketIsEmpty() {
        var buyer = given.party("BUYER");
        narrow(buyer, 2);

        var first = api.get("/api/v1/orders", buyer.key());
        var second = api.get("/api/v1/orders", buyer.key());
        var third = api.get("/api/v1/orders", buyer.key());

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).as(third.toString()).isEqualTo(429);
        assertThat(third.header("Content-Type")).startsWith("application/problem+json");
        assertThat(third.json().get("type").asString()).isEqualTo("/problems/too-many-requests");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 100L);
        // Another caller of the same tenant has a bucket of its own.
        assertThat(api.get("/api/v1/orders", given.party("BUYER").key()).status())
                .isEqualTo(200);
    }

    @Test
    void eachDialectAnswers429InItsOwnShape() {
        var seller = given.party("SELLER");
        narrow(seller, 1);
        assertThat(api.get("/api/v1/orders", seller.key()).status()).isEqualTo(200);

        var mirakl = api.get("/v2/orders", seller.key());
        var walmart = api.request("GET", "/v3/ca/orders")
                .key(seller.key())
                .header("Accept", "application/xml")
                .send();
        var crux = api.request("GET", "/orders/00000000-0000-0000-0000-000000000000/")
                .header("Authorization", "Token " + seller.key())
                .send();
        var tradecloud = api.request("GET", "/v2/order/00000000-0000-0000-0000-000000000000")
                .key(seller.key())
                .send();

        assertThat(mirakl.status()).as(mirakl.toString()).isEqualTo(429);
        assertThat(mirakl.json().get("code").asString()).isEqualTo("TOO_MANY_REQUEST");
        assertThat(walmart.status()).as(walmart.toString()).isEqualTo(429);
        assertThat(walmart.text()).contains("<code>REQUEST_THRESHOLD_VIOLATED.GMP_ORDER_API</code>");
        assertThat(crux.status()).as(crux.toString()).isEqualTo(429);
        assertThat(crux.json().get("detail").asString()).contains("throttled");
        assertThat(tradecloud.status()).as(tradecloud.toString()).isEqualTo(429);
        assertThat(tradecloud.json().get("ok").asBoolean()).isFalse();
        for (Api.Response response : java.util.List.of(mirakl, walmart, crux, tradecloud)) {
            assertThat(response.header("Retry-After")).isNotNull();
        }
    }
}
