#!/usr/bin/env bash
# Hello-world load run: Gatehouse, Jetty 12 and the JDK's com.sun.net.httpserver side by side,
# in the same run, with wrk over keep-alive connections. See docs/benchmarks.md.
#
# Every server is pinned to core 0 and wrk to core 1 (taskset); each (server, connections)
# cell is measured RUNS times, rounds interleaved across servers, and the median is reported.
# Prints a markdown table on stdout; raw wrk output and server logs go to the results directory.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/load.sh [options]
  -d SECONDS        length of each measured wrk run (default 10)
  -w SECONDS        warm-up per server and connection count, not measured (default 5)
  -r RUNS           measured runs per cell; the median is reported (default 3)
  -c "N M ..."      connection counts (default "1 50")
  -s "NAME ..."     servers, any of: gatehouse jetty jdk demo (default "gatehouse jetty jdk";
                    demo is Gatehouse serving the whole demo site, /hello behind its URL map)
  -p PORT           first port; servers use PORT, PORT+1, ... on 127.0.0.1 (default 28080)
  -o DIR            results directory (default bench/target/load-<date>)
  --jfr             record a JFR profile of each server (bench numbers then carry its overhead)
  --no-build        use bench/target/benchmarks.jar as it is
  -h, --help        this text
environment:
  SERVER_JAVA_OPTS  JVM options for every server (default "-Xms512m -Xmx512m")
  SERVER_CPUS       cpu list for the servers (default 0)
  WRK_CPUS          cpu list for wrk (default 1)
  NICE              niceness of servers and wrk (default -20 as root, so that other work on the
                    machine disturbs the run less; 0 otherwise)
EOF
}

