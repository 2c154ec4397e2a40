#!/usr/bin/env bash
# CGI start-up run: the demo app as a CGI script (gatehouse cgi / CgiMain, with and without the
# start-up options and the AOT cache of docs/cgi.md) beside a shell CGI and a Python wsgiref
# CGIHandler hello, all run by one Apache httpd (mod_cgi by default) from its own configuration in a
# temp directory on a loopback port, measured with wrk in the same run. See docs/cgi.md.
#
# For each (module, connections, scenario) cell: a warm-up, then RUNS measured wrk runs, rounds
# interleaved across scenarios; the median is reported. CPU per request is what Apache and the
# scripts it started used (user + system time of the Apache processes and their reaped children)
# divided by the requests wrk counted. Prints a markdown table; raw output goes to the results dir.
set -euo pipefail
ME=cgi-startup.sh

usage() {
  cat <<'EOF'
usage: bench/cgi-startup.sh [options]
  -d SECONDS     length of each measured wrk run (default 10)
  -w SECONDS     warm-up per cell, not measured (default 2)
  -r RUNS        measured runs per cell; the median is reported (default 3)
  -c "N M ..."   connection counts (default "1 4")
  -m "MOD ..."   Apache CGI modules, any of: cgi cgid (default "cgi")
  -s "NAME ..."  scenarios (default: all of sh python java-jar java-jar-tuned java-tuned java-aot):
                   sh              a shell script printing Hello, world!
                   python          /usr/bin/python3, wsgiref.handlers.CGIHandler running a hello app
                   java-jar        exec java -jar gatehouse.jar cgi (the one-line wrapper, JVM defaults)
                   java-jar-tuned  the same with docs/cgi.md's JVM options and an AOT cache of that command
                   java-tuned      CgiMain (no command-line parser) with the JVM options, no AOT cache
                   java-aot        CgiMain with the JVM options and the AOT cache bin/gatehouse-cgi-aot makes
                   java-aot-alt    java-aot from the jar JAR_ALT (to compare two builds in one run)
  -p PORT        port on 127.0.0.1 (default 28180)
  -o DIR         results directory (default bench/target/cgi-startup-<date>)
  -h, --help     this text
environment:
  JAR            the gatehouse jar with the cgi module (default cli/target/gatehouse.jar); copied
                 into the run's temp directory, which the CGI processes run from
  JAR_ALT        a second such jar: adds the scenario java-aot-alt to the default list
EOF
}

DURATION=10 WARMUP=2 RUNS=3 CONNS="1 4" MODULES="cgi" PORT=28180 OUT=""
SCENARIOS="sh python java-jar java-jar-tuned java-tuned java-aot"
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -c) CONNS=$2; shift 2 ;;
    -m) MODULES=$2; shift 2 ;;
    -s) SCENARIOS=$2; shift 2 ;;
    -p) PORT=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "$ME: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$DURATION" "$WARMUP" "$RUNS" "$PORT"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "$ME: '$n' is not a number" >&2; exit 2; }
done
[ "$DURATION" -ge 1 ] && [ "$DURATION" -le 120 ] || { echo "$ME: -d must be 1..120 seconds" >&2; exit 2; }
[ "$WARMUP" -le 60 ] || { echo "$ME: -w must be 0..60 seconds" >&2; exit 2; }
[ "$RUNS" -ge 1 ] && [ "$RUNS" -le 9 ] || { echo "$ME: -r must be 1..9" >&2; exit 2; }
for c in $CONNS; do [[ "$c" =~ ^[0-9]+$ ]] && [ "$c" -ge 1 ] && [ "$c" -le 64 ] || { echo "$ME: connections must be 1..64, got '$c'" >&2; exit 2; }; done
for m in $MODULES; do case "$m" in cgi|cgid) ;; *) echo "$ME: unknown module '$m' (cgi or cgid)" >&2; exit 2 ;; esac; done
for s in $SCENARIOS; do
  case "$s" in sh|python|java-jar|java-jar-tuned|java-tuned|java-aot|java-aot-alt) ;; *) echo "$ME: unknown scenario '$s'" >&2; exit 2 ;; esac
