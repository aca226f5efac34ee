#!/usr/bin/env python3
"""`oar convert` against paddle2onnx: conversion time, peak memory, and the
onnxruntime CPU latency of the two exported models.

Models: the field models (../shared/models) and the zoo's vision and NLP
models, each with the program and parameters test/e2e/convert_cases.py
uses (the shipped `.pdiparams`, else seeded random parameters saved by
Paddle), materialized once into a temp dir. Both converters get the same
files and the same opset, in the same run. Conversion: median wall time of
N fresh processes, peak RSS the max over them (measured as in
import_bench.py, from the child's rusage). Latency: onnxruntime CPU, one
session per model and thread count, `intra_op_num_threads` 1 and 2, warmup
then the median of R runs on the case's first input set. Node counts are the
top-level nodes of each graph.

paddle2onnx is the 1.3 series pinned in bench/requirements.txt (the newest
release whose package works with paddlepaddle 2.6; 2.x needs Paddle 3),
run through its command-line entry point. A model that a tool fails on is
reported as such in the table; the benchmark itself does not fail.

  python bench/convert_bench.py [--bin-dir build/bin] [--runs 3]
      [--latency-runs 20] [--opset 17] [--only NAME ...] [--json out.json]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "test", "e2e"))
MB = 1 << 20

from import_bench import measured  # noqa: E402


def default_p2o():
    exe = os.path.join(os.path.dirname(sys.executable), "paddle2onnx")
    return exe if os.path.exists(exe) else shutil.which("paddle2onnx")


def convert_runs(cmd, out, runs):
    """(median wall s, peak RSS bytes) of `runs` runs of `cmd` writing
    `out`, or raises with the tool's last message."""
    walls, rss = [], []
    for _ in range(runs):
        if os.path.exists(out):
            os.remove(out)
        w, r, rc, _ = measured(cmd)
        if rc != 0 or not os.path.exists(out):
            raise RuntimeError(f"rc {rc}")
        walls.append(w)
        rss.append(r)
    return statistics.median(walls), max(rss)


def first_error(cmd):
    """One line saying why `cmd` failed: the ops Oar could not convert, the
    ops paddle2onnx does not support, or the last error line."""
    import subprocess
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if "cannot convert 'pd." in p.stderr:  # Oar: list the ops it names
        from xfail_report import reason
        return reason(p.stderr)
    lines = [ln.strip() for ln in (p.stderr + p.stdout).splitlines()
             if ln.strip() and not re.search(r"SignalInfo|TimeInfo|Summary",
                                             ln)]
    unsupported = [ln for ln in lines if "not supported" in ln]
    errors = [ln for ln in lines if re.search("error", ln, re.I)]
    msg = (unsupported or errors or lines or [f"rc {p.returncode}"])[-1]
    return msg.replace("|", "/")[:160]


def latency(path, feeds, threads, warmup, runs):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    inputs = {i.name: feeds[i.name] for i in sess.get_inputs()}
    for _ in range(warmup):
        sess.run(None, inputs)
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        sess.run(None, inputs)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def node_count(path):
    import onnx
    return len(onnx.load(path, load_external_data=False).graph.node)


def bench_one(m, a, tmp, p2o):
    import convert_cases as cc
    row = {"model": m.case.name, "kind": m.case.kind}
    feeds = cc.feed_arrays(m, 0)
    # paddle2onnx reads MODEL_DIR/FILE: link both files into one folder.
    pdir = os.path.join(tmp, "p2o-" + m.case.name)
    os.makedirs(pdir, exist_ok=True)
    os.symlink(m.model, os.path.join(pdir, "model.pdmodel"))
    oar_out = os.path.join(tmp, m.case.name + ".oar.onnx")
    p2o_out = os.path.join(tmp, m.case.name + ".p2o.onnx")
    oar_cmd = [os.path.join(a.bin_dir, "oar"), "convert", m.model]
    p2o_cmd = [p2o, "--model_dir", pdir, "--model_filename", "model.pdmodel",
               "--save_file", p2o_out, "--opset_version", str(a.opset)]
    if m.params:
        oar_cmd.append(m.params)
        os.symlink(m.params, os.path.join(pdir, "model.pdiparams"))
        p2o_cmd += ["--params_filename", "model.pdiparams"]
    oar_cmd += ["-o", oar_out, "--opset", str(a.opset)]
    for tool, cmd, out in (("oar", oar_cmd, oar_out),
                           ("p2o", p2o_cmd, p2o_out)):
        if tool == "p2o" and not p2o:
            row[tool + "_error"] = "paddle2onnx not installed"
            continue
        try:
            row[tool + "_s"], row[tool + "_rss"] = convert_runs(
                cmd, out, a.runs)
        except Exception:  # the table says why
            row[tool + "_error"] = first_error(cmd)
            continue
        row[tool + "_nodes"] = node_count(out)
        for th in a.threads:
            try:  # in a child: onnxruntime dies of SIGFPE on some graphs
                row[f"{tool}_lat{th}"] = cc.in_child(
                    latency, out, feeds, th, a.warmup, a.latency_runs)
            except cc.ChildFailed as e:
                row[tool + "_error"] = ("onnxruntime: " + str(e).splitlines()
                                        [0].replace("|", "/")[:100])
                break
    return row


