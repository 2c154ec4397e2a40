# Shared by bench/load.sh, bench/fastcgi-load.sh and bench/gateway-load.sh; sourced, not run. The
# caller sets ME (its name, the prefix of every message), and before the functions that need them:
# OUT, RUNS, DURATION, WARMUP, CONNS, NICE, WRK_CPUS, LABEL, run_wrk.
# shellcheck shell=bash

LOAD_COMMON_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# --- options ----------------------------------------------------------------------------------
check_numbers() { # value...: each must be a non-negative integer
  local n
  for n in "$@"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "$ME: '$n' is not a number" >&2; exit 2; }
  done
}
check_run_opts() { # -d, -w and -r ranges
  [ "$DURATION" -ge 1 ] && [ "$DURATION" -le 300 ] || { echo "$ME: -d must be 1..300 seconds" >&2; exit 2; }
  [ "$WARMUP" -le 300 ] || { echo "$ME: -w must be 0..300 seconds" >&2; exit 2; }
  [ "$RUNS" -ge 1 ] && [ "$RUNS" -le 9 ] || { echo "$ME: -r must be 1..9" >&2; exit 2; }
}
check_conns() {
  local c
  for c in $CONNS; do [[ "$c" =~ ^[0-9]+$ ]] && [ "$c" -ge 1 ] && [ "$c" -le 1000 ] || { echo "$ME: connections must be 1..1000, got '$c'" >&2; exit 2; }; done
}

# --- environment: ROOT (cwd from here on), JDK, jar, cpus, niceness ----------------------------
setup_env() {
  ROOT=$(cd "$LOAD_COMMON_DIR/../.." && pwd)
  cd "$ROOT"
  # shellcheck source=../../bin/find-java.sh
  . "$ROOT/bin/find-java.sh"
  export JAVA_HOME
  JAVA="$JAVA_HOME/bin/java"
  JAR="$ROOT/bench/target/benchmarks.jar"
  SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms512m -Xmx512m}
  SERVER_CPUS=${SERVER_CPUS:-0}
  WRK_CPUS=${WRK_CPUS:-1}
  if [ "$(id -u)" = 0 ]; then NICE=${NICE:--20}; ROOTUSER=1; else NICE=${NICE:-0}; ROOTUSER=0; fi
  [[ "$NICE" =~ ^-?[0-9]+$ ]] || { echo "$ME: NICE must be a number" >&2; exit 2; }
}

build_jar() { # module...: rebuilds bench/target/benchmarks.jar if any of them changed since
  local stale=0
  if [ ! -f "$JAR" ]; then stale=1
  elif [ -n "$(find pom.xml "$@" -path '*/target' -prune -o -type f -newer "$JAR" -print -quit 2>/dev/null)" ]; then stale=1
  fi
  if [ "$stale" = 1 ]; then
    echo "$ME: building bench/target/benchmarks.jar (./mvnw -pl bench -am package) ..." >&2
    # shellcheck disable=SC2086
    ./mvnw -q -B -pl bench -am package -Dmaven.test.skip=true ${MVN_FLAGS:-} >&2
  fi
}

# --- processes --------------------------------------------------------------------------------
stop_pid() { # name pid: SIGTERM, SIGKILL after 10 s, then reaps it
  local name=$1 pid=$2
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$ME: $name (pid $pid) still running 10 s after SIGTERM: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

port_free() {
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null; then
    echo "$ME: port $1 is already in use (pick another first port with -p)" >&2; exit 1
  fi
}

check_hello() { # name url shown-url: GET must answer "Hello, world!"; headers go to $OUT/name.head
  local body
  body=$(curl -s --max-time 5 "$2") || true
  [ "$body" = "Hello, world!" ] || { echo "$ME: $1 answered '$body' to GET $3, expected 'Hello, world!'" >&2; exit 1; }
  curl -s -o /dev/null -D "$OUT/$1.head" --max-time 5 "$2" || true
}

proc_ticks() { # user + system CPU time of a process, in clock ticks
  sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# --- the run ----------------------------------------------------------------------------------
warn_load() { # sets LOAD_BEFORE
  LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$LOAD_BEFORE" 'BEGIN { exit !(l > 0.5) }'; then
    echo "$ME: warning: load average is $LOAD_BEFORE before the run: other work shares these cores and the numbers will be noisy" >&2
  fi
}

run_all() { # "unit ...": warm-up, then RUNS rounds of run_wrk; sets LOAD_AFTER
  local units=$1 cells=0 c s r
  for _ in $units; do for _ in $CONNS; do cells=$((cells + 1)); done; done
  echo "$ME: $cells cells x ($WARMUP s warm-up + $RUNS x $DURATION s), about $(( cells * (WARMUP + RUNS * DURATION) )) s; output in $OUT" >&2
  for c in $CONNS; do
    for s in $units; do
      if [ "$WARMUP" -gt 0 ]; then run_wrk "$s" "$c" "$WARMUP" "$OUT/warmup-$s-c$c.txt"; fi
    done
  done
  # Rounds interleave the units so slow drift of the machine hits all of them alike.
  for r in $(seq 1 "$RUNS"); do
    for c in $CONNS; do
      for s in $units; do
        run_wrk "$s" "$c" "$DURATION" "$OUT/run$r-$s-c$c.txt"
        echo "$ME: round $r, $s, $c conn: $(sed -n 's/^Requests\/sec: *//p' "$OUT/run$r-$s-c$c.txt") req/s" >&2
      done
    done
  done
  LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
}

# --- report: wrk output -----------------------------------------------------------------------
rps() { sed -n 's/^Requests\/sec: *//p' "$1"; }
pct() { awk -v p="$2" '$1 == p { print $2; exit }' "$1"; }
errors() { # socket errors + non-2xx/3xx of one run
  awk '/Socket errors/ { gsub(/[^0-9 ]/, ""); for (i = 1; i <= NF; i++) n += $i }
       /Non-2xx or 3xx/ { n += $NF } END { print n + 0 }' "$1"
}
median_run() { # unit conns -> file of the run with the median req/s
  for r in $(seq 1 "$RUNS"); do f="$OUT/run$r-$1-c$2.txt"; echo "$(rps "$f") $f"; done \
    | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { print $2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# --- report: tables (cpu_per_request FILE is the caller's) ------------------------------------
declare -A MED
results_table() { # "unit ..." first-column cpu-column: one row per unit; fills MED[unit,conns]
  local units=$1 header="| $2 |" rule="| --- |" line c s r f errs note best
  for c in $CONNS; do
    header="$header req/s, $c conn: median (best) | p50 / p99 latency | $3 |"; rule="$rule ---: | ---: | ---: |"
  done
  echo "$header"; echo "$rule"
  for s in $units; do
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
}
every_run() { # "unit ...": every run's req/s
  local s c r runs
  echo "Every run (req/s):"
  echo
  for s in $1; do
    for c in $CONNS; do
      runs=""; for r in $(seq 1 "$RUNS"); do runs="$runs $(rps "$OUT/run$r-$s-c$c.txt")"; done
      echo "- ${LABEL[$s]}, $c conn:$runs"
    done
  done
}