done
if [ -n "${JAR_ALT:-}" ] && [[ " $SCENARIOS " != *" java-aot-alt "* ]]; then SCENARIOS="$SCENARIOS java-aot-alt"; fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/find-java.sh"
JAVA=$JAVA_HOME/bin/java
JAR=${JAR:-$ROOT/cli/target/gatehouse.jar}
APACHE=/usr/sbin/apache2 MODDIR=/usr/lib/apache2/modules PYTHON=/usr/bin/python3
need() { command -v "$1" >/dev/null || [ -x "$1" ] || { echo "$ME: '$1' not found (Debian: $2)" >&2; exit 1; }; }
need "$APACHE" apache2
need wrk wrk
need curl curl
need "$PYTHON" python3
check_jar() {
  [ -f "$1" ] || { echo "$ME: $1 not found: build it (./mvnw -DskipTests package) or set JAR" >&2; exit 1; }
  "$JAVA_HOME/bin/jar" tf "$1" | grep -q '^dev/gatehouse/cgi/server/CgiMain.class$' \
    || { echo "$ME: $1 has no dev.gatehouse.cgi.server.CgiMain: rebuild it with the cgi module" >&2; exit 1; }
}
check_jar "$JAR"
if [[ " $SCENARIOS " == *" java-aot-alt "* ]]; then
  [ -n "${JAR_ALT:-}" ] || { echo "$ME: java-aot-alt needs JAR_ALT" >&2; exit 2; }
  check_jar "$JAR_ALT"
