#!/usr/bin/env bash
# Static files load run: Gatehouse's files: mount (StaticFilesServer: Http1Server + StaticFiles with
# its defaults, files sent with FileChannel.transferTo) and nginx (root DIR; sendfile on;
# tcp_nopush on;) serving the same directory, side by side in the same run, with wrk over
# keep-alive HTTP/1.1 connections, for a 1 KiB and a 1 MiB file. See docs/benchmarks.md, section
# "Static files".
#
# Both servers are pinned to core 0, wrk to core 1 (taskset); each (scenario, connections) cell is
# measured RUNS times, rounds interleaved across scenarios, and the median is reported. Prints a
# markdown table on stdout (requests/s, and MB/s for the 1 MiB file) and the ratio Gatehouse /
# nginx per file size; raw wrk output, the nginx configuration and every log go to the results
# directory. Every process is started here and stopped here by its own PID (lib/procs.sh).
set -euo pipefail
ME=static-load.sh
# shellcheck source=lib/load-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/load-common.sh"
# shellcheck source=lib/procs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/procs.sh"

usage() {
  cat <<'EOF'
usage: bench/static-load.sh [options]
  -d SECONDS        length of each measured wrk run (default 10)
  -w SECONDS        warm-up per scenario and connection count, not measured (default 5)
  -r RUNS           measured runs per cell; the median is reported (default 3)
  -c "N M ..."      connection counts (default "1 50")
  -s "NAME ..."     scenarios, any of (default: all four, in this order):
                      gh-1k     Gatehouse Http1Server, files: mount (StaticFiles defaults), GET /1k.bin
                      nginx-1k  nginx, root DIR; sendfile on; tcp_nopush on; GET /1k.bin
                      gh-1m     Gatehouse, the same mount, GET /1m.bin
                      nginx-1m  nginx, the same server, GET /1m.bin
                    1k.bin is 1 KiB and 1m.bin 1 MiB of random bytes, in one directory both serve
  -p PORT           HTTP ports: Gatehouse PORT, nginx PORT+1, on 127.0.0.1 (default 28480)
  -o DIR            results directory (default bench/target/static-load-<date>)
  --no-build        use bench/target/benchmarks.jar as it is
  -h, --help        this text
environment:
  SERVER_JAVA_OPTS  JVM options for Gatehouse (default "-Xms512m -Xmx512m")
  SERVER_CPUS       cpu list for both servers (default 0)
  WRK_CPUS          cpu list for wrk (default 1)
  NICE              niceness of everything, wrk too (default -20 as root, 0 otherwise)
needs: wrk, taskset, curl, nginx (Debian: apt-get install -y wrk nginx)
EOF
}

ALL_SCENARIOS="gh-1k nginx-1k gh-1m nginx-1m"
DURATION=10 WARMUP=5 RUNS=3 CONNS="1 50" SCENARIOS=$ALL_SCENARIOS BASE_PORT=28480
OUT="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    -d) DURATION=$2; shift 2 ;;
    -w) WARMUP=$2; shift 2 ;;
    -r) RUNS=$2; shift 2 ;;
    -c) CONNS=$2; shift 2 ;;
    -s) SCENARIOS=$2; shift 2 ;;
    -p) BASE_PORT=$2; shift 2 ;;
    -o) OUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "static-load.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
check_numbers "$DURATION" "$WARMUP" "$RUNS" "$BASE_PORT"
check_run_opts
check_conns
for s in $SCENARIOS; do
  [[ " $ALL_SCENARIOS " == *" $s "* ]] || { echo "static-load.sh: unknown scenario '$s' ($ALL_SCENARIOS)" >&2; exit 2; }
done

