package io.rescind.console;

import io.rescind.RescindException;
import io.rescind.orders.CancellationPolicy;
import io.rescind.orders.LineStatus;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's pages: parties and keys, seller policies, webhooks. Operators only (the chain says so). */
@Controller
class OperatorPages {

    static final int MAX_NAME = 200;
    static final int DELIVERIES = 50;

    private final ConsoleParties parties;
    private final ConsoleCancels cancels;
    private final ConsoleWebhooks webhooks;
    private final ConsoleActivity activity;
    private final ConsoleActions actions;

    OperatorPages(
            ConsoleParties parties,
            ConsoleCancels cancels,
            ConsoleWebhooks webhooks,
            ConsoleActivity activity,
            ConsoleActions actions) {
        this.parties = parties;
        this.cancels = cancels;
        this.webhooks = webhooks;
        this.activity = activity;
        this.actions = actions;
    }

    static final int ACTIONS = 100;

    /** Asynchronous actions, newest first: queued (or waiting to retry), done, failed with why. */
    @GetMapping("/console/operator/actions")
    String actions(
            @AuthenticationPrincipal Caller operator,
            @RequestParam(required = false) io.rescind.actions.Action.Status status,
            Model model) {
        model.addAttribute("actions", actions.recent(operator, status, ACTIONS));
        model.addAttribute("status", status);
        model.addAttribute("statuses", io.rescind.actions.Action.Status.values());
        model.addAttribute("words", OrderPages.WORDS);
        return "console/actions";
    }

    /** A counted line of the dashboard, in words. */
    record Count(String what, long count) {}

    /** The day so far (UTC): changes by kind, refusals by reason, requests waiting, relay lag. */
    @GetMapping("/console/operator/today")
    String today(@AuthenticationPrincipal Caller operator, Model model) {
        var midnight =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        var summary = activity.since(operator, midnight);
        model.addAttribute(
                "changes",
                summary.changes().entrySet().stream()
                        .map(e -> new Count(Words.event(e.getKey()), e.getValue()))
                        .toList());
        model.addAttribute(
                "refusals",
                summary.refusals().entrySet().stream()
                        .map(e -> new Count(refusalWords(e.getKey()), e.getValue()))
                        .toList());
        model.addAttribute("pending", cancels.awaiting(operator, PENDING_SHOWN).size());
        model.addAttribute("pendingShown", PENDING_SHOWN);
        model.addAttribute("unpublished", summary.unpublished());
        model.addAttribute("lag", summary.lag().toMillis() / 1000.0);
        model.addAttribute("since", midnight);
        model.addAttribute("words", OrderPages.WORDS);
        return "console/today";
    }

    static final int PENDING_SHOWN = 1000;

    private static String refusalWords(String reason) {
        try {
            var words = Words.refusal(io.rescind.orders.RefusalReason.valueOf(reason));
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return String.valueOf(reason);
        }
    }

    @GetMapping("/console/operator/parties")
    String parties(@AuthenticationPrincipal Caller operator, Model model) {
        model.addAttribute("parties", parties.all(operator));
        model.addAttribute("roles", PartyRole.values());
        model.addAttribute("words", OrderPages.WORDS);
        return "console/parties";
    }

