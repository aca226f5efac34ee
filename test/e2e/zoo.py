"""A registry of Paddle programs for the end-to-end tests.

Each case is a function that builds a static (legacy ProgramDesc) program
under a fresh `paddle.static.program_guard` and returns its feed and fetch
variables. `save(name, outdir)` builds the case and saves it the way users
do, with `paddle.static.save_inference_model` (program + `.pdiparams`); cases
registered with `params=False` are large models whose random weights would
only cost time, so only their program is written (same normalisation as
`save_inference_model`, via `normalize_program` + `_remove_training_info`).

Programs are built with Paddle 2.6 in legacy (non-PIR) static mode, which
writes the `.pdmodel` ProgramDesc format natively.
"""
import dataclasses
import os
import warnings

os.environ.setdefault("FLAGS_enable_pir_api", "0")
os.environ.setdefault("GLOG_minloglevel", "2")

import numpy as np  # noqa: E402
import paddle  # noqa: E402
import paddle.nn as nn  # noqa: E402
import paddle.nn.functional as F  # noqa: E402
from paddle.base.layer_helper import LayerHelper  # noqa: E402

paddle.enable_static()


@dataclasses.dataclass
class Case:
    name: str
    build: object
    params: bool = True
    kind: str = "ops"  # ops | vision | nlp


@dataclasses.dataclass
class Saved:
    name: str
    model: str
    params: object  # path of the .pdiparams file, or None
    feeds: list  # [(name, dtype, shape)] as declared with paddle.static.data


CASES = {}


def case(name=None, params=True, kind="ops"):
    def reg(fn):
        n = name or fn.__name__
        assert n not in CASES, n
        CASES[n] = Case(n, fn, params, kind)
        return fn
    return reg


def data(name, shape, dtype="float32"):
    return paddle.static.data(name, shape, dtype)


def _in_pir_mode():
    """Whether the program being built is a PIR one (Paddle 3.x)."""
    return getattr(paddle.framework, "in_pir_mode", lambda: False)()


def legacy_op(op_type, inputs, attrs, dtype="float32", out_slot="Out"):
    """Appends a raw legacy op (used for ops the 2.x Python API no longer
    emits, e.g. elementwise ops with an explicit `axis`)."""
    helper = LayerHelper(op_type)
    out = helper.create_variable_for_type_inference(dtype=dtype)
    helper.append_op(type=op_type, inputs=inputs,
                     outputs={out_slot: [out]}, attrs=attrs)
    return out


# ---------------------------------------------------------------- small ops
@case()
def conv2d_bias():
    x = data("x", [-1, 3, 8, 8])
    return [x], [nn.Conv2D(3, 8, 3, padding=1)(x)]


@case()
def conv2d_stride_dilation_nobias():
    x = data("x", [-1, 4, 16, 16])
    conv = nn.Conv2D(4, 6, 3, stride=2, dilation=2, padding=2,
                     bias_attr=False)
    return [x], [conv(x)]


@case()
def depthwise_conv2d():
    x = data("x", [-1, 8, 8, 8])
    return [x], [nn.Conv2D(8, 8, 3, padding=1, groups=8)(x)]


@case()
def conv2d_transpose():
    x = data("x", [-1, 4, 5, 5])
    return [x], [nn.Conv2DTranspose(4, 2, 4, stride=2, padding=1)(x)]


@case()
def pool2d_max_avg_adaptive():
    x = data("x", [-1, 3, 16, 16])
    a = F.max_pool2d(x, 3, stride=2, padding=1)
    b = F.avg_pool2d(x, 2, stride=2, exclusive=False)
    c = F.adaptive_avg_pool2d(x, [3, 5])
    d = F.adaptive_avg_pool2d(x, 1)  # global
    return [x], [a, b, c, d]


@case()
def batch_norm():
    x = data("x", [-1, 4, 6, 6])
    bn = nn.BatchNorm2D(4)
    bn.eval()
    return [x], [F.relu(bn(x))]


@case()
def layer_norm():
    x = data("x", [-1, 7, 16])
    return [x], [nn.LayerNorm(16)(x)]


@case()
def group_instance_norm():
    x = data("x", [2, 8, 5, 5])
    return [x], [nn.GroupNorm(4, 8)(x), nn.InstanceNorm2D(8)(x)]


