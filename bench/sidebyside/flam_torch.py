"""The default FLAM model (org.flam.audio.cnn encoder, org.flam.heads.mlp heads, the
org.flam.loss.softmax and org.flam.loss.flam losses, the trainer's Adam) and the detector of
org.flam.detect, transcribed to PyTorch: a measuring instrument for bench/side-by-side.sh,
not product code. Run with Debian's /usr/bin/python3 (python3-torch 1.13, torchaudio 0.13).

Weights come from the Java side (exported by SideBySideTrain / SideBySideDetect as raw
little-endian float32 files with an index.json) and are mapped BY NAME:

  audio_encoder/input/{gamma,beta}        [mels]             optional per-mel affine
  audio_encoder/stage<i>/down/{W,b}       [2, in, out]       kernel 2, stride 2, no padding
  audio_encoder/stage<i>/res/{W,b}        [3, out, out]      kernel 3, padding 1, residual on relu
  audio_encoder/context<j>/{W,b}          [3, c, c]          kernel 3, dilation 2^(j-1), residual on relu
  audio_encoder/proj/{W,b}                [1, c, H]          1x1 on relu
  audio_encoder/norm/{gamma,beta}         [H]                layer norm over channels, eps 1e-5
  heads/{audio,text,bias,scale}/fc{1,2}/{W,b}   W [in, out], applied as x W + b
  loss_softmax/tau                        []                 InfoNCE log logit scale

SameDiff stores conv1d weights [k, in, out]; PyTorch wants [out, in, k]. Parts marked optional
apply only when their weights are present; any other name is an error that names it.
Fixed parts (no weights): the banded resampling of the log-mel time axis to F 2^n frames
(ConvAudioEncoder.resamplingMatrix) and the input normalisation (x + 50) / 50.
"""
import json
import math
import os
import re

import numpy as np
import torch
import torch.nn.functional as F

ENCODER = "audio_encoder/"
HEADS = "heads/"
TAU = "loss_softmax/tau"
INPUT_OFFSET_DB = 50.0
INPUT_SCALE_DB = 50.0
LN_MAX_SCALE = math.log(100.0)
EXCLUDED = -1e9


# --------------------------------------------------------------------------------------------
# exported arrays

def load_export(directory):
    """index.json's arrays as name -> float32 numpy array, and its meta."""
    with open(os.path.join(directory, "index.json")) as f:
        index = json.load(f)
    arrays = {}
    for name, a in index["arrays"].items():
        arrays[name] = np.fromfile(os.path.join(directory, a["file"]), dtype="<f4").reshape(a["shape"])
    return arrays, index["meta"]


def with_prefix(arrays, prefix):
    return {k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}


# --------------------------------------------------------------------------------------------
# the model, as a dict of named tensors

