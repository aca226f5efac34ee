// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx="opset=19 deform-conv=native" -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O19
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx="opset=21 deform-conv=native" -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O21
//
// NN lowerings that need or change at later opsets: LayerNormalization
// (17), GridSample (16; 20 renames bilinear to linear), DeformConv (19),
// GroupNormalization with per-channel scale (21).

// CHECK-LABEL: func.func @layer_norm(
// CHECK: %[[S:.*]] = onnx.Reshape(%arg1, %{{.*}}) : (tensor<20xf32>, tensor<2xi64>) -> tensor<4x5xf32>
// CHECK: %[[B:.*]] = onnx.Reshape(%arg2, %{{.*}}) : (tensor<20xf32>, tensor<2xi64>) -> tensor<4x5xf32>
// CHECK: %[[Y:.*]], %{{.*}}, %{{.*}} = onnx.LayerNormalization(%arg0, %[[S]], %[[B]]) {axis = 1 : i64, epsilon = 9.99999974E-6 : f32} : {{.*}} -> (tensor<?x4x5xf32>, none, none)
// CHECK: return %[[Y]]
func.func @layer_norm(%x: tensor<?x4x5xf32>, %s: tensor<20xf32>, %b: tensor<20xf32>) -> tensor<?x4x5xf32> {
  %0 = pd.layer_norm %x scale(%s) bias(%b) {begin_norm_axis = 1 : i64} : (tensor<?x4x5xf32>, tensor<20xf32>, tensor<20xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// Without scale, LayerNormalization gets ones; without bias, no B.
// CHECK-LABEL: func.func @layer_norm_plain(
// CHECK: %[[ONES:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<8xf32>}
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK: onnx.LayerNormalization(%arg0, %[[ONES]], %[[NONE]]) {axis = 2 : i64
func.func @layer_norm_plain(%x: tensor<?x?x8xf32>) -> tensor<?x?x8xf32> {
  %0 = pd.layer_norm %x {begin_norm_axis = 2 : i64} : (tensor<?x?x8xf32>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// -----

// CHECK-LABEL: func.func @grid_sample(
// O19: onnx.GridSample(%arg0, %arg1) {align_corners = 0 : i64, mode = "bilinear", padding_mode = "border"}
// O21: onnx.GridSample(%arg0, %arg1) {align_corners = 0 : i64, mode = "linear", padding_mode = "border"}
func.func @grid_sample(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32> {
  %0 = pd.grid_sample %x, %g {mode = "bilinear", padding_mode = "border", align_corners = false} : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @grid_sample_nearest(
// CHECK: onnx.GridSample(%arg0, %arg1) {align_corners = 1 : i64, mode = "nearest", padding_mode = "zeros"}
func.func @grid_sample_nearest(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32> {
  %0 = pd.grid_sample %x, %g {mode = "nearest"} : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// Offsets and mask keep Paddle's layout: (h, w) pairs per kernel position.
// CHECK-LABEL: func.func @deformable_conv(
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK: onnx.DeformConv(%arg0, %arg2, %arg1, %[[NONE]], %arg3) {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, offset_group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
func.func @deformable_conv(%x: tensor<1x4x8x8xf32>, %off: tensor<1x18x8x8xf32>, %w: tensor<8x4x3x3xf32>, %m: tensor<1x9x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %0 = pd.deformable_conv %x, %off, %w, %m {paddings = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<1x18x8x8xf32>, tensor<8x4x3x3xf32>, tensor<1x9x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

// deformable_conv_v1: DeformConv without a mask.
// CHECK-LABEL: func.func @deformable_conv_v1(
// CHECK: onnx.DeformConv(%arg0, %arg2, %arg1, %{{.*}}, %{{.*}}) {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, offset_group = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<8x4x3x3xf32>, tensor<1x36x6x6xf32>, none, none) -> tensor<1x8x6x6xf32>
func.func @deformable_conv_v1(%x: tensor<1x4x8x8xf32>, %off: tensor<1x36x6x6xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  %0 = pd.deformable_conv_v1 %x, %off, %w {deformable_groups = 2 : i64} : (tensor<1x4x8x8xf32>, tensor<1x36x6x6xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// GroupNormalization-18 scales per group, so before 21 the decomposition
// stays; from 21 it scales per channel, as Paddle does.
// CHECK-LABEL: func.func @group_norm(
// O19: onnx.InstanceNormalization
// O19-NOT: onnx.GroupNormalization
// O21: onnx.GroupNormalization(%arg0, %arg1, %arg2) {epsilon = 9.99999974E-6 : f32, num_groups = 2 : i64} : (tensor<?x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x4x4xf32>
func.func @group_norm(%x: tensor<?x8x4x4xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8x4x4xf32> {
  %0 = pd.group_norm %x scale(%s) bias(%b) {groups = 2 : i64} : (tensor<?x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x4x4xf32>
  return %0 : tensor<?x8x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @group_norm_nhwc(
// O21: %[[X:.*]] = onnx.Transpose(%arg0) {perm = array<i64: 0, 3, 1, 2>}
// O21: %[[G:.*]] = onnx.GroupNormalization(%[[X]], %[[ONES:.*]], %[[ZEROS:.*]]) {{.*}}num_groups = 4 : i64
// O21: onnx.Transpose(%[[G]]) {perm = array<i64: 0, 2, 3, 1>}
func.func @group_norm_nhwc(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %0 = pd.group_norm %x {groups = 4 : i64, data_layout = "NHWC"} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}
