package io.rescind.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        description = "Orders you can see: list them, show one, read its history.",
        subcommands = {OrdersCommand.List.class, OrdersCommand.Show.class, OrdersCommand.History.class})
final class OrdersCommand {

    static Rescind root(CommandSpec spec) {
        return (Rescind) spec.root().userObject();
    }

    /** "3 ISSUED, 1 CANCELLED": how many lines of the order are in each status. */
    static String statuses(JsonNode order) {
        var counts = new LinkedHashMap<String, Integer>();
        order.path("lines").forEach(line -> counts.merge(line.path("status").asString(""), 1, Integer::sum));
        var text = new StringBuilder();
        counts.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(count)
                .append(' ')
                .append(status));
        return text.toString();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List orders, newest numbers last.")
    static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--status", description = "only orders with a line in this status (ISSUED, CONFIRMED ...)")
        String status;

        @Option(names = "--buyer", description = "only this buyer's orders (party id)")
        String buyerId;

        @Option(names = "--seller", description = "only this seller's orders (party id)")
        String sellerId;

        @Option(names = "--updated-since", description = "only orders changed since (ISO 8601 instant)")
        String updatedSince;

        @Option(
                names = "--limit",
                defaultValue = "50",
                description = "orders per page, at most 200 (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--cursor", description = "the page after this cursor (printed under a full page)")
        String cursor;

        @Option(names = "--all", description = "follow the cursors and list every matching order")
        boolean all;

        @Override
        public Integer call() {
            var root = root(spec);
            var client = root.client();
            var table = new Table("ID", "NUMBER", "BUYER'S NUMBER", "CURRENCY", "LINES", "UPDATED");
            var collected = Client.JSON.createArrayNode();
            String next = cursor;
            do {
                var params = new LinkedHashMap<String, Object>();
                params.put("status", status);
                params.put("buyerId", buyerId);
                params.put("sellerId", sellerId);
                params.put("updatedSince", updatedSince);
                params.put("limit", limit);
                params.put("cursor", next);
                var page = client.get("/api/v1/orders" + Client.query(params));
                for (var order : page.path("items")) {
                    collected.add(order);
                    table.row(
                            order.path("id").asString(""),
                            order.path("number").asLong(),
                            order.path("orderNumber").asString(""),
                            order.path("currency").asString(""),
                            statuses(order),
                            order.path("updatedAt").asString(""));
                }
                next = page.path("nextCursor").isString()
                        ? page.path("nextCursor").asString()
                        : null;
            } while (all && next != null);
            if (root.json()) {
                var result = Client.JSON.createObjectNode();
                result.set("items", collected);
                result.put("nextCursor", next);
                root.printJson(result);
            } else {
                table.print(root.out());
                if (next != null) {
                    root.out().println("more: --cursor " + next);
                    root.out().flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one order and its lines.")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ORDER_ID", description = "the order's id")
        String orderId;

        @Override
        public Integer call() {
            var root = root(spec);
            var order = root.client().get("/api/v1/orders/" + orderId);
            if (root.json()) {
                root.printJson(order);
                return 0;
            }
            var out = root.out();
            out.printf(
                    "Order %s (number %d, buyer's number %s), %s%n  buyer %s, seller %s, updated %s%n",
                    order.path("id").asString(""),
                    order.path("number").asLong(),
                    order.path("orderNumber").asString(""),
                    order.path("currency").asString(""),
                    order.path("buyerId").asString(""),
                    order.path("sellerId").asString(""),
                    order.path("updatedAt").asString(""));
            var table = new Table(
                    "LINE",
                    "POSITION",
                    "PRODUCT",
                    "STATUS",
                    "QTY",
                    "SHIPPED",
                    "CANCELLED",
                    "PENDING",
                    "OPEN",
                    "LINE ID");
            for (var line : order.path("lines")) {
                table.row(
                        line.path("number").asInt(),
                        line.path("position").asString(""),
                        line.path("productId").asString(""),
                        line.path("status").asString(""),
                        line.path("quantity").asLong(),
                        line.path("shippedQuantity").asLong(),
                        line.path("cancelledQuantity").asLong(),
                        line.path("pendingCancelQuantity").asLong(),
                        line.path("openQuantity").asLong(),
                        line.path("id").asString(""));
            }
            table.print(out);
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "What happened to an order, in order.")
    static final class History implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ORDER_ID", description = "the order's id")
        String orderId;

        @Override
        public Integer call() {
            var root = root(spec);
            var history = root.client().get("/api/v1/orders/" + orderId + "/history");
            if (root.json()) {
                root.printJson(history);
                return 0;
            }
            var table = new Table("AT", "TYPE", "ACTOR");
            history.forEach(entry -> table.row(
                    entry.path("at").asString(""),
                    entry.path("type").asString(""),
                    entry.path("actor").asString("")));
            table.print(root.out());
            return 0;
        }
    }
}
