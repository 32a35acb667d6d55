package io.rescind.parties;

import io.rescind.RescindException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an operator does with the parties of its tenant. */
@Service
public class PartyAdministration {

    /** A party together with a key that is shown this once. */
    public record IssuedParty(Party party, String apiKey) {}

    private final Parties parties;
    private final ApiKeys keys;

    PartyAdministration(Parties parties, ApiKeys keys) {
        this.parties = parties;
        this.keys = keys;
    }

    /** A new party, with the ids other systems know it by (a reference taken is a conflict: nothing is created). */
    @Transactional
    public IssuedParty create(Caller operator, String name, PartyRole role, References references) {
        var taken = references.byChannel().entrySet().stream()
                .filter(entry -> parties.findByReference(operator.tenantId(), entry.getKey(), entry.getValue())
                        .isPresent())
                .map(entry -> entry.getKey() + ":" + entry.getValue())
                .toList();
        if (!taken.isEmpty()) {
            throw new RescindException(
                    RescindException.Kind.CONFLICT,
                    "reference-taken",
                    "Another party of this tenant has the reference %s".formatted(String.join(", ", taken)),
                    java.util.Map.of("references", taken));
        }
        var party = parties.create(operator.tenantId(), name, role);
        parties.addReferences(operator.tenantId(), party.id(), references);
        return new IssuedParty(party, keys.issue(operator.tenantId(), party.id()));
    }

    public References references(Caller caller, UUID partyId) {
        return parties.references(caller.tenantId(), find(caller, partyId).id());
    }

    @Transactional
    public String issueKey(Caller operator, UUID partyId) {
        var party = parties.find(operator.tenantId(), partyId).orElseThrow(() -> RescindException.notFound("Party"));
        return keys.issue(operator.tenantId(), party.id());
    }

    /** The party's keys, revoked ones included; never the keys themselves. */
    public List<ApiKeys.KeyInfo> keys(Caller operator, UUID partyId) {
        var party = find(operator, partyId);
        return keys.list(operator.tenantId(), party.id());
    }

    /** Revokes one key of a party; an unknown or already revoked key is not found. */
    @Transactional
    public void revokeKey(Caller operator, UUID partyId, UUID keyId) {
        var party = find(operator, partyId);
        if (!keys.revoke(operator.tenantId(), party.id(), keyId)) {
            throw RescindException.notFound("Active key");
        }
    }

    public List<Party> list(Caller operator) {
        return parties.list(operator.tenantId());
    }

    public Party find(Caller caller, UUID partyId) {
        return parties.find(caller.tenantId(), partyId).orElseThrow(() -> RescindException.notFound("Party"));
    }
}
