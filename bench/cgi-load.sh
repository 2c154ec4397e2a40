#!/usr/bin/env bash
# CGI load run: a shell hello CGI script (cgi-bin/hello.sh) behind Gatehouse's cgi: mount
# (CgiGatewayServer, spawn=helper), Apache's mod_cgid (event MPM) and nginx + fcgiwrap, side by
# side in the same run, with wrk over keep-alive HTTP/1.1 connections. Every request forks and
# execs /bin/sh in all three. See docs/benchmarks.md, section "CGI scripts".
#
# Every process under test (the Gatehouse JVM and its spawn helper, Apache's parent, workers and
# cgid daemon, nginx master and worker, fcgiwrap and its workers, and every script they spawn) is
# pinned to core 0, wrk to core 1 (taskset); each (scenario, connections) cell is measured RUNS
# times, rounds interleaved across scenarios, and the median is reported. The CPU column counts
# the server processes' own user + system time (their live process trees, /proc/PID/stat) plus
# the scripts they spawn, as the rest of the server cpus' busy time (/proc/stat): Apache's cgid
# daemon and fcgiwrap reap their scripts without accounting them to any parent.
# Prints a markdown table on stdout; raw wrk output, generated configurations and every log go
# to the results directory. Every process is started here and stopped here by its own PID
# (lib/procs.sh; Apache by the PID in its pidfile, fcgiwrap and its preforked workers by theirs).
set -euo pipefail
ME=cgi-load.sh
# shellcheck source=lib/load-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/load-common.sh"
# shellcheck source=lib/procs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/procs.sh"

usage() {
  cat <<'EOF'
usage: bench/cgi-load.sh [options]
  -d SECONDS        length of each measured wrk run (default 10)
  -w SECONDS        warm-up per scenario and connection count, not measured (default 20: the
                    JVM needs it)
  -r RUNS           measured runs per cell; the median is reported (default 3)
  -c "N M ..."      connection counts (default "1 50")
  -s "NAME ..."     scenarios, any of (default: all three, in this order):
                      gh-cgi          Gatehouse Http1Server, cgi: mount (spawn=helper) -> hello.sh
                      apache-cgid     Apache, event MPM + mod_cgid, ScriptAlias -> hello.sh
                      nginx-fcgiwrap  nginx fastcgi_pass (Unix socket) -> fcgiwrap -> hello.sh
                    all GET /cgi-bin/hello.sh, one script in one directory all three run
  -f PROCESSES      fcgiwrap preforked processes (default 4)
  -p PORT           HTTP ports: Gatehouse PORT, Apache PORT+1, nginx PORT+2, on 127.0.0.1
                    (default 28580)
  -o DIR            results directory (default bench/target/cgi-load-<date>)
  --no-build        use bench/target/benchmarks.jar as it is
  -h, --help        this text
environment:
  SERVER_JAVA_OPTS  JVM options for Gatehouse (default "-Xms512m -Xmx512m")
  SERVER_CPUS       cpu list for the servers and their scripts (default 0)
  WRK_CPUS          cpu list for wrk (default 1)
  NICE              niceness of everything, wrk too (default -20 as root, 0 otherwise)
needs: wrk, taskset, curl, apache2 (mod_cgid, mpm_event), nginx, fcgiwrap
  (Debian: apt-get install -y wrk apache2 nginx fcgiwrap)
EOF
}

ALL_SCENARIOS="gh-cgi apache-cgid nginx-fcgiwrap"
DURATION=10 WARMUP=20 RUNS=3 CONNS="1 50" SCENARIOS=$ALL_SCENARIOS BASE_PORT=28580
FCGIWRAP_PROCESSES=4 OUT="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -c) CONNS=$2; shift 2 ;;
    -s) SCENARIOS=$2; shift 2 ;;
    -f) FCGIWRAP_PROCESSES=$2; shift 2 ;;
    -p) BASE_PORT=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "cgi-load.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
check_numbers "$DURATION" "$WARMUP" "$RUNS" "$BASE_PORT" "$FCGIWRAP_PROCESSES"
check_run_opts
[ "$FCGIWRAP_PROCESSES" -ge 1 ] && [ "$FCGIWRAP_PROCESSES" -le 64 ] || { echo "cgi-load.sh: -f must be 1..64" >&2; exit 2; }
check_conns
for s in $SCENARIOS; do
  [[ " $ALL_SCENARIOS " == *" $s "* ]] || { echo "cgi-load.sh: unknown scenario '$s' ($ALL_SCENARIOS)" >&2; exit 2; }
