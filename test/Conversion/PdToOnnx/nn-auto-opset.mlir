// RUN: oar-opt %s -convert-pd-to-onnx=deform-conv=native | FileCheck %s
// RUN: oar-opt %s -convert-pd-to-onnx | FileCheck %s --check-prefix=DECOMPOSE
//
// With no opset given, a native deformable_conv raises the module to opset
// 19; decomposed (the default) it needs no more than 11.

// CHECK: module attributes {onnx.opset = 19 : i64}
// CHECK: onnx.DeformConv
// DECOMPOSE: module attributes {onnx.opset = 11 : i64}
// DECOMPOSE-NOT: DeformConv
func.func @deformable_conv(%x: tensor<1x4x8x8xf32>, %off: tensor<1x18x8x8xf32>, %w: tensor<8x4x3x3xf32>, %m: tensor<1x9x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %0 = pd.deformable_conv %x, %off, %w, %m {paddings = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<1x18x8x8xf32>, tensor<8x4x3x3xf32>, tensor<1x9x8x8xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}