@case(params=False)
def matmul_transposes():
    a = data("a", [-1, 3, 4])
    b = data("b", [-1, 5, 4])
    c = data("c", [4, 6])
    y1 = paddle.matmul(a, b, transpose_y=True)
    y2 = paddle.matmul(a, a, transpose_x=True, transpose_y=False)
    y3 = paddle.matmul(a, c)
    return [a, b, c], [y1, y2, y3]


@case()
def linear_softmax():
    x = data("x", [-1, 10])
    h = nn.Linear(10, 20)(x)
    return [x], [F.softmax(h, axis=-1), F.log_softmax(h, axis=1)]


@case(params=False)
def reshape_attr():
    x = data("x", [-1, 4, 6])
    return [x], [paddle.reshape(x, [0, 2, -1, 3])]


@case(params=False)
def reshape_shape_tensor():
    x = data("x", [-1, -1, 6])
    s = paddle.shape(x)
    y = paddle.reshape(x, [s[0], s[1] * 2, 3])
    return [x], [y]


@case(params=False)
def expand_tile_shape_tensors():
    """expand and tile with shapes computed at run time (the legacy
    expand_shapes_tensor and repeat_times_tensor lists)."""
    x = data("x", [-1, 1, 4])
    y = data("y", [-1, 3, 4])
    s = paddle.shape(y)
    e = paddle.expand(x, [s[0], s[1], 4])
    t = paddle.tile(x, [1, s[1], 1])
    return [x, y], [e, t]


@case(params=False)
def slice_tensor_starts():
    x = data("x", [-1, 10, 4])
    start = data("start", [1], "int64")
    y = paddle.slice(x, axes=[1, 2], starts=[start, 1], ends=[8, 3])
    z = x[:, 2:-1, ::2]
    return [x, start], [y, z]


@case(params=False)
def concat_split_stack():
    x = data("x", [-1, 6, 4])
    y = data("y", [-1, 2, 4])
    c = paddle.concat([x, y], axis=1)
    a, b = paddle.split(c, [3, 5], axis=1)
    p, q = paddle.split(x, 2, axis=2)
    s = paddle.stack([p, q], axis=0)
    u = paddle.unstack(x, axis=2)
    return [x, y], [a, b, s, u[0], paddle.add_n([p, q])]


@case(params=False)
def transpose_squeeze_flatten():
    x = data("x", [-1, 1, 3, 4])
    t = paddle.transpose(x, [0, 3, 1, 2])
    s = paddle.squeeze(t, axis=2)
    u = paddle.unsqueeze(s, axis=[0, 3])
    f = paddle.flatten(x, start_axis=1, stop_axis=-1)
    return [x], [u, f]


@case(params=False)
def elementwise_broadcast():
    x = data("x", [-1, 3, 4, 5])
    y = data("y", [4, 5])
    z = data("z", [-1, 3, 1, 1])
    outs = [x + y, x - z, x * y, x / z, paddle.maximum(x, y),
            paddle.minimum(x, z), paddle.pow(paddle.abs(x), y),
            paddle.floor_divide(x, z), paddle.remainder(x, z)]
    return [x, y, z], outs


@case(params=False)
def elementwise_legacy_axis():
    x = data("x", [-1, 3, 4, 5])
    b = data("b", [3])
    m = data("m", [3, 4])
    y = legacy_op("elementwise_add", {"X": [x], "Y": [b]}, {"axis": 1})
    z = legacy_op("elementwise_mul", {"X": [y], "Y": [m]}, {"axis": 1})
    return [x, b, m], [z]


@case(params=False)
def compare_logical_where():
    x = data("x", [-1, 6])
    y = data("y", [-1, 6])
    eq, ne = x == y, x != y
    lt, le, gt, ge = x < y, x <= y, x > y, x >= y
    a = paddle.logical_and(lt, ne)
    o = paddle.logical_or(eq, gt)
    xo = paddle.logical_xor(le, ge)
    n = paddle.logical_not(a)
    w = paddle.where(paddle.logical_and(o, n), x, y)
    return [x, y], [w, xo]


@case(params=False)
def cast_fill_scale():
    x = data("x", [-1, 4], "int32")
    f = paddle.cast(x, "float32")
    c = paddle.full([2, 4], 1.5, "float32")
    s = paddle.scale(f, scale=2.0, bias=0.5)
    like = paddle.full_like(f, 3.0)
    av = paddle.assign(np.arange(4, dtype="float32"))
    return [x], [s + c[0], like, av, paddle.cast(s, "int64")]


