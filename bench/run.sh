#!/usr/bin/env bash
# Cancellations per second against the database's own ceiling (issue 7).
#
#   bench/run.sh [quick|full|scale]
#
#   quick  100 thousand lines, 5 s warm-up + 15 s per client count: a laptop check (~6 min)
#   full   1 million lines, 10 s + 30 s per client count (~15 min)
#   scale  the same 32-client load (30 s warm-up + 30 s) at 10 thousand and at 10 million lines;
#          seeding 10 million lines takes about 12 minutes on 2 cores
#
# Builds the service jar and the load generator, starts Rescind on its embedded PostgreSQL (fresh
# data under bench/results/pgdata), seeds, runs pgbench and then the load generator at each client
# count, checks the database totals after every run, stops the service and writes
# bench/results/<profile>-<time>/report.md with chart.png.
#
# Environment overrides: LINES (per target that cancels whole lines: see docs/benchmarks/README.md),
# CLIENTS (1,8,32,64), WARMUP, DURATION (seconds), TARGETS (canonical for quick and scale, all for
# full; a comma-separated list of canonical, hlconnect, walmart, crux, mirakl, tradecloud, or all),
# JFR=1 (profile the service with Java Flight Recorder), SERVICE_JAVA_OPTS, SERVICE_PORT (18080),
# DB_PORT (54329), PGBENCH_AUTH=1 (pgbench also sends the API-key query, for a service run with
# -Drescind.parties.api-key-cache=0), NOTE (a line quoted at the top of the report).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
profile=${1:-quick}

case "$profile" in
    quick) datasets=${LINES:-100000}; clients=${CLIENTS:-1,8,32,64}; warmup=${WARMUP:-5}; duration=${DURATION:-15} ;;
    full) datasets=${LINES:-1000000}; clients=${CLIENTS:-1,8,32,64}; warmup=${WARMUP:-10}; duration=${DURATION:-30} ;;
    scale) datasets=${LINES:-"10000 10000000"}; clients=${CLIENTS:-32}; warmup=${WARMUP:-30}; duration=${DURATION:-30} ;;
    *) echo "usage: $0 [quick|full|scale]" >&2; exit 2 ;;
esac
# Every target by default on the full run; the quick and scale runs measure the canonical path.
default_targets=canonical
[ "$profile" = full ] && default_targets=all
targets=${TARGETS:-$default_targets}
[ "$targets" = all ] && targets=canonical,hlconnect,walmart,crux,mirakl,tradecloud
service_port=${SERVICE_PORT:-18080}
db_port=${DB_PORT:-54329}

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
    best=""; best_major=0
    for jdk in /usr/lib/jvm/*; do
        [ -x "$jdk/bin/javac" ] || continue
        major=$(java_major "$jdk")
        if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then best="$jdk"; best_major="$major"; fi
    done
    [ "$best_major" -ge 21 ] || { echo "No JDK 21 or newer found (set JAVA_HOME)" >&2; exit 1; }
    export JAVA_HOME="$best"
fi
java="$JAVA_HOME/bin/java"

# pgbench ships with the PostgreSQL client; on Debian/Ubuntu the binary is in postgresql-client-<major>.
find_pgbench() {
    if command -v pgbench >/dev/null 2>&1 && pgbench --version >/dev/null 2>&1; then command -v pgbench; return; fi
    for candidate in /usr/lib/postgresql/*/bin/pgbench /usr/pgsql-*/bin/pgbench; do
        [ -x "$candidate" ] && { echo "$candidate"; return; }
    done
    return 1
}
if ! pgbench=$(find_pgbench); then
    echo "pgbench not found: installing the PostgreSQL client" >&2
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq postgresql-client-15 || $sudo apt-get install -y -qq postgresql-client
    pgbench=$(find_pgbench) || { echo "pgbench still not found" >&2; exit 1; }
fi

