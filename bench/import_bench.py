#!/usr/bin/env python3
"""Import time and peak memory of `oar-translate --import-paddle`, against
Paddle loading the same model (`paddle.static.load_inference_model`).

Models: the field models that come with parameters (../shared/models) and
zoo resnet50 with random weights (built once into a temp dir with
test/e2e/zoo.py). Each measurement is the median of N runs of a fresh
process; wall time with time.perf_counter around the subprocess, peak RSS
from os.wait4's rusage of that very child. For Paddle both the whole process
(interpreter + `import paddle` + load) and the load call alone (timed inside
the child) are reported.

Acceptance (from the import milestone): peak RSS < 3 x params size + 100 MB.
This is a benchmark, not a test: it reports and exits 0 unless --strict.

  python bench/import_bench.py [--bin-dir build/bin] [--runs 5] [--strict]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MB = 1 << 20

PEER = r"""
import os, sys, time, json
os.environ.setdefault("FLAGS_enable_pir_api", "0")
os.environ.setdefault("GLOG_minloglevel", "3")
import paddle
paddle.enable_static()
exe = paddle.static.Executor(paddle.CPUPlace())
t = time.perf_counter()
prog, feeds, fetches = paddle.static.load_inference_model(
    sys.argv[1], exe, model_filename=sys.argv[2], params_filename=sys.argv[3])
print(json.dumps({"load_s": time.perf_counter() - t, "ops": len(
    prog.global_block().ops)}))
"""


# Peak RSS is measured by a small helper process that starts the command and
# reads its rusage: Linux carries the RSS high-water mark of the process that
# forks across exec, so measuring from this (large, Paddle-importing) process
# would report this process's own size.
HELPER = r"""
import json, os, sys, time
t = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t
print(json.dumps({"wall": wall, "maxrss_kb": ru.ru_maxrss,
                  "rc": os.waitstatus_to_exitcode(status)}), flush=True)
"""


def measured(cmd):
    """(wall seconds, peak RSS bytes, rc, stdout of the command) of one run
    of `cmd` in a fresh process."""
    p = subprocess.run([sys.executable, "-S", "-c", HELPER] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = p.stdout.decode().strip().splitlines()
    if p.returncode != 0 or not lines:
        raise RuntimeError(f"measuring {cmd} failed:\n"
                           f"{p.stderr.decode()[-2000:]}")
    m = json.loads(lines[-1])
    return m["wall"], m["maxrss_kb"] * 1024, m["rc"], "\n".join(lines[:-1])


def helper_baseline():
    """Peak RSS the helper reports for a trivial command: the floor of the
    measurement."""
    return measured(["/bin/true"])[1]


def bench(cmd, runs):
    walls, rss, out = [], [], ""
    for _ in range(runs):
        w, r, rc, out = measured(cmd)
        if rc != 0:
            raise RuntimeError(f"rc={rc}: {' '.join(cmd)}")
        walls.append(w)
        rss.append(r)
    return statistics.median(walls), max(rss), out


def models(field_dir, tmp):
    out = []
    for name in ("ppocrv3_det_en", "face_ssd", "bilstm_text"):
        d = os.path.join(field_dir, name)
        if not os.path.isdir(d):
            print(f"note: {d} not found, skipped", file=sys.stderr)
            continue
        model = [f for f in os.listdir(d) if f.endswith(".pdmodel")][0]
        out.append((name, os.path.join(d, model),
                    os.path.join(d, model[:-8] + ".pdiparams")))
    sys.path.insert(0, os.path.join(REPO, "test", "e2e"))
    import zoo
    s = zoo.save("resnet50", tmp)
    out.append(("zoo resnet50", s.model, s.params))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin-dir", default=os.environ.get(
        "OAR_BIN_DIR", os.path.join(REPO, "build", "bin")))
    ap.add_argument("--field-models", default=os.environ.get(
        "OAR_FIELD_MODELS", os.path.join(os.path.dirname(REPO), "shared",
                                         "models")))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--python", default=sys.executable,
                    help="interpreter with paddlepaddle for the peer")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 when an acceptance check fails")
    a = ap.parse_args()
    translate = os.path.join(a.bin_dir, "oar-translate")
    rows, failed = [], False
    with tempfile.TemporaryDirectory() as tmp:
        for name, model, params in models(a.field_models, tmp):
            psize = os.path.getsize(params)
            out = os.path.join(tmp, "out.mlir")
            o_t, o_rss, _ = bench([translate, "--import-paddle", model,
                                   f"--paddle-params={params}", "-o", out],
                                  a.runs)
            p_t, p_rss, p_out = bench(
                [a.python, "-c", PEER, os.path.dirname(model),
                 os.path.basename(model), os.path.basename(params)], a.runs)
            p_load = json.loads(p_out.strip().splitlines()[-1])
            limit = 3 * psize + 100 * MB
            ok = o_rss < limit
            failed |= not ok
            rows.append(dict(model=name, params_bytes=psize,
                             oar_s=o_t, oar_rss=o_rss, paddle_s=p_t,
                             paddle_load_s=p_load["load_s"],
                             paddle_rss=p_rss, rss_limit=limit, rss_ok=ok))
    print(f"\noar-translate vs paddle.static.load_inference_model, median of "
          f"{a.runs} runs, peak RSS = max over runs (measurement floor "
          f"{helper_baseline() / MB:.0f} MB)\n")
    print("| model | params MB | oar import s | paddle process s | "
          "paddle load() s | time ratio oar/paddle process | oar RSS MB | "
          "paddle RSS MB | RSS ratio | RSS < 3x params + 100 MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['model']} | {r['params_bytes'] / MB:.1f} | "
              f"{r['oar_s']:.3f} | {r['paddle_s']:.3f} | "
              f"{r['paddle_load_s']:.3f} | {r['oar_s'] / r['paddle_s']:.2f} | "
              f"{r['oar_rss'] / MB:.0f} | {r['paddle_rss'] / MB:.0f} | "
              f"{r['oar_rss'] / r['paddle_rss']:.2f} | "
              f"{'yes' if r['rss_ok'] else 'NO'} "
              f"(limit {r['rss_limit'] / MB:.0f} MB) |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 1 if a.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
