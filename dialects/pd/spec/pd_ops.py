"""The table of `pd` ops, the input of scripts/gen_pd_ops.py.

Each entry names a `pd` op after Paddle 3.x's PIR operator (`pd_op.<name>`) and
lists the legacy ProgramDesc op types imported into it. Slots, attributes,
their types and Paddle's defaults come from Paddle's own OpProto registry
(paddle_op_protos.json, dumped by scripts/dump_paddle_op_protos.py); this
table only says what differs from that default mapping:

  inputs / outputs / attrs   renames, {paddle slot or attr: mlir name}
  drop_inputs / drop_outputs / drop_attrs
                             slots and attributes that carry nothing at
                             inference (training-only outputs, XShape, ...)
  dtype_attrs                INT attributes holding a Paddle VarType dtype;
                             they become TypeAttr (element types)
  traits                     ODS traits beyond Pure
  verifier                   a C++ verifier in dialects/pd/PdOps.cpp
  folder / canonicalizer     hand-written folding in dialects/pd/PdFolds.cpp
  unregistered_attrs         attributes Paddle's kernels read that its
                             OpProto does not list ({name, type, default,
                             extra} as in paddle_op_protos.json)
"""


class Op:
    def __init__(self, name, legacy, summary, family, description="",
                 traits=(), verifier=False, folder=False, canonicalizer=False,
                 inputs=None, outputs=None, attrs=None, drop_inputs=(),
                 drop_outputs=(), drop_attrs=(), dtype_attrs=(),
                 unregistered_attrs=()):
        self.name = name
        self.legacy = [legacy] if isinstance(legacy, str) else list(legacy)
        self.summary = summary
        self.family = family
        self.description = description
        self.traits = list(traits)
        self.verifier = verifier
        self.folder = folder
        self.canonicalizer = canonicalizer
        self.inputs = inputs or {}
        self.outputs = outputs or {}
        self.attrs = attrs or {}
        self.drop_inputs = set(drop_inputs)
        self.drop_outputs = set(drop_outputs)
        self.drop_attrs = set(drop_attrs)
        self.dtype_attrs = set(dtype_attrs)
        self.unregistered_attrs = list(unregistered_attrs)


# Families decide the file a later lowering's patterns live in and the
# default traits.
UNARY = ["SameOperandsAndResultShape", "SameOperandsAndResultElementType"]
BINARY = ["SameOperandsAndResultElementType"]

# Attributes that only steer Paddle's kernels (oneDNN, cuDNN, fusion passes):
# dropped on import for every op.
GLOBAL_DROP_ATTRS = {
    "use_mkldnn", "use_cudnn", "use_quantizer", "mkldnn_data_type",
    "use_onednn", "onednn_data_type", "workspace_size_MB",
    "exhaustive_search", "fuse_relu", "fuse_activation", "fuse_alpha",
    "fuse_beta", "fuse_with_relu", "fuse_residual_connection",
    "force_fp32_output", "Scale_in", "Scale_out", "Scale_in_eltwise",
    "Scale_weights", "fuse_relu_before_depthwise_conv", "use_addto",
    "x_data_format", "y_data_format", "use_quantizer", "is_test_mkldnn",
}


def unary(name, legacy, summary, **kw):
    kw.setdefault("traits", UNARY)
    return Op(name, legacy, summary, "activation", **kw)


def binary(name, legacy, summary, **kw):
    return Op(name, legacy, summary, "elementwise", traits=BINARY,
              verifier=True, **kw)


def compare(name, legacy, summary, **kw):
    return Op(name, legacy, summary, "compare", verifier=True, **kw)


ROUND_TYPE = {"name": "round_type", "type": 0, "default": 1, "extra": False}

