package io.rescind.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
        name = "requests",
        mixinStandardHelpOptions = true,
        description = "Cancel requests awaiting your decision: list, accept, reject.",
        subcommands = {RequestsCommand.List.class, RequestsCommand.Accept.class, RequestsCommand.Reject.class})
final class RequestsCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Requests awaiting your decision (an operator: all of the tenant's).")
    static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--limit",
                defaultValue = "100",
                description = "at most this many, up to 500 (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            var root = OrdersCommand.root(spec);
            var requests = root.client().get("/api/v1/cancellation-requests" + Client.query(Map.of("limit", limit)));
            if (root.json()) {
                root.printJson(requests);
                return 0;
            }
            var table = new Table("ORDER", "CANCELLATION", "REASON", "LINES", "UNITS", "REQUESTED BY", "EXPIRES");
            for (var request : requests) {
                long units = 0;
                for (var line : request.path("lines")) {
                    units += line.path("quantity").asLong();
                }
                table.row(
                        request.path("orderId").asString(""),
                        request.path("id").asString(""),
                        request.path("reason").asString(""),
                        request.path("lines").size(),
                        units,
                        request.path("requestedBy").asString(""),
                        request.path("expiresAt").asString(""));
            }
            table.print(root.out());
            return 0;
        }
    }

    static Integer decide(CommandSpec spec, String orderId, String cancellationId, String verdict) {
        var root = OrdersCommand.root(spec);
        JsonNode decided = root.client()
                .post("/api/v1/orders/" + orderId + "/cancellations/" + cancellationId + "/" + verdict, Map.of());
        if (root.json()) {
            root.printJson(decided);
        } else {
            root.out()
                    .println("Cancellation " + cancellationId + " "
                            + decided.path("status").asString(""));
            root.out().flush();
        }
        return 0;
    }

    @Command(
            name = "accept",
            mixinStandardHelpOptions = true,
            description = "Accept a request: its units are cancelled.")
    static final class Accept implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ORDER_ID")
        String orderId;

        @Parameters(index = "1", paramLabel = "CANCELLATION_ID")
        String cancellationId;

        @Override
        public Integer call() {
            return decide(spec, orderId, cancellationId, "accept");
        }
    }

    @Command(
            name = "reject",
            mixinStandardHelpOptions = true,
            description = "Reject a request: its units are open again.")
    static final class Reject implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ORDER_ID")
        String orderId;

        @Parameters(index = "1", paramLabel = "CANCELLATION_ID")
        String cancellationId;

        @Override
        public Integer call() {
            return decide(spec, orderId, cancellationId, "reject");
        }
    }
}
