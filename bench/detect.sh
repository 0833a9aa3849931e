#!/usr/bin/env bash
# Benchmark: detection with a model directory, four figures, each against a baseline measured in
# the same run (the machine is shared and noisy: compare ratios).
#   1. warm latency, in one JVM (model loaded, text cache warm): one 10 s clip, 5 queries,
#      median and p90 over RUNS runs after warm-up; baselines: the log-mel front end of the
#      clip and one graph call on one window, interleaved with the detections
#   2. throughput on a long 16 kHz recording (noise with tone bursts, generated under /tmp):
#      seconds to decode and to detect 5 queries over it, real-time factor
#   3. command to first answer: a fresh JVM running `flam detect examples/battle.wav` with
#      5 queries, wall time until the table is printed and until the process ends; cold (empty
#      user.home: ND4J natives unpacked, MiniLM model copied) and with those caches in place;
#      baseline: `java -version`
#   4. flam serve under load: CLIENTS closed-loop clients on loopback for SECONDS posting
#      examples/battle.wav with 5 queries; requests/s, p50/p99 latency, 503s (queue full,
#      expected) apart from errors, peak RSS (VmHWM) of the server; baseline: one request alone
# Usage: bench/detect.sh [options] [MODEL_DIR]     (MODEL_DIR defaults to models/default)
#   --runs N          warm detections measured (30)
#   --minutes M       length of the recording of figure 2 (60)
#   --cold-runs N     launches per kind in figure 3 (3)
#   --clients C       concurrent clients in figure 4 (50)
#   --seconds S       duration of the load in figure 4 (60)
#   --max-requests N  request budget of the load (100000)
#   --backoff-ms MS   a client's pause after a 503 before its next request (100; 0: none)
#   --port P          port of the server (18090)
#   --only LIST       figures to run, e.g. 1,2 (1,2,3,4)
# Builds offline (mvn -o): the detection bundle's test classes, and the assemblies if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=30 minutes=60 cold_runs=3 clients=50 seconds=60 max_requests=100000 backoff_ms=100 port=18090 only=1,2,3,4
model=models/default
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --cold-runs) cold_runs=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --max-requests) max_requests=$2; shift 2 ;;
    --backoff-ms) backoff_ms=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/detect.sh: unknown option $1" >&2; exit 2 ;;
    *) model=$1; shift ;;
  esac
done
[ -f "$model/model.json" ] || { echo "bench/detect.sh: no model at $model (model.json missing)" >&2; exit 1; }
model=$(cd "$model" && pwd -P)
want() { [[ ",$only," == *",$1,"* ]]; }

clip=examples/battle.wav
queries=("mine metal" "male death" "a dog barks" "glass shatters" "footsteps on gravel") # as DetectBench.QUERIES
# As runtime/flam: glibc keeps freed native memory (ND4J allocates per op).
export MALLOC_MMAP_MAX_=${MALLOC_MMAP_MAX_:-0} MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-1073741824} \
       MALLOC_TOP_PAD_=${MALLOC_TOP_PAD_:-268435456}

tmp=$(mktemp -d /tmp/flam-bench-detect.XXXXXX)
server=
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "NA" || b == 0) print "NA"; else printf "%.1f", a/b }'; }

# --- build (offline) ------------------------------------------------------------------------
m=bundles/org.flam.detect t=bundles/org.flam.text.minilm
# quiet offline Maven; its log is shown only when it fails
mvnq() { mvn -B -q -o "$@" >"$tmp/mvn.log" 2>&1 || { cat "$tmp/mvn.log" >&2; echo "bench/detect.sh: mvn -o $* failed" >&2; exit 1; }; }
cp=
if want 1 || want 2 || want 4; then
  mvnq -pl "$m,$t" -am test-compile -DskipTests
  mvnq -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp-detect"
  mvnq -pl "$t" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp-minilm"
  cp="$m/target/classes:$m/target/test-classes:$t/target/classes:$(cat "$tmp/cp-detect"):$(cat "$tmp/cp-minilm")"
fi
if want 3 && [ ! -f features/detect/target/detect.jar ]; then
  mvnq -DskipTests install -pl features/detect -am
fi
if want 4 && [ ! -f features/serve/target/serve.jar ]; then
  mvnq -DskipTests install -pl features/serve -am
fi

echo "bench/detect.sh on $(hostname), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); model $model"

# --- 1 and 2: in one JVM --------------------------------------------------------------------
if want 1 || want 2; then
  long=
  if want 2; then
    long="$tmp/recording-${minutes}min.wav"
    java -cp "$cp" org.flam.detect.internal.DetectBench wav "$long" "$minutes" >"$tmp/wav.log" 2>&1 \
      || { cat "$tmp/wav.log" >&2; exit 1; }
  fi
  java -Xmx6g -cp "$cp" org.flam.detect.internal.DetectBench run "$model" "$clip" "$runs" $long 2>"$tmp/bench.err" \
    || { echo "DetectBench failed:" >&2; tail -30 "$tmp/bench.err" >&2; exit 1; }
  rm -f "$long"
fi

