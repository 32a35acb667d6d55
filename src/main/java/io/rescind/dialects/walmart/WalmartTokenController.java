package io.rescind.dialects.walmart;

import io.rescind.signatures.SignedCallers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Walmart's token flow: a client id and secret (HTTP Basic) buy a short-lived token, accepted as
 * {@code WM_SEC.ACCESS_TOKEN}. Answers JSON unless the client accepts only XML.
 */
@RestController
@Tag(name = "Authentication")
class WalmartTokenController {

    private final SignedCallers callers;
    private final Bodies bodies;

    WalmartTokenController(SignedCallers callers, Bodies bodies) {
        this.callers = callers;
        this.bodies = bodies;
    }

    @Operation(
            operationId = "tokenAPI",
            summary = "Get an access token",
            description =
                    "The token flow: `Authorization: Basic base64(clientId:clientSecret)` with `grant_type=client_credentials` gives a short-lived `WM_SEC.ACCESS_TOKEN`.")
    @ApiResponse(responseCode = "200", description = "The token")
    @ApiResponse(responseCode = "400", description = "A grant type other than client_credentials")
    @ApiResponse(responseCode = "401", description = "No or wrong client credentials")
    @SecurityRequirement(name = "clientCredentials")
    @PostMapping("/v3/token")
    ResponseEntity<String> token(@RequestParam("grant_type") String grantType, HttpServletRequest request) {
        var format =
                request.getHeader(HttpHeaders.ACCEPT) == null ? Format.JSON : WalmartOrdersController.accepted(request);
        if (!"client_credentials".equals(grantType)) {
            throw new WalmartFault(
                    WalmartError.Code.INVALID_REQUEST_PARAM,
                    WalmartError.GATEWAY,
                    "grant_type",
                    "grant_type must be client_credentials");
        }
        var credentials = basic(request.getHeader(HttpHeaders.AUTHORIZATION));
        var token = credentials == null
                ? null
                : callers.issueToken(credentials[0], credentials[1]).orElse(null);
        if (token == null) {
            throw new WalmartFault(
                    WalmartError.Code.UNAUTHORIZED,
                    WalmartError.GATEWAY,
                    null,
                    "Send the client id and secret as 'Authorization: Basic base64(clientId:clientSecret)'");
        }
        var body = new LinkedHashMap<String, Object>();
        if (format == Format.JSON) {
            body.put("access_token", token.token());
            body.put("token_type", "Bearer");
            body.put("expires_in", token.lifetime().toSeconds());
        } else {
            body.put("accessToken", token.token());
            body.put("tokenType", "Bearer");
            body.put("expiresIn", token.lifetime().toSeconds());
        }
        return bodies.render(HttpStatus.OK, format, Bodies.WALMART_NS, "OAuthTokenDTO", body, false);
    }

    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            var decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