@case(params=False)
def dropout_infer():
    x = data("x", [-1, 8])
    y = F.dropout(x, 0.3, training=False, mode="downscale_in_infer")
    return [x], [y]


@case(params=False)
def activations():
    x = data("x", [-1, 16])
    outs = [F.relu(x), F.relu6(x), F.leaky_relu(x, 0.1), F.sigmoid(x),
            F.hardsigmoid(x), F.hardswish(x), F.swish(x), F.silu(x),
            F.gelu(x), F.gelu(x, approximate=True), paddle.tanh(x),
            F.softplus(x)]
    return [x], outs


@case(params=False)
def unary_math():
    x = data("x", [-1, 5])
    a = paddle.abs(x) + 1.0
    outs = [paddle.exp(x), paddle.log(a), paddle.sqrt(a), paddle.rsqrt(a),
            paddle.sin(x), paddle.cos(x), paddle.erf(x), paddle.floor(x),
            paddle.ceil(x), paddle.square(x), paddle.pow(a, 1.5),
            paddle.clip(x, -0.5, 0.5)]
    return [x], outs


@case(params=False)
def reductions():
    x = data("x", [-1, 4, 6])
    outs = [paddle.mean(x, axis=1), paddle.sum(x, axis=[1, 2], keepdim=True),
            paddle.max(x, axis=-1), paddle.min(x, axis=0),
            paddle.prod(x, axis=2), paddle.argmax(x, axis=1),
            paddle.argmin(x, axis=2), paddle.cumsum(x, axis=1),
            paddle.topk(x, 2, axis=-1)[0], paddle.norm(x, p=2, axis=-1)]
    return [x], outs


@case(params=False)
def all_any():
    x = data("x", [-1, 4, 6])
    b = x > 0
    outs = [paddle.all(b), paddle.any(b), paddle.all(b, axis=1),
            paddle.any(b, axis=[0, 2], keepdim=True), paddle.all(b, axis=-1),
            paddle.any(b, axis=1)]
    return [x], [paddle.cast(o, "int32") for o in outs]


@case(params=False)
def gather_index_expand():
    x = data("x", [-1, 5, 4])
    i = data("i", [3], "int64")
    nd = data("nd", [2, 2], "int64")
    g = paddle.gather(x, i, axis=1)
    gn = paddle.gather_nd(x, nd)
    s = paddle.index_select(x, i, axis=2)
    v = data("v", [1, 4])
    w = data("w", [1, 5, 1])
    e = paddle.expand(v, [3, 4])
    ea = paddle.expand_as(w, x)
    t = paddle.tile(x, [1, 2, 1])
    fl = paddle.flip(x, [1])
    return [x, i, nd, v, w], [g, gn, s, e, ea, t, fl]


@case(params=False)
def onehot_tril_arange():
    ids = data("ids", [-1, 3], "int64")
    m = data("m", [-1, 4, 4])
    oh = F.one_hot(ids, 7)
    tl = paddle.tril(m)
    tu = paddle.triu(m, 1)
    r = paddle.arange(0, 10, 2, dtype="int64")
    return [ids, m], [oh, tl, tu, r]


@case(params=False)
def strided_slice_op():
    x = data("x", [-1, 8, 8])
    y = paddle.strided_slice(x, axes=[1, 2], starts=[0, 1], ends=[8, 8],
                             strides=[2, 3])
    return [x], [y]


@case(params=False)
def interpolate_pad_shuffle():
    x = data("x", [-1, 4, 6, 6])
    n = F.interpolate(x, scale_factor=2, mode="nearest")
    b = F.interpolate(x, size=[9, 9], mode="bilinear", align_corners=False)
    p = F.pad(x, [1, 2, 0, 1], mode="constant", value=0.0)
    r = F.pad(x, [1, 1, 1, 1], mode="reflect")
    s = F.pixel_shuffle(x, 2)
    return [x], [n, b, p, r, s]


@case()
def embedding_lookup():
    ids = data("ids", [-1, -1], "int64")
    return [ids], [nn.Embedding(50, 8)(ids)]


@case(params=False)
def grid_sample_op():
    x = data("x", [-1, 2, 6, 6])
    g = data("grid", [-1, 4, 4, 2])
    return [x, g], [F.grid_sample(x, g, align_corners=False)]