class Model:
    """Encoder + heads (+ tau) from named weights; `params` maps the Java names to leaf tensors."""

    def __init__(self, weights, spec, need_heads=True, need_tau=False):
        self.spec = spec
        self.params = {}
        self.transposed = set()  # names stored as [out, in, k]
        known = set()
        names = set(weights)

        def take(name, transform=None):
            if name not in weights:
                raise ValueError("the exported weights lack " + name + " (the PyTorch transcription needs it;"
                                 " update bench/sidebyside/flam_torch.py to the new layers)")
            a = weights[name]
            if transform is not None:
                a = transform(a)
            t = torch.tensor(np.ascontiguousarray(a), dtype=torch.float32)
            self.params[name] = t
            if transform is conv:
                self.transposed.add(name)
            known.add(name)
            return t

        def conv(a):  # SameDiff [k, in, out] -> PyTorch [out, in, k]
            if a.ndim != 3:
                raise ValueError(f"conv1d weights must be [k, in, out], got {a.shape}")
            return np.transpose(a, (2, 1, 0))

        # --- encoder
        enc = {n for n in names if n.startswith(ENCODER)}
        self.affine = None
        g, b = ENCODER + "input/gamma", ENCODER + "input/beta"
        if g in enc or b in enc:
            if not (g in enc and b in enc):
                raise ValueError("per-mel input affine needs both " + g + " and " + b)
            self.affine = (take(g), take(b))
        stages = sorted({int(m.group(1)) for n in enc for m in [re.fullmatch(ENCODER + r"stage(\d+)/.*", n)] if m})
        if stages != list(range(1, len(stages) + 1)) or not stages:
            raise ValueError(f"encoder stages must be stage1..stageN, got {stages}")
        self.stages = []
        for i in stages:
            p = f"{ENCODER}stage{i}/"
            down = (take(p + "down/W", conv), take(p + "down/b"))
            res = (take(p + "res/W", conv), take(p + "res/b"))
            if down[0].shape[2] != 2 or res[0].shape[2] != 3:
                raise ValueError(f"stage {i}: expected kernels 2 (down) and 3 (res), got "
                                 f"{down[0].shape[2]} and {res[0].shape[2]}")
            self.stages.append((down, res))
        contexts = sorted({int(m.group(1)) for n in enc for m in [re.fullmatch(ENCODER + r"context(\d+)/.*", n)] if m})
        if contexts != list(range(1, len(contexts) + 1)):
            raise ValueError(f"context blocks must be context1..contextN, got {contexts}")
        self.contexts = []
        for j in contexts:
            p = f"{ENCODER}context{j}/"
            w = take(p + "W", conv)
            if w.shape[2] != 3:
                raise ValueError(f"context {j}: expected kernel 3, got {w.shape[2]}")
            self.contexts.append((w, take(p + "b"), 2 ** (j - 1)))
        self.proj = (take(ENCODER + "proj/W", conv), take(ENCODER + "proj/b"))
        self.norm = (take(ENCODER + "norm/gamma"), take(ENCODER + "norm/beta"))
        self._resampling(len(stages))

        # --- heads
        self.heads = {}
        if need_heads or any(n.startswith(HEADS) for n in names):
            for layer in ("audio/fc1", "audio/fc2", "text/fc1", "text/fc2", "bias/fc1", "bias/fc2",
                          "scale/fc1", "scale/fc2"):
                self.heads[layer] = (take(HEADS + layer + "/W"), take(HEADS + layer + "/b"))
        # --- loss variable
        self.tau = take(TAU) if TAU in names else None
        if need_tau and self.tau is None:
            raise ValueError("the training graph's export has no " + TAU)

        unknown = sorted(names - known)
        if unknown:
            raise ValueError("exported weights the PyTorch transcription does not know: " + ", ".join(unknown)
                             + " (update bench/sidebyside/flam_torch.py to the new layers)")

    def _resampling(self, stages):
        """ConvAudioEncoder.resamplingMatrix and bandedTaps: gather index and weights [width, T']."""
        s = self.spec
        t = s["melFrames"]
        hops = s["samplesPerClip"] // s["hop"]
        f = s["framesPerClip"]
        n = max(1, round(math.log2(hops / f)))
        if n != stages:
            raise ValueError(f"{stages} exported stages, but the spec gives round(log2({hops}/{f})) = {n}")
        tp = f << n
        step = hops / tp
        half = max(1.0, step)
        i = np.arange(t, dtype=np.float64)[:, None]
        centre = (np.arange(tp, dtype=np.float64) + 0.5) * step
        r = np.maximum(0.0, 1.0 - np.abs(i - centre[None, :]) / half)
        r /= r.sum(0, keepdims=True)
        nz = r != 0
        first = nz.argmax(0)
        last = t - 1 - nz[::-1].argmax(0)
        width = int((last - first + 1).max())
        idx = np.zeros((width, tp), dtype=np.int64)
        w = np.zeros((width, tp), dtype=np.float64)
        cols = np.arange(tp)
        for k in range(width):
            rows = first + k
            ok = rows < t
            idx[k] = np.minimum(rows, t - 1)
            w[k] = np.where(ok, r[np.minimum(rows, t - 1), cols], 0.0)
        self.resample_index = torch.tensor(idx.reshape(-1))
        self.resample_weight = torch.tensor(w.reshape(1, 1, width, tp), dtype=torch.float32)
        self.resampled_frames = tp

    def java_layout(self, name, a):
        """A parameter's numpy array in the exported (SameDiff) layout."""
        return np.transpose(a, (2, 1, 0)) if name in self.transposed else a

    def leaves(self):
        return list(self.params.values())

    def requires_grad_(self):
        for p in self.params.values():
            p.requires_grad_(True)
        return self

    # --- encoder
    def encode(self, log_mel):
        """[B, mels, T] dB -> frame features [B, F, H]."""
        b, mels, _ = log_mel.shape
        width = self.resample_weight.shape[2]
        x = log_mel.index_select(2, self.resample_index).view(b, mels, width, self.resampled_frames)
        x = (x * self.resample_weight).sum(2)
        x = (x + INPUT_OFFSET_DB) / INPUT_SCALE_DB
        if self.affine is not None:
            x = x * self.affine[0].view(1, -1, 1) + self.affine[1].view(1, -1, 1)
        h = x
        for i, ((dw, db), (rw, rb)) in enumerate(self.stages):
            h = F.conv1d(h if i == 0 else F.relu(h), dw, db, stride=2)
            h = h + F.conv1d(F.relu(h), rw, rb, padding=1)
        for w, bias, d in self.contexts:
            h = h + F.conv1d(F.relu(h), w, bias, padding=d, dilation=d)
        h = F.conv1d(F.relu(h), *self.proj).transpose(1, 2)  # [B, F, H]
        return F.layer_norm(h, (h.shape[-1],), self.norm[0], self.norm[1], eps=1e-5)

    # --- heads
    def _linear(self, layer, x):
        w, b = self.heads[layer]
        return torch.addmm(b, x, w) if x.dim() == 2 else x @ w + b

    def _mlp(self, kind, x):
        return self._linear(kind + "/fc2", F.relu(self._linear(kind + "/fc1", x)))

    def frame_embeddings(self, h):
        b, f, hs = h.shape
        return normalize(self._mlp("audio", h.reshape(-1, hs))).view(b, f, -1)

    def global_embeddings(self, h):
        return normalize(self._mlp("audio", h.mean(1)))

    def text_outputs(self, u):
        """Text features [K, Ht] -> (embeddings [K, D], scale s [K], bias b [K])."""
        e = normalize(self._mlp("text", u))
        b = self._linear("bias/fc2", F.gelu(self._linear("bias/fc1", u), approximate="tanh")).reshape(-1)
        s = torch.exp(self._linear("scale/fc2", F.gelu(self._linear("scale/fc1", u), approximate="tanh"))
                      .reshape(-1))
        return e, s, b

    def outputs(self, log_mel, text):
        h = self.encode(log_mel)
        e, s, b = self.text_outputs(text)
        return {"frame_embeddings": self.frame_embeddings(h), "global_embeddings": self.global_embeddings(h),
                "text_embeddings": e, "logit_scale": s, "logit_bias": b}


