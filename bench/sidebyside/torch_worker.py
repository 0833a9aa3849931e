#!/usr/bin/python3
"""The PyTorch side of bench/side-by-side.sh: a worker the driver steers line by line on
standard input, so that ND4J and PyTorch take turns (A B A B). Each answer is one line
`@@ JSON` on standard output. Not product code.

Usage: torch_worker.py THREADS   (OMP_NUM_THREADS is set by the driver; torch.set_num_threads here)

Commands:
  train DIR                  load DIR/index.json (SideBySideTrain export); check; answer the check rows
  detect DIR CLIP RESAMPLE   load the SideBySideDetect export; check; RESAMPLE = matched | default
  a N | b N | c1 N | c16 N | d N    N timed runs of a figure: {"ms": [...]}
  quit
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import flam_torch as ft  # noqa: E402

TOL = 1e-4
ADAM_TOL = 1e-3


def answer(obj):
    sys.stdout.write("@@ " + json.dumps(obj) + "\n")
    sys.stdout.flush()


def row(what, java, torch_value, gate=True, kind="abs", tol=TOL, worst=None):
    """A check row: scalars compare |d| <= tol max(1, |java|); arrays max |d| <= tol."""
    j = np.asarray(java, dtype=np.float64)
    t = np.asarray(torch_value, dtype=np.float64)
    if j.shape != t.shape:
        return {"what": what, "pass": False, "gate": gate, "note": f"shapes {j.shape} vs {t.shape}"}
    d = np.abs(j - t)
    max_abs = float(d.max()) if d.size else 0.0
    scale = float(np.abs(j).max()) if j.size else 0.0
    if kind == "scalar":
        ok = bool(np.all(d <= tol * np.maximum(1.0, np.abs(j))))
    else:
        ok = max_abs <= tol
    r = {"what": what, "max_abs": max_abs, "max_rel": max_abs / scale if scale > 0 else 0.0,
         "tol": tol, "pass": ok, "gate": gate}
    if worst:
        r["worst"] = worst
    return r


def tensors(arrays, prefix):
    return {k: torch.tensor(v) for k, v in ft.with_prefix(arrays, prefix).items()}


class Worker:
    def __init__(self):
        self.figures = {}

    # ---------------------------------------------------------------------------------------
    def train(self, directory):
        arrays, meta = ft.load_export(directory)
        spec = meta["spec"]
        feeds = tensors(arrays, "feed/")
        target = feeds.pop("target")
        adam = meta["adam"]
        rows = []

        # (a) the whole step
        model = ft.Model(ft.with_prefix(arrays, "param/"), spec, need_heads=True, need_tau=True).requires_grad_()
        names = list(model.params)
        opt = ft.Adam(model.leaves(), adam["rate"], adam["beta1"], adam["beta2"], adam["epsilon"],
                      adam["max_gradient_norm"])
        before = {n: p.detach().clone() for n, p in model.params.items()}
        opt.zero_grad()
        out, terms = ft.train_terms(model, feeds, meta["lambda_sed"])
        sum(terms.values()).backward()
        for term in ("global", "sed", "prior"):
            rows.append(row(f"(a) loss term {term}", meta["terms"][term], float(terms[term]), kind="scalar"))
        for o in meta["outputs"]:
            rows.append(row(f"(a) output {o}", arrays["out/" + o], out[o].detach().numpy()))
        rows.append(self._norms("(a) gradient norms", meta["grad_norms"], model.params))
        norm = opt.step()
        rows.append(row("(a) global gradient norm", meta["global_grad_norm"], norm, kind="scalar"))
        rows.append(self._adam("(a) Adam step 1", arrays, "after/", before, model, adam["rate"]))
        feeds_a = feeds

        def step_a():
            opt.zero_grad()
            _, t = ft.train_terms(model, feeds_a, meta["lambda_sed"])
            sum(t.values()).backward()
            opt.step()
        self.figures["a"] = step_a

        # (b) the encoder alone
        enc = ft.Model(ft.with_prefix(arrays, "encoder_param/"), spec, need_heads=False).requires_grad_()
        enc_opt = ft.Adam(enc.leaves(), adam["rate"], adam["beta1"], adam["beta2"], adam["epsilon"],
                          adam["max_gradient_norm"])
        enc_before = {n: p.detach().clone() for n, p in enc.params.items()}
        x = feeds["log_mel"]
        enc_opt.zero_grad()
        h = enc.encode(x)
        mse = ((h - target) ** 2).mean()
        mse.backward()
        rows.append(row("(b) encoder output", arrays["encoder_out/audio_encoder/frames"], h.detach().numpy()))
        rows.append(row("(b) loss mse", meta["encoder_mse"], float(mse), kind="scalar"))
        rows.append(self._norms("(b) gradient norms", meta["encoder_grad_norms"], enc.params))
        norm = enc_opt.step()
        rows.append(row("(b) global gradient norm", meta["encoder_global_grad_norm"], norm, kind="scalar"))
        rows.append(self._adam("(b) Adam step 1", arrays, "encoder_after/", enc_before, enc, adam["rate"]))

        def step_b():
            enc_opt.zero_grad()
            ((enc.encode(x) - target) ** 2).mean().backward()
            enc_opt.step()
        self.figures["b"] = step_b
        return {"rows": rows, "parameters": sum(p.numel() for p in model.leaves()),
                "encoder_parameters": sum(p.numel() for p in enc.leaves()), "names": len(names)}

    @staticmethod
    def _norms(what, java, params):
        missing = sorted(set(params) - set(java))
        if missing:  # a parameter that got no gradient on the Java side
            return {"what": what, "pass": False, "gate": True, "note": "no Java gradient for " + ", ".join(missing)}
        j = np.array([java[n] for n in params])
        t = np.array([float(params[n].grad.norm()) if params[n].grad is not None else 0.0 for n in params])
        rel = np.abs(j - t) / np.maximum(np.abs(j), 1e-30)
        worst = list(params)[int(rel.argmax())]
        r = row(f"{what} ({len(j)} parameters)", j, t, kind="scalar", worst=worst)
        r["max_rel"] = float(rel.max())  # per parameter, not against the largest norm
        return r

    @staticmethod
    def _adam(what, arrays, prefix, before, model, rate):
        """Updates theta_1 - theta_0 of both sides, in units of the rate (each is about +-1 at t = 1)."""
        dj, dt = [], []
        for n, p in model.params.items():
            b = model.java_layout(n, before[n].numpy()).astype(np.float64)
            dj.append((arrays[prefix + n].astype(np.float64) - b).ravel())
            dt.append((model.java_layout(n, p.detach().numpy()).astype(np.float64) - b).ravel())
        dj = np.concatenate(dj)
        dt = np.concatenate(dt)
        d = np.abs(dj - dt)
        rel = float(np.linalg.norm(dj - dt) / max(np.linalg.norm(dj), 1e-30))
        # At t = 1 every update is about +-rate (m / sqrt(v) = g / |g|): the gate is on the
        # relative norm of the difference; a gradient element near 0 may flip its sign.
        r = {"what": f"{what}: theta_1 - theta_0 ({dj.size} values)", "max_abs": float(d.max()),
             "max_rel": rel, "tol": ADAM_TOL, "pass": rel <= ADAM_TOL, "gate": True,
             "note": f"tol on ||diff|| / ||update||; {float((d > 0.01 * rate).mean()) * 100:.3f} % of values "
                     f"differ by > 1 % of the rate"}
        return r

    # ---------------------------------------------------------------------------------------
    def detect(self, directory, clip, resample):
        arrays, meta = ft.load_export(directory)
        spec = meta["spec"]
        model = ft.Model(ft.with_prefix(arrays, "param/"), spec, need_heads=True)
        rows = []
        mel1 = torch.tensor(arrays["in/log_mel_1"])
        mel16 = torch.tensor(arrays["in/log_mel_16"])
        u = torch.tensor(arrays["in/text_features"])
        det = ft.Detector(model, spec, arrays["in/text_features"], overlap=meta["window_overlap"],
                          window_batch=meta["window_batch"], median=meta["median_filter_frames"],
                          resample=resample)
        with torch.inference_mode():
            f1 = model.frame_embeddings(model.encode(mel1))
            f16 = model.frame_embeddings(model.encode(mel16))
            rows.append(row("(c) frame embeddings, batch 1", arrays["out/frame_embeddings_1"], f1.numpy()))
            rows.append(row("(c) frame embeddings, batch 16", arrays["out/frame_embeddings_16"], f16.numpy()))
            e, s, b = model.text_outputs(u)
            rows.append(row("(d) text embeddings (MiniLM features)", arrays["out/text_embeddings"], e.numpy()))
            rows.append(row("(d) logit scale s", arrays["out/logit_scale"], s.numpy(), kind="scalar"))
            rows.append(row("(d) logit bias b", arrays["out/logit_bias"], b.numpy(), kind="scalar"))
            x_java = torch.tensor(arrays["in/samples_16k"])
            raw, filtered = det.detect(x_java, log_mel=mel1)
            rows.append(row("(d) probabilities before median, Java log-mel", arrays["out/raw"], raw.numpy()))
            rows.append(row("(d) probabilities, Java log-mel", arrays["out/probabilities"], filtered.numpy()))
            # informative: PyTorch's own decode, resampling and log-mel
            x = det.decode(clip)
            n = min(len(x), len(x_java))
            rows.append(row(f"(d) samples at 16 kHz, torchaudio ({resample}) vs org.flam.audio.io",
                            arrays["in/samples_16k"][:n], x[:n].numpy(), gate=False))
            own = det.log_mel(torch.nn.functional.pad(x, (0, spec["samplesPerClip"] - len(x)))[None]
                              if len(x) < spec["samplesPerClip"] else x[None, :spec["samplesPerClip"]])
            j = arrays["in/log_mel_1"]
            loud = j >= -60
            r = row("(d) log-mel dB, torchaudio vs org.flam.audio.frontend", j, own.numpy(), gate=False)
            r["note"] = f"bands >= -60 dB: max {float(np.abs(j - own.numpy())[loud].max()):.2g} dB"
            rows.append(r)
            raw2, filtered2 = det.detect(x)
            rows.append(row("(d) probabilities, PyTorch front end end to end", arrays["out/probabilities"],
                            filtered2.numpy(), gate=False))
        self.figures["c1"] = lambda: model.frame_embeddings(model.encode(mel1))
        self.figures["c16"] = lambda: model.frame_embeddings(model.encode(mel16))
        self.figures["d"] = lambda: det.detect_file(clip)
        return {"rows": rows}

    def time(self, figure, n):
        fn = self.figures[figure]
        ms = []
        if figure in ("a", "b"):
            for _ in range(n):
                t0 = time.perf_counter()
                fn()
                ms.append((time.perf_counter() - t0) * 1000)
        else:
            with torch.inference_mode():
                for _ in range(n):
                    t0 = time.perf_counter()
                    fn()
                    ms.append((time.perf_counter() - t0) * 1000)
        return {"ms": ms}


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    w = Worker()
    answer({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()})
    for line in sys.stdin:
        c = line.split()
        if not c:
            continue
        try:
            if c[0] == "train":
                answer(w.train(c[1]))
            elif c[0] == "detect":
                answer(w.detect(c[1], c[2], c[3]))
            elif c[0] in ("a", "b", "c1", "c16", "d"):
                answer(w.time(c[0], int(c[1])))
            elif c[0] == "quit":
                answer({"bye": True})
                return
            else:
                answer({"error": "unknown command " + line.strip()})
        except Exception as e:  # noqa: BLE001 - the driver prints it and stops
            import traceback
            traceback.print_exc()
            answer({"error": f"{type(e).__name__}: {e}"})


if __name__ == "__main__":
    main()
