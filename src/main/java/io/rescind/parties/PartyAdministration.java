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

    @Transactional
    public IssuedParty create(Caller operator, String name, PartyRole role) {
        var party = parties.create(operator.tenantId(), name, role);
        return new IssuedParty(party, keys.issue(operator.tenantId(), party.id()));
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
