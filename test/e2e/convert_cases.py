"""The registry of `oar convert` cases for test_convert.py and the benchmark.

A case is a Paddle program plus the inputs to run it on: every field model
(../shared/models, found through conftest.field_models), the vision zoo, the
NLP models and the per-op programs of zoo.py. Each case has one or more
input sets; all sets run against the same exported ONNX file (the NLP models
use two (batch, seq) pairs to check that batch and sequence stay dynamic).

Parameters: a field model that ships its `.pdiparams` uses it; every other
program (field models saved without parameters and all zoo programs) gets
seeded random parameters from `random_params`, written by Paddle's own
`save_vars` (the `save_combine` records, in sorted-name order, that
`save_inference_model` writes), so Paddle, the oracle, and Oar read the same
file. Random rather than Paddle's initializers for the zoo too: with the
initializers batch-norm statistics are mean 0, variance 1, which would hide
a swapped or ignored statistic.

XFAIL lists the cases known not to convert yet, TOLERANCE the cases compared
more loosely than atol = rtol = 1e-5; each entry says why.
"""
import dataclasses
import os
import pickle
import signal
import tempfile
import traceback
import warnings

import numpy as np

import pdesc
import zoo
from conftest import field_models

OPSETS = (11, 13, 17, 21)  # per-op cases also run at these opsets
DEFAULT_TOL = (1e-5, 1e-5)  # (atol, rtol) for float outputs
SEED = 20240601


@dataclasses.dataclass(frozen=True)
class Input:
    """How one feed is filled: `shape` with every -1 resolved; floats are
    drawn from N(0, 1) unless `low`/`high` (uniform) or `value` (a constant,
    broadcast to `shape`) is given; ints uniform in [low, high), default
    [0, 4). `text`: dark glyph-like strokes on a light page, normalized as
    PaddleOCR does (ImageNet mean/std), for detectors with real weights that
    answer noise with an all-zero map."""
    shape: tuple
    low: float = None
    high: float = None
    value: tuple = None
    text: bool = False  # a synthetic text image instead (NCHW float)


@dataclasses.dataclass
class ConvCase:
    name: str  # the test id: field-<x>, zoo-<x> (kind says which zoo part)
    kind: str  # field | vision | nlp | ops
    source: tuple  # ("field", model, params or None) | ("zoo", zoo name)
    # [{feed name: Input}], each run on the same model; None: derived from
    # the program's feeds (kind "nlp": one set per NLP_SHAPES pair).
    input_sets: list
    opsets: tuple = (None,)  # None: Oar's default opset


# --------------------------------------------------------------- field models
# Shapes for the dynamic dims of each field model's feeds (static dims are
# kept as declared: the exported model declares them too). Values for feeds
# that carry sizes (im_shape, scale_factor, im_size) are what the detectors'
# preprocessing produces for an unscaled image.
def _det(h, w, im_shape=None, im_size=None):
    d = {"image": Input((1, 3, h, w)),
         "scale_factor": Input((1, 2), value=(1.0, 1.0))}
    if im_shape:
        d["im_shape"] = Input((1, 2), value=(float(h), float(w)))
    if im_size:
        d = {"image": d["image"], "im_size": Input((1, 2), value=(h, w))}
    return d


FIELD_INPUTS = {
    "bilstm_text": {"past_target": Input((1, 1204, 2))},
    "crnn_mbv3_bilstm": {"x": Input((1, 3, 32, 100))},
    "crnn_qat_fakequant": {"x": Input((1, 3, 32, 100))},
    "face_ssd": _det(160, 160, im_shape=True),
    "mnist_mlp_v1": {"image": Input((1, 1, 28, 28))},
    "mobilenet_v2": {"inputs": Input((1, 3, 224, 224))},
    "pphgnetv2_cls": {"x": Input((1, 3, 224, 224))},
    "pplcnet_cls_paddle3": {"x": Input((1, 3, 224, 224))},
    # DB detection: sides must be multiples of 32. It ships its weights: on
    # noise its probability map is ~1e-9 everywhere, on `text` ~5% of the
    # pixels score above 0.3.
    "ppocrv3_det_en": {"x": Input((1, 3, 160, 160), text=True)},
    "ppocrv3_rec_en": {"x": Input((1, 3, 48, 320))},
    "ppocrv4_rec": {"x": Input((1, 3, 48, 320))},
    "ppyolo_v1_dcn": _det(608, 608, im_size=True),
    "ppyoloe": _det(640, 640),
    "ppyoloe_plus": _det(640, 640),
    "svtr_rec_stn": {"x": Input((1, 3, 64, 256))},
}

