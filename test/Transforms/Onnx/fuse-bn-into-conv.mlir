// RUN: oar-opt %s -split-input-file -onnx-fuse-bn-into-conv -mlir-print-debuginfo | FileCheck %s

// f = scale / sqrt(var + eps) = [0.5, 2]; W' = W * f = [1, 6];
// B' = (B - mean) * f + bias = [(1 - 1) * 0.5 + 0.5, (1 - 0) * 2 + 0].
// CHECK-LABEL: func.func @conv_bn
// CHECK-SAME: (%[[X:[^:]*]]: tensor<1x1x4x4xf32>
// CHECK-DAG: %[[W:.*]] = onnx.Constant() {value = dense<[{{\[}}[{{\[}}1.000000e+00]]], {{\[}}[{{\[}}6.000000e+00]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32> loc(#[[WLOC:loc[0-9]*]])
// CHECK-DAG: %[[B:.*]] = onnx.Constant() {value = dense<[5.000000e-01, 2.000000e+00]> : tensor<2xf32>} : () -> tensor<2xf32> loc(#[[BLOC:loc[0-9]*]])
// CHECK: %[[Y:.*]] = onnx.Conv(%[[X]], %[[W]], %[[B]]) {pads = array<i64: 0, 0, 0, 0>} : {{.*}} loc(#[[CLOC:loc[0-9]*]])
// CHECK-NOT: onnx.BatchNormalization
// CHECK: return %[[Y]]
// CHECK-DAG: #[[WLOC]] = loc("w_fused_bn"
// CHECK-DAG: #[[BLOC]] = loc("b_fused_bn"
// The fused Conv computes the BN's output: it takes the BN's name.
// CHECK-DAG: #[[CLOC]] = loc("bn")
func.func @conv_bn(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = onnx.Constant() {value = dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32> loc("w")
  %b = onnx.Constant() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<2xf32> loc("b")
  %c = onnx.Conv(%x, %w, %b) {pads = array<i64: 0, 0, 0, 0>} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32> loc("conv")
  %s = onnx.Constant() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %bb = onnx.Constant() {value = dense<[0.5, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %m = onnx.Constant() {value = dense<[1.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %v = onnx.Constant() {value = dense<[3.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y, %rm, %rv, %sm, %sv = onnx.BatchNormalization(%c, %s, %bb, %m, %v) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none) loc("bn")
  return %y : tensor<1x2x4x4xf32>
}

// -----

// A dense_resource weight gives a dense_resource weight, named after the
// old one's key when its location has no name; no conv bias gives a bias
// named after the BN's: B' = -mean * f + bias.
// CHECK-LABEL: func.func @conv_resource_no_bias
// CHECK-DAG: onnx.Constant() {value = dense_resource<w_fused_bn> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32> loc(#[[WLOC:loc[0-9]*]])
// CHECK-DAG: onnx.Constant() {value = dense<0.000000e+00> : tensor<2xf32>} : () -> tensor<2xf32> loc(#[[BLOC:loc[0-9]*]])
// CHECK: onnx.Conv
// CHECK-NOT: onnx.BatchNormalization
// CHECK-DAG: #[[WLOC]] = loc("w_fused_bn"(#loc{{[0-9]*}}))
// CHECK-DAG: #[[BLOC]] = loc("bn_bias_fused_bn"
// CHECK: w_fused_bn: "0x040000000000803F0000C040"
func.func @conv_resource_no_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %none = onnx.NoValue
  %w = onnx.Constant() {value = dense_resource<w> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %c = onnx.Conv(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %s = onnx.Constant() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %bb = onnx.Constant() {value = dense<[0.5, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32> loc("bn_bias")
  %m = onnx.Constant() {value = dense<[1.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %v = onnx.Constant() {value = dense<[3.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y, %rm, %rv, %sm, %sv = onnx.BatchNormalization(%c, %s, %bb, %m, %v) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none)
  return %y : tensor<1x2x4x4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000004000004040"
    }
  }
#-}

// -----

// ConvTranspose: W is [C, M/g, k...]. With group 1, f = [0.5, 2] scales
// axis 1; with group 2 and M/g = 1, input channel c feeds output c / 2.
// CHECK-LABEL: func.func @conv_transpose
// CHECK-DAG: dense<[{{\[}}[{{\[}}5.000000e-01]], {{\[}}[4.000000e+00]]], {{\[}}[{{\[}}1.500000e+00]], {{\[}}[8.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG: dense<[{{\[}}[{{\[}}5.000000e-01]]], {{\[}}[{{\[}}1.000000e+00]]], {{\[}}[{{\[}}6.000000e+00]]], {{\[}}[{{\[}}8.000000e+00]]]]> : tensor<4x1x1x1xf32>
// CHECK-NOT: onnx.BatchNormalization
func.func @conv_transpose(%x: tensor<1x2x4x4xf32>, %x4: tensor<1x4x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %none = onnx.NoValue
  %w = onnx.Constant() {value = dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>} : () -> tensor<2x2x1x1xf32>
  %c = onnx.ConvTranspose(%x, %w, %none) : (tensor<1x2x4x4xf32>, tensor<2x2x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %s = onnx.Constant() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %bb = onnx.Constant() {value = dense<[0.5, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %m = onnx.Constant() {value = dense<[1.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %v = onnx.Constant() {value = dense<[3.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y, %rm, %rv, %sm, %sv = onnx.BatchNormalization(%c, %s, %bb, %m, %v) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none)
  %w4 = onnx.Constant() {value = dense<[[[[1.0]]], [[[2.0]]], [[[3.0]]], [[[4.0]]]]> : tensor<4x1x1x1xf32>} : () -> tensor<4x1x1x1xf32>
  %g = onnx.ConvTranspose(%x4, %w4, %none) {group = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<4x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %z, %rm2, %rv2, %sm2, %sv2 = onnx.BatchNormalization(%g, %s, %bb, %m, %v) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none)
  return %y, %z : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Not fused: the conv has another user, the weight is not constant, the
// BN runs in training mode.
// CHECK-LABEL: func.func @not_fused
// CHECK-COUNT-3: onnx.BatchNormalization
func.func @not_fused(%x: tensor<1x1x4x4xf32>, %wx: tensor<2x1x1x1xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<2xf32>) {
  %none = onnx.NoValue
  %w = onnx.Constant() {value = dense<1.0> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %s = onnx.Constant() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %c = onnx.Conv(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %y, %rm, %rv, %sm, %sv = onnx.BatchNormalization(%c, %s, %s, %s, %s) : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none)
  %d = onnx.Conv(%x, %wx, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %z, %rm2, %rv2, %sm2, %sv2 = onnx.BatchNormalization(%d, %s, %s, %s, %s) : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none)
  %e = onnx.Conv(%x, %w, %none) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %t, %rm3, %rv3, %sm3, %sv3 = onnx.BatchNormalization(%e, %s, %s, %s, %s) {training_mode = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, tensor<2xf32>, none, none, none)
  return %y, %c, %z, %t, %rm3 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<2xf32>
}
