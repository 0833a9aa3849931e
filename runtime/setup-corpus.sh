#!/usr/bin/env bash
# Installs the Debian packages the training corpus is made of, stages their sounds in one
# folder per package, and builds the corpus index with `flam corpus`.
#
#   runtime/setup-corpus.sh [STAGING [OUT]]
#     STAGING  where sounds are linked or extracted (default ~/.cache/flam/corpus-src)
#     OUT      where corpus.tsv is written          (default ~/.cache/flam/corpus)
#
# Needs root for apt-get (run as root, or it uses sudo). Re-runnable: installed packages are
# kept, extracted files are reused, links are remade, the index is rewritten atomically.
# Reserved for independent evaluation, never installed here: openttd-opensfx, scorched3d-data,
# sonic-pi-samples, supertuxkart-data (bundles/org.flam.data.corpus/README.md says why).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
staging=${1:-$HOME/.cache/flam/corpus-src}
out=${2:-$HOME/.cache/flam/corpus}
say() { printf '\n== %s\n' "$*" >&2; }

packages=(tuxpaint-stamps-default 0ad-data hedgewars-data megaglest-data widelands-data redeclipse-data
  wesnoth-1.16-data supertux-data lincity-ng-data torcs-data gcompris-qt-data lmms-common
  hydrogen-drumkits-effects fillets-ng-data warmux-data fluid-soundfont-gs sound-theme-freedesktop
  yaru-theme-sound oxygen-sounds deepin-sound-theme espeak-ng)
tools=(fluidsynth unzip python3)

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
say "installing ${#packages[@]} packages and ${tools[*]} (about 4.4 GB to download, 7 GB on disk; 0ad-data alone is 1.4 GB)"
# Another apt-get may hold the dpkg lock: wait for it rather than fail.
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y \
  --no-install-recommends "${packages[@]}" "${tools[@]}"

mkdir -p "$staging" "$out"
# link PACKAGE NAME TARGET: $staging/PACKAGE/NAME -> TARGET (remade on every run).
link() {
  mkdir -p "$staging/$1"
  if [ ! -e "$3" ]; then echo "warning: $3 missing, $1 stages less" >&2; return; fi
  ln -sfn "$3" "$staging/$1/$2"
}
say "linking installed sounds into $staging"
g=/usr/share/games
link tuxpaint-stamps-default stamps /usr/share/tuxpaint/stamps
link hedgewars-data sounds $g/hedgewars/Data/Sounds
link megaglest-data megaglest $g/megaglest
link widelands-data data $g/widelands/data
link redeclipse-data sounds $g/redeclipse/data/sounds
link wesnoth-1.16-data sounds $g/wesnoth/1.16/data/core/sounds
link supertux-data supertux2 $g/supertux2
link lincity-ng-data sounds $g/lincity-ng/sounds
link torcs-data sound $g/torcs/data/sound
link lmms-common samples /usr/share/lmms/samples
link hydrogen-drumkits-effects drumkits /usr/share/hydrogen/data/drumkits
link fillets-ng-data fillets-ng $g/fillets-ng
link warmux-data warmux $g/warmux
link sound-theme-freedesktop freedesktop /usr/share/sounds/freedesktop
link yaru-theme-sound Yaru /usr/share/sounds/Yaru
link deepin-sound-theme deepin /usr/share/sounds/deepin
# Oxygen's files lie loose in /usr/share/sounds among other packages' files: link each one.
for f in /usr/share/sounds/Oxygen-*.ogg; do link oxygen-sounds "$(basename "$f")" "$f"; done

say "0ad-data: extracting audio/ from public.zip"
zip=$g/0ad/mods/public/public.zip
if [ ! -f "$staging/0ad-data/.extracted" ] || [ "$zip" -nt "$staging/0ad-data/.extracted" ]; then
  rm -rf "$staging/0ad-data" && mkdir -p "$staging/0ad-data"
  unzip -q -o "$zip" 'audio/*' -d "$staging/0ad-data"
  touch "$staging/0ad-data/.extracted"
