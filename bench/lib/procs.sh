# Process management shared by the load runs that start several cooperating processes (nginx,
# uWSGI, PHP-FPM, Gatehouse JVMs): bench/fastcgi-load.sh and bench/gateway-load.sh. Sourced after
# lib/load-common.sh, not run. The caller sets ME, and before the functions that need them: OUT,
# NICE, SERVER_CPUS, WRK_CPUS, JAVA, JAR, SERVER_JAVA_OPTS, UWSGI_PROCESSES (start_uwsgi), and per
# scenario FRONT, BACK, URL, HTTP_PORT (run_wrk); make_work sets WORK and installs the cleanup.
# shellcheck shell=bash

# --- processes: started here, stopped here, each by its own PID ------------------------------
# NAMES: every started process, in start order; PID[name] its PID (nice and taskset exec, so $!
# is the process itself); KIDS[name] its workers, as listed once it was ready.
declare -A PID KIDS
NAMES=()
# Per scenario: FRONT (the process wrk talks to), BACK (the backend behind it), URL, HTTP_PORT.
declare -A FRONT BACK URL HTTP_PORT
# Files copied from WORK to OUT at the end, besides the generated *.conf and *.ini.
KEEP_FILES=()
CLK_TCK=$(getconf CLK_TCK)

need() { # command-or-path debian-hint
  command -v "$1" >/dev/null || [ -x "$1" ] || { echo "$ME: '$1' not found (Debian: $2)" >&2; exit 1; }
}

children_of() { # PID -> its direct children
  cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | sed '/^$/d' || true
}
tree_of() { # PID -> PID and all its descendants
  local p=$1 c
  echo "$p"
  for c in $(children_of "$p"); do tree_of "$c"; done
}

start_time() { # PID -> its start time in clock ticks since boot (empty if gone)
  sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $20 }'
}

