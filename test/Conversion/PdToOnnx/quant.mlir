// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s --check-prefix=CHECK
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=18 -onnx-check-opset | FileCheck %s --check-prefix=OPSET18
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx -onnx-check-opset | FileCheck %s --check-prefixes=AUTO
//
// Fake quantize-dequantize pairs to QuantizeLinear + DequantizeLinear, int8,
// zero point 0, step abs_max / (2^(bit_length-1) - 1). Paddle clips to
// [-abs_max, abs_max] first, so the per-tensor form clips.

// CHECK-LABEL: func.func @fake_quantize_dequantize_moving_average_abs_max
// CHECK-SAME: %[[X:.*]]: tensor<?x3x4x4xf32>
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<2.540000e+00> : tensor<1xf32>}
// CHECK: %[[LO:.*]] = onnx.Constant() {value = dense<-2.540000e+00> : tensor<f32>}
// CHECK: %[[HI:.*]] = onnx.Constant() {value = dense<2.540000e+00> : tensor<f32>}
// CHECK: %[[C:.*]] = onnx.Clip(%[[X]], %[[LO]], %[[HI]])
// CHECK: %[[STEP:.*]] = onnx.Constant() {value = dense<2.000000e-02> : tensor<f32>}
// CHECK: %[[ZP:.*]] = onnx.Constant() {value = dense<0> : tensor<i8>}
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%[[C]], %[[STEP]], %[[ZP]]) : (tensor<?x3x4x4xf32>, tensor<f32>, tensor<i8>) -> tensor<?x3x4x4xi8>
// CHECK: %[[DQ:.*]] = onnx.DequantizeLinear(%[[Q]], %[[STEP]], %[[ZP]]) : (tensor<?x3x4x4xi8>, tensor<f32>, tensor<i8>) -> tensor<?x3x4x4xf32>
// CHECK: return %[[DQ]], %[[S]]
// AUTO: onnx.opset = 11
func.func @fake_quantize_dequantize_moving_average_abs_max(%x: tensor<?x3x4x4xf32>) -> (tensor<?x3x4x4xf32>, tensor<1xf32>) {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %acc = arith.constant dense<1.0> : tensor<1xf32>
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s in_accum(%acc) in_state(%acc) {is_test = true} : (tensor<?x3x4x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<?x3x4x4xf32>, tensor<1xf32>)
  return %0#0, %0#1 : tensor<?x3x4x4xf32>, tensor<1xf32>
}

// -----

// A scale known only at run time: clipped by Min and Max, step by Div.
// CHECK-LABEL: func.func @fake_quantize_dequantize_moving_average_abs_max_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<8xf32>, %[[S:.*]]: tensor<1xf32>
// CHECK: %[[S0:.*]] = onnx.Reshape(%[[S]], %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
// CHECK: %[[NEG:.*]] = onnx.Neg(%[[S0]])
// CHECK: %[[MIN:.*]] = onnx.Min(%[[X]], %[[S0]])
// CHECK: %[[C:.*]] = onnx.Max(%[[MIN]], %[[NEG]])
// CHECK: %[[BIN:.*]] = onnx.Constant() {value = dense<1.500000e+01> : tensor<f32>}
// CHECK: %[[STEP:.*]] = onnx.Div(%[[S0]], %[[BIN]])
// CHECK: onnx.QuantizeLinear(%[[C]], %[[STEP]], %{{.*}})
func.func @fake_quantize_dequantize_moving_average_abs_max_dynamic(%x: tensor<8xf32>, %s: tensor<1xf32>) -> tensor<8xf32> {
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true, bit_length = 5 : i64} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// A constant weight is quantized here: per-channel abs-max (1, 0), values
// rounded half away from zero as Paddle does (-0.5 * 127 = -63.5 -> -64); an
// all-zero channel gets step 1. Per-axis needs opset 13.
// CHECK-LABEL: func.func @fake_channel_wise_quantize_dequantize_abs_max
// CHECK: %[[ZP:.*]] = onnx.Constant() {value = dense<0> : tensor<2xi8>}
// CHECK: %[[Q:.*]] = onnx.Constant() {value = dense<{{\[\[}}127, -64, 32], [0, 0, 0]]> : tensor<2x3xi8>}
// CHECK: %[[STEP:.*]] = onnx.Constant() {value = dense<[0.00787401571, 1.000000e+00]> : tensor<2xf32>}
// CHECK: %[[DQ:.*]] = onnx.DequantizeLinear(%[[Q]], %[[STEP]], %[[ZP]]) {axis = 0 : i64}
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>}
// CHECK: return %[[DQ]], %[[S]]
// AUTO: onnx.opset = 13
func.func @fake_channel_wise_quantize_dequantize_abs_max() -> (tensor<2x3xf32>, tensor<2xf32>) {
  %w = arith.constant dense<[[1.0, -0.5, 0.25], [0.0, 0.0, 0.0]]> : tensor<2x3xf32>
  %0:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 0 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2xf32>
}

// -----

// A weight known only at run time: ReduceMax(Abs) over the other axes.
// CHECK-LABEL: func.func @fake_channel_wise_quantize_dequantize_abs_max_dynamic
// CHECK-SAME: %[[W:.*]]: tensor<2x3xf32>
// CHECK: %[[ABS:.*]] = onnx.Abs(%[[W]])
// CHECK: %[[MAX:.*]] = onnx.ReduceMax(%[[ABS]], %{{.*}}) {axes = array<i64: 0>, keepdims = 0 : i64} : (tensor<2x3xf32>, none) -> tensor<3xf32>
// ReduceMax takes axes as an input from opset 18.
// OPSET18-LABEL: func.func @fake_channel_wise_quantize_dequantize_abs_max_dynamic
// OPSET18: %[[AXES:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// OPSET18: onnx.ReduceMax(%{{.*}}, %[[AXES]]) {keepdims = 0 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<3xf32>
// CHECK: %[[SAFE:.*]] = onnx.Max(%[[MAX]], %{{.*}})
// CHECK: %[[STEP:.*]] = onnx.Div(%[[SAFE]], %{{.*}})
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%[[W]], %[[STEP]], %{{.*}}) {axis = 1 : i64}
// CHECK: %[[DQ:.*]] = onnx.DequantizeLinear(%[[Q]], %[[STEP]], %{{.*}}) {axis = 1 : i64}
// CHECK: return %[[DQ]], %[[MAX]]
func.func @fake_channel_wise_quantize_dequantize_abs_max_dynamic(%w: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>) {
  %0:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 1 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<3xf32>
}
