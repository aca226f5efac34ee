"""Quantized Paddle programs end to end (docs/quantization.md).

Fake quantize-dequantize ops stay in float in Paddle and round half away
from zero; Oar lowers them to float ONNX ops that compute the same f32
values. These tests feed values that land exactly on rounding ties (the
case where ONNX's QuantizeLinear, which rounds half to even, differs) and
require bit-equal outputs from onnxruntime.
"""
import os
import warnings

import numpy as np
import pytest

from conftest import run

os.environ.setdefault("FLAGS_enable_pir_api", "0")
onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
paddle = pytest.importorskip("paddle")


def _ties(m, count, rng):
    """f32 values x around (j + 0.5) / m for j in [-count, count), and their
    f32 neighbours: some of them give f32(m * x) == j + 0.5 exactly."""
    m = np.float32(m)
    base = ((np.arange(-count, count) + 0.5) / m).astype(np.float32)
    xs = np.concatenate([base, np.nextafter(base, np.float32(np.inf)),
                         np.nextafter(base, np.float32(-np.inf))])
    return rng.permutation(xs).astype(np.float32)


def _is_tie(m, x):
    y = np.float32(m) * x
    return (y - np.floor(y)) == np.float32(0.5)


def _save_fake_quant_program(prefix, scale, weight):
    """x -> fake_quantize_dequantize_moving_average_abs_max(InScale=scale);
    weight -> fake_channel_wise_quantize_dequantize_abs_max (axis 0), added
    to a zero feed so that it is an output."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [-1], "float32")
        z = paddle.static.data("z", list(weight.shape), "float32")
        block = main.global_block()
        s = paddle.static.create_parameter(
            [1], "float32", name="act.scale",
            default_initializer=paddle.nn.initializer.Assign(
                np.array([scale], np.float32)))
        w = paddle.static.create_parameter(
            list(weight.shape), "float32", name="w",
            default_initializer=paddle.nn.initializer.Assign(weight))
        xq = block.create_var(name="x.quantized.dequantized", dtype="float32")
        xs = block.create_var(name="x.out_scale", dtype="float32")
        block.append_op(
            type="fake_quantize_dequantize_moving_average_abs_max",
            inputs={"X": x, "InScale": s},
            outputs={"Out": xq, "OutScale": xs},
            attrs={"is_test": True, "bit_length": 8, "moving_rate": 0.9})
        wq = block.create_var(name="w.quantized.dequantized", dtype="float32")
        ws = block.create_var(name="w.scale", dtype="float32")
        block.append_op(
            type="fake_channel_wise_quantize_dequantize_abs_max",
            inputs={"X": w}, outputs={"Out": wq, "OutScale": ws},
            attrs={"bit_length": 8, "quant_axis": 0})
        y = paddle.add(xq, paddle.full([], 0.0, "float32"))
        wout = paddle.add(z, wq)
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exe.run(startup)
        paddle.static.save_inference_model(prefix, [x, z], [y, wout], exe,
                                           program=main)
    return prefix + ".pdmodel", prefix + ".pdiparams"


def _paddle_run(model, params, feeds):
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prog, _, fetches = paddle.static.load_inference_model(
            os.path.dirname(model), exe,
            model_filename=os.path.basename(model),
            params_filename=os.path.basename(params))
        return [np.asarray(o) for o in exe.run(prog, feed=feeds,
                                               fetch_list=fetches)]


def _ort_run(path, feeds):
    onnx.checker.check_model(path, full_check=True)
    so = ort.SessionOptions()
    so.log_severity_level = 3
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    return sess.run(None, feeds)


@pytest.mark.parametrize("opset", [None, 13])
def test_fake_quant_dequant_ties_round_like_paddle(tmp_path, opset):
    rng = np.random.default_rng(7)
    scale = 1.7
    m = np.float32(127) * (np.float32(1) / np.float32(scale))
    x = np.concatenate([_ties(m, 127, rng),
                        np.float32([3.0, -3.0, 0.0])])  # clipped, zero
    assert _is_tie(m, x).sum() >= 50  # the case under test is present
    # Weights: channel c has abs-max 2^-c (an exact inverse) and values on
    # ties of that channel's multiplier.
    rows = []
    for c in range(3):
        s = np.float32(2.0 ** -c)
        mc = np.float32(127) * (np.float32(1) / s)
        t = _ties(mc, 40, rng)
        t = t[np.abs(t) <= s][:200]
        rows.append(np.concatenate([t, [s]]))
    width = min(len(r) for r in rows)
    weight = np.stack([r[-width:] for r in rows]).astype(np.float32)
    model, params = _save_fake_quant_program(str(tmp_path / "fq"), scale,
                                             weight)
    feeds = {"x": x, "z": np.zeros_like(weight)}
    want = _paddle_run(model, params, feeds)
    out = str(tmp_path / "fq.onnx")
    args = ["convert", model, params, "-o", out]
    if opset:
        args += ["--opset", str(opset)]
    r = run("oar", *args)
    assert r.rc == 0, r
    got = _ort_run(out, feeds)
    # Half to even would differ from Paddle on these inputs.
    even = np.round(np.clip(x, -scale, scale) * m) * np.float32(scale) / 127
    assert (even.astype(np.float32) != want[0]).any()
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)


def _crnn_qat(tmp_path):
    """The QAT CRNN field model's program materialized under `tmp_path`,
    its feeds and Paddle's outputs (skips without the field models)."""
    import convert_cases as cc
    cases = {c.name: c for c in cc.all_cases()}
    case = cases.get("field-crnn_qat_fakequant")
    if case is None:
        pytest.skip("field models not found (set OAR_FIELD_MODELS)")
    m = cc.materialize(case, str(tmp_path / "programs"))
    (feeds, want), = cc.paddle_run(m)
    return m, feeds, want


