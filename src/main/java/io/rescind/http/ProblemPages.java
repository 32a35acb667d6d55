package io.rescind.http;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages the problem {@code type} URIs resolve to: {@code /problems} lists every type, {@code
 * /problems/<code>} explains one. Both are read from docs/problems.md (packaged with the classes),
 * so the page and the documentation cannot say different things.
 */
@Hidden
@RestController
class ProblemPages {

    static final String SOURCE = "problems/problems.md";

    private static final Pattern TYPE = Pattern.compile("`/problems/([a-z0-9-]+)`");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    record Type(String code, String status, String when) {}

    private final Map<String, Type> types = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    ProblemPages() {
        String text;
        try (var in = new ClassPathResource(SOURCE).getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("docs/problems.md is packaged as " + SOURCE, e);
        }
        var paragraph = new StringBuilder();
        for (var line : text.split("\n")) {
            if (line.startsWith("| `/problems/")) {
                var cells = line.split("\\|");
                var codes = TYPE.matcher(cells[1]);
                while (codes.find()) {
                    types.put(codes.group(1), new Type(codes.group(1), cells[2].strip(), cells[3].strip()));
                }
            } else if (!line.startsWith("|") && !line.startsWith("#")) {
                if (line.isBlank()) {
                    if (!paragraph.isEmpty()) {
                        notes.add(paragraph.toString().strip());
                        paragraph.setLength(0);
                    }
                } else {
                    paragraph.append(line).append(' ');
                }
            }
        }
        if (!paragraph.isEmpty()) {
            notes.add(paragraph.toString().strip());
        }
    }

    @GetMapping(path = "/problems", produces = MediaType.TEXT_HTML_VALUE)
    String all() {
        var rows = new StringBuilder();
        types.values()
                .forEach(type -> rows.append(
                        "<tr id=\"%s\"><td><a href=\"/problems/%s\"><code>/problems/%s</code></a></td><td>%s</td><td>%s</td></tr>\n"
                                .formatted(
                                        type.code(),
                                        type.code(),
                                        type.code(),
                                        html(type.status()),
                                        html(type.when()))));
        var text = new StringBuilder();
        notes.forEach(note -> text.append("<p>").append(html(note)).append("</p>\n"));
        return page(
                "Problem types",
                text + "<table>\n<tr><th>type</th><th>status</th><th>when</th></tr>\n" + rows + "</table>\n");
    }

    @GetMapping(path = "/problems/{code}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> one(@PathVariable String code) {
        var type = types.get(code);
        if (type == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_HTML)
                    .body(page(
                            "Unknown problem type",
                            "<p>Rescind has no problem type <code>" + HtmlUtils.htmlEscape(code)
                                    + "</code>. <a href=\"/problems\">Every type</a>.</p>"));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .body(page(
                        "/problems/" + code,
                        "<p><strong>HTTP status:</strong> " + html(type.status()) + "</p>\n<p><strong>When:</strong> "
                                + html(type.when()) + "</p>\n<p>The answer is RFC 9457 Problem Details"
                                + " (<code>application/problem+json</code>) with this <code>type</code>;"
                                + " clients may switch on it. <a href=\"/problems\">Every problem type</a>.</p>"));
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · Rescind</title>
                <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{text-align:left;\
                padding:.2em .6em;vertical-align:top}code{background:#f3f3f3}</style></head>
                <body><h1>%s</h1>
                %s</body></html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), body);
    }

    /** Escaped text with Markdown's inline code spans as {@code <code>}. */
    private static String html(String markdown) {
        var escaped = HtmlUtils.htmlEscape(markdown);
        return CODE.matcher(escaped)
                .replaceAll(match -> "<code>" + Matcher.quoteReplacement(match.group(1)) + "</code>");
    }
}
