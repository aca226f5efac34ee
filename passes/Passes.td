//===- Passes.td - Oar's passes ----------------------------*- tablegen -*-===//

#ifndef OAR_PASSES_PASSES_TD
#define OAR_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertPdToOnnx : Pass<"convert-pd-to-onnx", "::mlir::ModuleOp"> {
  let summary = "Lower `pd` ops to the `onnx` dialect at a target opset";
  let description = [{
    Rewrites every `pd` op, and the `arith.constant` parameters, into `onnx`
    ops valid at the target opset, and records the opset on the module
    (`onnx.opset`). With `opset=0` the pass picks the lowest opset, at least
    11, at which every op converts.

    Ops that cannot be converted are reported all at once, grouped by op
    name with a count, the first place each occurs, and the reason (no
    conversion yet, an attribute value not supported, or an opset too low:
    "needs opset 14").
  }];
  let options = [
    Option<"opset", "opset", "int64_t", /*default=*/"0",
           "Target ONNX opset (7 to 21); 0 picks the lowest that works, "
           "at least 11">,
    Option<"deformConv", "deform-conv", "std::string",
           /*default=*/"\"decompose\"",
           "How deformable_conv lowers: 'decompose' (Gather and MatMul, any "
           "opset) or 'native' (DeformConv, opset 19)">,
    Option<"quantFormat", "quant-format", "std::string", /*default=*/"\"qdq\"",
           "Form of quantized ops: qdq (int8 weights, fused fake ops "
           "exact in float) or tensorrt (docs/quantization.md)">,
  ];
  let dependentDialects = ["::mlir::oar::onnx::OnnxDialect"];
}

def PdLiftQuant : Pass<"pd-lift-quant", "::mlir::func::FuncOp"> {
  let summary = "Paddle quantize/dequantize ops to quant-typed pd ops";
  let description = [{
    Rewrites `pd.dequantize_linear` of a `pd.quantize_linear` (same
    parameters) or of an int8 constant into `pd.uniform_dequantize` of
    `pd.uniform_quantize` or of `quant.scast`, on `!quant.uniform` tensors
    whose scale is Paddle's abs-max over 2^(bit_length-1) - 1. Drops
    `only_observer` ops. Ops whose scales or zero points are not constants
    are left alone (docs/quantization.md). With `fake-quant=qdq`, Paddle's
    fused fake quantize-dequantize ops whose scale is known at conversion
    (a constant InScale, or a constant weight whose abs-max is computed
    here) are lifted too, to be lowered as QuantizeLinear /
    DequantizeLinear instead of Paddle's exact float arithmetic.
  }];
  let options = [
    Option<"fakeQuant", "fake-quant", "std::string", /*default=*/"\"exact\"",
           "Fused fake quantize-dequantize ops: exact (float, Paddle's "
           "arithmetic) or qdq (int8 QuantizeLinear/DequantizeLinear)">,
  ];
  let dependentDialects = ["::mlir::quant::QuantDialect",
                           "::mlir::arith::ArithDialect"];
}

def PdQuantizeWeights : Pass<"pd-quantize-weights", "::mlir::func::FuncOp"> {
  let summary = "Weight-only per-channel int8 quantization (oar quantize)";
  let description = [{
    Replaces the constant f32 weight of conv2d, depthwise_conv2d, mul,
    matmul and matmul_v2 ops by `pd.uniform_dequantize` of its int8 values
    per output channel (abs-max scales, round half away from zero). Needs
    no data. `op-types` limits the Paddle op types, `skip` names ops (by
    the variable they write) or weights to leave float.
  }];
  let options = [
    ListOption<"opTypes", "op-types", "std::string",
               "Paddle op types to quantize (default: all five)">,
    ListOption<"skip", "skip", "std::string",
               "Output variables or weights to leave float">,
  ];
  let dependentDialects = ["::mlir::quant::QuantDialect",
                           "::mlir::arith::ArithDialect"];
}

