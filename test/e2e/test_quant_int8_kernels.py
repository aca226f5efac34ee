"""`oar quantize --calibration-table` gives graphs that onnxruntime runs
with int8 kernels (docs/quantization.md, "int8 kernels in onnxruntime").

Two float programs trained in Paddle on scikit-learn's digits: the digits
CNN of test_quant_digits.py (conv + relu, max pool, fc) and a small
ResNet-like one (conv + batch_norm + relu, max pool, two residual blocks,
one with a strided 1x1 projection, global average pool, fc). Each is
converted to float ONNX, calibrated with tools/oar-calibrate on 256 training
images, and quantized by `oar quantize`. onnxruntime (CPU, default
ORT_ENABLE_ALL) saves the graph it runs (`optimized_model_filepath`): the
assertions are on that graph, by op type: no float Conv, MatMul or Gemm
(nor their fused forms) is left, every conv is a QLinearConv, residual Adds
are QLinearAdd. Predictions are checked against Paddle running the float
program on the 497 held-out images.
"""
import collections
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import run
from test_quant_digits import (OAR_CALIBRATE, _digits, _paddle_predict,
                               _train_and_quantize, check_tensorrt_rules,
                               fit_digits)

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
paddle = pytest.importorskip("paddle")

FLOAT_OPS = {"Conv", "FusedConv", "NhwcFusedConv", "MatMul", "FusedMatMul",
             "Gemm", "FusedGemm", "BatchNormalization", "Relu"}


def _train_resnet_like(root):
    """A ResNet-like CNN on the digits, trained like the digits CNN (static
    mode, seeded); saved to root/model.pdmodel."""
    import paddle.nn.functional as F
    paddle.enable_static()
    xtr, ytr, _, _ = _digits()
    main, startup = paddle.static.Program(), paddle.static.Program()
    main.random_seed = startup.random_seed = 1
    nn = paddle.static.nn

    def conv_bn(x, ch, k, stride=1, act=None):
        h = nn.conv2d(x, ch, k, stride=stride, padding=k // 2,
                      bias_attr=False)
        return nn.batch_norm(h, act=act)

    with paddle.utils.unique_name.guard(), \
            paddle.static.program_guard(main, startup):
        img = paddle.static.data("image", [-1, 1, 8, 8], "float32")
        lab = paddle.static.data("label", [-1, 1], "int64")
        h = conv_bn(img, 16, 3, act="relu")
        h = F.max_pool2d(h, 2, 2)                       # 4x4
        r = conv_bn(conv_bn(h, 16, 3, act="relu"), 16, 3)
        h = F.relu(h + r)                               # identity block
        r = conv_bn(conv_bn(h, 32, 3, 2, act="relu"), 32, 3)
        h = F.relu(r + conv_bn(h, 32, 1, 2))            # projection block
        h = paddle.flatten(F.adaptive_avg_pool2d(h, 1), 1)
        logits = nn.fc(h, 10)
        infer = main.clone(for_test=True)
        loss = F.cross_entropy(logits, lab).mean()
        paddle.optimizer.Adam(0.01).minimize(loss)
    fit_digits(startup, main, loss, xtr, ytr, os.path.join(root, "model"),
               img, logits, infer)


@pytest.fixture(scope="module")
def float_models(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("int8k"))
    _train_and_quantize(os.path.join(root, "cnn"))
    _train_resnet_like(os.path.join(root, "resnet_like"))
    return {"cnn": os.path.join(root, "cnn", "float"),
            "resnet_like": os.path.join(root, "resnet_like")}


def _quantize(model_dir, tmp_path, *extra):
    """oar convert, oar-calibrate (abs_max, 256 training images), oar
    quantize; returns (float ONNX, int8 ONNX)."""
    xtr, _, _, _ = _digits()
    args = [os.path.join(model_dir, "model.pdmodel"),
            os.path.join(model_dir, "model.pdiparams")]
    float_onnx = str(tmp_path / "float.onnx")
    assert run("oar", "convert", *args, "-o", float_onnx).rc == 0
    samples = str(tmp_path / "samples.npz")
    np.savez(samples, image=xtr[:256])
    table = str(tmp_path / "ranges.txt")
    subprocess.run([sys.executable, OAR_CALIBRATE, float_onnx, samples,
                    "-o", table], check=True)
    out = str(tmp_path / "int8.onnx")
    r = run("oar", "quantize", *args, "-o", out, "--calibration-table", table,
            *extra)
    assert r.rc == 0, r
    onnx.checker.check_model(out, full_check=True)
    return float_onnx, out


def _ort_optimized(path, tmp_path):
    """onnxruntime's own optimized graph of `path` (CPU, ORT_ENABLE_ALL)
    and a session on `path`."""
    so = ort.SessionOptions()
    so.log_severity_level = 3
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opt = str(tmp_path / (os.path.basename(path) + ".ort.onnx"))
    so.optimized_model_filepath = opt
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    ops = collections.Counter(n.op_type for n in onnx.load(opt).graph.node)
    return ops, sess


