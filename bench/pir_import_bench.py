#!/usr/bin/env python3
"""Import time of a Paddle 3.x PIR program (`.json`) against the same model
saved as a legacy ProgramDesc (`.pdmodel`).

Both files are written by Paddle 3 from the same zoo.py program
(test/e2e/pir_save.py, with and without FLAGS_enable_pir_api), with the same
parameters. Each measurement is the median wall time of N fresh
`oar-translate --import-paddle MODEL -o /dev/null` processes, with the
parameters (the blobs are written too) and with --paddle-no-params (the
program alone: reading and translating the JSON against decoding the
protobuf); the .json and .pdmodel runs alternate, so that load on the
machine falls on both alike. The spread printed is the interquartile range
(25th to 75th percentile) of the runs. Needs .venv-paddle3
(scripts/setup.sh).

Acceptance (PIR issue): the `.json` import is no slower than the `.pdmodel`
one (ratio <= 1, up to noise). A benchmark, not a test: exits 0 unless
--strict and a ratio exceeds 1.05.

  python bench/pir_import_bench.py [--bin-dir build/bin] [--runs 7]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PADDLE3 = os.path.join(REPO, ".venv-paddle3", "bin", "python")
SAVER = os.path.join(REPO, "test", "e2e", "pir_save.py")
MODELS = ["resnet50", "densenet121", "inception_v3"]


def wall_times(cmds, runs):
    """Wall times of `runs` runs of each command, the commands alternating."""
    times = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, out in zip(cmds, times):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            out.append(time.perf_counter() - t)
    return times


def summary(times):
    """Median and interquartile range."""
    q = statistics.quantiles(times, n=4)
    return statistics.median(times), q[0], q[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin-dir", default=os.path.join(REPO, "build", "bin"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    tool = os.path.join(args.bin_dir, "oar-translate")
    worst = 0.0
    with tempfile.TemporaryDirectory() as d:
        for legacy in (False, True):
            subprocess.run([PADDLE3, SAVER] + (["--legacy"] if legacy else [])
                           + [d] + MODELS, check=True,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        print("| model | .json KB | .pdmodel KB | ops | mode | .json ms | "
              ".pdmodel ms | ratio |")
        print("|---|---|---|---|---|---|---|---|")
        for m in MODELS:
            js, pd = os.path.join(d, m + ".json"), os.path.join(d, m +
                                                                ".pdmodel")
            out = subprocess.run([tool, "--import-paddle", "--paddle-no-params",
                                  js], capture_output=True, text=True,
                                 check=True).stdout
            ops = sum(1 for line in out.splitlines() if " = pd." in line)
            for mode, extra in (("with params", []),
                                ("no params", ["--paddle-no-params"])):
                tj, tp = (summary(t) for t in wall_times(
                    [[tool, "--import-paddle", *extra, f, "-o", os.devnull]
                     for f in (js, pd)], args.runs))
                ratio = tj[0] / tp[0]
                worst = max(worst, ratio)
                fmt = lambda t: (f"{t[0] * 1e3:.1f} "
                                 f"({t[1] * 1e3:.1f}-{t[2] * 1e3:.1f})")
                print(f"| {m} | {os.path.getsize(js) // 1024} | "
                      f"{os.path.getsize(pd) // 1024} | {ops} | {mode} | "
                      f"{fmt(tj)} | {fmt(tp)} | {ratio:.2f} |")
    print(f"worst ratio .json / .pdmodel: {worst:.2f}")
    return 1 if args.strict and worst > 1.05 else 0


if __name__ == "__main__":
    sys.exit(main())