def fmt(v, spec, scale=1):
    return "-" if v is None else format(v * scale, spec)


def ratio(a, b):
    return "-" if a is None or b is None or not b else f"{a / b:.2f}"


def table(rows, threads):
    head = ["model", "oar s", "p2o s", "time oar/p2o", "oar RSS MB",
            "p2o RSS MB"]
    for th in threads:
        head += [f"oar ms ({th}t)", f"p2o ms ({th}t)", f"lat oar/p2o ({th}t)"]
    head += ["oar nodes", "p2o nodes", "notes"]
    lines = ["| " + " | ".join(head) + " |",
             "|---|" + "---:|" * (len(head) - 2) + "---|"]
    for r in rows:
        g = r.get
        cells = [r["model"], fmt(g("oar_s"), ".3f"), fmt(g("p2o_s"), ".3f"),
                 ratio(g("oar_s"), g("p2o_s")),
                 fmt(g("oar_rss"), ".0f", 1 / MB),
                 fmt(g("p2o_rss"), ".0f", 1 / MB)]
        for th in threads:
            o, p = g(f"oar_lat{th}"), g(f"p2o_lat{th}")
            cells += [fmt(o, ".3g", 1e3), fmt(p, ".3g", 1e3), ratio(o, p)]
        cells += [fmt(g("oar_nodes"), "d"), fmt(g("p2o_nodes"), "d")]
        notes = [f"{t} fails: {g(t + '_error')}" for t in ("oar", "p2o")
                 if g(t + "_error")]
        cells.append("; ".join(notes))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin-dir", default=os.environ.get(
        "OAR_BIN_DIR", os.path.join(REPO, "build", "bin")))
    ap.add_argument("--paddle2onnx", default=default_p2o(),
                    help="paddle2onnx executable (default: beside python)")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--runs", type=int, default=3,
                    help="conversions per tool and model (median, max RSS)")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--latency-runs", type=int, default=20)
    ap.add_argument("--only", nargs="*", help="case names (convert_cases)")
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()

    import convert_cases as cc
    cases = [c for c in cc.all_cases() if c.kind in ("field", "vision", "nlp")
             and (not a.only or c.name in a.only)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        # Paddle saves every program before onnxruntime runs anything: the
        # two in one process interleaved crash Paddle (SIGFPE) on the zoo.
        saved = []
        for c in cases:
            print(f"save: {c.name}", file=sys.stderr, flush=True)
            try:
                saved.append((c, cc.materialize(
                    c, os.path.join(tmp, "programs"))))
            except Exception as e:  # noqa: BLE001 (reported)
                saved.append((c, "not saved: "
                              + str(e).splitlines()[0][:100]))
        for c, m in saved:
            print(f"bench: {c.name}", file=sys.stderr, flush=True)
            if isinstance(m, str):
                rows.append({"model": c.name, "oar_error": m})
                continue
            rows.append(bench_one(m, a, tmp, a.paddle2onnx))
    import onnxruntime
    version = "?"
    if a.paddle2onnx:
        import subprocess
        out = subprocess.run([a.paddle2onnx, "--version"],
                             capture_output=True, text=True).stdout
        found = re.search(r"paddle2onnx-([0-9.]+)", out)
        version = found.group(1) if found else "?"
    print(f"\n`oar convert` vs paddle2onnx {version}, opset {a.opset}; "
          f"conversion: median of {a.runs} fresh processes, peak RSS max over "
          f"them; latency: onnxruntime {onnxruntime.__version__} CPU, median "
          f"of {a.latency_runs} runs after {a.warmup} warmup, t = "
          "intra_op_num_threads\n")
    print(table(rows, a.threads))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
