#!/usr/bin/env bash
# Benchmark: MiniLM model load to first features, the library's loader vs org.flam.text.minilm,
# alternating in one JVM. Usage: bench/minilm-load.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.text.minilm
mvn -B -q -pl "$m" -am test-compile -DskipTests
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
java -cp "$m/target/classes:$m/target/test-classes:$cp" org.flam.text.minilm.internal.MiniLmLoadBench "${1:-5}"