done

setup_env
OUT=${OUT:-$ROOT/bench/target/cgi-load-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

need wrk "apt-get install -y wrk"
need taskset "apt-get install -y util-linux"
need curl "apt-get install -y curl"
APACHE=/usr/sbin/apache2 APACHE_MODULES=/usr/lib/apache2/modules
NGINX=/usr/sbin/nginx FCGIWRAP=/usr/sbin/fcgiwrap
NGINX_FASTCGI_PARAMS=/etc/nginx/fastcgi_params
if [[ " $SCENARIOS " == *" apache-cgid "* ]]; then
  need "$APACHE" "apt-get install -y apache2"
  for m in mpm_event authz_core alias cgid; do
    [ -f "$APACHE_MODULES/mod_$m.so" ] || { echo "cgi-load.sh: $APACHE_MODULES/mod_$m.so missing (apt-get install -y apache2)" >&2; exit 1; }
  done
fi
if [[ " $SCENARIOS " == *" nginx-fcgiwrap "* ]]; then
  need "$NGINX" "apt-get install -y nginx"
  need "$FCGIWRAP" "apt-get install -y fcgiwrap"
  [ -f "$NGINX_FASTCGI_PARAMS" ] || { echo "cgi-load.sh: $NGINX_FASTCGI_PARAMS missing (apt-get install -y nginx)" >&2; exit 1; }
fi
if [ "$(nproc)" -lt 2 ] && [ "$SERVER_CPUS" = 0 ] && [ "$WRK_CPUS" = 1 ]; then
  echo "cgi-load.sh: needs 2 cores (servers on core 0, wrk on core 1); set SERVER_CPUS and WRK_CPUS to override" >&2; exit 1
fi

# --- build ------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then build_jar api core http1 cgi middleware examples bench; fi
[ -f "$JAR" ] || { echo "cgi-load.sh: $JAR missing (run without --no-build)" >&2; exit 1; }

make_work gatehouse-cgi-bench
CGI_DIR=$WORK/cgi-bin
mkdir -p "$CGI_DIR"
# The same script for all three: a CGI header block and "Hello, world!\n" (14 bytes), /bin/sh.
cat >"$CGI_DIR/hello.sh" <<'EOF'
#!/bin/sh
echo "Content-Type: text/plain"
echo
echo "Hello, world!"
EOF
chmod 755 "$WORK" "$CGI_DIR" "$CGI_DIR/hello.sh"
KEEP_FILES+=("$CGI_DIR/hello.sh")

# --- processes (lib/procs.sh): started here, stopped here, each by its own PID ----------------
start_apache() { # name port: Apache in the foreground, event MPM, mod_cgid, ScriptAlias /cgi-bin/
  local name=$1 port=$2 dir=$WORK/$1 conf=$WORK/$1.conf pid
  port_free "$port"
  mkdir -p "$dir"
  cat >"$conf" <<EOF
ServerRoot $dir
LoadModule mpm_event_module $APACHE_MODULES/mod_mpm_event.so
LoadModule authz_core_module $APACHE_MODULES/mod_authz_core.so
LoadModule alias_module $APACHE_MODULES/mod_alias.so
LoadModule cgid_module $APACHE_MODULES/mod_cgid.so
Listen 127.0.0.1:$port
ServerName localhost
PidFile $dir/httpd.pid
DefaultRuntimeDir $dir
Mutex file:$dir default
ErrorLog $OUT/$name.error.log
LogLevel warn
DocumentRoot $CGI_DIR
ScriptAlias /cgi-bin/ $CGI_DIR/
EOF
  "$APACHE" -t -d "$dir" -f "$conf" >"$OUT/$name.log" 2>&1 \
    || { echo "$ME: apache2 rejected $conf:" >&2; cat "$OUT/$name.log" >&2; exit 1; }
  launch "$name" "$OUT/$name.log" "$APACHE" -d "$dir" -f "$conf" -DFOREGROUND
  await "$name" listening curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/cgi-bin/hello.sh"
  # Apache's own word on its PID: the pidfile's. With -DFOREGROUND it is the process launched.
  pid=$(cat "$dir/httpd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [ "$pid" != "${PID[$name]}" ]; then
    echo "$ME: $name: pidfile says $pid, launched ${PID[$name]}; using the pidfile's" >&2
    PID[$name]=$pid
  fi
  await_workers "$name" 2   # the cgid daemon and at least one worker process
}

start_fcgiwrap() { # name: fcgiwrap on $WORK/NAME.sock with $FCGIWRAP_PROCESSES preforked processes
  local name=$1
  launch "$name" "$OUT/$name.log" "$FCGIWRAP" -c "$FCGIWRAP_PROCESSES" -s "unix:$WORK/$name.sock"
  await "$name" listening is_socket "$WORK/$name.sock"
  # the workers outlive their parent on SIGTERM: KIDS lists them, so stop_proc kills them by PID
  await_workers "$name" "$FCGIWRAP_PROCESSES"
}

start_nginx_fcgiwrap() { # name port socket: nginx fastcgi_pass to fcgiwrap, SCRIPT_FILENAME in CGI_DIR
  local name=$1 port=$2 socket=$3
  start_nginx_with "$name" "$port" /cgi-bin/hello.sh <<EOF
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        location ~ ^/cgi-bin/(.+)\$ {
            include $NGINX_FASTCGI_PARAMS;
            fastcgi_param SCRIPT_FILENAME $CGI_DIR/\$1;
            fastcgi_pass unix:$socket;
        }
    }
EOF
}

# Per scenario: FRONT (the server wrk talks to), BACK (fcgiwrap, or "none"), URL, HTTP_PORT, LABEL.
PID[none]="" KIDS[none]=""
declare -A LABEL
LABEL=([gh-cgi]="Gatehouse cgi: mount (spawn=helper) -> hello.sh"
       [apache-cgid]="Apache event MPM + mod_cgid -> hello.sh"
       [nginx-fcgiwrap]="nginx -> FastCGI -> fcgiwrap $FCGIWRAP_PROCESSES processes -> hello.sh")

warn_load

for s in $SCENARIOS; do
  URL[$s]=/cgi-bin/hello.sh BACK[$s]=none
  case "$s" in
    gh-cgi)
      HTTP_PORT[$s]=$BASE_PORT
      port_free "$BASE_PORT"
      start_java gatehouse-cgi dev.gatehouse.bench.CgiGatewayServer "$BASE_PORT" "cgi:$CGI_DIR?spawn=helper"
      FRONT[$s]=gatehouse-cgi ;;
    apache-cgid)
      HTTP_PORT[$s]=$((BASE_PORT + 1))
      start_apache apache-cgid "${HTTP_PORT[$s]}"
      FRONT[$s]=apache-cgid ;;
    nginx-fcgiwrap)
      HTTP_PORT[$s]=$((BASE_PORT + 2))
      start_fcgiwrap fcgiwrap
      start_nginx_fcgiwrap nginx-fcgiwrap "${HTTP_PORT[$s]}" "$WORK/fcgiwrap.sock"
      FRONT[$s]=nginx-fcgiwrap BACK[$s]=fcgiwrap ;;
  esac