setup_env
OUT=${OUT:-$ROOT/bench/target/static-load-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

need wrk "apt-get install -y wrk"
need taskset "apt-get install -y util-linux"
need curl "apt-get install -y curl"
NGINX=/usr/sbin/nginx; need "$NGINX" "apt-get install -y nginx"
NGINX_MIME_TYPES=/etc/nginx/mime.types
[ -f "$NGINX_MIME_TYPES" ] || { echo "static-load.sh: $NGINX_MIME_TYPES missing (apt-get install -y nginx)" >&2; exit 1; }
if [ "$(nproc)" -lt 2 ] && [ "$SERVER_CPUS" = 0 ] && [ "$WRK_CPUS" = 1 ]; then
  echo "static-load.sh: needs 2 cores (servers on core 0, wrk on core 1); set SERVER_CPUS and WRK_CPUS to override" >&2; exit 1
fi

# --- build ------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then build_jar api core http1 middleware examples bench; fi
[ -f "$JAR" ] || { echo "static-load.sh: $JAR missing (run without --no-build)" >&2; exit 1; }

make_work gatehouse-static-bench
WWW=$WORK/www
mkdir -p "$WWW"
# Random bytes (nothing to gain from compression or caching tricks), .bin: application/octet-stream
# from both servers (Gatehouse's mime.types and nginx's), no charset parameter.
declare -A FILE_BYTES FILE_NAME
FILE_BYTES=([1k]=1024 [1m]=1048576)
FILE_NAME=([1k]=1k.bin [1m]=1m.bin)
declare -A SIZE_NAME=([1k]="1 KiB" [1m]="1 MiB")
for z in 1k 1m; do head -c "${FILE_BYTES[$z]}" /dev/urandom >"$WWW/${FILE_NAME[$z]}"; done

# --- processes (lib/procs.sh): started here, stopped here, each by its own PID ----------------
start_nginx_files() { # name port: nginx serving $WWW with sendfile, one worker
  local name=$1 port=$2
  start_nginx_with "$name" "$port" "/${FILE_NAME[1k]}" <<EOF
    include $NGINX_MIME_TYPES;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        root $WWW;
    }
EOF
}

# Per scenario: FRONT (the server wrk talks to), URL, HTTP_PORT (lib/procs.sh), LABEL, SIZE.
# No backend: BACK names "none", a process-less entry, so run_wrk counts 0 ticks for it.
PID[none]="" KIDS[none]=""
declare -A LABEL SIZE
LABEL=([gh-1k]="Gatehouse files: mount, 1 KiB file"
       [nginx-1k]="nginx root + sendfile, 1 KiB file"
       [gh-1m]="Gatehouse files: mount, 1 MiB file"
       [nginx-1m]="nginx root + sendfile, 1 MiB file")

warn_load

GH_PORT=$BASE_PORT NGINX_PORT=$((BASE_PORT + 1))
if [[ " $SCENARIOS " == *" gh-"* ]]; then
  port_free "$GH_PORT"
  start_java gatehouse-files dev.gatehouse.bench.StaticFilesServer "$GH_PORT" "$WWW"
fi
if [[ " $SCENARIOS " == *" nginx-"* ]]; then start_nginx_files nginx-files "$NGINX_PORT"; fi
for s in $SCENARIOS; do
  z=${s#*-}; SIZE[$s]=$z URL[$s]=/${FILE_NAME[$z]} BACK[$s]=none
  case "$s" in
    gh-*) FRONT[$s]=gatehouse-files HTTP_PORT[$s]=$GH_PORT ;;
    nginx-*) FRONT[$s]=nginx-files HTTP_PORT[$s]=$NGINX_PORT ;;
  esac
done

check_file() { # scenario: GET must answer 200, Content-Length of the file, the file's bytes
  local s=$1 z=${SIZE[$1]} u="http://127.0.0.1:${HTTP_PORT[$1]}${URL[$1]}" code len
  code=$(curl -s -o "$WORK/$s.body" -D "$OUT/$s.head" -w '%{http_code}' --max-time 5 "$u") || true
  [ "$code" = 200 ] || { echo "$ME: $s answered '$code' to GET $u, expected 200" >&2; exit 1; }
  len=$(tr -d '\r' <"$OUT/$s.head" | sed -n 's/^[Cc]ontent-[Ll]ength: *//p')
  [ "$len" = "${FILE_BYTES[$z]}" ] || { echo "$ME: $s sent Content-Length '$len' for GET $u, expected ${FILE_BYTES[$z]}" >&2; exit 1; }
  cmp -s "$WORK/$s.body" "$WWW/${FILE_NAME[$z]}" || { echo "$ME: $s sent other bytes than $WWW/${FILE_NAME[$z]} for GET $u" >&2; exit 1; }
  rm -f "$WORK/$s.body"
}
for s in $SCENARIOS; do check_file "$s"; done

