//===- PdQuant.td - pd quantize and dequantize ops ---------*- tablegen -*-===//
//
// Quantized values are tensors of upstream `quant` types:
// `!quant.uniform<i8<-127:127>:f32, 0.0157>` per tensor and
// `!quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02}>` per channel along an
// axis. The importer's Paddle quantization ops (quantize_linear,
// dequantize_linear, the fake_* family) are rewritten into these two ops by
// `pd-lift-quant` (docs/quantization.md).
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_PD_PDQUANT_TD
#define OAR_DIALECTS_PD_PDQUANT_TD

include "dialects/pd/PdBase.td"
include "mlir/Dialect/Quant/IR/QuantBase.td"

def Pd_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;
def Pd_QuantizedTensor : RankedTensorOf<[quant_QuantizedType]>;

def Pd_UniformQuantizeOp : Pd_Op<"uniform_quantize", [Pure]> {
  let summary = "Quantize a float tensor to a uniform quantized type";
  let description = [{
    `q = clamp(round(x / scale) + zero_point, storage_min, storage_max)`
    with the scale(s) and zero point(s) of the result's
    `!quant.uniform` element type (per channel along its quantized
    dimension for a per-axis type).

    `round_type` is Paddle's: 0 rounds half to even, 1 half away from zero.

    Paddle's `Scale` is the abs-max of the range, not the step: a Paddle
    scale `s` with `bit_length` b is the type scale `s / (2^(b-1) - 1)`,
    storage range `[-(2^(b-1) - 1), 2^(b-1) - 1]`.

    ```mlir
    %q = pd.uniform_quantize %x {round_type = 1 : i64}
        : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.01>>
    ```
  }];
  let arguments = (ins Pd_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$round_type);
  let results = (outs Pd_QuantizedTensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def Pd_UniformDequantizeOp : Pd_Op<"uniform_dequantize", [Pure]> {
  let summary = "Dequantize a uniform quantized tensor to float";
  let description = [{
    `x = (q - zero_point) * scale` with the parameters of the operand's
    `!quant.uniform` element type; the result element type is its expressed
    type.

    ```mlir
    %x = pd.uniform_dequantize %q
        : tensor<8x3x!quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08}>> -> tensor<8x3xf32>
    ```
  }];
  let arguments = (ins Pd_QuantizedTensor:$input);
  let results = (outs Pd_FloatTensor:$output);
  let assemblyFormat =
      "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

#endif // OAR_DIALECTS_PD_PDQUANT_TD