done

for s in $SCENARIOS; do
  u="http://127.0.0.1:${HTTP_PORT[$s]}${URL[$s]}"
  check_hello "$s" "$u" "$u"
done

# --- the run: CPU of the servers and of the scripts they spawn -------------------------------
# Apache's cgid daemon and fcgiwrap reap their scripts automatically (SIGCHLD ignored), so the
# scripts' time never reaches a parent's cutime: the scripts are counted as the rest of the busy
# time of the server cpus (/proc/stat), where everything under test, and nothing else of this
# run, is pinned. The servers' own time is that of their live process trees (/proc/PID/stat).
SERVER_CPU_LIST=$(echo "$SERVER_CPUS" | tr ',' '\n' | awk -F- 'NF == 2 { for (i = $1; i <= $2; i++) print i; next } { print $1 }' | tr '\n' ' ')
tree_ticks() { # PID... -> utime + stime of the trees' live processes
  local p
  # shellcheck disable=SC2046
  for p in $(for r in "$@"; do tree_of "$r"; done); do
    sed 's/.*) //' "/proc/$p/stat" 2>/dev/null || true
  done | awk '{ t += $12 + $13 } END { print t + 0 }'
}
cpus_busy_ticks() { # busy ticks (all but idle and iowait) of the server cpus, since boot
  awk -v list=" $SERVER_CPU_LIST" '$1 ~ /^cpu[0-9]+$/ && index(list, " " substr($1, 4) " ") {
    t += $2 + $3 + $4 + $7 + $8 + $9 } END { print t + 0 }' /proc/stat
}
roots_of() { # scenario -> the PIDs whose trees serve it
  local s=$1
  echo "${PID[${FRONT[$s]}]} ${PID[${BACK[$s]}]:-}"
}
run_wrk() { # scenario conns seconds outfile; "servers rest" CPU ticks go to outfile.cpu
  local s=$1 roots o0 c0 o1 c1 rest
  roots=$(roots_of "$s")
  # shellcheck disable=SC2086
  o0=$(tree_ticks $roots); c0=$(cpus_busy_ticks)
  timeout --kill-after=5 $(( $3 + 30 )) nice -n "$NICE" taskset -c "$WRK_CPUS" \
    wrk -t1 -c"$2" -d"$3"s --latency "http://127.0.0.1:${HTTP_PORT[$s]}${URL[$s]}" >"$4" 2>&1 \
    || { echo "$ME: wrk against $s failed:" >&2; cat "$4" >&2; exit 1; }
  # shellcheck disable=SC2086
  c1=$(cpus_busy_ticks); o1=$(tree_ticks $roots)
  rest=$(( (c1 - c0) - (o1 - o0) )); [ "$rest" -ge 0 ] || rest=0
  echo "$(( o1 - o0 )) $rest" >"$4.cpu"
}

