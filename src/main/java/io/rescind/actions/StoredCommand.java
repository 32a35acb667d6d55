package io.rescind.actions;

import io.rescind.cancellation.CancelLines;
import io.rescind.cancellation.CancelReason;
import io.rescind.cancellation.LineRef;
import java.util.List;
import java.util.UUID;

/**
 * A {@link CancelLines} command in the flat form stored in an action's row, so that the stored
 * JSON does not depend on how the engine's sealed types would serialise.
 */
record StoredCommand(
        UUID orderId,
        Long orderNumber,
        boolean wholeOrder,
        CancelReason reason,
        String note,
        String idempotencyKey,
        List<StoredLine> lines) {

    record StoredLine(
            UUID lineId, Integer lineNumber, String position, Long quantity, CancelLines.RequestedAmounts amounts) {}

    static StoredCommand of(CancelLines command) {
        UUID orderId = null;
        Long orderNumber = null;
        switch (command.order()) {
            case CancelLines.OrderRef.ById byId -> orderId = byId.id();
            case CancelLines.OrderRef.ByNumber byNumber -> orderNumber = byNumber.number();
        }
        var lines = switch (command.scope()) {
            case CancelLines.WholeOrder whole -> List.<StoredLine>of();
            case CancelLines.Lines named ->
                named.lines().stream().map(StoredCommand::line).toList();
        };
        return new StoredCommand(
                orderId,
                orderNumber,
                command.scope() instanceof CancelLines.WholeOrder,
                command.reason(),
                command.note(),
                command.idempotencyKey(),
                lines);
    }

    private static StoredLine line(CancelLines.LineCancel cancel) {
        return switch (cancel.line()) {
            case LineRef.ById byId -> new StoredLine(byId.id(), null, null, cancel.quantity(), cancel.amounts());
            case LineRef.ByNumber byNumber ->
                new StoredLine(null, byNumber.number(), null, cancel.quantity(), cancel.amounts());
            case LineRef.ByPosition byPosition ->
                new StoredLine(null, null, byPosition.position(), cancel.quantity(), cancel.amounts());
        };
    }

    CancelLines toCommand() {
        CancelLines.OrderRef order = orderId != null
                ? new CancelLines.OrderRef.ById(orderId)
                : new CancelLines.OrderRef.ByNumber(orderNumber);
        CancelLines.Scope scope = wholeOrder
                ? new CancelLines.WholeOrder()
                : new CancelLines.Lines(lines.stream()
                        .map(line -> new CancelLines.LineCancel(ref(line), line.quantity(), line.amounts()))
                        .toList());
        return new CancelLines(order, scope, reason, note, idempotencyKey);
    }

    private static LineRef ref(StoredLine line) {
        if (line.lineId() != null) {
            return new LineRef.ById(line.lineId());
        }
        return line.lineNumber() != null
                ? new LineRef.ByNumber(line.lineNumber())
                : new LineRef.ByPosition(line.position());
    }
}
