package io.rescind.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real headless Chromium against the real service: what a person does on the
 * pages, checked afterwards through the REST API.
 */
class ConsoleBrowserTest extends ApiTest {

    private static Browser browser;

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void freshSession() {
        if (browser == null) {
            browser = Browser.open(port, 1280, 900);
        }
        browser.forget();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private JsonNode orderWithTaxAndShipping(Fixtures.Trade trade) {
        return given.anOrder(trade)
                .withLine(
                        3,
                        "10.00",
                        Map.of(
                                "taxes",
                                List.of(Map.of("code", "VAT", "amount", new BigDecimal("6.30"))),
                                "shippingPrice",
                                new BigDecimal("5.00")))
                .withLine(2, "4.00")
                .place();
    }

    @Test
    void aBuyerFindsAnOrderCancelsPartOfALineAndTheApiShowsTheSame() {
        var trade = given.trade();
        var other = given.anOrder(trade).withLine(1, "1.00").place();
        var order = orderWithTaxAndShipping(trade);
        var orderId = order.get("id").asString();

        browser.signIn(trade.buyer().key());
        assertThat(browser.rows(By.cssSelector("#results tbody tr"))).isEqualTo(2);
        // The search narrows the list as the number is typed (htmx), with no submit.
        browser.type(By.id("q"), order.get("orderNumber").asString());
        browser.waitUntil(() -> browser.rows(By.cssSelector("#results tbody tr")) == 1
                && browser.text(By.id("results"))
                        .contains(order.get("orderNumber").asString()));
        assertThat(browser.text(By.id("results")))
                .doesNotContain(other.get("orderNumber").asString());
        browser.click(By.linkText(order.get("number").asString()));
        browser.waitForText(By.tagName("h1"), "Order " + order.get("number").asString());

        browser.find(By.linkText("Cancel lines…")).click();
        browser.type(By.id("quantity-1"), "1");
        browser.choose(By.id("reason"), "CUSTOMER_REQUEST");
        browser.type(By.id("note"), "Customer called");
        browser.find(By.cssSelector("#cancel-form button[type=submit]")).click();

        // 10.00 of price, 2.10 of VAT, 1.67 of shipping: the prorated third of the line.
        assertThat(browser.waitFor(By.id("preview-total")).getText()).isEqualTo("13.77 EUR");
        browser.find(By.id("confirm")).click();
        assertThat(browser.waitFor(By.id("outcome")).getText())
                .contains("Cancelled")
                .contains("Line 1: 1 unit, 13.77 EUR");

        browser.find(By.linkText("Back to the order")).click();
        browser.waitFor(By.cssSelector(".history"));
        assertThat(browser.text(By.cssSelector(".history li:last-child"))).contains("Lines cancelled");
        assertThat(browser.text(By.cssSelector("#line-1 .cancelled"))).isEqualTo("1");
        assertThat(browser.text(By.cssSelector("#line-1 .open"))).isEqualTo("2");

        var line = api.get("/api/v1/orders/" + orderId, trade.buyer().key())
                .json()
                .get("lines")
                .get(0);
        assertThat(line.get("cancelledQuantity").asLong()).isEqualTo(1);
        assertThat(line.get("openQuantity").asLong()).isEqualTo(2);
        var cancellations = api.get(
                        "/api/v1/orders/" + orderId + "/cancellations",
                        trade.seller().key())
                .json();
        assertThat(cancellations).hasSize(1);
        assertThat(cancellations.get(0).get("status").asString()).isEqualTo("APPLIED");
        assertThat(cancellations.get(0).get("reason").asString()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(cancellations.get(0).get("note").asString()).isEqualTo("Customer called");
        var history = api.get(
                        "/api/v1/orders/" + orderId + "/history", trade.buyer().key())
                .json();
        assertThat(history.get(history.size() - 1).get("type").asString()).isEqualTo("cancellation.applied");
    }

    @Test
    void aBuyerGuessingAnotherPartysOrderAddressSeesNotFound() {
        var theirs = given.anOrder(given.trade()).withLine(1, "1.00").place();
        var mine = given.trade();

        browser.signIn(mine.buyer().key());
        browser.go("/console/orders/" + theirs.get("id").asString());
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.text(By.cssSelector("[role=alert]"))).contains("Order not found");

        browser.go("/console/orders/" + theirs.get("id").asString() + "/cancel");
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Not found");

        browser.go("/console/orders?q=" + theirs.get("number").asString());
        assertThat(browser.waitFor(By.cssSelector("#results")).getText()).contains("No orders match");
    }

    @Test
    void aPendingRequestAcceptedOnThePageIsApplied() {
        var trade = given.trade();
        var policy = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                Map.of(
                        "buyerMayCancel", List.of("ISSUED", "CONFIRMED"),
                        "sellerMayCancel", List.of("ISSUED", "CONFIRMED"),
                        "buyerNeedsApproval", List.of("ISSUED")));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        var order = given.anOrder(trade).withLine(4, "2.50").place();
        var orderId = order.get("id").asString();
        var requested = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 3))));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);

        browser.signIn(trade.seller().key());
        browser.go("/console/requests");
        browser.waitFor(By.id("request-" + requested.json().get("id").asString()))
                .click();
        browser.find(By.cssSelector("button[value=ACCEPT]")).click();
        assertThat(browser.waitFor(By.cssSelector(".notice.ok")).getText())
                .contains("Order " + order.get("number").asString() + ": request accepted");

        var line = api.get("/api/v1/orders/" + orderId, trade.buyer().key())
                .json()
                .get("lines")
                .get(0);
        assertThat(line.get("cancelledQuantity").asLong()).isEqualTo(3);
        assertThat(line.get("pendingCancelQuantity").asLong()).isZero();
        assertThat(line.get("openQuantity").asLong()).isEqualTo(1);
    }

    @Test
    void badInputOnTheCancelFormWritesNothing() {
        var trade = given.trade();
        var order = orderWithTaxAndShipping(trade);
        var orderId = order.get("id").asString();
        var historyBefore = api.get(
                        "/api/v1/orders/" + orderId + "/history", trade.buyer().key())
                .json()
                .size();
        browser.signIn(trade.buyer().key());

        // A negative quantity.
        browser.go("/console/orders/" + orderId + "/cancel");
        browser.type(By.id("quantity-1"), "-2");
        browser.choose(By.id("reason"), "CUSTOMER_REQUEST");
        browser.find(By.cssSelector("#cancel-form button[type=submit]")).click();
        assertThat(browser.waitFor(By.id("form-errors")).getText())
                .contains("Nothing was cancelled")
                .contains("Line 1: the quantity cannot be negative (-2).");

        // More than is open, and no reason.
        browser.go("/console/orders/" + orderId + "/cancel");
        browser.type(By.id("quantity-2"), "7");
        browser.find(By.cssSelector("#cancel-form button[type=submit]")).click();
        assertThat(browser.waitFor(By.id("form-errors")).getText())
                .contains("Choose a reason for the cancel.")
                .contains("Line 2 has 2 open units; 7 cannot be cancelled.");

        // A line the order does not have, added to the form by hand.
        browser.go("/console/orders/" + orderId + "/cancel");
        browser.script("""
                var input = document.createElement('input');
                input.type = 'hidden'; input.name = 'quantity.99'; input.value = '1';
                document.getElementById('cancel-form').appendChild(input);""");
        browser.choose(By.id("reason"), "CUSTOMER_REQUEST");
        browser.find(By.cssSelector("#cancel-form button[type=submit]")).click();
        assertThat(browser.waitFor(By.id("form-errors")).getText()).contains("This order has no line 99.");

        // A preview made stale by someone else's cancel before it is confirmed.
        browser.go("/console/orders/" + orderId + "/cancel");
        browser.type(By.id("quantity-1"), "2");
        browser.choose(By.id("reason"), "CUSTOMER_REQUEST");
        browser.find(By.cssSelector("#cancel-form button[type=submit]")).click();
        browser.waitFor(By.id("confirm"));
        var meanwhile = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.seller().key(),
                Map.of("reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineNumber", 1, "quantity", 2))));
        assertThat(meanwhile.status()).as(meanwhile.toString()).isEqualTo(201);
        browser.find(By.id("confirm")).click();
        assertThat(browser.waitFor(By.id("form-errors")).getText())
                .contains("This order changed after your page was loaded")
                .contains("Nothing was cancelled");
        assertThat(browser.find(By.id("quantity-1")).getAttribute("max")).isEqualTo("1");

        var cancellations = api.get(
                        "/api/v1/orders/" + orderId + "/cancellations",
                        trade.buyer().key())
                .json();
        assertThat(cancellations).hasSize(1);
        assertThat(cancellations.get(0).get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        var historyAfter = api.get(
                        "/api/v1/orders/" + orderId + "/history", trade.buyer().key())
                .json()
                .size();
        assertThat(historyAfter).isEqualTo(historyBefore + 1);
    }

    @Test
    void signingInNeedsAValidKeyAndSigningOutEndsTheSession() {
        var buyer = given.party("BUYER");
        browser.go("/console/orders");
        assertThat(browser.path()).startsWith("/console/sign-in");

        browser.type(By.id("apiKey"), "rk_not_a_key");
        browser.find(By.cssSelector("main form button[type=submit]")).click();
        assertThat(browser.waitFor(By.id("sign-in-error")).getText()).contains("not valid");

        browser.signIn(buyer.key());
        assertThat(browser.path()).startsWith("/console/orders");
        browser.find(By.cssSelector("form.who button")).click();
        assertThat(browser.waitFor(By.cssSelector("[role=status]")).getText()).contains("You are signed out");
        browser.go("/console/orders");
        assertThat(browser.path()).startsWith("/console/sign-in");

        // The API's bearer key is no way into the console, and the console's pages are no API.
        var withKey = api.get("/console/orders", buyer.key());
        assertThat(withKey.status()).isEqualTo(302);
        assertThat(withKey.header("Location")).endsWith("/console/sign-in");
    }
}
