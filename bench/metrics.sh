#!/usr/bin/env bash
# Benchmark: time of each metric of org.flam.metrics (PSDS1 from frame scores, ...) on 100, 1,000
# and 10,000 ten-second files with 10 labels and 32 frames, as ratios to the 100-file time.
# Usage: bench/metrics.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.metrics
mvn -B -q -pl "$m" -am test-compile -DskipTests
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
java -cp "$m/target/classes:$m/target/test-classes:$cp" org.flam.metrics.MetricsBench "${1:-3}"
