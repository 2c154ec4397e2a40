#!/usr/bin/env bash
# SCGI, uwsgi and HTTP gateway load run: nginx in front of Gatehouse's SCGI and uwsgi servers and
# of uWSGI speaking the same protocols, and Gatehouse's uwsgi: and http: mounts next to nginx's
# uwsgi_pass and proxy_pass in front of the same backends, side by side in the same run, with wrk
# over keep-alive HTTP/1.1 connections. See docs/benchmarks.md, section "SCGI and uwsgi".
#
# nginx cannot keep SCGI or uwsgi connections to a backend alive: its upstream keepalive cache
# works for HTTP/1.1 and for FastCGI (fastcgi_keep_conn) only, and nginx's documentation of the
# upstream keepalive directive says "SCGI and uwsgi protocols do not have a notion of keepalive
# connections" (both end the response by closing the connection). So behind nginx every request
# opens a new Unix socket connection to its SCGI or uwsgi backend, and Gatehouse's uwsgi: mount
# does the same by the protocol's nature; the upstream blocks here carry no keepalive. Only the
# two HTTP fronts (nginx proxy_pass, Gatehouse's http: mount) keep their backend connections.
#
# Every process under test (nginx masters and workers, JVMs, uWSGI masters and workers) is pinned
# to core 0, wrk to core 1 (taskset); each (scenario, connections) cell is measured RUNS times,
# rounds interleaved across scenarios, and the median is reported. Prints a markdown table on
# stdout; raw wrk output, generated configurations and every log go to the results directory.
# Every process is started here and stopped here by its own PID (lib/procs.sh).
set -euo pipefail
ME=gateway-load.sh
# shellcheck source=lib/load-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/load-common.sh"
# shellcheck source=lib/procs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/procs.sh"

usage() {
  cat <<'EOF'
usage: bench/gateway-load.sh [options]
  -d SECONDS        length of each measured wrk run (default 10)
  -w SECONDS        warm-up per scenario and connection count, not measured (default 5)
  -r RUNS           measured runs per cell; the median is reported (default 3)
  -c "N M ..."      connection counts (default "1 50")
  -s "NAME ..."     scenarios, any of (default: all seven, in this order):
                      gh-scgi      nginx scgi_pass (Unix socket) -> Gatehouse ScgiServer, hello world
                      uwsgi-scgi   nginx scgi_pass (Unix socket) -> uWSGI --scgi-socket, Python hello WSGI app
                      gh-uwsgi     nginx uwsgi_pass (Unix socket) -> Gatehouse UwsgiServer, hello world
                      uwsgi-uwsgi  nginx uwsgi_pass (Unix socket) -> uWSGI --socket, Python hello WSGI app
                      gw-uwsgi     Gatehouse Http1Server, uwsgi: mount -> uWSGI --socket (Unix socket)
                      gw-http      Gatehouse Http1Server, http: mount -> nginx serving a static hello file
                      nginx-proxy  nginx proxy_pass (upstream keepalive) -> nginx serving the same file
  -n CONNECTIONS    backend connection cap: maxConnections of Gatehouse's uwsgi: and http:
                    mounts, and nginx proxy_pass's upstream keepalive (default 64)
  -u PROCESSES      uWSGI worker processes (default 2)
  -p PORT           first HTTP port; fronts use PORT, PORT+1, ..., static backends PORT+100, ...
                    on 127.0.0.1 (default 28380)
  -o DIR            results directory (default bench/target/gateway-load-<date>)
  --no-build        use bench/target/benchmarks.jar as it is
  -h, --help        this text
environment:
  SERVER_JAVA_OPTS  JVM options for the Gatehouse processes (default "-Xms512m -Xmx512m")
  SERVER_CPUS       cpu list for everything but wrk (default 0)
  WRK_CPUS          cpu list for wrk (default 1)
  NICE              niceness of everything, wrk too (default -20 as root, 0 otherwise)
needs: wrk, taskset, curl, nginx, uwsgi with its python3 plugin
  (Debian: apt-get install -y wrk nginx uwsgi uwsgi-plugin-python3)
EOF
}

