#!/usr/bin/env bash
# Profiles one hello-world server under wrk load (see docs/benchmarks.md, "Profiling"):
# CPU time and system calls per request, then the hottest symbols (kernel, JVM and JIT-compiled
# Java, named through the JVM's perf map) from `perf record`.
#
# usage: bench/profile.sh [gatehouse|jetty|jdk|demo] [CONNS] [SECONDS]   (default gatehouse 50 10)
# Needs perf (Debian: linux-perf) and root or kernel.perf_event_paranoid <= 1.
set -euo pipefail

SERVER=${1:-gatehouse} CONNS=${2:-50} SECONDS_=${3:-10}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=../bin/find-java.sh
. "$ROOT/bin/find-java.sh"
JAR="$ROOT/bench/target/benchmarks.jar"
PORT=${PORT:-28180}
OUT=${OUT:-$ROOT/bench/target/profile-$SERVER-c$CONNS}
case "$SERVER" in
  gatehouse) CLASS=dev.gatehouse.bench.GatehouseHelloServer EXTRA="" ;;
  demo) CLASS=dev.gatehouse.bench.GatehouseHelloServer EXTRA=--demo ;;
  jetty) CLASS=dev.gatehouse.bench.JettyHelloServer EXTRA="" ;;
  jdk) CLASS=dev.gatehouse.bench.JdkHelloServer EXTRA="" ;;
  *) echo "profile.sh: unknown server '$SERVER' (gatehouse, jetty, jdk, demo)" >&2; exit 2 ;;
esac
[[ "$CONNS" =~ ^[0-9]+$ && "$SECONDS_" =~ ^[0-9]+$ && "$SECONDS_" -le 120 ]] || { echo "profile.sh: CONNS and SECONDS (<= 120) are numbers" >&2; exit 2; }
for tool in perf wrk taskset; do command -v "$tool" >/dev/null || { echo "profile.sh: '$tool' not found" >&2; exit 1; }; done
[ -f "$JAR" ] || { echo "profile.sh: $JAR missing: run bench/load.sh once (it builds), or ./mvnw -pl bench -am package" >&2; exit 1; }
mkdir -p "$OUT"
if [ "$(id -u)" = 0 ]; then NICE=${NICE:--20}; else NICE=${NICE:-0}; fi

PID=""
stop() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID"
  fi
  [ -n "$PID" ] && wait "$PID" 2>/dev/null || true
  PID=""
}
trap stop EXIT
trap 'exit 130' INT TERM

# The perf map names JIT-compiled methods (written at exit); frame pointers give call stacks.
# shellcheck disable=SC2086
nice -n "$NICE" taskset -c 0 "$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:+UnlockDiagnosticVMOptions \
  -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer -cp "$JAR" "$CLASS" "$PORT" $EXTRA >"$OUT/server.log" 2>&1 &
PID=$!
SERVER_PID=$PID
for _ in $(seq 1 300); do grep -q "listening on" "$OUT/server.log" && break; kill -0 "$PID" || exit 1; sleep 0.1; done
URL="http://127.0.0.1:$PORT/hello"
echo "profile.sh: $SERVER (pid $PID), warm-up 10 s, then $SECONDS_ s at $CONNS connections; output in $OUT" >&2
nice -n "$NICE" taskset -c 1 wrk -t1 -c"$CONNS" -d10s "$URL" >"$OUT/warmup.txt"

ticks() { sed 's/.*) //' "/proc/$PID/stat" | awk '{ print $12 + $13 }'; }
t0=$(ticks)
nice -n "$NICE" taskset -c 1 wrk -t1 -c"$CONNS" -d"$((SECONDS_ + 1))"s "$URL" >"$OUT/run.txt" &
WRK=$!
sleep 0.5
perf stat -x, -o "$OUT/syscalls.csv" -e raw_syscalls:sys_enter,syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex,context-switches \
  -p "$PID" -- sleep "$((SECONDS_ / 2))" 2>/dev/null
perf record -q -e cpu-clock -F 1999 -g -p "$PID" -o "$OUT/perf.data" -- sleep "$((SECONDS_ / 2))" 2>/dev/null
wait "$WRK"
t1=$(ticks)
stop

n=$(awk '/ requests in / { print $1 }' "$OUT/run.txt")
hz=$(getconf CLK_TCK)
echo "## $SERVER, $CONNS connections"
echo
echo "- $(sed -n 's/^Requests\/sec: */req\/s: /p' "$OUT/run.txt") (under perf, so lower than in load.sh)"
awk -v t="$((t1 - t0))" -v hz="$hz" -v n="$n" 'BEGIN { printf "- server CPU per request: %.1f us\n", t / hz * 1e6 / n }'
# perf stat counted over part of the run: per-request figures use the request rate of the run
rate=$(sed -n 's/^Requests\/sec: *//p' "$OUT/run.txt")
awk -F, -v r="$rate" -v s="$((SECONDS_ / 2))" '$1 ~ /^[0-9]+$/ { printf "- %s per request: %.2f\n", $3, $1 / (r * s) }' "$OUT/syscalls.csv"
echo
echo "Hottest symbols (self time; [k] kernel, [.] user space; JIT frames named from /tmp/perf-$SERVER_PID.map):"
echo
echo '```'
perf report -i "$OUT/perf.data" --no-children -g none --sort dso,sym --stdio 2>/dev/null | grep '%' | head -40 | cut -c1-200 || true
echo '```'
echo
echo "Hottest user-space symbols only (JIT-compiled Java, the JVM, libc):"
echo
echo '```'
perf report -i "$OUT/perf.data" --no-children -g none --dsos "[JIT] tid $SERVER_PID,libjvm.so,libc.so.6,libnio.so" --sort dso,sym --stdio 2>/dev/null | grep '%' | head -30 | cut -c1-200 || true
echo '```'
echo
echo "Share of samples by where the code lives:"
echo
echo '```'
perf report -i "$OUT/perf.data" --no-children -g none --sort dso --stdio 2>/dev/null | grep '%' | head -8 || true
echo '```'
echo "profile.sh: more with: perf report -i $OUT/perf.data   (call graphs: --children)" >&2