def PdQuantizeActivations
    : Pass<"pd-quantize-activations", "::mlir::func::FuncOp"> {
  let summary = "Static int8 activation quantization from a range table";
  let description = [{
    Quantizes the activation input of conv2d, depthwise_conv2d, mul, matmul
    and matmul_v2 ops, and every input of elementwise_add (of two tensors),
    pool2d and concat, per tensor, with the abs-max the range table records
    for its Paddle variable (Oar's `NAME ABS_MAX` lines, written by
    tools/oar-calibrate, or a TensorRT calibration cache). `asymmetric`
    gives non-negative values [0, abs-max]; `outputs` quantizes the ops'
    outputs too (what `oar quantize` does in the qdq form).
  }];
  let options = [
    Option<"table", "table", "std::string", /*default=*/"",
           "Range table file">,
    Option<"useThresholds", "use-thresholds", "bool", /*default=*/"false",
           "Take ranges from the pd.thresholds of the ops (Paddle's "
           "out_threshold attributes) where the table has none">,
    ListOption<"opTypes", "op-types", "std::string",
               "Paddle op types to quantize (default: all eight)">,
    ListOption<"skip", "skip", "std::string",
               "Output variables of ops to leave float">,
    Option<"asymmetric", "asymmetric", "bool", /*default=*/"false",
           "Non-negative values (relu, relu6, sigmoid outputs) take "
           "[0, abs-max] with zero point -128">,
    Option<"outputs", "outputs", "bool", /*default=*/"false",
           "Quantize the outputs of the chosen ops too (after their bias, "
           "batch_norm and relu)">,
  ];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
}

def PdPropagateQuant : Pass<"pd-propagate-quant", "::mlir::func::FuncOp"> {
  let summary = "Move dequantizes down, fold same-parameter requantizations";
  let description = [{
    `op(uniform_dequantize(q), ...)` becomes `uniform_dequantize` of `op`
    on the int8 storage of q (quant.scast), for ops that commute with
    dequantize: reshape, transpose, squeeze, unsqueeze, flatten, slice, max
    pool2d and concat (every input dequantized with one scale and zero
    point); per tensor only. `uniform_quantize(uniform_dequantize(q))`
    becomes `q` where the quantize's scale and zero point are q's and its
    storage range contains q's. Both exact (docs/quantization.md).
  }];
  let dependentDialects = ["::mlir::quant::QuantDialect"];
}

def OnnxCheckOpset : Pass<"onnx-check-opset", "::mlir::ModuleOp"> {
  let summary = "Check every `onnx` op against the module's opset";
  let description = [{
    Fails, naming the op, when an op does not exist at the module's opset
    (`onnx.opset`) or uses an input or attribute that the version in effect
    lacks.
  }];
}

