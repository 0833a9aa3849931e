#!/usr/bin/env bash
# Benchmark: launch to ready of the detection assembly, cold and warm, against a bare JVM
# start measured in the same run (the machine is shared and noisy: compare ratios).
#   cold: a fresh HOME, so `info` unpacks ND4J's natives (~400 MB) and `embed` copies the
#         MiniLM model (90 MB) first
#   warm: the same commands again with those caches in place
# "ready" is when `flam <command>` has its command bound (every bundle started, the
# assembly configured); "done" is when `flam embed` has computed MiniLM features.
# Usage: bench/startup.sh [runs]   (builds the assembly first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=features/detect/target/detect.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install -pl features/detect -am
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'class Hello { public static void main(String[] a) { } }\n' > "$tmp/Hello.java"
javac -d "$tmp" "$tmp/Hello.java"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# one launch: prints "ready done total" in ms (done only for embed)
launch() {
  local home=$1; shift
  local s e out
  s=$(ms)
  # Java takes its home from the password database, not $HOME: set user.home itself
  out=$(env -u XDG_CACHE_HOME java -Duser.home="$home" -Dflam.timing=true -jar "$jar" "$@" 2>&1 >/dev/null)
  e=$(ms)
  local ready done
  ready=$(sed -n 's/.*ready: .* at \([0-9]*\) ms/\1/p' <<<"$out")
  done=$(sed -n "s/.*command '[a-z]*' done at \([0-9]*\) ms/\1/p" <<<"$out")
  echo "${ready:-NA} ${done:-NA} $((e - s))"
}

jvm=(); cold_info=(); cold_embed=(); warm_info=(); warm_embed=()
for i in $(seq "$runs"); do
  s=$(ms); java -cp "$tmp" Hello; e=$(ms); jvm+=($((e - s)))
  # info initialises ND4J (unpacks its natives when cold); embed loads MiniLM (copies the model)
  home="$tmp/home$i"; mkdir -p "$home"
  cold_info+=("$(launch "$home" info)")
  cold_embed+=("$(launch "$home" embed "dog barking")")
  warm_info+=("$(launch "$home" info)")
  warm_embed+=("$(launch "$home" embed "dog barking")")
  rm -rf "$home"
done

col() { local n=$1; shift; printf '%s\n' "$@" | awk -v n="$n" '{print $n}' | median; }
base=$(printf '%s\n' "${jvm[@]}" | median)
report() {
  local name=$1 col_n=$2; shift 2
  local v; v=$(col "$col_n" "$@")
  printf '  %-40s %6s ms  (%5.1f x bare JVM)\n' "$name" "$v" "$(awk -v a="$v" -v b="$base" 'BEGIN{print a/b}')"
}
echo "detection assembly start-up, median of $runs runs; bare JVM start: $base ms"
report "cold: ready (info)" 1 "${cold_info[@]}"
report "cold: process total (info)" 3 "${cold_info[@]}"
report "cold: first MiniLM features (embed)" 2 "${cold_embed[@]}"
report "cold: process total (embed)" 3 "${cold_embed[@]}"
report "warm: ready (info)" 1 "${warm_info[@]}"
report "warm: process total (info)" 3 "${warm_info[@]}"
report "warm: ready (embed)" 1 "${warm_embed[@]}"
report "warm: first MiniLM features" 2 "${warm_embed[@]}"
report "warm: process total (embed)" 3 "${warm_embed[@]}"