# --- the run ----------------------------------------------------------------------------------
run_all "$SCENARIOS"
stop_all

# --- report -----------------------------------------------------------------------------------
cpu_per_request() { # "12.3 us (98%)": the server's CPU time per request, and how busy its cpus were
  awk -v hz="$CLK_TCK" -v f="$(cut -d' ' -f1 "$1.cpu")" '/ requests in / {
    n = $1; secs = $4; sub(/s,?$/, "", secs)
    printf "%.1f us (%d%%)", f / hz * 1e6 / n, f / hz / secs * 100 }' "$1"
}
mbps() { # wrk's Transfer/sec in MB/s (wrk's units are binary: 1 MB = 2^20 bytes)
  awk '/^Transfer\/sec:/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v)
    m = (u == "GB") ? 1024 : (u == "MB") ? 1 : (u == "KB") ? 1 / 1024 : (u == "TB") ? 1048576 : 1 / 1048576
    printf "%.0f", v * m }' "$1"
}
{
  echo "Static files, wrk -t1 over keep-alive HTTP/1.1, ${DURATION} s runs after ${WARMUP} s warm-up, median of $RUNS interleaved runs;"
  echo "Gatehouse and nginx on cpu $SERVER_CPUS, wrk on cpu $WRK_CPUS, nice $NICE; 1k.bin 1024 and 1m.bin 1048576 random bytes, application/octet-stream;"
  echo "load average $LOAD_BEFORE before, $LOAD_AFTER at the end (the run itself adds about 2); $(date -u +%Y-%m-%dT%H:%MZ)."
  echo "CPU per request is user + system time of the server (the Gatehouse JVM, or nginx master + worker) over the requests wrk completed; busy is that over the run's length."
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, Linux $(uname -r); $("$JAVA" -version 2>&1 | head -1); $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo
  results_table "$SCENARIOS" scenario "CPU per request (busy)"
  big=""; for s in $SCENARIOS; do [ "${SIZE[$s]}" = 1m ] && big="$big $s"; done
  if [ -n "$big" ]; then
    echo
    header="| 1 MiB file |"; rule="| --- |"
    for c in $CONNS; do header="$header MB/s, $c conn: median (best) |"; rule="$rule ---: |"; done
    echo "$header"; echo "$rule"
    for s in $big; do
      line="| ${LABEL[$s]} |"
      for c in $CONNS; do
        best=$(for r in $(seq 1 "$RUNS"); do mbps "$OUT/run$r-$s-c$c.txt"; echo; done | sort -n | tail -1)
        line="$line $(mbps "$(median_run "$s" "$c")") (best $best) |"
      done
      echo "$line"
    done
  fi
  echo
  for c in $CONNS; do
    line=""
    for z in 1k 1m; do
      if [ -n "${MED[gh-$z,$c]:-}" ] && [ -n "${MED[nginx-$z,$c]:-}" ]; then
        q=$(ratio "${MED[gh-$z,$c]}" "${MED[nginx-$z,$c]}")
        note=""; awk -v q="$q" 'BEGIN { exit !(q < 0.80) }' && note=" (below the 0.80 target)"
        line="$line Gatehouse / nginx, ${SIZE_NAME[$z]} file ${q}x$note;"
      fi
    done
    [ -n "$line" ] && echo "- at $c conn (median req/s, target at least 0.80):${line%;}"
  done
  echo
  every_run "$SCENARIOS"
} | tee "$OUT/summary.md"
exit 0