run_all "$SCENARIOS"
stop_all

# --- report -----------------------------------------------------------------------------------
cpu_per_request() { # "120.3 + 950.2 us (99%)": the servers' and the scripts' CPU per request, how busy the server cpus were
  awk -v hz="$CLK_TCK" -v f="$(cut -d' ' -f1 "$1.cpu")" -v b="$(cut -d' ' -f2 "$1.cpu")" '/ requests in / {
    n = $1; secs = $4; sub(/s,?$/, "", secs)
    printf "%.1f + %.1f us (%d%%)", f / hz * 1e6 / n, b / hz * 1e6 / n, (f + b) / hz / secs * 100 }' "$1"
}
{
  echo "A shell hello CGI script (GET /cgi-bin/hello.sh, /bin/sh per request), wrk -t1 over keep-alive HTTP/1.1, ${DURATION} s runs after ${WARMUP} s warm-up, median of $RUNS interleaved runs;"
  echo "servers and their scripts on cpu $SERVER_CPUS, wrk on cpu $WRK_CPUS, nice $NICE; fcgiwrap $FCGIWRAP_PROCESSES processes; Gatehouse cgi: mount with spawn=helper and CgiClientConfig defaults;"
  echo "load average $LOAD_BEFORE before, $LOAD_AFTER at the end (the run itself adds about 2); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "CPU per request, over the requests wrk completed: user + system time of the server processes (the Gatehouse JVM and its spawn helper; Apache's parent, workers and cgid daemon; nginx master + worker, fcgiwrap and its workers) + the rest of cpu $SERVER_CPUS's busy time (/proc/stat), which is the scripts (and the kernel's interrupt work on that cpu): Apache's cgid daemon and fcgiwrap reap their scripts without accounting them to a parent; busy is both over the run's length."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, Linux $(uname -r); $("$JAVA" -version 2>&1 | head -1); $("$APACHE" -v 2>/dev/null | sed -n 's/^Server version: *//p' || true); $("$NGINX" -v 2>&1 | sed 's/.*: //' || true); fcgiwrap $(dpkg-query -W -f '${Version}' fcgiwrap 2>/dev/null || echo '?'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo
  results_table "$SCENARIOS" scenario "CPU per request: servers + scripts (busy)"
  echo
  for c in $CONNS; do
    line=""
    if [ -n "${MED[gh-cgi,$c]:-}" ] && [ -n "${MED[apache-cgid,$c]:-}" ]; then
      line="$line Gatehouse / mod_cgid $(ratio "${MED[gh-cgi,$c]}" "${MED[apache-cgid,$c]}")x;"
    fi
    if [ -n "${MED[gh-cgi,$c]:-}" ] && [ -n "${MED[nginx-fcgiwrap,$c]:-}" ]; then
      line="$line Gatehouse / nginx+fcgiwrap $(ratio "${MED[gh-cgi,$c]}" "${MED[nginx-fcgiwrap,$c]}")x;"
    fi
    [ -n "$line" ] && echo "- at $c conn (median req/s):${line%;}"
  done
  echo
  every_run "$SCENARIOS"
} | tee "$OUT/summary.md"
exit 0
