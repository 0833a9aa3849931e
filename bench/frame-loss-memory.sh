#!/usr/bin/env bash
# Benchmark: peak memory and time of the FLAM frame-wise loss terms and their gradients w.r.t.
# the loss inputs for K = 160 ... 10240 texts (B=16, F=32, D=512, float32): the trainer's
# execution-level ChunkedLoss (160 texts per chunk, SPEC 2.4) against the loss built once over
# all K in one graph; also checks that both give the same terms and gradient of e.
# Usage: bench/frame-loss-memory.sh [rounds] [in-graph chunk size of the chunked loss, 0 = default 128]
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.train
mvn -B -q -o -pl "$m" test-compile
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -o -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
# As runtime/flam: glibc keeps freed native memory (the bench trims it before each step).
export OMP_NUM_THREADS=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=268435456
java -Xmx4g -Dorg.bytedeco.openblas.num_threads=1 -cp "$m/target/classes:$m/target/test-classes:$(cat "$cpfile")" \
    org.flam.train.internal.ChunkedLossMemoryBench "${1:-2}" "${2:-0}"
