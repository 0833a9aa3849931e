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
  yaru-theme-sound oxygen-sounds deepin-sound-theme espeak-ng
  # added with the second corpus build (bundles/org.flam.data.corpus/README.md, "Packages")
  fluid-soundfont-gm hydrogen-drumkits nexuiz-data asterisk-core-sounds-en-wav warzone2100-data
  openarena-data openarena-081-players openarena-085-data flightgear-data-base trigger-rally-data
  colobot-common-sounds tuxpaint-plugins-default tuxpaint-data neverball-common lomiri-sounds bzflag-data
  sound-icons powermanga-data brainparty-data tuxtype-data frozen-bubble-data extremetuxracer-data
  freeciv-data tuxmath-data gnome-audio pingus-data alienblaster-data chromium-bsu-data openclonk-data
  stormbaancoureur-data lugaru-data btanks-data naev-data enigma-data starfighter-data freedink-data
  freegish-data foobillardplus-data 7kaa-data bucklespring-data hannah-data lbreakout2-data
  moon-lander-data netpanzer-data)
# Applications whose sounds are wanted but whose programs (and their desktop libraries) are not:
# downloaded and unpacked into $staging/.debs/PACKAGE, never installed.
unpacked=(kajongg kgoldrunner kolf granatier kblocks knavalbattle bomber gnome-robots psi-plus-sounds)
tools=(fluidsynth unzip python3)

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
say "installing ${#packages[@]} packages and ${tools[*]} (about 7.5 GB to download, 11 GB on disk; flightgear-data-base alone is 1.3 GB, 0ad-data 1.4 GB)"
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
# hydrogen-drumkits and hydrogen-drumkits-effects share /usr/share/hydrogen/data/drumkits: link
# each package's own kits, so every recording is counted under the package that ships it.
[ -L "$staging/hydrogen-drumkits-effects/drumkits" ] && rm "$staging/hydrogen-drumkits-effects/drumkits"
mkdir -p "$staging/hydrogen-drumkits-effects/drumkits" "$staging/hydrogen-drumkits/drumkits"
link hydrogen-drumkits-effects drumkits/belofilms_GuitarStrums /usr/share/hydrogen/data/drumkits/belofilms_GuitarStrums
dpkg -L hydrogen-drumkits | grep -E '^/usr/share/hydrogen/data/drumkits/[^/]+$' | while IFS= read -r kit; do
  [ -d "$kit" ] && link hydrogen-drumkits "drumkits/$(basename "$kit")" "$kit"
