#!/usr/bin/env python3
"""The org.flam.audio.cnn encoder (ConvAudioEncoder, default configuration) in PyTorch, to
compare training-step time with ND4J. Same layers, shapes and parameter count; the weights are
not the Java ones. Run with Debian's python: /usr/bin/python3 cnn_reference.py [steps]

Layers (B clips, 64 mels, 1001 log-mel frames -> F = 32 frames x H = 256):
  resample 1001 -> 1024 frames (triangle weights, constant), (x + 50) / 50,
  5 stages: conv k2 s2 (64 -> 64, then 128), + residual conv k3 on relu,
  3 context blocks h + conv k3 dil 1, 2, 4 (relu(h)), proj 1x1 (relu) -> 256, layer norm over channels.
"""
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)


def resampling_matrix(mel_frames=1001, hops=1000, out_frames=1024):
    step = hops / out_frames
    half = max(1.0, step)
    t = torch.arange(mel_frames, dtype=torch.float64).unsqueeze(1)
    centre = (torch.arange(out_frames, dtype=torch.float64) + 0.5) * step
    w = torch.clamp(1.0 - (t - centre).abs() / half, min=0.0)
    return (w / w.sum(0, keepdim=True)).float()  # [T, T']


class ConvEncoder(nn.Module):
    def __init__(self, mels=64, frames=32, hops=1000, mel_frames=1001, stem=64, channels=128,
                 context=3, features=256):
        super().__init__()
        self.stages = max(1, round(math.log2(hops / frames)))
        tp = frames << self.stages
        self.register_buffer("resample", resampling_matrix(mel_frames, hops, tp))
        self.down = nn.ModuleList()
        self.res = nn.ModuleList()
        cin = mels
        for i in range(1, self.stages + 1):
            cout = stem if (i == 1 and self.stages > 1) else channels
            self.down.append(nn.Conv1d(cin, cout, 2, stride=2))
            self.res.append(nn.Conv1d(cout, cout, 3, padding=1))
            cin = cout
        self.context = nn.ModuleList(
            [nn.Conv1d(cin, cin, 3, padding=2 ** j, dilation=2 ** j) for j in range(context)])
        self.proj = nn.Conv1d(cin, features, 1)
        self.norm = nn.LayerNorm(features, eps=1e-5)

    def forward(self, x):  # [B, mels, T] in dB
        x = torch.matmul(x, self.resample)  # [B, mels, T']
        x = (x + 50.0) / 50.0
        h = x
        for i, (down, res) in enumerate(zip(self.down, self.res)):
            h = down(h if i == 0 else F.relu(h))
            h = h + res(F.relu(h))
        for conv in self.context:
            h = h + conv(F.relu(h))
        h = self.proj(F.relu(h)).transpose(1, 2)  # [B, F, H]
        return self.norm(h)


def status_kb(key):
    """A /proc/self/status value in KiB (Linux), 0 elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak():
    """Resets VmHWM through /proc/self/clear_refs (as the Java bench does); returns VmRSS."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    return status_kb("VmRSS")


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    torch.manual_seed(0)
    model = ConvEncoder()
    params = sum(p.numel() for p in model.parameters())
    print(f"python cnn encoder: {params} parameters, torch {torch.__version__}, 1 thread")
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for batch in (16, 32):
        x = torch.rand(batch, 64, 1001) * 100 - 100
        y = torch.randn(batch, 32, 256)

        def step():
            opt.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            opt.step()

        for _ in range(3):
            step()
        before = reset_peak()
        times = []
        for _ in range(steps):
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        with torch.no_grad():
            t0 = time.perf_counter()
            model(x)
            fwd = (time.perf_counter() - t0) * 1000
        peak = status_kb("VmHWM")
        print(f"python batch {batch}: train step median {times[len(times) // 2]:.1f} ms, "
              f"mean {sum(times) / len(times):.1f} ms, min {times[0]:.1f} ms; forward only {fwd:.1f} ms; "
              f"peak {(peak - before) / 1024:.0f} MiB above the resident set before the steps")


if __name__ == "__main__":
    main()
