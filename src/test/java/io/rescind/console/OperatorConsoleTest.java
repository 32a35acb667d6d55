package io.rescind.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The operator's pages in a real headless Chromium: parties and keys, policies, dead letters. */
class OperatorConsoleTest extends ApiTest {

    private static Browser browser;

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void signedInAsOperator() {
        if (browser == null) {
            browser = Browser.open(port, 1280, 900);
        }
        browser.forget();
        browser.signIn(OPERATOR_KEY);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void anOperatorCreatesAPartyIssuesAndRevokesKeys() {
        var name = "Console buyer " + System.nanoTime();
        browser.go("/console/operator/parties");
        browser.type(By.id("name"), name);
        browser.find(By.id("role-BUYER")).click();
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        var firstKey = browser.waitFor(By.id("issued-key")).getText();
        assertThat(api.get("/api/v1/me", firstKey).json().get("name").asString())
                .isEqualTo(name);

        // Shown once: the list has the party, no page shows its key again.
        browser.go("/console/operator/parties");
        browser.click(By.linkText(name));
        assertThat(browser.waitFor(By.tagName("main")).getText()).doesNotContain(firstKey);
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        var secondKey = browser.waitFor(By.id("issued-key")).getText();
        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(browser.rows(By.cssSelector("main table tbody tr"))).isEqualTo(2);

        // The second key, never used (so not remembered by any cache), is revoked.
        browser.find(By.cssSelector("main table tbody tr:last-child button")).click();
        assertThat(browser.waitFor(By.cssSelector(".notice.ok")).getText()).contains("Key revoked");
        assertThat(browser.text(By.cssSelector("main table tbody tr:last-child")))
                .contains("Revoked");
        assertThat(api.get("/api/v1/me", secondKey).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", firstKey).status()).isEqualTo(200);
    }

    @Test
    void revokingAKeyEndsTheConsoleSessionsSignedInWithIt() {
        var created = api.post("/api/v1/parties", OPERATOR_KEY, Map.of("name", "Revoked seller", "role", "SELLER"))
                .json();
        var partyId = created.at("/party/id").asString();
        var key = created.get("apiKey").asString();
        browser.forget();
        browser.signIn(key);

        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(200);
        revokeOnlyKey(partyId);
        assertThat(api.get("/api/v1/me", key).status()).isIn(200, 401);
        // Within the key cache period (10 s here) the next page sends the session to sign in.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.go("/console/orders");
            return browser.path().startsWith("/console/sign-in");
        });
        assertThat(browser.text(By.cssSelector("[role=alert]"))).contains("was revoked");
    }

    /** Revokes the party's one key on the operator's page, in a second browser window's session. */
    private void revokeOnlyKey(String partyId) {
        try (var operator = Browser.open(port, 1280, 900)) {
            operator.signIn(OPERATOR_KEY);
            operator.go("/console/operator/parties/" + partyId);
            operator.find(By.cssSelector("main table tbody tr:first-child button"))
                    .click();
            operator.waitFor(By.cssSelector(".notice.ok"));
        }
    }

