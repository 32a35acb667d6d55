package io.rescind.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Rescind's canonical API over HTTP, with an API key; errors arrive as {@link ApiError}. */
final class Client {

    /** Money stays exact: decimals are read as BigDecimal, trailing zeros kept (20.00 stays 20.00). */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final HttpClient http;
    private final String base;
    private final String apiKey;

    Client(String base, String apiKey) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** An answer that is not 2xx, with its Problem Details when the server sent some. */
    static final class ApiError extends RuntimeException {
        final int status;
        final JsonNode problem;

        ApiError(int status, JsonNode problem, String message) {
            super(message);
            this.status = status;
            this.problem = problem;
        }
    }

    /** The server could not be reached at all. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Reply(int status, Map<String, String> headers, JsonNode body) {}

    static String query(Map<String, ?> params) {
        var joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((name, value) -> {
            if (value != null) {
                joiner.add(name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }

    JsonNode get(String path) {
        return send("GET", path, null, Map.of()).body();
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body, Map.of()).body();
    }

    Reply send(String method, String path, Object body, Map<String, String> headers) {
        var response = exchange(method, path, body, headers, HttpResponse.BodyHandlers.ofString());
        var text = response.body();
        JsonNode json = text == null || text.isBlank() ? JSON.missingNode() : parse(text);
        if (response.statusCode() >= 300) {
            throw error(response.statusCode(), json);
        }
        var names = new LinkedHashMap<String, String>();
        response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(), values.getFirst()));
        return new Reply(response.statusCode(), names, json);
    }

    /** A download, streamed as it arrives. */
    InputStream download(String path) {
        var response = exchange("GET", path, null, Map.of(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (var in = response.body()) {
                throw error(response.statusCode(), parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new Unreachable("The download failed: " + e.getMessage(), e);
            }
        }
        return response.body();
    }

    private <T> HttpResponse<T> exchange(
            String method, String path, Object body, Map<String, String> headers, HttpResponse.BodyHandler<T> handler) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json, text/csv");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new Unreachable("Cannot reach Rescind at " + base + " (is it running? see --url)", e);
        } catch (IOException e) {
            throw new Unreachable("The request to " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("Interrupted", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().stringNode(text);
        }
    }

    private static ApiError error(int status, JsonNode problem) {
        var detail = problem.path("detail").asString("");
        var type = problem.path("type").asString("");
        var message = "HTTP " + status + (type.isEmpty() ? "" : " " + type) + (detail.isEmpty() ? "" : ": " + detail);
        return new ApiError(status, problem, message);
    }
}
