package io.rescind.cancellation;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.orders.CancellationPolicy;
import io.rescind.parties.Caller;
import io.rescind.parties.Parties;
import io.rescind.parties.PartyRole;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A seller's cancellation policy, read and set by the seller itself or an operator. */
@Service
public class SellerPolicies {

    private final CancellationPolicies policies;
    private final Parties parties;
    private final TransactionTemplate transactions;

    SellerPolicies(CancellationPolicies policies, Parties parties, TransactionTemplate transactions) {
        this.policies = policies;
        this.parties = parties;
        this.transactions = transactions;
    }

    public CancellationPolicy policy(Caller caller, UUID sellerId) {
        requireAccess(caller, sellerId);
        return policies.forSeller(caller.tenantId(), sellerId);
    }

    public void setPolicy(Caller caller, UUID sellerId, CancellationPolicy policy) {
        requireAccess(caller, sellerId);
        transactions.executeWithoutResult(tx -> policies.save(caller.tenantId(), sellerId, policy));
    }

    /** The seller itself, or an operator of its tenant, and only for a party that is a seller. */
    private void requireAccess(Caller caller, UUID sellerId) {
        if (!caller.isOperator()
                && !(caller.role() == PartyRole.SELLER && caller.partyId().equals(sellerId))) {
            throw new RescindException(
                    Kind.FORBIDDEN, "not-allowed-for-role", "Only the seller or an operator manages its policy");
        }
        var party = parties.find(caller.tenantId(), sellerId).orElseThrow(() -> RescindException.notFound("Seller"));
        if (party.role() != PartyRole.SELLER) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "not-a-seller",
                    "Party %s is a %s: only sellers have a cancellation policy"
                            .formatted(sellerId, party.role().name().toLowerCase()),
                    java.util.Map.of("field", "sellerId"));
        }
    }
}
