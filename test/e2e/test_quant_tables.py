"""Paddle Inference's TensorRT calibration tables as `oar quantize
--calibration-table` input.

Paddle Inference (TensorRT int8 with calibration) writes one TensorRT
calibration cache per TensorRT subgraph into the model's `_opt_cache`
directory, as `trt_calib_<engine key>`, with tensors named by Paddle
variable. Given that directory, Oar reads every `trt_calib_*` file in it:
here the ranges tools/oar-calibrate recorded for the digits CNN, split over
two such files, must give the model Oar's own table gives (the same ONNX
graph); a directory without such files, or a file in it that is not a
TensorRT cache, is refused with the file (and line), and nothing is
written.
"""
import os
import struct

import numpy as np
import pytest

from conftest import run

os.environ.setdefault("FLAGS_enable_pir_api", "0")
onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
pytest.importorskip("paddle")
pytest.importorskip("sklearn")

from test_quant_digits import _static_quantize, digits_models  # noqa: E402,F401


def _graph(path):
    m = onnx.load(path)
    return ([(n.op_type, list(n.input), list(n.output)) for n in m.graph.node],
            sorted((t.name, t.SerializeToString())
                   for t in m.graph.initializer))


def _cache_line(name, absmax):
    step = np.float32(float(absmax) / 127)
    return f"{name}: {struct.pack('>f', step).hex()}"


def test_paddle_trt_calib_directory(digits_models, tmp_path):
    _, oar_model, table = _static_quantize(digits_models, tmp_path, [], "t")
    entries = [line.split() for line in open(table)
               if line.strip() and not line.startswith("#")]
    assert len(entries) >= 4
    opt = tmp_path / "model" / "_opt_cache"
    opt.mkdir(parents=True)
    half = len(entries) // 2
    # Two engines; the second also lists a tensor of the first with a
    # smaller range (the larger wins), and an unnamed TensorRT tensor.
    name0, absmax0 = entries[0]
    for key, part, extra in (
            ("1234567890", entries[:half], []),
            ("987654321", entries[half:],
             [_cache_line(name0, float(absmax0) / 2),
              _cache_line("(Unnamed Layer* 3) [Constant]_output", 1.0)])):
        lines = ["TRT-8601-EntropyCalibration2"]
        lines += [_cache_line(n, a) for n, a in part] + extra
        (opt / f"trt_calib_{key}").write_text("\n".join(lines) + "\n")
    (opt / "shape_range_info.pbtxt").write_text("not a table\n")
    fdir = os.path.join(digits_models, "float")
    args = [os.path.join(fdir, "model.pdmodel"),
            os.path.join(fdir, "model.pdiparams")]
    # Oar's table with the f32 steps the caches hold, for the same graph.
    same = tmp_path / "same.table"
    same.write_text("".join(
        f"{n} {float(np.float32(float(a) / 127)) * 127!r}\n"
        for n, a in entries))
    ref = str(tmp_path / "ref.onnx")
    assert run("oar", "quantize", *args, "-o", ref, "--calibration-table",
               same).rc == 0
    out = str(tmp_path / "dir.onnx")
    r = run("oar", "quantize", *args, "-o", out, "--calibration-table", opt)
    assert r.rc == 0, r
    onnx.checker.check_model(out, full_check=True)
    assert _graph(out) == _graph(ref)
    ops = [n.op_type for n in onnx.load(out).graph.node]
    assert ops.count("QuantizeLinear") == 4, ops

    # Bad inputs: each directory (its trt_calib_1, or none) is refused with
    # the message, and nothing is written.
    bad_out = str(tmp_path / "bad.onnx")
    bad = {
        "empty": (None, lambda d: f"calibration table directory '{d}' holds "
                  "no trt_calib_* file"),
        "notrt": (f"{name0} {absmax0}\n",
                  lambda d: f"calibration table '{d / 'trt_calib_1'}', line "
                  "1: expected a TensorRT calibration cache header"),
        "malformed": ("TRT-8601-EntropyCalibration2\n"
                      + _cache_line(name0, absmax0) + f"\n{name0}: not-hex\n",
                      lambda d: f"calibration table '{d / 'trt_calib_1'}', "
                      "line 3: expected 'NAME: HEX'"),
    }
    for dirname, (text, message) in bad.items():
        d = tmp_path / dirname
        d.mkdir()
        if text is not None:
            (d / "trt_calib_1").write_text(text)
        r = run("oar", "quantize", *args, "-o", bad_out,
                "--calibration-table", d)
        assert r.rc == 1, (dirname, r)
        assert message(d) in r.err, (dirname, r)
        assert not os.path.exists(bad_out), dirname