done
link fillets-ng-data fillets-ng $g/fillets-ng
link warmux-data warmux $g/warmux
link sound-theme-freedesktop freedesktop /usr/share/sounds/freedesktop
link yaru-theme-sound Yaru /usr/share/sounds/Yaru
link deepin-sound-theme deepin /usr/share/sounds/deepin
# Oxygen's files lie loose in /usr/share/sounds among other packages' files: link each one.
for f in /usr/share/sounds/Oxygen-*.ogg; do link oxygen-sounds "$(basename "$f")" "$f"; done
# So do GNOME's, and Tux Paint's interface sounds lie beside the plugins' magic/ folder.
dpkg -L gnome-audio | grep -E '\.wav$' | while IFS= read -r f; do link gnome-audio "$(basename "$f")" "$f"; done
for f in /usr/share/tuxpaint/sounds/*.wav; do link tuxpaint-data "$(basename "$f")" "$f"; done
link tuxpaint-plugins-default magic /usr/share/tuxpaint/sounds/magic
link asterisk-core-sounds-en-wav en_US_f_Allison /usr/share/asterisk/sounds/en_US_f_Allison
link flightgear-data-base Sounds $g/flightgear/Sounds
link flightgear-data-base c172p $g/flightgear/Aircraft/c172p/Sounds
link neverball-common snd $g/neverball/snd
link lomiri-sounds lomiri /usr/share/sounds/lomiri
link bzflag-data bzflag $g/bzflag
link sound-icons sound-icons /usr/share/sounds/sound-icons
link powermanga-data sounds $g/powermanga/sounds
link brainparty-data brainparty $g/brainparty
link tuxtype-data sounds /usr/share/tuxtype/sounds
link frozen-bubble-data snd $g/frozen-bubble/snd
link extremetuxracer-data sounds $g/etr/sounds
link freeciv-data stdsounds $g/freeciv/stdsounds
link tuxmath-data sounds /usr/share/tuxmath/sounds
link pingus-data sounds $g/pingus/data/sounds
link alienblaster-data sound $g/alienblaster/sound
link chromium-bsu-data wav $g/chromium-bsu/wav
link stormbaancoureur-data sounds $g/stormbaancoureur/sounds
link lugaru-data Sounds $g/lugaru/Sounds
link btanks-data sounds $g/btanks/data/sounds
link naev-data sounds /usr/share/naev/dat/snd/sounds
link enigma-data soundsets $g/enigma/soundsets
link starfighter-data sound /usr/share/starfighter/sound
link freedink-data Sound $g/dink/dink/Sound
link freegish-data sound $g/freegish/sound
link foobillardplus-data data $g/foobillardplus/data
link 7kaa-data SOUND $g/7kaa/SOUND
link hannah-data sounds $g/hannah/sounds
link lbreakout2-data sounds $g/lbreakout2/sounds
link moon-lander-data sounds $g/moon-lander/sounds
link netpanzer-data sound $g/netpanzer/sound
# Bucklespring's files are named by key scan code (01-0.wav): the folder name is their label.
link bucklespring-data keyboard_typing /usr/share/buckle/wav
# Colobot's files are numbered (sound000.wav ...): named here from the game's sound table
# (src/sound/sound_type.h, enum SoundType), only the entries that say what sounds.
while IFS=: read -r n name; do
  link colobot-common-sounds "$name.wav" "$g/colobot/sounds/sound$n.wav"
done <<'EOF'
000:click
001:explosion_boom
002:explosion
003:jetpack_flying
005:footsteps
006:wheeled_vehicle_engine
007:tank_engine
009:error_beep
012:water_splash
013:underwater_bubbles
014:warning_alarm
021:fire_burning
025:fireball_shot
026:breathing
027:footsteps_in_water
028:swimming
029:radar_beep
031:alarm
035:bee_buzzing
038:earthquake_rumble
039:steam_hiss
044:factory_machinery
046:submarine_engine
052:message_beep
053:metal_impact
059:footsteps_on_a_hard_floor
060:footsteps_on_metal
061:power_up
062:power_down
063:pain_cry
070:drowning
072:temperature_alarm
074:thump
076:lightning_strike
078:phaser_shot
079:gun_impact
EOF

say "unpacking ${#unpacked[@]} application packages for their sounds (not installed)"
mkdir -p "$staging/.debs"
for p in "${unpacked[@]}"; do
  d="$staging/.debs/$p"
  if [ ! -f "$d/.unpacked" ]; then
    rm -rf "$d" && mkdir -p "$d"
    (cd "$staging/.debs" && rm -f "${p}"_*.deb && apt-get download "$p" >/dev/null)
    dpkg-deb -x "$staging/.debs/${p}"_*.deb "$d"
    rm -f "$staging/.debs/${p}"_*.deb
    touch "$d/.unpacked"
  fi
  # Its licence: the unpacked copyright file, staged beside the sounds (flam corpus reads it there).
  link "$p" copyright "$d/usr/share/doc/$p/copyright"
done
u=$staging/.debs
link kajongg voices $u/kajongg/usr/share/kajongg/voices
link kgoldrunner sounds $u/kgoldrunner/usr/share/kgoldrunner/themes/default
link kolf sounds $u/kolf/usr/share/kolf/sounds
link granatier sounds $u/granatier/usr/share/granatier/sounds
link kblocks sounds $u/kblocks/usr/share/kblocks/sounds
link knavalbattle sounds $u/knavalbattle/usr/share/knavalbattle/sounds
link bomber sounds $u/bomber/usr/share/bomber/sounds
link gnome-robots sounds $u/gnome-robots/usr/share/gnome-robots/sounds
link psi-plus-sounds sound $u/psi-plus-sounds/usr/share/psi-plus/sound

# extract PACKAGE ARCHIVE FOLDER PATTERN: unzip PATTERN from the zip ARCHIVE (pk3, wz, zip) into
# $staging/PACKAGE/FOLDER once (again only when the archive is newer than the last extraction).
extract() {
  local dest="$staging/$1/$3"
  if [ ! -f "$2" ]; then echo "warning: $2 missing, $1 stages less" >&2; return; fi
  if [ ! -f "$dest/.extracted" ] || [ "$2" -nt "$dest/.extracted" ]; then
    rm -rf "$dest" && mkdir -p "$dest"
    unzip -q -o "$2" "$4" -d "$dest"
    touch "$dest/.extracted"
  fi
}
say "extracting sounds from game archives (nexuiz, warzone2100, openarena, trigger-rally)"
extract nexuiz-data $g/nexuiz/data/data.pk3 data 'sound/*'
extract warzone2100-data $g/warzone2100/base.wz base 'audio/*'
extract openarena-data $g/openarena/baseoa/pak0.pk3 pak0 'sound/*'
extract openarena-data $g/openarena/baseoa/pak2-players.pk3 pak2-players 'sound/*'
extract openarena-data $g/openarena/baseoa/pak6-patch085.pk3 pak6-patch085 'sound/*'
extract trigger-rally-data $g/trigger-rally/data.zip data 'sounds/*'

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

say "openclonk-data: unpacking Sound.ocg (a C4Group archive)"
oc=$g/openclonk/Sound.ocg
if [ ! -f "$staging/openclonk-data/.extracted" ] || [ "$oc" -nt "$staging/openclonk-data/.extracted" ]; then
  rm -rf "$staging/openclonk-data" && mkdir -p "$staging/openclonk-data"
  python3 - "$oc" "$staging/openclonk-data/Sound" <<'PY'
# C4Group (OpenClonk's archive): gzip with its magic bytes changed to 1e 8c; inside, a 204-byte
# header scrambled by XOR 0xED and swapping every byte triple's first and third bytes
# ("RedWolf Design GrpFolder", versions, entry count at 36), then 316-byte entries (name[260],
# packed, child-group flag, size, reserved, offset relative to the end of the entry table);
# a child group has the same layout at its offset.
import gzip, os, struct, sys
def unscramble(b):
    b = bytearray(x ^ 0xED for x in b)
    for i in range(0, len(b) - 2, 3):
        b[i], b[i + 2] = b[i + 2], b[i]
    return bytes(b)
def walk(x, base, out):
    h = unscramble(x[base:base + 204])
    if not h.startswith(b'RedWolf Design GrpFolder'):
        sys.exit('not a C4Group at offset %d' % base)
    n = struct.unpack('<i', h[36:40])[0]
    data = base + 204 + n * 316
    for k in range(n):
        e = x[base + 204 + k * 316:base + 204 + (k + 1) * 316]
        name = e[:260].split(b'\0')[0].decode('latin-1')
        _, child, size, _, offset = struct.unpack('<iiiii', e[260:280])
        if child:
            walk(x, data + offset, os.path.join(out, os.path.splitext(name)[0]))
        elif name.lower().endswith(('.ogg', '.wav')):
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, name), 'wb') as f:
                f.write(x[data + offset:data + offset + size])
walk(gzip.decompress(b'\x1f\x8b' + open(sys.argv[1], 'rb').read()[2:]), 0, sys.argv[2])
PY
  touch "$staging/openclonk-data/.extracted"
else
  echo "already extracted" >&2
fi

say "fluid-soundfont-gm: rendering General MIDI instruments and drums with fluidsynth"
mkdir -p "$staging/fluid-soundfont-gm"
python3 - "$staging/fluid-soundfont-gm" /usr/share/sounds/sf2/FluidR3_GM.sf2 <<'PY'
# Programs that name real instruments, each as a held note and as a short phrase in two
# registers; GM percussion keys (channel 10) as single hits at two velocities and as a short
# pattern. The file name is the caption; p<program>, k<key> and v<variant> are dropped by the
# labeller (a letter and digits). Rendered files are reused.
import os, struct, subprocess, sys
out, sf2 = sys.argv[1], sys.argv[2]
programs = [  # program (0-based), low pitch, caption
    (0, 48, 'a piano playing'), (4, 48, 'an electric piano playing'), (6, 48, 'a harpsichord playing'),
    (8, 60, 'a celesta playing'), (9, 72, 'a glockenspiel playing'), (10, 72, 'a music box playing'),
    (11, 60, 'a vibraphone playing'), (12, 60, 'a marimba playing'), (13, 72, 'a xylophone playing'),
    (14, 60, 'tubular bells ringing'), (16, 48, 'an organ playing'), (19, 48, 'a church organ playing'),
    (21, 55, 'an accordion playing'), (22, 60, 'a harmonica playing'), (24, 48, 'an acoustic guitar playing'),
    (25, 48, 'an acoustic guitar playing'), (26, 48, 'an electric guitar playing'),
    (32, 36, 'a double bass playing'), (33, 36, 'a bass guitar playing'), (40, 60, 'a violin playing'),
    (41, 55, 'a viola playing'), (42, 43, 'a cello playing'), (43, 36, 'a double bass playing'),
    (45, 55, 'pizzicato strings playing'), (46, 55, 'a harp playing'), (47, 43, 'a timpani drum playing'),
    (48, 55, 'a string ensemble playing'), (52, 55, 'a choir singing'), (56, 60, 'a trumpet playing'),
    (57, 48, 'a trombone playing'), (58, 36, 'a tuba playing'), (60, 48, 'a french horn playing'),
    (65, 55, 'a saxophone playing'), (66, 48, 'a saxophone playing'), (68, 60, 'an oboe playing'),
    (70, 43, 'a bassoon playing'), (71, 55, 'a clarinet playing'), (72, 79, 'a piccolo playing'),
    (73, 67, 'a flute playing'), (74, 67, 'a recorder playing'), (75, 67, 'a pan flute playing'),
    (78, 72, 'a person whistling'), (79, 67, 'an ocarina playing'), (104, 55, 'a sitar playing'),
    (105, 55, 'a banjo playing'), (107, 60, 'a koto playing'), (108, 60, 'a kalimba playing'),
    (109, 55, 'bagpipes playing'), (110, 60, 'a fiddle playing'), (114, 60, 'steel drums playing'),
    (116, 43, 'a taiko drum playing')]
drums = [  # key, caption
    (35, 'a bass drum hit'), (36, 'a bass drum hit'), (37, 'a drum rim click'), (38, 'a snare drum hit'),
    (40, 'a snare drum hit'), (39, 'a hand clap'), (41, 'a tom drum hit'), (45, 'a tom drum hit'),
    (48, 'a tom drum hit'), (42, 'a closed hihat'), (44, 'a pedal hihat'), (46, 'an open hihat'),
    (49, 'a crash cymbal hit'), (57, 'a crash cymbal hit'), (51, 'a ride cymbal hit'),
    (52, 'a china cymbal hit'), (55, 'a splash cymbal hit'), (54, 'a tambourine shaking'),
    (56, 'a cowbell hit'), (60, 'a bongo drum hit'), (61, 'a bongo drum hit'), (63, 'a conga drum hit'),
    (64, 'a conga drum hit'), (65, 'a timbale hit'), (67, 'an agogo bell'), (69, 'a cabasa shaking'),
    (70, 'maracas shaking'), (73, 'a guiro scraping'), (75, 'claves clicking'), (76, 'a wood block hit'),
    (77, 'a wood block hit'), (81, 'a triangle ringing')]
def vlq(n):
    b = [n & 0x7F]
    while n > 0x7F:
        n >>= 7; b.insert(0, (n & 0x7F) | 0x80)
    return bytes(b)
def note(ch, pitch, vel, ticks, delay=0):
    return [(delay, 0x90 | ch, pitch, vel), (ticks, 0x80 | ch, pitch, 0)]
def render(name, events):
    """events: (delta ticks, status, data1, data2), 960 ticks per second; a second of tail."""
    wav = os.path.join(out, name + '.wav')
    if os.path.exists(wav):
        return
    track = b''.join(vlq(d) + bytes([st, a]) + (bytes([b]) if st & 0xF0 != 0xC0 else b'')
                     for d, st, a, b in events) + vlq(960) + b'\xff\x2f\x00'
    mid = wav[:-4] + '.mid'
    with open(mid, 'wb') as f:
        f.write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480) + b'MTrk' + struct.pack('>I', len(track)) + track)
    r = subprocess.run(['fluidsynth', '-ni', '-q', '-g', '0.8', '-r', '44100', '-F', wav + '.part', '-T', 'wav',
                        sf2, mid], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'fluidsynth failed on {name}: {r.stderr}')
    os.replace(wav + '.part', wav)
    os.remove(mid)
n = 0
for program, low, caption in programs:
    stem = caption.replace(' ', '_') + f'_p{program}'
    render(stem + '_v1', [(0, 0xC0, program, 0)] + note(0, low + 12, 100, 1440))
    for v, base in ((2, low), (3, low + 12)):
        phrase = [(0, 0xC0, program, 0)]
        for i, step in enumerate((0, 4, 7, 12, 7)):
            phrase += note(0, base + step, 90 + 5 * (i % 2), 420)
        render(stem + f'_v{v}', phrase)
    n += 3
for key, caption in drums:
    stem = caption.replace(' ', '_') + f'_k{key}'
    render(stem + '_v1', note(9, key, 110, 240))
    render(stem + '_v2', note(9, key, 70, 240))
    pattern = []
    for i in range(4):
        pattern += note(9, key, 100 - 10 * (i % 2), 120, 0 if i == 0 else 120)
    render(stem + '_v3', pattern)
    n += 3
print(f'{n} instrument and drum clips rendered or present', file=sys.stderr)
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
