package io.rescind.dialects.hlconnect;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the dialect's OpenAPI document, written by hand to match HL Connect's (operation ids,
 * tags and parameter names as in HL Connect's generated clients). Tests check that it agrees
 * with what springdoc derives from the controllers, and generate a client from it.
 */
@Hidden
@RestController
class HlConnectApiDocs {

    static final String DOCUMENT = "dialects/hlconnect/openapi.json";

    private final ObjectNode document;

    HlConnectApiDocs(JsonMapper json) {
        try (var in = new ClassPathResource(DOCUMENT).getInputStream()) {
            this.document = (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The hlconnect OpenAPI document is part of the build", e);
        }
    }

    /** The document, with the server set to where it was asked from. */
    @GetMapping(path = "/v3/api-docs/hlconnect", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode document() {
        var served = document.deepCopy();
        var base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        served.putArray("servers").addObject().put("url", base).put("description", "Rescind");
        return served;
    }
}
