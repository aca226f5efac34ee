"""onnx-fuse-bn-into-conv against onnxruntime.

Each case writes Conv (or ConvTranspose) + BatchNormalization with random
weights as `onnx` MLIR, runs `oar-opt -onnx-fuse-bn-into-conv`, reads the
fused weights back, and runs both graphs, the original and the fused one,
in onnxruntime (built with onnx.helper from the same arrays): the outputs
must agree. onnxruntime's own BatchNormalization and ConvTranspose are the
oracle for the formula and the weight layout.
"""
import re

import numpy as np
import pytest

from conftest import run

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx import helper, TensorProto  # noqa: E402

# name, op, input channels, output channels, group, kernel, strides, bias
CASES = [
    ("conv", "Conv", 3, 8, 1, 3, 1, True),
    ("conv_grouped_nobias", "Conv", 4, 6, 2, 3, 2, False),
    ("depthwise", "Conv", 6, 6, 6, 3, 1, True),
    ("convtranspose", "ConvTranspose", 3, 5, 1, 3, 2, True),
    ("convtranspose_grouped", "ConvTranspose", 4, 6, 2, 2, 2, False),
]


def mlir_dense(a):
    """A dense attribute of `a`'s float32 bytes (exact, no decimal round trip)."""
    shape = "x".join(str(d) for d in a.shape)
    data = a.astype("<f4").tobytes().hex().upper()
    return f'dense<"0x{data}"> : tensor<{shape}xf32>'


def ttype(shape):
    return "tensor<" + "x".join(str(d) for d in shape) + "xf32>"


def conv_out(op, h, k, s):
    return (h - k) // s + 1 if op == "Conv" else (h - 1) * s + k


def read_constants(text):
    """SSA name -> float32 array, from `onnx.Constant` lines printed in hex."""
    out = {}
    pat = re.compile(r'(%\w+) = onnx\.Constant\(\) \{value = dense<"0x([0-9A-F]+)"> : '
                     r'tensor<([0-9x]+)xf32>\}')
    for name, hexdata, shape in pat.findall(text):
        dims = [int(d) for d in shape.split("x")]
        out[name] = np.frombuffer(bytes.fromhex(hexdata),
                                  dtype="<f4").reshape(dims)
    return out


def model(op, attrs, inits, nodes_bn, x_shape, y_shape):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, x_shape)
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, y_shape)
    initializers = [helper.make_tensor(n, TensorProto.FLOAT, a.shape,
                                       a.astype(np.float32).ravel())
                    for n, a in inits.items()]
    graph = helper.make_graph(nodes_bn, "g", [x], [y], initializers)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    return ort.InferenceSession(m.SerializeToString(),
                                providers=["CPUExecutionProvider"])


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_fused_matches_onnxruntime(case, tmp_path):
    name, op, cin, cout, group, k, s, has_bias = case
    rng = np.random.default_rng(abs(hash(name)) % (1 << 32))
    if op == "Conv":
        w_shape = (cout, cin // group, k, k)
    else:
        w_shape = (cin, cout // group, k, k)
    w = rng.standard_normal(w_shape).astype(np.float32)
    b = rng.standard_normal(cout).astype(np.float32)
    scale = rng.standard_normal(cout).astype(np.float32)
    bn_b = rng.standard_normal(cout).astype(np.float32)
    mean = rng.standard_normal(cout).astype(np.float32)
    var = rng.uniform(0.1, 2.0, cout).astype(np.float32)
    eps = 1e-3
    h = 7
    x_shape = (2, cin, h, h)
    oh = conv_out(op, h, k, s)
    y_shape = (2, cout, oh, oh)
    attrs = {"group": group, "strides": [s, s], "kernel_shape": [k, k]}

    attr_text = (f"{{group = {group} : i64, kernel_shape = array<i64: {k}, {k}>,"
                 f" strides = array<i64: {s}, {s}>}}")
    bias_ssa = "%b" if has_bias else "%none"
    bias_type = ttype((cout,)) if has_bias else "none"
    vec = ttype((cout,))
    text = f"""
func.func @f(%x: {ttype(x_shape)}) -> {ttype(y_shape)} {{
  %none = onnx.NoValue
  %w = onnx.Constant() {{value = {mlir_dense(w)}}} : () -> {ttype(w_shape)}
  %b = onnx.Constant() {{value = {mlir_dense(b)}}} : () -> {vec}
  %s = onnx.Constant() {{value = {mlir_dense(scale)}}} : () -> {vec}
  %bb = onnx.Constant() {{value = {mlir_dense(bn_b)}}} : () -> {vec}
  %m = onnx.Constant() {{value = {mlir_dense(mean)}}} : () -> {vec}
  %v = onnx.Constant() {{value = {mlir_dense(var)}}} : () -> {vec}
  %c = onnx.{op}(%x, %w, {bias_ssa}) {attr_text} : ({ttype(x_shape)}, {ttype(w_shape)}, {bias_type}) -> {ttype(y_shape)}
  %y, %r1, %r2, %r3, %r4 = onnx.BatchNormalization(%c, %s, %bb, %m, %v) {{epsilon = {eps:.9e} : f32}} : ({ttype(y_shape)}, {vec}, {vec}, {vec}, {vec}) -> ({ttype(y_shape)}, none, none, none, none)
  return %y : {ttype(y_shape)}
}}
"""
    src = tmp_path / "in.mlir"
    src.write_text(text)
    res = run("oar-opt", str(src), "-onnx-fuse-bn-into-conv",
              "-mlir-print-elementsattrs-with-hex-if-larger=0")
    assert res.rc == 0, res.err
    out = res.out
    assert "BatchNormalization" not in out
    conv = re.search(rf"onnx\.{op}\(%\w+, (%\w+), (%\w+)\)", out)
    assert conv, out
    consts = read_constants(out)
    w2, b2 = consts[conv.group(1)], consts[conv.group(2)]

    inputs = ["x", "w", "b"] if has_bias else ["x", "w"]
    original = model(op, attrs, {"w": w, "b": b, "s": scale, "bb": bn_b,
                                 "m": mean, "v": var} if has_bias else
                     {"w": w, "s": scale, "bb": bn_b, "m": mean, "v": var},
                     [helper.make_node(op, inputs, ["c"], **attrs),
                      helper.make_node("BatchNormalization",
                                       ["c", "s", "bb", "m", "v"], ["y"],
                                       epsilon=eps)],
                     x_shape, y_shape)
    fused = model(op, attrs, {"w": w2, "b": b2},
                  [helper.make_node(op, ["x", "w", "b"], ["y"], **attrs)],
                  x_shape, y_shape)
    xv = rng.standard_normal(x_shape).astype(np.float32)
    want = original.run(None, {"x": xv})[0]
    got = fused.run(None, {"x": xv})[0]
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