@case()
def deformable_conv_op():
    """deformable_conv (v2, with a mask) and deformable_conv_v1 (without):
    offsets of a few pixels reach
    outside the image (zero there); groups and deformable groups apart and
    together; strides, asymmetric dilations and paddings; dynamic and
    static batch."""
    from paddle.vision.ops import DeformConv2D
    x = data("x", [-1, 4, 9, 9])
    off = data("off", [-1, 18, 9, 9])
    m = data("m", [-1, 9, 9, 9])
    a = DeformConv2D(4, 6, 3, padding=1)(x, off, m)
    off2 = data("off2", [-1, 2 * 2 * 6, 5, 4])
    m2 = data("m2", [-1, 2 * 6, 5, 4])
    b = DeformConv2D(4, 6, (3, 2), stride=(2, 3), padding=(2, 1),
                     dilation=(2, 1), groups=2, deformable_groups=2,
                     bias_attr=False)(x, off2, m2)
    xs = data("xs", [2, 4, 7, 7])
    off3 = data("off3", [2, 4 * 2 * 4, 6, 6])
    m3 = data("m3", [2, 4 * 4, 6, 6])
    c = DeformConv2D(4, 4, 2, groups=4, deformable_groups=4)(xs, off3, m3)
    # No mask: deformable_conv_v1.
    off4 = data("off4", [-1, 2 * 2 * 9, 7, 6])
    d = DeformConv2D(4, 6, 3, stride=(1, 2), padding=(0, 2),
                     deformable_groups=2)(x, off4)
    return [x, off, m, off2, m2, xs, off3, m3, off4], [a, b, c, d]


# Detection ops: one image (the NMS lowerings take batch 1), boxes built
# from corners and positive sizes so that x1 <= x2 and y1 <= y2.
def _boxes(m, scale=1.0):
    xy = data("xy", [1, m, 2])
    wh = data("wh", [1, m, 2])
    b = paddle.concat([xy, xy + wh], axis=-1)
    return [xy, wh], b * scale if scale != 1.0 else b


def _nms3(boxes, scores, **attrs):
    helper = LayerHelper("multiclass_nms3")
    out = helper.create_variable_for_type_inference("float32")
    index = helper.create_variable_for_type_inference("int32")
    num = helper.create_variable_for_type_inference("int32")
    full = dict(background_label=-1, score_threshold=0.3, nms_top_k=20,
                keep_top_k=10, nms_threshold=0.5, normalized=True,
                nms_eta=1.0)
    full.update(attrs)
    if _in_pir_mode():  # PIR has no raw legacy ops: the op's _C_ops form.
        return list(paddle._C_ops.multiclass_nms3(
            boxes, scores, None, full["score_threshold"], full["nms_top_k"],
            full["keep_top_k"], full["nms_threshold"], full["normalized"],
            full["nms_eta"], full["background_label"]))
    helper.append_op(type="multiclass_nms3",
                     inputs={"BBoxes": boxes, "Scores": scores},
                     outputs={"Out": out, "Index": index,
                              "NmsRoisNum": num}, attrs=full)
    return [out, index, num]


@case(params=False)
def multiclass_nms3_op():
    """multiclass_nms3: every class or a background one, nms_top_k and
    keep_top_k cutting or not, two IoU thresholds."""
    feeds, b = _boxes(30)
    sc = data("sc", [1, 4, 30])
    outs = (_nms3(b, sc)
            + _nms3(b, sc, background_label=0, score_threshold=0.05,
                    nms_top_k=-1, keep_top_k=-1, nms_threshold=0.3)
            + _nms3(b, sc, nms_top_k=5, keep_top_k=100,
                    nms_threshold=0.7, score_threshold=0.5))
    return feeds + [sc], outs


@case(params=False)
def matrix_nms_op():
    """matrix_nms: linear and gaussian decay, background class, pixel
    (normalized=False) boxes, post_threshold, keep_top_k."""
    from paddle.vision.ops import matrix_nms
    feeds, b = _boxes(25)
    sc = data("sc", [1, 3, 25])
    o1, n1, i1 = matrix_nms(b, sc, 0.2, 0.3, 15, 10, background_label=-1,
                            return_index=True, return_rois_num=True)
    o2, n2, i2 = matrix_nms(b * 50.0, sc, 0.05, 0.1, -1, -1,
                            use_gaussian=True, gaussian_sigma=1.5,
                            background_label=0, normalized=False,
                            return_index=True, return_rois_num=True)
    return feeds + [sc], [o1, i1, n1, o2, i2, n2]


