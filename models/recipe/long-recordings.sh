#!/usr/bin/env bash
# The long recordings of the zero-shot test set: each is N consecutive 10 s mixtures of a
# `flam synth` directory joined end to end (sox), with their DCASE labels shifted by the
# clip's position, written as a directory `flam eval model --data` reads (audio/ID.wav,
# labels/ID.tsv). Events of neighbouring clips simply follow each other, as in a recording.
#
#   models/recipe/long-recordings.sh SYNTH_DIR OUT_DIR [RECORDINGS [CLIPS_EACH]]   (5 x 6 = 60 s)
set -euo pipefail
src=${1:?usage: long-recordings.sh SYNTH_DIR OUT_DIR [RECORDINGS [CLIPS_EACH]]}
out=${2:?usage: long-recordings.sh SYNTH_DIR OUT_DIR [RECORDINGS [CLIPS_EACH]]}
recordings=${3:-5}
each=${4:-6}
command -v sox >/dev/null || { echo "long-recordings.sh: needs sox (apt-get install sox)" >&2; exit 2; }
clip=$(sed -n 's/.*"clipSeconds": *\([0-9.]*\).*/\1/p' "$src/manifest.json" | head -n 1)
[ -n "$clip" ] || { echo "long-recordings.sh: $src/manifest.json states no clipSeconds" >&2; exit 2; }
mapfile -t clips < <(ls "$src/audio" | grep '\.wav$' | sort)
need=$((recordings * each))
[ "${#clips[@]}" -ge "$need" ] || { echo "long-recordings.sh: $src has ${#clips[@]} clips, $need needed" >&2; exit 2; }
mkdir -p "$out/audio" "$out/labels"
for ((r = 0; r < recordings; r++)); do
  id=$(printf 'long_%02d' "$r")
  files=()
  printf 'filename\tonset\toffset\tevent_label\n' > "$out/labels/$id.tsv"
  for ((k = 0; k < each; k++)); do
    c=${clips[$((r * each + k))]}
    files+=("$src/audio/$c")
    awk -F'\t' -v OFS='\t' -v f="$id.wav" -v s="$(awk -v k="$k" -v d="$clip" 'BEGIN{print k*d}')" \
      'NR > 1 { print f, $2 + s, $3 + s, $4 }' "$src/labels/${c%.wav}.tsv" >> "$out/labels/$id.tsv"
  done
  sox "${files[@]}" "$out/audio/$id.wav"
done
echo "$recordings recordings of $each x $clip s in $out" >&2
