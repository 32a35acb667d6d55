package io.rescind.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "parties",
        mixinStandardHelpOptions = true,
        description = "Parties of your tenant (operators only): list them, create one.",
        subcommands = {PartiesCommand.List.class, PartiesCommand.Create.class})
final class PartiesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every party of the tenant.")
    static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var root = OrdersCommand.root(spec);
            var parties = root.client().get("/api/v1/parties");
            if (root.json()) {
                root.printJson(parties);
                return 0;
            }
            var table = new Table("ID", "NAME", "ROLE", "CREATED");
            parties.forEach(party -> table.row(
                    party.path("id").asString(""),
                    party.path("name").asString(""),
                    party.path("role").asString(""),
                    party.path("createdAt").asString("")));
            table.print(root.out());
            return 0;
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a party with its first API key (shown once).")
    static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "the party's name")
        String name;

        @Option(names = "--role", required = true, description = "BUYER, SELLER or OPERATOR")
        String role;

        @Override
        public Integer call() {
            var root = OrdersCommand.root(spec);
            var created = root.client().post("/api/v1/parties", Map.of("name", name, "role", role));
            if (root.json()) {
                root.printJson(created);
                return 0;
            }
            new Table("ID", "NAME", "ROLE", "API KEY (shown once)")
                    .row(
                            created.at("/party/id").asString(""),
                            created.at("/party/name").asString(""),
                            created.at("/party/role").asString(""),
                            created.path("apiKey").asString(""))
                    .print(root.out());
            return 0;
        }
    }
}
