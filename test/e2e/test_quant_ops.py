"""Per-op numerics of quantized programs (issue item 5d): one small program
per quantizable op type (conv2d, depthwise_conv2d, matmul_v2, mul/fc,
pool2d, elementwise_add, concat, and conv2d followed by batch_norm, which
Oar folds into the quantized conv), with seeded random parameters, quantized
by Paddle's PostTrainingQuantization (abs_max) in the current format
(onnx_format=True) and the older one, converted by Oar and run in
onnxruntime against Paddle's quantized inference on fresh inputs.

Oar's int8 Q/DQ computes the same function in another f32 order (ONNX
dequantizes q * (s / 127), Paddle (q * s) / 127; onnxruntime runs int8
kernels), so an activation within an ulp of a rounding boundary may land
one step away. The older format's fused quantize-dequantize ops (which
PTQ puts around pool2d, elementwise_add and concat) stay float, computed as
Paddle does. Each case requires at least 99% of the output elements
within 1e-4 (relative and absolute) of Paddle's, and every element within
two quantization steps of the output's range.
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

SEED = 20240601


def _conv2d():
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    return [x], paddle.static.nn.conv2d(x, 4, 3, padding=1), "conv2d"


def _depthwise():
    x = paddle.static.data("x", [-1, 4, 8, 8], "float32")
    w = paddle.static.create_parameter([4, 1, 3, 3], "float32", name="dw_w")
    return [x], paddle.nn.functional.conv2d(x, w, padding=1, groups=4), \
        "depthwise_conv2d"


def _matmul():
    x = paddle.static.data("x", [-1, 6], "float32")
    w = paddle.static.create_parameter([6, 5], "float32", name="mm_w")
    return [x], paddle.matmul(x, w), "matmul_v2"


def _fc():
    x = paddle.static.data("x", [-1, 6], "float32")
    return [x], paddle.static.nn.fc(x, 5), "mul"


def _pool():
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    h = paddle.static.nn.conv2d(x, 4, 3, padding=1)
    return [x], paddle.nn.functional.max_pool2d(h, 2, 2), "pool2d"


def _add():
    x = paddle.static.data("x", [-1, 4, 5], "float32")
    y = paddle.static.data("y", [-1, 4, 5], "float32")
    return [x, y], paddle.add(x, y), "elementwise_add"


def _concat():
    x = paddle.static.data("x", [-1, 4, 5], "float32")
    y = paddle.static.data("y", [-1, 3, 5], "float32")
    return [x, y], paddle.concat([x, y], axis=1), "concat"


def _conv_bn():
    x = paddle.static.data("x", [-1, 3, 8, 8], "float32")
    h = paddle.static.nn.conv2d(x, 6, 3, padding=1, bias_attr=False)
    return [x], paddle.static.nn.batch_norm(h, is_test=True), "conv2d"


CASES = {"conv2d": _conv2d, "conv2d_batch_norm": _conv_bn, "depthwise_conv2d": _depthwise,
         "matmul": _matmul, "mul_fc": _fc, "pool2d": _pool,
         "elementwise_add": _add, "concat": _concat}


class _Batches(paddle.io.DataLoader):
    def __init__(self, batches):
        self.batches = batches

    def __call__(self):
        return iter(self.batches)

    def __len__(self):
        return len(self.batches)


def _feeds(feeds, batch, seed):
    rng = np.random.default_rng(seed)
    return {v.name: rng.standard_normal([batch] + list(v.shape[1:]))
            .astype(np.float32) for v in feeds}


def _build_and_quantize(root, name, onnx_format, cases=None):
    """Builds case `name` of `cases` (default CASES), whose function returns
    the feeds, the output and the Paddle op type (or a tuple of types) to
    quantize, and saves it under root/float and, quantized, root/quant."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    main.random_seed = startup.random_seed = SEED
    with paddle.static.program_guard(main, startup):
        feeds, out, op_type = (cases or CASES)[name]()
    op_types = [op_type] if isinstance(op_type, str) else list(op_type)
    ops = [op.type for op in main.global_block().ops]
    assert set(op_types) <= set(ops), ops
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exe.run(startup)
        # Seeded random parameters; batch-norm scales of both signs (a
        # negative one flips its channel when folded into a quantized conv),
        # variances in [0.5, 1.5].
        rng = np.random.default_rng(SEED)
        variances = {n for op in main.global_block().ops
                     if op.type == "batch_norm" for n in op.input("Variance")}
        for v in main.list_vars():
            if not v.persistable or v.name in ("feed", "fetch"):
                continue
            t = scope.find_var(v.name).get_tensor()
            shape = np.array(t).shape
            value = (rng.uniform(0.5, 1.5, shape) if v.name in variances
                     else rng.standard_normal(shape))
            t.set(value.astype(np.float32), paddle.CPUPlace())
        paddle.static.save_inference_model(
            os.path.join(root, "float", "model"), feeds, [out], exe,
            program=main)
        calib = _Batches([_feeds(feeds, 8, SEED + i) for i in range(4)])
        ptq = paddle.static.quantization.PostTrainingQuantization(
            executor=exe, model_dir=os.path.join(root, "float"),
            model_filename="model.pdmodel", params_filename="model.pdiparams",
            data_loader=calib, batch_nums=4, algo="abs_max",
            quantizable_op_type=op_types, onnx_format=onnx_format)
        ptq.quantize()
        ptq.save_quantized_model(os.path.join(root, "quant"),
                                 model_filename="model.pdmodel",
                                 params_filename="model.pdiparams")
    return [v.name for v in feeds], feeds


