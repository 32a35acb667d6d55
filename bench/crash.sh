#!/usr/bin/env bash
# Crash-consistency check (issue 17): concurrent clients cancel with idempotency keys while the
# service JVM and the PostgreSQL postmaster are killed with SIGKILL in turn; the final state is
# checked against every acknowledged operation (io.rescind.bench.CrashRunner, docs/reliability.md).
#
#   bench/crash.sh            20 kill cycles, 8 clients, 5 s between kills
#
# Environment overrides: CYCLES, CLIENTS, SECONDS_BETWEEN, SERVICE_PORT (18090), DB_PORT (54339),
# SKIP_BUILD=1 (use target/rescind-*.jar and bench/target as they are).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ -z "${JAVA_HOME:-}" ]; then
    for jdk in /usr/lib/jvm/*; do [ -x "$jdk/bin/javac" ] && JAVA_HOME="$jdk"; done
    export JAVA_HOME
fi
if [ "${SKIP_BUILD:-0}" != "1" ]; then
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
    ./mvnw -B -q -f bench/pom.xml -DskipTests -Dspotless.check.skip=true package
fi
results="$root/bench/results/crash-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
cp "$(ls target/rescind-*.jar | grep -v original | head -1)" "$results/rescind.jar"
cp -r bench/target/classes bench/target/lib "$results/"
"$JAVA_HOME/bin/java" -cp "$results/classes:$results/lib/*" io.rescind.bench.CrashRunner \
    --jar "$results/rescind.jar" --work "$results" \
    --cycles "${CYCLES:-20}" --clients "${CLIENTS:-8}" --seconds "${SECONDS_BETWEEN:-5}" \
    --port "${SERVICE_PORT:-18090}" --db-port "${DB_PORT:-54339}" | tee "$results/report.md"