ALL_SCENARIOS="gh-scgi uwsgi-scgi gh-uwsgi uwsgi-uwsgi gw-uwsgi gw-http nginx-proxy"
DURATION=10 WARMUP=5 RUNS=3 CONNS="1 50" SCENARIOS=$ALL_SCENARIOS BASE_PORT=28380
CAP=64 UWSGI_PROCESSES=2 OUT="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -c) CONNS=$2; shift 2 ;;
    -s) SCENARIOS=$2; shift 2 ;;
    -n) CAP=$2; shift 2 ;;
    -u) UWSGI_PROCESSES=$2; shift 2 ;;
    -p) BASE_PORT=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "gateway-load.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
check_numbers "$DURATION" "$WARMUP" "$RUNS" "$BASE_PORT" "$CAP" "$UWSGI_PROCESSES"
check_run_opts
[ "$CAP" -ge 1 ] && [ "$CAP" -le 1000 ] || { echo "gateway-load.sh: -n must be 1..1000" >&2; exit 2; }
[ "$UWSGI_PROCESSES" -ge 1 ] && [ "$UWSGI_PROCESSES" -le 64 ] || { echo "gateway-load.sh: -u must be 1..64" >&2; exit 2; }
check_conns
for s in $SCENARIOS; do
  [[ " $ALL_SCENARIOS " == *" $s "* ]] || { echo "gateway-load.sh: unknown scenario '$s' ($ALL_SCENARIOS)" >&2; exit 2; }
done

setup_env
OUT=${OUT:-$ROOT/bench/target/gateway-load-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

need wrk "apt-get install -y wrk"
need taskset "apt-get install -y util-linux"
need curl "apt-get install -y curl"
NGINX=/usr/sbin/nginx; need "$NGINX" "apt-get install -y nginx"
NGINX_SCGI_PARAMS=/etc/nginx/scgi_params
NGINX_UWSGI_PARAMS=/etc/nginx/uwsgi_params
for f in "$NGINX_SCGI_PARAMS" "$NGINX_UWSGI_PARAMS"; do
  [ -f "$f" ] || { echo "gateway-load.sh: $f missing (apt-get install -y nginx)" >&2; exit 1; }
done
if [[ " $SCENARIOS " == *" uwsgi-"* ]] || [[ " $SCENARIOS " == *" gw-uwsgi "* ]]; then need_uwsgi; fi
if [ "$(nproc)" -lt 2 ] && [ "$SERVER_CPUS" = 0 ] && [ "$WRK_CPUS" = 1 ]; then
  echo "gateway-load.sh: needs 2 cores (servers on core 0, wrk on core 1); set SERVER_CPUS and WRK_CPUS to override" >&2; exit 1
fi

# --- build ------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then build_jar api core http1 fastcgi scgi uwsgi middleware examples bench; fi
[ -f "$JAR" ] || { echo "gateway-load.sh: $JAR missing (run without --no-build)" >&2; exit 1; }

make_work gatehouse-gw-bench
WWW=$WORK/www
mkdir -p "$WWW"
# The same response everywhere: 200, text/plain; charset=utf-8, Content-Length 14, "Hello, world!\n"
# (the HTTP front adds Date and Server; nginx's static file also carries Last-Modified, ETag and
# Accept-Ranges, through both HTTP fronts alike).
printf 'Hello, world!\n' >"$WWW/hello"
write_hello_py

# --- processes (lib/procs.sh): started here, stopped here, each by its own PID ----------------
start_nginx_pass() { # name port protocol(scgi|uwsgi) socket: nginx SCGI or uwsgi front, no kept connections
  local name=$1 port=$2 proto=$3 socket=$4 params
  if [ "$proto" = scgi ]; then params=$NGINX_SCGI_PARAMS; else params=$NGINX_UWSGI_PARAMS; fi
  # no keepalive in the upstream block: nginx cannot keep SCGI or uwsgi connections (see the top)
  start_nginx_with "$name" "$port" /hello <<EOF
    upstream backend {
        server unix:$socket;
    }
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        location / {
            include $params;
            ${proto}_pass backend;
        }
    }
EOF
}