else
  echo "already extracted" >&2
fi

say "gcompris-qt-data: extracting sounds from the Qt resource (.rcc) files"
mkdir -p "$staging/gcompris-qt-data"
python3 - "$staging/gcompris-qt-data" /usr/share/gcompris-qt/rcc/*.rcc <<'PY'
# Qt resource files (rcc, format versions 1-3): a header "qres", version, then offsets of the
# tree, data and names. Tree nodes: name offset, flags (2 = folder, 1 = zlib, 4 = zstd), then
# child count and first child index (folders) or locale and data offset (files). Only
# recordings are written; compressed entries are qCompress'd (4-byte length + zlib).
import os, struct, sys, zlib
out, files = sys.argv[1], sys.argv[2:]
AUDIO = ('.ogg', '.oga', '.wav', '.mp3', '.flac')
written = 0
for rcc in files:
    d = open(rcc, 'rb').read()
    if d[:4] != b'qres':
        print(f'{rcc}: not a Qt resource file, skipped', file=sys.stderr); continue
    version, tree, data, names = struct.unpack('>IIII', d[4:20])
    node_size = 14 if version == 1 else 22
    def name(off):
        n = struct.unpack('>H', d[names + off:names + off + 2])[0]
        return d[names + off + 6:names + off + 6 + 2 * n].decode('utf-16-be')
    def walk(index, prefix):
        global written
        p = tree + index * node_size
        name_off, flags = struct.unpack('>IH', d[p:p + 6])
        path = prefix + '/' + name(name_off) if index else ''
        if flags & 2:
            count, first = struct.unpack('>II', d[p + 6:p + 14])
            for c in range(count):
                walk(first + c, path)
            return
        if not path.lower().endswith(AUDIO):
            return
        target = os.path.join(out, path.lstrip('/'))
        if os.path.exists(target):
            return
        off = data + struct.unpack('>I', d[p + 10:p + 14])[0]
        size = struct.unpack('>I', d[off:off + 4])[0]
        blob = d[off + 4:off + 4 + size]
        if flags & 4:
            print(f'{rcc}:{path}: zstd-compressed, skipped', file=sys.stderr); return
        if flags & 1:
            blob = zlib.decompress(blob[4:])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target + '.part', 'wb') as f:
            f.write(blob)
        os.replace(target + '.part', target)
        written += 1
    walk(0, '')
print(f'{written} new recordings extracted', file=sys.stderr)
PY

say "fluid-soundfont-gs: rendering the GS sound-effect presets with fluidsynth"
mkdir -p "$staging/fluid-soundfont-gs"
python3 - "$staging/fluid-soundfont-gs" /usr/share/sounds/sf2/FluidR3_GS.sf2 <<'PY'
# One standard MIDI file per effect: GS bank select (CC 0), program change, one note held for
# the given seconds, then rendered by fluidsynth. Scenes are held 12 s: backgrounds.
import os, struct, subprocess, sys
out, sf2 = sys.argv[1], sys.argv[2]
effects = [  # bank, program, seconds, file name (= caption words)
    (1, 120, 1, 'guitar_fret_noise'), (2, 120, 1, 'string_slap'), (1, 121, 1, 'flute_key_click'),
    (1, 122, 12, 'rain_ambience'), (2, 122, 12, 'thunder_storm_ambience'), (3, 122, 12, 'wind_ambience'),
    (4, 122, 12, 'stream_river_ambience'), (5, 122, 3, 'water_bubbles'), (1, 123, 2, 'dog_barking'),
    (2, 123, 3, 'horse_gallop'), (3, 123, 3, 'bird_chirping'), (1, 124, 3, 'telephone_ringing'),
    (2, 124, 3, 'door_creaking'), (3, 124, 1, 'door_slam'), (4, 124, 2, 'record_scratch'),
    (5, 124, 4, 'wind_chimes'), (1, 125, 4, 'car_engine'), (2, 125, 3, 'car_braking_stop'),
    (3, 125, 3, 'car_passing_by'), (4, 125, 3, 'car_crash'), (5, 125, 4, 'siren_wailing'),
    (6, 125, 4, 'train_passing'), (7, 125, 4, 'jet_plane_flying'), (8, 125, 4, 'starship_engine'),
    (1, 126, 3, 'people_laughing'), (2, 126, 3, 'person_screaming'), (3, 126, 1, 'punch_hit'),
    (4, 126, 3, 'heart_beat'), (5, 126, 4, 'footsteps_walking'), (1, 127, 3, 'machine_gun_firing'),
    (2, 127, 2, 'laser_gun_shot'), (3, 127, 3, 'explosion_blast')]
def vlq(n):
    b = [n & 0x7F]
    while n > 0x7F:
        n >>= 7; b.insert(0, (n & 0x7F) | 0x80)
    return bytes(b)
for bank, program, seconds, name in effects:
    for pitch in (60, 67):
        wav = os.path.join(out, f'{name}_{pitch}.wav')
        if os.path.exists(wav):
            continue
        ticks = seconds * 960  # 480 ticks per beat at 120 bpm: 960 per second
        track = (b'\x00\xb0\x00' + bytes([bank]) + b'\x00\xb0\x20\x00' + b'\x00\xc0' + bytes([program])
                 + b'\x00\x90' + bytes([pitch, 110]) + vlq(ticks) + b'\x80' + bytes([pitch, 0])
                 + vlq(960) + b'\xff\x2f\x00')
        mid = wav[:-4] + '.mid'
        with open(mid, 'wb') as f:
            f.write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480) + b'MTrk' + struct.pack('>I', len(track)) + track)
        # Its warnings about the 15 unused channels (no bank 0 preset in a GS add-on font)
        # are noise: shown only when rendering fails.
        r = subprocess.run(['fluidsynth', '-ni', '-q', '-g', '0.8', '-r', '44100', '-o', 'synth.midi-bank-select=gs',
                            '-F', wav + '.part', '-T', 'wav', sf2, mid], capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f'fluidsynth failed on {name}: {r.stderr}')
        os.replace(wav + '.part', wav)
        os.remove(mid)
print(f'{len(effects) * 2} effects rendered or present', file=sys.stderr)
PY

say "espeak-ng: synthesizing labelled speech"
mkdir -p "$staging/espeak-ng"
speak() { # VOICE CAPTION N TEXT
  local wav="$staging/espeak-ng/${2// /_}_$3.wav"
  [ -f "$wav" ] || { espeak-ng -v "$1" -w "$wav.part" "$4" && mv "$wav.part" "$wav"; }
}
i=0
for line in "en|english|The weather today is cloudy with a little rain in the afternoon." \
    "en|english|Please close the door when you leave the room." \
    "en|english|The train to the city leaves at half past eight." \
    "de|german|Das Wetter ist heute schön und die Sonne scheint." \
    "de|german|Der Zug fährt um acht Uhr vom Bahnhof ab." \
    "fr|french|Il fait beau aujourd'hui et le soleil brille." \
    "fr|french|Le train part de la gare à huit heures." \
    "es|spanish|Hoy hace buen tiempo y el sol brilla." \
    "es|spanish|El tren sale de la estación a las ocho." \
    "it|italian|Oggi il tempo è bello e il sole splende." \
    "nl|dutch|Vandaag is het mooi weer en de zon schijnt."; do
  IFS='|' read -r v lang text <<<"$line"
  i=$((i + 1))
  speak "$v+m3" "a man speaking $lang" "$i" "$text"
  speak "$v+f3" "a woman speaking $lang" "$i" "$text"
done

say "building the corpus index"
# flam corpus runs in the data assembly (built on first use)
"$(dirname "$(readlink -f "$0")")/flam" corpus --out "$out/corpus.tsv" --from "$staging" | tee "$out/summary.txt"
