package io.rescind.console;

import io.rescind.RescindException;
import io.rescind.cancellation.DecideRequest;
import io.rescind.orders.Cancellation;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Cancel requests awaiting the party's decision, decided one or many at a time; reverts. */
@Controller
class RequestPages {

    static final int LIMIT = 200;

    /** A request with the order it belongs to, for showing. */
    record Awaiting(Cancellation request, PurchaseOrder order) {}

    private final ConsoleOrders orders;
    private final ConsoleCancels cancels;
    private final ConsoleParties parties;

    RequestPages(ConsoleOrders orders, ConsoleCancels cancels, ConsoleParties parties) {
        this.orders = orders;
        this.cancels = cancels;
        this.parties = parties;
    }

    @GetMapping("/console/requests")
    String list(@AuthenticationPrincipal Caller caller, Model model) {
        var awaiting = new ArrayList<Awaiting>();
        Map<UUID, PurchaseOrder> seen = new HashMap<>();
        for (var request : cancels.awaiting(caller, LIMIT)) {
            var order = seen.computeIfAbsent(request.orderId(), id -> orders.order(caller, id));
            awaiting.add(new Awaiting(request, order));
        }
        var ids = awaiting.stream().map(a -> a.request().requestedBy()).toList();
        model.addAttribute("awaiting", awaiting);
        model.addAttribute("names", parties.names(caller, ids));
        model.addAttribute("words", OrderPages.WORDS);
        return "console/requests";
    }

    /**
     * Decides each chosen request on its own (one transaction each, as the API does): one already
     * decided by someone else does not stop the others, and each result is reported.
     */
    @PostMapping("/console/requests/decide")
    String decide(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(name = "request", required = false) List<String> chosen,
            @RequestParam DecideRequest.Verdict verdict,
            RedirectAttributes redirect) {
        var results = new ArrayList<String>();
        var failures = new ArrayList<String>();
        if (chosen == null || chosen.isEmpty()) {
            failures.add("Tick at least one request first.");
        } else {
            for (var value : chosen) {
                var parts = value.split("/", 2);
                try {
                    var orderId = UUID.fromString(parts[0]);
                    var decided = cancels.decide(caller, orderId, UUID.fromString(parts[1]), verdict);
                    var order = orders.order(caller, orderId);
                    results.add("Order %d: request %s."
                            .formatted(
                                    order.number(),
                                    Words.label(decided.status()).toLowerCase()));
                } catch (RescindException refused) {
                    failures.add(refused.getMessage() + ".");
                } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
                    failures.add("\"%s\" is not a request of this list.".formatted(value));
                }
            }
        }
        redirect.addFlashAttribute("results", results);
        redirect.addFlashAttribute("failures", failures);
        return "redirect:/console/requests";
    }

    /** Un-cancels cancelled lines (buyers and operators; the engine decides). */
    @PostMapping("/console/orders/{orderId}/revert")
    String revert(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @RequestParam(name = "position", required = false) List<String> positions,
            @RequestParam(required = false) String reason,
            @RequestParam long version,
            RedirectAttributes redirect) {
        if (positions == null || positions.isEmpty()) {
            redirect.addFlashAttribute("failures", List.of("Tick at least one cancelled line to revert."));
        } else {
            cancels.revert(caller, orderId, positions, reason == null || reason.isBlank() ? null : reason, version);
            redirect.addFlashAttribute("results", List.of("Reverted: the lines are open again."));
        }
        return "redirect:/console/orders/" + orderId;
    }
}
