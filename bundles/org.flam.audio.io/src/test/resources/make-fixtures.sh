#!/usr/bin/env bash
# Makes the small encoded fixtures the tests decode (commit the results; the tests do not run
# this). Needs Debian's sox, flac, vorbis-tools and lame:
#   apt-get install -y sox flac vorbis-tools lame
# Every fixture is 0.5 s of pure tones, no dither (-D), so the tests know what to expect:
#   tone-mono-44k.*    44.1 kHz mono:   440 Hz at amplitude 0.5
#   tone-stereo-48k.*  48 kHz stereo:   left 440 Hz, right 660 Hz, each at amplitude 0.8
#                      (the mono mix is both tones at amplitude 0.4)
set -euo pipefail
cd "$(dirname "$0")/org/flam/audio/io"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sox -D -n -r 44100 -c 1 -b 24 "$tmp/mono.wav" synth 0.5 sine 440 vol 0.5
sox -D -n -r 48000 -c 2 -b 16 "$tmp/stereo.wav" synth 0.5 sine 440 sine 660 vol 0.8

# FLAC: lossless, 24-bit mono and 16-bit stereo. sox's sine is not exactly sin(): the test
# compares the decoded mono file against this hash of sox's own samples (raw, 24-bit LE).
sox "$tmp/mono.wav" -t raw - | sha256sum | cut -d' ' -f1 > tone-mono-44k.pcm24.sha256
flac -s -f -8 -o tone-mono-44k.flac "$tmp/mono.wav"
flac -s -f -8 -o tone-stereo-48k.flac "$tmp/stereo.wav"
# Ogg Vorbis, quality 3 (about 112 kbit/s stereo)
oggenc -Q -q 3 -o tone-mono-44k.ogg "$tmp/mono.wav"
oggenc -Q -q 3 -o tone-stereo-48k.ogg "$tmp/stereo.wav"
# MP3 (LAME), constant bit rate, joint stereo off so the channels stay apart
lame --quiet -b 64 "$tmp/mono.wav" tone-mono-44k.mp3
lame --quiet -b 128 -m s "$tmp/stereo.wav" tone-stereo-48k.mp3
ls -l tone-*
