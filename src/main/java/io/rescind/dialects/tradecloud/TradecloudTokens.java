package io.rescind.dialects.tradecloud;

import io.rescind.parties.ApiKeys;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tradecloud's login and refresh calls. Rescind's API key is already the bearer token, so login
 * hands the key back as both the access and the refresh token, and refresh checks it and hands it
 * back again: clients written for Tradecloud's token flow work unchanged.
 */
@RestController
@Tag(name = "Authentication")
class TradecloudTokens {

    static final String LOGIN = "/v2/authentication/login";
    static final String REFRESH = "/v2/authentication/refresh";

    private final ApiKeys keys;

    TradecloudTokens(ApiKeys keys) {
        this.keys = keys;
    }

    /** Reached only with valid Basic (or Bearer) credentials; the key is read back from the header. */
    @Operation(
            operationId = "login",
            summary = "Log in",
            description =
                    "Exchanges Basic credentials (party id and API key) for an access and a refresh token, in the headers `Set-Authorization` and `Set-Refresh-Token`.")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @SecurityRequirement(name = "basic")
    @GetMapping(LOGIN)
    ResponseEntity<Map<String, String>> login(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        var scheme = header.substring(0, header.indexOf(' ') + 1);
        var credentials = header.substring(scheme.length()).trim();
        var key = scheme.equalsIgnoreCase("Basic ")
                ? new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8)
                        .substring(caller.partyId().toString().length() + 1)
                : credentials;
        return tokens(caller, key);
    }

    @Operation(
            operationId = "refresh",
            summary = "Refresh tokens",
            description = "Exchanges the `Refresh-Token` header for new tokens.")
    @ApiResponse(responseCode = "200", description = "New tokens")
    @ApiResponse(responseCode = "401", description = "No or an invalid refresh token")
    @SecurityRequirements
    @GetMapping(REFRESH)
    ResponseEntity<?> refresh(@RequestHeader(name = "Refresh-Token", required = false) String token) {
        var caller = token == null ? java.util.Optional.<Caller>empty() : keys.authenticate(token.trim());
        if (caller.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(TradecloudSecurity.INVALID);
        }
        return tokens(caller.get(), token.trim());
    }

    private static ResponseEntity<Map<String, String>> tokens(Caller caller, String key) {
        return ResponseEntity.ok()
                .header("Set-Authorization", key)
                .header("Set-Refresh-Token", key)
                .body(Map.of("username", caller.partyId().toString(), "status", "authenticated"));
    }
}
