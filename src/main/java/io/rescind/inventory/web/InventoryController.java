package io.rescind.inventory.web;

import io.rescind.inventory.Inventory;
import io.rescind.inventory.Stock;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Inventory")
class InventoryController {

    record StockLevel(@NotNull @Min(0) @Max(1_000_000_000) Long available) {}

    private final Inventory inventory;

    InventoryController(Inventory inventory) {
        this.inventory = inventory;
    }

    @Operation(
            operationId = "getStock",
            summary = "Read stock",
            description = "The units available of a SKU for a seller (the caller, or `sellerId` for an operator).")
    @ApiResponse(responseCode = "200", description = "The stock")
    @GetMapping("/api/v1/inventory/{sku}")
    Stock get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable @Size(max = 200) String sku,
            @RequestParam(required = false) UUID sellerId) {
        return inventory.get(caller, sellerId, sku);
    }

    @Operation(
            operationId = "setStock",
            summary = "Set stock",
            description = "Sets the units available of a SKU; cancels give units back.")
    @ApiResponse(responseCode = "200", description = "The stock now")
    @PutMapping("/api/v1/inventory/{sku}")
    Stock set(
            @AuthenticationPrincipal Caller caller,
            @PathVariable @Size(max = 200) String sku,
            @RequestParam(required = false) UUID sellerId,
            @Valid @RequestBody StockLevel level) {
        return inventory.set(caller, sellerId, sku, level.available());
    }
}
