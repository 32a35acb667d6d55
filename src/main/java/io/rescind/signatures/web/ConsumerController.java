package io.rescind.signatures.web;

import io.rescind.parties.Caller;
import io.rescind.signatures.Consumer;
import io.rescind.signatures.SignedCallers;
import io.rescind.signatures.SignedCallers.NewConsumer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Consumers")
class ConsumerController {

    record ConsumerRequest(
            UUID partyId,

            @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
            String consumerId,

            @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII")
            String channelType,

            @NotBlank @Size(max = 10_000) String publicKey) {}

    record RegisteredConsumer(Consumer consumer, String clientSecret) {}

    private final SignedCallers callers;

    ConsumerController(SignedCallers callers) {
        this.callers = callers;
    }

    /** Registers a signing consumer (a Walmart consumer id and public key) for a seller. */
    @Operation(
            operationId = "registerConsumer",
            summary = "Register a signing consumer",
            description =
                    "Registers a Walmart-style consumer (consumer id, channel type, RSA public key) for a seller; the client secret of the token flow is shown this once.")
    @ApiResponse(responseCode = "201", description = "The consumer and its client secret")
    @ApiResponse(responseCode = "409", description = "The consumer id is registered already")
    @PostMapping("/api/v1/consumers")
    @ResponseStatus(HttpStatus.CREATED)
    RegisteredConsumer register(@AuthenticationPrincipal Caller caller, @Valid @RequestBody ConsumerRequest request) {
        var registered = callers.register(
                caller,
                new NewConsumer(request.partyId(), request.consumerId(), request.channelType(), request.publicKey()));
        return new RegisteredConsumer(registered.consumer(), registered.clientSecret());
    }

    @Operation(
            operationId = "listConsumers",
            summary = "List signing consumers",
            description = "The consumers registered for the caller (all of the tenant's for an operator).")
    @ApiResponse(responseCode = "200", description = "The consumers")
    @GetMapping("/api/v1/consumers")
    List<Consumer> list(@AuthenticationPrincipal Caller caller) {
        return callers.list(caller);
    }
}