def paddle_infer(model_prefix, feeds):
    """Paddle's inference of the program saved at `model_prefix` on
    `feeds`: (the program, its scope, its first output)."""
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prog, _, fetches = paddle.static.load_inference_model(model_prefix,
                                                              exe)
        want = exe.run(prog, feed=feeds, fetch_list=fetches)[0]
    return prog, scope, want


def ort_infer(path, feeds, names):
    """onnxruntime's (CPU) first output of the model at `path`."""
    so = ort.SessionOptions()
    so.log_severity_level = 3
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    return sess.run(None, {n: feeds[n] for n in names})[0]


def convert_and_compare(tmp_path, qdir, feeds, names, want, *flags):
    """`oar convert` of the quantized program in `qdir` (with `flags`),
    checked by the ONNX checker and run in onnxruntime against Paddle's
    quantized output `want`: 99% of the elements within 1e-4, none more
    than two quantization steps of the output's range away. Returns the
    ONNX path and (close fraction, max diff, step) for the log."""
    out = str(tmp_path / "model.onnx")
    r = run("oar", "convert", os.path.join(qdir, "model.pdmodel"),
            os.path.join(qdir, "model.pdiparams"), "-o", out, *flags)
    assert r.rc == 0, r
    onnx.checker.check_model(out, full_check=True)
    got = ort_infer(out, feeds, names)
    assert got.shape == want.shape
    diff = np.abs(got - want)
    step = np.abs(want).max() / 127
    close = (diff <= 1e-4 + 1e-4 * np.abs(want)).mean()
    stats = f"close {close:.4f}, max diff {diff.max():.3g} (step {step:.3g})"
    assert close >= 0.99, stats
    assert diff.max() <= 2 * step, stats
    return out, stats


@pytest.mark.parametrize("onnx_format", [True, False],
                         ids=["current", "fake"])
@pytest.mark.parametrize("name", list(CASES))
def test_quantized_op(tmp_path, name, onnx_format):
    names, feed_vars = _build_and_quantize(str(tmp_path), name, onnx_format)
    qdir = str(tmp_path / "quant")
    feeds = _feeds(feed_vars, 16, SEED + 100)
    prog, _, want = paddle_infer(os.path.join(qdir, "model"), feeds)
    quant_ops = [op.type for op in prog.global_block().ops
                 if "quant" in op.type]
    assert quant_ops, "Paddle inserted no quantization op"
    out, stats = convert_and_compare(tmp_path, qdir, feeds, names, want)
    print(f"{name} {'current' if onnx_format else 'fake'}: {quant_ops}, "
          f"{stats}")
    # The forms: weights become int8 initializers behind DequantizeLinear in
    # both formats; the current format's activations pass QuantizeLinear.
    model = onnx.load(out)
    ops = {n.op_type for n in model.graph.node}
    if name == "conv2d_batch_norm":
        # Folded into the quantized conv: int8 weights, no BN left.
        assert "BatchNormalization" not in ops, ops
    if name in ("conv2d", "conv2d_batch_norm", "depthwise_conv2d", "matmul",
                "mul_fc"):
        assert any(t.data_type == onnx.TensorProto.INT8 and len(t.dims) >= 2
                   for t in model.graph.initializer)
        assert {"QuantizeLinear", "DequantizeLinear"} <= ops, ops
    if onnx_format:
        assert "QuantizeLinear" in ops, ops
