"""`out_threshold` attributes as ranges: `oar quantize --program-thresholds`.

Paddle's post-training quantization of the older format records each op
output's calibrated abs-max on the op (`out_threshold` and
`<Slot><i>_threshold`, e.g. `Output0_threshold` on conv2d). Here a float
program gets the thresholds Paddle's PTQ (abs_max) computed for it, written
onto its ops; `oar quantize --program-thresholds` must then quantize
exactly as `oar quantize --calibration-table` does with the same numbers in
a table (the same ONNX graph), in both quant formats. The tensorrt form
(symmetric, op inputs only) of the op types Paddle quantized must agree
with Paddle's own quantized inference, which quantizes the same
activations with the same scales. The qdq form quantizes non-negative
values on [0, abs-max] and op outputs too (docs/quantization.md), so it
does not reproduce Paddle's int8 numbers: it is checked against Paddle's
float inference, within the error Paddle's own quantization makes.
"""
import os
import shutil

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


def _activation_quantizers(path):
    """How many QuantizeLinear nodes quantize a computed value (not a
    weight: the tensorrt form quantizes the float weights in the graph)."""
    m = onnx.load(path)
    consts = {t.name for t in m.graph.initializer}
    consts |= {o for n in m.graph.node if n.op_type == "Constant"
               for o in n.output}
    return sum(n.op_type == "QuantizeLinear" and n.input[0] not in consts
               for n in m.graph.node)


@pytest.mark.parametrize("name", list(CASES))
def test_program_thresholds(tmp_path, name):
    names, feed_vars = test_quant_ops._build_and_quantize(
        str(tmp_path), name, False, CASES)
    fdir, qdir = tmp_path / "float", tmp_path / "quant"
    quant = pdesc.load_program(str(qdir / "model.pdmodel"))
    thresholds = _thresholds(quant)
    # Paddle's quantized inference, and its input scales of the quantized
    # convs: the feed's, and the reshape output's, also its out_threshold.
    feeds = test_quant_ops._feeds(feed_vars, 16, test_quant_ops.SEED + 100)
    prog, scope, want = test_quant_ops.paddle_infer(str(qdir / "model"),
                                                    feeds)
    in_scales = {
        op.input("X")[0]: float(np.array(scope.find_var(
            op.input("InScale")[0]).get_tensor()).reshape(-1)[0])
        for op in prog.global_block().ops
        if op.type == "fake_quantize_range_abs_max"}
    assert len(in_scales) == 2, in_scales
    reshape_out = [v for v in in_scales if v != "x"][0]
    assert thresholds[reshape_out] == pytest.approx(in_scales[reshape_out],
                                                    rel=1e-6)

    _, _, want_float = test_quant_ops.paddle_infer(str(fdir / "model"), feeds)

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

    def quantize(form, *extra):
        """The thresholds model in quant format `form`, after checking that
        it is the table model."""
        a = str(tmp_path / f"a_{form}.onnx")
        b = str(tmp_path / f"b_{form}.onnx")
        r = run("oar", "quantize", tdir / "model.pdmodel", "-o", a,
                "--calibration-table", table, "--program-thresholds",
                "--quant-format", form, *extra)
        assert r.rc == 0, r
        r = run("oar", "quantize", fdir / "model.pdmodel", "-o", b,
                "--calibration-table", full, "--quant-format", form, *extra)
        assert r.rc == 0, r
        assert _graph(a) == _graph(b)
        onnx.checker.check_model(a, full_check=True)
        return a

    def infer(path):
        return test_quant_ops.ort_infer(path, feeds, names)

    # Both forms: the thresholds model is the table model (the same ONNX
    # graph, so the thresholds were read). The tensorrt form quantizes the
    # op inputs only, symmetrically (scale abs-max / 127); with the op
    # types Paddle quantized (conv2d), its activation quantizers are
    # Paddle's: the feed's and the reshape output's range.
    trt = quantize("tensorrt", "--op-types", "conv2d")
    assert _activation_quantizers(trt) == 2
    # The qdq form (all op types) quantizes the feed and the first conv's
    # relu output (pool2d's input, its range the program's out_threshold);
    # the max pool, transpose and reshape after it hold only its values
    # and take its parameters, so pd-propagate-quant runs them on the
    # 8-bit storage and folds the reshape output's requantization. The
    # second conv's output is the model's and stays float.
    qdq = quantize("qdq")
    assert _activation_quantizers(qdq) == 2

    # Without the table only the reshape's output has a range.
    c = str(tmp_path / "c.onnx")
    r = run("oar", "quantize", tdir / "model.pdmodel", "-o", c,
            "--program-thresholds", "--quant-format", "tensorrt",
            "--op-types", "conv2d")
    assert r.rc == 0, r
    assert _activation_quantizers(c) == 1

    # The tensorrt form against Paddle's quantized inference (the same
    # activation scales; Paddle rounds activations half away from zero and
    # clips at its scale, Oar half to even and saturates at [-128, 127]).
    step = np.abs(want).max() / 127
    got = infer(trt)
    diff = np.abs(got - want)
    close = (diff <= 1e-4 + 1e-4 * np.abs(want)).mean()
    print(f"{name}: thresholds {thresholds}, tensorrt form against Paddle "
          f"int8: close {close:.4f}, max diff {diff.max():.3g} "
          f"(step {step:.3g})")
    assert close >= 0.99
    assert diff.max() <= 2 * step
    # The qdq form quantizes non-negative values on [0, abs-max] with 255
    # steps, not Paddle's 127, so it does not reproduce Paddle's int8
    # numbers; against Paddle float it stays within the error Paddle's
    # own quantization makes.
    got = infer(qdq)
    err_oar = np.abs(got - want_float).max()
    err_paddle = np.abs(want - want_float).max()
    print(f"{name}: qdq form against Paddle float: max error {err_oar:.3g}"
          f" (Paddle int8: {err_paddle:.3g})")
    assert err_oar <= err_paddle
