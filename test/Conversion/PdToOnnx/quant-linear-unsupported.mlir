// RUN: not oar-opt %s -split-input-file -pd-lift-quant -convert-pd-to-onnx=opset=13 2>&1 | FileCheck %s
//
// quantize_linear / dequantize_linear that pd-lift-quant cannot lift are
// reported with the reason.

// CHECK: error: cannot convert 'pd.quantize_linear' to ONNX at opset 13: Scale is not a constant (a persistable variable)
func.func @runtime_scale(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<4xf32> {
  %z = arith.constant dense<0> : tensor<1xi32>
  %q = pd.quantize_linear %x, %s, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %y = pd.dequantize_linear %q, %s, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// CHECK: error: cannot convert 'pd.quantize_linear' to ONNX at opset 13: ZeroPoint is not 0
func.func @zero_point(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %z = arith.constant dense<3> : tensor<1xi32>
  %q = pd.quantize_linear %x, %s, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %y = pd.dequantize_linear %q, %s, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Three scales for a dim of 2.
// CHECK: error: cannot convert 'pd.dequantize_linear' to ONNX at opset 13: not a quantize_linear/dequantize_linear pair with one constant scale (or an int8 weight's dequantize_linear) with a scale per index of quant_axis; see docs/quantization.md
func.func @scale_count() -> tensor<2x3xf32> {
  %w = arith.constant dense<1> : tensor<2x3xi8>
  %s = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %z = arith.constant dense<0> : tensor<3xi32>
  %y = pd.dequantize_linear %w, %s, %z {quant_axis = 0 : i64} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xi32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