DURATION=10 WARMUP=5 RUNS=3 CONNS="1 50" SERVERS="gatehouse jetty jdk" BASE_PORT=28080
OUT="" JFR=0 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -c) CONNS=$2; shift 2 ;;
    -s) SERVERS=$2; shift 2 ;;
    -p) BASE_PORT=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "load.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$DURATION" "$WARMUP" "$RUNS" "$BASE_PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "load.sh: '$n' is not a number" >&2; exit 2; }
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 300 ] || { echo "load.sh: -d must be 1..300 seconds" >&2; exit 2; }
[ "$WARMUP" -le 300 ] || { echo "load.sh: -w must be 0..300 seconds" >&2; exit 2; }
[ "$RUNS" -ge 1 ] && [ "$RUNS" -le 9 ] || { echo "load.sh: -r must be 1..9" >&2; exit 2; }
for c in $CONNS; do [[ "$c" =~ ^[0-9]+$ ]] && [ "$c" -ge 1 ] && [ "$c" -le 1000 ] || { echo "load.sh: connections must be 1..1000, got '$c'" >&2; exit 2; }; done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=../bin/find-java.sh
. "$ROOT/bin/find-java.sh"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/bench/target/benchmarks.jar"
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms512m -Xmx512m}
SERVER_CPUS=${SERVER_CPUS:-0}
WRK_CPUS=${WRK_CPUS:-1}
if [ "$(id -u)" = 0 ]; then NICE=${NICE:--20}; else NICE=${NICE:-0}; fi
[[ "$NICE" =~ ^-?[0-9]+$ ]] || { echo "load.sh: NICE must be a number" >&2; exit 2; }
OUT=${OUT:-$ROOT/bench/target/load-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

for tool in wrk taskset curl; do
  command -v "$tool" >/dev/null || { echo "load.sh: '$tool' not found (Debian: apt-get install -y wrk util-linux curl)" >&2; exit 1; }
done
if [ "$(nproc)" -lt 2 ] && [ "$SERVER_CPUS" = 0 ] && [ "$WRK_CPUS" = 1 ]; then
  echo "load.sh: needs 2 cores (server on core 0, wrk on core 1); set SERVER_CPUS and WRK_CPUS to override" >&2; exit 1
fi

declare -A CLASS=([gatehouse]=dev.gatehouse.bench.GatehouseHelloServer
                  [demo]=dev.gatehouse.bench.GatehouseHelloServer
                  [jetty]=dev.gatehouse.bench.JettyHelloServer
                  [jdk]=dev.gatehouse.bench.JdkHelloServer)
declare -A EXTRA=([demo]=--demo)
declare -A LABEL=([gatehouse]="Gatehouse (http1)" [demo]="Gatehouse demo site" [jetty]="Jetty 12.1 (core Handler)" [jdk]="JDK httpserver (virtual threads)")
for s in $SERVERS; do [ -n "${CLASS[$s]:-}" ] || { echo "load.sh: unknown server '$s' (gatehouse, jetty, jdk, demo)" >&2; exit 2; }; done

# --- build ------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  stale=0
  if [ ! -f "$JAR" ]; then stale=1
  elif [ -n "$(find pom.xml api core http1 middleware examples bench -path '*/target' -prune -o -type f -newer "$JAR" -print -quit 2>/dev/null)" ]; then stale=1
  fi
  if [ "$stale" = 1 ]; then
    echo "load.sh: building bench/target/benchmarks.jar (./mvnw -pl bench -am package) ..." >&2
    ./mvnw -q -B -pl bench -am package -Dmaven.test.skip=true ${MVN_FLAGS:-} >&2
  fi
fi
[ -f "$JAR" ] || { echo "load.sh: $JAR missing (run without --no-build)" >&2; exit 1; }

# --- servers: started here, stopped here, each by its own PID --------------------------------
declare -A PID PORT
stop_server() {
  local s=$1 pid=${PID[$1]:-}
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "load.sh: $s (pid $pid) still running 10 s after SIGTERM: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  PID[$s]=""
}
cleanup() { for s in $SERVERS; do stop_server "$s"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  local s=$1 port=$2 opts=$SERVER_JAVA_OPTS
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "load.sh: port $port is already in use (pick another first port with -p)" >&2; exit 1
  fi
  if [ "$JFR" = 1 ]; then opts="$opts -XX:StartFlightRecording=filename=$OUT/$s.jfr,settings=profile,dumponexit=true"; fi
  # nice and taskset exec java, so $! is the JVM's own PID.
  # shellcheck disable=SC2086
  nice -n "$NICE" taskset -c "$SERVER_CPUS" "$JAVA" $opts -cp "$JAR" "${CLASS[$s]}" "$port" ${EXTRA[$s]:-} >"$OUT/$s.log" 2>&1 &
  PID[$s]=$!
  PORT[$s]=$port
  for _ in $(seq 1 300); do
    grep -q "listening on" "$OUT/$s.log" 2>/dev/null && break
    kill -0 "${PID[$s]}" 2>/dev/null || { echo "load.sh: $s exited at start-up:" >&2; cat "$OUT/$s.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "listening on" "$OUT/$s.log" || { echo "load.sh: $s not ready after 30 s" >&2; cat "$OUT/$s.log" >&2; exit 1; }
  local body
  body=$(curl -s --max-time 5 "http://127.0.0.1:$port/hello") || true
  [ "$body" = "Hello, world!" ] || { echo "load.sh: $s answered '$body' to GET /hello, expected 'Hello, world!'" >&2; exit 1; }
  curl -s -o /dev/null -D "$OUT/$s.head" --max-time 5 "http://127.0.0.1:$port/hello" || true
}

cpu_ticks() { # user + system CPU time of a process, in clock ticks
  sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

run_wrk() { # server conns seconds outfile; the server's CPU ticks during the run go to outfile.cpu
  local port=${PORT[$1]} before
  before=$(cpu_ticks "${PID[$1]}")
  timeout --kill-after=5 $(( $3 + 30 )) nice -n "$NICE" taskset -c "$WRK_CPUS" \
    wrk -t1 -c"$2" -d"$3"s --latency "http://127.0.0.1:$port/hello" >"$4" 2>&1 \
    || { echo "load.sh: wrk against $1 failed:" >&2; cat "$4" >&2; exit 1; }
  echo $(( $(cpu_ticks "${PID[$1]}") - before )) >"$4.cpu"
}

# --- the run ----------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD_BEFORE" 'BEGIN { exit !(l > 0.5) }'; then
  echo "load.sh: warning: load average is $LOAD_BEFORE before the run: other work shares these cores and the numbers will be noisy" >&2
fi
port=$BASE_PORT
for s in $SERVERS; do start_server "$s" "$port"; port=$((port + 1)); done

cells=0; for _ in $SERVERS; do for _ in $CONNS; do cells=$((cells + 1)); done; done
echo "load.sh: $cells cells x ($WARMUP s warm-up + $RUNS x $DURATION s), about $(( cells * (WARMUP + RUNS * DURATION) )) s; output in $OUT" >&2
for c in $CONNS; do
  for s in $SERVERS; do
    if [ "$WARMUP" -gt 0 ]; then run_wrk "$s" "$c" "$WARMUP" "$OUT/warmup-$s-c$c.txt"; fi
  done
done
# Rounds interleave the servers so slow drift of the machine hits all of them alike.
for r in $(seq 1 "$RUNS"); do
  for c in $CONNS; do
    for s in $SERVERS; do
      run_wrk "$s" "$c" "$DURATION" "$OUT/run$r-$s-c$c.txt"
      echo "load.sh: round $r, $s, $c conn: $(sed -n 's/^Requests\/sec: *//p' "$OUT/run$r-$s-c$c.txt") req/s" >&2
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
for s in $SERVERS; do stop_server "$s"; done

# --- report -----------------------------------------------------------------------------------
rps() { sed -n 's/^Requests\/sec: *//p' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2; exit }' "$1"; }
errors() { # socket errors + non-2xx/3xx of one run
  awk '/Socket errors/ { gsub(/[^0-9 ]/, ""); for (i = 1; i <= NF; i++) n += $i }
       /Non-2xx or 3xx/ { n += $NF } END { print n + 0 }' "$1"
}
CLK_TCK=$(getconf CLK_TCK)
cpu_per_request() { # "12.3 us (98%)": the server's CPU time per request, and how busy it was
  awk -v ticks="$(cat "$1.cpu")" -v hz="$CLK_TCK" '/ requests in / {
    n = $1; secs = $4; sub(/s,?$/, "", secs)
    printf "%.1f us (%d%%)", ticks / hz * 1e6 / n, ticks / hz / secs * 100 }' "$1"
}
median_run() { # server conns -> file of the run with the median req/s
  for r in $(seq 1 "$RUNS"); do f="$OUT/run$r-$1-c$2.txt"; echo "$(rps "$f") $f"; done \
    | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print $2 }'
}

declare -A MED
{
  echo "Hello world over keep-alive HTTP/1.1, wrk -t1, ${DURATION} s runs after ${WARMUP} s warm-up, median of $RUNS interleaved runs;"
  echo "servers on cpu $SERVER_CPUS, wrk on cpu $WRK_CPUS, nice $NICE; load average $LOAD_BEFORE before, $LOAD_AFTER at the end (the run itself adds about 2); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "Server CPU per request is the server process's user + system time (all its threads) over the requests wrk completed; busy is that time over the run's length: well under 100% at 50 connections means the server waited for the CPU or for wrk."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, Linux $(uname -r); $("$JAVA" -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo
  header="| server |"; rule="| --- |"
  for c in $CONNS; do
    header="$header req/s, $c conn: median (best) | p50 / p99 latency | server CPU per request (busy) |"; rule="$rule ---: | ---: | ---: |"
  done
  echo "$header"; echo "$rule"
  for s in $SERVERS; do
    line="| ${LABEL[$s]} |"
    for c in $CONNS; do
      f=$(median_run "$s" "$c")
      MED[$s,$c]=$(rps "$f")
      errs=0; for r in $(seq 1 "$RUNS"); do errs=$(( errs + $(errors "$OUT/run$r-$s-c$c.txt") )); done
      note=""; [ "$errs" -gt 0 ] && note=" ($errs errors)"
      best=$(for r in $(seq 1 "$RUNS"); do rps "$OUT/run$r-$s-c$c.txt"; done | sort -n | tail -1)
      line="$line $(printf "%.0f" "${MED[$s,$c]}")$note (best $(printf "%.0f" "$best")) | $(pct "$f" 50%) / $(pct "$f" 99%) | $(cpu_per_request "$f") |"
    done
    echo "$line"
  done
  if [[ " $SERVERS " == *" jetty "* ]]; then
    echo
    for c in $CONNS; do
      ratios=""
      for s in $SERVERS; do
        [ "$s" = jetty ] && continue
        ratios="$ratios ${LABEL[$s]%% (*} $(awk -v a="${MED[$s,$c]}" -v b="${MED[jetty,$c]}" 'BEGIN { printf "%.2f", a / b }')x;"
      done
      echo "Relative to Jetty at $c conn:${ratios%;}."
    done
  fi
  echo
  echo "Every run (req/s):"
  echo
  for s in $SERVERS; do
    for c in $CONNS; do
      runs=""; for r in $(seq 1 "$RUNS"); do runs="$runs $(rps "$OUT/run$r-$s-c$c.txt")"; done
      echo "- ${LABEL[$s]}, $c conn:$runs"
    done
  done
} | tee "$OUT/summary.md"
if [ "$JFR" = 1 ]; then echo "load.sh: JFR recordings in $OUT/*.jfr (try: jfr view hot-methods $OUT/gatehouse.jfr)" >&2; fi
exit 0
