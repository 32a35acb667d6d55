package io.rescind.actions;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.rescind.orders.CancelLines;
import io.rescind.orders.LineRef;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one serialised form of the {@link CancelLines} commands an action stores: the command
 * itself, its sealed parts named by a {@code kind} property. The names live here, as mix-ins, so
 * that the command stays free of JSON concerns and a field added to it is stored without anyone
 * remembering to copy it.
 */
final class StoredCommand {

    private static final TypeReference<List<CancelLines>> COMMANDS = new TypeReference<>() {};

    private final JsonMapper json;

    StoredCommand(JsonMapper json) {
        this.json = json.rebuild()
                .addMixIn(CancelLines.OrderRef.class, OrderRefKinds.class)
                .addMixIn(CancelLines.Scope.class, ScopeKinds.class)
                .addMixIn(LineRef.class, LineRefKinds.class)
                .build();
    }

    String write(List<CancelLines> commands) {
        return json.writeValueAsString(commands);
    }

    List<CancelLines> read(String stored) {
        return json.readValue(stored, COMMANDS);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = CancelLines.OrderRef.ById.class, name = "id"),
        @JsonSubTypes.Type(value = CancelLines.OrderRef.ByNumber.class, name = "number")
    })
    private interface OrderRefKinds {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = CancelLines.WholeOrder.class, name = "whole-order"),
        @JsonSubTypes.Type(value = CancelLines.Lines.class, name = "lines")
    })
    private interface ScopeKinds {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = LineRef.ById.class, name = "id"),
        @JsonSubTypes.Type(value = LineRef.ByNumber.class, name = "number"),
        @JsonSubTypes.Type(value = LineRef.ByPosition.class, name = "position")
    })
    private interface LineRefKinds {}
}
