package io.rescind.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts webhook requests through the SSRF guard. The guard is the client's only name resolver:
 * each new connection resolves its host once, the guard checks every address of the answer, and
 * the client connects to those very addresses — no second lookup between check and connect — while
 * the Host header and TLS (SNI, certificate check) keep the name. A pooled connection is reused
 * only for the host and port it was checked and opened for. Redirects are never followed (a 3xx
 * is a failed attempt), no proxy is used, and a whole request is cut off after its timeout.
 */
final class WebhookClient implements AutoCloseable {

    /** What the receiver answered, or why nothing was sent. */
    sealed interface Answer {
        record Status(int code) implements Answer {}

        record Refused(String reason) implements Answer {}

        record Failed(String error) implements Answer {}
    }

    private final AddressGuard guard;
    private final Duration timeout;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon(true).factory());

    WebhookClient(AddressGuard guard, Duration connectTimeout, Duration timeout, int connections) {
        this.guard = guard;
        this.timeout = timeout;
        var resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host).toArray(InetAddress[]::new);
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                return guard.resolve(host).stream()
                        .map(address -> new InetSocketAddress(address, port))
                        .toList();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var connectionManager = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(timeout))
                        .setTimeToLive(Timeout.ofMinutes(1))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connectionManager)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build())
                .build();
    }

    /** Posts {@code body} as JSON with {@code headers}; never throws. */
    Answer post(URI url, Map<String, String> headers, String body) {
        var form = guard.formRefusal(url);
        if (form.isPresent()) {
            return new Answer.Refused(form.get());
        }
        var request = new HttpPost(url);
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        // Socket timeouts bound each read; this bounds the whole exchange, trickling receivers too.
        var deadline = deadlines.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int code = http.execute(request, response -> response.getCode());
            return new Answer.Status(code);
        } catch (AddressGuard.Forbidden e) {
            return new Answer.Refused(e.getMessage());
        } catch (IOException e) {
            var forbidden = forbiddenIn(e);
            if (forbidden != null) {
                return new Answer.Refused(forbidden.getMessage());
            }
            return new Answer.Failed(
                    request.isCancelled()
                            ? "timed out after " + timeout.toMillis() + " ms"
                            : e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return new Answer.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    private static AddressGuard.Forbidden forbiddenIn(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressGuard.Forbidden forbidden) {
                return forbidden;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