# ------------------------------------------------------------------ NLP
VOCAB = 100  # zoo's NLP models use vocab=100, 64 positions
NLP_SHAPES = ((1, 8), (3, 13))  # (batch, seq) pairs run on one export
NLP_FEED_RANGES = {"input_ids": (1, VOCAB), "token_type_ids": (0, 2)}

# ------------------------------------------------------------------ per-op
# Feeds with value constraints (index ranges); the rest are N(0, 1) floats.
OP_FEEDS = {
    ("slice_tensor_starts", "start"): Input((1,), 0, 3),
    ("gather_index_expand", "i"): Input((3,), 0, 4),
    # gather_nd's index rows address (batch, dim 1): batch is 2.
    ("gather_index_expand", "nd"): Input((2, 2), 0, 2),
    ("onehot_tril_arange", "ids"): Input((2, 3), 0, 7),
    ("embedding_lookup", "ids"): Input((2, 5), 0, 50),
    ("cast_fill_scale", "x"): Input((2, 4), -5, 5),
    ("multi_feed_fetch_order", "c"): Input((2, 4), -3, 3),
    # grid_sample reads coordinates in [-1, 1] (a bit past the border too).
    ("grid_sample_op", "grid"): Input((2, 4, 4, 2), -1.1, 1.1),
    # Offsets of up to 3 pixels: samples fall outside the image too.
    ("deformable_conv_op", "off"): Input((2, 18, 9, 9), -3, 3),
    ("deformable_conv_op", "off2"): Input((2, 24, 5, 4), -3, 3),
    ("deformable_conv_op", "off3"): Input((2, 32, 6, 6), -3, 3),
    ("deformable_conv_op", "m"): Input((2, 9, 9, 9), 0, 1),
    ("deformable_conv_op", "m2"): Input((2, 12, 5, 4), 0, 1),
    ("deformable_conv_op", "m3"): Input((2, 16, 6, 6), 0, 1),
    ("deformable_conv_op", "off4"): Input((2, 36, 7, 6), -3, 3),
    # Detection: box corners in [0, 1], sizes in [0.05, 0.4]; scores in
    # [0, 1]; image sizes (h, w) in pixels.
    ("multiclass_nms3_op", "xy"): Input((1, 30, 2), 0, 1),
    ("multiclass_nms3_op", "wh"): Input((1, 30, 2), 0.05, 0.4),
    ("multiclass_nms3_op", "sc"): Input((1, 4, 30), 0, 1),
    ("matrix_nms_op", "xy"): Input((1, 25, 2), 0, 1),
    ("matrix_nms_op", "wh"): Input((1, 25, 2), 0.05, 0.4),
    ("matrix_nms_op", "sc"): Input((1, 3, 25), 0, 1),
    ("yolo_box_op", "size"): Input((2, 2), 32, 80),
}

# Dynamic dims other than the batch, per case (declared -1 beyond dim 0).
OP_DYNAMIC = {"reshape_shape_tensor": (2, 4, 6)}


# ------------------------------------------------------- expected failures
# {case name, or "name@opset" for one opset only: reason}. Reasons name what
# is missing (op type, attribute, feature) so that the list reads as a gap.
# Measured on main, 2026-11-24 (test/e2e/xfail_report.py drafts entries).
XFAIL = {
    "zoo-grid_sample_op@11": "ONNX has GridSample from opset 16 only",
    "zoo-grid_sample_op@13": "ONNX has GridSample from opset 16 only",
}

# {case: reason}: cases that convert, but whose numbers differ from Paddle's;
# only the numeric comparison is expected to fail.
XFAIL_NUMERIC = {
}

# {case name: (atol, rtol, reason)}: measured, never loosened blindly.
TOLERANCE = {
    "field-crnn_qat_fakequant": (
        1.5e-2, 1e-5, "fake quantize-dequantize rounds exactly as Paddle "
        "(test_quant.py checks ties bit for bit), but onnxruntime's conv "
        "and batch norm differ from Paddle's in the last ulp, and a value "
        "that close to a rounding boundary moves one quantization step: "
        "up to 1.7% of the elements of a quantizer's output move, and the "
        "BiLSTM head spreads them (max |diff| 0.0106 measured)"),
}

