#!/usr/bin/env bash
# Lines per second a bulk cancellation job cancels (issue 19).
#
#   bench/bulk.sh                  # 100 thousand lines (10 thousand orders of 10 lines), 2 worker threads
#   LINES=20000 THREADS=4 bench/bulk.sh
#
# Builds the service and the CLI, starts Rescind on a fresh embedded PostgreSQL, seeds LINES open
# lines of one SKU (orders of 10 lines, straight into the tables with one statement each), then
# runs `rescind bulk-cancel --sku` (the CLI, plain progress lines) and measures, from the job
# itself, its lines and orders per second between acceptance and the last order's result. Checks
# that every unit was cancelled exactly once and writes bench/results/bulk-<time>/report.md.
#
# Environment: LINES (100000), THREADS (rescind.bulk.worker.threads, 2), SERVICE_PORT (18081),
# DB_PORT (54330), SERVICE_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
lines=${LINES:-100000}
threads=${THREADS:-2}
service_port=${SERVICE_PORT:-18081}
db_port=${DB_PORT:-54330}
per_order=10
orders=$(( (lines + per_order - 1) / per_order ))
lines=$(( orders * per_order ))

if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(ls -d /usr/lib/jvm/*/ | sort -V | tail -1)
    export JAVA_HOME
fi
java="$JAVA_HOME/bin/java"
for tool in psql curl jq; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

echo "Building the service and the CLI (JDK at $JAVA_HOME)"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
./mvnw -B -q -f cli/pom.xml -DskipTests package
results="$root/bench/results/bulk-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
cp "$(ls target/rescind-*.jar | grep -v original | head -1)" "$results/rescind.jar"
cp cli/target/rescind-cli.jar "$results/rescind-cli.jar"

operator_key="rk_bench_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
service_pid=""
stop_service() {
    if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
        kill -TERM "$service_pid"
        wait "$service_pid" 2>/dev/null || true
    fi
    service_pid=""
}
trap stop_service EXIT

echo "Starting Rescind on port $service_port (embedded PostgreSQL on $db_port), $threads bulk worker threads"
# shellcheck disable=SC2086
"$java" ${SERVICE_JAVA_OPTS:-} -jar "$results/rescind.jar" \
    --server.port="$service_port" \
    --rescind.database.embedded.port="$db_port" \
    --rescind.database.embedded.data-dir="$root/bench/results/pgdata-bulk" \
    --rescind.database.embedded.clean=true \
    --rescind.bootstrap.demo=false \
    --rescind.bootstrap.operator-key="$operator_key" \
    --rescind.bulk.worker.threads="$threads" \
    >"$results/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 180); do
    if curl -sf "http://localhost:$service_port/actuator/health" >/dev/null 2>&1; then break; fi
    kill -0 "$service_pid" 2>/dev/null || { echo "Rescind did not start; see $results/service.log" >&2; exit 1; }
    sleep 1
done

api() { curl -sf -H "Authorization: Bearer $operator_key" -H 'Content-Type: application/json' "$@"; }
buyer=$(api -d '{"name": "Bench buyer", "role": "BUYER"}' "http://localhost:$service_port/api/v1/parties")
seller=$(api -d '{"name": "Bench seller", "role": "SELLER"}' "http://localhost:$service_port/api/v1/parties")
buyer_id=$(jq -r .party.id <<<"$buyer")
seller_id=$(jq -r .party.id <<<"$seller")
seller_key=$(jq -r .apiKey <<<"$seller")
tenant=$(jq -r .party.tenantId <<<"$seller")

echo "Seeding $orders orders of $per_order lines ($lines lines of SKU BENCH-BULK)"
export PGPASSWORD=postgres
psql -q -v ON_ERROR_STOP=1 -h localhost -p "$db_port" -U postgres -d postgres <<SQL
update tenants set last_order_number = $orders where tenant_id = '$tenant';
insert into purchase_orders (tenant_id, order_id, order_number, buyer_order_number, buyer_id, seller_id,
    currency, request_hash, created_at, updated_at)
select '$tenant', gen_random_uuid(), g, 'BENCH-' || g, '$buyer_id', '$seller_id', 'EUR', 'bench', now(), now()
from generate_series(1, $orders) g;
insert into order_lines (tenant_id, order_id, line_id, line_number, position, product_id, quantity, unit_price,
    taxes, status)
select o.tenant_id, o.order_id, gen_random_uuid(), n, n::text, 'BENCH-BULK', 3, 10.00,
    '[{"code": "VAT", "amount": 6.30, "cancelled": 0}]', 'ISSUED'
from purchase_orders o cross join generate_series(1, $per_order) n where o.tenant_id = '$tenant';
analyze purchase_orders; analyze order_lines;
SQL

echo "Running: rescind bulk-cancel --sku BENCH-BULK --reason OUT_OF_STOCK"
started=$(date +%s.%N)
set +e
RESCIND_API_KEY="$seller_key" "$java" -jar "$results/rescind-cli.jar" bulk-cancel \
    --url "http://localhost:$service_port" --sku BENCH-BULK --reason OUT_OF_STOCK \
    --progress plain --poll-interval 2000 --results "$results/results.csv" -o json \
    >"$results/job.json" 2> >(tee "$results/progress.txt" >&2)
cli_exit=$?
set -e
ended=$(date +%s.%N)

created_at=$(date -d "$(jq -r .createdAt "$results/job.json")" +%s.%N)
updated_at=$(date -d "$(jq -r .updatedAt "$results/job.json")" +%s.%N)
seconds=$(awk -v a="$created_at" -v b="$updated_at" 'BEGIN { printf "%.3f", b - a }')
applied=$(jq -r .progress.applied "$results/job.json")
units=$(jq -r .progress.units "$results/job.json")
cancelled=$(psql -qtA -h localhost -p "$db_port" -U postgres -d postgres \
    -c "select sum(cancelled_quantity) from order_lines where product_id = 'BENCH-BULK'")
cancellations=$(psql -qtA -h localhost -p "$db_port" -U postgres -d postgres \
    -c "select count(*) from cancellations where tenant_id = '$tenant'")
lines_per_second=$(awk -v l="$lines" -v s="$seconds" 'BEGIN { printf "%.0f", l / s }')
orders_per_second=$(awk -v o="$orders" -v s="$seconds" 'BEGIN { printf "%.0f", o / s }')
wall=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }')
check="ok"
[ "$applied" = "$orders" ] && [ "$cancelled" = "$((lines * 3))" ] && [ "$units" = "$cancelled" ] \
    && [ "$cancellations" = "$orders" ] && [ "$cli_exit" = 0 ] || check="FAILED"

cat >"$results/report.md" <<REPORT
# Bulk cancellation: $lines lines

$(date -u +%Y-%m-%d), $(nproc) cores, $("$java" -version 2>&1 | head -1), rescind.bulk.worker.threads=$threads.

| lines | orders | job time (s) | lines/s | orders/s | CLI wall time (s) |
|---|---|---|---|---|---|
| $lines | $orders | $(printf %.1f "$seconds") | **$lines_per_second** | $orders_per_second | $wall |

Job time: from the job's createdAt to its updatedAt (the last order's result). Each order: one
transaction through the engine (10 lines of 3 units, a VAT tax each), its history entry and
outbox event. The CLI's wall time includes its start, the 202, polling every 2 s and the CSV
download.

Checks ($check): $applied of $orders orders applied, $cancelled units cancelled of $((lines * 3)), the job says
$units, $cancellations cancellations stored, the CLI exited $cli_exit.
REPORT
cat "$results/report.md"
[ "$check" = ok ]