def normalize(x):
    """x / sqrt(sum x^2 + 1e-12) over the last axis (MlpModelHeads.normalize)."""
    return x / torch.sqrt((x * x).sum(-1, keepdim=True) + 1e-12)


# --------------------------------------------------------------------------------------------
# losses (terms already weighted, as the Java losses return them)

def _masked_lse(x, mask, dim):
    shifted = x + (1.0 - mask) * EXCLUDED
    m = shifted.max(dim, keepdim=True).values
    return torch.log(torch.exp(shifted - m).sum(dim, keepdim=True)) + m


def _direction(x, real, positive, dim):
    nll = _masked_lse(x, real, dim) - _masked_lse(x, positive, dim)
    rows = positive.max(dim, keepdim=True).values
    count = torch.clamp(rows.sum(), min=1.0)
    return (nll * rows).sum() / count


def softmax_loss(a, e, tau, clip_mask, text_mask, ownership):
    """SoftmaxLoss: multiple-positive symmetric InfoNCE, t = exp(min(tau, ln 100))."""
    t = torch.exp(torch.clamp(tau, max=LN_MAX_SCALE))
    x = (a @ e.T) * t
    clips = clip_mask.view(-1, 1)
    texts = text_mask.view(1, -1)
    positive = ownership * clips * texts
    return 0.5 * (_direction(x, texts, positive, 1) + _direction(x, clips, positive, 0))


