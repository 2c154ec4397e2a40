#!/usr/bin/env bash
# FastCGI load run: nginx in front of Gatehouse's FastCGI server, uWSGI and PHP-FPM, and
# Gatehouse's fastcgi:// mount in front of PHP-FPM, side by side in the same run, with wrk over
# keep-alive HTTP/1.1 connections. See docs/benchmarks.md, section "FastCGI".
#
# Every process under test (nginx master and worker, JVMs, PHP-FPM master and workers, uWSGI
# master and workers) is pinned to core 0, wrk to core 1 (taskset); each (scenario, connections)
# cell is measured RUNS times, rounds interleaved across scenarios, and the median is reported.
# Prints a markdown table on stdout; raw wrk output, generated configurations and every error log
# go to the results directory. Every process is started here and stopped here by its own PID.
set -euo pipefail
ME=fastcgi-load.sh
# shellcheck source=lib/load-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/load-common.sh"
# shellcheck source=lib/procs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/procs.sh"

usage() {
  cat <<'EOF'
usage: bench/fastcgi-load.sh [options]
  -d SECONDS        length of each measured wrk run (default 10)
  -w SECONDS        warm-up per scenario and connection count, not measured (default 5)
  -r RUNS           measured runs per cell; the median is reported (default 3)
  -c "N M ..."      connection counts (default "1 50")
  -s "NAME ..."     scenarios, any of (default: all five, in this order):
                      gh       nginx -> FastCGI (Unix socket) -> Gatehouse FcgiServer, hello world
                      gh-tcp   nginx -> FastCGI (TCP 127.0.0.1) -> Gatehouse FcgiServer, hello world
                      uwsgi    nginx -> FastCGI (Unix socket) -> uWSGI, Python hello WSGI app
                      php      nginx -> FastCGI (Unix socket) -> PHP-FPM, hello.php
                      gw-php   Gatehouse Http1Server, fastcgi: mount -> PHP-FPM (Unix socket), hello.php
  -n CHILDREN       PHP-FPM workers (pm static), and the FastCGI connection cap in front of it:
                    nginx's upstream keepalive and the fastcgi: mount's maxConnections (default 4)
  -u PROCESSES      uWSGI worker processes (default 2)
  -p PORT           first HTTP port; fronts use PORT, PORT+1, ... on 127.0.0.1 (default 28280)
  -o DIR            results directory (default bench/target/fastcgi-load-<date>)
  --no-build        use bench/target/benchmarks.jar as it is
  -h, --help        this text
environment:
  SERVER_JAVA_OPTS  JVM options for the Gatehouse processes (default "-Xms512m -Xmx512m")
  SERVER_CPUS       cpu list for everything but wrk (default 0)
  WRK_CPUS          cpu list for wrk (default 1)
  NICE              niceness of everything, wrk too (default -20 as root, 0 otherwise)
needs: wrk, taskset, curl, nginx, php-fpm8.2 (or php-fpm), uwsgi with its python3 plugin
  (Debian: apt-get install -y wrk nginx php-fpm uwsgi uwsgi-plugin-python3)
EOF
}

ALL_SCENARIOS="gh gh-tcp uwsgi php gw-php"
DURATION=10 WARMUP=5 RUNS=3 CONNS="1 50" SCENARIOS=$ALL_SCENARIOS BASE_PORT=28280
CHILDREN=4 UWSGI_PROCESSES=2 OUT="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -c) CONNS=$2; shift 2 ;;
    -s) SCENARIOS=$2; shift 2 ;;
    -n) CHILDREN=$2; shift 2 ;;
    -u) UWSGI_PROCESSES=$2; shift 2 ;;
    -p) BASE_PORT=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "fastcgi-load.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
check_numbers "$DURATION" "$WARMUP" "$RUNS" "$BASE_PORT" "$CHILDREN" "$UWSGI_PROCESSES"
check_run_opts
[ "$CHILDREN" -ge 1 ] && [ "$CHILDREN" -le 64 ] || { echo "fastcgi-load.sh: -n must be 1..64" >&2; exit 2; }
[ "$UWSGI_PROCESSES" -ge 1 ] && [ "$UWSGI_PROCESSES" -le 64 ] || { echo "fastcgi-load.sh: -u must be 1..64" >&2; exit 2; }
check_conns
for s in $SCENARIOS; do
  [[ " $ALL_SCENARIOS " == *" $s "* ]] || { echo "fastcgi-load.sh: unknown scenario '$s' ($ALL_SCENARIOS)" >&2; exit 2; }
done