@case(params=False)
def prior_box_op():
    """prior_box: max sizes and flipped aspect ratios with clipping; several
    min sizes, explicit steps and offset, min-max-aspect order; on a
    non-square map."""
    from paddle.vision.ops import prior_box
    x = data("x", [-1, 8, 6, 5])
    img = data("img", [-1, 3, 24, 20])
    b1, v1 = prior_box(x, img, min_sizes=[4.0], max_sizes=[8.0],
                       aspect_ratios=[1.0, 2.0], flip=True, clip=True)
    b2, v2 = prior_box(x, img, min_sizes=[2.0, 5.0], max_sizes=[3.0, 9.0],
                       aspect_ratios=[1.5], variance=[0.1, 0.2, 0.3, 0.4],
                       steps=[4.0, 5.0], offset=0.3,
                       min_max_aspect_ratios_order=True)
    return [x, img], [b1, v1, b2, v2]


@case(params=False)
def yolo_box_op():
    """yolo_box: clipped boxes; unclipped with iou_aware and scale_x_y; a
    non-square grid."""
    from paddle.vision.ops import yolo_box
    x = data("x", [-1, 2 * 8, 5, 6])
    size = data("size", [-1, 2], "int32")
    b1, s1 = yolo_box(x, size, [10, 13, 16, 30], 3, 0.01, 8)
    xi = data("xi", [-1, 2 * 9, 4, 4])
    b2, s2 = yolo_box(xi, size, [10, 14, 23, 27], 3, 0.3, 16,
                      clip_bbox=False, scale_x_y=1.05, iou_aware=True,
                      iou_aware_factor=0.4)
    return [x, size, xi], [b1, s1, b2, s2]


@case()
def conv3d_op():
    """conv3d: padding 1 with bias; stride 2, dilation 2, groups 2;
    asymmetric kernel and [begin, end] paddings."""
    x = data("x", [-1, 4, 6, 7, 5])
    a = nn.Conv3D(4, 6, 3, padding=1)(x)
    b = nn.Conv3D(4, 4, 3, stride=2, dilation=2, padding=2, groups=2,
                  bias_attr=False)(x)
    c = nn.Conv3D(4, 2, (1, 3, 2), padding=[0, 0, 1, 2, 1, 0])(x)
    return [x], [a, b, c]


@case(params=False)
def repeat_interleave_op():
    """repeat_interleave: an int on an axis, a repeats tensor, no axis
    (flattened), the batch axis. (A negative axis aborts Paddle 2.6's
    InferShape.)"""
    x = data("x", [-1, 3, 4])
    a = paddle.repeat_interleave(x, 2, axis=1)
    r = paddle.assign(np.array([1, 0, 3, 2], dtype="int64"))
    b = paddle.repeat_interleave(x, r, axis=2)
    c = paddle.repeat_interleave(x, 3)
    d = paddle.repeat_interleave(x, 3, axis=0)
    return [x], [a, b, c, d]


@case(params=False)
def fill_constant_batch_size_like_op():
    """fill_constant_batch_size_like: batch copied to dim 0 or to another
    output dim, float and int64 values."""
    x = data("x", [-1, 3])
    op = legacy_op
    if _in_pir_mode():  # PIR's form of the op: full_batch_size_like.
        def op(_, inputs, a, dtype="float32"):
            return paddle._C_ops.full_batch_size_like(
                inputs["Input"], a["shape"], getattr(paddle, dtype),
                a["value"],
                a["input_dim_idx"], a["output_dim_idx"], paddle.CPUPlace())
    a = op("fill_constant_batch_size_like", {"Input": x},
           {"shape": [-1, 5], "value": 1.5, "dtype": 5,
            "input_dim_idx": 0, "output_dim_idx": 0})
    b = op("fill_constant_batch_size_like", {"Input": x},
           {"shape": [2, -1, 4], "value": 7.0, "dtype": 3,
            "input_dim_idx": 0, "output_dim_idx": 1}, dtype="int64")
    c = op("fill_constant_batch_size_like", {"Input": x},
           {"shape": [4, 2], "value": -2.0, "dtype": 5,
            "input_dim_idx": 1, "output_dim_idx": 1})
    return [x], [a, b, c]


