#!/usr/bin/python3
"""Driver of bench/side-by-side.sh (which builds the Java side and passes its class paths):
starts the ND4J workers (SideBySideTrain, SideBySideDetect) and the PyTorch worker
(torch_worker.py) per thread count, checks that both give the same outputs on the same weights,
then lets them take turns, A B A B, one call each per round, and prints a table of medians,
ratios and peak resident memory. Standard library only. Not product code.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# glibc settings runtime/flam exports for the JVM (ND4J allocates native memory per op)
JAVA_MALLOC = {"MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": "1073741824", "MALLOC_TOP_PAD_": "268435456"}

FIGURES = [  # key, label, option that sets its rounds
    ("a", "(a) train step: encoder+heads+losses+Adam, B16 K80", "steps"),
    ("b", "(b) encoder-only train step (MSE + Adam), B16", "steps"),
    ("c1", "(c) model call, one 10 s window", "calls"),
    ("c16", "(c) model call, batch of 16 windows", "calls"),
    ("d", "(d) decode + detect battle.wav, 5 queries", "runs"),
]


class WorkerError(RuntimeError):
    pass


class Worker:
    """A child process answering one `@@ JSON` line per command line."""

    def __init__(self, name, argv, env, log_dir):
        self.name = name
        self.err_path = os.path.join(log_dir, name.replace(" ", "_") + ".stderr")
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err,
                                     env=env, text=True, bufsize=1, cwd=os.getcwd())
        self.ready = self._read()

    def _read(self):
        while True:
            line = self.proc.stdout.readline()
            if not line:
                self.proc.wait()
                raise WorkerError(f"{self.name} ended (exit {self.proc.returncode}); last lines of its stderr:\n"
                                  + self.tail())
            if line.startswith("@@ "):
                reply = json.loads(line[3:])
                if "error" in reply:
                    raise WorkerError(f"{self.name}: {reply['error']}\n{self.tail()}")
                return reply

    def tail(self, n=25):
        self.err.flush()
        with open(self.err_path, errors="replace") as f:
            return "".join(f.readlines()[-n:])

    def cmd(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self._read()

    def status(self, key):
        """A /proc/PID/status value in KiB."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith(key + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def reset_peak(self):
        """Resets the kernel's peak resident set (VmHWM) to the current one; False if refused."""
        try:
            with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
                f.write("5")
            return True
        except OSError:
            return False

    def close(self):
        if self.proc.poll() is None:
            try:
                self.cmd("quit")
            except (WorkerError, OSError, ValueError):
                pass
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.err.close()


def measure(key, java, torch_w, warmup, rounds):
    """Warm-up calls, then `rounds` rounds of one ND4J call and one PyTorch call (A B A B)."""
    for _ in range(warmup):
        java.cmd(f"{key} 1")
        torch_w.cmd(f"{key} 1")
    before = (java.status("VmRSS"), torch_w.status("VmRSS"))
    reset = java.reset_peak() and torch_w.reset_peak()
    jms, tms = [], []
    for _ in range(rounds):
        jms += java.cmd(f"{key} 1")["ms"]
        tms += torch_w.cmd(f"{key} 1")["ms"]
    return {"java": jms, "torch": tms, "java_peak": java.status("VmHWM"), "torch_peak": torch_w.status("VmHWM"),
            "java_before": before[0], "torch_before": before[1], "peak_reset": reset}


def fmt(x):
    if x is None:
        return "-"
    if x == 0:
        return "0"
    return f"{x:.1e}" if abs(x) < 0.01 or abs(x) >= 1e5 else f"{x:.3g}"