fi
OUT=${OUT:-$ROOT/bench/target/cgi-startup-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

# --- the work directory: the jar, the scripts, the AOT caches, Apache's configuration --------------
WORK=$(mktemp -d /tmp/gatehouse-cgi-bench.XXXXXX)
chmod 755 "$WORK"
APACHE_PID=""
cleanup() {
  if [ -n "$APACHE_PID" ] && kill -0 "$APACHE_PID" 2>/dev/null; then
    kill -TERM "$APACHE_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$APACHE_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  cp "$WORK"/*.conf "$WORK"/*.cgi "$WORK"/error-*.log "$OUT"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cp "$JAR" "$WORK/gatehouse.jar"
chmod 644 "$WORK/gatehouse.jar"
if [ -n "${JAR_ALT:-}" ]; then cp "$JAR_ALT" "$WORK/gatehouse-alt.jar"; chmod 644 "$WORK/gatehouse-alt.jar"; fi
G=$WORK/gatehouse.jar
XLOG="-Xlog:disable -Xlog:all=warning:stderr"
TUNED="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
CGIMAIN="-cp $G dev.gatehouse.cgi.server.CgiMain"

script() { # name body...: an executable #!/bin/sh script in WORK
  local name=$1; shift
  printf '#!/bin/sh\n%s\n' "$*" > "$WORK/$name.cgi"
  chmod 755 "$WORK/$name.cgi"
}
script sh "printf 'Content-Type: text/plain\\r\\nContent-Length: 14\\r\\n\\r\\nHello, world!\\n'"
cat > "$WORK/python.cgi" <<EOF
#!$PYTHON
from wsgiref.handlers import CGIHandler

def app(environ, start_response):
    body = b"Hello, world!\\n"
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]

CGIHandler().run(app)
EOF
chmod 755 "$WORK/python.cgi"
script java-jar "exec $JAVA -jar $G cgi"
script java-jar-tuned "exec $JAVA $XLOG -XX:AOTCache=$WORK/jar.aot $TUNED -jar $G cgi"
script java-tuned "exec $JAVA $XLOG $TUNED $CGIMAIN"
script java-aot "exec $JAVA $XLOG -XX:AOTCache=$WORK/cgimain.aot $TUNED $CGIMAIN"
script java-aot-alt "exec $JAVA $XLOG -XX:AOTCache=$WORK/cgimain-alt.aot $TUNED -cp $WORK/gatehouse-alt.jar dev.gatehouse.cgi.server.CgiMain"

# The AOT caches: CgiMain's through bin/gatehouse-cgi-aot, the whole command's with the same training request.
if [[ " $SCENARIOS " == *" java-aot "* ]]; then
  "$ROOT/bin/gatehouse-cgi-aot" -o "$WORK/cgimain.aot" --java "$JAVA" --class-path "$G" --path /hello >&2
fi
if [[ " $SCENARIOS " == *" java-aot-alt "* ]]; then
  "$ROOT/bin/gatehouse-cgi-aot" -o "$WORK/cgimain-alt.aot" --java "$JAVA" --class-path "$WORK/gatehouse-alt.jar" --path /hello >&2
fi
if [[ " $SCENARIOS " == *" java-jar"* ]]; then
  if ! env -i REQUEST_METHOD=GET PATH_INFO=/hello "$JAVA" $XLOG -jar "$G" cgi 2>/dev/null </dev/null | head -n 1 | grep -q '^Status: 200'; then
    echo "$ME: 'java -jar $JAR cgi' does not serve a request (is the cgi subcommand registered?): skipping java-jar scenarios" >&2
    SCENARIOS=$(echo " $SCENARIOS " | sed 's/ java-jar-tuned / /; s/ java-jar / /')
  elif [[ " $SCENARIOS " == *" java-jar-tuned "* ]]; then
    # shellcheck disable=SC2086
    env -i REQUEST_METHOD=GET SCRIPT_NAME= PATH_INFO=/hello QUERY_STRING= SERVER_NAME=localhost SERVER_PORT=80 \
      SERVER_PROTOCOL=HTTP/1.1 "$JAVA" $XLOG $TUNED -XX:AOTCacheOutput="$WORK/jar.aot" -jar "$G" cgi >/dev/null 2>"$OUT/jar-aot.log" </dev/null
    [ -s "$WORK/jar.aot" ] || { echo "$ME: the AOT cache of 'java -jar ... cgi' was not written (see $OUT/jar-aot.log)" >&2; exit 1; }
    chmod 644 "$WORK/jar.aot"
  fi
fi

# --- Apache -----------------------------------------------------------------------------------------
start_apache() { # module
  local mod=$1 conf=$WORK/httpd-$1.conf s
  {
    echo "ServerRoot $WORK"
    echo "LoadModule mpm_event_module $MODDIR/mod_mpm_event.so"
    echo "LoadModule authz_core_module $MODDIR/mod_authz_core.so"
    echo "LoadModule alias_module $MODDIR/mod_alias.so"
    echo "LoadModule ${mod}_module $MODDIR/mod_${mod}.so"
    echo "Listen 127.0.0.1:$PORT"
    echo "ServerName localhost"
    echo "PidFile $WORK/httpd.pid"
    echo "DefaultRuntimeDir $WORK"
    echo "Mutex file:$WORK default"
    echo "ErrorLog $WORK/error-$mod.log"
    echo "LogLevel warn"
    echo "DocumentRoot $WORK"
    echo "Timeout 30"
    [ "$mod" = cgid ] && echo "ScriptSock $WORK/cgid.sock"
    for s in $SCENARIOS; do echo "ScriptAlias /$s \"$WORK/$s.cgi\""; done
  } > "$conf"
  "$APACHE" -d "$WORK" -f "$conf" -DFOREGROUND >"$WORK/apache-$mod.out" 2>&1 &
  APACHE_PID=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0
    kill -0 "$APACHE_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "$ME: Apache (mod_$mod) did not start:" >&2; cat "$WORK/apache-$mod.out" "$WORK/error-$mod.log" >&2 2>/dev/null; exit 1
}
stop_apache() {
  kill -TERM "$APACHE_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$APACHE_PID" 2>/dev/null || break; sleep 0.1; done
  APACHE_PID=""
}
apache_cpu_ticks() { # user+system of Apache's processes and the children they reaped (the CGI scripts)
  local total=0 p f
  for p in $APACHE_PID $(cat /proc/"$APACHE_PID"/task/*/children 2>/dev/null); do
    f=$(cut -d' ' -f14-17 /proc/"$p"/stat 2>/dev/null) || continue
    for t in $f; do total=$((total + t)); done
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)

url() { # scenario
  case "$1" in sh|python) echo "http://127.0.0.1:$PORT/$1" ;; *) echo "http://127.0.0.1:$PORT/$1/hello" ;; esac
}

# --- the run ------------------------------------------------------------------------------------------
declare -A RPS P50 CYCLE CPU
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }  # "n/a" sorts as 0: all or none
to_ms() { # wrk latency (12.3ms, 1.2s, 800us) -> ms
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) print substr(v,1,length(v)-2)/1000; else if (v ~ /ms$/) print substr(v,1,length(v)-2)+0; else if (v ~ /s$/) print substr(v,1,length(v)-1)*1000; else print v }'
}
{
  echo "# bench/cgi-startup.sh $(date -u +%FT%TZ)"
  echo "# $("$JAVA" -version 2>&1 | head -n 1); $("$APACHE" -v | head -n 1); $("$PYTHON" --version); $(nproc) cpus; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# JAR=$JAR${JAR_ALT:+ JAR_ALT=$JAR_ALT}"
} | tee "$OUT/summary.txt" >&2

for mod in $MODULES; do
  start_apache "$mod"
  for s in $SCENARIOS; do
    body=$(curl -s "$(url "$s")")
    [ "$body" = "Hello, world!" ] || { echo "$ME: $s answered '$body' under mod_$mod (see $WORK/error-$mod.log)" >&2; cat "$WORK/error-$mod.log" >&2; exit 1; }
  done
  for c in $CONNS; do
    for s in $SCENARIOS; do [ "$WARMUP" -gt 0 ] && wrk -t1 -c"$c" -d"${WARMUP}s" "$(url "$s")" >/dev/null; done
    for r in $(seq "$RUNS"); do
      for s in $SCENARIOS; do
        f="$OUT/wrk-$mod-c$c-$s-$r.txt"
        before=$(apache_cpu_ticks)
        wrk -t1 -c"$c" -d"${DURATION}s" --latency "$(url "$s")" > "$f"
        after=$(apache_cpu_ticks)
        requests=$(awk '/requests in/ {print $1}' "$f")
        rps=$(awk '/Requests\/sec/ {print $2}' "$f")
        echo "$rps" >> "$WORK/rps-$mod-$c-$s"
        to_ms "$(awk '$1 == "50%" {print $2}' "$f")" >> "$WORK/p50-$mod-$c-$s"
        awk -v r="$rps" 'BEGIN { if (r > 0) printf "%.1f\n", 1000 / r; else print "-" }' >> "$WORK/cycle-$mod-$c-$s"
        # mod_cgid's daemon lets the kernel reap its scripts (SIGCHLD ignored): their CPU is counted nowhere.
        if [ "$mod" = cgid ]; then echo "n/a" >> "$WORK/cpu-$mod-$c-$s"; else
          awk -v t=$((after - before)) -v n="$requests" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.1f\n", t * 1000 / hz / n; else print "-" }' >> "$WORK/cpu-$mod-$c-$s"
        fi
        echo "$ME: mod_$mod c=$c $s run $r: $rps req/s" >&2
      done
    done
    for s in $SCENARIOS; do
      RPS[$mod,$c,$s]=$(median < "$WORK/rps-$mod-$c-$s")
      P50[$mod,$c,$s]=$(median < "$WORK/p50-$mod-$c-$s")
      CYCLE[$mod,$c,$s]=$(median < "$WORK/cycle-$mod-$c-$s")
      CPU[$mod,$c,$s]=$(median < "$WORK/cpu-$mod-$c-$s")
    done
  done
  stop_apache
done

{
  echo
  echo "Per request, median of $RUNS runs of ${DURATION}s (wrk -t1 --latency; keep-alive connections to Apache):"
  echo
  for mod in $MODULES; do
    for c in $CONNS; do
      echo "Apache mod_$mod, $c connection(s):"
      echo
      echo "| scenario | req/s | ms per request (1000 / req/s) | latency p50 (ms) | CPU ms per request |"
      echo "| --- | ---: | ---: | ---: | ---: |"
      for s in $SCENARIOS; do
        echo "| $s | ${RPS[$mod,$c,$s]} | ${CYCLE[$mod,$c,$s]} | ${P50[$mod,$c,$s]} | ${CPU[$mod,$c,$s]} |"
      done
      echo
    done
  done
} | tee -a "$OUT/summary.txt"
echo "$ME: results in $OUT" >&2