def test_crnn_qat_tensorrt_form(tmp_path):
    """The QAT CRNN field model (fused fake quantize-dequantize ops) in the
    TensorRT form: every quantizer a QuantizeLinear/DequantizeLinear pair
    (rules of docs/quantization.md, checked as for the digits models),
    passing the checker and running in onnxruntime. Q/DQ rounds ties half
    to even where Paddle rounds them away from zero, and divides by the
    step where Paddle multiplies by its inverse: measured max |diff| 0.0121
    (0.0106 in the exact QDQ form, test_convert.py)."""
    from test_quant_digits import check_tensorrt_rules
    m, feeds, want = _crnn_qat(tmp_path)
    out = str(tmp_path / "crnn.onnx")
    r = run("oar", "convert", m.model, m.params, "-o", out,
            "--quant-format", "tensorrt")
    assert r.rc == 0, r
    model = onnx.load(out)
    check_tensorrt_rules(model)
    ops = [n.op_type for n in model.graph.node]
    assert ops.count("QuantizeLinear") >= 128  # 64 activations, 64 weights
    got = _ort_run(out, feeds)
    np.testing.assert_allclose(got[0], want[0], atol=1.5e-2, rtol=1e-5)


def test_quant_format_flag_rejects_unknown(tmp_path):
    model, params = _save_fake_quant_program(
        str(tmp_path / "fq"), 1.7, np.ones((2, 3), np.float32))
    out = str(tmp_path / "x.onnx")
    r = run("oar", "convert", model, params, "-o", out, "--quant-format",
            "int4")
    assert r.rc == 2, r
    assert "--quant-format takes qdq or tensorrt, not 'int4'" in r.err
    assert not os.path.exists(out)