def OnnxFoldConstants : Pass<"onnx-fold-constants", "::mlir::func::FuncOp"> {
  let summary = "Fold shape computations on constants";
  let description = [{
    Evaluates Shape (with Shape-15's start and end) and Size of static
    shapes, and the ops that shape computations are made of when their
    inputs are `onnx.Constant`: Gather, Concat, Slice, Unsqueeze, Squeeze,
    Reshape, Cast, Add, Sub, Mul, Div (integer division truncates), Equal,
    Where, integer Range, ConstantOfShape, Expand, Identity and Transpose.
    Each becomes an `onnx.Constant` at the op's location.

    Results over 2^20 elements are not folded. A dense_resource constant, or
    a constant with other users, is read only when it has at most 4096
    elements (and, for dense_resource, the result too), so that weights are
    never copied nor inlined. A folded value takes the op's result type; where that type is
    less static than the value, the value's type is used only when every
    user is an `onnx` op (function results keep their types).

    ```mlir
    %s = onnx.Shape(%x) : (tensor<2x3xf32>) -> tensor<2xi64>
    %i = onnx.Constant {value = dense<1> : tensor<i64>} : () -> tensor<i64>
    %d = onnx.Gather(%s, %i) {axis = 0 : i64} : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
    // becomes
    %d = onnx.Constant {value = dense<3> : tensor<i64>} : () -> tensor<i64>
    ```
  }];
}

def OnnxEliminateRedundant : Pass<"onnx-eliminate-redundant",
                                  "::mlir::func::FuncOp"> {
  let summary = "Remove ops that compute their input, merge op pairs";
  let description = [{
    Each rewrite applies only where it is exact:
    - Identity goes, except where it names a graph output whose value is a
      graph input or another output (or, in a subgraph, an outer value);
    - Cast to the input's own type goes; Cast(Cast(x, T1), T2) becomes x
      when T2 is x's type and x's type converts to T1 without loss, and
      Cast(x, T2) when both convert the same value alike;
    - Transpose by the identity goes, Transpose of Transpose composes;
    - Reshape to the input's own static shape goes; Reshape of Reshape reads
      the inner input when the outer shape has no 0 (copy) entries, or its
      result shape is static;
    - Expand to a shape the input already has, Pad by zeros, Dropout at
      inference (mask unused) and Squeeze(Unsqueeze(x, a), a) (and the
      reverse) go.

    ```mlir
    %t = onnx.Transpose(%x) {perm = array<i64: 0, 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
    %u = onnx.Transpose(%t) {perm = array<i64: 0, 2, 1>} : (tensor<2x4x3xf32>) -> tensor<2x3x4xf32>
    // becomes: uses of %u read %x
    ```
  }];
}

def OnnxFuseBatchNormIntoConv : Pass<"onnx-fuse-bn-into-conv",
                                     "::mlir::func::FuncOp"> {
  let summary = "Fold an inference BatchNormalization into the Conv "
                "before it";
  let description = [{
    BatchNormalization (inference: only Y used, no training_mode, spatial)
    of a Conv or ConvTranspose used only by it, all of whose weights are
    constants (dense or dense_resource), becomes the Conv with new weights:
    with f = scale / sqrt(var + epsilon) per output channel m,
    W'[m] = W[m] * f[m] and B'[m] = (B[m] - mean[m]) * f[m] + bias[m]
    (ConvTranspose: output channels on axis 1 of W, per group), computed in
    double and stored in the weight's type. A Conv weight that is an int8
    DequantizeLinear (zero point 0, per tensor or per output channel) stays
    int8: f folds into its scales, s'[m] = s[m] * |f[m]|, negating channel m
    where f[m] < 0 (docs/quantization.md). The fused Conv takes the BN's
    location (it computes the BN's output, the Paddle variable it is named
    after; the Conv's when the BN has no name); the new weights are named `<old name>_fused_bn`, a
    dense_resource blob where the old weight was one.

    ```mlir
    %y = onnx.Conv(%x, %w, %b) ...
    %z, ... = onnx.BatchNormalization(%y, %scale, %bias, %mean, %var) ...
    // becomes
    %z = onnx.Conv(%x, %w_fused_bn, %b_fused_bn) ...
    ```
  }];
}

def OnnxFuseGemm : Pass<"onnx-fuse-gemm", "::mlir::func::FuncOp"> {
  let summary = "Rewrite MatMul + Add into Gemm where Gemm's semantics match";
  let description = [{
    Add(MatMul(A, B), C) (either operand order) becomes Gemm(A, B, C) when A
    and B have rank 2, C broadcasts one way to [M, N] (a scalar, [N],
    [1, N], [M, 1] or [M, N]), the MatMul has no other user, and Gemm takes
    the element type at the module's opset (floats from 7, 32/64-bit
    integers from 9, bf16 from 13). MatMul of higher rank stays as it is.

    ```mlir
    %m = onnx.MatMul(%a, %b) : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
    %y = onnx.Add(%m, %c) : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
    // becomes
    %y = onnx.Gemm(%a, %b, %c) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
    ```
  }];
}

def OnnxQdqInt8Kernels : Pass<"onnx-qdq-int8-kernels", "::mlir::func::FuncOp"> {
  let summary = "Shape a QDQ graph for onnxruntime's int8 CPU kernels";
  let description = [{
    In the QDQ form (pd-to-onnx-pipeline with quant-format=qdq): int8
    activation QuantizeLinear/DequantizeLinear pairs, with the
    data-movement ops (MaxPool, Reshape, Concat, ...) carrying their int8
    values in between, become uint8 with zero points raised by 128 (the
    same values; onnxruntime's x86 kernels take uint8 activations); a Relu or Clip before a QuantizeLinear whose
    saturation range it does not cut is dropped (exact: Q(relu(x)) = Q(x)
    when the zero point is the storage minimum); Add of a per-channel
    constant after a Conv with an int8 weight becomes its bias; and the
    float bias of a Conv or Gemm whose input and weight are
    DequantizeLinear, and whose output a QuantizeLinear reads, becomes
    DequantizeLinear of int32 with step s_x * s_w (docs/quantization.md).
  }];
  let options = [
    Option<"gemmFloatOutput", "gemm-float-output", "bool",
           /*default=*/"false",
           "Quantize the bias of a Gemm whose output stays float too "
           "(onnxruntime's QGemm), as `oar quantize` does">,
  ];
}

#endif // OAR_PASSES_PASSES_TD
