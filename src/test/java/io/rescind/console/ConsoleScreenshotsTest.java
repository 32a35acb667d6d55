package io.rescind.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Screenshots of the console's main pages, on a desktop and on a phone-sized screen, taken with
 * the same browser as the other tests. They go to {@code target/console-screenshots}; the README's
 * are made with {@code -Drescind.console.screenshots=docs/console}.
 */
class ConsoleScreenshotsTest extends ApiTest {

    private static final Path OUT =
            Path.of(System.getProperty("rescind.console.screenshots", "target/console-screenshots"));

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    private Fixtures.Party named(String name, String role) {
        var response = api.post("/api/v1/parties", OPERATOR_KEY, Map.of("name", name, "role", role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Fixtures.Party(
                UUID.fromString(response.json().at("/party/id").asString()),
                response.json().get("apiKey").asString());
    }

    @Test
    void theMainPages() throws IOException {
        Files.createDirectories(OUT);
        var trade = new Fixtures.Trade(named("Northwind Retail", "BUYER"), named("Contoso Supplies", "SELLER"));
        api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                Map.of(
                        "buyerMayCancel", List.of("ISSUED", "IN_PROGRESS", "CONFIRMED"),
                        "sellerMayCancel", List.of("ISSUED", "IN_PROGRESS", "CONFIRMED"),
                        "sellerNeedsApproval", List.of("ISSUED")));
        var vat = Map.<String, Object>of(
                "taxes",
                List.of(Map.of("code", "VAT", "amount", new BigDecimal("6.30"))),
                "shippingPrice",
                new BigDecimal("5.00"));
        given.anOrder(trade).numbered("NW-2026-0141").withLine(12, "3.40").place();
        var order = given.anOrder(trade)
                .numbered("NW-2026-0142")
                .withLine(3, "10.00", vat)
                .withLine(20, "1.25")
                .withLine(2, "89.00")
                .place();
        given.anOrder(trade).numbered("NW-2026-0143").withLine(1, "249.00").place();
        var orderId = order.get("id").asString();
        api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 2, "quantity", 5))));
        var pending = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.seller().key(),
                Map.of("reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineNumber", 3, "quantity", 1))));
        assertThat(pending.status()).isEqualTo(202);

        try (var desktop = Browser.open(port, 1280, 1000);
                var phone = Browser.open(port, 390, 844)) {
            desktop.go("/console/sign-in");
            save(desktop, "sign-in");
            desktop.signIn(trade.buyer().key());
            save(desktop, "orders");
            desktop.go("/console/orders/" + orderId);
            save(desktop, "order");
            desktop.go("/console/orders/" + orderId + "/cancel");
            desktop.type(By.id("quantity-1"), "1");
            desktop.choose(By.id("reason"), "CUSTOMER_REQUEST");
            desktop.type(By.id("note"), "Customer called: one unit too many");
            save(desktop, "cancel");
            desktop.find(By.cssSelector("#cancel-form button[type=submit]")).click();
            desktop.waitFor(By.id("confirm"));
            save(desktop, "cancel-preview");
            desktop.find(By.id("confirm")).click();
            desktop.waitFor(By.id("outcome"));
            save(desktop, "cancel-outcome");
            desktop.go("/console/requests");
            save(desktop, "requests");

            desktop.forget();
            desktop.signIn(OPERATOR_KEY);
            desktop.go("/console/operator/policies?seller=" + trade.seller().id());
            save(desktop, "operator-policies");
            desktop.go("/console/operator/parties/" + trade.buyer().id());
            save(desktop, "operator-party");

            phone.signIn(trade.buyer().key());
            phone.go("/console/orders/" + orderId);
            save(phone, "phone-order");
            phone.go("/console/orders/" + orderId + "/cancel");
            save(phone, "phone-cancel");
        }
        assertThat(OUT.resolve("order.png")).isNotEmptyFile();
    }

    private static void save(Browser browser, String name) throws IOException {
        Files.write(OUT.resolve(name + ".png"), browser.screenshot());
    }
}
