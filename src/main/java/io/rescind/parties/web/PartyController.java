package io.rescind.parties.web;

import io.rescind.parties.Caller;
import io.rescind.parties.Party;
import io.rescind.parties.PartyAdministration;
import io.rescind.parties.PartyRole;
import io.rescind.parties.References;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Parties")
class PartyController {

    record NewParty(
            @NotBlank @Size(max = 200) String name, @NotNull PartyRole role, Map<String, String> references) {}

    record PartyWithKey(Party party, Map<String, String> references, String apiKey) {}

    record IssuedKey(UUID partyId, String apiKey) {}

    private final PartyAdministration administration;

    PartyController(PartyAdministration administration) {
        this.administration = administration;
    }

    @Operation(
            operationId = "createParty",
            summary = "Create a party",
            description =
                    "An operator creates a buyer, seller or operator of its tenant; the answer shows the party's first API key, this once.")
    @ApiResponse(responseCode = "201", description = "The party and its key")
    @ApiResponse(
            responseCode = "409",
            description = "Another party of the tenant has one of its references (`reference-taken`)")
    @PostMapping("/api/v1/parties")
    @ResponseStatus(HttpStatus.CREATED)
    PartyWithKey create(@AuthenticationPrincipal Caller operator, @Valid @RequestBody NewParty request) {
        var references = References.of(request.references(), "references");
        var issued = administration.create(operator, request.name().strip(), request.role(), references);
        return new PartyWithKey(issued.party(), references.byChannel(), issued.apiKey());
    }

    @Operation(
            operationId = "listParties",
            summary = "List parties",
            description = "Every party of the operator's tenant.")
    @ApiResponse(responseCode = "200", description = "The parties")
    @GetMapping("/api/v1/parties")
    List<Party> list(@AuthenticationPrincipal Caller operator) {
        return administration.list(operator);
    }

    @Operation(
            operationId = "issueApiKey",
            summary = "Issue an API key",
            description = "An operator issues another key for a party (shown this once); earlier keys keep working.")
    @ApiResponse(responseCode = "201", description = "The new key")
    @PostMapping("/api/v1/parties/{partyId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKey issueKey(@AuthenticationPrincipal Caller operator, @PathVariable UUID partyId) {
        return new IssuedKey(partyId, administration.issueKey(operator, partyId));
    }

    @Operation(
            operationId = "me",
            summary = "Read the calling party",
            description = "The party the API key belongs to.")
    @ApiResponse(responseCode = "200", description = "The calling party")
    @GetMapping("/api/v1/me")
    Party me(@AuthenticationPrincipal Caller caller) {
        return administration.find(caller, caller.partyId());
    }
}
