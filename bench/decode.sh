#!/usr/bin/env bash
# Benchmark: decode throughput of org.flam.audio.io per format (WAV PCM16 = baseline, WAV
# float, FLAC, Ogg Vorbis, MP3), at the native rate and resampled to 16 kHz, in one JVM.
# The inputs are 30 s of 48 kHz stereo pink noise, encoded here with sox, flac, oggenc and
# lame (Debian: apt-get install sox flac vorbis-tools lame). Usage: bench/decode.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
m=bundles/org.flam.audio.io
for tool in sox flac oggenc lame; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install sox flac vorbis-tools lame" >&2; exit 1; }
done
mvn -B -q -pl "$m" -am test-compile -DskipTests
cpfile=$(mktemp)
data=$(mktemp -d)
trap 'rm -rf "$cpfile" "$data"' EXIT
mvn -B -q -pl "$m" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
sox -D -n -r 48000 -c 2 -b 16 "$data/pcm16.wav" synth 30 pinknoise vol 0.3
sox -D "$data/pcm16.wav" -e floating-point -b 32 "$data/float32.wav"
flac -s -5 -o "$data/noise.flac" "$data/pcm16.wav"
oggenc -Q -q 3 -o "$data/noise.ogg" "$data/pcm16.wav"
lame --quiet -b 128 "$data/pcm16.wav" "$data/noise.mp3"
java -cp "$m/target/classes:$m/target/test-classes:$cp" org.flam.audio.io.internal.DecodeBench "${1:-5}" \
  "$data/pcm16.wav" "$data/float32.wav" "$data/noise.flac" "$data/noise.ogg" "$data/noise.mp3"
