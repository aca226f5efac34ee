// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx -onnx-check-opset | FileCheck %s
// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 2>&1 | FileCheck %s --check-prefix=OPSET11
//
// pd.uniform_quantize / pd.uniform_dequantize to QuantizeLinear /
// DequantizeLinear, int8, zero point 0, the type's scale as f32.

// A narrow range (round_type 1) clips to [-s, s] first, s = 127 * scale,
// as Paddle does; per tensor needs opset 10 (11 picked by default).
// CHECK-LABEL: func.func @per_tensor
// CHECK-SAME: %[[X:.*]]: tensor<?x8xf32>
// CHECK: %[[C:.*]] = onnx.Clip(%[[X]], %{{.*}}, %{{.*}})
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<2.000000e-02> : tensor<f32>}
// CHECK: %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<i8>}
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%[[C]], %[[S]], %[[Z]]) : (tensor<?x8xf32>, tensor<f32>, tensor<i8>) -> tensor<?x8xi8>
// CHECK: %[[D:.*]] = onnx.DequantizeLinear(%[[Q]], %{{.*}}, %{{.*}}) : (tensor<?x8xi8>, tensor<f32>, tensor<i8>) -> tensor<?x8xf32>
// CHECK: return %[[D]]
func.func @per_tensor(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %q = pd.uniform_quantize %x {round_type = 1 : i64} : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.02>>
  %y = pd.uniform_dequantize %q : tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.02>> -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// An int8 weight per axis: the storage itself, DequantizeLinear with axis
// (opset 13).
// CHECK: module attributes {onnx.opset = 13
// CHECK-LABEL: func.func @per_axis_weight
// CHECK: %[[W:.*]] = onnx.Constant() {value = dense<{{\[\[}}1, -2, 3], [127, -128, 0]]> : tensor<2x3xi8>}
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>}
// CHECK: %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<2xi8>}
// CHECK: onnx.DequantizeLinear(%[[W]], %[[S]], %[[Z]]) {axis = 0 : i64} : (tensor<2x3xi8>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x3xf32>
// OPSET11: error: cannot convert 'quant.scast' to ONNX at opset 11: needs opset 13 or later
func.func @per_axis_weight() -> tensor<2x3xf32> {
  %w = arith.constant dense<[[1, -2, 3], [127, -128, 0]]> : tensor<2x3xi8>
  %q = quant.scast %w : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  %y = pd.uniform_dequantize %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// A constant float weight is quantized at conversion as Paddle rounds:
// round_type 0 half to even (0.5 -> 0, 1.5 -> 2, 2.5 -> 2), clamped to
// [-128, 127]; round_type 1 half away from zero (0.5 -> 1, 2.5 -> 3) after
// clipping to [-s, s].
// CHECK-LABEL: func.func @constant_weight
// CHECK: onnx.Constant() {value = dense<[0, 2, 2, -2, 127, -128]> : tensor<6xi8>}
// CHECK: onnx.Constant() {value = dense<[1, 2, 3, -3, 127, -127]> : tensor<6xi8>}
func.func @constant_weight() -> (tensor<6xf32>, tensor<6xf32>) {
  %w = arith.constant dense<[0.5, 1.5, 2.5, -2.5, 300.0, -300.0]> : tensor<6xf32>
  %q0 = pd.uniform_quantize %w : tensor<6xf32> -> tensor<6x!quant.uniform<i8:f32, 1.0>>
  %y0 = pd.uniform_dequantize %q0 : tensor<6x!quant.uniform<i8:f32, 1.0>> -> tensor<6xf32>
  %q1 = pd.uniform_quantize %w {round_type = 1 : i64} : tensor<6xf32> -> tensor<6x!quant.uniform<i8<-127:127>:f32, 1.0>>
  %y1 = pd.uniform_dequantize %q1 : tensor<6x!quant.uniform<i8<-127:127>:f32, 1.0>> -> tensor<6xf32>
  return %y0, %y1 : tensor<6xf32>, tensor<6xf32>
}

// -----

// A nonzero zero point (oar quantize's [0, abs-max] activations): the
// QuantizeLinear / DequantizeLinear zero point.
// CHECK-LABEL: func.func @asymmetric
// CHECK: %[[Z:.*]] = onnx.Constant() {value = dense<-128> : tensor<i8>}
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%{{.*}}, %{{.*}}, %[[Z]])
// CHECK: onnx.DequantizeLinear(%[[Q]], %{{.*}}, %{{.*}})
func.func @asymmetric(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.01:-128>>
  %y = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.01:-128>> -> tensor<4xf32>
  return %y : tensor<4xf32>
}
