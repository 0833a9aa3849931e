#!/usr/bin/env bash
# Benchmark: training-step time of the default cnn audio encoder (org.flam.audio.cnn: 64 mels x
# 1001 frames -> 32 x 256, dummy MSE loss, Adam) in ND4J/SameDiff and of the same architecture in
# PyTorch (src/test/python/cnn_reference.py, Debian python3-torch), back to back, one thread each;
# prints both and the Java/PyTorch ratio of the median step at batch 16 and 32.
# Usage: bench/cnn-train-step.sh [steps]   (default 10 timed steps after 3 warm-up steps)
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.audio.cnn
steps=${1:-10}
(cd "$m" && mvn -B -q test-compile)
cpfile=$(mktemp)
jout=$(mktemp)
pout=$(mktemp)
trap 'rm -f "$cpfile" "$jout" "$pout"' EXIT
(cd "$m" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile")
export OMP_NUM_THREADS=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=268435456
java -Xmx4g -Dorg.bytedeco.openblas.num_threads=1 -cp "$m/target/classes:$m/target/test-classes:$(cat "$cpfile")" \
    org.flam.audio.cnn.internal.ConvEncoderBench "$steps" 2>/dev/null | grep '^java' | tee "$jout"
/usr/bin/python3 "$m/src/test/python/cnn_reference.py" "$steps" | tee "$pout"
for b in 16 32; do
    j=$(sed -n "s/^java batch $b: train step median \([0-9.]*\) ms.*/\1/p" "$jout")
    p=$(sed -n "s/^python batch $b: train step median \([0-9.]*\) ms.*/\1/p" "$pout")
    awk -v b="$b" -v j="$j" -v p="$p" 'BEGIN { printf "batch %s: java %.1f ms / pytorch %.1f ms = %.2fx\n", b, j, p, j / p }'
done