def _with_int8_activations(model):
    """A copy of `model` with each uint8 zero point of a QuantizeLinear or
    DequantizeLinear in int8, lowered by 128, and no recorded value
    types (so that onnxruntime infers the int8 ones)."""
    from onnx import numpy_helper
    m = onnx.ModelProto()
    m.CopyFrom(model)
    zero_points = {n.input[2] for n in m.graph.node
                   if n.op_type in ("QuantizeLinear", "DequantizeLinear")
                   and len(n.input) > 2}

    def lowered(t):
        a = numpy_helper.to_array(t).astype(np.int16) - 128
        return numpy_helper.from_array(a.astype(np.int8), t.name)

    for n in m.graph.node:
        if (n.op_type == "Constant" and n.output[0] in zero_points
                and n.attribute[0].t.data_type == onnx.TensorProto.UINT8):
            n.attribute[0].t.CopyFrom(lowered(n.attribute[0].t))
    for t in m.graph.initializer:
        if t.name in zero_points and t.data_type == onnx.TensorProto.UINT8:
            t.CopyFrom(lowered(t))
    del m.graph.value_info[:]
    return m


@pytest.mark.parametrize("name,convs,adds", [("cnn", 2, 0),
                                             ("resnet_like", 6, 2)])
def test_int8_kernels(float_models, tmp_path, name, convs, adds):
    _, _, xte, yte = _digits()
    model_dir = float_models[name]
    _, out = _quantize(model_dir, tmp_path)
    ops, sess = _ort_optimized(out, tmp_path)
    print(f"{name}: onnxruntime runs {dict(sorted(ops.items()))}")
    assert not FLOAT_OPS & set(ops), ops
    assert ops["QLinearConv"] == convs, ops
    assert ops["QLinearAdd"] == adds, ops
    assert ops["QGemm"] + ops["QLinearMatMul"] + \
        ops["MatMulIntegerToFloat"] >= 1, ops
    if name == "resnet_like":
        assert ops["QLinearGlobalAveragePool"] == 1, ops
    # The model itself: Relu before its QuantizeLinear dropped, int8
    # weights, int32 biases, uint8 activations.
    model = onnx.load(out)
    graph_ops = collections.Counter(n.op_type for n in model.graph.node)
    assert graph_ops["Relu"] == 0 and graph_ops["BatchNormalization"] == 0
    elem = {t.name: t.data_type for t in model.graph.initializer}
    consts = {n.output[0]: n.attribute[0].t.data_type
              for n in model.graph.node if n.op_type == "Constant"}
    elem.update(consts)
    q_types = {elem[n.input[2]] for n in model.graph.node
               if n.op_type == "QuantizeLinear"}
    assert q_types == {onnx.TensorProto.UINT8}, q_types
    # The uint8 switch is exact: the model with every uint8 zero point
    # back in int8 (- 128; the ops between a QuantizeLinear and its
    # DequantizeLinear, e.g. MaxPool, retyped by onnxruntime's inference)
    # gives bit-identical outputs, run without graph optimizations (the
    # reference kernels, no int8 fusions on either side).
    plain = ort.SessionOptions()
    plain.log_severity_level = 3
    plain.graph_optimization_level = \
        ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    runs = [ort.InferenceSession(m, plain, providers=["CPUExecutionProvider"])
            .run(None, {"image": xte[:256]})[0]
            for m in (out, _with_int8_activations(model).SerializeToString())]
    assert np.array_equal(runs[0], runs[1])
    # Predictions against Paddle's float program.
    want = _paddle_predict(model_dir, xte)
    got = sess.run(None, {"image": xte})[0]
    agree = (got.argmax(1) == want.argmax(1)).mean()
    acc_f = (want.argmax(1) == yte).mean()
    acc_q = (got.argmax(1) == yte).mean()
    rel = np.abs(got - want).max() / np.abs(want).max()
    print(f"{name}: accuracy float {acc_f:.4f} int8 {acc_q:.4f}, agreement "
          f"{agree:.4f}, max |logit diff| / max |logit| {rel:.4f}")
    assert acc_f > 0.9
    assert abs(acc_q - acc_f) <= 0.01
    assert agree >= 0.98
    assert rel <= 0.1  # measured: 0.031 (cnn), 0.020 (resnet_like)


def test_tensorrt_form_stays_symmetric(float_models, tmp_path):
    """`oar quantize --quant-format tensorrt` keeps TensorRT's rules
    (symmetric int8, Q/DQ pairs, no int32 bias) and its accuracy."""
    _, _, xte, yte = _digits()
    model_dir = float_models["resnet_like"]
    _, out = _quantize(model_dir, tmp_path, "--quant-format", "tensorrt")
    model = onnx.load(out)
    check_tensorrt_rules(model)
    so = ort.SessionOptions()
    so.log_severity_level = 3
    got = ort.InferenceSession(out, so, providers=["CPUExecutionProvider"]) \
        .run(None, {"image": xte})[0]
    want = _paddle_predict(model_dir, xte)
    assert abs((got.argmax(1) == yte).mean() -
               (want.argmax(1) == yte).mean()) <= 0.01
