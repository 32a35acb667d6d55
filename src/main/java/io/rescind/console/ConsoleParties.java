package io.rescind.console;

import io.rescind.parties.Caller;
import io.rescind.parties.Party;
import io.rescind.parties.PartyAdministration;
import io.rescind.parties.PartyRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Parties and their keys, through the administration the REST API calls. */
@Component
class ConsoleParties {

    private final PartyAdministration administration;

    ConsoleParties(PartyAdministration administration) {
        this.administration = administration;
    }

    Party me(Caller caller) {
        return administration.find(caller, caller.partyId());
    }

    /** Every party of the tenant; only operators may list them. */
    List<Party> all(Caller operator) {
        return administration.list(operator);
    }

    List<Party> ofRole(Caller operator, PartyRole role) {
        return all(operator).stream().filter(p -> p.role() == role).toList();
    }

    /** Names for the parties an order page mentions; an id nobody knows shows as itself. */
    Map<UUID, String> names(Caller caller, java.util.Collection<UUID> ids) {
        var names = new HashMap<UUID, String>();
        for (var id : ids) {
            if (id != null && !names.containsKey(id)) {
                try {
                    names.put(id, administration.find(caller, id).name());
                } catch (io.rescind.RescindException unknown) {
                    names.put(id, id.toString());
                }
            }
        }
        return names;
    }

    PartyAdministration.IssuedParty create(Caller operator, String name, PartyRole role) {
        return administration.create(operator, name, role, io.rescind.parties.References.NONE);
    }

    String issueKey(Caller operator, UUID partyId) {
        return administration.issueKey(operator, partyId);
    }

    List<io.rescind.parties.ApiKeys.KeyInfo> keys(Caller operator, UUID partyId) {
        return administration.keys(operator, partyId);
    }

    void revokeKey(Caller operator, UUID partyId, UUID keyId) {
        administration.revokeKey(operator, partyId, keyId);
    }

    Party find(Caller caller, UUID partyId) {
        return administration.find(caller, partyId);
    }
}
