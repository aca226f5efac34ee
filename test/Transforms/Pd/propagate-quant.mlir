// RUN: oar-opt %s -split-input-file -pd-propagate-quant | FileCheck %s
//
// Dequantizes move down through ops that commute with them (the op then
// runs on the int8 storage), and requantizations that change nothing go: a
// quantize with the same scale and zero point as the dequantized value it
// reads is replaced by that value.

// CHECK-LABEL: func.func @requantize_same
// CHECK-SAME: %[[X:.*]]: tensor<4xf32>
// CHECK: %[[Q:.*]] = pd.uniform_quantize %[[X]]
// CHECK-NOT: pd.uniform_quantize
// CHECK: return %[[Q]]
func.func @requantize_same(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.02>> {
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.02>>
  %d = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.02>> -> tensor<4xf32>
  %r = pd.uniform_quantize %d : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.02>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.02>>
}

// -----

// A narrow range [-127, 127] (round_type 1) fits in [-128, 127]: the
// storage is reinterpreted. The other way (a value -128 would clamp to
// -127) is a real requantization and stays.
// CHECK-LABEL: func.func @requantize_wider
// CHECK: %[[Q:.*]] = pd.uniform_quantize
// CHECK: %[[S:.*]] = quant.scast %[[Q]] : tensor<4x!quant.uniform<i8<-127:127>:f32, 2.000000e-02>> to tensor<4xi8>
// CHECK: %[[W:.*]] = quant.scast %[[S]] : tensor<4xi8> to tensor<4x!quant.uniform<i8:f32, 2.000000e-02>>
// CHECK: return %[[W]]
func.func @requantize_wider(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.02>> {
  %q = pd.uniform_quantize %x {round_type = 1 : i64} : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.02>>
  %d = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.02>> -> tensor<4xf32>
  %r = pd.uniform_quantize %d : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.02>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.02>>
}

// -----

// CHECK-LABEL: func.func @requantize_narrower
// CHECK: pd.uniform_quantize
// CHECK: pd.uniform_dequantize
// CHECK: pd.uniform_quantize
func.func @requantize_narrower(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.02>> {
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.02>>
  %d = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.02>> -> tensor<4xf32>
  %r = pd.uniform_quantize %d {round_type = 1 : i64} : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.02>>
  return %r : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.02>>
}

// -----

// Other parameters: a requantization, left alone.
// CHECK-LABEL: func.func @requantize_other_scale
// CHECK: pd.uniform_quantize
// CHECK: pd.uniform_dequantize
// CHECK: pd.uniform_quantize %{{.*}} : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 4.000000e-02>>
func.func @requantize_other_scale(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.04>> {
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.02>>
  %d = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.02>> -> tensor<4xf32>
  %r = pd.uniform_quantize %d : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.04>>
  return %r : tensor<4x!quant.uniform<i8:f32, 0.04>>
}

// -----

// Per axis with identical parameters folds too.
// CHECK-LABEL: func.func @requantize_per_axis
// CHECK: %[[Q:.*]] = pd.uniform_quantize
// CHECK-NEXT: return %[[Q]]
func.func @requantize_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>> {
  %q = pd.uniform_quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>>
  %d = pd.uniform_dequantize %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>> -> tensor<2x3xf32>
  %r = pd.uniform_quantize %d : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>>
  return %r : tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>>
}

// -----

// dequantize -> max pool -> transpose -> reshape -> quantize, all with
// the same parameters: the three ops run on the int8 storage, one
// dequantize before the consumer.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: %[[X:.*]]: tensor<?x4x8x8xf32>
// CHECK: %[[Q:.*]] = pd.uniform_quantize %[[X]]
// CHECK: %[[S:.*]] = quant.scast %[[Q]] : tensor<?x4x8x8x!quant.uniform<i8:f32, 2.000000e-02>> to tensor<?x4x8x8xi8>
// CHECK: %[[P:.*]] = pd.pool2d %[[S]] {{.*}} : (tensor<?x4x8x8xi8>) -> tensor<?x4x4x4xi8>
// CHECK: %[[T:.*]] = pd.transpose %[[P]] {{.*}} : (tensor<?x4x4x4xi8>) -> tensor<?x4x4x4xi8>
// CHECK: %[[R:.*]] = pd.reshape %[[T]] {{.*}} : (tensor<?x4x4x4xi8>) -> tensor<?x4x2x8xi8>
// CHECK: %[[B:.*]] = quant.scast %[[R]] : tensor<?x4x2x8xi8> to tensor<?x4x2x8x!quant.uniform<i8:f32, 2.000000e-02>>
// CHECK: %[[D:.*]] = pd.uniform_dequantize %[[B]]
// CHECK-NOT: pd.uniform
// CHECK: return %[[D]]
func.func @chain(%x: tensor<?x4x8x8xf32>) -> tensor<?x4x2x8xf32> {
  %q0 = pd.uniform_quantize %x : tensor<?x4x8x8xf32> -> tensor<?x4x8x8x!quant.uniform<i8:f32, 0.02>>
  %d0 = pd.uniform_dequantize %q0 : tensor<?x4x8x8x!quant.uniform<i8:f32, 0.02>> -> tensor<?x4x8x8xf32>
  %p = pd.pool2d %d0 {ksize = array<i64: 2, 2>, pooling_type = "max", strides = array<i64: 2, 2>} : (tensor<?x4x8x8xf32>) -> tensor<?x4x4x4xf32>
  %q1 = pd.uniform_quantize %p : tensor<?x4x4x4xf32> -> tensor<?x4x4x4x!quant.uniform<i8:f32, 0.02>>
  %d1 = pd.uniform_dequantize %q1 : tensor<?x4x4x4x!quant.uniform<i8:f32, 0.02>> -> tensor<?x4x4x4xf32>
  %t = pd.transpose %d1 {axis = array<i64: 0, 1, 3, 2>} : (tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  %q2 = pd.uniform_quantize %t : tensor<?x4x4x4xf32> -> tensor<?x4x4x4x!quant.uniform<i8:f32, 0.02>>
  %d2 = pd.uniform_dequantize %q2 : tensor<?x4x4x4x!quant.uniform<i8:f32, 0.02>> -> tensor<?x4x4x4xf32>
  %r = pd.reshape %d2 {shape = array<i64: -1, 4, 2, 8>} : (tensor<?x4x4x4xf32>) -> tensor<?x4x2x8xf32>
  %q3 = pd.uniform_quantize %r : tensor<?x4x2x8xf32> -> tensor<?x4x2x8x!quant.uniform<i8:f32, 0.02>>
  %d3 = pd.uniform_dequantize %q3 : tensor<?x4x2x8x!quant.uniform<i8:f32, 0.02>> -> tensor<?x4x2x8xf32>
  return %d3 : tensor<?x4x2x8xf32>
}

// -----

// squeeze, unsqueeze, flatten and slice move elements too.
// CHECK-LABEL: func.func @shape_ops
// CHECK: pd.unsqueeze %{{.*}} {{.*}} : (tensor<2x3xi8>) -> tensor<1x2x3xi8>
// CHECK: pd.squeeze %{{.*}} {{.*}} : (tensor<1x2x3xi8>) -> tensor<2x3xi8>
// CHECK: pd.slice %{{.*}} {{.*}} : (tensor<2x3xi8>) -> tensor<2x2xi8>
// CHECK: pd.flatten %{{.*}} {{.*}} : (tensor<2x2xi8>) -> tensor<4xi8>
// CHECK-COUNT-1: pd.uniform_dequantize
// CHECK-NOT: pd.uniform
func.func @shape_ops(%x: tensor<2x3xf32>) -> tensor<4xf32> {
  %q0 = pd.uniform_quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.02>>
  %d0 = pd.uniform_dequantize %q0 : tensor<2x3x!quant.uniform<i8:f32, 0.02>> -> tensor<2x3xf32>
  %u = pd.unsqueeze %d0 {axes = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<1x2x3xf32>
  %q1 = pd.uniform_quantize %u : tensor<1x2x3xf32> -> tensor<1x2x3x!quant.uniform<i8:f32, 0.02>>
  %d1 = pd.uniform_dequantize %q1 : tensor<1x2x3x!quant.uniform<i8:f32, 0.02>> -> tensor<1x2x3xf32>
  %s = pd.squeeze %d1 {axes = array<i64: 0>} : (tensor<1x2x3xf32>) -> tensor<2x3xf32>
  %q2 = pd.uniform_quantize %s : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.02>>
  %d2 = pd.uniform_dequantize %q2 : tensor<2x3x!quant.uniform<i8:f32, 0.02>> -> tensor<2x3xf32>
  %l = pd.slice %d2 {axes = array<i64: 1>, starts = array<i64: 1>, ends = array<i64: 3>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  %q3 = pd.uniform_quantize %l : tensor<2x2xf32> -> tensor<2x2x!quant.uniform<i8:f32, 0.02>>
  %d3 = pd.uniform_dequantize %q3 : tensor<2x2x!quant.uniform<i8:f32, 0.02>> -> tensor<2x2xf32>
  %f = pd.flatten %d3 {start_axis = 0 : i64, stop_axis = 1 : i64} : (tensor<2x2xf32>) -> tensor<4xf32>
  %q4 = pd.uniform_quantize %f : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.02>>
  %d4 = pd.uniform_dequantize %q4 : tensor<4x!quant.uniform<i8:f32, 0.02>> -> tensor<4xf32>
  return %d4 : tensor<4xf32>
}

// -----

// concat of inputs dequantized with the output's parameters (here one
// narrow, one wide, both held by the output's [-128, 127]).
// CHECK-LABEL: func.func @concat_same
// CHECK: %[[A:.*]] = quant.scast %{{.*}} : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 2.000000e-02>> to tensor<2x3xi8>
// CHECK: %[[B:.*]] = quant.scast %{{.*}} : tensor<1x3x!quant.uniform<i8:f32, 2.000000e-02>> to tensor<1x3xi8>
// CHECK: %[[C:.*]] = pd.concat[%[[A]], %[[B]]] : (tensor<2x3xi8>, tensor<1x3xi8>) -> tensor<3x3xi8>
// CHECK: quant.scast %[[C]] : tensor<3x3xi8> to tensor<3x3x!quant.uniform<i8:f32, 2.000000e-02>>
// CHECK-NOT: pd.concat
func.func @concat_same(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>) -> tensor<3x3xf32> {
  %qx = pd.uniform_quantize %x {round_type = 1 : i64} : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.02>>
  %dx = pd.uniform_dequantize %qx : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.02>> -> tensor<2x3xf32>
  %qy = pd.uniform_quantize %y : tensor<1x3xf32> -> tensor<1x3x!quant.uniform<i8:f32, 0.02>>
  %dy = pd.uniform_dequantize %qy : tensor<1x3x!quant.uniform<i8:f32, 0.02>> -> tensor<1x3xf32>
  %c = pd.concat [%dx, %dy] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %q = pd.uniform_quantize %c : tensor<3x3xf32> -> tensor<3x3x!quant.uniform<i8:f32, 0.02>>
  %d = pd.uniform_dequantize %q : tensor<3x3x!quant.uniform<i8:f32, 0.02>> -> tensor<3x3xf32>
  return %d : tensor<3x3xf32>
}

// -----

// Left alone: concat inputs with other scales (or not dequantized), a
// reshape whose output has its own scale, average pooling (new values),
// a transpose of a per-axis value (the axis would move).
// CHECK-LABEL: func.func @not_exact
// CHECK-NOT: quant.scast
// CHECK: pd.concat{{.*}} -> tensor<3x3xf32>
// CHECK: pd.concat{{.*}} -> tensor<3x3xf32>
// CHECK: pd.reshape {{.*}} -> tensor<9xf32>
// CHECK: pd.pool2d {{.*}} -> tensor<1x1x2x2xf32>
// CHECK: pd.transpose {{.*}} -> tensor<3x2xf32>
// CHECK-NOT: quant.scast
func.func @not_exact(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>, %z: tensor<1x1x4x4xf32>) -> (tensor<3x3x!quant.uniform<i8:f32, 0.02>>, tensor<3x3x!quant.uniform<i8:f32, 0.02>>, tensor<9x!quant.uniform<i8:f32, 0.03>>, tensor<1x1x2x2x!quant.uniform<i8:f32, 0.02>>, tensor<3x2x!quant.uniform<i8:f32:1, {0.01, 0.02}>>) {
  %qx = pd.uniform_quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.02>>
  %dx = pd.uniform_dequantize %qx : tensor<2x3x!quant.uniform<i8:f32, 0.02>> -> tensor<2x3xf32>
  %qy = pd.uniform_quantize %y : tensor<1x3xf32> -> tensor<1x3x!quant.uniform<i8:f32, 0.01>>
  %dy = pd.uniform_dequantize %qy : tensor<1x3x!quant.uniform<i8:f32, 0.01>> -> tensor<1x3xf32>
  %c = pd.concat [%dx, %dy] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %q = pd.uniform_quantize %c : tensor<3x3xf32> -> tensor<3x3x!quant.uniform<i8:f32, 0.02>>
  %c2 = pd.concat [%dx, %y] {axis = 0 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %q2 = pd.uniform_quantize %c2 : tensor<3x3xf32> -> tensor<3x3x!quant.uniform<i8:f32, 0.02>>
  %r = pd.reshape %c {shape = array<i64: 9>} : (tensor<3x3xf32>) -> tensor<9xf32>
  %q3 = pd.uniform_quantize %r : tensor<9xf32> -> tensor<9x!quant.uniform<i8:f32, 0.03>>
  %qz = pd.uniform_quantize %z : tensor<1x1x4x4xf32> -> tensor<1x1x4x4x!quant.uniform<i8:f32, 0.02>>
  %dz = pd.uniform_dequantize %qz : tensor<1x1x4x4x!quant.uniform<i8:f32, 0.02>> -> tensor<1x1x4x4xf32>
  %p = pd.pool2d %dz {ksize = array<i64: 2, 2>, pooling_type = "avg", strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  %q4 = pd.uniform_quantize %p : tensor<1x1x2x2xf32> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.02>>
  %qa = pd.uniform_quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>>
  %da = pd.uniform_dequantize %qa : tensor<2x3x!quant.uniform<i8:f32:0, {0.01, 0.02}>> -> tensor<2x3xf32>
  %t = pd.transpose %da {axis = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %q5 = pd.uniform_quantize %t : tensor<3x2xf32> -> tensor<3x2x!quant.uniform<i8:f32:1, {0.01, 0.02}>>
  return %q, %q2, %q3, %q4, %q5 : tensor<3x3x!quant.uniform<i8:f32, 0.02>>, tensor<3x3x!quant.uniform<i8:f32, 0.02>>, tensor<9x!quant.uniform<i8:f32, 0.03>>, tensor<1x1x2x2x!quant.uniform<i8:f32, 0.02>>, tensor<3x2x!quant.uniform<i8:f32:1, {0.01, 0.02}>>
}

// -----

// Without a quantize after it, the dequantize still moves down (exact:
// it commutes), so that the op runs on int8 and a consumer reads a
// dequantize.
// CHECK-LABEL: func.func @sink_only
// CHECK: %[[Q:.*]] = pd.uniform_quantize
// CHECK: %[[S:.*]] = quant.scast %[[Q]]
// CHECK: %[[P:.*]] = pd.pool2d %[[S]] {{.*}} : (tensor<1x1x4x4xi8>) -> tensor<1x1x2x2xi8>
// CHECK: %[[B:.*]] = quant.scast %[[P]] : tensor<1x1x2x2xi8> to tensor<1x1x2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// CHECK: %[[D:.*]] = pd.uniform_dequantize %[[B]]
// CHECK: return %[[D]]
func.func @sink_only(%z: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %qz = pd.uniform_quantize %z : tensor<1x1x4x4xf32> -> tensor<1x1x4x4x!quant.uniform<i8:f32, 0.02>>
  %dz = pd.uniform_dequantize %qz : tensor<1x1x4x4x!quant.uniform<i8:f32, 0.02>> -> tensor<1x1x4x4xf32>
  %p = pd.pool2d %dz {ksize = array<i64: 2, 2>, pooling_type = "max", strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %p : tensor<1x1x2x2xf32>
}
