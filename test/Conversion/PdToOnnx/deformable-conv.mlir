// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx | FileCheck %s
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 | FileCheck %s --check-prefix=O13
//
// deformable_conv decomposed (the default, deform-conv=decompose): the
// four bilinear corners of every sample are rows of the image laid out as
// [N * dg * H * W, C / dg], read by one Gather, weighted (bilinear, zero
// outside the image, times the mask), summed over the corners, then one
// MatMul with the filter per group. Opset 11, no DeformConv.

// CHECK: module attributes {onnx.opset = 11 : i64}
// CHECK-LABEL: func.func @dynamic_batch(
// Offsets [N, dg*K*2, Ho, Wo] to (dy, dx) of shape [1, N, Ho*Wo, K, dg].
// CHECK: %[[OFF:.*]] = onnx.Reshape(%arg1, %{{.*}}) : (tensor<?x18x8x8xf32>, tensor<5xi64>) -> tensor<?x1x9x2x64xf32>
// CHECK: %[[OFFT:.*]] = onnx.Transpose(%[[OFF]]) {perm = array<i64: 3, 0, 4, 2, 1>}
// CHECK: %[[YX:.*]]:2 = onnx.Split(%[[OFFT]], %{{.*}}) {axis = 0 : i64, split = array<i64: 1, 1>}
// CHECK: %[[Y:.*]] = onnx.Add(%{{.*}}, %[[YX]]#0) : (tensor<1x1x64x9x1xf32>, tensor<1x?x64x9x1xf32>) -> tensor<1x?x64x9x1xf32>
// CHECK: onnx.Floor(%[[Y]])
// The corners are clamped to the image; the ones outside get weight 0.
// CHECK: onnx.Clip(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4x?x64x9x1xf32>, tensor<f32>, tensor<f32>) -> tensor<4x?x64x9x1xf32>
// CHECK: onnx.Equal
// CHECK: onnx.And
// CHECK: %[[MASK:.*]] = onnx.Transpose(%{{.*}}) {perm = array<i64: 0, 3, 2, 1>} : (tensor<?x1x9x64xf32>) -> tensor<?x64x9x1xf32>
// CHECK: %[[W:.*]] = onnx.Mul(%{{.*}}, %[[MASK]])
// A dynamic batch: the table row of image n starts at n * dg * H * W.
// CHECK: onnx.Range
// CHECK: %[[TABLE:.*]] = onnx.Reshape(%{{.*}}, %{{.*}}) : (tensor<?x1x64x4xf32>, tensor<2xi64>) -> tensor<?x4xf32>
// CHECK: %[[G:.*]] = onnx.Gather(%[[TABLE]], %{{.*}}) {axis = 0 : i64} : (tensor<?x4xf32>, tensor<4x?x64x9x1xi64>) -> tensor<4x?x64x9x1x4xf32>
// CHECK: %[[WU:.*]] = onnx.Unsqueeze(%[[W]], %{{.*}}) {axes = array<i64: 5>}
// CHECK: %[[P:.*]] = onnx.Mul(%[[G]], %[[WU]])
// CHECK: %[[S:.*]] = onnx.ReduceSum(%[[P]], %{{.*}}) {axes = array<i64: 0>, keepdims = 0 : i64} : (tensor<4x?x64x9x1x4xf32>, none) -> tensor<?x64x9x1x4xf32>
// CHECK: %[[COLS:.*]] = onnx.Reshape(%[[S]], %{{.*}}) : (tensor<?x64x9x1x4xf32>, tensor<4xi64>) -> tensor<?x1x64x36xf32>
// CHECK: %[[MM:.*]] = onnx.MatMul(%[[COLS]], %{{.*}}) : (tensor<?x1x64x36xf32>, tensor<1x36x8xf32>) -> tensor<?x1x64x8xf32>
// CHECK: %[[T:.*]] = onnx.Transpose(%[[MM]]) {perm = array<i64: 0, 1, 3, 2>}
// CHECK: %[[OUT:.*]] = onnx.Reshape(%[[T]], %{{.*}}) : (tensor<?x1x8x64xf32>, tensor<4xi64>) -> tensor<?x8x8x8xf32>
// CHECK: return %[[OUT]]
// CHECK-NOT: DeformConv
// O13: module attributes {onnx.opset = 13 : i64}
// O13: onnx.ReduceSum(%{{.*}}, %{{.*}}) {keepdims = 0 : i64} : (tensor<4x?x64x9x1x4xf32>, tensor<1xi64>)
func.func @dynamic_batch(%x: tensor<?x4x8x8xf32>, %off: tensor<?x18x8x8xf32>, %w: tensor<8x4x3x3xf32>, %m: tensor<?x9x8x8xf32>) -> tensor<?x8x8x8xf32> {
  %0 = pd.deformable_conv %x, %off, %w, %m {paddings = array<i64: 1, 1>} : (tensor<?x4x8x8xf32>, tensor<?x18x8x8xf32>, tensor<8x4x3x3xf32>, tensor<?x9x8x8xf32>) -> tensor<?x8x8x8xf32>
  return %0 : tensor<?x8x8x8xf32>
}

