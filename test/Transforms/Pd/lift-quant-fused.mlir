// RUN: oar-opt %s -split-input-file -pd-lift-quant=fake-quant=qdq | FileCheck %s
// RUN: oar-opt %s -split-input-file -pd-lift-quant | FileCheck %s --check-prefix=EXACT
// RUN: not oar-opt %s -split-input-file -pd-lift-quant=fake-quant=int4 2>&1 | FileCheck %s --check-prefix=BAD
//
// fake-quant=qdq: Paddle's fused fake quantize-dequantize ops with a scale
// known at conversion become uniform_quantize / uniform_dequantize (an
// activation) or int8 storage behind uniform_dequantize (a weight).
// Without the option they stay, lowered in float as Paddle computes them.

// BAD: fake-quant: 'int4' is not exact or qdq

// round_type 1 (the default of the fake ops): storage [-127, 127]; OutScale
// is InScale.
// CHECK-LABEL: func.func @activation
// CHECK-SAME: %[[X:.*]]: tensor<?x8xf32>
// CHECK: %[[S:.*]] = arith.constant dense<2.540000e+00>
// CHECK: %[[Q:.*]] = pd.uniform_quantize %[[X]] {round_type = 1 : i64} : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.019999999{{[0-9]*}}>>
// CHECK: %[[D:.*]] = pd.uniform_dequantize %[[Q]]
// CHECK: return %[[D]], %[[S]]
// EXACT-LABEL: func.func @activation
// EXACT: pd.fake_quantize_dequantize_moving_average_abs_max
func.func @activation(%x: tensor<?x8xf32>) -> (tensor<?x8xf32>, tensor<1xf32>) {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %o:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true} : (tensor<?x8xf32>, tensor<1xf32>) -> (tensor<?x8xf32>, tensor<1xf32>)
  return %o#0, %o#1 : tensor<?x8xf32>, tensor<1xf32>
}

// -----

// A weight: abs-max per channel (1.27 and 2.54), integers by Paddle's
// rule, round_type 0 here (storage [-128, 127], half to even: 0.5 -> 0 ...).
// CHECK-LABEL: func.func @channel_wise
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[}}127, -64, 0], [-127, 64, 0]]> : tensor<2x3xi8>
// CHECK: %[[C:.*]] = quant.scast %[[W]] : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {0.0099999{{[0-9]*}},0.019999{{[0-9]*}}}>>
// CHECK: %[[D:.*]] = pd.uniform_dequantize %[[C]]
// CHECK: return %[[D]]
func.func @channel_wise() -> tensor<2x3xf32> {
  %w = arith.constant dense<[[1.27, -0.64, 0.0], [-2.54, 1.28, 0.0]]> : tensor<2x3xf32>
  %o:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 0 : i64, round_type = 0 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %o#0 : tensor<2x3xf32>
}

// -----

// Per tensor: fake_quantize_dequantize_abs_max of a constant.
// CHECK-LABEL: func.func @abs_max_weight
// CHECK: arith.constant dense<[127, -127, 64]> : tensor<3xi8>
// CHECK: quant.scast {{.*}} to tensor<3x!quant.uniform<i8<-127:127>:f32, 0.0199999{{[0-9]*}}>>
func.func @abs_max_weight() -> tensor<3xf32> {
  %w = arith.constant dense<[2.54, -2.54, 1.27]> : tensor<3xf32>
  %o:2 = pd.fake_quantize_dequantize_abs_max %w : (tensor<3xf32>) -> (tensor<3xf32>, tensor<1xf32>)
  return %o#0 : tensor<3xf32>
}

// -----

// Left alone: a scale known only at run time, an abs-max of a run-time
// value, a weight whose OutScale is used, an all-zero channel (no
// positive scale).
// CHECK-LABEL: func.func @not_lifted
// CHECK-NOT: pd.uniform
// CHECK: pd.fake_quantize_dequantize_moving_average_abs_max
// CHECK: pd.fake_quantize_dequantize_abs_max
// CHECK: pd.fake_channel_wise_quantize_dequantize_abs_max
// CHECK: pd.fake_channel_wise_quantize_dequantize_abs_max
// CHECK-NOT: pd.uniform
func.func @not_lifted(%x: tensor<4xf32>, %s: tensor<1xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2x2xf32>) {
  %a:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true} : (tensor<4xf32>, tensor<1xf32>) -> (tensor<4xf32>, tensor<1xf32>)
  %b:2 = pd.fake_quantize_dequantize_abs_max %x : (tensor<4xf32>) -> (tensor<4xf32>, tensor<1xf32>)
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w : (tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>)
  %z = arith.constant dense<[[1.0, 2.0], [0.0, 0.0]]> : tensor<2x2xf32>
  %d:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %z : (tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>)
  return %a#0, %b#0, %c#1, %d#0 : tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2x2xf32>
}
