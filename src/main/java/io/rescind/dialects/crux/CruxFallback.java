package io.rescind.dialects.crux;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever else reaches Crux's paths: an unknown URL (404) or a known one with the wrong verb
 * (405), in the dialect's error shape rather than the canonical API's. The specific mappings of
 * {@link CruxController} always win over these patterns.
 */
@Hidden
@RestController
class CruxFallback {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private static final List<String> KNOWN = List.of(
            "/orders/items/cancel/*/",
            "/orders/items/cancel/*/confirm/",
            "/orders/items/cancel/*/reject/",
            "/orders/cancel/",
            "/orders/cancel/*/confirm/",
            "/orders/cancel/*/reject/",
            "/orders/*/");

    @RequestMapping({"/orders/**", "/timp/**"})
    void elsewhere(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        var v1 = path.startsWith("/timp/") ? path.substring("/timp".length()) : path;
        if (KNOWN.stream().anyMatch(pattern -> PATHS.match(pattern, v1))) {
            throw new CruxError(HttpStatus.METHOD_NOT_ALLOWED, "The HTTP verb is not correct for this URL.");
        }
        throw CruxError.notFound("Not found.");
    }
}
