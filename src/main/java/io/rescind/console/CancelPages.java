package io.rescind.console;

import io.rescind.cancellation.CancelOutcome;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelReason;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Cancelling from the console in three steps: the form, a preview of the prorated amounts, and
 * the engine's answer. The preview and the confirmation both check the form against the order
 * as it is now; a page made from an older version of the order is shown again, nothing written.
 */
@Controller
class CancelPages {

    private final ConsoleOrders orders;
    private final ConsoleCancels cancels;
    private final ConsoleParties parties;

    CancelPages(ConsoleOrders orders, ConsoleCancels cancels, ConsoleParties parties) {
        this.orders = orders;
        this.cancels = cancels;
        this.parties = parties;
    }

    @GetMapping("/console/orders/{orderId}/cancel")
    String form(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, Model model) {
        var order = orders.order(caller, orderId);
        var empty = new CancelForm(false, Map.of(), null, null, Long.toString(order.version()), null);
        return form(order, empty, List.of(), false, model);
    }

    @PostMapping("/console/orders/{orderId}/cancel/preview")
    String preview(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @RequestParam MultiValueMap<String, String> params,
            HttpServletResponse response,
            Model model) {
        var order = orders.order(caller, orderId);
        var form = CancelForm.of(params);
        return switch (form.check(order)) {
            case CancelForm.Stale stale -> stale(order, form, response, model);
            case CancelForm.Invalid invalid -> invalid(order, form, invalid, response, model);
            case CancelForm.Valid valid -> {
                model.addAttribute("order", order);
                model.addAttribute("form", form);
                model.addAttribute("preview", valid);
                model.addAttribute("token", UUID.randomUUID().toString());
                model.addAttribute("words", OrderPages.WORDS);
                yield "console/cancel-preview";
            }
        };
    }

    @PostMapping("/console/orders/{orderId}/cancel")
    String confirm(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @RequestParam MultiValueMap<String, String> params,
            HttpServletResponse response,
            Model model) {
        var order = orders.order(caller, orderId);
        var form = CancelForm.of(params);
        return switch (form.check(order)) {
            case CancelForm.Stale stale -> stale(order, form, response, model);
            case CancelForm.Invalid invalid -> invalid(order, form, invalid, response, model);
            case CancelForm.Valid valid -> {
                var key = form.token() == null || form.token().isBlank() ? null : "console:" + form.token();
                var outcome = cancels.cancel(
                        caller,
                        new CancelLines(
                                new CancelLines.OrderRef.ById(order.id()),
                                valid.scope(),
                                valid.reason(),
                                valid.note(),
                                key));
                if (outcome instanceof CancelOutcome.Refused) {
                    response.setStatus(409);
                }
                model.addAttribute("order", order);
                model.addAttribute("outcome", outcome);
                model.addAttribute(
                        "kind",
                        switch (outcome) {
                            case CancelOutcome.Applied applied -> "applied";
                            case CancelOutcome.Pending pending -> "pending";
                            case CancelOutcome.Refused refused -> "refused";
                        });
                var decider = outcome.cancellation().deciderId();
                model.addAttribute("names", parties.names(caller, decider == null ? List.of() : List.of(decider)));
                model.addAttribute("words", OrderPages.WORDS);
                yield "console/cancel-outcome";
            }
        };
    }

    private String stale(PurchaseOrder order, CancelForm form, HttpServletResponse response, Model model) {
        response.setStatus(409);
        var fresh = new CancelForm(form.all(), form.quantities(), form.reason(), form.note(), null, null);
        return form(
                order,
                fresh,
                List.of("This order changed after your page was loaded (someone else may have cancelled,"
                        + " shipped or decided on it). Nothing was cancelled. Below is the order as it is now:"
                        + " check the quantities and submit again."),
                true,
                model);
    }

    private String invalid(
            PurchaseOrder order,
            CancelForm form,
            CancelForm.Invalid invalid,
            HttpServletResponse response,
            Model model) {
        response.setStatus(422);
        return form(order, form, invalid.errors(), false, model);
    }

    private String form(PurchaseOrder order, CancelForm form, List<String> errors, boolean stale, Model model) {
        model.addAttribute("order", order);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("stale", stale);
        model.addAttribute("reasons", CancelReason.values());
        model.addAttribute("words", OrderPages.WORDS);
        return "console/cancel";
    }
}
