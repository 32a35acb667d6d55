package io.rescind.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code rescind}: Rescind's canonical API from a shell. Every command talks HTTP to a Rescind with
 * an API key; nothing here knows the service's code.
 */
@Command(
        name = "rescind",
        mixinStandardHelpOptions = true,
        version = "rescind CLI 0.1.0",
        description = "Orders, cancellations and bulk cancellations of a Rescind, from the command line.",
        subcommands = {
            OrdersCommand.class,
            CancelCommand.class,
            BulkCancelCommand.class,
            RequestsCommand.class,
            PartiesCommand.class,
            KeysCommand.class,
            Rescind.WhoAmI.class,
            AutoComplete.GenerateCompletion.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (a bulk job: every order applied or awaiting approval)",
            "1:an unexpected failure",
            "2:invalid command line",
            "3:not found (the order, job or party does not exist or is not yours to see)",
            "4:refused (a cancel refused, a conflict; a bulk job with refused, failed or skipped orders)",
            "5:not allowed (no key, a wrong key, or a call your role may not make)",
            "6:Rescind unreachable or failing (5xx)"
        })
public final class Rescind {

    static final int REFUSED = 4;

    /** Output format of every command. */
    enum Format {
        table,
        json
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            description = "Rescind's base URL (else RESCIND_URL, the profile, http://localhost:8080)")
    String url;

    @Option(
            names = "--api-key",
            scope = ScopeType.INHERIT,
            description = "API key (else RESCIND_API_KEY, then the profile); prefer the environment")
    String apiKey;

    @Option(
            names = "--profile",
            scope = ScopeType.INHERIT,
            description = "profile of the config file (else RESCIND_PROFILE, then 'default')")
    String profile;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            description = "config file (else RESCIND_CONFIG, then ~/.config/rescind/config.properties)")
    Path config;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            defaultValue = "table",
            description = "table (for people, the default) or json (for scripts)")
    Format output;

    private final Map<String, String> env;

    public Rescind() {
        this(System.getenv());
    }

    /** With the environment given, so that a test can run it as a shell would. */
    Rescind(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line with its exit codes for API errors. */
    static CommandLine commandLine(Map<String, String> env) {
        var line = new CommandLine(new Rescind(env));
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            var err = commandLine.getErr();
            err.println("rescind: " + failure.getMessage());
            if (failure instanceof Client.ApiError api && api.problem.has("errors")) {
                api.problem
                        .get("errors")
                        .forEach(error -> err.println("  " + error.path("field").asString("") + ": "
                                + error.path("message").asString("")));
            }
            err.flush();
            return exitCode(failure);
        });
        line.setExitCodeExceptionMapper(Rescind::exitCode);
        return line;
    }

    static int exitCode(Throwable failure) {
        if (failure instanceof Client.ApiError api) {
            return switch (api.status) {
                case 401, 403 -> 5;
                case 404 -> 3;
                case 409, 422 -> REFUSED;
                case 400 -> 2;
                default -> api.status >= 500 ? 6 : 1;
            };
        }
        if (failure instanceof Client.Unreachable) {
            return 6;
        }
        if (failure instanceof IllegalArgumentException || failure instanceof CommandLine.ParameterException) {
            return 2;
        }
        return 1;
    }

    Client client() {
        var settings = Settings.resolve(url, apiKey, profile, config, env);
        if (settings.apiKey() == null) {
            throw new IllegalArgumentException(
                    "No API key: set RESCIND_API_KEY, give --api-key, or put <profile>.api-key in the config file");
        }
        return new Client(settings.url(), settings.apiKey());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    boolean json() {
        return output == Format.json;
    }

    void printJson(JsonNode node) {
        out().println(Client.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out().flush();
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, description = "The party your key belongs to.")
    static final class WhoAmI implements java.util.concurrent.Callable<Integer> {

        @CommandLine.ParentCommand
        Rescind root;

        @Override
        public Integer call() {
            var me = root.client().get("/api/v1/me");
            if (root.json()) {
                root.printJson(me);
            } else {
                new Table("ID", "NAME", "ROLE")
                        .row(
                                me.path("id").asString(""),
                                me.path("name").asString(""),
                                me.path("role").asString(""))
                        .print(root.out());
            }
            return 0;
        }
    }
}
