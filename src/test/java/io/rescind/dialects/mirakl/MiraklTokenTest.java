package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MiraklTokenTest extends ApiTest {

    @Autowired
    private MiraklTokens tokens;

    private Api.Response requestToken(Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api.request("POST", "/mirakl/oauth/token")
                .raw("application/x-www-form-urlencoded", body)
                .send();
    }

    private String token(Party party, String scope) {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", party.id().toString());
        form.put("client_secret", party.key());
        if (scope != null) {
            form.put("scope", scope);
        }
        var response = requestToken(form);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(response.json().get("expires_in").asLong()).isPositive();
        return response.json().get("access_token").asString();
    }

    private String anOrderOf(io.rescind.support.Fixtures.Trade trade) {
        return given.anOrder(trade).withLine(2, "3.00").place().get("id").asString();
    }

    @Test
    void aTokenGrantsItsScopesAndNoOthers() {
        var trade = given.trade();
        var orderId = anOrderOf(trade);
        var readOnly = token(trade.buyer(), "connect:order:read connect:order:action:read");
        var everything = token(trade.buyer(), null);
        var cancel = Map.of(
                "cancelations",
                java.util.List.of(Map.of(
                        "product_id",
                        "SKU-1",
                        "quantity",
                        1,
                        "reason",
                        "AGREEMENT",
                        "price",
                        Map.of("amount", 3, "currency", "EUR"),
                        "shipping_price",
                        Map.of("amount", 0, "currency", "EUR"))));

        assertThat(api.get("/v2/orders?order_ids=" + orderId, readOnly).status())
                .isEqualTo(200);
        var refused = api.post("/v2/orders/" + orderId + "/cancel", readOnly, cancel);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("FORBIDDEN");

        var accepted = api.post("/v2/orders/" + orderId + "/cancel", everything, cancel);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        var actionId = accepted.json().get("action_id").asString();
        assertThat(api.get("/v2/orders/actions/" + actionId, readOnly).status()).isEqualTo(200);
        assertThat(api.get("/v2/orders/actions/" + actionId, token(trade.buyer(), "connect:order:cancel"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/v2/orders/tracking/" + actionId, token(trade.buyer(), "connect:order-tracking:read"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void forgedTamperedAndExpiredTokensAre401() {
        var trade = given.trade();
        var valid = token(trade.seller(), null);
        var parts = valid.split("\\.");
        var claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("SELLER", "OPERATOR");
        var tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        var caller = new Caller(UUID.randomUUID(), trade.seller().id(), PartyRole.SELLER);
        var forged = new MiraklTokens(new TokenProperties("another-secret-of-at-least-32-bytes!!", Duration.ofHours(1)))
                .issue(caller, MiraklTokens.SCOPES, Instant.now());
        var expired = tokens.issue(caller, MiraklTokens.SCOPES, Instant.now().minus(Duration.ofHours(2)));

        for (var token : new String[] {tampered, forged, expired, "a.b.c"}) {
            var response = api.get("/v2/orders", token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(api.get("/v2/orders", valid).status()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotAFormIsRefusedInOAuthTermsNotAsProblemDetails() {
        var party = given.party("BUYER");
        var json = api.request("POST", "/mirakl/oauth/token")
                .json(Map.of("grant_type", "client_credentials", "client_id", party.id(), "client_secret", party.key()))
                .send();

        assertThat(json.status()).as(json.toString()).isEqualTo(400);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(json.json().has("type")).isFalse();
    }

    @Test
    void everyCallIsServedUnderApiTooAsMiraklsServerUrlHasIt() {
        var trade = given.trade();
        var order = anOrderOf(trade);
        var token = token(trade.buyer(), null);

        var rooted =
                api.request("GET", "/v2/orders?order_ids=" + order).key(token).send();
        var underApi = api.request("GET", "/api/v2/orders?order_ids=" + order)
                .key(token)
                .send();

        assertThat(underApi.status()).as(underApi.toString()).isEqualTo(200);
        assertThat(underApi.json().at("/data/0/id").asString()).isEqualTo(order);
        assertThat(underApi.json()).isEqualTo(rooted.json());
        var unknown = api.request("GET", "/api/v2/orders/actions/" + UUID.randomUUID())
                .key(token)
                .send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("DATA_NOT_FOUND");
    }

    @Test
    void theTokenEndpointRefusesBadClientsInOAuthTerms() {
        var party = given.party("BUYER");
        var wrongSecret = requestToken(Map.of(
                "grant_type", "client_credentials", "client_id", party.id().toString(), "client_secret", "rk_nope"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asString()).isEqualTo("invalid_client");

        var otherId = requestToken(Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                UUID.randomUUID().toString(),
                "client_secret",
                party.key()));
        assertThat(otherId.status()).isEqualTo(401);

        var grant = requestToken(Map.of("grant_type", "password", "client_id", "x", "client_secret", "y"));
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().get("error").asString()).isEqualTo("unsupported_grant_type");

        var scope = requestToken(Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                party.id().toString(),
                "client_secret",
                party.key(),
                "scope",
                "connect:everything"));
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().get("error").asString()).isEqualTo("invalid_scope");

        var basic = api.request("POST", "/mirakl/oauth/token")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (party.id() + ":" + party.key()).getBytes(StandardCharsets.UTF_8)))
                .raw("application/x-www-form-urlencoded", "grant_type=client_credentials")
                .send();
        assertThat(basic.status()).as(basic.toString()).isEqualTo(200);
        assertThat(api.get("/v2/orders", basic.json().get("access_token").asString())
                        .status())
                .isEqualTo(200);
    }
}
