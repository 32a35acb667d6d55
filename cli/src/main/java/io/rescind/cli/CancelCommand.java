package io.rescind.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancel one order: named lines (all or part of their quantity), or everything still open.",
            "Exit code 0 when applied or awaiting approval, 4 when refused."
        })
final class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ORDER_ID", description = "the order's id")
    String orderId;

    @Option(
            names = {"-l", "--line"},
            paramLabel = "LINE[:QTY]",
            description = "a line by number (or id, or position=P), optionally :quantity; repeat for more lines."
                    + " None: cancel everything open on the order")
    List<String> lines = new ArrayList<>();

    @Option(names = "--reason", required = true, description = "a cancel reason: OUT_OF_STOCK, CUSTOMER_REQUEST ...")
    String reason;

    @Option(names = "--note", description = "a note kept with the cancellation")
    String note;

    @Option(names = "--no-restock", description = "do not give the units back to stock (damaged or lost goods)")
    boolean noRestock;

    @Option(
            names = "--idempotency-key",
            description = "sent as Idempotency-Key: running the same command again changes nothing")
    String idempotencyKey;

    @Override
    public Integer call() {
        var root = OrdersCommand.root(spec);
        var body = new LinkedHashMap<String, Object>();
        body.put("reason", reason);
        if (note != null) {
            body.put("note", note);
        }
        if (noRestock) {
            body.put("restock", false);
        }
        String path;
        if (lines.isEmpty()) {
            path = "/api/v1/orders/" + orderId + "/cancel";
        } else {
            body.put("lines", lines.stream().map(CancelCommand::line).toList());
            path = "/api/v1/orders/" + orderId + "/cancellations";
        }
        var headers = idempotencyKey == null ? Map.<String, String>of() : Map.of("Idempotency-Key", idempotencyKey);
        JsonNode cancellation;
        int status;
        try {
            var reply = root.client().send("POST", path, body, headers);
            cancellation = reply.body();
            status = reply.status();
        } catch (Client.ApiError refused) {
            if (refused.status != 409 || !refused.problem.has("refusals")) {
                throw refused;
            }
            cancellation = refused.problem;
            status = 409;
        }
        if (root.json()) {
            root.printJson(cancellation);
        } else {
            print(root, cancellation, status);
        }
        return status == 409 ? Rescind.REFUSED : 0;
    }

    private static void print(Rescind root, JsonNode cancellation, int status) {
        var out = root.out();
        switch (status) {
            case 409 -> out.println("Refused: " + cancellation.path("detail").asString(""));
            case 202 ->
                out.printf(
                        "Awaiting the counterparty's approval: cancellation %s%n",
                        cancellation.path("id").asString(""));
            default ->
                out.printf(
                        "Cancelled (%s): cancellation %s%n",
                        cancellation.path("status").asString(""),
                        cancellation.path("id").asString(""));
        }
        if (status == 409) {
            var table = new Table("LINE", "REASON", "DETAIL");
            cancellation
                    .path("refusals")
                    .forEach(refusal -> table.row(
                            refusal.path("lineNumber").asString(""),
                            refusal.path("reason").asString(refusal.path("code").asString("")),
                            refusal.path("detail").asString("")));
            table.print(out);
        } else {
            var table = new Table("LINE", "QTY", "PRICE");
            cancellation
                    .path("lines")
                    .forEach(line -> table.row(
                            line.path("lineNumber").asInt(),
                            line.path("quantity").asLong(),
                            line.path("amounts").path("price").asString("")));
            table.print(out);
        }
        out.flush();
    }

    /** "2", "2:1", "position=10:1", or a line id with an optional ":quantity". */
    static Map<String, Object> line(String spec) {
        var parts = spec.split(":", 2);
        var line = new LinkedHashMap<String, Object>();
        var ref = parts[0];
        if (ref.startsWith("position=")) {
            line.put("position", ref.substring("position=".length()));
        } else if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()) {
            line.put("lineNumber", Integer.parseInt(ref));
        } else {
            try {
                line.put("lineId", UUID.fromString(ref).toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + spec
                        + "' is not a line: give a number, position=P or a line id, then optionally :quantity");
            }
        }
        if (parts.length == 2) {
            try {
                line.put("quantity", Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[1] + "' is not a quantity in '" + spec + "'");
            }
        }
        return line;
    }
}