start_nginx_static() { # name port: nginx serving $WWW, the HTTP backend of gw-http and nginx-proxy
  local name=$1 port=$2
  start_nginx_with "$name" "$port" /hello <<EOF
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root $WWW;
        default_type text/plain;
        charset utf-8;
    }
EOF
}

start_nginx_proxy() { # name port backend-port: nginx proxy_pass with kept HTTP/1.1 connections
  local name=$1 port=$2 backend=$3
  start_nginx_with "$name" "$port" /hello <<EOF
    upstream backend {
        server 127.0.0.1:$backend;
        keepalive $CAP;
    }
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
EOF
}

# Per scenario: FRONT (the process wrk talks to), BACK (the backend), URL (lib/procs.sh), LABEL.
declare -A LABEL
LABEL=([gh-scgi]="nginx -> SCGI -> Gatehouse ScgiServer"
       [uwsgi-scgi]="nginx -> SCGI -> uWSGI $UWSGI_PROCESSES processes (Python)"
       [gh-uwsgi]="nginx -> uwsgi -> Gatehouse UwsgiServer"
       [uwsgi-uwsgi]="nginx -> uwsgi -> uWSGI $UWSGI_PROCESSES processes (Python)"
       [gw-uwsgi]="Gatehouse uwsgi: mount -> uWSGI $UWSGI_PROCESSES processes (Python)"
       [gw-http]="Gatehouse http: mount -> nginx static file"
       [nginx-proxy]="nginx proxy_pass -> nginx static file")

warn_load

port=$BASE_PORT
for s in $SCENARIOS; do
  http=$port; port=$((port + 1)); HTTP_PORT[$s]=$http URL[$s]=/hello
  case "$s" in
    gh-scgi)
      start_java gh-scgi dev.gatehouse.bench.ScgiHelloServer "unix:$WORK/gh-scgi.sock"
      start_nginx_pass nginx-gh-scgi "$http" scgi "$WORK/gh-scgi.sock"
      FRONT[$s]=nginx-gh-scgi BACK[$s]=gh-scgi ;;
    uwsgi-scgi)
      start_uwsgi uwsgi-scgi --scgi-socket
      start_nginx_pass nginx-uwsgi-scgi "$http" scgi "$WORK/uwsgi-scgi.sock"
      FRONT[$s]=nginx-uwsgi-scgi BACK[$s]=uwsgi-scgi ;;
    gh-uwsgi)
      start_java gh-uwsgi dev.gatehouse.bench.UwsgiHelloServer "unix:$WORK/gh-uwsgi.sock"
      start_nginx_pass nginx-gh-uwsgi "$http" uwsgi "$WORK/gh-uwsgi.sock"
      FRONT[$s]=nginx-gh-uwsgi BACK[$s]=gh-uwsgi ;;
    uwsgi-uwsgi)
      start_uwsgi uwsgi-uwsgi --socket
      start_nginx_pass nginx-uwsgi-uwsgi "$http" uwsgi "$WORK/uwsgi-uwsgi.sock"
      FRONT[$s]=nginx-uwsgi-uwsgi BACK[$s]=uwsgi-uwsgi ;;
    gw-uwsgi)
      # its own uWSGI, configured exactly as the one behind nginx, so that each scenario's
      # backend CPU is its own
      start_uwsgi uwsgi-gw --socket
      port_free "$http"
      start_java gatehouse-uwsgi dev.gatehouse.bench.StreamGatewayServer "$http" "uwsgi:unix:$WORK/uwsgi-gw.sock" "$CAP"
      FRONT[$s]=gatehouse-uwsgi BACK[$s]=uwsgi-gw ;;
    gw-http)
      start_nginx_static static-gw $((http + 100))
      port_free "$http"
      start_java gatehouse-http dev.gatehouse.bench.StreamGatewayServer "$http" "http://127.0.0.1:$((http + 100))" "$CAP"
      FRONT[$s]=gatehouse-http BACK[$s]=static-gw ;;
    nginx-proxy)
      # its own static nginx, configured exactly as the one behind Gatehouse
      start_nginx_static static-proxy $((http + 100))
      start_nginx_proxy nginx-proxy "$http" $((http + 100))
      FRONT[$s]=nginx-proxy BACK[$s]=static-proxy ;;
  esac