OPS = [
    # ---- activations and unary math
    unary("relu", "relu", "Rectified linear unit, max(x, 0)"),
    unary("relu6", "relu6", "min(max(x, 0), threshold)"),
    unary("leaky_relu", "leaky_relu", "x if x >= 0 else alpha * x"),
    unary("sigmoid", "sigmoid", "Logistic sigmoid, 1 / (1 + exp(-x))"),
    unary("hardsigmoid", "hard_sigmoid",
          "Piecewise linear sigmoid, clip(slope * x + offset, 0, 1)"),
    unary("hardswish", "hard_swish",
          "x * min(max(x + offset, 0), threshold) / scale"),
    unary("swish", "swish", "x * sigmoid(beta * x)"),
    unary("silu", "silu", "x * sigmoid(x)"),
    unary("gelu", "gelu", "Gaussian error linear unit, exact or tanh form"),
    unary("tanh", "tanh", "Hyperbolic tangent"),
    unary("exp", "exp", "Natural exponential"),
    unary("log", "log", "Natural logarithm"),
    unary("sqrt", "sqrt", "Square root"),
    unary("rsqrt", "rsqrt", "Reciprocal square root, 1 / sqrt(x)"),
    unary("abs", "abs", "Absolute value"),
    unary("sin", "sin", "Sine"),
    unary("cos", "cos", "Cosine"),
    unary("erf", "erf", "Gauss error function"),
    unary("floor", "floor", "Round toward negative infinity"),
    unary("ceil", "ceil", "Round toward positive infinity"),
    unary("square", "square", "x * x"),
    unary("softplus", "softplus",
          "log(1 + exp(beta * x)) / beta, linear above threshold"),
    unary("pow", "pow", "x raised to a scalar power, factor; a FactorTensor "
          "operand overrides the factor attribute", traits=[]),
    unary("scale", "scale",
          "scale * x + bias, or scale * (x + bias) when bias_after_scale is "
          "false; a ScaleTensor operand overrides the scale attribute",
          inputs={"ScaleTensor": "scale_tensor"}, folder=True,
          traits=[]),
    unary("clip", "clip", "Clamp x to [min, max]; Min and Max tensors "
          "override the attributes", traits=[]),
    unary("assign", "assign", "Copy of x", folder=True),
    unary("dropout", "dropout",
          "Dropout; at inference it is the identity (upscale_in_train) or "
          "a multiplication by 1 - dropout_prob (downgrade_in_infer)",
          drop_outputs=("Mask",), canonicalizer=True,
          drop_attrs=("fix_seed", "seed")),
    Op("cast", "cast", "Element type conversion", "tensor",
       dtype_attrs=("in_dtype", "out_dtype"), verifier=True, folder=True,
       traits=["SameOperandsAndResultShape"]),

    # ---- elementwise binary, with Paddle's broadcasting (axis)
    binary("add", "elementwise_add", "Elementwise x + y"),
    binary("subtract", "elementwise_sub", "Elementwise x - y"),
    binary("multiply", "elementwise_mul", "Elementwise x * y"),
    binary("divide", "elementwise_div", "Elementwise x / y"),
    binary("elementwise_pow", "elementwise_pow", "Elementwise x ** y"),
    binary("maximum", "elementwise_max", "Elementwise max(x, y)"),
    binary("minimum", "elementwise_min", "Elementwise min(x, y)"),
    binary("remainder", "elementwise_mod", "Elementwise x mod y"),
    binary("floor_divide", "elementwise_floordiv",
           "Elementwise floor(x / y)"),

    # ---- comparison and logic (bool results)
    compare("equal", "equal", "Elementwise x == y"),
    compare("not_equal", "not_equal", "Elementwise x != y"),
    compare("less_than", "less_than", "Elementwise x < y"),
    compare("less_equal", "less_equal", "Elementwise x <= y"),
    compare("greater_than", "greater_than", "Elementwise x > y"),
    compare("greater_equal", "greater_equal", "Elementwise x >= y"),
    Op("logical_and", "logical_and", "Elementwise x and y", "compare"),
    Op("logical_or", "logical_or", "Elementwise x or y", "compare"),
    Op("logical_xor", "logical_xor", "Elementwise x xor y", "compare"),
    Op("logical_not", "logical_not", "Elementwise not x", "compare"),
    Op("where", "where", "Select x where condition is true, else y",
       "compare"),

    # ---- reductions
    Op("mean", "reduce_mean", "Mean over dims", "reduce", verifier=True,
       dtype_attrs=("in_dtype", "out_dtype")),
    Op("sum", "reduce_sum", "Sum over dims", "reduce", verifier=True,
       dtype_attrs=("in_dtype", "out_dtype")),
    Op("max", "reduce_max", "Maximum over dims", "reduce", verifier=True,
       dtype_attrs=("in_dtype", "out_dtype")),
    Op("min", "reduce_min", "Minimum over dims", "reduce", verifier=True,
       dtype_attrs=("in_dtype", "out_dtype")),
    Op("prod", "reduce_prod", "Product over dims", "reduce", verifier=True,
       dtype_attrs=("in_dtype", "out_dtype")),
    Op("all", "reduce_all", "Logical and over dims", "reduce",
       verifier=True, dtype_attrs=("in_dtype", "out_dtype")),
    Op("any", "reduce_any", "Logical or over dims", "reduce",
       verifier=True, dtype_attrs=("in_dtype", "out_dtype")),
    Op("argmax", "arg_max", "Index of the maximum along axis", "reduce",
       dtype_attrs=("dtype",)),
    Op("argmin", "arg_min", "Index of the minimum along axis", "reduce",
       dtype_attrs=("dtype",)),
    Op("cumsum", "cumsum", "Cumulative sum along axis", "reduce"),
    Op("topk", "top_k_v2", "The k largest (or smallest) values along axis "
       "and their indices", "reduce"),
    Op("softmax", "softmax", "Softmax along axis", "nn", verifier=True,
       traits=UNARY),
    Op("log_softmax", "log_softmax", "Log of softmax along axis", "nn",
       traits=UNARY),
    Op("p_norm", "p_norm", "Vector p-norm along axis", "reduce"),

    # ---- linear algebra
    Op("matmul", "matmul_v2", "Batched matrix product with optional "
       "transposes of the last two dims", "nn", verifier=True,
       attrs={"trans_x": "transpose_x", "trans_y": "transpose_y"}),
    Op("legacy_matmul", "matmul", "Paddle 1.x/2.0 matmul: "
       "alpha * op(X) @ op(Y)", "nn",
       attrs={"transpose_X": "transpose_x", "transpose_Y": "transpose_y"}),
    Op("matmul_with_flatten", "mul", "Paddle 1.x mul: X and Y flattened "
       "to matrices at x_num_col_dims and y_num_col_dims, then multiplied",
       "nn"),

    # ---- convolution, pooling, normalization
    Op("conv2d", "conv2d", "2-D convolution", "nn", verifier=True),
    Op("depthwise_conv2d", "depthwise_conv2d",
       "2-D convolution with groups == input channels", "nn",
       verifier=True),
    Op("conv3d", "conv3d", "3-D convolution", "nn"),
    Op("conv2d_transpose", "conv2d_transpose",
       "2-D transposed convolution", "nn", verifier=True),
    Op("deformable_conv", "deformable_conv",
       "Deformable 2-D convolution (v2, with Mask)", "nn"),
    Op("deformable_conv_v1", "deformable_conv_v1",
       "Deformable 2-D convolution (v1, without Mask)", "nn"),
    Op("pool2d", "pool2d", "2-D max or average pooling, global and "
       "adaptive forms included", "nn", verifier=True),
    Op("batch_norm", "batch_norm", "Batch normalization with stored "
       "statistics (inference)", "nn", verifier=True,
       drop_outputs=("MeanOut", "VarianceOut", "SavedMean",
                     "SavedVariance", "ReserveSpace")),
    Op("layer_norm", "layer_norm", "Layer normalization over the dims from "
       "begin_norm_axis on", "nn", verifier=True),
    Op("group_norm", "group_norm", "Group normalization", "nn"),
    Op("instance_norm", "instance_norm", "Instance normalization", "nn",
       drop_outputs=("SavedMean", "SavedVariance")),
    Op("pixel_shuffle", "pixel_shuffle", "Depth to space", "nn"),
    Op("grid_sample", "grid_sampler", "Sample x at the positions of grid",
       "nn"),
    Op("rnn", "rnn", "Multi-layer (bidirectional) RNN, LSTM or GRU", "nn",
       drop_outputs=("DropoutState", "Reserve")),
    Op("embedding", "lookup_table_v2", "Rows of w gathered by ids", "nn"),

    # ---- shape manipulation
    Op("reshape", "reshape2", "Reshape; the shape comes from the shape "
       "attribute, or the Shape tensor, or the ShapeTensor list; 0 copies "
       "the input dim and -1 is inferred", "tensor", verifier=True,
       inputs={"Shape": "shape_tensor", "ShapeTensor": "shape_tensor_list"},
       folder=True, drop_outputs=("XShape",)),
    Op("transpose", "transpose2", "Permute dims", "tensor", verifier=True,
       folder=True, drop_outputs=("XShape",)),
    Op("squeeze", "squeeze2", "Remove size-1 dims", "tensor", folder=True,
       drop_outputs=("XShape",)),
    Op("unsqueeze", "unsqueeze2", "Insert size-1 dims", "tensor",
       folder=True, drop_outputs=("XShape",)),
    Op("flatten", "flatten_contiguous_range", "Merge dims start_axis to "
       "stop_axis into one", "tensor", verifier=True, folder=True,
       drop_outputs=("XShape",)),
    Op("concat", "concat", "Concatenate along axis (or the AxisTensor)",
       "tensor", verifier=True),
    Op("split", "split", "Split along axis into num equal parts or the "
       "given sections", "tensor", verifier=True),
    Op("stack", "stack", "Stack along a new axis", "tensor"),
    Op("unstack", "unstack", "Split along axis and remove it", "tensor"),
    Op("slice", "slice", "Slice; starts and ends come from attributes or "
       "tensors", "tensor", verifier=True),
    Op("strided_slice", "strided_slice", "Strided slice", "tensor"),
    Op("expand", "expand_v2", "Broadcast to shape", "tensor"),
    Op("expand_as", "expand_as_v2", "Broadcast to the shape of y or "
       "target_shape", "tensor"),
    Op("tile", "tile", "Repeat the tensor along each dim", "tensor",
       inputs={"RepeatTimes": "repeat_times_tensor",
               "repeat_times_tensor": "repeat_times_tensor_list"}),
    Op("gather", "gather", "Gather slices along axis by index", "tensor"),
    Op("gather_nd", "gather_nd", "Gather by N-d indices", "tensor"),
    Op("index_select", "index_select", "Select entries along dim by index",
       "tensor"),
    Op("flip", "flip", "Reverse along axes", "tensor"),
    Op("shape", "shape", "The shape of x as a 1-D int32 tensor", "tensor",
       verifier=True),
    Op("repeat_interleave", "repeat_interleave",
       "Repeat each element along dim", "tensor"),
    Op("pad3d", "pad3d", "Pad the last three dims", "tensor"),
    Op("one_hot", "one_hot_v2", "One-hot encoding", "tensor",
       dtype_attrs=("dtype",)),
    Op("tril_triu", "tril_triu", "Lower or upper triangle of a matrix",
       "tensor", traits=UNARY),
    Op("add_n", "sum", "Sum of a list of tensors", "elementwise"),

    # ---- creation
    Op("full", "fill_constant", "Tensor filled with a constant; the shape "
       "may come from tensors", "creation", dtype_attrs=("dtype",),
       verifier=True),
    Op("full_batch_size_like", "fill_constant_batch_size_like",
       "Constant tensor whose batch dim is taken from the input",
       "creation", dtype_attrs=("dtype",)),
    Op("full_like", "fill_any_like", "Constant tensor shaped like x",
       "creation", dtype_attrs=("dtype",)),
    Op("assign_value", "assign_value", "Constant tensor from listed values",
       "creation", dtype_attrs=("dtype",), verifier=True),
    Op("arange", "range", "Evenly spaced values in [start, end)",
       "creation"),

    # ---- detection
    Op("prior_box", "prior_box", "SSD prior (anchor) boxes", "detection"),
    Op("yolo_box", "yolo_box", "Decode YOLOv3 boxes and scores",
       "detection"),
    Op("multiclass_nms3", "multiclass_nms3",
       "Per-class non-maximum suppression", "detection"),
    Op("matrix_nms", "matrix_nms", "Matrix non-maximum suppression (SOLOv2)",
       "detection"),

    # ---- resize
    Op("nearest_interp", "nearest_interp_v2", "Nearest-neighbour resize",
       "resize"),
    Op("bilinear_interp", "bilinear_interp_v2", "Bilinear resize",
       "resize"),
    Op("legacy_nearest_interp", "nearest_interp",
       "Paddle 1.x nearest-neighbour resize (out_h/out_w or scale)",
       "resize"),
    Op("legacy_bilinear_interp", "bilinear_interp",
       "Paddle 1.x bilinear resize (out_h/out_w or scale)", "resize"),

    # ---- quantization (the older fake-quant format)
    # Paddle 2.6's fake quantize kernels read `round_type` (0: half to even,
    # no clip; 1, the default when absent: clip to [-s, s], half away from
    # zero) although their OpProtos do not list it; PTQ writes it.
    Op("fake_quantize_dequantize_moving_average_abs_max",
       "fake_quantize_dequantize_moving_average_abs_max",
       "Quantize then dequantize with a moving-average abs-max scale",
       "quant", drop_outputs=("OutState", "OutAccum"),
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_channel_wise_quantize_dequantize_abs_max",
       "fake_channel_wise_quantize_dequantize_abs_max",
       "Per-channel quantize then dequantize with abs-max scales", "quant",
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_quantize_dequantize_abs_max", "fake_quantize_dequantize_abs_max",
       "Quantize then dequantize with the abs-max of X", "quant",
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_quantize_abs_max", "fake_quantize_abs_max",
       "Quantize with the abs-max of X (integer values in float)", "quant",
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_channel_wise_quantize_abs_max",
       "fake_channel_wise_quantize_abs_max",
       "Per-channel quantize with abs-max scales (integer values in float)",
       "quant",
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_quantize_range_abs_max", "fake_quantize_range_abs_max",
       "Quantize with a windowed abs-max scale (integer values in float)",
       "quant", drop_outputs=("OutScales",),
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_quantize_moving_average_abs_max",
       "fake_quantize_moving_average_abs_max",
       "Quantize with a moving-average abs-max scale (integer values in "
       "float)", "quant", drop_outputs=("OutState", "OutAccum"),
       unregistered_attrs=[ROUND_TYPE]),
    Op("fake_dequantize_max_abs", "fake_dequantize_max_abs",
       "Dequantize: X * Scale / max_range", "quant"),
    Op("fake_channel_wise_dequantize_max_abs",
       "fake_channel_wise_dequantize_max_abs",
       "Per-channel dequantize: X times the product of Scales over the "
       "product of 2^(quant_bits-1) - 1", "quant"),
    Op("moving_average_abs_max_scale", "moving_average_abs_max_scale",
       "Identity that records a moving-average abs-max scale", "quant",
       drop_outputs=("OutState", "OutAccum")),

    # ---- quantization (the current, ONNX-like format)
    Op("quantize_linear", "quantize_linear",
       "Quantize: round(X / Scale * bin) clipped; Scale is the abs-max",
       "quant"),
    Op("dequantize_linear", "dequantize_linear",
       "Dequantize: X * Scale / bin; Scale is the abs-max", "quant"),
]
