package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionApiTest extends ApiTest {

    private static final String SUBSCRIPTIONS = "/api/v1/webhooks/subscriptions";

    @Test
    void aPartyRegistersListsAndRemovesASubscription() {
        var seller = given.party("SELLER");
        var secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        var created = api.post(
                SUBSCRIPTIONS,
                seller.key(),
                Map.of(
                        "url",
                        "http://127.0.0.1:9/hooks",
                        "eventTypes",
                        List.of("cancellation.applied", "cancellation.reverted"),
                        "secret",
                        secret,
                        "flavour",
                        "tradecloud"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var subscription = created.json().get("subscription");
        var id = subscription.get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/subscriptions/" + id);
        assertThat(created.json().get("secret").asString()).isEqualTo(secret);
        assertThat(subscription.get("flavour").asString()).isEqualTo("tradecloud");
        assertThat(subscription.has("secret")).isFalse();

        var listed = api.get(SUBSCRIPTIONS, seller.key()).json().get("subscriptions");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(id);
        assertThat(api.get(SUBSCRIPTIONS + "/" + id, OPERATOR_KEY).status()).isEqualTo(200);

        var stranger = given.party("BUYER");
        assertThat(api.get(SUBSCRIPTIONS + "/" + id, stranger.key()).status()).isEqualTo(404);
        assertThat(api.get(SUBSCRIPTIONS, stranger.key()).json().get("subscriptions"))
                .isEmpty();
        assertThat(api.request("DELETE", SUBSCRIPTIONS + "/" + id)
                        .key(stranger.key())
                        .send()
                        .status())
                .isEqualTo(404);

        assertThat(api.request("DELETE", SUBSCRIPTIONS + "/" + id)
                        .key(seller.key())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.get(SUBSCRIPTIONS + "/" + id, seller.key())
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aGeneratedSecretIsShownOnce() {
        var buyer = given.party("BUYER");
        var created = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "https://127.0.0.1/hooks"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("secret").asString()).startsWith("whsec_");
        assertThat(created.json().at("/subscription/eventTypes")).isEmpty();
        var id = created.json().at("/subscription/id").asString();
        assertThat(api.get(SUBSCRIPTIONS + "/" + id, buyer.key()).text()).doesNotContain("whsec_");
    }

    @Test
    void urlsIntoInternalNetworksAreRefused() {
        var buyer = given.party("BUYER");
        for (var url : List.of(
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.8/hooks",
                "http://192.168.1.1/",
                "http://172.16.5.4/",
                "http://[fd00::1]/",
                "http://[fe80::1]/",
                "http://0.0.0.0/",
                "http://100.64.0.1/")) {
            var response = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", url));
            assertThat(response.status()).as(url + " " + response).isEqualTo(422);
            assertThat(response.json().get("type").asString()).isEqualTo("/problems/forbidden-webhook-url");
        }
        var ftp = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "ftp://example.com/"));
        assertThat(ftp.status()).isEqualTo(422);
        assertThat(api.get(SUBSCRIPTIONS, buyer.key()).json().get("subscriptions"))
                .isEmpty();
    }

    @Test
    void badRequestsGetProblemDetails() {
        var buyer = given.party("BUYER");
        var unknownType = api.post(
                SUBSCRIPTIONS, buyer.key(), Map.of("url", "http://127.0.0.1/", "eventTypes", List.of("order.eaten")));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().get("type").asString()).isEqualTo("/problems/unknown-event-type");
        assertThat(unknownType.json().get("unknown").get(0).asString()).isEqualTo("order.eaten");

        var flavour = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "http://127.0.0.1/", "flavour", "mirakl"));
        assertThat(flavour.status()).isEqualTo(400);
        assertThat(flavour.json().get("type").asString()).isEqualTo("/problems/unknown-flavour");

        var secret = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "http://127.0.0.1/", "secret", "hunter2"));
        assertThat(secret.status()).isEqualTo(400);
        assertThat(secret.json().get("type").asString()).isEqualTo("/problems/invalid-webhook-secret");

        var relative = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "/hooks"));
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.json().get("type").asString()).isEqualTo("/problems/invalid-webhook-url");

        var spaces = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "http://exa mple.com/"));
        assertThat(spaces.status()).isEqualTo(400);

        var missing = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("eventTypes", List.of()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("type").asString()).isEqualTo("/problems/invalid-request");

        var wrongType = api.post(SUBSCRIPTIONS, buyer.key(), "{\"url\": \"http://127.0.0.1/\", \"eventTypes\": 7}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("type").asString()).isEqualTo("/problems/malformed-request");

        var malformed = api.post(SUBSCRIPTIONS, buyer.key(), "{\"url\": ");
        assertThat(malformed.status()).isEqualTo(400);

        var text = api.request("POST", SUBSCRIPTIONS)
                .key(buyer.key())
                .raw("text/plain", "http://127.0.0.1/")
                .send();
        assertThat(text.status()).isEqualTo(415);

        var longUrl = api.post(SUBSCRIPTIONS, buyer.key(), Map.of("url", "http://127.0.0.1/" + "a".repeat(3000)));
        assertThat(longUrl.status()).isEqualTo(400);

        assertThat(api.get("/api/v1/webhooks/deliveries?status=LOST", buyer.key())
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/webhooks/deliveries?limit=0", buyer.key()).status())
                .isEqualTo(400);
        var notUuid = api.get("/api/v1/webhooks/deliveries/not-a-uuid", buyer.key());
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/webhooks/deliveries/" + java.util.UUID.randomUUID(), buyer.key())
                        .status())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/webhooks/deliveries/" + java.util.UUID.randomUUID() + "/redeliver",
                                buyer.key(),
                                Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void callersMustAuthenticate() {
        var response = api.post(SUBSCRIPTIONS, null, Map.of("url", "http://127.0.0.1/"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unauthenticated");
        assertThat(api.get("/api/v1/webhooks/deliveries", "rk_wrong").status()).isEqualTo(401);
    }
}
