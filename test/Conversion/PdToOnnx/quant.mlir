// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s --check-prefix=CHECK
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=18 -onnx-check-opset | FileCheck %s --check-prefix=OPSET18
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx -onnx-check-opset | FileCheck %s --check-prefixes=AUTO
//
// Fake quantize-dequantize pairs stay in float, as in Paddle, computed op
// for op as Paddle's kernel does: clip to [-s, s], multiply by the f32
// bin * (1 / s), round half away from zero (Abs, Floor, Sub, Mul by 2,
// Floor, Add, times Sign), multiply by s, divide by bin.

// CHECK-LABEL: func.func @fake_quantize_dequantize_moving_average_abs_max
// CHECK-SAME: %[[X:.*]]: tensor<?x3x4x4xf32>
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<2.540000e+00> : tensor<1xf32>}
// CHECK: %[[S0:.*]] = onnx.Constant() {value = dense<2.540000e+00> : tensor<f32>}
// 127 * f32(1 / 2.54) rounds to 50 exactly in f32.
// CHECK: %[[M:.*]] = onnx.Constant() {value = dense<5.000000e+01> : tensor<f32>}
// CHECK: %[[LO:.*]] = onnx.Constant() {value = dense<-2.540000e+00> : tensor<f32>}
// CHECK: %[[HI:.*]] = onnx.Constant() {value = dense<2.540000e+00> : tensor<f32>}
// CHECK: %[[C:.*]] = onnx.Clip(%[[X]], %[[LO]], %[[HI]])
// CHECK: %[[Y:.*]] = onnx.Mul(%[[C]], %[[M]])
// CHECK: %[[A:.*]] = onnx.Abs(%[[Y]])
// CHECK: %[[F:.*]] = onnx.Floor(%[[A]])
// CHECK: %[[FR:.*]] = onnx.Sub(%[[A]], %[[F]])
// CHECK: %[[TWO:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
// CHECK: %[[FR2:.*]] = onnx.Mul(%[[FR]], %[[TWO]])
// CHECK: %[[UP:.*]] = onnx.Floor(%[[FR2]])
// CHECK: %[[R:.*]] = onnx.Add(%[[F]], %[[UP]])
// CHECK: %[[SG:.*]] = onnx.Sign(%[[Y]])
// CHECK: %[[SR:.*]] = onnx.Mul(%[[SG]], %[[R]])
// CHECK: %[[T:.*]] = onnx.Mul(%[[SR]], %[[S0]])
// CHECK: %[[BIN:.*]] = onnx.Constant() {value = dense<1.270000e+02> : tensor<f32>}
// CHECK: %[[OUT:.*]] = onnx.Div(%[[T]], %[[BIN]]) : (tensor<?x3x4x4xf32>, tensor<f32>) -> tensor<?x3x4x4xf32>
// CHECK: return %[[OUT]], %[[S]]
// AUTO: onnx.opset = 11
func.func @fake_quantize_dequantize_moving_average_abs_max(%x: tensor<?x3x4x4xf32>) -> (tensor<?x3x4x4xf32>, tensor<1xf32>) {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %acc = arith.constant dense<1.0> : tensor<1xf32>
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s in_accum(%acc) in_state(%acc) {is_test = true} : (tensor<?x3x4x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<?x3x4x4xf32>, tensor<1xf32>)
  return %0#0, %0#1 : tensor<?x3x4x4xf32>, tensor<1xf32>
}

// -----

// A scale known only at run time: multiplier Reciprocal(max(s, 1e-30)) *
// bin, clipped by Min and Max.
// CHECK-LABEL: func.func @fake_quantize_dequantize_moving_average_abs_max_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<8xf32>, %[[S:.*]]: tensor<1xf32>
// CHECK: %[[S0:.*]] = onnx.Reshape(%[[S]], %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
// CHECK: %[[SAFE:.*]] = onnx.Max(%[[S0]], %{{.*}})
// CHECK: %[[INV:.*]] = onnx.Reciprocal(%[[SAFE]])
// CHECK: %[[BIN:.*]] = onnx.Constant() {value = dense<1.500000e+01> : tensor<f32>}
// CHECK: %[[M:.*]] = onnx.Mul(%[[INV]], %[[BIN]]) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK: %[[NEG:.*]] = onnx.Neg(%[[S0]])
// CHECK: %[[MIN:.*]] = onnx.Min(%[[X]], %[[S0]])
// CHECK: %[[C:.*]] = onnx.Max(%[[MIN]], %[[NEG]])
// CHECK: onnx.Mul(%[[C]], %[[M]])
// CHECK: onnx.Sign
// CHECK: %[[T:.*]] = onnx.Mul(%{{.*}}, %[[S0]])
// CHECK: onnx.Div(%[[T]], %{{.*}}) : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
func.func @fake_quantize_dequantize_moving_average_abs_max_dynamic(%x: tensor<8xf32>, %s: tensor<1xf32>) -> tensor<8xf32> {
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true, bit_length = 5 : i64} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// A constant weight is folded to Paddle's values: per-channel abs-max (1,
// 0); -0.5 * 127 = -63.5 rounds away from zero to -64, -64 * 1 / 127 =
// -0.503937; an all-zero channel stays 0. No opset requirement beyond 11.
// CHECK-LABEL: func.func @fake_channel_wise_quantize_dequantize_abs_max
// CHECK: %[[DQ:.*]] = onnx.Constant() {value = dense<{{\[\[}}1.000000e+00, -5.039370e-01, 0.251968503], [0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<2x3xf32>}
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>}
// CHECK: return %[[DQ]], %[[S]]
// AUTO: onnx.opset = 11
func.func @fake_channel_wise_quantize_dequantize_abs_max() -> (tensor<2x3xf32>, tensor<2xf32>) {
  %w = arith.constant dense<[[1.0, -0.5, 0.25], [0.0, 0.0, 0.0]]> : tensor<2x3xf32>
  %0:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 0 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2xf32>
}