setup_env
OUT=${OUT:-$ROOT/bench/target/fastcgi-load-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

need wrk "apt-get install -y wrk"
need taskset "apt-get install -y util-linux"
need curl "apt-get install -y curl"
NGINX=/usr/sbin/nginx; need "$NGINX" "apt-get install -y nginx"
NGINX_FASTCGI_PARAMS=/etc/nginx/fastcgi_params
[ -f "$NGINX_FASTCGI_PARAMS" ] || { echo "fastcgi-load.sh: $NGINX_FASTCGI_PARAMS missing (apt-get install -y nginx)" >&2; exit 1; }
PHP_FPM=""
if [[ " $SCENARIOS " == *" php"* ]] || [[ " $SCENARIOS " == *"-php "* ]]; then
  for b in /usr/sbin/php-fpm8.2 /usr/sbin/php-fpm; do [ -x "$b" ] && { PHP_FPM=$b; break; }; done
  [ -n "$PHP_FPM" ] || { echo "fastcgi-load.sh: php-fpm not found (Debian: apt-get install -y php-fpm)" >&2; exit 1; }
fi
if [[ " $SCENARIOS " == *" uwsgi "* ]]; then need_uwsgi; fi
if [ "$(nproc)" -lt 2 ] && [ "$SERVER_CPUS" = 0 ] && [ "$WRK_CPUS" = 1 ]; then
  echo "fastcgi-load.sh: needs 2 cores (servers on core 0, wrk on core 1); set SERVER_CPUS and WRK_CPUS to override" >&2; exit 1
fi

# --- build ------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then build_jar api core http1 fastcgi middleware examples bench; fi
[ -f "$JAR" ] || { echo "fastcgi-load.sh: $JAR missing (run without --no-build)" >&2; exit 1; }

make_work gatehouse-fcgi-bench
WWW=$WORK/www
mkdir -p "$WWW"
# The same response everywhere: 200, text/plain; charset=utf-8, Content-Length 14, "Hello, world!\n"
# (nginx adds Date and Server; PHP's expose_php is Off in Debian's php.ini).
cat >"$WWW/hello.php" <<'EOF'
<?php
header('Content-Type: text/plain; charset=utf-8');
header('Content-Length: 14');
echo "Hello, world!\n";
EOF
KEEP_FILES+=("$WWW/hello.php")
write_hello_py

# --- processes (lib/procs.sh): started here, stopped here, each by its own PID ----------------
start_php_fpm() { # name: a PHP-FPM master with a static pool of $CHILDREN on $WORK/NAME.sock
  local name=$1 conf=$WORK/$1.conf
  {
    echo "[global]"
    echo "pid = $WORK/$name.pid"
    echo "error_log = $OUT/$name.log"
    echo "daemonize = no"
    echo "[hello]"
    [ "$ROOTUSER" = 1 ] && printf 'user = root\ngroup = root\n'
    echo "listen = $WORK/$name.sock"
    echo "listen.mode = 0666"
    echo "pm = static"
    echo "pm.max_children = $CHILDREN"
    echo "clear_env = yes"
  } >"$conf"
  local args=("$PHP_FPM" -F -y "$conf")
  [ "$ROOTUSER" = 1 ] && args+=(-R)
  launch "$name" "$OUT/$name.out" "${args[@]}"
  await "$name" listening is_socket "$WORK/$name.sock"
  # the static pool's workers are forked right after the socket is bound
  await_workers "$name" "$CHILDREN"
}

start_nginx() { # name port upstream-server keepalive url-path: keepalive 0 = no kept FastCGI connections
  local name=$1 port=$2 upstream=$3 keepalive=$4 path=$5 keep=on
  [ "$keepalive" -gt 0 ] || keep=off
  start_nginx_with "$name" "$port" "$path" <<EOF
    upstream backend {
        server $upstream;
$([ "$keepalive" -gt 0 ] && echo "        keepalive $keepalive;")
    }
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root $WWW;
        location / {
            include $NGINX_FASTCGI_PARAMS;
            fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
            fastcgi_pass backend;
            fastcgi_keep_conn $keep;
        }
    }
EOF
}

# Per scenario: FRONT (the process wrk talks to), BACK (the FastCGI responder), URL (lib/procs.sh), LABEL.
declare -A LABEL
LABEL=([gh]="nginx -> Gatehouse FcgiServer (Unix socket)"
       [gh-tcp]="nginx -> Gatehouse FcgiServer (TCP)"
       [uwsgi]="nginx -> uWSGI $UWSGI_PROCESSES processes (Python)"
       [php]="nginx -> PHP-FPM $CHILDREN workers"
       [gw-php]="Gatehouse fastcgi: mount -> PHP-FPM $CHILDREN workers")