# --- 3: command to first answer -------------------------------------------------------------
# One launch of the detection assembly as runtime/flam execs it (without the launcher's
# staleness check, which would rebuild when a source is newer than the jar). Prints
# "first_line_ms exit_ms rows".
launch() {
  local home=$1 s first e
  s=$(ms)
  first=$( (env -u XDG_CACHE_HOME java -Duser.home="$home" -Dflam.home="$root" -jar features/detect/target/detect.jar \
              detect "$clip" --model "$model" "${qargs[@]}" 2>"$tmp/cold.err") \
           | { if IFS= read -r line; then ms; printf '%s\n' "$line" >"$tmp/cold.out"; cat >>"$tmp/cold.out"; else echo NA; fi; })
  e=$(ms)
  if [ "$first" = NA ] || ! grep -q . "$tmp/cold.out"; then
    echo "flam detect gave no answer:" >&2; tail -20 "$tmp/cold.err" >&2; exit 1
  fi
  echo "$((first - s)) $((e - s)) $(($(wc -l <"$tmp/cold.out") - 1))"
}
if want 3; then
  qargs=(); for q in "${queries[@]}"; do qargs+=(--query "$q"); done
  jv=(); cold=(); warm=()
  for i in $(seq "$cold_runs"); do
    s=$(ms); java -version 2>/dev/null; e=$(ms); jv+=($((e - s)))
    home="$tmp/home$i"; mkdir -p "$home"
    r=$(launch "$home") || exit 1; cold+=("$r")
    r=$(launch "$home") || exit 1; warm+=("$r")
    rm -rf "$home"
  done
  col() { local n=$1; shift; printf '%s\n' "$@" | awk -v n="$n" '{print $n}' | median; }
  base=$(printf '%s\n' "${jv[@]}" | median)
  echo "3. command to first answer: java -jar features/detect/target/detect.jar detect $clip --model MODEL + 5 queries,"
  echo "   median of $cold_runs fresh JVMs each; the table has $(col 3 "${warm[@]}") event rows; baseline java -version: $base ms"
  row3() {
    local label=$1; shift
    local v; v=$(col 1 "$@"); printf '  %-52s table printed %6s ms (%5s x java -version)\n' "$label" "$v" "$(ratio "$v" "$base")"
    v=$(col 2 "$@"); printf '  %-52s process ended %6s ms (%5s x java -version)\n' "" "$v" "$(ratio "$v" "$base")"
  }
  row3 "cold (empty user.home: natives unpacked, MiniLM copied)" "${cold[@]}"
  row3 "fresh JVM, caches in place" "${warm[@]}"
fi

# --- 4: the server --------------------------------------------------------------------------
if want 4; then
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "bench/detect.sh: port $port is in use; choose another with --port" >&2; exit 1
  fi
  # flam serve loads models/default under flam.home: a home whose models/default is MODEL
  mkdir -p "$tmp/flamhome/models"
  ln -s "$model" "$tmp/flamhome/models/default"
  url="http://127.0.0.1:$port"
  s=$(ms)
  java -Dflam.home="$tmp/flamhome" -jar features/serve/target/serve.jar serve --port "$port" >"$tmp/serve.out" 2>&1 &
  server=$!
  code=
  for _ in $(seq 600); do
    code=$(curl -s -o "$tmp/health.json" -w '%{http_code}' "$url/api/health" || true)
    [ "$code" = 200 ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.2
  done
  if [ "$code" != 200 ]; then
    echo "flam serve did not become healthy (last status ${code:-none}):" >&2; tail -20 "$tmp/serve.out" >&2; exit 1
  fi
  healthy=$(ms)
  qs=$(for q in "${queries[@]}"; do printf '&query=%s' "$(sed 's/ /%20/g' <<<"$q")"; done)
  one() { curl -s -o "$tmp/one.json" -w '%{http_code} %{time_total}\n' -H 'Content-Type: audio/wav' \
            --data-binary @"$clip" "$url/api/detect?filename=battle.wav$qs"; }
  read -r c1 t1 < <(one)
  [ "$c1" = 200 ] || { echo "first request failed ($c1): $(cat "$tmp/one.json")" >&2; exit 1; }
  alone=()
  for _ in 1 2 3 4 5; do read -r c tt < <(one); [ "$c" = 200 ] && alone+=("$(awk -v t="$tt" 'BEGIN{printf "%.0f", t*1000}')"); done
  base=$(printf '%s\n' "${alone[@]}" | median)
  rss_idle=$(awk '/VmRSS/{print $2}' "/proc/$server/status")
  limits=$(curl -s "$url/api/health" | sed -n 's/.*"maxConcurrentDetections" *: *\([0-9]*\).*"maxQueuedDetections" *: *\([0-9]*\).*/\1 workers, queue \2/p')
  echo "4. flam serve (serve.jar, $limits), MODEL as models/default, loopback port $port:"
  printf '  start to healthy %s ms; first request (loads the model) %.0f ms; one request alone: median %s ms of 5\n' \
    "$((healthy - s))" "$(awk -v t="$t1" 'BEGIN{print t*1000}')" "$base"
  java -cp "$cp" org.flam.detect.internal.DetectLoad "$url" "$clip" "$clients" "$seconds" "$max_requests" "$backoff_ms" \
    "${queries[@]}" | tee "$tmp/load.out"
  p50=$(sed -n 's/.*latency of 200s *p50 *\([0-9]*\) ms.*/\1/p' "$tmp/load.out")
  [ -n "$p50" ] && printf '  p50 under load / one request alone: %s x\n' "$(ratio "$p50" "$base")"
  hwm=$(awk '/VmHWM/{print $2}' "/proc/$server/status")
  printf '  server RSS: %s MiB after the first requests, peak (VmHWM) %s MiB\n' "$((rss_idle / 1024))" "$((hwm / 1024))"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
fi
