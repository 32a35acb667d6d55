package io.rescind.parties.web;

import io.rescind.parties.Administrator;
import io.rescind.parties.Party;
import io.rescind.parties.Tenant;
import io.rescind.parties.TenantAdministration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Administration")
class TenantController {

    /** @param operatorName the first operator's name; "Operator" when left out */
    record NewTenant(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String operatorName) {}

    record TenantWithOperator(Tenant tenant, Party operator, String apiKey) {}

    private final TenantAdministration administration;

    TenantController(TenantAdministration administration) {
        this.administration = administration;
    }

    @Operation(
            operationId = "createTenant",
            summary = "Create a tenant",
            description = "The administrator (`rescind.admin.key`) creates a tenant with its first operator; the"
                    + " answer shows the operator's API key, this once. A name is used once, whatever its case.")
    @ApiResponse(responseCode = "201", description = "The tenant, its operator and the operator's key")
    @ApiResponse(responseCode = "409", description = "A tenant has that name already (`tenant-name-taken`)")
    @PostMapping("/api/v1/admin/tenants")
    ResponseEntity<TenantWithOperator> create(
            @AuthenticationPrincipal Administrator administrator, @Valid @RequestBody NewTenant request) {
        var operatorName =
                request.operatorName() == null || request.operatorName().isBlank()
                        ? "Operator"
                        : request.operatorName().strip();
        var issued = administration.create(administrator, request.name().strip(), operatorName);
        return ResponseEntity.created(
                        URI.create("/api/v1/admin/tenants/" + issued.tenant().id()))
                .body(new TenantWithOperator(issued.tenant(), issued.operator(), issued.apiKey()));
    }

    @Operation(operationId = "getTenant", summary = "A tenant", description = "One tenant, for the administrator.")
    @ApiResponse(responseCode = "200", description = "The tenant")
    @GetMapping("/api/v1/admin/tenants/{tenantId}")
    Tenant get(@AuthenticationPrincipal Administrator administrator, @PathVariable java.util.UUID tenantId) {
        return administration.get(administrator, tenantId);
    }

    @Operation(operationId = "listTenants", summary = "List tenants", description = "Every tenant, oldest first.")
    @ApiResponse(responseCode = "200", description = "The tenants")
    @GetMapping("/api/v1/admin/tenants")
    List<Tenant> list(@AuthenticationPrincipal Administrator administrator) {
        return administration.list(administrator);
    }
}
