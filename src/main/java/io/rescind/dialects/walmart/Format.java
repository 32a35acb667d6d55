package io.rescind.dialects.walmart;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * XML or JSON. Walmart CA documents XML only; JSON (the US shapes) is answered to clients that
 * ask for it. Without a usable Accept header, the answer takes the request body's format, and XML
 * when there is no body.
 */
enum Format {
    XML(MediaType.APPLICATION_XML),
    JSON(MediaType.APPLICATION_JSON);

    final MediaType mediaType;

    Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** The format the client accepts, or empty when it accepts neither. */
    static Optional<Format> accepted(HttpServletRequest request) {
        List<MediaType> accept;
        try {
            var header = request.getHeader(HttpHeaders.ACCEPT);
            accept = header == null || header.isBlank() ? List.of() : MediaType.parseMediaTypes(header);
        } catch (InvalidMediaTypeException unreadable) {
            accept = List.of();
        }
        if (accept.isEmpty()) {
            return Optional.of(ofBody(request));
        }
        var sorted = new java.util.ArrayList<>(accept);
        sorted.sort(
                java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (var type : sorted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType() || (type.getType().equals("application") && type.isWildcardSubtype())) {
                return Optional.of(ofBody(request));
            }
            if (isXml(type)) {
                return Optional.of(XML);
            }
            if (isJson(type)) {
                return Optional.of(JSON);
            }
        }
        return Optional.empty();
    }

    /** For errors: what the client accepts if it can be said, else the body's format. */
    static Format forErrors(HttpServletRequest request) {
        return accepted(request).orElseGet(() -> ofBody(request));
    }

    private static Format ofBody(HttpServletRequest request) {
        var contentType = request.getContentType();
        try {
            return contentType != null && isJson(MediaType.parseMediaType(contentType)) ? JSON : XML;
        } catch (InvalidMediaTypeException unreadable) {
            return XML;
        }
    }

    static boolean isXml(MediaType type) {
        return type.getSubtype().equals("xml") || type.getSubtype().endsWith("+xml");
    }

    static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }
}
