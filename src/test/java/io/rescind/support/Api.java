package io.rescind.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: real requests on the real port, raw bodies allowed. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final int port;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        this.port = port;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String text) {

        public JsonNode json() {
            return text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /**
     * Sends {@code target} exactly as written (no encoding, no validation of the URI), over a plain
     * socket, as a client that does not follow the rules would; the answer is checked against the
     * documents like any other.
     */
    public Response raw(String method, String target, Map<String, String> headers) {
        return raw(method, target, headers, true);
    }

    /** As {@link #raw(String, String, Map)}; {@code checked} false only for an answer that names no API. */
    public Response raw(String method, String target, Map<String, String> headers, boolean checked) {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            var request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            var head = text.substring(0, end).split("\r\n");
            var body = text.substring(end + 4);
            var fields = new java.util.TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                fields.computeIfAbsent(head[i].substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(head[i].substring(colon + 1).strip());
            }
            if (fields.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
                body = unchunked(body);
            }
            int status = Integer.parseInt(head[0].split(" ")[1]);
            var contentType = fields.getOrDefault("Content-Type", List.of()).stream()
                    .findFirst()
                    .orElse(null);
            if (checked) {
                Contracts.check(port, method, target, status, contentType, body);
            }
            return new Response(status, java.net.http.HttpHeaders.of(fields, (a, b) -> true), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String unchunked(String body) {
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int line = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, line).strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Response get(String path, String key) {
        return request("GET", path).key(key).send();
    }

    public Response post(String path, String key, Object body) {
        return request("POST", path).key(key).json(body).send();
    }

    public Response put(String path, String key, Object body) {
        return request("PUT", path).key(key).json(body).send();
    }

    public final class Request {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private boolean checked = true;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request key(String key) {
            return key == null ? this : header("Authorization", "Bearer " + key);
        }

        public Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        /**
         * Leaves the answer unchecked against the API's OpenAPI document: only for requests that
         * are outside any API on purpose (a raw protocol probe).
         */
        public Request unchecked() {
            checked = false;
            return this;
        }

        public Request json(Object value) {
            return raw("application/json", value instanceof String s ? s : JSON.writeValueAsString(value));
        }

        /** A body sent chunked, without Content-Length, so its size shows only while it is read. */
        public Request chunked(String contentType, String text) {
            header("Content-Type", contentType);
            var bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes));
            return this;
        }

        public Request raw(String contentType, String text) {
            header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Response send() {
            var builder = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body);
            for (int i = 0; i < headers.size(); i += 2) {
                builder.header(headers.get(i), headers.get(i + 1));
            }
            try {
                var response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                if (checked) {
                    // Every answer a test sees must be one its API's OpenAPI document declares.
                    Contracts.check(
                            port,
                            method,
                            path,
                            response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(null),
                            response.body());
                }
                return new Response(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