    /** A new party and its first key; the key is on this one page and never again. */
    @PostMapping("/console/operator/parties")
    String create(
            @AuthenticationPrincipal Caller operator,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String role,
            Model model) {
        var errors = new java.util.ArrayList<String>();
        var clean = name.strip();
        if (clean.isEmpty()) {
            errors.add("Give the party a name.");
        } else if (clean.length() > MAX_NAME) {
            errors.add("The name is %d characters long; at most %d fit.".formatted(clean.length(), MAX_NAME));
        }
        PartyRole parsed = null;
        try {
            parsed = role == null ? null : PartyRole.valueOf(role);
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        if (parsed == null) {
            errors.add("Choose whether the party is a buyer, a seller or an operator.");
        }
        if (errors.isEmpty()) {
            var issued = parties.create(operator, clean, parsed);
            model.addAttribute("issuedFor", issued.party());
            model.addAttribute("issuedKey", issued.apiKey());
        } else {
            model.addAttribute("failures", errors);
            model.addAttribute("typedName", name);
        }
        return parties(operator, model);
    }

    @GetMapping("/console/operator/parties/{partyId}")
    String party(@AuthenticationPrincipal Caller operator, @PathVariable UUID partyId, Model model) {
        model.addAttribute("party", parties.find(operator, partyId));
        model.addAttribute("keys", parties.keys(operator, partyId));
        model.addAttribute("words", OrderPages.WORDS);
        return "console/party";
    }

    @PostMapping("/console/operator/parties/{partyId}/keys")
    String issueKey(@AuthenticationPrincipal Caller operator, @PathVariable UUID partyId, Model model) {
        var key = parties.issueKey(operator, partyId);
        model.addAttribute("issuedKey", key);
        return party(operator, partyId, model);
    }

    @PostMapping("/console/operator/parties/{partyId}/keys/{keyId}/revoke")
    String revokeKey(
            @AuthenticationPrincipal Caller operator,
            @PathVariable UUID partyId,
            @PathVariable UUID keyId,
            RedirectAttributes redirect) {
        parties.revokeKey(operator, partyId, keyId);
        redirect.addFlashAttribute(
                "results", List.of("Key revoked. It stops working everywhere within the key cache period."));
        return "redirect:/console/operator/parties/" + partyId;
    }

    @GetMapping("/console/operator/policies")
    String policies(
            @AuthenticationPrincipal Caller operator, @RequestParam(required = false) UUID seller, Model model) {
        var sellers = parties.ofRole(operator, PartyRole.SELLER);
        model.addAttribute("sellers", sellers);
        model.addAttribute("statuses", cancellable());
        model.addAttribute("words", OrderPages.WORDS);
        if (seller != null) {
            model.addAttribute("seller", parties.find(operator, seller));
            model.addAttribute("policy", cancels.policy(operator, seller));
        }
        return "console/policies";
    }

    @PostMapping("/console/operator/policies/{sellerId}")
    String setPolicy(
            @AuthenticationPrincipal Caller operator,
            @PathVariable UUID sellerId,
            @RequestParam(name = "buyerMayCancel", required = false) List<LineStatus> buyerMayCancel,
            @RequestParam(name = "sellerMayCancel", required = false) List<LineStatus> sellerMayCancel,
            @RequestParam(name = "buyerNeedsApproval", required = false) List<LineStatus> buyerNeedsApproval,
            @RequestParam(name = "sellerNeedsApproval", required = false) List<LineStatus> sellerNeedsApproval,
            @RequestParam(defaultValue = "P7D") String pendingTtl,
            @RequestParam(defaultValue = "REJECT") CancellationPolicy.OnExpiry onExpiry,
            RedirectAttributes redirect) {
        try {
            var policy = new CancellationPolicy(
                    set(buyerMayCancel),
                    set(sellerMayCancel),
                    set(buyerNeedsApproval),
                    set(sellerNeedsApproval),
                    Duration.parse(pendingTtl.strip()),
                    onExpiry);
            cancels.setPolicy(operator, sellerId, policy);
            redirect.addFlashAttribute("results", List.of("Policy saved."));
        } catch (DateTimeParseException badDuration) {
            redirect.addFlashAttribute(
                    "failures",
                    List.of("\"%s\" is not a duration such as P7D (seven days) or PT12H (twelve hours)."
                            .formatted(pendingTtl)));
        } catch (IllegalArgumentException refused) {
            redirect.addFlashAttribute("failures", List.of(refused.getMessage() + ". Nothing was saved."));
        }
        return "redirect:/console/operator/policies?seller=" + sellerId;
    }

    @GetMapping("/console/operator/webhooks")
    String webhooks(
            @AuthenticationPrincipal Caller operator, @RequestParam(required = false) String status, Model model) {
        var chosen = status == null || status.isBlank() ? null : status;
        model.addAttribute("subscriptions", webhooks.subscriptions(operator));
        model.addAttribute("deliveries", webhooks.deliveries(operator, null, chosen, DELIVERIES));
        model.addAttribute("status", chosen);
        model.addAttribute("words", OrderPages.WORDS);
        return "console/webhooks";
    }

    @PostMapping("/console/operator/webhooks/deliveries/{deliveryId}/redeliver")
    String redeliver(
            @AuthenticationPrincipal Caller operator, @PathVariable UUID deliveryId, RedirectAttributes redirect) {
        try {
            webhooks.redeliver(operator, deliveryId);
            redirect.addFlashAttribute("results", List.of("Delivery queued again, with a fresh set of attempts."));
        } catch (RescindException refused) {
            redirect.addFlashAttribute("failures", List.of(refused.getMessage() + "."));
        }
        return "redirect:/console/operator/webhooks";
    }

    private static Set<LineStatus> set(List<LineStatus> statuses) {
        return statuses == null || statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
    }

    /** The states a policy may list: every one but the final ones. */
    private static List<LineStatus> cancellable() {
        return java.util.Arrays.stream(LineStatus.values())
                .filter(s -> !s.isFinal())
                .toList();
    }
}
