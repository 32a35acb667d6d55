package io.rescind.dialects.mirakl;

import io.rescind.parties.ApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth2 client credentials (RFC 6749 §4.4) as Mirakl's authentication server offers them: the
 * client id is the party's id, the client secret one of its Rescind API keys, given in the form or
 * as HTTP Basic. Answers and errors follow RFC 6749, not Mirakl's {@code Error}.
 */
@RestController
@Tag(name = "Authentication")
class TokenController {

    static final String PATH = "/mirakl/oauth/token";

    private final ApiKeys keys;
    private final MiraklTokens tokens;

    TokenController(ApiKeys keys, MiraklTokens tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    /** Any media type is taken, so that a wrong one is answered in RFC 6749's shape too. */
    @Operation(
            operationId = "getToken",
            summary = "Get an access token",
            description =
                    "OAuth 2.0 client credentials (RFC 6749): `grant_type=client_credentials` with the client id and secret (form or Basic) gives a bearer token. Errors are RFC 6749 error objects.")
    @ApiResponse(responseCode = "200", description = "The token")
    @ApiResponse(
            responseCode = "400",
            description = "An RFC 6749 error: `invalid_request` (a body that is not a form...),"
                    + " `unsupported_grant_type`, `invalid_scope`",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/OAuthError")))
    @ApiResponse(
            responseCode = "401",
            description = "An RFC 6749 error (`invalid_client`)",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(ref = "#/components/schemas/OAuthError")))
    @SecurityRequirements
    @PostMapping(path = PATH)
    ResponseEntity<Map<String, Object>> token(
            @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        // RFC 6749 (4.4.2) takes a form; anything else is its invalid_request, in its error shape.
        if (!isForm(contentType)) {
            return error(
                    HttpStatus.BAD_REQUEST, "invalid_request", "The body must be application/x-www-form-urlencoded");
        }
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "Only client_credentials is supported");
        }
        var clientId = form.getFirst("client_id");
        var clientSecret = form.getFirst("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            var pair = basic(authorization.substring(6).trim());
            if (pair == null) {
                return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Malformed Basic credentials");
            }
            clientId = pair[0];
            clientSecret = pair[1];
        }
        if (clientId == null || clientSecret == null) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Give client_id and client_secret");
        }
        var caller = keys.authenticate(clientSecret);
        if (caller.isEmpty() || !caller.get().partyId().toString().equalsIgnoreCase(clientId)) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret");
        }
        Set<String> scopes = new TreeSet<>(MiraklTokens.SCOPES);
        var requested = form.getFirst("scope");
        if (requested != null && !requested.isBlank()) {
            scopes = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
            if (!MiraklTokens.SCOPES.containsAll(scopes)) {
                return error(
                        HttpStatus.BAD_REQUEST, "invalid_scope", "Known scopes: " + new TreeSet<>(MiraklTokens.SCOPES));
            }
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("token_type", "Bearer");
        body.put("access_token", tokens.issue(caller.get(), scopes, Instant.now()));
        body.put("expires_in", tokens.ttl().toSeconds());
        body.put("scope", String.join(" ", scopes));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    private static boolean isForm(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (org.springframework.http.InvalidMediaTypeException unparsable) {
            return false;
        }
    }

    private static String[] basic(String encoded) {
        try {
            var decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String code, String description) {
        var response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"mirakl\"");
        }
        return response.contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", code, "error_description", description));
    }
}