// -----

// Groups 2, deformable groups 2, a static batch of 2: the table rows of
// (image, deformable group) start at a constant; the columns are regrouped
// for a batched MatMul [N, g, L, K*C/g] x [g, K*C/g, Cout/g].
// CHECK-LABEL: func.func @groups_static_batch(
// CHECK: onnx.Reshape(%arg1, %{{.*}}) : (tensor<2x16x3x3xf32>, tensor<5xi64>) -> tensor<2x2x4x2x9xf32>
// CHECK-NOT: onnx.Range
// CHECK: onnx.Constant() {value = dense<{{\[\[\[\[\[}}0, 16]]], {{\[\[\[}}32, 48]]]]]> : tensor<1x2x1x1x2xi64>}
// CHECK: onnx.Gather(%{{.*}}, %{{.*}}) {axis = 0 : i64} : (tensor<?x2xf32>, tensor<4x2x9x4x2xi64>) -> tensor<4x2x9x4x2x2xf32>
// CHECK: onnx.Transpose(%{{.*}}) {perm = array<i64: 0, 3, 1, 2, 4>} : (tensor<2x9x4x2x2xf32>) -> tensor<2x2x9x4x2xf32>
// CHECK: onnx.MatMul(%{{.*}}, %{{.*}}) : (tensor<2x2x9x8xf32>, tensor<2x8x3xf32>) -> tensor<2x2x9x3xf32>
func.func @groups_static_batch(%x: tensor<2x4x4x4xf32>, %off: tensor<2x16x3x3xf32>, %w: tensor<6x2x2x2xf32>, %m: tensor<2x8x3x3xf32>) -> tensor<2x6x3x3xf32> {
  %0 = pd.deformable_conv %x, %off, %w, %m {deformable_groups = 2 : i64, groups = 2 : i64} : (tensor<2x4x4x4xf32>, tensor<2x16x3x3xf32>, tensor<6x2x2x2xf32>, tensor<2x8x3x3xf32>) -> tensor<2x6x3x3xf32>
  return %0 : tensor<2x6x3x3xf32>
}

// -----

// deformable_conv_v1 (no mask): the corner weights are not multiplied by a
// mask.
// CHECK-LABEL: func.func @v1_no_mask(
// CHECK: %[[IN:.*]] = onnx.Cast(%{{.*}}) {to = 1 : i64} : (tensor<4x1x64x9x1xi1>) -> tensor<4x1x64x9x1xf32>
// CHECK: %[[W:.*]] = onnx.Mul(%{{.*}}, %[[IN]])
// CHECK-NOT: onnx.Transpose(%{{.*}}) {perm = array<i64: 0, 3, 2, 1>} : (tensor<1x1x9x64xf32>)
// CHECK: onnx.Unsqueeze(%[[W]], %{{.*}}) {axes = array<i64: 5>}
// CHECK: onnx.MatMul
func.func @v1_no_mask(%x: tensor<1x4x8x8xf32>, %off: tensor<1x18x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32> {
  %0 = pd.deformable_conv_v1 %x, %off, %w {paddings = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<1x18x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}
