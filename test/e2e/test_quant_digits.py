"""Paddle's own post-training quantization, end to end (issue item 5a).

A small CNN is trained in Paddle (static mode, seeded, about a second) on
scikit-learn's bundled digits (8x8 images, no download), quantized by
paddle.static.quantization.PostTrainingQuantization (abs_max) in the current
format (onnx_format=True: quantize_linear / dequantize_linear, int8
weights) and in the older one (onnx_format=False: fake_quantize_range_abs_max
and fake_channel_wise_dequantize_max_abs), and saved. Oar converts both
to int8 QDQ;
onnxruntime's predictions on the 497 held-out images must agree with
Paddle's quantized inference on at least 99% of them, with accuracy within
0.5 points of Paddle's, in both ONNX forms (int8 QDQ, and TensorRT's
explicit-quantization form, whose rules are checked on the graph).
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
datasets = pytest.importorskip("sklearn.datasets")

N_TRAIN = 1300  # of 1797; the rest is the test set
SEED = 20240601


def _digits():
    x, y = datasets.load_digits(return_X_y=True)
    x = (x / 16.0).astype(np.float32).reshape(-1, 1, 8, 8)
    perm = np.random.default_rng(SEED).permutation(len(x))
    x, y = x[perm], y[perm].astype(np.int64)
    return x[:N_TRAIN], y[:N_TRAIN], x[N_TRAIN:], y[N_TRAIN:]


class _Batches(paddle.io.DataLoader):
    """Calibration batches as PostTrainingQuantization reads a DataLoader:
    called, it yields feed dicts."""

    def __init__(self, batches):  # no DataLoader state needed
        self.batches = batches

    def __call__(self):
        return iter(self.batches)

    def __len__(self):
        return len(self.batches)


def fit_digits(startup, main, loss, xtr, ytr, prefix, img, logits, infer):
    """Runs `startup`, then 15 epochs of `main` (which minimizes `loss`)
    on the digits training set in batches of 64, and saves the inference
    program `infer` (feed `img`, fetch `logits`) at `prefix`. Returns the
    executor and the scope holding the trained parameters."""
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exe.run(startup)
        for _ in range(15):
            for i in range(0, len(xtr), 64):
                exe.run(main, feed={"image": xtr[i:i + 64],
                                    "label": ytr[i:i + 64, None]},
                        fetch_list=[loss])
        paddle.static.save_inference_model(prefix, [img], [logits], exe,
                                           program=infer)
    return exe, scope


def _train_and_quantize(root):
    import paddle.nn.functional as F
    from paddle.static.quantization import PostTrainingQuantization
    paddle.enable_static()
    xtr, ytr, _, _ = _digits()
    main, startup = paddle.static.Program(), paddle.static.Program()
    main.random_seed = startup.random_seed = 1
    # Fresh names (conv2d_0.w_0, ...) whatever ran before in the session.
    with paddle.utils.unique_name.guard(), \
            paddle.static.program_guard(main, startup):
        img = paddle.static.data("image", [-1, 1, 8, 8], "float32")
        lab = paddle.static.data("label", [-1, 1], "int64")
        h = paddle.static.nn.conv2d(img, 16, 3, padding=1, act="relu")
        h = F.max_pool2d(h, 2, 2)
        h = paddle.static.nn.conv2d(h, 32, 3, padding=1, act="relu")
        h = F.max_pool2d(h, 2, 2)
        h = paddle.flatten(h, 1)
        h = paddle.static.nn.fc(h, 64, activation="relu")
        logits = paddle.static.nn.fc(h, 10)
        infer = main.clone(for_test=True)
        loss = F.cross_entropy(logits, lab).mean()
        paddle.optimizer.Adam(0.01).minimize(loss)
    exe, scope = fit_digits(startup, main, loss, xtr, ytr,
                            os.path.join(root, "float", "model"), img,
                            logits, infer)
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        calib = _Batches([{"image": xtr[i:i + 32]} for i in range(0, 320, 32)])
        for name, onnx_format in (("current", True), ("fake", False)):
            ptq = PostTrainingQuantization(
                executor=exe, model_dir=os.path.join(root, "float"),
                model_filename="model.pdmodel",
                params_filename="model.pdiparams", data_loader=calib,
                batch_nums=10, algo="abs_max",
                quantizable_op_type=["conv2d", "mul", "matmul"],
                onnx_format=onnx_format)
            ptq.quantize()
            ptq.save_quantized_model(os.path.join(root, name),
                                     model_filename="model.pdmodel",
                                     params_filename="model.pdiparams")


@pytest.fixture(scope="module")
def digits_models(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("digits"))
    _train_and_quantize(root)
    return root


def _paddle_predict(model_dir, x):
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prog, _, fetches = paddle.static.load_inference_model(
            os.path.join(model_dir, "model"), exe)
        return exe.run(prog, feed={"image": x}, fetch_list=fetches)[0]


def _ort_predict(path, x):
    onnx.checker.check_model(path, full_check=True)
    so = ort.SessionOptions()
    so.log_severity_level = 3
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    return sess.run(None, {"image": x})[0]


def check_tensorrt_rules(model):
    """The rules of docs/quantization.md's TensorRT form: every
    DequantizeLinear reads a QuantizeLinear of a float tensor (pairs; float
    weights, never an int8 or int32 initializer), zero points int8 zeros,
    per-channel scales only on weights, along the output channels (axis 0
    of a Conv weight, axis 1 of a Gemm/MatMul B), opset 13 or later."""
    from onnx import numpy_helper
    opset = {o.domain: o.version for o in model.opset_import}
    assert opset.get("", opset.get("ai.onnx")) >= 13
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    producers = {o: n for n in model.graph.node for o in n.output}
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t)
              for n in model.graph.node if n.op_type == "Constant"}
    consts.update(inits)
    axis_of = {n.output[0]: next((a.i for a in n.attribute
                                  if a.name == "axis"), 1)
               for n in model.graph.node
               if n.op_type in ("QuantizeLinear", "DequantizeLinear")}
    dq_pairs = 0
    for n in model.graph.node:
        if n.op_type == "DequantizeLinear":
            q = producers.get(n.input[0])
            assert q is not None and q.op_type == "QuantizeLinear", n.name
            assert n.input[0] not in inits
            zp = consts[n.input[2]]
            assert zp.dtype == np.int8 and not zp.any()
            dq_pairs += 1
        if n.op_type in ("Conv", "Gemm", "MatMul"):
            w = producers.get(n.input[1])
            if w is not None and w.op_type == "DequantizeLinear":
                want = 0 if n.op_type == "Conv" else 1
                if consts[w.input[1]].ndim == 1:
                    assert axis_of[w.output[0]] == want, n.name
    assert dq_pairs >= 8


@pytest.mark.parametrize("quant_format", ["qdq", "tensorrt"])
@pytest.mark.parametrize("fmt", ["current", "fake"])
def test_paddle_ptq_digits_agrees(digits_models, tmp_path, fmt, quant_format):
    _, _, xte, yte = _digits()
    model_dir = os.path.join(digits_models, fmt)
    out = str(tmp_path / f"{fmt}.onnx")
    r = run("oar", "convert", os.path.join(model_dir, "model.pdmodel"),
            os.path.join(model_dir, "model.pdiparams"), "-o", out,
            "--quant-format", quant_format)
    assert r.rc == 0, r
    want = _paddle_predict(model_dir, xte).argmax(1)
    got = _ort_predict(out, xte).argmax(1)
    float_acc = (_paddle_predict(os.path.join(digits_models, "float"),
                                 xte).argmax(1) == yte).mean()
    agree = (got == want).mean()
    acc_paddle, acc_oar = (want == yte).mean(), (got == yte).mean()
    print(f"{fmt} {quant_format}: agreement {agree:.4f}, accuracy Paddle {acc_paddle:.4f} "
          f"Oar {acc_oar:.4f} (float {float_acc:.4f})")
    assert float_acc > 0.9  # the model learned something
    assert agree >= 0.99
    assert abs(acc_oar - acc_paddle) <= 0.005
    model = onnx.load(out)
    ops = [n.op_type for n in model.graph.node]
    if quant_format == "tensorrt":
        check_tensorrt_rules(model)
        return
    # int8 QDQ in both formats: every conv and fc weight is an int8
    # initializer behind a DequantizeLinear, and their inputs pass
    # QuantizeLinear (the older format's quantized ops are lifted).
    int8 = [t for t in model.graph.initializer
            if t.data_type == onnx.TensorProto.INT8 and len(t.dims) >= 2]
    assert len(int8) == 4, [t.name for t in int8]
    assert ops.count("QuantizeLinear") >= 4, ops
    assert ops.count("DequantizeLinear") >= 8, ops


def _int8_weights(model):
    return sorted(t.name for t in model.graph.initializer
                  if t.data_type == onnx.TensorProto.INT8 and len(t.dims) >= 2)


def test_oar_weight_only_digits(digits_models, tmp_path):
    """Oar's own post-training quantization of the float model (issue item
    5b, weight-only part): accuracy within 1 point of float; every conv and
    fc weight int8."""
    _, _, xte, yte = _digits()
    fdir = os.path.join(digits_models, "float")
    out = str(tmp_path / "wq.onnx")
    r = run("oar", "quantize", os.path.join(fdir, "model.pdmodel"),
            os.path.join(fdir, "model.pdiparams"), "-o", out,
            "--weights-only")
    assert r.rc == 0, r
    float_pred = _paddle_predict(fdir, xte).argmax(1)
    got = _ort_predict(out, xte).argmax(1)
    acc_float, acc_oar = (float_pred == yte).mean(), (got == yte).mean()
    print(f"weight-only: accuracy float {acc_float:.4f}, Oar int8 "
          f"{acc_oar:.4f}, agreement {(got == float_pred).mean():.4f}")
    assert abs(acc_oar - acc_float) <= 0.01
    assert _int8_weights(onnx.load(out)) == [
        "conv2d_0.w_0", "conv2d_1.w_0", "fc_0.w_0", "fc_1.w_0"]


def test_oar_weight_only_op_types_and_skip(digits_models, tmp_path):
    fdir = os.path.join(digits_models, "float")
    args = [os.path.join(fdir, "model.pdmodel"),
            os.path.join(fdir, "model.pdiparams")]
    out = str(tmp_path / "a.onnx")
    r = run("oar", "quantize", *args, "-o", out, "--weights-only",
            "--op-types", "conv2d")
    assert r.rc == 0, r
    assert _int8_weights(onnx.load(out)) == ["conv2d_0.w_0", "conv2d_1.w_0"]
    # Skipped by the variable the op writes and by the weight's name.
    r = run("oar", "quantize", *args, "-o", out, "--weights-only",
            "--skip", "conv2d_0.tmp_0,fc_1.w_0")
    assert r.rc == 0, r
    assert _int8_weights(onnx.load(out)) == ["conv2d_1.w_0", "fc_0.w_0"]
    # Bad input: an unknown op type, and no mode.
    bad = str(tmp_path / "bad.onnx")
    r = run("oar", "quantize", *args, "-o", bad, "--weights-only",
            "--op-types", "conv3d")
    assert r.rc == 1 and "'conv3d' is not one Oar quantizes" in r.err, r
    r = run("oar", "quantize", *args, "-o", bad)
    assert r.rc == 2 and "takes --weights-only (no data) or " \
        "--calibration-table FILE" in r.err, r
    assert not os.path.exists(bad)


OAR_CALIBRATE = os.path.join(os.path.dirname(__file__), "..", "..", "tools",
                             "oar-calibrate")


def _static_quantize(digits_models, tmp_path, table_args, name):
    """oar convert (float), oar-calibrate on 256 training images, oar
    quantize --calibration-table; returns (float ONNX path, int8 path)."""
    import subprocess
    import sys
    xtr, _, _, _ = _digits()
    fdir = os.path.join(digits_models, "float")
    args = [os.path.join(fdir, "model.pdmodel"),
            os.path.join(fdir, "model.pdiparams")]
    float_onnx = str(tmp_path / "float.onnx")
    assert run("oar", "convert", *args, "-o", float_onnx).rc == 0
    samples = str(tmp_path / "samples.npz")
    np.savez(samples, image=xtr[:256])
    table = str(tmp_path / f"{name}.table")
    subprocess.run([sys.executable, OAR_CALIBRATE, float_onnx, samples,
                    "-o", table, *table_args], check=True)
    out = str(tmp_path / f"{name}.onnx")
    r = run("oar", "quantize", *args, "-o", out, "--calibration-table", table)
    assert r.rc == 0, r
    return float_onnx, out, table


@pytest.mark.parametrize("method", ["abs_max", "percentile", "entropy"])
def test_oar_static_digits(digits_models, tmp_path, method):
    """Oar's own static post-training quantization (issue item 5b):
    activation ranges recorded by tools/oar-calibrate, weights per channel;
    accuracy within 1 point of float."""
    _, _, xte, yte = _digits()
    float_onnx, out, _ = _static_quantize(digits_models, tmp_path,
                                          ["--method", method], method)
    f = _ort_predict(float_onnx, xte).argmax(1)
    got = _ort_predict(out, xte).argmax(1)
    acc_float, acc_oar = (f == yte).mean(), (got == yte).mean()
    print(f"static {method}: accuracy float {acc_float:.4f}, Oar int8 "
          f"{acc_oar:.4f}, agreement {(got == f).mean():.4f}")
    assert abs(acc_oar - acc_float) <= 0.01
    model = onnx.load(out)
    ops = [n.op_type for n in model.graph.node]
    # pd-quantize-activations quantizes each conv and fc input and output
    # and each max pool output, 7 values: the image, conv2d_0 (relu),
    # pool2d_0, conv2d_1 (relu), pool2d_1, flatten, fc_0 (relu); the fc_1
    # output is the model's. The outputs of the max pools and of the
    # flatten take their input's parameters (they hold only its values),
    # so pd-propagate-quant runs those ops on the int8 storage and folds
    # their 3 requantizations, whatever the calibration method: 7 - 3 = 4
    # QuantizeLinear (image, conv2d_0, conv2d_1, fc_0).
    assert ops.count("QuantizeLinear") == 4, ops
    assert ops.count("MaxPool") == 2 and ops.count("Flatten") == 1, ops
    assert len(_int8_weights(model)) == 4


def test_tensorrt_calibration_cache(digits_models, tmp_path):
    """A TensorRT calibration cache (NAME: big-endian hex of the f32 step)
    gives the model Oar's own table gives; a malformed table is refused
    with the file and line, and nothing is written."""
    import struct
    _, _, xte, _ = _digits()
    _, oar_model, table = _static_quantize(digits_models, tmp_path, [], "t")
    lines = ["TRT-8601-EntropyCalibration2"]
    for line in open(table):
        if line.startswith("#"):
            continue
        name, absmax = line.split()
        step = np.float32(float(absmax) / 127)
        lines.append(f"{name}: {struct.pack('>f', step).hex()}")
    cache = str(tmp_path / "trt.cache")
    with open(cache, "w") as f:
        f.write("\n".join(lines) + "\n")
    fdir = os.path.join(digits_models, "float")
    args = [os.path.join(fdir, "model.pdmodel"),
            os.path.join(fdir, "model.pdiparams")]
    out = str(tmp_path / "trt.onnx")
    r = run("oar", "quantize", *args, "-o", out, "--calibration-table", cache)
    assert r.rc == 0, r
    a = _ort_predict(oar_model, xte)
    b = _ort_predict(out, xte)
    assert (a.argmax(1) == b.argmax(1)).mean() >= 0.99
    bad = str(tmp_path / "bad.table")
    with open(bad, "w") as f:
        f.write("# ranges\nimage 1.0\nconv2d_0.tmp_0 lots\n")
    bad_out = str(tmp_path / "bad.onnx")
    r = run("oar", "quantize", *args, "-o", bad_out, "--calibration-table",
            bad)
    assert r.rc == 1, r
    assert f"calibration table '{bad}', line 3: expected 'NAME ABS_MAX'" in \
        r.err, r
    assert not os.path.exists(bad_out)
