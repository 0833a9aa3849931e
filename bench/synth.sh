#!/usr/bin/env bash
# Benchmark: mixtures per second of org.flam.augment.mixture at 32 and 48 kHz, in memory and
# writing files, on synthetic in-memory sounds, as ratios to the 32 kHz in-memory rate.
# Usage: bench/synth.sh [mixtures]
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.augment.mixture
mvn -B -q -pl "$m" -am test-compile -DskipTests
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
java -cp "$m/target/classes:$m/target/test-classes:$cp" org.flam.augment.mixture.internal.MixtureSynthesisBench "${1:-40}"
