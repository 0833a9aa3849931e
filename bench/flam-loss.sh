#!/usr/bin/env bash
# Benchmark: peak memory and time of the FLAM frame-wise loss and its gradients for
# K = 160 ... 10240 texts, chunked and unchunked. Usage: bench/flam-loss.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.loss.flam
mvn -B -q -pl "$m" -am test-compile -DskipTests
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
java -Xmx4g -cp "$m/target/classes:$m/target/test-classes:$cp" org.flam.loss.flam.internal.FlamLossMemoryBench "${1:-2}"
