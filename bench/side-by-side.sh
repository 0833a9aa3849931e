#!/usr/bin/env bash
# Benchmark: the project's ND4J/SameDiff code (outside OSGi) against a PyTorch transcription of
# the same model (bench/sidebyside/flam_torch.py, Debian python3-torch), on the same weights and
# inputs, interleaved in one command (ND4J and PyTorch take turns, one call each per round):
#   (a) the whole training step: cnn encoder + mlp heads + InfoNCE + 200 L_SED + L_prior + Adam,
#       B = 16, K = 80 text slots of 384 features (TrainStepBench's seeded batch)
#   (b) the encoder-only training step (MSE against a seeded target + Adam), B = 16
#   (c) the model call (log-mel -> frame embeddings) of MODEL on one 10 s window and on 16
#   (d) decode + resample to 16 kHz + log-mel + model + calibrated probabilities + median filter
#       of CLIP with 5 queries, warm (PyTorch: torchaudio decoding, resampling and log-mel)
# for each thread count; prints medians, ND4J/PyTorch ratios and peak resident memory of each
# side, after checking that both sides give the same outputs (loss terms, per-parameter gradient
# norms, Adam's first update, model outputs, probabilities) within 1e-4. Exit status 1 if a check
# fails. See bench/README.md.
# Usage: bench/side-by-side.sh [options]
#   --threads LIST   thread counts (1,2): OMP_NUM_THREADS and -Dorg.bytedeco.openblas.num_threads
#                    for ND4J, OMP_NUM_THREADS and torch.set_num_threads for PyTorch
#   --steps N        timed training steps per side, figures a and b (10)
#   --calls N        timed model calls per side and batch size, figure c (20)
#   --runs N         timed detections per side, figure d (20)
#   --warmup N       untimed calls per side before each figure (3; c and d: at least N/5)
#   --only LIST      figures to run, e.g. a,c (a,b,c,d)
#   --model DIR      model of figures c and d (models/default)
#   --clip FILE      clip of figure d (examples/battle.wav)
#   --resample M     torchaudio resampler: matched (org.flam.audio.io's Kaiser filter, default)
#                    or default (torchaudio's own defaults, cheaper and less steep)
#   --omp-wait P     OMP_WAIT_POLICY (passive or active) for both sides; default unset
#   --verbose        every check row for every thread count (default: all rows for the first,
#                    failures only for the others)
#   --keep           keep the exported arrays and worker logs (printed path)
# Builds offline (mvn -o, test-compile) the modules whose code it measures, with their test classes.
set -euo pipefail
cd "$(dirname "$0")/.."

only=a,b,c,d
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) shift ;;
  esac
done
want() { [[ ",$only," == *",$1,"* ]]; }

/usr/bin/python3 -c 'import torch, torchaudio, numpy' 2>/dev/null \
  || { echo "bench/side-by-side.sh: /usr/bin/python3 lacks torch, torchaudio or numpy (Debian python3-torch, python3-torchaudio, python3-numpy)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/flam-bench-sbs.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
common=(bundles/org.flam.api bundles/org.flam.api.graph bundles/org.flam.model)
train=("${common[@]}" bundles/org.flam.audio.cnn bundles/org.flam.heads.mlp bundles/org.flam.loss.softmax bundles/org.flam.loss.flam
       bundles/org.flam.train)
detect=("${common[@]}" bundles/org.flam.audio.io bundles/org.flam.audio.frontend bundles/org.flam.metrics bundles/org.flam.text.minilm
        bundles/org.flam.detect)
mods=()
if want a || want b; then mods+=("${train[@]}"); fi
if want c || want d; then mods+=("${detect[@]}"); fi
mods=($(printf '%s\n' "${mods[@]}" | awk '!seen[$0]++'))
[ ${#mods[@]} -gt 0 ] || { echo "bench/side-by-side.sh: nothing to run (--only $only)" >&2; exit 2; }
# One reactor run: modules listed here resolve to each other's target/classes, the rest to ~/.m2.
pl=$(IFS=,; echo "${mods[*]}")
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test \
    "-Dmdep.outputFile=$tmp/\${project.artifactId}.cp" -pl "$pl" >"$tmp/mvn.log" 2>&1 \
  || { cat "$tmp/mvn.log" >&2; echo "bench/side-by-side.sh: mvn -o test-compile -pl $pl failed" >&2; exit 1; }
# A phase's class path: the worker module's classes and test classes, then every listed
# module's own test class path (so each one's optional, inlined dependencies come along:
# TarsosDSP of the front end, the decoders of audio.io, MiniLM's model jar).
classpath() {
  local worker=$1; shift
  local c="$worker/target/classes:$worker/target/test-classes" mod
  for mod in "$@"; do c="$c:$mod/target/classes:$(cat "$tmp/$(basename "$mod").cp")"; done
  echo "$c"
}
cps=()
if want a || want b; then cps+=(--train-cp "$(classpath bundles/org.flam.train "${train[@]}")"); fi
if want c || want d; then cps+=(--detect-cp "$(classpath bundles/org.flam.detect "${detect[@]}")"); fi
exec /usr/bin/python3 -B bench/sidebyside/driver.py "${cps[@]}" "${args[@]}"
