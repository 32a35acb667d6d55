package io.rescind.dialects.walmart;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anything under the Walmart paths that no endpoint takes, so that it too is answered in
 * Walmart's shape: a known path with the wrong method is 405, any other path 404.
 */
@Hidden
@RestController
class WalmartFallbackController {

    private static final List<Pattern> KNOWN = List.of(
            Pattern.compile("/v3/ca/orders"),
            Pattern.compile("/v3/ca/orders/[^/]+"),
            Pattern.compile("/v3/ca/orders/[^/]+/(cancel|acknowledge)"),
            Pattern.compile("/v3/ca/inventory"),
            Pattern.compile("/v3/token"));

    @RequestMapping({"/v3/ca/**", "/v3/token"})
    void unknown(jakarta.servlet.http.HttpServletRequest request) {
        var path = request.getRequestURI();
        if (KNOWN.stream().anyMatch(pattern -> pattern.matcher(path).matches())) {
            throw new WalmartFault(
                    WalmartError.Code.METHOD_NOT_ALLOWED,
                    WalmartError.GATEWAY,
                    null,
                    request.getMethod() + " is not allowed on " + path);
        }
        throw new WalmartFault(WalmartError.Code.URI_NOT_FOUND, WalmartError.GATEWAY, null, "No resource " + path);
    }
}