echo "Building the service and the load generator (JDK at $JAVA_HOME)"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
./mvnw -B -q -f bench/pom.xml -DskipTests -Dspotless.check.skip=true package
results="$root/bench/results/$profile-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
# The run uses copies, so rebuilding the project while it runs cannot change the code under it.
cp "$(ls target/rescind-*.jar | grep -v original | head -1)" "$results/rescind.jar"
jar="$results/rescind.jar"
mkdir -p "$results/bench"
cp -r bench/target/classes bench/target/lib "$results/bench/"
bench_cp="$results/bench/classes:$results/bench/lib/*"
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

status=0
service_opts=${SERVICE_JAVA_OPTS:-}
# PGBENCH_AUTH=1 adds the API-key query to pgbench's script, for runs of a service started with
# its key cache off (SERVICE_JAVA_OPTS=-Drescind.parties.api-key-cache=0).
pgbench_auth=false
[ "${PGBENCH_AUTH:-0}" = "1" ] && pgbench_auth=true
for lines in $datasets; do
    jvm_opts="$service_opts"
    if [ "${JFR:-0}" = "1" ]; then
        jvm_opts="$jvm_opts -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=$results/service-$lines.jfr,settings=profile,dumponexit=true"
    fi
    echo "Starting Rescind on port $service_port (embedded PostgreSQL on $db_port) for $lines lines"
    # shellcheck disable=SC2086
    "$java" $jvm_opts -jar "$jar" \
        --server.port="$service_port" \
        --rescind.database.embedded.port="$db_port" \
        --rescind.database.embedded.data-dir="$root/bench/results/pgdata" \
        --rescind.database.embedded.clean=true \
        --rescind.bootstrap.demo=false \
        --rescind.bootstrap.operator-key="$operator_key" \
        >"$results/service-$lines.log" 2>&1 &
    service_pid=$!
    for _ in $(seq 1 180); do
        if curl -sf "http://localhost:$service_port/actuator/health" >/dev/null 2>&1; then break; fi
        kill -0 "$service_pid" 2>/dev/null || { echo "Rescind did not start; see $results/service-$lines.log" >&2; exit 1; }
        sleep 1
    done
    "$java" -cp "$bench_cp" io.rescind.bench.Bench run \
        --base-url "http://localhost:$service_port" --db-port "$db_port" --service-pid "$service_pid" \
        --operator-key "$operator_key" --lines "$lines" --clients "$clients" \
        --warmup "$warmup" --duration "$duration" --targets "$targets" \
        --pgbench "$pgbench" --pgbench-auth "$pgbench_auth" --results "$results" || status=1
    stop_service
done

jvm_shown="${service_opts:-defaults (no -Xmx)}"
[ "${JFR:-0}" = "1" ] && jvm_shown="$jvm_shown, Java Flight Recorder on (settings=profile)"
"$java" -cp "$bench_cp" io.rescind.bench.Bench report --results "$results" --profile "$profile" \
    --service-jdk "$("$java" -version 2>&1 | head -1)" --service-jvm "$jvm_shown" \
    --note "${NOTE:-}"
if [ "${JFR:-0}" = "1" ]; then
    for lines in $datasets; do
        recording="$results/service-$lines.jfr"
        [ -f "$recording" ] || continue
        for target in ${targets//,/ }; do
            for c in ${clients//,/ }; do
                "$java" -cp "$bench_cp" io.rescind.bench.Bench profile --jfr "$recording" \
                    --windows "$results/windows.tsv" --lines "$lines" --kind "$target" --clients "$c" \
                    --out "$results/profile-$lines-$target-$c.md" || true
            done
        done
        "$JAVA_HOME/bin/jfr" view --width 160 allocation-by-class "$recording" >"${recording%.jfr}-allocations.txt" || true
    done
fi
echo "Results in $results"
[ "$status" -eq 0 ] || echo "Some checks failed: see the report" >&2
exit "$status"
