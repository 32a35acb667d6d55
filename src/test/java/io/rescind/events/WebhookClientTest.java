package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The delivery client connects to the addresses the guard checked, resolving each host once: a
 * name that answers differently on its next lookup (DNS rebinding) cannot slip an internal address
 * in between the check and the connection. Redirects are not followed.
 */
class WebhookClientTest {

    /** A DNS stand-in that answers from a script, one answer per lookup, and counts lookups. */
    static final class ScriptedDns implements AddressGuard.Lookup {
        private final List<String> answers;
        final List<String> asked = new CopyOnWriteArrayList<>();

        ScriptedDns(String... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public InetAddress[] addressesOf(String host) throws UnknownHostException {
            asked.add(host);
            var answer = answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
            return new InetAddress[] {InetAddress.getByName(answer)};
        }
    }

    private static WebhookClient client(AddressGuard.Lookup dns) {
        return new WebhookClient(new AddressGuard(true, dns, Set::of), Duration.ofSeconds(2), Duration.ofSeconds(5), 4);
    }

    @Test
    void connectsToTheCheckedAddressWithOneLookupAndKeepsTheNameInTheHostHeader() throws Exception {
        // Checked as loopback (allowed here), then the name turns to the metadata service.
        var dns = new ScriptedDns("127.0.0.1", "169.254.169.254");
        try (var receiver = new Receiver();
                var client = client(dns)) {
            var port = URI.create(receiver.url()).getPort();
            var answer = client.post(URI.create("http://hooks.rebind.test:" + port + "/hooks"), Map.of(), "{}");

            assertThat(answer).isEqualTo(new WebhookClient.Answer.Status(200));
            assertThat(dns.asked).containsExactly("hooks.rebind.test");
            assertThat(receiver.accepted())
                    .singleElement()
                    .satisfies(request -> assertThat(request.header("host")).isEqualTo("hooks.rebind.test:" + port));
        }
    }

    @Test
    void aNameThatResolvesToAForbiddenAddressIsRefusedBeforeAnyConnection() throws Exception {
        var dns = new ScriptedDns("10.255.255.1");
        try (var client = client(dns)) {
            var answer = client.post(URI.create("http://hooks.rebind.test/hooks"), Map.of(), "{}");

            assertThat(answer)
                    .isInstanceOfSatisfying(
                            WebhookClient.Answer.Refused.class,
                            refused -> assertThat(refused.reason())
                                    .contains("10.255.255.1")
                                    .contains("private-use"));
            assertThat(dns.asked).containsExactly("hooks.rebind.test");
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        var followed = new CopyOnWriteArrayList<String>();
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            followed.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (var client = client(new ScriptedDns("127.0.0.1"))) {
            var answer = client.post(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks"), Map.of(), "{}");
            assertThat(answer).isEqualTo(new WebhookClient.Answer.Status(302));
            assertThat(followed).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aUrlWithCredentialsOrAnotherSchemeIsRefusedWithoutALookup() throws Exception {
        var dns = new ScriptedDns("127.0.0.1");
        try (var client = client(dns)) {
            assertThat(client.post(URI.create("http://user:pw@hooks.example/"), Map.of(), "{}"))
                    .isInstanceOf(WebhookClient.Answer.Refused.class);
            assertThat(client.post(URI.create("gopher://hooks.example/"), Map.of(), "{}"))
                    .isInstanceOf(WebhookClient.Answer.Refused.class);
            assertThat(dns.asked).isEmpty();
        }
    }
}
