package io.rescind.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the CLI connects and with which key. An option wins over the environment
 * ({@code RESCIND_URL}, {@code RESCIND_API_KEY}), which wins over the profile in the config file
 * ({@code --config}, {@code RESCIND_CONFIG}, or {@code ~/.config/rescind/config.properties}):
 *
 * <pre>
 * default.url=http://localhost:8080
 * default.api-key=rk_...
 * staging.url=https://rescind.staging.example
 * staging.api-key=rk_...
 * </pre>
 */
record Settings(String url, String apiKey) {

    static final String DEFAULT_URL = "http://localhost:8080";

    static Settings resolve(
            String urlOption, String keyOption, String profile, Path configOption, Map<String, String> env) {
        var config = new Properties();
        var path = configOption != null
                ? configOption
                : env.get("RESCIND_CONFIG") != null
                        ? Path.of(env.get("RESCIND_CONFIG"))
                        : Path.of(System.getProperty("user.home"), ".config", "rescind", "config.properties");
        if (Files.isRegularFile(path)) {
            try (Reader reader = Files.newBufferedReader(path)) {
                config.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the config file " + path + ": " + e.getMessage());
            }
        } else if (configOption != null) {
            throw new IllegalArgumentException("No config file at " + path);
        }
        var name = profile != null ? profile : env.getOrDefault("RESCIND_PROFILE", "default");
        if (profile != null
                && config.getProperty(name + ".url") == null
                && config.getProperty(name + ".api-key") == null) {
            throw new IllegalArgumentException("No profile '" + name + "' in " + path);
        }
        return new Settings(
                first(urlOption, env.get("RESCIND_URL"), config.getProperty(name + ".url"), DEFAULT_URL),
                first(keyOption, env.get("RESCIND_API_KEY"), config.getProperty(name + ".api-key"), null));
    }

    private static String first(String... values) {
        for (var value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
