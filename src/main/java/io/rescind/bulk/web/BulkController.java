package io.rescind.bulk.web;

import io.rescind.RescindException;
import io.rescind.bulk.BulkCancelRequest;
import io.rescind.bulk.BulkCancellations;
import io.rescind.bulk.BulkJob;
import io.rescind.bulk.OrderResult;
import io.rescind.bulk.Submission;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The canonical API's bulk cancellations: accept a job, poll it, page or download its results, stop it. */
@RestController
@Tag(name = "Bulk cancellations")
@RequestMapping("/api/v1/bulk-cancellations")
class BulkController {

    /** A dry run's answer: what each order would get, and how many would get what. */
    record DryRunView(boolean dryRun, Map<OrderResult.Status, Integer> summary, List<OrderResult> results) {}

    record ResultsPage(List<OrderResult> results, String nextCursor) {}

    private final BulkCancellations bulk;

    BulkController(BulkCancellations bulk) {
        this.bulk = bulk;
    }

    @Operation(
            operationId = "submitBulkCancellation",
            summary = "Cancel many orders",
            description = "Named orders and lines, or a selection (every open line of a SKU, a seller, a buyer, or"
                    + " of orders placed before a date), each order cancelled in a transaction of its own by the"
                    + " same engine as a single cancel. 202 with the job to poll; with `dryRun` 200 with what each"
                    + " order would get, nothing written. The same `Idempotency-Key` returns the first job.")
    @ApiResponse(
            responseCode = "202",
            description = "The job, accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkJob.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A dry run: what each order would get",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DryRunView.class)))
    @PostMapping
    ResponseEntity<?> submit(
            @AuthenticationPrincipal Caller caller,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
            @Valid @RequestBody BulkCancelRequest request) {
        return switch (bulk.submit(caller, request, idempotencyKey)) {
            case Submission.DryRun dryRun -> {
                var summary = new EnumMap<OrderResult.Status, Integer>(OrderResult.Status.class);
                dryRun.results().forEach(result -> summary.merge(result.status(), 1, Integer::sum));
                yield ResponseEntity.ok(new DryRunView(true, summary, dryRun.results()));
            }
            case Submission.Accepted accepted -> {
                var response = ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create(
                                "/api/v1/bulk-cancellations/" + accepted.job().id()));
                if (accepted.replayed()) {
                    response.header("Idempotent-Replayed", "true");
                }
                yield response.body(accepted.job());
            }
        };
    }

    /** The caller's jobs, newest first; an operator sees every job of its tenant. */
    @Operation(
            operationId = "listBulkCancellations",
            summary = "List bulk jobs",
            description = "The caller's jobs, newest first; an operator sees every job of its tenant.")
    @ApiResponse(responseCode = "200", description = "A page of jobs")
    @GetMapping
    JobsPage list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) String cursor) {
        Instant before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Instant.parse(cursor);
            } catch (java.time.format.DateTimeParseException e) {
                throw new RescindException(
                        RescindException.Kind.INVALID, "invalid-cursor", "The cursor is not one we gave");
            }
        }
        var jobs = bulk.list(caller, before, limit);
        var next = jobs.size() == limit ? jobs.getLast().createdAt().toString() : null;
        return new JobsPage(jobs, next);
    }

    record JobsPage(List<BulkJob> items, String nextCursor) {}

    @Operation(
            operationId = "getBulkCancellation",
            summary = "A bulk job",
            description = "The job's status and its progress counts.")
    @ApiResponse(responseCode = "200", description = "The job")
    @GetMapping("/{jobId}")
    BulkJob get(@AuthenticationPrincipal Caller caller, @PathVariable UUID jobId) {
        return bulk.get(caller, jobId);
    }

    /** Stops the job between two orders; orders not worked yet are SKIPPED. */
    @Operation(
            operationId = "stopBulkCancellation",
            summary = "Stop a bulk job",
            description = "Stops the job between two orders; orders not worked yet are SKIPPED.")
    @ApiResponse(responseCode = "200", description = "The job, stopping")
    @PostMapping("/{jobId}/cancel")
    BulkJob cancel(@AuthenticationPrincipal Caller caller, @PathVariable UUID jobId) {
        return bulk.cancel(caller, jobId);
    }

    /** The results in the job's order; {@code cursor} is the {@code nextCursor} of the page before. */
    @Operation(
            operationId = "listBulkResults",
            summary = "A bulk job's results",
            description = "A result per order, in the job's order; `cursor` is the `nextCursor` of the page before.")
    @ApiResponse(responseCode = "200", description = "A page of results")
    @GetMapping("/{jobId}/results")
    ResultsPage results(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID jobId,
            @RequestParam(required = false) OrderResult.Status status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) String cursor) {
        var results = bulk.results(caller, jobId, afterSeq(cursor), status, limit);
        var next = results.size() == limit ? String.valueOf(results.getLast().seq()) : null;
        return new ResultsPage(results, next);
    }

    /** Every result as CSV, one order a row, written page by page. */
    @Operation(
            operationId = "downloadBulkResults",
            summary = "A bulk job's results as CSV",
            description = "Every result, one order a row.")
    @ApiResponse(
            responseCode = "200",
            description = "The results",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(path = "/{jobId}/results.csv", produces = "text/csv")
    void csv(@AuthenticationPrincipal Caller caller, @PathVariable UUID jobId, HttpServletResponse response) {
        // Checked before anything is written, so that an unknown job is still a 404 problem.
        bulk.get(caller, jobId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"bulk-" + jobId + ".csv\"");
        try {
            var out = response.getOutputStream();
            out.write("seq,order_id,order_number,status,cancellation_id,units,refusal_codes,detail\n"
                    .getBytes(StandardCharsets.UTF_8));
            bulk.eachResult(caller, jobId, page -> {
                var text = new StringBuilder();
                for (var result : page) {
                    text.append(csvRow(result)).append('\n');
                }
                try {
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int afterSeq(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw new RescindException(
                    RescindException.Kind.INVALID, "invalid-cursor", "The cursor is not one we gave");
        }
    }

    static String csvRow(OrderResult result) {
        var codes = result.refusals().stream()
                .map(refusal ->
                        refusal.lineNumber() == null ? refusal.code() : refusal.code() + "@" + refusal.lineNumber())
                .collect(Collectors.joining(";"));
        var detail = result.refusals().stream()
                .map(OrderResult.Refusal::detail)
                .filter(text -> text != null)
                .collect(Collectors.joining("; "));
        return String.join(
                ",",
                String.valueOf(result.seq()),
                result.orderId() == null ? "" : result.orderId().toString(),
                result.orderNumber() == null ? "" : result.orderNumber().toString(),
                result.status().name(),
                result.cancellationId() == null ? "" : result.cancellationId().toString(),
                String.valueOf(result.units()),
                quoted(codes),
                quoted(detail));
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
