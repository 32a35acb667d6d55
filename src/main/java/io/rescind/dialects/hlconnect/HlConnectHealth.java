package io.rescind.dialects.hlconnect;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** HL Connect's public health call, answered from Spring Boot's health checks. */
@RestController
class HlConnectHealth {

    private final HealthEndpoint health;

    HlConnectHealth(HealthEndpoint health) {
        this.health = health;
    }

    /** One item per checked component; any component not up makes the answer a 500, as HL Connect's does. */
    @GetMapping("/health")
    @Tag(name = "Health")
    @Operation(operationId = "health", summary = "Perform system health check")
    ResponseEntity<List<HealthItem>> health() {
        var overall = health.health();
        var items = overall instanceof CompositeHealthDescriptor composite
                ? composite.getComponents().entrySet().stream()
                        .map(component -> new HealthItem(
                                component.getKey(),
                                Status.UP.equals(component.getValue().getStatus())))
                        .toList()
                : List.of(new HealthItem("rescind", Status.UP.equals(overall.getStatus())));
        return ResponseEntity.status(
                        Status.UP.equals(overall.getStatus()) ? HttpStatus.OK : HttpStatus.INTERNAL_SERVER_ERROR)
                .body(items);
    }
}