def test_fake_quant_qdq_ties(tmp_path):
    """--fake-quant qdq lowers the fused ops to QuantizeLinear /
    DequantizeLinear (int8 weights, no float rounding emulation): the
    result is x / step rounded half to even, so elements on or within an
    ulp of a rounding tie differ from Paddle (half away from zero, by
    multiplying by 127 * (1 / s)) by one step; every other element agrees
    within float rounding of the step."""
    rng = np.random.default_rng(7)
    scale = 1.7
    m = np.float32(127) * (np.float32(1) / np.float32(scale))
    x = np.concatenate([_ties(m, 127, rng), np.float32([3.0, -3.0, 0.0])])
    ties = _is_tie(m, x)
    assert ties.sum() >= 50
    weight = rng.standard_normal((3, 8)).astype(np.float32)
    model, params = _save_fake_quant_program(str(tmp_path / "fq"), scale,
                                             weight)
    feeds = {"x": x, "z": np.zeros_like(weight)}
    want = _paddle_run(model, params, feeds)
    out = str(tmp_path / "qdq.onnx")
    r = run("oar", "convert", model, params, "-o", out, "--fake-quant", "qdq")
    assert r.rc == 0, r
    got = _ort_run(out, feeds)
    ops = [n.op_type for n in onnx.load(out).graph.node]
    assert "QuantizeLinear" in ops and "Floor" not in ops, ops
    assert any(t.data_type == onnx.TensorProto.INT8 and list(t.dims) == [3, 8]
               for t in onnx.load(out).graph.initializer)
    # What QuantizeLinear computes: x / step in f32 (step = s / 127 as f32),
    # rounded half to even, after the clip to [-s, s].
    step = np.float32(np.float32(scale) / np.float32(127))
    q = np.round(np.clip(x, -np.float32(scale), np.float32(scale)) / step)
    np.testing.assert_allclose(got[0], q.astype(np.float32) * step,
                               rtol=1e-6, atol=0)
    # Against Paddle: the elements that moved are one step away, and they
    # are ties of Paddle's f32 multiplier or their f32 neighbours (within
    # an ulp of a rounding boundary), as docs/quantization.md says.
    diff = np.abs(got[0] - want[0])
    moved = diff > step / 2
    assert 0 < moved.sum() < len(x) // 4, moved.sum()
    np.testing.assert_allclose(diff[moved], step, rtol=0, atol=1e-6)
    assert diff[~moved].max() <= 1e-6
    y = m * x
    near = np.abs(np.abs(y - np.floor(y)) - np.float32(0.5)) <= \
        4 * np.spacing(np.abs(y))
    assert (near[moved]).all()
    assert (moved & ties).sum() > 0
    # The weights: Paddle's integers, dequantized by s / 127.
    np.testing.assert_allclose(got[1], want[1], rtol=1e-6, atol=1e-7)
    r = run("oar", "convert", model, params, "-o", str(tmp_path / "x.onnx"),
            "--fake-quant", "int4")
    assert r.rc == 2 and "--fake-quant takes exact or qdq, not 'int4'" in \
        r.err, r
    assert not os.path.exists(tmp_path / "x.onnx")


def test_crnn_qat_fake_quant_qdq(tmp_path):
    """The QAT CRNN field model with --fake-quant qdq: its 64 activation and
    64 weight fused fake quantize-dequantize ops become 64 QuantizeLinear,
    128 DequantizeLinear and 64 int8 weights (5.4 MB against 15.6 MB),
    and the output agrees with Paddle's: argmax at every time step, max
    |diff| 0.0106 measured, as in the exact form (convert_cases.TOLERANCE:
    the last-ulp differences of conv and batch norm dominate the ties)."""
    m, feeds, want = _crnn_qat(tmp_path)
    out = str(tmp_path / "crnn.onnx")
    r = run("oar", "convert", m.model, m.params, "-o", out,
            "--fake-quant", "qdq")
    assert r.rc == 0, r
    model = onnx.load(out)
    ops = [n.op_type for n in model.graph.node]
    assert ops.count("QuantizeLinear") == 64, ops.count("QuantizeLinear")
    assert ops.count("DequantizeLinear") == 128
    assert "Floor" not in ops  # no float emulation of Paddle's rounding
    assert sum(t.data_type == onnx.TensorProto.INT8 and len(t.dims) >= 2
               for t in model.graph.initializer) == 64
    got = _ort_run(out, feeds)
    import convert_cases as cc
    atol, rtol, _ = cc.TOLERANCE["field-crnn_qat_fakequant"]
    np.testing.assert_allclose(got[0], want[0], atol=atol, rtol=rtol)
    assert (got[0].argmax(-1) == want[0].argmax(-1)).all()