    @Test
    void anOperatorSetsASellersPolicy() {
        var seller = given.party("SELLER");
        browser.go("/console/operator/policies?seller=" + seller.id());
        browser.find(By.cssSelector("input[name=buyerNeedsApproval][value=CONFIRMED]"))
                .click();
        browser.type(By.id("pendingTtl"), "PT12H");
        browser.choose(By.id("onExpiry"), "ACCEPT");
        browser.find(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(browser.waitFor(By.cssSelector(".notice.ok")).getText()).contains("Policy saved");

        var policy = api.get("/api/v1/sellers/" + seller.id() + "/cancellation-policy", OPERATOR_KEY)
                .json();
        assertThat(policy.get("buyerNeedsApproval").toString()).isEqualTo("[\"CONFIRMED\"]");
        assertThat(policy.get("pendingTtl").asString()).isEqualTo("PT12H");
        assertThat(policy.get("onExpiry").asString()).isEqualTo("ACCEPT");

        // A duration that is none is refused in words, and nothing is saved.
        browser.type(By.id("pendingTtl"), "a week");
        browser.find(By.cssSelector("form.stack button[type=submit]")).click();
        assertThat(browser.waitFor(By.cssSelector(".notice.bad")).getText()).contains("is not a duration");
        assertThat(api.get("/api/v1/sellers/" + seller.id() + "/cancellation-policy", OPERATOR_KEY)
                        .json()
                        .get("pendingTtl")
                        .asString())
                .isEqualTo("PT12H");
    }

    @Test
    void anOperatorRedeliversADeadLetter() {
        var trade = given.trade();
        // Nothing listens on the discard port: every attempt fails and the delivery dies.
        var subscribed = api.post(
                "/api/v1/webhooks/subscriptions",
                trade.buyer().key(),
                Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("order.created")));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        var subscriptionId = subscribed.json().at("/subscription/id").asString();
        given.anOrder(trade).withLine(1, "1.00").place();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(
                                        "/api/v1/webhooks/deliveries?status=DEAD&subscriptionId=" + subscriptionId,
                                        trade.buyer().key())
                                .json()
                                .get("deliveries")
                                .size()
                        == 1);

        browser.go("/console/operator/webhooks?status=DEAD&subscription=" + subscriptionId);
        assertThat(browser.waitFor(By.cssSelector("#deliveries tbody")).getText())
                .contains("Dead letter");
        browser.find(By.cssSelector("#deliveries tbody button")).click();
        assertThat(browser.waitFor(By.cssSelector(".notice.ok")).getText()).contains("Delivery queued again");
        var delivery = api.get(
                        "/api/v1/webhooks/deliveries?subscriptionId=" + subscriptionId,
                        trade.buyer().key())
                .json()
                .get("deliveries")
                .get(0);
        assertThat(delivery.get("status").asString()).isIn("PENDING", "DEAD");
    }

    @Test
    void theDashboardCountsTodaysCancelsAndRefusals() {
        var trade = given.trade();
        var orderId = given.anOrder(trade).withLine(2, "5.00").place().get("id").asString();
        var applied = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1))));
        assertThat(applied.status()).isEqualTo(201);
        var refused = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 5))));
        assertThat(refused.status()).isEqualTo(409);

        browser.click(By.linkText("Today"));
        assertThat(browser.waitFor(By.id("changes")).getText())
                .contains("Lines cancelled")
                .contains("Cancel refused");
        assertThat(browser.text(By.id("refusals"))).contains("More units were asked for than are open");
        assertThat(browser.text(By.id("pending"))).matches("\\d+\\+?");
    }

    @Test
    void anOperatorSeesAFailedActionAndWhy() {
        var trade = given.trade();
        var orderId = given.anOrder(trade).withLine(2, "5.00").place().get("id").asString();
        var accepted = api.request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                .key(trade.buyer().key())
                .header("Prefer", "respond-async")
                .json(Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 9))))
                .send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        var actionId = accepted.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(
                                "/api/v1/actions/" + actionId, trade.buyer().key())
                        .json()
                        .get("status")
                        .asString()
                        .equals("FAILED"));

        assertThat(browser.rows(By.linkText("Actions"))).isEqualTo(1);
        browser.go("/console/operator/actions");
        browser.choose(By.id("status"), "FAILED");
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        // The filtered page replaces the one shown before: a row found on the old one goes stale.
        var row = By.xpath("//table[@id='actions']//tr[td/a[contains(@href, '" + orderId + "')]]");
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.waitFor(row).getText())
                        .contains("Failed")
                        .contains("open units"));
    }

    @Test
    void buyersAndSellersDoNotReachTheOperatorPages() {
        var buyer = given.party("BUYER");
        browser.forget();
        browser.signIn(buyer.key());
        assertThat(browser.rows(By.linkText("Parties"))).isZero();
        browser.go("/console/operator/parties");
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.text(By.tagName("main"))).doesNotContain("New party");
    }
}