done

for s in $SCENARIOS; do
  u="http://127.0.0.1:${HTTP_PORT[$s]}${URL[$s]}"
  check_hello "$s" "$u" "$u"
done

# --- the run ----------------------------------------------------------------------------------
run_all "$SCENARIOS"
stop_all

# --- report -----------------------------------------------------------------------------------
{
  echo "Hello world through SCGI, uwsgi and HTTP gateways, wrk -t1 over keep-alive HTTP/1.1, ${DURATION} s runs after ${WARMUP} s warm-up, median of $RUNS interleaved runs;"
  echo "nginx, backends and Gatehouse on cpu $SERVER_CPUS, wrk on cpu $WRK_CPUS, nice $NICE; uWSGI $UWSGI_PROCESSES processes; backend connection cap $CAP (Gatehouse's mounts, nginx proxy_pass keepalive);"
  echo "nginx keeps no SCGI or uwsgi connection alive (one connection per request); load average $LOAD_BEFORE before, $LOAD_AFTER at the end (the run itself adds about 2); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "CPU per request is user + system time of the front (nginx master + worker, or the Gatehouse JVM) + the backend (all its processes) over the requests wrk completed; busy is both over the run's length."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, Linux $(uname -r); $("$JAVA" -version 2>&1 | head -1); $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(uwsgi --version 2>/dev/null | sed 's/^/uWSGI /' || true); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo
  results_table "$SCENARIOS" scenario "CPU per request: front + backend (busy)"
  echo
  for c in $CONNS; do
    line=""
    # Gatehouse / uWSGI behind nginx, per protocol; then each Gatehouse mount / nginx in front of the same backend
    for pair in "gh-scgi uwsgi-scgi SCGI" "gh-uwsgi uwsgi-uwsgi uwsgi"; do
      read -r g u proto <<<"$pair"
      if [ -n "${MED[$g,$c]:-}" ] && [ -n "${MED[$u,$c]:-}" ]; then
        line="$line Gatehouse / uWSGI $UWSGI_PROCESSES processes, both behind nginx over $proto $(ratio "${MED[$g,$c]}" "${MED[$u,$c]}")x;"
      fi
    done
    if [ -n "${MED[gw-uwsgi,$c]:-}" ] && [ -n "${MED[uwsgi-uwsgi,$c]:-}" ]; then
      line="$line Gatehouse uwsgi: mount / nginx uwsgi_pass, both -> uWSGI $(ratio "${MED[gw-uwsgi,$c]}" "${MED[uwsgi-uwsgi,$c]}")x;"
    fi
    if [ -n "${MED[gw-http,$c]:-}" ] && [ -n "${MED[nginx-proxy,$c]:-}" ]; then
      line="$line Gatehouse http: mount / nginx proxy_pass, both -> nginx static $(ratio "${MED[gw-http,$c]}" "${MED[nginx-proxy,$c]}")x;"
    fi
    [ -n "$line" ] && echo "- at $c conn (medians):${line%;}"
  done
  echo
  every_run "$SCENARIOS"
} | tee "$OUT/summary.md"
exit 0
