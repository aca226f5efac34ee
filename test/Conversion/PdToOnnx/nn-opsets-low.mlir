// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=9 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O9
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O11
//
// NN lowerings that change below opset 13: Softmax's 2-D coercion, pooling
// without ceil_mode (before 10), axes as attributes.

// Before 13 Softmax flattens from `axis` on: a middle axis is moved last.
// CHECK-LABEL: func.func @softmax_axis1(
// CHECK: %[[T:.*]] = onnx.Transpose(%arg0) {perm = array<i64: 0, 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
// CHECK: %[[S:.*]] = onnx.Softmax(%[[T]]) {axis = 2 : i64}
// CHECK: onnx.Transpose(%[[S]]) {perm = array<i64: 0, 2, 1>} : (tensor<2x4x3xf32>) -> tensor<2x3x4xf32>
func.func @softmax_axis1(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = pd.softmax %x {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// The last axis needs no transpose.
// CHECK-LABEL: func.func @log_softmax_last(
// CHECK-NOT: onnx.Transpose
// CHECK: onnx.LogSoftmax(%arg0) {axis = 1 : i64}
func.func @log_softmax_last(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.log_softmax %x {axis = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Before 10 ceil_mode is emulated with static dims by padding the end by
// what the last window needs: 32 -> 16 windows of 3 at stride 2 needs 1.
// CHECK-LABEL: func.func @pool2d_max_ceil(
// O9: onnx.MaxPool(%arg0) {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>}
// O11: onnx.MaxPool(%arg0) {ceil_mode = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
func.func @pool2d_max_ceil(%x: tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32> {
  %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, paddings = array<i64: 0, 0>, ceil_mode = true} : (tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @pool2d_avg_ceil_exclusive(
// O9: onnx.AveragePool(%arg0) {count_include_pad = 0 : i64, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 2, 2>, strides = array<i64: 2, 2>}
// O11: onnx.AveragePool(%arg0) {ceil_mode = 1 : i64, count_include_pad = 0 : i64, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
func.func @pool2d_avg_ceil_exclusive(%x: tensor<1x3x7x7xf32>) -> tensor<1x3x5x5xf32> {
  %0 = pd.pool2d %x {pooling_type = "avg", ksize = array<i64: 2, 2>, strides = array<i64: 2, 2>, paddings = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x3x7x7xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

// Unsqueeze takes its axes as an attribute before 13.
// CHECK-LABEL: func.func @group_norm_no_affine(
// CHECK: %[[N:.*]] = onnx.InstanceNormalization
// CHECK: onnx.Reshape(%[[N]], %{{.*}}) : (tensor<2x4x?xf32>, tensor<3xi64>) -> tensor<2x8x6xf32>
// CHECK-NOT: onnx.Mul
func.func @group_norm_no_affine(%x: tensor<2x8x6xf32>) -> tensor<2x8x6xf32> {
  %0 = pd.group_norm %x {groups = 4 : i64, epsilon = 1.0e-05 : f32} : (tensor<2x8x6xf32>) -> tensor<2x8x6xf32>
  return %0 : tensor<2x8x6xf32>
}

// -----

// CHECK-LABEL: func.func @group_norm_scale(
// CHECK: onnx.Unsqueeze(%arg1, %{{.*}}) {axes = array<i64: 1, 2>} : (tensor<8xf32>, none) -> tensor<8x1x1xf32>
func.func @group_norm_scale(%x: tensor<1x8x4x4xf32>, %s: tensor<8xf32>) -> tensor<1x8x4x4xf32> {
  %0 = pd.group_norm %x scale(%s) {groups = 2 : i64} : (tensor<1x8x4x4xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}
