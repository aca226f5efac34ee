"""`out_threshold` attributes as ranges: `oar quantize --program-thresholds`.

Paddle's post-training quantization of the older format records each op
output's calibrated abs-max on the op (`out_threshold` and
`<Slot><i>_threshold`, e.g. `Output0_threshold` on conv2d). Here a float
program gets the thresholds Paddle's PTQ (abs_max) computed for it, written
onto its ops; `oar quantize --program-thresholds` must then quantize
exactly as `oar quantize --calibration-table` does with the same numbers in
a table (the same ONNX graph), and the result agree with Paddle's own
quantized inference, which quantizes the same activations with the same
scales.
"""
import os
import shutil
import warnings

import numpy as np
import pytest

from conftest import run

os.environ.setdefault("FLAGS_enable_pir_api", "0")
onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
paddle = pytest.importorskip("paddle")

import pdesc  # noqa: E402
import test_quant_ops  # noqa: E402
from paddle.base.proto import framework_pb2  # noqa: E402


def _chain():
    # The second conv's input is an op's output: its range is that op's
    # out_threshold. The feed x has no producing op, so no threshold.
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    h = paddle.nn.functional.relu(paddle.static.nn.conv2d(x, 4, 3, padding=1))
    h = paddle.nn.functional.max_pool2d(h, 2, 2)
    h = paddle.reshape(paddle.transpose(h, [0, 1, 3, 2]), [-1, 4, 2, 8])
    return [x], paddle.static.nn.conv2d(h, 4, 3, padding=1), "conv2d"


CASES = {"chain": _chain}


def _thresholds(program):
    """{output variable: threshold} from `<Slot><i>_threshold` attributes."""
    out = {}
    for op in program.blocks[0].ops:
        for slot in op.outputs:
            for i, var in enumerate(slot.arguments):
                a = pdesc.attr(op, f"{slot.parameter}{i}_threshold")
                if a is not None:
                    out[var] = a.f
    return out


def _with_thresholds(program, thresholds):
    """`program` with `<Slot><i>_threshold` and `out_threshold` attributes
    on the ops writing the variables of `thresholds`."""
    p = framework_pb2.ProgramDesc()
    p.CopyFrom(program)
    for op in p.blocks[0].ops:
        for slot in op.outputs:
            for i, var in enumerate(slot.arguments):
                if var not in thresholds:
                    continue
                for name in (f"{slot.parameter}{i}_threshold",
                             "out_threshold"):
                    a = op.attrs.add()
                    a.name, a.type = name, framework_pb2.FLOAT
                    a.f = thresholds[var]
    return p


def _graph(path):
    m = onnx.load(path)
    return ([(n.op_type, list(n.input), list(n.output)) for n in m.graph.node],
            sorted((t.name, t.SerializeToString())
                   for t in m.graph.initializer))


@pytest.mark.parametrize("name", list(CASES))
def test_program_thresholds(tmp_path, name):
    names, feed_vars = test_quant_ops._build_and_quantize(
        str(tmp_path), name, False, CASES)
    fdir, qdir = tmp_path / "float", tmp_path / "quant"
    quant = pdesc.load_program(str(qdir / "model.pdmodel"))
    thresholds = _thresholds(quant)
    # Paddle's quantized inference, and its input scales of the quantized
    # convs: the feed's, and the reshape output's, also its out_threshold.
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    feeds = test_quant_ops._feeds(feed_vars, 16, test_quant_ops.SEED + 100)
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prog, _, fetches = paddle.static.load_inference_model(
            str(qdir / "model"), exe)
        want = exe.run(prog, feed=feeds, fetch_list=fetches)[0]
        in_scales = {
            op.input("X")[0]: float(np.array(scope.find_var(
                op.input("InScale")[0]).get_tensor()).reshape(-1)[0])
            for op in prog.global_block().ops
            if op.type == "fake_quantize_range_abs_max"}
    assert len(in_scales) == 2, in_scales
    reshape_out = [v for v in in_scales if v != "x"][0]
    assert thresholds[reshape_out] == pytest.approx(in_scales[reshape_out],
                                                    rel=1e-6)

    tdir = tmp_path / "thresholds"
    tdir.mkdir()
    program = _with_thresholds(
        pdesc.load_program(str(fdir / "model.pdmodel")), thresholds)
    (tdir / "model.pdmodel").write_bytes(program.SerializeToString())
    shutil.copy(fdir / "model.pdiparams", tdir / "model.pdiparams")

    # The feed's range from a table, the rest from the program.
    table = tmp_path / "x.txt"
    table.write_text(f"x {in_scales['x']!r}\n")
    full = tmp_path / "full.txt"
    full.write_text("".join(f"{v} {t!r}\n" for v, t in thresholds.items())
                    + f"x {in_scales['x']!r}\n")
    a, b = str(tmp_path / "a.onnx"), str(tmp_path / "b.onnx")
    r = run("oar", "quantize", tdir / "model.pdmodel", "-o", a,
            "--calibration-table", table, "--program-thresholds")
    assert r.rc == 0, r
    r = run("oar", "quantize", fdir / "model.pdmodel", "-o", b,
            "--calibration-table", full)
    assert r.rc == 0, r
    assert _graph(a) == _graph(b)
    onnx.checker.check_model(a, full_check=True)
    ops = [n.op_type for n in onnx.load(a).graph.node]
    assert ops.count("QuantizeLinear") == 2, ops

    # Without the table only the reshape's output has a range.
    c = str(tmp_path / "c.onnx")
    r = run("oar", "quantize", tdir / "model.pdmodel", "-o", c,
            "--program-thresholds")
    assert r.rc == 0, r
    ops = [n.op_type for n in onnx.load(c).graph.node]
    assert ops.count("QuantizeLinear") == 1, ops

    # Against Paddle's quantized inference (same activation scales; Paddle
    # rounds activations half away from zero and clips at its scale, Oar
    # half to even and saturates at [-128, 127]).
    so = ort.SessionOptions()
    so.log_severity_level = 3
    sess = ort.InferenceSession(a, so, providers=["CPUExecutionProvider"])
    got = sess.run(None, {n: feeds[n] for n in names})[0]
    diff = np.abs(got - want)
    step = np.abs(want).max() / 127
    close = (diff <= 1e-4 + 1e-4 * np.abs(want)).mean()
    print(f"{name}: thresholds {thresholds}, close {close:.4f}, "
          f"max diff {diff.max():.3g} (step {step:.3g})")
    assert close >= 0.99
    assert diff.max() <= 2 * step
