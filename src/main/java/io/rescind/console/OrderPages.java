package io.rescind.console;

import io.rescind.orders.Cancellation;
import io.rescind.orders.LineStatus;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The orders a party may see, searched, and each order with its lines, cancels and history. */
@Controller
class OrderPages {

    static final int PAGE = 50;

    /** A history entry with its heading in plain words. */
    record HistoryEntry(io.rescind.orders.HistoryEntry entry, String title) {}

    private final ConsoleOrders orders;
    private final ConsoleParties parties;

    OrderPages(ConsoleOrders orders, ConsoleParties parties) {
        this.orders = orders;
        this.parties = parties;
    }

    @GetMapping("/console/orders")
    String list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) LineStatus status,
            @RequestParam(required = false) UUID buyer,
            @RequestParam(required = false) UUID seller,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "0") long after,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        var search = new ConsoleOrders.Search(
                q,
                status,
                buyer,
                seller,
                from == null ? null : from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to == null ? null : to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                Math.max(0, after),
                PAGE);
        var found = orders.search(caller, search);
        model.addAttribute("orders", found);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("status", status);
        model.addAttribute("buyer", buyer);
        model.addAttribute("seller", seller);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("statuses", LineStatus.values());
        model.addAttribute(
                "next",
                found.size() == PAGE && (q == null || q.isBlank())
                        ? found.getLast().number()
                        : null);
        var ids = new ArrayList<UUID>();
        found.forEach(o -> {
            ids.add(o.buyerId());
            ids.add(o.sellerId());
        });
        if (caller.isOperator()) {
            model.addAttribute("buyers", parties.ofRole(caller, PartyRole.BUYER));
            model.addAttribute("sellers", parties.ofRole(caller, PartyRole.SELLER));
        }
        model.addAttribute("names", parties.names(caller, ids));
        model.addAttribute("words", WORDS);
        // htmx asks for the results only, as the search form changes.
        return htmx != null ? "console/orders :: results" : "console/orders";
    }

    @GetMapping("/console/orders/{orderId}")
    String order(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, Model model) {
        var order = orders.order(caller, orderId);
        show(caller, order, model);
        return "console/order";
    }

    /** Fills the model of the order page; other pages that show the order again reuse it. */
    void show(Caller caller, PurchaseOrder order, Model model) {
        var history = orders.history(caller, order.id()).stream()
                .map(entry -> new HistoryEntry(entry, Words.event(entry.type())))
                .toList();
        var cancellations = orders.cancellations(caller, order.id());
        var ids = new ArrayList<UUID>(List.of(order.buyerId(), order.sellerId()));
        history.forEach(h -> ids.add(h.entry().actor()));
        cancellations.forEach(c -> ids.add(c.requestedBy()));
        model.addAttribute("order", order);
        model.addAttribute("history", history);
        model.addAttribute("cancellations", cancellations);
        model.addAttribute(
                "awaitingMe",
                cancellations.stream()
                        .filter(c -> c.status() == Cancellation.Status.PENDING)
                        .filter(c -> caller.isOperator() || caller.partyId().equals(c.deciderId()))
                        .toList());
        model.addAttribute("names", parties.names(caller, ids));
        model.addAttribute(
                "mayRevert",
                caller.role() != PartyRole.SELLER
                        && order.lines().stream().anyMatch(l -> l.status() == LineStatus.CANCELLED));
        model.addAttribute("mayCancel", order.lines().stream().anyMatch(l -> l.openQuantity() > 0));
        model.addAttribute("words", WORDS);
    }

    /** Thymeleaf calls these by name: {@code ${words.label(x)}}. */
    static final WordsView WORDS = new WordsView();

    static final class WordsView {
        public String label(Enum<?> value) {
            return value == null ? "" : Words.label(value);
        }

        public String refusal(io.rescind.orders.RefusalReason reason) {
            return Words.refusal(reason);
        }

        /** Minutes in UTC, the zone every party of a tenant shares. */
        public String time(java.time.Instant at) {
            return at == null ? "" : TIME.format(at);
        }

        public String money(java.math.BigDecimal amount) {
            return amount == null ? "" : amount.toPlainString();
        }

        private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC);
    }
}
