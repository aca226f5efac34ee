// RUN: not oar-opt %s -convert-pd-to-onnx=quant-format=tensorrt 2>&1 | FileCheck %s
//
// TensorRT's rules are symmetric int8 (docs/quantization.md): a nonzero
// zero point is refused, naming the op.

// CHECK: error: cannot convert 'pd.uniform_quantize' to ONNX at opset 13: the TensorRT form takes zero point 0 only
func.func @asymmetric(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.01:-128>>
  %y = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.01:-128>> -> tensor<4xf32>
  return %y : tensor<4xf32>
}
