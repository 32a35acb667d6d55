package io.rescind.dialects.walmart;

import io.rescind.inventory.Inventory;
import io.rescind.inventory.Stock;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Walmart CA's single-item inventory: the calling seller's available units of one SKU. */
@RestController
@Tag(name = "Inventory")
class WalmartInventoryController {

    private final Inventory inventory;
    private final Bodies bodies;

    WalmartInventoryController(Inventory inventory, Bodies bodies) {
        this.inventory = inventory;
        this.bodies = bodies;
    }

    @Operation(
            operationId = "getInventory",
            summary = "Read an item's inventory",
            description = "The quantity available of a SKU.")
    @ApiResponse(responseCode = "200", description = "The inventory")
    @GetMapping("/v3/ca/inventory")
    ResponseEntity<String> get(
            @AuthenticationPrincipal Caller caller, @RequestParam String sku, HttpServletRequest request) {
        var format = WalmartOrdersController.accepted(request);
        return render(format, inventory.get(caller, null, sku), null);
    }

    @Operation(
            operationId = "updateInventoryForAnItemCA",
            summary = "Update an item's inventory",
            description = "Sets the quantity available of a SKU (`inventory`, JSON or XML).")
    @ApiResponse(responseCode = "200", description = "The inventory now")
    @PutMapping("/v3/ca/inventory")
    ResponseEntity<String> put(
            @AuthenticationPrincipal Caller caller,
            @RequestParam String sku,
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        var format = WalmartOrdersController.accepted(request);
        var document = bodies.read(request, body, WalmartError.INVENTORY, "inventory");
        if (document.root() != null && !document.root().equals("inventory")) {
            throw invalid("inventory", "The root element must be inventory, not " + document.root());
        }
        var content = Tree.object(document.content());
        if (content != null && document.root() == null && content.containsKey("inventory")) {
            content = Tree.object(content.get("inventory"));
        }
        if (content == null) {
            throw invalid("inventory", "inventory must be an object");
        }
        var bodySku = Tree.text(content.get("sku"));
        if (bodySku != null && !bodySku.equals(sku)) {
            throw invalid("sku", "The body's sku '%s' is not the sku of the URL '%s'".formatted(bodySku, sku));
        }
        var quantity = Tree.object(content.get("quantity"));
        if (quantity == null) {
            throw invalid("quantity", "quantity is required");
        }
        var unit = Tree.text(quantity.get("unit"));
        if (!"EACH".equalsIgnoreCase(unit)) {
            throw invalid("quantity.unit", "unit must be EACH, not '%s'".formatted(unit));
        }
        var amount = amount(Tree.text(quantity.get("amount")));
        var lagTime = Tree.text(content.get("fulfillmentLagTime"));
        if (lagTime != null && !lagTime.matches("\\d{1,3}")) {
            throw invalid("fulfillmentLagTime", "fulfillmentLagTime must be a whole number of days");
        }
        return render(format, inventory.set(caller, null, sku, amount), lagTime);
    }

    private ResponseEntity<String> render(Format format, Stock stock, String lagTime) {
        var quantity = new LinkedHashMap<String, Object>();
        quantity.put("unit", "EACH");
        quantity.put("amount", stock.available());
        var view = new LinkedHashMap<String, Object>();
        view.put("sku", stock.sku());
        view.put("quantity", quantity);
        if (lagTime != null) {
            view.put("fulfillmentLagTime", Integer.parseInt(lagTime));
        }
        return bodies.render(HttpStatus.OK, format, Bodies.WALMART_NS, "inventory", view, false);
    }

    private static long amount(String text) {
        try {
            var amount = new BigDecimal(text);
            if (amount.signum() >= 0
                    && amount.stripTrailingZeros().scale() <= 0
                    && amount.compareTo(BigDecimal.valueOf(1_000_000_000)) <= 0) {
                return amount.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException | NullPointerException notAWholeNumber) {
            // refused below
        }
        throw invalid("quantity.amount", "amount must be a whole number of units from 0, not '%s'".formatted(text));
    }

    private static WalmartFault invalid(String field, String description) {
        return new WalmartFault(WalmartError.Code.INVALID_REQUEST_CONTENT, WalmartError.INVENTORY, field, description);
    }
}
