package io.rescind.dialects.tradecloud;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rescind.support.Fixtures;
import io.rescind.support.Fixtures.Party;
import io.rescind.support.Fixtures.Trade;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the Tradecloud tests send as a client would: credentials, messages, the SDK's examples. */
final class TradecloudMessages {

    private static final Path EXAMPLES = Path.of("../shared/reference/vendors/tradecloud/examples");

    private TradecloudMessages() {}

    /** {@code Authorization: Basic} with the party's id as user and its API key as password. */
    static String basic(Party party) {
        return "Basic " + encode(party.id() + ":" + party.key());
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** An indicators message: the order's flags (may be null) and each position's own. */
    static Map<String, Object> indicators(
            String number, Map<String, Object> orderIndicators, Map<String, Map<String, Object>> lineIndicators) {
        var order = new LinkedHashMap<String, Object>();
        order.put("purchaseOrderNumber", number);
        if (orderIndicators != null) {
            order.put("indicators", orderIndicators);
        }
        var lines = new ArrayList<Map<String, Object>>();
        lineIndicators.forEach((position, flags) -> lines.add(Map.of("position", position, "indicators", flags)));
        return Map.of("order", order, "lines", lines);
    }

    /** An order placed on the canonical API, 3 units at 10.00 per position; returns its number. */
    static String placed(Fixtures given, Trade trade, String... positions) {
        var number = Fixtures.uniqueNumber();
        var order = given.anOrder(trade).numbered(number);
        for (var position : List.of(positions)) {
            order.withLine(3, "10.00", Map.of("position", position));
        }
        order.place();
        return number;
    }

    /** One of the SDK's payloads as it is; the test is skipped when they are not beside the repository. */
    static String example(String name) throws Exception {
        var file = EXAMPLES.resolve(name);
        assumeTrue(Files.exists(file), "Tradecloud's SDK examples are not beside the repository");
        return Files.readString(file);
    }
}