def flam_loss(a, e, s, b, labels, clip_mask, text_mask, lambda_sed=200.0):
    """FrameWiseLogitAdjustedLoss: (lambda_SED L_SED, L_prior); b enters L_SED stop-gradient."""
    bsz, f, d = a.shape
    k = e.shape[0]
    one = torch.ones((), dtype=a.dtype)
    clips = clip_mask.sum()
    pairs = torch.maximum(clips * text_mask.sum(), one)
    logits = (a.reshape(-1, d) @ e.T).view(bsz, f, k) * s + b.detach()
    bce = F.relu(logits) - logits * labels + torch.log1p(torch.exp(-logits.abs()))
    weights = clip_mask.view(-1, 1, 1) * text_mask
    sed = (bce * weights).sum() / (pairs * f) * lambda_sed
    prior = (labels * clip_mask.view(-1, 1, 1)).sum((0, 1)) / torch.maximum(clips * f, one)
    prior_bce = F.softplus(b) - prior * b
    prior_loss = (prior_bce * text_mask).sum() / torch.maximum(text_mask.sum(), one)
    return sed, prior_loss


def train_terms(model, feeds, lambda_sed=200.0):
    """The training graph: model outputs and the terms global, sed, prior (TrainingGraph)."""
    out = model.outputs(feeds["log_mel"], feeds["text_features"])
    glob = softmax_loss(out["global_embeddings"], out["text_embeddings"], model.tau, feeds["clip_mask"],
                        feeds["text_mask"], feeds["ownership"])
    sed, prior = flam_loss(out["frame_embeddings"], out["text_embeddings"], out["logit_scale"], out["logit_bias"],
                           feeds["frame_labels"], feeds["labelled_clip_mask"], feeds["text_mask"], lambda_sed)
    return out, {"global": glob, "sed": sed, "prior": prior}


class Adam:
    """The trainer's Adam (org.flam.train Adam): global-norm clipping, then torch.optim.Adam."""

    def __init__(self, params, rate, beta1, beta2, epsilon, max_gradient_norm):
        self.params = params
        self.max_norm = max_gradient_norm
        self.opt = torch.optim.Adam(params, lr=rate, betas=(beta1, beta2), eps=epsilon, weight_decay=0.0)

    def zero_grad(self):
        self.opt.zero_grad(set_to_none=True)

    def step(self):
        """Clips (g <- g min(1, c / ||g||)), updates; returns the global norm before clipping."""
        grads = [p.grad for p in self.params if p.grad is not None]
        norm = float(torch.sqrt(sum((g.double() * g.double()).sum() for g in grads)))
        if self.max_norm > 0 and norm > self.max_norm:
            for g in grads:
                g.mul_(self.max_norm / norm)
        self.opt.step()
        return norm


# --------------------------------------------------------------------------------------------
# detection (org.flam.detect FlamDetector, Windows; SedPostprocessing.medianFilter)

