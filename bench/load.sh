#!/usr/bin/env bash
# Hello-world load run: Gatehouse, Jetty 12 and the JDK's com.sun.net.httpserver side by side,
# in the same run, with wrk over keep-alive connections. See docs/benchmarks.md.
#
# Every server is pinned to core 0 and wrk to core 1 (taskset); each (server, connections)
# cell is measured RUNS times, rounds interleaved across servers, and the median is reported.
# Prints a markdown table on stdout; raw wrk output and server logs go to the results directory.
set -euo pipefail
ME=load.sh
# shellcheck source=lib/load-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/load-common.sh"

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
check_numbers "$DURATION" "$WARMUP" "$RUNS" "$BASE_PORT"
check_run_opts
check_conns

setup_env
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
if [ "$BUILD" = 1 ]; then build_jar api core http1 middleware examples bench; fi
[ -f "$JAR" ] || { echo "load.sh: $JAR missing (run without --no-build)" >&2; exit 1; }

# --- servers: started here, stopped here, each by its own PID --------------------------------
declare -A PID PORT
stop_server() {
  local s=$1 pid=${PID[$1]:-}
  [ -n "$pid" ] || return 0
  stop_pid "$s" "$pid"
  PID[$s]=""
}
cleanup() { for s in $SERVERS; do stop_server "$s"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  local s=$1 port=$2 opts=$SERVER_JAVA_OPTS
  port_free "$port"
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
  check_hello "$s" "http://127.0.0.1:$port/hello" /hello
}

run_wrk() { # server conns seconds outfile; the server's CPU ticks during the run go to outfile.cpu
  local port=${PORT[$1]} before
  before=$(proc_ticks "${PID[$1]}")
  timeout --kill-after=5 $(( $3 + 30 )) nice -n "$NICE" taskset -c "$WRK_CPUS" \
    wrk -t1 -c"$2" -d"$3"s --latency "http://127.0.0.1:$port/hello" >"$4" 2>&1 \
    || { echo "load.sh: wrk against $1 failed:" >&2; cat "$4" >&2; exit 1; }
  echo $(( $(proc_ticks "${PID[$1]}") - before )) >"$4.cpu"
}

# --- the run ----------------------------------------------------------------------------------
warn_load
port=$BASE_PORT
for s in $SERVERS; do start_server "$s" "$port"; port=$((port + 1)); done

run_all "$SERVERS"
for s in $SERVERS; do stop_server "$s"; done

# --- report -----------------------------------------------------------------------------------
CLK_TCK=$(getconf CLK_TCK)
cpu_per_request() { # "12.3 us (98%)": the server's CPU time per request, and how busy it was
  awk -v ticks="$(cat "$1.cpu")" -v hz="$CLK_TCK" '/ requests in / {
    n = $1; secs = $4; sub(/s,?$/, "", secs)
    printf "%.1f us (%d%%)", ticks / hz * 1e6 / n, ticks / hz / secs * 100 }' "$1"
}

{
  echo "Hello world over keep-alive HTTP/1.1, wrk -t1, ${DURATION} s runs after ${WARMUP} s warm-up, median of $RUNS interleaved runs;"
  echo "servers on cpu $SERVER_CPUS, wrk on cpu $WRK_CPUS, nice $NICE; load average $LOAD_BEFORE before, $LOAD_AFTER at the end (the run itself adds about 2); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "Server CPU per request is the server process's user + system time (all its threads) over the requests wrk completed; busy is that time over the run's length: well under 100% at 50 connections means the server waited for the CPU or for wrk."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, Linux $(uname -r); $("$JAVA" -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo
  results_table "$SERVERS" server "server CPU per request (busy)"
  if [[ " $SERVERS " == *" jetty "* ]]; then
    echo
    for c in $CONNS; do
      ratios=""
      for s in $SERVERS; do
        [ "$s" = jetty ] && continue
        ratios="$ratios ${LABEL[$s]%% (*} $(ratio "${MED[$s,$c]}" "${MED[jetty,$c]}")x;"
      done
      echo "Relative to Jetty at $c conn:${ratios%;}."
    done
  fi
  echo
  every_run "$SERVERS"
} | tee "$OUT/summary.md"
if [ "$JFR" = 1 ]; then echo "load.sh: JFR recordings in $OUT/*.jfr (try: jfr view hot-methods $OUT/gatehouse.jfr)" >&2; fi
exit 0