# {case name: reason}: cases whose fetches include outputs of an NMS op
# (multiclass_nms3, matrix_nms), checked by nms_check.py in two strict
# steps instead of against Paddle's final rows: the NMS op's inputs match
# Paddle's, and Paddle's NMS kernel run on onnxruntime's inputs gives
# onnxruntime's outputs (rows as a set). With random weights thousands of
# boxes score within 1e-3 of each other, so float noise upstream changes
# which near-tied boxes are kept; that is not a property of the conversion.
NMS_RERUN = {
    "field-face_ssd": "multiclass_nms3: order of near-equal scores",
    "field-ppyoloe": "multiclass_nms3: near-ties at the keep_top_k cut",
    "field-ppyoloe_plus": "multiclass_nms3: near-ties change which boxes "
    "suppress which (onnxruntime's 300th score is 0.01 below Paddle's)",
    "field-ppyolo_v1_dcn": "matrix_nms: order of near-equal scores",
}


# {(field model, parameter name): (value, reason)}: parameters of field
# models saved without parameters whose value the architecture fixes (not
# learned); random_params writes `value(shape)` for them instead of noise.
def _dfl_projection(shape):
    return np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)


# PP-YOLOE at 640x640: levels of stride 32, 16, 8 (20x20, 40x40, 80x80
# cells), anchor points at the cell centers in cell units, x then y.
_PPYOLOE_LEVELS = ((32, 20), (16, 40), (8, 80))


def _ppyoloe_anchor_points(shape):
    pts = [np.stack(np.meshgrid(np.arange(n) + 0.5, np.arange(n) + 0.5),
                    -1).reshape(-1, 2) for _, n in _PPYOLOE_LEVELS]
    return np.concatenate(pts).astype(np.float32).reshape(shape)


def _ppyoloe_strides(shape):
    return np.concatenate([np.full(n * n, s, np.float32)
                           for s, n in _PPYOLOE_LEVELS]).reshape(shape)


# Random values for these decode boxes with x2 < x1 (half of them), on which
# Paddle's NMS (area 0) and ONNX NonMaxSuppression (corners reordered)
# differ, a case real boxes never reach (docs/pd-to-onnx-resize-detection-
# quant.md, N6).
_DFL = "PP-YOLOE's DFL projection: a 1x1 conv with weights 0..reg_max"
_ANCHORS = "PP-YOLOE's anchor points (cell centers) for a 640x640 input"
_STRIDES = "PP-YOLOE's stride of each anchor point"
FIXED_PARAMS = {
    ("ppyoloe", "conv2d_127.w_0_deepcopy_603"): (_dfl_projection, _DFL),
    ("ppyoloe", "eager_tmp_0_deepcopy_547"): (_ppyoloe_anchor_points,
                                              _ANCHORS),
    ("ppyoloe", "eager_tmp_1_deepcopy_548"): (_ppyoloe_strides, _STRIDES),
    ("ppyoloe_plus", "conv2d_127.w_0"): (_dfl_projection, _DFL),
    ("ppyoloe_plus", "eager_tmp_0"): (_ppyoloe_anchor_points, _ANCHORS),
    ("ppyoloe_plus", "eager_tmp_1"): (_ppyoloe_strides, _STRIDES),
}


def _resolve(shape, batch):
    return tuple(batch if (i == 0 and d < 0) else d
                 for i, d in enumerate(shape))


def _feed_inputs(program, fixed, case, batch=2):
    out = {}
    for f in program.feeds:
        if f.name in fixed:
            out[f.name] = fixed[f.name]
            continue
        key = (case, f.name)
        if key in OP_FEEDS:
            out[f.name] = OP_FEEDS[key]
            continue
        shape = _resolve(f.shape, batch)
        if any(d < 0 for d in shape):
            raise ValueError(f"{case}: choose a shape for feed {f.name} "
                             f"{f.shape} (OP_DYNAMIC/FIELD_INPUTS)")
        out[f.name] = Input(shape)
    return out


def field_cases():
    out = []
    for name, model, params in field_models():
        fixed = FIELD_INPUTS.get(name)
        if fixed is None:
            raise KeyError(f"field model {name}: add its inputs to "
                           "FIELD_INPUTS in convert_cases.py")
        out.append(ConvCase(f"field-{name}", "field",
                            ("field", model, params), [fixed]))
    return out


def zoo_cases():
    out = []
    for name, c in zoo.CASES.items():
        if c.kind in ("nlp", "vision"):
            out.append(ConvCase(f"zoo-{name}", c.kind, ("zoo", name), None))
        else:
            out.append(ConvCase(f"zoo-{name}", "ops", ("zoo", name), None,
                                opsets=(None,) + OPSETS))
    return out