stop_proc() {
  local name=$1 pid=${PID[$1]:-} k
  [ -n "$pid" ] || return 0
  local kids="${KIDS[$name]:-} $(children_of "$pid" | tr '\n' ' ')" seen=()
  # Each worker with its start time, taken while it is surely ours (a PID may be reused later).
  for k in $kids; do seen+=("$k:$(start_time "$k")"); done
  stop_pid "$name" "$pid"
  # Workers normally go with their master; any left (an nginx worker whose master was killed,
  # say) is killed by its own PID if it is still the same process.
  for k in "${seen[@]}"; do
    local p=${k%%:*} t=${k#*:}
    if [ -n "$t" ] && [ "$(start_time "$p")" = "$t" ]; then kill -KILL "$p" 2>/dev/null || true; fi
  done
  PID[$name]=""
}
stop_all() { # every started process, last started first
  local i
  for (( i = ${#NAMES[@]} - 1; i >= 0; i-- )); do stop_proc "${NAMES[$i]}"; done
}
cleanup() {
  local f
  stop_all
  for f in "$WORK"/*.conf "$WORK"/*.ini "${KEEP_FILES[@]}"; do [ -f "$f" ] && cp "$f" "$OUT/" 2>/dev/null; done
  rm -rf "$WORK"
}

make_work() { # prefix: sets WORK, a short temp directory removed (after stopping everything) on exit
  # Sockets, configurations and scripts live in a short temp path (Unix socket paths are limited
  # to 107 bytes); logs go to the results directory; the configurations are copied there at the end.
  WORK=$(mktemp -d "/tmp/$1.XXXXXX")
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

launch() { # name logfile command... : starts it pinned and niced, in the background
  local name=$1 log=$2; shift 2
  nice -n "$NICE" taskset -c "$SERVER_CPUS" "$@" >"$log" 2>&1 &
  PID[$name]=$!
  NAMES+=("$name")
}

await() { # name description test-command...: waits up to 30 s for the test to pass
  local name=$1 what=$2; shift 2
  for _ in $(seq 1 300); do
    if "$@" 2>/dev/null; then KIDS[$name]=$(tree_of "${PID[$name]}" | tail -n +2 | tr '\n' ' '); return 0; fi
    kill -0 "${PID[$name]}" 2>/dev/null || { echo "$ME: $name exited at start-up; see $OUT/$name.log" >&2; tail -20 "$OUT/$name.log" >&2 || true; exit 1; }
    sleep 0.1
  done
  echo "$ME: $name not $what after 30 s; see $OUT/$name.log" >&2; tail -20 "$OUT/$name.log" >&2 || true; exit 1
}
is_socket() { [ -S "$1" ]; }
log_says() { grep -q "$2" "$1"; }
await_workers() { # name count: waits up to 5 s for the master to have forked them, then lists them
  local name=$1 n=$2
  for _ in $(seq 1 50); do [ "$(children_of "${PID[$name]}" | wc -l)" -ge "$n" ] && break; sleep 0.1; done
  KIDS[$name]=$(tree_of "${PID[$name]}" | tail -n +2 | tr '\n' ' ')
}

# --- the backends -----------------------------------------------------------------------------
write_hello_py() { # $WORK/hello.py: the Python hello WSGI app, the same response as Gatehouse's
  cat >"$WORK/hello.py" <<'EOF'
BODY = b"Hello, world!\n"
HEADERS = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
EOF
  KEEP_FILES+=("$WORK/hello.py")
}

need_uwsgi() {
  need uwsgi "apt-get install -y uwsgi uwsgi-plugin-python3"
  uwsgi --plugin python3 --version >/dev/null 2>&1 || { echo "$ME: uwsgi's python3 plugin is missing (apt-get install -y uwsgi-plugin-python3)" >&2; exit 1; }
}

start_uwsgi() { # name socket-option: uWSGI, $UWSGI_PROCESSES workers, $WORK/hello.py on $WORK/NAME.sock
  # socket-option: --fastcgi-socket, --scgi-socket, or --socket (the uwsgi protocol)
  local name=$1 option=$2
  launch "$name" "$OUT/$name.log" uwsgi --plugin python3 --master --processes "$UWSGI_PROCESSES" \
    "$option" "$WORK/$name.sock" --chmod-socket=666 --wsgi-file "$WORK/hello.py" --need-app \
    --disable-logging --die-on-term --pidfile "$WORK/$name.pid"
  await "$name" listening is_socket "$WORK/$name.sock"
  await_workers "$name" "$UWSGI_PROCESSES"
}

start_java() { # name class args...: a JVM from the bench jar, ready once its log says "listening on"
  local name=$1 class=$2; shift 2
  # The two access options the gatehouse jar's manifest grants (TcpCork's descriptor, native calls).
  # shellcheck disable=SC2086
  launch "$name" "$OUT/$name.log" "$JAVA" --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    $SERVER_JAVA_OPTS -cp "$JAR" "$class" "$@"
  await "$name" ready log_says "$OUT/$name.log" "listening on"
}

start_nginx_with() { # name port check-url-path: nginx with the http{} block's body read from stdin
  # One nginx per scenario, in the foreground, one worker; logs in OUT, everything else in WORK.
  local name=$1 port=$2 path=$3 conf=$WORK/$1.conf body
  body=$(cat)
  port_free "$port"
  mkdir -p "$WORK/$name"
  {
    [ "$ROOTUSER" = 1 ] && echo "user root root;"
    cat <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $WORK/$name.pid;
error_log $OUT/$name.error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/$name/client_body;
    fastcgi_temp_path $WORK/$name/fastcgi;
    proxy_temp_path $WORK/$name/proxy;
    uwsgi_temp_path $WORK/$name/uwsgi;
    scgi_temp_path $WORK/$name/scgi;
$body
}
EOF
  } >"$conf"
  "$NGINX" -t -q -p "$WORK/$name" -c "$conf" -e "$OUT/$name.error.log" >"$OUT/$name.log" 2>&1 \
    || { echo "$ME: nginx rejected $conf:" >&2; cat "$OUT/$name.log" >&2; exit 1; }
  launch "$name" "$OUT/$name.log" "$NGINX" -p "$WORK/$name" -c "$conf" -e "$OUT/$name.error.log"
  await "$name" listening curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port$path"
}

# --- the run ----------------------------------------------------------------------------------
cpu_ticks() { # user + system CPU time of the given processes, in clock ticks
  local total=0 p t
  for p in "$@"; do
    t=$(proc_ticks "$p" 2>/dev/null) || t=0
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
procs_of() { echo "${PID[$1]} ${KIDS[$1]:-}"; }

run_wrk() { # scenario conns seconds outfile; front and back CPU ticks go to outfile.cpu
  local s=$1 f b fb bb
  f=$(procs_of "${FRONT[$s]}"); b=$(procs_of "${BACK[$s]}")
  # shellcheck disable=SC2086
  fb=$(cpu_ticks $f); bb=$(cpu_ticks $b)
  timeout --kill-after=5 $(( $3 + 30 )) nice -n "$NICE" taskset -c "$WRK_CPUS" \
    wrk -t1 -c"$2" -d"$3"s --latency "http://127.0.0.1:${HTTP_PORT[$s]}${URL[$s]}" >"$4" 2>&1 \
    || { echo "$ME: wrk against $s failed:" >&2; cat "$4" >&2; exit 1; }
  # shellcheck disable=SC2086
  echo "$(( $(cpu_ticks $f) - fb )) $(( $(cpu_ticks $b) - bb ))" >"$4.cpu"
}

# --- report -----------------------------------------------------------------------------------
cpu_per_request() { # "9.1 + 30.2 us (97%)": front and back CPU per request, how busy the server cpus were with both
  awk -v hz="$CLK_TCK" -v f="$(cut -d' ' -f1 "$1.cpu")" -v b="$(cut -d' ' -f2 "$1.cpu")" '/ requests in / {
    n = $1; secs = $4; sub(/s,?$/, "", secs)
    printf "%.1f + %.1f us (%d%%)", f / hz * 1e6 / n, b / hz * 1e6 / n, (f + b) / hz / secs * 100 }' "$1"
}