@case(params=False)
def legacy_interp_v1():
    """The v1 interpolation ops (before *_interp_v2): bilinear with
    align_corners off (align_mode 0 and 1) and on, nearest with out_h/out_w
    and with a scale."""
    x = data("x", [-1, 3, 5, 6])
    outs = []
    for method, ac, mode in (("bilinear", False, 0), ("bilinear", False, 1),
                             ("bilinear", True, 1)):
        outs.append(legacy_op(f"{method}_interp", {"X": x}, {
            "out_h": 8, "out_w": 9, "scale": 0.0,
            "interp_method": method, "align_corners": ac,
            "align_mode": mode, "data_layout": "NCHW"}))
    for ac in (False, True):
        outs.append(legacy_op("nearest_interp", {"X": x}, {
            "out_h": 10, "out_w": 4, "scale": 0.0,
            "interp_method": "nearest", "align_corners": ac,
            "align_mode": 1, "data_layout": "NCHW"}))
    outs.append(legacy_op("nearest_interp", {"X": x}, {
        "out_h": -1, "out_w": -1, "scale": 2.0,
        "interp_method": "nearest", "align_corners": False,
        "align_mode": 1, "data_layout": "NCHW"}))
    return [x], outs


@case()
def lstm_bidirectional():
    x = data("x", [-1, 7, 8])
    lstm = nn.LSTM(8, 6, num_layers=2, direction="bidirect")
    lstm.eval()
    y, _ = lstm(x)
    return [x], [y]


@case()
def lstm_sequence_length():
    """rnn with SequenceLength: outputs past each sequence's length are
    zero, its state is the one at its last step (both directions)."""
    x = data("x", [3, 6, 4])
    # A full, a short and a middle length.
    n = paddle.assign(np.array([6, 2, 4], "int64"))
    lstm = nn.LSTM(4, 5, num_layers=2, direction="bidirect")
    lstm.eval()
    y, (h, c) = lstm(x, sequence_length=n)
    return [x], [y, h, c]


@case()
def gru_simple_rnn():
    """The rnn op's other modes: GRU (2 layers, bidirectional), RNN_TANH
    and RNN_RELU, with their final states."""
    x = data("x", [-1, 5, 4])
    gru = nn.GRU(4, 3, num_layers=2, direction="bidirect")
    tanh = nn.SimpleRNN(4, 3)
    relu = nn.SimpleRNN(4, 3, activation="relu")
    outs = []
    for layer in (gru, tanh, relu):
        layer.eval()
        y, h = layer(x)
        outs += [y, h]
    return [x], outs


@case(params=False)
def legacy_matmul_mul():
    x = data("x", [-1, 4, 6])
    y = data("y", [-1, 6, 3])
    w = data("w", [6, 5])
    m = legacy_op("matmul", {"X": [x], "Y": [y]},
                  {"transpose_X": False, "transpose_Y": False, "alpha": 0.5})
    f = legacy_op("mul", {"X": [x], "Y": [w]},
                  {"x_num_col_dims": 2, "y_num_col_dims": 1})
    return [x, y, w], [m, f]


@case()
def multi_feed_fetch_order():
    # Feeds declared in one order, used in another; fetch order differs from
    # definition order: the importer must follow the feed/fetch `col`s.
    b = data("b", [-1, 4])
    a = data("a", [-1, 4])
    c = data("c", [-1, 4], "int64")
    lin = nn.Linear(4, 4)
    s = lin(a) + b
    p = paddle.cast(c, "float32") * a
    return [c, a, b], [p, s]


@case()
def conv_bn_block():
    x = data("image", [-1, 3, 16, 16])
    seq = nn.Sequential(nn.Conv2D(3, 8, 3, padding=1, bias_attr=False),
                        nn.BatchNorm2D(8), nn.ReLU(),
                        nn.Conv2D(8, 8, 3, groups=8, padding=1),
                        nn.BatchNorm2D(8), nn.Hardswish(),
                        nn.AdaptiveAvgPool2D(1), nn.Flatten(),
                        nn.Linear(8, 5))
    seq.eval()
    return [x], [F.softmax(seq(x))]


# ----------------------------------------------------------- vision models
# Input sizes are the ones the architectures are made for: Paddle's static
# shape inference lets a wrong size through (the batch is unknown), giving a
# program with mismatched matmul shapes. Size does not change build time.
def _vision(arch, size=224, params=False, **kw):
    def build():
        import paddle.vision.models as vm
        x = data("x", [-1, 3, size, size])
        m = getattr(vm, arch)(**kw)
        m.eval()
        out = m(x)
        outs = list(out) if isinstance(out, (list, tuple)) else [out]
        return [x], outs
    build.__name__ = arch
    CASES[arch] = Case(arch, build, params, "vision")