def all_cases():
    return field_cases() + zoo_cases()


def xfail_reason(case, opset, numeric=False):
    return (XFAIL.get(f"{case}@{opset}") or XFAIL.get(case)
            or (XFAIL_NUMERIC.get(case) if numeric else None))


def tolerance(case):
    t = TOLERANCE.get(case)
    return (t[0], t[1]) if t else DEFAULT_TOL


# ---------------------------------------------------------- materializing
def random_params(model_path, out_path, seed=SEED, fixed=None):
    """Writes seeded random values for every persistable of the program at
    `model_path` to the combined parameters file `out_path`, with Paddle's
    own save_vars (so Paddle can load it back).

    Weights of 2-D and larger parameters are N(0, 1/fan_in) so that deep
    nets neither explode nor vanish; 1-D parameters N(0, 0.05^2); by the
    slot that reads them: batch-norm/layer-norm scales 1 + N(0, 0.1^2),
    batch-norm variances and quantizer scales/states U(0.5, 1.5); integer
    and boolean persistables are zero. `fixed`: {name: function of the
    shape} for parameters with a value fixed by the architecture."""
    import paddle
    prog_desc = pdesc.Program(model_path)
    roles = {}
    for op in prog_desc.ops():
        for s in op.inputs:
            for a in s.arguments:
                roles.setdefault(a, (op.type, s.parameter))
    rng = np.random.default_rng(seed)
    values = {}
    for p in prog_desc.params():
        dtype = pdesc.DTYPES[p.dtype][0]
        shape = tuple(p.dims)
        op_type, slot = roles.get(p.name, ("", ""))
        if not dtype.startswith("float"):
            v = np.zeros(shape, dtype)
        elif (op_type in ("batch_norm", "layer_norm", "instance_norm",
                          "group_norm") and slot == "Scale"):
            v = 1 + 0.1 * rng.standard_normal(shape)
        elif (op_type == "batch_norm" and slot == "Variance") or \
                "quantize" in op_type and slot in ("InScale", "InState",
                                                    "InAccum", "Scale"):
            v = rng.uniform(0.5, 1.5, shape)
        elif len(shape) >= 2:
            fan_in = int(np.prod(shape)) // shape[0] if len(shape) > 2 \
                else shape[0]
            v = rng.standard_normal(shape, np.float32)
            v /= np.float32(np.sqrt(max(fan_in, 1)))
        else:
            v = 0.05 * rng.standard_normal(shape)
        if fixed and p.name in fixed:
            v = fixed[p.name](shape)
        values[p.name] = np.ascontiguousarray(v, dtype)
    with open(model_path, "rb") as f:
        program = paddle.static.Program.parse_from_string(f.read())
    scope = paddle.static.Scope()
    place = paddle.CPUPlace()
    exe = paddle.static.Executor(place)
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, v in values.items():
            scope.var(name).get_tensor().set(v, place)
        names = set(values)
        paddle.static.save_vars(
            exe, os.path.dirname(out_path) or ".", main_program=program,
            predicate=lambda var: var.name in names,
            filename=os.path.basename(out_path))


