"""onnx-eliminate-redundant's Cast(Cast(x, T1), T2) rewrite against
onnxruntime.

Every chain of three element types is written as `onnx` MLIR and run
through `oar-opt -onnx-eliminate-redundant`; where the pass shortened the
chain (to x, or to Cast(x, T2)), onnxruntime must give the same values for
both forms on edge values of T0 (extremes, powers of two, halves, values a
narrower type cannot hold). Values for which the original chain is
undefined in ONNX (float to integer out of range) are left out.
"""
import itertools
import re

import numpy as np
import pytest

from conftest import run

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx import helper  # noqa: E402

TYPES = {"i1": np.bool_, "i8": np.int8, "ui8": np.uint8, "i16": np.int16,
         "ui16": np.uint16, "i32": np.int32, "ui32": np.uint32,
         "i64": np.int64, "ui64": np.uint64, "f16": np.float16,
         "f32": np.float32, "f64": np.float64}
EDGES = [0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 32767, 32768, -32769,
         65535, 65536, 2**24 + 1, 2**31 - 1, 2**31, -2**31 - 1, 2**32,
         2**53 + 1, 2**63 - 1, -2**63, 2**64 - 1]
FLOATS = [0.5, -0.5, 1.5, -1.7, 2.5, 100.25, 127.9, 255.5, 300.7, -129.5,
          65504.0, 1e5, 3e9, 1e20, 1e-8, 0.1]


def values_of(t):
    dt = np.dtype(TYPES[t])
    if dt == np.bool_:
        return np.array([False, True])
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return np.array(sorted({v for v in EDGES
                                if info.min <= v <= info.max}), dtype=dt)
    with np.errstate(over="ignore"):
        vals = np.array(EDGES + FLOATS, dtype=np.float64).astype(dt)
    return np.unique(vals[np.isfinite(vals)])


def defined(x, chain):
    """Mask of the values for which every float-to-integer step is in range."""
    ok = np.ones(x.shape, dtype=bool)
    v = x
    for t in chain[1:]:
        dt = np.dtype(TYPES[t])
        if v.dtype.kind == "f" and dt.kind in "iu":
            info = np.iinfo(dt)
            tv = np.trunc(v.astype(np.float64))
            ok &= (tv >= info.min) & (tv <= info.max)
            v = np.where(ok, v, 0)
        with np.errstate(all="ignore"):
            v = v.astype(dt)
    return ok


def onnx_type(t):
    return helper.np_dtype_to_tensor_dtype(np.dtype(TYPES[t]))


def session(t0, casts):
    """A model x: t0 -> Cast(...Cast(x, casts[0])..., casts[-1])."""
    nodes, prev = [], "x"
    for k, t in enumerate(casts):
        nodes.append(helper.make_node("Cast", [prev], [f"c{k}"],
                                      to=onnx_type(t)))
        prev = f"c{k}"
    if not nodes:
        nodes.append(helper.make_node("Identity", ["x"], ["c"]))
        prev = "c"
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("x", onnx_type(t0), [None])],
        [helper.make_tensor_value_info(prev, onnx_type(casts[-1] if casts
                                                       else t0), [None])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return ort.InferenceSession(model.SerializeToString(),
                                providers=["CPUExecutionProvider"])


def to_attr(t):
    return int(onnx_type(t))


def test_cast_chains_match_onnxruntime(tmp_path):
    chains = [c for c in itertools.product(TYPES, repeat=3)
              if c[0] != c[1] and c[1] != c[2]]
    funcs = []
    for n, (t0, t1, t2) in enumerate(chains):
        funcs.append(f"""
func.func @c{n}(%x: tensor<?x{t0}>) -> tensor<?x{t2}> {{
  %a = onnx.Cast(%x) {{to = {to_attr(t1)} : i64}} : (tensor<?x{t0}>) -> tensor<?x{t1}>
  %b = onnx.Cast(%a) {{to = {to_attr(t2)} : i64}} : (tensor<?x{t1}>) -> tensor<?x{t2}>
  return %b : tensor<?x{t2}>
}}""")
    src = tmp_path / "chains.mlir"
    src.write_text("\n".join(funcs))
    res = run("oar-opt", str(src), "-onnx-eliminate-redundant")
    assert res.rc == 0, res.err
    bodies = re.split(r"func\.func @c(\d+)", res.out)[1:]
    casts_left = {int(bodies[i]): bodies[i + 1].count("onnx.Cast")
                  for i in range(0, len(bodies), 2)}
    merged = 0
    for n, (t0, t1, t2) in enumerate(chains):
        left = casts_left[n]
        if left == 2:
            continue
        merged += 1
        x = values_of(t0)
        x = x[defined(x, (t0, t1, t2))]
        want = session(t0, [t1, t2]).run(None, {"x": x})[0]
        short = [] if left == 0 else [t2]
        got = session(t0, short).run(None, {"x": x})[0]
        np.testing.assert_array_equal(
            got, want, err_msg=f"Cast chain {t0} -> {t1} -> {t2}")
    print(f"{merged} of {len(chains)} chains shortened")
    assert merged > 0
