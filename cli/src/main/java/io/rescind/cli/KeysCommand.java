package io.rescind.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "API keys (operators only). Rescind stores only their hashes: a key is shown once, when issued.",
        subcommands = {KeysCommand.Create.class})
final class KeysCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Issue a new API key for a party (shown once).")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PARTY_ID", description = "the party the key belongs to")
        String partyId;

        @Override
        public Integer call() {
            var root = OrdersCommand.root(spec);
            var issued = root.client().post("/api/v1/parties/" + partyId + "/api-keys", Map.of());
            if (root.json()) {
                root.printJson(issued);
                return 0;
            }
            new Table("PARTY", "API KEY (shown once)")
                    .row(
                            issued.path("partyId").asString(""),
                            issued.path("apiKey").asString(""))
                    .print(root.out());
            return 0;
        }
    }
}
