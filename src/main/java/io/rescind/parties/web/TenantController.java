package io.rescind.parties.web;

import io.rescind.parties.Administrator;
import io.rescind.parties.Party;
import io.rescind.parties.Tenant;
import io.rescind.parties.TenantAdministration;
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

    @GetMapping("/api/v1/admin/tenants/{tenantId}")
    Tenant get(@AuthenticationPrincipal Administrator administrator, @PathVariable java.util.UUID tenantId) {
        return administration.get(administrator, tenantId);
    }

    @GetMapping("/api/v1/admin/tenants")
    List<Tenant> list(@AuthenticationPrincipal Administrator administrator) {
        return administration.list(administrator);
    }
}