def windows_plan(samples, clip_samples, frames_per_clip, hop_frames):
    """Windows: (starts, sources [frames, 2] = (window, frame in window))."""
    frame_samples = clip_samples // frames_per_clip
    frames = max(1, -(-samples // frame_samples))
    count = 1 if frames <= frames_per_clip else (frames - frames_per_clip + hop_frames - 1) // hop_frames + 1
    starts = [w * hop_frames * frame_samples for w in range(count)]
    centre = (frames_per_clip - 1) / 2.0
    src = np.zeros((frames, 2), dtype=np.int64)
    for j in range(frames):
        best, best_d = -1, float("inf")
        for w in range(max(0, (j - frames_per_clip) // hop_frames), min(count - 1, j // hop_frames) + 1):
            f = j - w * hop_frames
            if 0 <= f < frames_per_clip and abs(f - centre) < best_d:
                best, best_d = w, abs(f - centre)
        src[j] = (best, j - best * hop_frames)
    return starts, src


def median_filter(values, frames):
    """[K, N] -> [K, N], odd window, scipy 'reflect' edges (d c b a | a b c d | d c b a)."""
    n = values.shape[1]
    half = frames // 2
    idx = np.arange(n)[:, None] + np.arange(-half, half + 1)[None, :]
    m = np.mod(idx, 2 * n)
    idx = np.where(m < n, m, 2 * n - 1 - m)
    return values[:, torch.tensor(idx.reshape(-1))].view(values.shape[0], n, frames).median(-1).values


class Detector:
    """Decode (torchaudio) + resample (torchaudio) + log-mel (torchaudio) + model + calibration."""

    def __init__(self, model, spec, text_features, overlap=0.5, window_batch=16, median=3, resample="matched"):
        import torchaudio
        self.torchaudio = torchaudio
        self.model = model
        self.spec = spec
        self.window_batch = window_batch
        self.median = median
        self.hop_frames = max(1, int(round(spec["framesPerClip"] * (1 - overlap))))
        self.resample_mode = resample
        self.resamplers = {}
        self.mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=spec["sampleRate"], n_fft=spec["window"], win_length=spec["window"], hop_length=spec["hop"],
            f_min=spec["fminHz"], f_max=spec["fmaxHz"], n_mels=spec["mels"], window_fn=torch.hann_window,
            power=2.0, center=True, pad_mode="reflect", norm="slaney", mel_scale="slaney")
        with torch.inference_mode():  # the text cache of FlamDetector: e, s, b once per query
            self.e, self.s, self.b = model.text_outputs(torch.as_tensor(text_features))

    def resampler(self, rate):
        if rate not in self.resamplers:
            to = self.spec["sampleRate"]
            if self.resample_mode == "matched":
                # org.flam.audio.io's filter: Kaiser-windowed sinc, -6 dB at 0.475 f_low
                # (rolloff 0.95), beta 0.1102 (85 - 8.7), 161 input samples each side at 48 kHz
                lower = min(rate, to)
                half = (85 - 7.95) / (2.285 * 2 * math.pi * (0.05 * lower / rate)) / 2  # input samples
                width = half * 0.95 * lower / rate
                r = self.torchaudio.transforms.Resample(rate, to, lowpass_filter_width=width, rolloff=0.95,
                                                        resampling_method="kaiser_window",
                                                        beta=0.1102 * (85 - 8.7))
            else:
                r = self.torchaudio.transforms.Resample(rate, to)
            self.resamplers[rate] = r
        return self.resamplers[rate]

    def decode(self, path):
        wav, rate = self.torchaudio.load(path)
        x = wav.mean(0) if wav.shape[0] > 1 else wav[0]
        if rate != self.spec["sampleRate"]:
            x = self.resampler(rate)(x)
        return x

    def log_mel(self, clips):
        return 10.0 * torch.log10(torch.clamp(self.mel(clips), min=1e-10))

    def probabilities(self, x, log_mel=None):
        """Stitched calibrated probabilities [K, frames] (unbiased) before the median filter."""
        spec = self.spec
        clip = spec["samplesPerClip"]
        f = spec["framesPerClip"]
        starts, src = windows_plan(len(x), clip, f, self.hop_frames)
        per_window = []
        for w0 in range(0, len(starts), self.window_batch):
            w1 = min(len(starts), w0 + self.window_batch)
            if log_mel is None:
                clips = torch.zeros(w1 - w0, clip)
                for w in range(w0, w1):
                    part = x[starts[w]:starts[w] + clip]
                    clips[w - w0, :len(part)] = part
                mel = self.log_mel(clips)
            else:
                mel = log_mel[w0:w1]
            a = self.model.frame_embeddings(self.model.encode(mel))  # [W, F, D]
            cos = (a @ self.e.T).double()  # [W, F, K]
            z = cos * self.s.double() + self.b.double()
            p = torch.sigmoid(z)
            out = p / (p + torch.sigmoid(self.b.double()))
            per_window.append(torch.nan_to_num(out, nan=0.0).clamp(0.0, 1.0).float())
        pw = torch.cat(per_window)  # [windows, F, K]
        return pw[torch.tensor(src[:, 0]), torch.tensor(src[:, 1])].T.contiguous()  # [K, frames]

    def detect(self, x, log_mel=None):
        raw = self.probabilities(x, log_mel)
        return raw, (median_filter(raw, self.median) if self.median > 1 else raw)

    def detect_file(self, path):
        return self.detect(self.decode(path))
