// RUN: oar-opt %s -split-input-file -onnx-fuse-bn-into-conv | FileCheck %s
//
// BatchNormalization after a Conv whose weight is an int8 DequantizeLinear
// folds into the scales, so that the weight stays int8: f = scale /
// sqrt(var + eps) = [0.5, -2] (eps 1); s' = s * |f| = [0.05, 0.2] (a per-tensor
// s = 0.1 becomes per channel); channel 1 (f < 0) is negated;
// B' = (B - mean) * f + bias = [(0 - 1) * 0.5 + 0.5, (0 - 0) * -2 + 3].

// CHECK-LABEL: func.func @quantized_conv_bn
// CHECK-DAG: %[[Q:.*]] = onnx.Constant() {value = dense<{{\[\[\[\[}}5]]], {{\[\[\[}}7]]]]> : tensor<2x1x1x1xi8>}
// CHECK-DAG: %[[S:.*]] = onnx.Constant() {value = dense<[5.000000e-02, 2.000000e-01]> : tensor<2xf32>}
// CHECK-DAG: %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<2xi8>}
// CHECK: %[[W:.*]] = onnx.DequantizeLinear(%[[Q]], %[[S]], %[[Z]]) {axis = 0 : i64}
// CHECK: %[[B:.*]] = onnx.Constant() {value = dense<[0.000000e+00, 3.000000e+00]> : tensor<2xf32>}
// CHECK: onnx.Conv(%{{.*}}, %[[W]], %[[B]])
// CHECK-NOT: onnx.BatchNormalization
func.func @quantized_conv_bn(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %q = onnx.Constant() {value = dense<[[[[5]]], [[[-7]]]]> : tensor<2x1x1x1xi8>} : () -> tensor<2x1x1x1xi8>
  %s0 = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z0 = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %w = onnx.DequantizeLinear(%q, %s0, %z0) : (tensor<2x1x1x1xi8>, tensor<f32>, tensor<i8>) -> tensor<2x1x1x1xf32>
  %n = onnx.NoValue
  %c = onnx.Conv(%x, %w, %n) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %s = onnx.Constant() {value = dense<[1.0, -4.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %bb = onnx.Constant() {value = dense<[0.5, 3.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %m = onnx.Constant() {value = dense<[1.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %v = onnx.Constant() {value = dense<[3.0, 3.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y, %rm, %rv, %sm, %sv = onnx.BatchNormalization(%c, %s, %bb, %m, %v) {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<1x2x4x4xf32>, none, none, none, none)
  return %y : tensor<1x2x4x4xf32>
}

// -----

// -128 in a channel to negate has no int8 negation: not folded.
// CHECK-LABEL: func.func @minus_128
// CHECK: onnx.BatchNormalization
func.func @minus_128(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %q = onnx.Constant() {value = dense<-128> : tensor<1x1x1x1xi8>} : () -> tensor<1x1x1x1xi8>
  %s0 = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z0 = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %w = onnx.DequantizeLinear(%q, %s0, %z0) : (tensor<1x1x1x1xi8>, tensor<f32>, tensor<i8>) -> tensor<1x1x1x1xf32>
  %n = onnx.NoValue
  %c = onnx.Conv(%x, %w, %n) : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>, none) -> tensor<1x1x4x4xf32>
  %s = onnx.Constant() {value = dense<-1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %bb = onnx.Constant() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %m = onnx.Constant() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %v = onnx.Constant() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %y, %rm, %rv, %sm, %sv = onnx.BatchNormalization(%c, %s, %bb, %m, %v) : (tensor<1x1x4x4xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<1x1x4x4xf32>, none, none, none, none)
  return %y : tensor<1x1x4x4xf32>
}
