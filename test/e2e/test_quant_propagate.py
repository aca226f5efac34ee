"""pd-propagate-quant end to end: programs where Paddle's post-training
quantization (abs_max) quantizes the input and the output of ops that move
or take the maximum of elements (max pool2d, transpose2, reshape2, concat,
unsqueeze2, squeeze2, flatten_contiguous_range) with the same scale, as it
does when the abs-max does not change through them. Oar runs those ops on
the int8 values: the ONNX model has fewer QuantizeLinear/DequantizeLinear
pairs than Paddle has quantizers, the moved ops read 8-bit integers (uint8
in the exported model, see below), and the outputs
still agree with Paddle's quantized inference within test_quant_ops.py's
tolerance (99% of the elements within 1e-4, all within two steps). A slice,
whose output Paddle gives a smaller scale, runs on int8 too, and the
requantization after it stays.
"""
import os

import pytest


os.environ.setdefault("FLAGS_enable_pir_api", "0")
onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
paddle = pytest.importorskip("paddle")

import test_quant_ops  # noqa: E402  (after the importorskips)


def _relu_conv(x, channels=4):
    return paddle.nn.functional.relu(
        paddle.static.nn.conv2d(x, channels, 3, padding=1))


def _pool_transpose_reshape():
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    h = paddle.nn.functional.max_pool2d(_relu_conv(x), 2, 2)
    h = paddle.transpose(h, [0, 1, 3, 2])
    h = paddle.reshape(h, [-1, 4, 2, 8])
    out = paddle.static.nn.conv2d(h, 4, 3, padding=1)
    return [x], out, ("conv2d", "pool2d", "transpose2", "reshape2")


def _concat_pools():
    # Both pools see every element of h (ReLU'd, so non-negative): their
    # abs-max is h's, and so is the concat's.
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    h = _relu_conv(x)
    a = paddle.nn.functional.max_pool2d(h, 2, 2)
    b = paddle.nn.functional.max_pool2d(h, 4, 2, padding=1)
    c = paddle.concat([a, b], axis=1)
    out = paddle.static.nn.conv2d(c, 4, 3, padding=1)
    return [x], out, ("conv2d", "pool2d", "concat")


def _squeeze_flatten():
    x = paddle.static.data("x", [-1, 3, 4, 1], "float32")
    h = paddle.squeeze(_relu_conv(x), 3)
    h = paddle.unsqueeze(h, 1)
    h = paddle.flatten(h, 1)
    out = paddle.static.nn.fc(h, 5)
    return [x], out, ("conv2d", "unsqueeze2", "squeeze2",
                      "flatten_contiguous_range", "mul")


def _slice():
    # The slice's output has its own (smaller) scale: the slice runs on
    # int8, and the requantization to the conv's input scale stays.
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    h = paddle.slice(_relu_conv(x), axes=[2, 3], starts=[2, 2], ends=[6, 6])
    out = paddle.static.nn.conv2d(h, 4, 3, padding=1)
    return [x], out, ("conv2d", "slice")


# {case: (build, ONNX ops that must read and write int8, Paddle's
# quantizers, QuantizeLinear left)}
CASES = {"pool_transpose_reshape": (_pool_transpose_reshape,
                                    {"MaxPool", "Transpose", "Reshape"}, 5, 2),
         "concat_pools": (_concat_pools, {"MaxPool", "Concat"}, 5, 2),
         "squeeze_flatten": (_squeeze_flatten,
                             {"Unsqueeze", "Squeeze", "Flatten"}, 5, 2),
         "slice": (_slice, {"Slice"}, 3, 3)}

# Paddle's activation quantizers in each format.
PADDLE_QUANTIZERS = {True: {"quantize_linear"},
                     False: {"fake_quantize_range_abs_max",
                             "fake_quantize_moving_average_abs_max",
                             "fake_quantize_dequantize_moving_average_abs_max"}}


def _elem_types(model):
    inferred = onnx.shape_inference.infer_shapes(model)
    g = inferred.graph
    types = {i.name: i.data_type for i in g.initializer}
    for v in list(g.input) + list(g.value_info) + list(g.output):
        types[v.name] = v.type.tensor_type.elem_type
    return types


@pytest.mark.parametrize("onnx_format", [True, False],
                         ids=["current", "fake-qdq"])
@pytest.mark.parametrize("name", list(CASES))
def test_propagated(tmp_path, name, onnx_format):
    """The older format's fused quantize-dequantize ops (which PTQ puts on
    the moved ops' inputs) need --fake-quant qdq to be Q/DQ at all."""
    build, int8_ops, n_paddle, n_onnx = CASES[name]
    cases = {name: build}
    names, feed_vars = test_quant_ops._build_and_quantize(
        str(tmp_path), name, onnx_format, cases)
    qdir = str(tmp_path / "quant")
    feeds = test_quant_ops._feeds(feed_vars, 16, test_quant_ops.SEED + 100)
    prog, _, want = test_quant_ops.paddle_infer(os.path.join(qdir, "model"),
                                                feeds)
    quantizers = [op.input("X")[0] for op in prog.global_block().ops
                  if op.type in PADDLE_QUANTIZERS[onnx_format]
                  and not (op.has_attr("only_observer")
                           and op.attr("only_observer"))]
    out, stats = test_quant_ops.convert_and_compare(
        tmp_path, qdir, feeds, names, want,
        *([] if onnx_format else ["--fake-quant", "qdq"]))
    model = onnx.load(out)
    q = [n for n in model.graph.node if n.op_type == "QuantizeLinear"]
    print(f"{name} {'current' if onnx_format else 'fake'}: Paddle "
          f"quantizers {len(quantizers)}, ONNX QuantizeLinear {len(q)}, "
          f"{stats}")
    # Paddle quantizes x, the ReLU's output and the output of each op
    # after it; Oar keeps the first two (and a real requantization), the
    # others quantize values that are already on their grid.
    assert len(quantizers) == n_paddle, quantizers
    assert len(q) == n_onnx, [n.op_type for n in model.graph.node]
    # The moved ops read and write the 8-bit storage: uint8, since
    # onnx-qdq-int8-kernels turns each int8 activation component (its
    # QuantizeLinear ops, the ops moving their values, their
    # DequantizeLinear ops) into uint8 with zero points + 128.
    types = _elem_types(model)
    moved = [n for n in model.graph.node if n.op_type in int8_ops]
    assert {n.op_type for n in moved} == int8_ops
    for n in moved:
        assert types[n.input[0]] == onnx.TensorProto.UINT8, n
        assert types[n.output[0]] == onnx.TensorProto.UINT8, n