def print_checks(label, rows, verbose):
    gated = [r for r in rows if r.get("gate", True)]
    failed = [r for r in gated if not r["pass"]]
    print(f"check, {label}: {'PASS' if not failed else 'FAIL'} ({len(gated) - len(failed)} of {len(gated)} within "
          f"tolerance; {len(rows) - len(gated)} informative rows)")
    show = rows if verbose else failed
    if show:
        print(f"  {'what':<66} {'max|diff|':>9} {'max rel':>9} {'tol':>7}  ok")
    for r in show:
        ok = ("yes" if r["pass"] else "NO") if r.get("gate", True) else "(info)"
        extra = []
        if r.get("worst"):
            extra.append("worst " + r["worst"])
        if r.get("note"):
            extra.append(r["note"])
        print(f"  {r['what']:<66} {fmt(r.get('max_abs')):>9} {fmt(r.get('max_rel')):>9} {fmt(r.get('tol')):>7}"
              f"  {ok}{'  ' + '; '.join(extra) if extra else ''}")
    return not failed


def main():
    p = argparse.ArgumentParser(prog="bench/side-by-side.sh", description=__doc__)
    p.add_argument("--threads", default="1,2", help="thread counts, comma-separated (1,2)")
    p.add_argument("--steps", type=int, default=10, help="timed training steps per side, figures a and b (10)")
    p.add_argument("--calls", type=int, default=20, help="timed model calls per side and batch size, figure c (20)")
    p.add_argument("--runs", type=int, default=20, help="timed detections per side, figure d (20)")
    p.add_argument("--warmup", type=int, default=3, help="untimed calls per side before each figure (3)")
    p.add_argument("--only", default="a,b,c,d", help="figures to run (a,b,c,d)")
    p.add_argument("--model", default="models/default", help="model directory for c and d (models/default)")
    p.add_argument("--clip", default="examples/battle.wav", help="clip for c and d (examples/battle.wav)")
    p.add_argument("--resample", choices=["matched", "default"], default="matched",
                   help="torchaudio resampler: matched to org.flam.audio.io's filter, or torchaudio's default")
    p.add_argument("--omp-wait", choices=["passive", "active"],
                   help="OMP_WAIT_POLICY for both sides (default: unset, each runtime's own spinning)")
    p.add_argument("--verbose", action="store_true", help="print every check row for every thread count")
    p.add_argument("--keep", action="store_true", help="keep the exported arrays and worker logs")
    p.add_argument("--java", default="java")
    p.add_argument("--java-opts", default=os.environ.get("SBS_JAVA_OPTS", "-Xmx4g"))
    p.add_argument("--train-cp", help="class path of SideBySideTrain (set by bench/side-by-side.sh)")
    p.add_argument("--detect-cp", help="class path of SideBySideDetect (set by bench/side-by-side.sh)")
    a = p.parse_args()
    only = set(a.only.split(","))
    unknown = only - {"a", "b", "c", "d"}
    if unknown:
        p.error("unknown figures in --only: " + ",".join(sorted(unknown)))
    threads = [int(t) for t in a.threads.split(",")]
    if (only & {"a", "b"}) and not a.train_cp or (only & {"c", "d"}) and not a.detect_cp:
        p.error("--train-cp / --detect-cp missing: run bench/side-by-side.sh, which builds and sets them")
    tmp = tempfile.mkdtemp(prefix="flam-side-by-side.")
    cp = (a.train_cp or "") + ":" + (a.detect_cp or "")
    nd4j = next((e.split("nd4j-native-")[1].split("-linux")[0] for e in cp.split(":")
                 if "nd4j-native-" in e and "onednn" in e), "?")
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"bench/side-by-side.sh on {platform.node()}, {os.cpu_count()} CPUs, load average {load}; "
          f"ND4J {nd4j} (oneDNN) vs PyTorch; threads {a.threads}"
          + (f", OMP_WAIT_POLICY={a.omp_wait.upper()}" if a.omp_wait else ""), flush=True)

    results = {}  # (key, threads) -> measurement
    torch_version = "?"
    failed_checks = False
    try:
        for n in threads:
            java_env = dict(os.environ, OMP_NUM_THREADS=str(n))
            for k, v in JAVA_MALLOC.items():
                java_env.setdefault(k, v)
            torch_env = dict(os.environ, OMP_NUM_THREADS=str(n))
            if a.omp_wait:
                java_env["OMP_WAIT_POLICY"] = torch_env["OMP_WAIT_POLICY"] = a.omp_wait.upper()
            java_argv = [a.java] + a.java_opts.split() + [f"-Dorg.bytedeco.openblas.num_threads={n}"]
            torch_argv = ["/usr/bin/python3", "-B", os.path.join(HERE, "torch_worker.py"), str(n)]
            out = os.path.join(tmp, f"threads{n}")
            os.makedirs(out, exist_ok=True)
            rows = []
            if only & {"a", "b"}:
                java = Worker(f"nd4j train {n}t", java_argv + ["-cp", a.train_cp,
                              "org.flam.train.internal.SideBySideTrain", out], java_env, tmp)
                tw = Worker(f"torch train {n}t", torch_argv, torch_env, tmp)
                torch_version = tw.ready.get("torch", "?")
                try:
                    java.cmd("export")
                    rows += tw.cmd("train " + os.path.join(out, "train"))["rows"]
                    for key in ("a", "b"):
                        if key in only:
                            results[key, n] = measure(key, java, tw, a.warmup, a.steps)
                finally:
                    java.close()
                    tw.close()
            if only & {"c", "d"}:
                java = Worker(f"nd4j detect {n}t", java_argv + ["-cp", a.detect_cp,
                              "org.flam.detect.internal.SideBySideDetect", a.model, a.clip, out], java_env, tmp)
                tw = Worker(f"torch detect {n}t", torch_argv, torch_env, tmp)
                torch_version = tw.ready.get("torch", "?")
                try:
                    java.cmd("export")
                    rows += tw.cmd(f"detect {os.path.join(out, 'detect')} {a.clip} {a.resample}")["rows"]
                    if "c" in only:
                        for key in ("c1", "c16"):
                            results[key, n] = measure(key, java, tw, max(a.warmup, a.calls // 5), a.calls)
                    if "d" in only:
                        results["d", n] = measure("d", java, tw, max(a.warmup, a.runs // 5), a.runs)
                finally:
                    java.close()
                    tw.close()
            ok = print_checks(f"{n} thread{'s' if n > 1 else ''}, same weights and inputs, ND4J vs PyTorch {torch_version}",
                              rows, a.verbose or n == threads[0])
            failed_checks |= not ok
    except WorkerError as e:
        print(f"bench/side-by-side.sh: {e}", file=sys.stderr)
        print(f"(worker logs kept in {tmp})", file=sys.stderr)
        return 1

    print()
    print(f"{'figure':<52} {'thr':>3} {'n':>3} {'ND4J ms':>9} {'PyTorch ms':>10} {'ND4J/PT':>8}"
          f" {'ND4J peak MiB':>15} {'PyTorch peak MiB':>16}")
    for key, label, _ in FIGURES:
        for n in threads:
            r = results.get((key, n))
            if r is None:
                continue
            jm = statistics.median(r["java"])
            tm = statistics.median(r["torch"])
            jp = f"{r['java_peak'] // 1024} (+{max(0, r['java_peak'] - r['java_before']) // 1024})"
            tp = f"{r['torch_peak'] // 1024} (+{max(0, r['torch_peak'] - r['torch_before']) // 1024})"
            print(f"{label:<52} {n:>3} {len(r['java']):>3} {jm:>9.1f} {tm:>10.1f} {jm / tm:>8.2f} {jp:>15} {tp:>16}")
    if any(not r["peak_reset"] for r in results.values()):
        print("note: /proc/PID/clear_refs was refused: peaks are the processes' lifetime peaks")
    for n in threads[1:]:
        parts = []
        for key, _, _ in FIGURES:
            base, r = results.get((key, threads[0])), results.get((key, n))
            if base and r:
                parts.append(f"{key} {statistics.median(base['java']) / statistics.median(r['java']):.2f}"
                             f"/{statistics.median(base['torch']) / statistics.median(r['torch']):.2f}")
        if parts:
            print(f"speed-up {n} vs {threads[0]} thread{'s' if threads[0] > 1 else ''} (ND4J/PyTorch, "
                  f"median at {threads[0]} / median at {n}): " + ", ".join(parts))
    if a.keep:
        print(f"exports and worker logs kept in {tmp}")
    else:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed_checks else 0


if __name__ == "__main__":
    sys.exit(main())
