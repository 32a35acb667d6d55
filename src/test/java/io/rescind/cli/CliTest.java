package io.rescind.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code rescind} command line, run in-process as a shell would run it (its own environment,
 * its arguments, its stdout and stderr), against the real Rescind of the test JVM over HTTP.
 */
class CliTest extends ApiTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + "\n" + err;
        }
    }

    private Run rescind(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var line = Rescind.commandLine(env);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://localhost:" + port));
        int exit = line.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run as(Fixtures.Party party, String... args) {
        return rescind(Map.of("RESCIND_API_KEY", party.key()), args);
    }

    @Test
    void ordersListShowAndHistory() {
        var trade = given.trade();
        var order =
                given.anOrder(trade).withLine(3, "10.00").withLine(2, "5.00").place();
        var orderId = order.get("id").asString();

        var list = as(trade.buyer(), "orders", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("ID").contains(orderId).contains("2 ISSUED");

        var show = as(trade.seller(), "orders", "show", orderId);
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("LINE").contains("SKU-1").contains("SKU-2");

        var history = as(trade.buyer(), "orders", "history", orderId);
        assertThat(history.out()).contains("order.created");

        var json = as(trade.buyer(), "orders", "list", "--output", "json");
        assertThat(Api.JSON.readTree(json.out()).get("items").get(0).get("id").asString())
                .isEqualTo(orderId);
    }

    @Test
    void cancelAppliesRefusesAndSaysSoInItsExitCode() {
        var trade = given.trade();
        var orderId = given.anOrder(trade)
                .withLine(3, "10.00")
                .withLine(2, "5.00")
                .place()
                .get("id")
                .asString();

        var applied = as(trade.buyer(), "cancel", orderId, "--line", "1:2", "--reason", "CUSTOMER_REQUEST");
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("Cancelled (APPLIED)").contains("20.00");

        var refused = as(trade.buyer(), "cancel", orderId, "--line", "1:5", "--reason", "CUSTOMER_REQUEST");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.out()).startsWith("Refused");

        var whole = as(trade.buyer(), "cancel", orderId, "--reason", "CUSTOMER_REQUEST", "-o", "json");
        assertThat(whole.exit()).as(whole.toString()).isZero();
        assertThat(Api.JSON.readTree(whole.out()).get("status").asString()).isEqualTo("APPLIED");

        var missing = as(trade.buyer(), "cancel", java.util.UUID.randomUUID().toString(), "--reason", "OTHER");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("/problems/not-found");

        var badKey = rescind(Map.of("RESCIND_API_KEY", "rk_wrong"), "orders", "list");
        assertThat(badKey.exit()).isEqualTo(5);
        var noKey = rescind(Map.of(), "orders", "list");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("RESCIND_API_KEY");
        var badLine = as(trade.buyer(), "cancel", orderId, "--line", "one", "--reason", "OTHER");
        assertThat(badLine.exit()).isEqualTo(2);
    }

    @Test
    void bulkCancelFromACsvShowsPlainProgressOffATerminalAndWritesTheResults() throws IOException {
        var trade = given.trade();
        var csv = new StringBuilder("order_id,line_number,quantity\n");
        var orders = new ArrayList<String>();
        for (int i = 0; i < 6; i++) {
            var id = given.anOrder(trade)
                    .withLine(3, "10.00")
                    .withLine(1, "2.00")
                    .place()
                    .get("id")
                    .asString();
            orders.add(id);
            csv.append(id).append(",1,").append(i == 5 ? 9 : 2).append('\n');
        }
        // One order by number, whole; it is the same order as the first row: merged into one.
        var file = Files.writeString(dir.resolve("orders.csv"), csv);
        var results = dir.resolve("results.csv");

        var run = as(
                trade.seller(),
                "bulk-cancel",
                "--file",
                file.toString(),
                "--reason",
                "OUT_OF_STOCK",
                "--results",
                results.toString(),
                "--poll-interval",
                "50");

        // The last order asks for more than is open: refused, so the exit code says so.
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).contains("Bulk job ").contains("progress: ").doesNotContain("\r");
        assertThat(run.out()).containsPattern("progress: 6/6 orders  applied 5  refused 1  pending approval 0");
        assertThat(run.out()).contains("6 orders, 5 applied, 1 refused");
        var rows = Files.readAllLines(results, StandardCharsets.UTF_8);
        assertThat(rows).hasSize(7);
        assertThat(rows.getFirst()).startsWith("seq,order_id");
        assertThat(rows.get(6)).contains(orders.get(5)).contains("REFUSED").contains("quantity-exceeds-open@1");
        assertThat(api.get("/api/v1/orders/" + orders.get(0), trade.seller().key())
                        .json()
                        .at("/lines/0/cancelledQuantity")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void bulkCancelOfASelectionDrawsABarWhenAskedTo() throws IOException {
        var trade = given.trade();
        for (int i = 0; i < 4; i++) {
            given.anOrder(trade).withLine(2, "3.00").place();
        }
        var results = dir.resolve("bar.csv");
        var run = as(
                trade.seller(),
                "bulk-cancel",
                "--sku",
                "SKU-1",
                "--seller",
                trade.seller().id().toString(),
                "--reason",
                "DISCONTINUED",
                "--progress",
                "bar",
                "--poll-interval",
                "50",
                "--results",
                results.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        // Redrawn in place: carriage return, erase the line, the bar.
        assertThat(run.out()).contains("\r\u001b[2K[").contains("] 100%  4/4 orders  applied 4");
        assertThat(run.out()).doesNotContain("progress: ");
        assertThat(Files.readAllLines(results)).hasSize(5);

        var jobs = as(trade.seller(), "bulk-cancel", "list");
        assertThat(jobs.exit()).as(jobs.toString()).isZero();
        assertThat(jobs.out())
                .startsWith("ID")
                .contains("COMPLETED")
                .contains("DISCONTINUED")
                .contains("4/4");
    }

    @Test
    void bulkCancelDryRunChangesNothing() {
        var trade = given.trade();
        var orderId = given.anOrder(trade).withLine(2, "3.00").place().get("id").asString();
        var run = as(
                trade.seller(),
                "bulk-cancel",
                "--sku",
                "SKU-1",
                "--seller",
                trade.seller().id().toString(),
                "--reason",
                "OTHER",
                "--dry-run");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("Dry run")
                .contains(orderId)
                .contains("APPLIED")
                .contains("Summary: 1 APPLIED");
        assertThat(api.get("/api/v1/orders/" + orderId, trade.seller().key())
                        .json()
                        .at("/lines/0/cancelledQuantity")
                        .asLong())
                .isZero();
    }

    /**
     * A real terminal: the built command runs in its own JVM under {@code script}, which gives it a
     * pseudo-terminal, so that {@code --progress auto} finds a terminal the way it would for a person.
     */
    @Test
    void onARealTerminalTheProgressIsABar() throws Exception {
        var script = Path.of("/usr/bin/script");
        assumeThat(Files.isExecutable(script))
                .as("script(1) gives a pseudo-terminal")
                .isTrue();
        var trade = given.trade();
        for (int i = 0; i < 3; i++) {
            given.anOrder(trade).withLine(2, "3.00").place();
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = String.join(
                " ",
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.rescind.cli.Rescind",
                "bulk-cancel",
                "--sku",
                "SKU-1",
                "--seller",
                trade.seller().id().toString(),
                "--reason",
                "OUT_OF_STOCK",
                "--poll-interval",
                "50",
                "--results",
                dir.resolve("tty.csv").toString(),
                "--url",
                "http://localhost:" + port);
        var process = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        process.environment().put("RESCIND_API_KEY", trade.seller().key());
        var started = process.start();
        started.getOutputStream().close();
        var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(started.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("\r\u001b[2K[")
                .contains("100%  3/3 orders  applied 3")
                .doesNotContain("progress: ");
    }

    @Test
    void requestsAwaitingADecisionAreListedAcceptedAndRejected() {
        var trade = given.trade();
        var policy = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                Map.of(
                        "buyerMayCancel", List.of("ISSUED", "IN_PROGRESS", "CONFIRMED", "REJECTED", "SHIPPED"),
                        "sellerMayCancel", List.of("ISSUED", "IN_PROGRESS", "CONFIRMED", "REJECTED", "SHIPPED"),
                        "buyerNeedsApproval", List.of("ISSUED")));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        var first = given.anOrder(trade).withLine(2, "3.00").place().get("id").asString();
        var second = given.anOrder(trade).withLine(2, "3.00").place().get("id").asString();
        var pending = as(trade.buyer(), "cancel", first, "--line", "1", "--reason", "CUSTOMER_REQUEST");
        assertThat(pending.exit()).as(pending.toString()).isZero();
        assertThat(pending.out()).contains("Awaiting the counterparty's approval");
        as(trade.buyer(), "cancel", second, "--line", "1", "--reason", "CUSTOMER_REQUEST");

        var list = as(trade.seller(), "requests", "list", "-o", "json");
        var requests = Api.JSON.readTree(list.out());
        assertThat(requests).hasSize(2);
        var table = as(trade.seller(), "requests", "list");
        assertThat(table.out()).contains(first).contains(second).contains("CUSTOMER_REQUEST");

        var byOrder = new HashMap<String, String>();
        requests.forEach(
                r -> byOrder.put(r.get("orderId").asString(), r.get("id").asString()));
        var accepted = as(trade.seller(), "requests", "accept", first, byOrder.get(first));
        assertThat(accepted.out()).contains("ACCEPTED");
        var rejected = as(trade.seller(), "requests", "reject", second, byOrder.get(second));
        assertThat(rejected.out()).contains("REJECTED");
        var again = as(trade.seller(), "requests", "reject", second, byOrder.get(second));
        assertThat(again.exit()).isEqualTo(4);
    }

    @Test
    void partiesAndKeysFromAProfileInTheConfigFile() throws IOException {
        var config = Files.writeString(
                dir.resolve("config.properties"),
                "ops.url=http://localhost:" + port + "\nops.api-key=" + OPERATOR_KEY + "\n");
        var out = new StringWriter();
        var line = Rescind.commandLine(Map.of());
        line.setOut(new PrintWriter(out, true));
        int exit = line.execute(
                "parties",
                "create",
                "--name",
                "CLI seller",
                "--role",
                "SELLER",
                "--config",
                config.toString(),
                "--profile",
                "ops",
                "-o",
                "json");
        assertThat(exit).as(out.toString()).isZero();
        var partyId = Api.JSON.readTree(out.toString()).at("/party/id").asString();

        var operator = new Fixtures.Party(null, OPERATOR_KEY);
        assertThat(as(operator, "parties", "list").out()).contains(partyId).contains("CLI seller");
        var key = as(operator, "keys", "create", partyId);
        assertThat(key.exit()).as(key.toString()).isZero();
        var newKey = key.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[1];
        var me = rescind(Map.of("RESCIND_API_KEY", newKey), "whoami");
        assertThat(me.out()).contains(partyId).contains("SELLER");

        var seller = given.party("SELLER");
        assertThat(as(seller, "parties", "list").exit()).isEqualTo(5);
    }

    @Test
    void everyCommandHasHelpAndTheShellCompletes() {
        var commands = new ArrayList<List<String>>();
        collect(Rescind.commandLine(Map.of()), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(15);
        for (var command : commands) {
            var args = new ArrayList<>(command);
            args.add("--help");
            var run = rescind(Map.of(), args.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: rescind");
        }
        var completion = rescind(Map.of(), "generate-completion");
        assertThat(completion.out()).contains("complete -F").contains("bulk-cancel");
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        line.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                var next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }
}