// -----

// A weight known only at run time: ReduceMax(Abs) over the other axes, kept
// as 1x3 to broadcast.
// CHECK-LABEL: func.func @fake_channel_wise_quantize_dequantize_abs_max_dynamic
// CHECK-SAME: %[[W:.*]]: tensor<2x3xf32>
// CHECK: %[[ABS:.*]] = onnx.Abs(%[[W]])
// CHECK: %[[MAX:.*]] = onnx.ReduceMax(%[[ABS]], %{{.*}}) {axes = array<i64: 0>, keepdims = 1 : i64} : (tensor<2x3xf32>, none) -> tensor<1x3xf32>
// ReduceMax takes axes as an input from opset 18.
// OPSET18-LABEL: func.func @fake_channel_wise_quantize_dequantize_abs_max_dynamic
// OPSET18: %[[AXES:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// OPSET18: onnx.ReduceMax(%{{.*}}, %[[AXES]]) {keepdims = 1 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<1x3xf32>
// CHECK: %[[SAFE:.*]] = onnx.Max(%[[MAX]], %{{.*}})
// CHECK: %[[INV:.*]] = onnx.Reciprocal(%[[SAFE]])
// CHECK: %[[M:.*]] = onnx.Mul(%[[INV]], %{{.*}}) : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x3xf32>
// CHECK: onnx.Min(%[[W]], %[[MAX]])
// CHECK: onnx.Mul(%{{.*}}, %[[M]]) : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[T:.*]] = onnx.Mul(%{{.*}}, %[[MAX]]) : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
// CHECK: %[[DQ:.*]] = onnx.Div(%[[T]], %{{.*}})
// CHECK: %[[S:.*]] = onnx.Reshape(%[[MAX]], %{{.*}}) : (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>
// CHECK: return %[[DQ]], %[[S]]
func.func @fake_channel_wise_quantize_dequantize_abs_max_dynamic(%w: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>) {
  %0:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 1 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<3xf32>
}

// -----

// round_type 0: no clip; ONNX Round (half to even), clamped to [-128, 127].
// CHECK-LABEL: func.func @round_type_0
// CHECK: %[[Y:.*]] = onnx.Mul(%{{.*}}, %{{.*}})
// CHECK: %[[R:.*]] = onnx.Round(%[[Y]])
// CHECK: %[[LO:.*]] = onnx.Constant() {value = dense<-1.280000e+02> : tensor<f32>}
// CHECK: %[[HI:.*]] = onnx.Constant() {value = dense<1.270000e+02> : tensor<f32>}
// CHECK: onnx.Clip(%[[R]], %[[LO]], %[[HI]])
// CHECK: onnx.Div
func.func @round_type_0(%x: tensor<8xf32>) -> tensor<8xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {round_type = 0 : i64} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// The older format: integer values in float, the quantized op, then
// ((X * s_channel) * s_act) / (127 * 127) along dim 1.
// CHECK-LABEL: func.func @quantize_then_dequantize
// CHECK: onnx.Sign
// CHECK: %[[R:.*]] = onnx.Mul(%{{.*}}, %{{.*}}) : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
// CHECK: %[[CS:.*]] = onnx.Reshape(%{{.*}}, %{{.*}}) : (tensor<2xf32>, tensor<4xi64>) -> tensor<1x2x1x1xf32>
// CHECK: %[[T1:.*]] = onnx.Mul(%[[R]], %[[CS]])
// CHECK: %[[AS:.*]] = onnx.Reshape(%{{.*}}, %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
// CHECK: %[[T2:.*]] = onnx.Mul(%[[T1]], %[[AS]])
// CHECK: %[[MR:.*]] = onnx.Constant() {value = dense<1.612900e+04> : tensor<f32>}
// CHECK: onnx.Div(%[[T2]], %[[MR]])
func.func @quantize_then_dequantize(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %ws = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %q:2 = pd.fake_quantize_range_abs_max %x, %s {is_test = true} : (tensor<1x2x4x4xf32>, tensor<1xf32>) -> (tensor<1x2x4x4xf32>, tensor<1xf32>)
  %d = pd.fake_channel_wise_dequantize_max_abs %q#0, [%ws, %s] {quant_bits = array<i64: 8, 8>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  return %d : tensor<1x2x4x4xf32>
}

// -----

// A constant weight quantized to integer values (in float), and
// fake_dequantize_max_abs: (X * s) / max_range.
// CHECK-LABEL: func.func @weight_ints
// CHECK: onnx.Constant() {value = dense<{{\[\[}}1.270000e+02, -6.400000e+01], [1.270000e+02, 0.000000e+00]]> : tensor<2x2xf32>}
// CHECK: %[[T:.*]] = onnx.Mul(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
// CHECK: %[[MR:.*]] = onnx.Constant() {value = dense<1.270000e+02> : tensor<f32>}
// CHECK: onnx.Div(%[[T]], %[[MR]])
func.func @weight_ints(%x: tensor<4xf32>) -> (tensor<2x2xf32>, tensor<4xf32>) {
  %w = arith.constant dense<[[1.0, -0.5], [2.0, 0.0]]> : tensor<2x2xf32>
  %s = arith.constant dense<2.0> : tensor<1xf32>
  %q:2 = pd.fake_channel_wise_quantize_abs_max %w {quant_axis = 0 : i64} : (tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>)
  %d = pd.fake_dequantize_max_abs %x, %s {max_range = 127.0 : f32} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %q#0, %d : tensor<2x2xf32>, tensor<4xf32>
}
