#!/usr/bin/env python3
"""int8 against float: onnxruntime CPU latency and size of Oar's quantized
models (docs/quantization.md, issue item 6).

Models: resnet50 and mobilenet_v3_large from paddle.vision with seeded
random weights (test/e2e/zoo.py, saved by Paddle), and the digits CNN of
test/e2e/test_quant_digits.py (trained in Paddle, and quantized by Paddle's
own PostTrainingQuantization in both formats). For each, in the same run:

- float: `oar convert` (opset 13);
- int8 static: tools/oar-calibrate (abs_max) on calibration inputs (8
  standard-normal images for the vision models, random weights having no
  data of their own; 256 training images for the digits CNN), then
  `oar quantize --calibration-table`;
- int8 weight-only: `oar quantize --weights-only`;
- ort-quantizer (peer): onnxruntime.quantization.quantize_static on the
  float ONNX with the same calibration inputs (QDQ, per-channel int8
  weights, uint8 activations, MinMax);
- for the digits CNN, Paddle's PTQ models converted by `oar convert`.

Latency: onnxruntime CPU (default ORT_ENABLE_ALL), `intra_op_num_threads` 1
and 2, median of R rounds after 3 warmup runs, each round running every
variant of the model once in turn (so that load on the machine affects all
alike), batch 1 (vision) or 256 (digits); ratios are against the float
model measured in the same rounds.
Sizes: the .onnx file, and the bytes of the initializers and constants
(weights, scales, biases). "float convs" counts Conv/FusedConv left in
float in the graph onnxruntime optimizes (optimized_model_filepath), "int8
convs" its QLinearConv. "cos vs float": cosine similarity of the
flattened output with the float model's on the latency input.

  python bench/quant_bench.py [--bin-dir build/bin] [--latency-runs 50]
      [--only resnet50 ...] [--json out.json]
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "test", "e2e"))
CALIBRATE = os.path.join(REPO, "tools", "oar-calibrate")
os.environ.setdefault("FLAGS_enable_pir_api", "0")

import numpy as np  # noqa: E402


def session(path, threads):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def latencies(sessions, feeds, runs, warmup=3):
    """Median ms of each session over `runs` rounds; each round runs every
    session once, in turn, so that a change of load on the machine hits
    all of them alike (the ratios are what counts)."""
    for s in sessions:
        for _ in range(warmup):
            s.run(None, feeds)
    ts = [[] for _ in sessions]
    for _ in range(runs):
        for s, t in zip(sessions, ts):
            a = time.perf_counter()
            s.run(None, feeds)
            t.append(time.perf_counter() - a)
    return [statistics.median(t) * 1e3 for t in ts]


def ort_graph_ops(path, tmp):
    """Op types of the graph onnxruntime runs (its optimized model)."""
    import onnx
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.log_severity_level = 3
    opt = os.path.join(tmp, os.path.basename(path) + ".ort.onnx")
    so.optimized_model_filepath = opt
    ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    ops = collections.Counter(
        n.op_type for n in onnx.load(opt, load_external_data=False).graph.node)
    os.remove(opt)
    return ops


def weight_bytes(path):
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    n = sum(numpy_helper.to_array(t).nbytes for t in m.graph.initializer)
    for node in m.graph.node:
        if node.op_type == "Constant":
            for a in node.attribute:
                if a.name == "value":
                    n += numpy_helper.to_array(a.t).nbytes
    return n


def oar(bin_dir, *args):
    p = subprocess.run([os.path.join(bin_dir, "oar"), *args],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.strip().splitlines()[-1])


def ort_quantize(float_onnx, samples, out):
    import onnx
    from onnxruntime.quantization import (CalibrationDataReader, QuantFormat,
                                          QuantType, quantize_static)
    name, data = next(iter(samples.items()))
    # onnxruntime's quantizer names the nodes it adds Constant_N too, and
    # collides with Oar's Constant_N values (a model onnxruntime then
    # refuses, "Duplicate definition of name"): rename ours first.
    m = onnx.load(float_onnx)
    renamed = {}
    for n in m.graph.node:
        if n.op_type == "Constant":
            renamed[n.output[0]] = "oar_" + n.output[0]
            n.output[0] = renamed[n.output[0]]
            n.name = "oar_" + n.name if n.name else n.name
    for n in m.graph.node:
        for i, x in enumerate(n.input):
            n.input[i] = renamed.get(x, x)
    float_onnx = out + ".renamed.onnx"
    onnx.save(m, float_onnx)

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.it = iter(data[i:i + 1] for i in range(len(data)))

        def get_next(self):
            x = next(self.it, None)
            return None if x is None else {name: x}

    quantize_static(float_onnx, out, Reader(), quant_format=QuantFormat.QDQ,
                    per_channel=True, activation_type=QuantType.QUInt8,
                    weight_type=QuantType.QInt8)


def distinct_parameters(model, params, rng):
    """Paddle's seeded initializers give same-shaped layers the same random
    values, which Oar stores once when constants fold; each parameter's
    values are shuffled (distribution kept: batch-norm variances stay
    positive) so that sizes count every layer."""
    import warnings
    import paddle
    paddle.enable_static()
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    prefix = model[:-len(".pdmodel")]
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prog, feeds, fetches = paddle.static.load_inference_model(prefix, exe)
        for v in prog.list_vars():
            if v.persistable and v.name not in ("feed", "fetch") and \
                    scope.find_var(v.name) is not None:
                t = scope.find_var(v.name).get_tensor()
                a = np.array(t)
                if a.size > 1 and a.dtype == np.float32:
                    t.set(rng.permutation(a.ravel()).reshape(a.shape),
                          paddle.CPUPlace())
        feed_vars = [prog.global_block().var(n) for n in feeds]
        paddle.static.save_inference_model(prefix, feed_vars, fetches, exe,
                                           program=prog)


def prepare(name, tmp):
    """(program dir, model, params, calibration samples, latency feeds,
    extra (label, model, params) rows)."""
    if name == "digits_cnn":
        import test_quant_digits as d
        root = os.path.join(tmp, "digits")
        d._train_and_quantize(root)
        xtr, _, xte, _ = d._digits()
        f = os.path.join(root, "float")
        extra = [(f"paddle-ptq {fmt} (oar convert)",
                  os.path.join(root, fmt, "model.pdmodel"),
                  os.path.join(root, fmt, "model.pdiparams"))
                 for fmt in ("current", "fake")]
        return (os.path.join(f, "model.pdmodel"),
                os.path.join(f, "model.pdiparams"), {"image": xtr[:256]},
                {"image": np.concatenate([xte, xte])[:256]}, extra)
    import zoo
    s = zoo.save(name, os.path.join(tmp, name), params=True)
    rng = np.random.default_rng(0)
    distinct_parameters(s.model, s.params, rng)
    (feed, _, shape), = s.feeds
    shape = [1 if d < 0 else d for d in shape]
    calib = rng.standard_normal([8] + shape[1:]).astype(np.float32)
    x = rng.standard_normal(shape).astype(np.float32)
    return s.model, s.params, {feed: calib}, {feed: x}, []


def bench(name, a, tmp):
    model, params, samples, feeds, extra = prepare(name, tmp)
    d = os.path.join(tmp, name + "-onnx")
    os.makedirs(d, exist_ok=True)
    float_onnx = os.path.join(d, "float.onnx")
    oar(a.bin_dir, "convert", model, params, "-o", float_onnx, "--opset", "13")
    npz = os.path.join(d, "samples.npz")
    np.savez(npz, **samples)
    table = os.path.join(d, "ranges.txt")
    subprocess.run([sys.executable, CALIBRATE, float_onnx, npz, "-o", table],
                   check=True, capture_output=True)
    variants = [("float (oar convert)", float_onnx, None)]
    static = os.path.join(d, "static.onnx")
    wo = os.path.join(d, "weights_only.onnx")
    peer = os.path.join(d, "ort_quantizer.onnx")
    jobs = [("int8 static (oar quantize)", static,
             lambda: oar(a.bin_dir, "quantize", model, params, "-o", static,
                         "--calibration-table", table)),
            ("int8 weight-only (oar quantize)", wo,
             lambda: oar(a.bin_dir, "quantize", model, params, "-o", wo,
                         "--weights-only")),
            ("int8 ort quantize_static (peer)", peer,
             lambda: ort_quantize(float_onnx, samples, peer))]
    for label, m, p in extra:
        out = os.path.join(d, label.split()[1] + ".onnx")
        jobs.append((label, out, lambda m=m, p=p, out=out:
                     oar(a.bin_dir, "convert", m, p, "-o", out)))
    for label, out, make in jobs:
        try:
            make()
            variants.append((label, out, None))
        except Exception as e:  # reported in the table, not fatal
            variants.append((label, None, str(e)[:120]))
    rows = []
    ok = []  # (row, path) of the variants onnxruntime runs
    for label, path, err in variants:
        row = {"model": name, "variant": label, "error": err}
        rows.append(row)
        if not path:
            continue
        row["file_mb"] = os.path.getsize(path) / 1e6
        row["weight_mb"] = weight_bytes(path) / 1e6
        try:
            ops = ort_graph_ops(path, d)
        except Exception as e:  # e.g. onnxruntime refuses the model
            row["error"] = "onnxruntime: " + str(e).splitlines()[0][-120:]
            continue
        row["float_convs"] = ops["Conv"] + ops["FusedConv"]
        row["int8_convs"] = ops["QLinearConv"]
        row["int8_adds"] = ops["QLinearAdd"]  # in --json only
        ok.append((row, path))
    # Agreement with the float model on the latency input: cosine of the
    # flattened outputs (a check that the speed is not a broken graph's).
    outs = [session(p, 1).run(None, feeds)[0].ravel().astype(np.float64)
            for _, p in ok]
    for (row, _), o in zip(ok, outs):
        row["cos"] = float(o @ outs[0] /
                           (np.linalg.norm(o) * np.linalg.norm(outs[0])))
    for th in (1, 2):
        ms = latencies([session(p, th) for _, p in ok], feeds,
                       a.latency_runs)
        for (row, _), m in zip(ok, ms):
            row[f"ms_{th}t"] = m
    base = ok[0][0]  # the float model
    for row, _ in ok:
        for th in (1, 2):
            row[f"ratio_{th}t"] = row[f"ms_{th}t"] / base[f"ms_{th}t"]
        row["weight_ratio"] = row["weight_mb"] / base["weight_mb"]
        print(json.dumps(row), file=sys.stderr)
    return rows


def table(rows):
    head = ("| model | variant | ms (1t) | int8/float (1t) | ms (2t) | "
            "int8/float (2t) | file MB | weight MB | weights/float | "
            "float convs | int8 convs | cos vs float |")
    out = [head, "|---|---|" + "---:|" * 10]
    for r in rows:
        if r.get("error"):
            out.append(f"| {r['model']} | {r['variant']} | fails: "
                       f"{r['error']} |" + " |" * 9)
            continue
        out.append(
            f"| {r['model']} | {r['variant']} | {r['ms_1t']:.3g} | "
            f"{r['ratio_1t']:.2f} | {r['ms_2t']:.3g} | {r['ratio_2t']:.2f} | "
            f"{r['file_mb']:.2f} | {r['weight_mb']:.2f} | "
            f"{r['weight_ratio']:.2f} | {r['float_convs']} | "
            f"{r['int8_convs']} | {r['cos']:.4f} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin-dir", default=os.path.join(REPO, "build", "bin"))
    ap.add_argument("--latency-runs", type=int, default=50)
    ap.add_argument("--only", nargs="*",
                    default=["resnet50", "mobilenet_v3_large", "digits_cnn"])
    ap.add_argument("--json")
    a = ap.parse_args()
    import onnxruntime
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.only:
            rows += bench(name, a, tmp)
    print(f"onnxruntime {onnxruntime.__version__}, {os.cpu_count()} CPUs")
    print(table(rows))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
