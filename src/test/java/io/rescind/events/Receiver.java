package io.rescind.events;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import io.rescind.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A webhook receiver on a local port, as a partner would run one: it records every request and
 * answers with the status its script says (200 unless told otherwise).
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived, with what the receiver answered. */
    record Received(Map<String, List<String>> headers, String body, int answered) {

        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        String header(String name) {
            var values = headers.get(name.toLowerCase());
            return values == null ? null : values.getFirst();
        }

        boolean verifies(String secret) {
            try {
                new Webhook(secret).verify(body, headers);
                return true;
            } catch (WebhookVerificationException e) {
                return false;
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean down;
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            pending.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var headers = new LinkedHashMap<String, List<String>>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
            int status = down || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            received.add(new Received(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Answers 500 to the next {@code times} requests. */
    Receiver failing(int times) {
        failuresLeft.set(times);
        return this;
    }

    /** Answers 500 to every request until {@link #recover()}. */
    Receiver down() {
        down = true;
        return this;
    }

    void recover() {
        down = false;
    }

    /** Holds every request open, unanswered, until {@link #release()}: a receiver that hangs. */
    Receiver hanging() {
        gate = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    void release() {
        gate.countDown();
    }

    /** Requests that arrived, answered or not. */
    int arrived() {
        return pending.get();
    }

    List<Received> all() {
        return new ArrayList<>(received);
    }

    /** The requests this receiver accepted (answered 2xx). */
    List<Received> accepted() {
        return received.stream().filter(r -> r.answered() < 300).toList();
    }

    List<Received> acceptedOfType(String type) {
        return accepted().stream()
                .filter(r -> r.json().get("type").asString().equals(type))
                .toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
