// RUN: oar-opt %s -split-input-file -pd-lift-quant | FileCheck %s
//
// Paddle's quantize_linear / dequantize_linear pairs and int8 weights to
// pd.uniform_quantize / pd.uniform_dequantize on !quant.uniform tensors.
// The type's scale is Paddle's abs-max over 127; round_type 1 clips to
// [-127, 127], round_type 0 to [-128, 127].

// CHECK-LABEL: func.func @activation
// CHECK-SAME: %[[X:.*]]: tensor<?x8xf32>
// CHECK: %[[Q:.*]] = pd.uniform_quantize %[[X]] {round_type = 1 : i64} : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.019999999699630136>>
// CHECK: %[[Y:.*]] = pd.uniform_dequantize %[[Q]] : tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.019999999699630136>> -> tensor<?x8xf32>
// CHECK: return %[[Y]]
func.func @activation(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %z = arith.constant dense<0> : tensor<1xi32>
  %q = pd.quantize_linear %x, %s, %z {quant_axis = -1 : i64, round_type = 1 : i64} : (tensor<?x8xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<?x8xf32>
  %y = pd.dequantize_linear %q, %s, %z {quant_axis = -1 : i64} : (tensor<?x8xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// QuantWeightPass's int8 weights: per channel along quant_axis, viewed by
// quant.scast. round_type 0 (the default): storage [-128, 127].
// CHECK-LABEL: func.func @int8_weight
// CHECK: %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<2x3xi8>
// CHECK: %[[Q:.*]] = quant.scast %[[W]] : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {0.009999999849815068,0.019999999699630136}>>
// CHECK: pd.uniform_dequantize %[[Q]]
func.func @int8_weight() -> tensor<2x3xf32> {
  %w = arith.constant dense<[[1, -2, 3], [127, -127, 0]]> : tensor<2x3xi8>
  %s = arith.constant dense<[[1.27, 2.54]]> : tensor<1x2xf32>
  %z = arith.constant dense<0> : tensor<2xi32>
  %y = pd.dequantize_linear %w, %s, %z {quant_axis = 0 : i64} : (tensor<2x3xi8>, tensor<1x2xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// only_observer ops are identities.
// CHECK-LABEL: func.func @observer
// CHECK-SAME: %[[X:.*]]: tensor<4xf32>
// CHECK-NEXT: return %[[X]]
func.func @observer(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %z = arith.constant dense<0> : tensor<1xi32>
  %q = pd.quantize_linear %x, %s, %z {only_observer = true, quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %y = pd.dequantize_linear %q, %s, %z {only_observer = true, quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Left alone: a scale known only at run time, a non-zero zero point, and
// a pair whose scales differ.
// CHECK-LABEL: func.func @not_lifted
// CHECK-NOT: pd.uniform
// CHECK-COUNT-3: pd.dequantize_linear
func.func @not_lifted(%x: tensor<4xf32>, %s: tensor<1xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %c = arith.constant dense<2.54> : tensor<1xf32>
  %c2 = arith.constant dense<1.0> : tensor<1xf32>
  %z = arith.constant dense<0> : tensor<1xi32>
  %z1 = arith.constant dense<1> : tensor<1xi32>
  %q0 = pd.quantize_linear %x, %s, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %y0 = pd.dequantize_linear %q0, %s, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %q1 = pd.quantize_linear %x, %c, %z1 {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %y1 = pd.dequantize_linear %q1, %c, %z1 {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %q2 = pd.quantize_linear %x, %c, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  %y2 = pd.dequantize_linear %q2, %c2, %z {quant_axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xf32>
  return %y0, %y1, %y2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// The older format: a conv on integer values, dequantized after. The scales
// move to the inputs: uniform_quantize of x by the activation scale (2.54,
// round_type 1 by default), the integer weight as int8 per output channel
// (0.5, 0.25 over 127).
// CHECK-LABEL: func.func @fake_format_conv
// CHECK-SAME: %[[X:.*]]: tensor<1x1x4x4xf32>
// CHECK: %[[WI:.*]] = arith.constant dense<{{\[\[\[\[}}127]]], {{\[\[\[}}-64]]]]> : tensor<2x1x1x1xi8>
// CHECK: %[[Q:.*]] = pd.uniform_quantize %[[X]] {round_type = 1 : i64} : tensor<1x1x4x4xf32> -> tensor<1x1x4x4x!quant.uniform<i8<-127:127>:f32, 0.019999999699630136>>
// CHECK: %[[XD:.*]] = pd.uniform_dequantize %[[Q]]
// CHECK: %[[WQ:.*]] = quant.scast %[[WI]] : tensor<2x1x1x1xi8> to tensor<2x1x1x1x!quant.uniform<i8:f32:0, {0.003937007874015748,0.001968503937007874}>>
// CHECK: %[[WD:.*]] = pd.uniform_dequantize %[[WQ]]
// CHECK: %[[Y:.*]] = pd.conv2d %[[XD]], %[[WD]]
// CHECK-NOT: pd.fake
// CHECK: return %[[Y]]
func.func @fake_format_conv(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %w = arith.constant dense<[[[[127.0]]], [[[-64.0]]]]> : tensor<2x1x1x1xf32>
  %ws = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %q:2 = pd.fake_quantize_range_abs_max %x, %s {is_test = true} : (tensor<1x1x4x4xf32>, tensor<1xf32>) -> (tensor<1x1x4x4xf32>, tensor<1xf32>)
  %c = pd.conv2d %q#0, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %d = pd.fake_channel_wise_dequantize_max_abs %c, [%ws, %q#1] {quant_bits = array<i64: 8, 8>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  return %d : tensor<1x2x4x4xf32>
}

// -----

// A weight that does not hold integers is not the older format: left alone.
// CHECK-LABEL: func.func @fake_format_float_weight
// CHECK: pd.fake_channel_wise_dequantize_max_abs
func.func @fake_format_float_weight(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %w = arith.constant dense<[[[[1.5]]], [[[-64.0]]]]> : tensor<2x1x1x1xf32>
  %ws = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
  %q:2 = pd.fake_quantize_range_abs_max %x, %s {is_test = true} : (tensor<1x1x4x4xf32>, tensor<1xf32>) -> (tensor<1x1x4x4xf32>, tensor<1xf32>)
  %c = pd.conv2d %q#0, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %d = pd.fake_channel_wise_dequantize_max_abs %c, [%ws, %q#1] {quant_bits = array<i64: 8, 8>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  return %d : tensor<1x2x4x4xf32>
}