warn_load

port=$BASE_PORT
for s in $SCENARIOS; do
  http=$port; port=$((port + 1)); HTTP_PORT[$s]=$http
  case "$s" in
    gh)
      start_java gh-fcgi dev.gatehouse.bench.FcgiHelloServer "unix:$WORK/gh-fcgi.sock"
      start_nginx nginx-gh "$http" "unix:$WORK/gh-fcgi.sock" 64 /hello
      FRONT[$s]=nginx-gh BACK[$s]=gh-fcgi URL[$s]=/hello ;;
    gh-tcp)
      fport=$((http + 100))
      port_free "$fport"
      start_java gh-tcp-fcgi dev.gatehouse.bench.FcgiHelloServer "127.0.0.1:$fport"
      start_nginx nginx-gh-tcp "$http" "127.0.0.1:$fport" 64 /hello
      FRONT[$s]=nginx-gh-tcp BACK[$s]=gh-tcp-fcgi URL[$s]=/hello ;;
    uwsgi)
      start_uwsgi uwsgi --fastcgi-socket
      # uWSGI's FastCGI closes the connection after every response (FCGI_KEEP_CONN or not):
      # kept connections only make nginx fail a write and retry, so none are kept
      start_nginx nginx-uwsgi "$http" "unix:$WORK/uwsgi.sock" "${UWSGI_KEEPALIVE:-0}" /hello
      FRONT[$s]=nginx-uwsgi BACK[$s]=uwsgi URL[$s]=/hello ;;
    php)
      start_php_fpm php-fpm-nginx
      start_nginx nginx-php "$http" "unix:$WORK/php-fpm-nginx.sock" "$CHILDREN" /hello.php
      FRONT[$s]=nginx-php BACK[$s]=php-fpm-nginx URL[$s]=/hello.php ;;
    gw-php)
      # its own PHP-FPM, configured exactly as the one behind nginx: kept connections of one
      # front would otherwise hold the workers the other one needs
      start_php_fpm php-fpm-gatehouse
      port_free "$http"
      start_java gatehouse-gw dev.gatehouse.bench.FcgiGatewayServer "$http" \
        "fastcgi:unix:$WORK/php-fpm-gatehouse.sock?root=$WWW" "$CHILDREN"
      FRONT[$s]=gatehouse-gw BACK[$s]=php-fpm-gatehouse URL[$s]=/hello.php ;;
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
  echo "Hello world through FastCGI, wrk -t1 over keep-alive HTTP/1.1, ${DURATION} s runs after ${WARMUP} s warm-up, median of $RUNS interleaved runs;"
  echo "nginx, backends and Gatehouse on cpu $SERVER_CPUS, wrk on cpu $WRK_CPUS, nice $NICE; PHP-FPM pm static $CHILDREN workers, uWSGI $UWSGI_PROCESSES processes;"
  echo "load average $LOAD_BEFORE before, $LOAD_AFTER at the end (the run itself adds about 2); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "CPU per request is user + system time of the front (nginx master + worker, or the Gatehouse JVM) + the FastCGI backend (all its processes) over the requests wrk completed; busy is both over the run's length."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, Linux $(uname -r); $("$JAVA" -version 2>&1 | head -1); $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(uwsgi --version 2>/dev/null | sed 's/^/uWSGI /' || true); $("${PHP_FPM:-/usr/sbin/php-fpm8.2}" -v 2>/dev/null | head -1 | cut -d' ' -f1-2 || true); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo
  results_table "$SCENARIOS" scenario "CPU per request: front + backend (busy)"
  echo
  for c in $CONNS; do
    line=""
    for g in gh gh-tcp; do
      [ -n "${MED[$g,$c]:-}" ] || continue
      for p in uwsgi php; do
        [ -n "${MED[$p,$c]:-}" ] && line="$line ${LABEL[$g]#nginx -> } / ${LABEL[$p]#nginx -> } $(ratio "${MED[$g,$c]}" "${MED[$p,$c]}")x;"
      done
    done
    if [ -n "${MED[gw-php,$c]:-}" ] && [ -n "${MED[php,$c]:-}" ]; then
      line="$line Gatehouse fastcgi: mount / nginx, both -> PHP-FPM $(ratio "${MED[gw-php,$c]}" "${MED[php,$c]}")x;"
    fi
    [ -n "$line" ] && echo "- at $c conn (medians):${line%;}"
  done
  echo
  every_run "$SCENARIOS"
} | tee "$OUT/summary.md"
exit 0
