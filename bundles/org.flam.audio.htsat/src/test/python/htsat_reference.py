#!/usr/bin/python3
"""Reference numbers for org.flam.audio.htsat, from an independent PyTorch transcription of
LAION-CLAP's HTSAT (src/laion_clap/clap_module/htsat.py, HTSAT_Swin_Transformer with
enable_fusion=False, eval mode: no dropout, drop-path, SpecAugment or mixup).

Run with Debian's PyTorch:  /usr/bin/python3 src/test/python/htsat_reference.py
It writes two test resources:
  htsat-tiny-parameters.txt  parameter counts of HTSAT-tiny per group and its output shape
  htsat-reduced.txt          a reduced configuration in float64: every parameter (Java layout
                             and names), the bn0 running statistics, an input and the output
"""
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'resources', 'org', 'flam', 'audio', 'htsat', 'internal')


def layer_norm(dim):
    return nn.LayerNorm(dim, eps=1e-5)


class Attention(nn.Module):
    """Multi-head self-attention inside a window with a relative position bias table."""

    def __init__(self, dim, window, heads):
        super().__init__()
        self.window, self.heads = window, heads
        self.scale = (dim // heads) ** -0.5
        self.relative_position_bias_table = nn.Parameter(torch.zeros((2 * window - 1) ** 2, heads))
        ys, xs = torch.meshgrid(torch.arange(window), torch.arange(window), indexing='ij')
        pos = torch.stack([ys.flatten(), xs.flatten()])            # 2, N
        rel = pos[:, :, None] - pos[:, None, :] + (window - 1)     # 2, N, N in [0, 2w-2]
        self.register_buffer('index', rel[0] * (2 * window - 1) + rel[1])
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, mask):
        nb, n, c = x.shape
        q, k, v = self.qkv(x).reshape(nb, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        a = (q * self.scale) @ k.transpose(-2, -1)
        a = a + self.relative_position_bias_table[self.index.reshape(-1)].reshape(n, n, -1).permute(2, 0, 1)
        if mask is not None:
            nw = mask.shape[0]
            a = (a.reshape(nb // nw, nw, self.heads, n, n) + mask[None, :, None]).reshape(nb, self.heads, n, n)
        a = a.softmax(-1)
        return self.proj((a @ v).transpose(1, 2).reshape(nb, n, c))


def windows_of(x, w):
    b, h, wd, c = x.shape
    return x.reshape(b, h // w, w, wd // w, w, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, w * w, c)


def image_of(win, w, h, wd):
    c = win.shape[-1]
    b = win.shape[0] // ((h // w) * (wd // w))
    return win.reshape(b, h // w, wd // w, w, w, c).permute(0, 1, 3, 2, 4, 5).reshape(b, h, wd, c)


class Block(nn.Module):
    def __init__(self, dim, res, heads, window, shift, mlp_ratio):
        super().__init__()
        self.res = res
        if min(res) <= window:          # as the reference: one window covers the map, no shift
            window, shift = min(res), 0
        self.window, self.shift = window, shift
        self.norm1 = layer_norm(dim)
        self.attn = Attention(dim, window, heads)
        self.norm2 = layer_norm(dim)
        hidden = int(dim * mlp_ratio)
        self.mlp = nn.Sequential()
        self.mlp.fc1 = nn.Linear(dim, hidden)
        self.mlp.act = nn.GELU()
        self.mlp.fc2 = nn.Linear(hidden, dim)
        mask = None
        if shift > 0:
            h, wd = res
            region = torch.zeros(1, h, wd, 1)
            bands = [(0, -window), (-window, -shift), (-shift, None)]
            label = 0
            for hs in bands:
                for ws in bands:
                    region[:, slice(*hs), slice(*ws), :] = label
                    label += 1
            r = windows_of(region, window).squeeze(-1)          # nW, N
            diff = r[:, None, :] - r[:, :, None]
            mask = torch.where(diff != 0, torch.tensor(-100.0), torch.tensor(0.0))
        self.register_buffer('attn_mask', mask)

    def forward(self, x):
        h, wd = self.res
        b, l, c = x.shape
        y = self.norm1(x).reshape(b, h, wd, c)
        if self.shift:
            y = torch.roll(y, (-self.shift, -self.shift), (1, 2))
        y = image_of(self.attn(windows_of(y, self.window), self.attn_mask), self.window, h, wd)
        if self.shift:
            y = torch.roll(y, (self.shift, self.shift), (1, 2))
        x = x + y.reshape(b, l, c)
        return x + self.mlp(self.norm2(x))


class Merge(nn.Module):
    def __init__(self, res, dim):
        super().__init__()
        self.res = res
        self.norm = layer_norm(4 * dim)
        self.reduction = nn.Linear(4 * dim, 2 * dim, bias=False)

    def forward(self, x):
        h, wd = self.res
        b, l, c = x.shape
        x = x.reshape(b, h, wd, c)
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], -1)
        return self.reduction(self.norm(x.reshape(b, -1, 4 * c)))


class Stage(nn.Module):
    def __init__(self, dim, res, depth, heads, window, mlp_ratio, merge):
        super().__init__()
        self.blocks = nn.ModuleList([Block(dim, res, heads, window, 0 if i % 2 == 0 else window // 2, mlp_ratio)
                                     for i in range(depth)])
        self.downsample = Merge(res, dim) if merge else None

    def forward(self, x):
        for blk in self.blocks:
            x = blk(x)
        return self.downsample(x) if self.downsample is not None else x


class Htsat(nn.Module):
    def __init__(self, mels=64, image=256, patch=4, embed=96, depths=(2, 2, 6, 2), heads=(4, 8, 16, 32),
                 window=8, mlp_ratio=4.0, classes=527):
        super().__init__()
        self.image, self.patch = image, patch
        self.freq_ratio = image // mels
        self.bn0 = nn.BatchNorm2d(mels)
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(1, embed, patch, stride=patch)
        self.patch_embed.norm = layer_norm(embed)
        grid = image // patch
        self.layers = nn.ModuleList()
        for i, (d, nh) in enumerate(zip(depths, heads)):
            self.layers.append(Stage(embed * 2 ** i, (grid >> i, grid >> i), d, nh, window, mlp_ratio,
                                     i < len(depths) - 1))
        self.features = embed * 2 ** (len(depths) - 1)
        self.norm = layer_norm(self.features)
        sf = image // 2 ** (len(depths) - 1) // patch // self.freq_ratio
        # classification head of the reference (tscam_conv, head): counted, not used by FLAM
        self.tscam_conv = nn.Conv2d(self.features, classes, (sf, 3), padding=(0, 1))
        self.head = nn.Linear(classes, classes)

    def forward(self, logmel):
        """logmel [B, mels, T] -> frame features [B, frames, features]"""
        x = self.bn0(logmel.transpose(1, 2)[:, None].transpose(1, 3)).transpose(1, 3)   # B 1 T F
        r = self.freq_ratio
        target_t, target_f = self.image * r, self.image // r
        if x.shape[2] < target_t:
            x = F.interpolate(x, (target_t, x.shape[3]), mode='bicubic', align_corners=True)
        assert x.shape[3] == target_f
        x = x.permute(0, 1, 3, 2).reshape(x.shape[0], 1, target_f, r, target_t // r)
        x = x.permute(0, 1, 3, 2, 4).reshape(x.shape[0], 1, self.image, target_t // r)
        x = self.patch_embed.proj(x).flatten(2).transpose(1, 2)
        x = self.patch_embed.norm(x)
        for layer in self.layers:
            x = layer(x)
        x = self.norm(x)
        b, n, c = x.shape
        s = self.image // 2 ** (len(self.layers) - 1) // self.patch
        x = x.permute(0, 2, 1).reshape(b, c, s, s)
        cfb = s // r
        x = x.reshape(b, c, r, cfb, s).permute(0, 1, 3, 2, 4).reshape(b, c, cfb, -1)
        return x.mean(2).permute(0, 2, 1)    # 'fine_grained_embedding' before its 32x repeat


def groups(model):
    out = {}
    for name, p in model.named_parameters():
        g = name.split('.')[0]
        out[g] = out.get(g, 0) + p.numel()
    return out


def java_name(name):
    return 'audio_encoder/' + name.replace('.', '/')


def java_layout(name, p):
    if name == 'patch_embed.proj.weight':                       # [E, 1, p, p] -> [p*p, E]
        return p.reshape(p.shape[0], -1).t()
    if p.dim() == 2 and not name.endswith('relative_position_bias_table'):
        return p.t()                                            # Linear [out, in] -> [in, out]
    return p


def write(f, name, t):
    t = t.detach().double().contiguous()
    shape = 'scalar' if t.dim() == 0 else ','.join(str(s) for s in t.shape)
    f.write(name + ' ' + shape + ' ' + ' '.join(repr(v) for v in t.reshape(-1).tolist()) + '\n')


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    tiny = Htsat().eval()
    g = groups(tiny)
    # torchlibrosa's frozen front end is a parameter of the reference module too (FLAM computes
    # log-mel outside the encoder): STFT as two Conv1d(1, 513, 1024, bias=False), mel matrix [513, 64]
    frontend = 2 * 513 * 1024 + 513 * 64
    with torch.no_grad():
        y = tiny(torch.randn(1, 64, 1001) * 20 - 40)
    total = sum(g.values())
    head = g['tscam_conv'] + g['head']
    print('HTSAT-tiny parameters by group:', g)
    print('total', total, 'encoder (without tscam_conv, head)', total - head, 'output', tuple(y.shape))
    with open(os.path.join(OUT, 'htsat-tiny-parameters.txt'), 'w') as f:
        f.write('# written by src/test/python/htsat_reference.py (PyTorch %s)\n' % torch.__version__)
        f.write('# parameters of HTSAT_Swin_Transformer (HTSAT-tiny, no fusion) by top-level module\n')
        for k, v in g.items():
            f.write('%s %d\n' % (k, v))
        f.write('frontend_frozen %d\n' % frontend)
        f.write('total %d\n' % total)
        f.write('output_shape %s\n' % ','.join(str(s) for s in y.shape))

    # reduced configuration in float64: 8 mels x 26 frames -> 16x16 image (freq ratio 2),
    # patch 2, embed 8, depths [2, 1], heads [1, 2], window 4 (block 2 of stage 1 shifted)
    torch.manual_seed(1)
    red = Htsat(mels=8, image=16, patch=2, embed=8, depths=(2, 1), heads=(1, 2), window=4, classes=3).double().eval()
    with torch.no_grad():
        for name, p in red.named_parameters():
            if name.endswith('norm.weight') or name.endswith('norm1.weight') or name.endswith('norm2.weight') \
                    or name == 'bn0.weight':
                p.copy_(1 + 0.2 * torch.randn_like(p))
            else:
                p.copy_(0.3 * torch.randn_like(p))
        red.bn0.running_mean.copy_(-40 + 5 * torch.randn(8, dtype=torch.float64))
        red.bn0.running_var.copy_(200 + 50 * torch.rand(8, dtype=torch.float64))
        x = -40 + 15 * torch.randn(2, 8, 26, dtype=torch.float64)
        y = red(x)
    print('reduced output', tuple(y.shape))
    with open(os.path.join(OUT, 'htsat-reduced.txt'), 'w') as f:
        f.write('# written by src/test/python/htsat_reference.py (PyTorch %s), float64\n' % torch.__version__)
        for name, p in red.named_parameters():
            if name.split('.')[0] in ('tscam_conv', 'head'):
                continue
            write(f, java_name(name), java_layout(name, p))
        write(f, 'audio_encoder/bn0/running_mean', red.bn0.running_mean)
        write(f, 'audio_encoder/bn0/running_var', red.bn0.running_var)
        write(f, 'input', x)
        write(f, 'output', y)


if __name__ == '__main__':
    sys.exit(main())
