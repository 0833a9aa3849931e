#!/usr/bin/python3
"""Writes the reference log-mel spectrograms and filterbank the Java tests compare against.

Run with Debian's Python (the packages python3-torchaudio, python3-numpy), from this bundle:

    /usr/bin/python3 src/test/python/make_reference.py

Generated with torch 1.13.0a0 and torchaudio 0.13.1 (Debian 12 bookworm packages); the
script prints the versions it ran with into reference.tsv.

Transform, per parameter set (SPEC section 1 for the reference set):

    torchaudio.transforms.MelSpectrogram(sample_rate=SR, n_fft=N, win_length=N, hop_length=H,
        f_min=FMIN, f_max=FMAX, n_mels=M, window_fn=torch.hann_window (periodic),
        center=True, pad_mode="reflect", power=2.0, norm="slaney", mel_scale="slaney")
    then 10 * log10(clamp(x, min=1e-10))

all in float64: the default dtype is set to float64 before the transform is built, so the
window and the filterbank are computed in float64 too (melscale_fbanks uses torch.linspace
with the default dtype; building in float32 and converting afterwards would keep float32
rounding in the filterbank).

Inputs are defined by formulas the Java test (ReferenceSignals) evaluates the same way:
each is computed in float64, then rounded to float32 (the front end takes float[]), and that
float32 signal, widened back to float64, is what the transform sees. The formulas:

    sine1k  : 0.5 sin(2 pi 1000 n / SR)                          n = 0 .. len-1
    chirp   : 0.5 sin(2 pi (F0 t + (F1 - F0) t^2 / (2 T))),      t = n / SR, T = len / SR,
              F0 = 50 Hz, F1 = 0.45 SR (linear sweep almost to Nyquist)
    clicks  : 1.0 where n % 4800 == 100, else 0 (exact zeros give floor values, -100 dB)
    noise   : 32-bit LCG s <- (1664525 s + 1013904223) mod 2^32, s0 = 12345, sample
              = 0.5 (s / 2^32 * 2 - 1), taking s after each update (exact integer arithmetic)

Files, under src/test/resources/org/flam/audio/frontend/ (all little-endian float32,
row-major, no header; shapes are listed in reference.tsv):

    <set>_<signal>.f32   log-mel in dB, [mels][frames]
    fbank_ref48k.f32     torchaudio.functional.melscale_fbanks of the 48 kHz set, [n_freqs][mels]
                         (n_freqs = n_fft/2 + 1, the layout torchaudio returns)
    reference.tsv        one line per file: file, set, signal, samples, rows, cols, parameters

float32 storage rounds each dB value by at most 2^-24 relative (< 1e-5 dB for |x| < 100 dB),
far inside the tolerances the tests state.

The script also prints how far torchaudio's own float32 computation lies from this float64
reference, the yardstick for the Java tolerance (the Java FFT is float32 too).
"""
import math
import os
import sys

import numpy as np
import torch
import torchaudio

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "flam", "audio", "frontend")

# name: (sample rate Hz, n_fft = window samples, hop samples, mels, f_min Hz, f_max Hz)
SETS = {
    "ref48k": (48000, 1024, 480, 64, 50.0, 14000.0),   # SPEC section 1 (LAION-CLAP / HTSAT)
    "htsat32k": (32000, 1024, 320, 64, 50.0, 14000.0),  # HTSAT's original 32 kHz front end
    "whisper16k": (16000, 400, 160, 80, 0.0, 8000.0),   # 16 kHz, 25 ms window (not a power of 2)
}

# (set, signal, samples): lengths give 51 frames; 24001 is not a multiple of the hop
CASES = [
    ("ref48k", "sine1k", 24000),
    ("ref48k", "chirp", 24000),
    ("ref48k", "clicks", 24000),
    ("ref48k", "noise", 24001),
    ("htsat32k", "chirp", 16000),
    ("whisper16k", "chirp", 8000),
]


def signal(name, sr, length):
    n = np.arange(length, dtype=np.float64)
    if name == "sine1k":
        x = 0.5 * np.sin(2 * math.pi * 1000.0 * n / sr)
    elif name == "chirp":
        f0, f1, t, big_t = 50.0, 0.45 * sr, n / sr, length / sr
        x = 0.5 * np.sin(2 * math.pi * (f0 * t + (f1 - f0) * t * t / (2 * big_t)))
    elif name == "clicks":
        x = np.where(n % 4800 == 100, 1.0, 0.0)
    elif name == "noise":
        x = np.empty(length)
        s = 12345
        for i in range(length):
            s = (1664525 * s + 1013904223) % (1 << 32)
            x[i] = 0.5 * (s / 2.0 ** 32 * 2 - 1)
    else:
        raise ValueError(name)
    return x.astype(np.float32).astype(np.float64)


def transform(sr, n_fft, hop, mels, f_min, f_max, dtype):
    return torchaudio.transforms.MelSpectrogram(
        sample_rate=sr, n_fft=n_fft, win_length=n_fft, hop_length=hop, f_min=f_min, f_max=f_max,
        n_mels=mels, window_fn=torch.hann_window, center=True, pad_mode="reflect", power=2.0,
        norm="slaney", mel_scale="slaney").to(dtype)


def log_mel(x, params, dtype):
    power = transform(*params, dtype)(torch.from_numpy(x).to(dtype))
    return (10 * torch.log10(torch.clamp(power, min=1e-10))).to(torch.float64).numpy()


def write(name, array):
    array.astype("<f4").tofile(os.path.join(OUT, name))


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ["# file\tset\tsignal\tsamples\trows\tcols\tparameters (sr, n_fft, hop, mels, f_min, f_max)",
             f"# torch {torch.__version__}, torchaudio {torchaudio.__version__}, python {sys.version.split()[0]}"]
    for set_name, sig, length in CASES:
        params = SETS[set_name]
        x = signal(sig, params[0], length)
        ref = log_mel(x, params, torch.float64)
        f32 = log_mel(x.astype(np.float32), params, torch.float32)
        print(f"{set_name} {sig}: shape {ref.shape}, range [{ref.min():.2f}, {ref.max():.2f}] dB, "
              f"torchaudio float32 vs float64: max |diff| {np.abs(f32 - ref).max():.2e} dB")
        file = f"{set_name}_{sig}.f32"
        write(file, ref)
        lines.append(f"{file}\t{set_name}\t{sig}\t{length}\t{ref.shape[0]}\t{ref.shape[1]}\t{params}")
    sr, n_fft, _, mels, f_min, f_max = SETS["ref48k"]
    fb = torchaudio.functional.melscale_fbanks(n_fft // 2 + 1, f_min, f_max, mels, sr, norm="slaney",
                                               mel_scale="slaney").numpy()
    write("fbank_ref48k.f32", fb)
    lines.append(f"fbank_ref48k.f32\tref48k\tmelscale_fbanks\t-\t{fb.shape[0]}\t{fb.shape[1]}\t{SETS['ref48k']}")
    with open(os.path.join(OUT, "reference.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