_vision("resnet18", params=True)
_vision("resnet50", params=True)
_vision("mobilenet_v1")
_vision("mobilenet_v2", params=True, num_classes=10)
_vision("mobilenet_v3_small")
_vision("mobilenet_v3_large")
_vision("vgg16")
_vision("squeezenet1_1")
_vision("shufflenet_v2_x1_0")
_vision("densenet121")
_vision("googlenet")
_vision("inception_v3", size=299)


# ------------------------------------------------------ transformer models
class _Bert(nn.Layer):
    """BERT (post-norm) or an ERNIE-like variant (task-type embedding,
    relu FFN)."""

    def __init__(self, vocab=100, h=32, layers=2, heads=4, act="gelu",
                 task_types=0):
        super().__init__()
        self.we = nn.Embedding(vocab, h)
        self.pe = nn.Embedding(64, h)
        self.te = nn.Embedding(2, h)
        self.task = nn.Embedding(task_types, h) if task_types else None
        self.ln = nn.LayerNorm(h)
        layer = nn.TransformerEncoderLayer(h, heads, 4 * h, dropout=0.1,
                                           activation=act)
        self.enc = nn.TransformerEncoder(layer, layers)
        self.pool = nn.Linear(h, h)

    def forward(self, ids, tt):
        pos = paddle.arange(0, paddle.shape(ids)[1], dtype="int64")
        pos = pos.unsqueeze(0)
        mask = paddle.unsqueeze((ids == 0).astype("float32") * -1e4, [1, 2])
        x = self.we(ids) + self.pe(pos) + self.te(tt)
        if self.task is not None:
            x = x + self.task(paddle.zeros_like(ids))
        x = self.enc(self.ln(x), mask)
        return x, paddle.tanh(self.pool(x[:, 0]))


class _RMSNorm(nn.Layer):
    def __init__(self, h):
        super().__init__()
        self.w = self.create_parameter(
            [h], default_initializer=nn.initializer.Constant(1.0))

    def forward(self, x):
        v = x.astype("float32").pow(2).mean(-1, keepdim=True)
        return (paddle.rsqrt(v + 1e-6) * x) * self.w


def _rope(x, pos, d):
    inv = 1.0 / (10000 ** (paddle.arange(0, d, 2, dtype="float32") / d))
    f = paddle.matmul(pos.astype("float32").unsqueeze(-1), inv.unsqueeze(0))
    emb = paddle.concat([f, f], -1)
    cos, sin = emb.cos().unsqueeze(1), emb.sin().unsqueeze(1)
    x1, x2 = paddle.split(x, 2, -1)
    return x * cos + paddle.concat([-x2, x1], -1) * sin