def text_image(shape, rng):
    n, c, h, w = shape
    img = np.full((n, h, w, c), 0.92, np.float32)
    for b in range(n):
        for _ in range(max(1, h // 27)):  # text lines of 14-pixel glyphs
            y, x0 = rng.integers(0, h - 14), rng.integers(0, w // 2)
            for x in range(x0, min(w - 7, x0 + rng.integers(w // 4, w // 2)),
                           7):
                img[b, y:y + 14, x:x + 4] = 0.05
                img[b, y + 5:y + 8, x:x + 7] = 0.05
    img += 0.02 * rng.standard_normal(img.shape, np.float32)
    mean = np.array([0.485, 0.456, 0.406], np.float32)[:c]
    std = np.array([0.229, 0.224, 0.225], np.float32)[:c]
    return ((img - mean) / std).transpose(0, 3, 1, 2).copy()


def make_inputs(spec, dtype, seed):
    rng = np.random.default_rng(seed)
    if spec.text:
        return text_image(spec.shape, rng).astype(dtype)
    if spec.value is not None:
        return np.broadcast_to(np.asarray(spec.value, dtype),
                               spec.shape).copy()
    if dtype.startswith("int"):
        lo = 0 if spec.low is None else spec.low
        hi = 4 if spec.high is None else spec.high
        return rng.integers(lo, hi, spec.shape).astype(dtype)
    if dtype == "bool":
        return rng.integers(0, 2, spec.shape).astype(bool)
    if spec.low is not None:
        return rng.uniform(spec.low, spec.high, spec.shape).astype(dtype)
    return rng.standard_normal(spec.shape).astype(dtype)


@dataclasses.dataclass
class Materialized:
    case: ConvCase
    model: str
    params: object  # path or None (a program without persistables)
    program: object  # pdesc.Program
    input_sets: list  # [{feed: Input}]


def materialize(case, outdir):
    """Writes (or finds) the program and parameters of `case` under
    `outdir`; returns a Materialized."""
    os.makedirs(outdir, exist_ok=True)
    if case.source[0] == "field":
        _, model, params = case.source
    else:
        saved = zoo.save(case.source[1], outdir, params=False)
        model, params = saved.model, None
    program = pdesc.Program(model)
    if params is None and program.params():
        params = os.path.join(outdir, case.name + ".pdiparams")
        if not os.path.exists(params):
            model_name = case.name.split("-", 1)[1]
            random_params(model, params, fixed={
                pname: value for (mname, pname), (value, _) in
                FIXED_PARAMS.items() if mname == model_name})
    sets = case.input_sets
    if sets is None and case.kind == "nlp":
        sets = [{f.name: Input((b, s), *NLP_FEED_RANGES[f.name])
                 for f in program.feeds} for b, s in NLP_SHAPES]
    if sets is None:
        fixed = {}
        if case.source[1] in OP_DYNAMIC:
            f0 = program.feeds[0]
            fixed[f0.name] = Input(OP_DYNAMIC[case.source[1]])
        sets = [_feed_inputs(program, fixed, case.source[1],
                             batch=1 if case.kind == "vision" else 2)]
    else:
        sets = [_feed_inputs(program, s, case.name) for s in sets]
    return Materialized(case, model, params, program, sets)


def feed_arrays(m, index):
    """The seeded arrays of input set `index` of Materialized `m`, by feed
    name, in feed order."""
    return {f.name: make_inputs(m.input_sets[index][f.name], f.dtype,
                                SEED + 101 * index + i)
            for i, f in enumerate(m.program.feeds)}


def paddle_run(m, extra_fetches=()):
    """Runs `m` with Paddle (the oracle) from the saved files; returns
    [(feeds, [outputs in fetch order, then `extra_fetches` (variable
    names)])] per input set."""
    import paddle
    exe = paddle.static.Executor(paddle.CPUPlace())
    scope = paddle.static.Scope()
    results = []
    with paddle.static.scope_guard(scope), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kw = {"model_filename": os.path.basename(m.model)}
        if m.params:
            kw["params_filename"] = os.path.relpath(
                m.params, os.path.dirname(m.model))
        prog, feed_names, fetches = paddle.static.load_inference_model(
            os.path.dirname(m.model), exe, **kw)
        fetches = list(fetches) + [prog.global_block().var(n)
                                   for n in extra_fetches]
        for i in range(len(m.input_sets)):
            feeds = feed_arrays(m, i)
            outs = exe.run(prog, feed=feeds, fetch_list=fetches,
                           return_numpy=True)
            results.append((feeds, [np.asarray(o) for o in outs]))
    return results


class ChildFailed(Exception):
    pass


def in_child(fn, *args):
    """Returns fn(*args) computed in a forked child, so that a checker or
    onnxruntime crash (onnx 1.17's shape inference dies of SIGFPE on some
    graphs) fails one test instead of killing the session. The child's
    exception, if any, comes back as ChildFailed with its traceback."""
    fd, tmp = tempfile.mkstemp(suffix=".pkl")
    os.close(fd)
    try:
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                try:
                    res = ("ok", fn(*args))
                except BaseException as e:  # noqa: B036 (reported below)
                    res = ("error", f"{type(e).__name__}: {e}\n"
                           + traceback.format_exc()[-4000:])
                with open(tmp, "wb") as f:
                    pickle.dump(res, f)
            except BaseException:
                code = 3
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            sig = signal.Signals(os.WTERMSIG(status)).name
            raise ChildFailed(f"{fn.__name__} died of {sig}")
        if os.WEXITSTATUS(status) != 0:
            raise ChildFailed(f"{fn.__name__}: its result could not be "
                              "pickled")
        with open(tmp, "rb") as f:
            kind, value = pickle.load(f)
    finally:
        os.remove(tmp)
    if kind == "error":
        raise ChildFailed(f"{fn.__name__}: {value}")
    return value
