package io.rescind.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running Rescind service as the benchmark sees it: its HTTP API, its metrics, its process. */
final class Service {

    private final URI base;
    private final long pid;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    Service(URI base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    URI base() {
        return base;
    }

    JsonMapper json() {
        return json;
    }

    /** POSTs JSON with a Bearer key and returns the parsed body; anything but 200/201 fails the run. */
    JsonNode post(String path, String key, Object body) {
        return send("POST", path, key, body);
    }

    /** PUTs JSON with a Bearer key and returns the parsed body; anything but 200/201 fails the run. */
    JsonNode put(String path, String key, Object body) {
        return send("PUT", path, key, body);
    }

    private JsonNode send(String method, String path, String key, Object body) {
        try {
            var request = HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException(
                        "%s %s answered %d: %s".formatted(method, path, response.statusCode(), response.body()));
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request as it is and returns the answer, whatever its status. */
    HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Heap in use now, in bytes: the sum of {@code jvm_memory_used_bytes{area="heap"}}. */
    long heapUsed() {
        try {
            var request = HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            var body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (var line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Resident set size of the service process now, in bytes (VmRSS of /proc/<pid>/status). */
    long rss() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