class _Qwen2(nn.Layer):
    """Qwen2-like decoder: RMSNorm, rotary embeddings, GQA through
    repeat_interleave, causal mask, SiLU-gated MLP."""

    def __init__(self, vocab=100, h=32, heads=4, kv=2, layers=2):
        super().__init__()
        self.e = nn.Embedding(vocab, h)
        self.h, self.nh, self.kv, self.d = h, heads, kv, h // heads
        self.layers = nn.LayerList()
        for _ in range(layers):
            self.layers.append(nn.LayerList([
                _RMSNorm(h), nn.Linear(h, h), nn.Linear(h, kv * self.d),
                nn.Linear(h, kv * self.d), nn.Linear(h, h, bias_attr=False),
                _RMSNorm(h), nn.Linear(h, 4 * h, bias_attr=False),
                nn.Linear(h, 4 * h, bias_attr=False),
                nn.Linear(4 * h, h, bias_attr=False)]))
        self.norm = _RMSNorm(h)
        self.head = nn.Linear(h, vocab, bias_attr=False)

    def forward(self, ids):
        B, T = paddle.shape(ids)[0], paddle.shape(ids)[1]
        x = self.e(ids)
        pos = paddle.arange(0, T, dtype="int64").unsqueeze(0)
        mask = paddle.triu(paddle.full([T, T], -1e9, "float32"), 1)
        for n1, q, k, v, o, n2, g, u, dn in self.layers:
            y = n1(x)

            def heads(t, n):
                return t.reshape([B, T, n, self.d]).transpose([0, 2, 1, 3])
            qq, kk, vv = heads(q(y), self.nh), heads(k(y), self.kv), \
                heads(v(y), self.kv)
            qq, kk = _rope(qq, pos, self.d), _rope(kk, pos, self.d)
            kk = paddle.repeat_interleave(kk, self.nh // self.kv, axis=1)
            vv = paddle.repeat_interleave(vv, self.nh // self.kv, axis=1)
            s = paddle.matmul(qq, kk, transpose_y=True) / (self.d ** 0.5)
            a = F.softmax(s + mask, -1)
            att = paddle.matmul(a, vv).transpose([0, 2, 1, 3])
            x = x + o(att.reshape([B, T, self.h]))
            y = n2(x)
            x = x + dn(F.silu(g(y)) * u(y))
        return self.head(self.norm(x))


class _GPT(nn.Layer):
    """GPT-like pre-norm decoder-only model with a causal mask and tied
    output embedding."""

    def __init__(self, vocab=100, h=32, layers=2, heads=4):
        super().__init__()
        self.we = nn.Embedding(vocab, h)
        self.pe = nn.Embedding(64, h)
        self.ln = nn.LayerNorm(h)
        self.enc = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(h, heads, 4 * h, dropout=0.0,
                                       normalize_before=True), layers)

    def forward(self, ids):
        T = paddle.shape(ids)[1]
        pos = paddle.arange(0, T, dtype="int64").unsqueeze(0)
        mask = paddle.triu(paddle.full([T, T], float("-inf"), "float32"), 1)
        x = self.enc(self.we(ids) + self.pe(pos), mask)
        return paddle.matmul(self.ln(x), self.we.weight, transpose_y=True)


def _nlp(name, make, feeds):
    def build():
        ins = [data(n, [-1, -1], "int64") for n in feeds]
        m = make()
        m.eval()
        out = m(*ins)
        return ins, list(out) if isinstance(out, (list, tuple)) else [out]
    build.__name__ = name
    CASES[name] = Case(name, build, True, "nlp")


_nlp("bert", lambda: _Bert(), ["input_ids", "token_type_ids"])
_nlp("ernie", lambda: _Bert(act="relu", task_types=3),
     ["input_ids", "token_type_ids"])
_nlp("gpt", lambda: _GPT(), ["input_ids"])
_nlp("qwen2", lambda: _Qwen2(), ["input_ids"])


# ------------------------------------------------------------------ saving
def build_program(name):
    """Builds case `name`; returns (main, startup, feeds, fetches)."""
    c = CASES[name]
    main, startup = paddle.static.Program(), paddle.static.Program()
    main.random_seed = startup.random_seed = 1234
    with paddle.static.program_guard(main, startup), \
            paddle.utils.unique_name.guard():
        feeds, fetches = c.build()
    return main, startup, feeds, fetches


def save(name, outdir, params=None):
    """Builds case `name` and saves it as `outdir/name.pdmodel` (+
    `.pdiparams` when the case has parameters and params are wanted)."""
    c = CASES[name]
    want_params = c.params if params is None else params
    main, startup, feeds, fetches = build_program(name)
    os.makedirs(outdir, exist_ok=True)
    prefix = os.path.join(outdir, name)
    if want_params:
        scope = paddle.static.Scope()
        exe = paddle.static.Executor(paddle.CPUPlace())
        with paddle.static.scope_guard(scope), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exe.run(startup)
            paddle.static.save_inference_model(prefix, feeds, fetches, exe,
                                               program=main)
    else:
        from paddle.static.io import _serialize_program, normalize_program
        prog = normalize_program(main, feeds, fetches)
        with open(prefix + ".pdmodel", "wb") as f:
            f.write(_serialize_program(
                prog._remove_training_info(clip_extra=True)))
    pdiparams = prefix + ".pdiparams"
    return Saved(name, prefix + ".pdmodel",
                 pdiparams if os.path.exists(pdiparams) else None,
                 [(v.name, str(v.dtype), list(v.shape)) for v in feeds])


class Cache:
    """Saves each case at most once per test session."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.saved = {}

    def get(self, name):
        if name not in self.saved:
            self.saved[name] = save(name, self.outdir)
        return self.saved[name]


if __name__ == "__main__":
    import argparse
    import collections
    import sys
    import time
    from paddle.base.proto import framework_pb2
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    for n in a.names or list(CASES):
        t = time.time()
        s = save(n, a.outdir)
        with open(s.model, "rb") as f:
            prog = framework_pb2.ProgramDesc.FromString(f.read())
        ops = collections.Counter(op.type for b in prog.blocks
                                  for op in b.ops)
        print(f"{n:32s} {time.time() - t:5.2f}s params={bool(s.params)} "
              f"{dict(sorted(ops.items()))}", file=sys.stdout)
