// RUN: oar-opt %s -split-input-file -onnx-fuse-gemm | FileCheck %s

// CHECK-LABEL: func.func @matmul_add
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x16xf32>, %[[C:.*]]: tensor<16xf32>, %[[D:.*]]: tensor<4x1xf32>)
// CHECK: %[[G:.*]] = onnx.Gemm(%[[A]], %[[B]], %[[C]]) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// CHECK: %[[H:.*]] = onnx.Gemm(%[[A]], %[[B]], %[[D]]) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x1xf32>) -> tensor<4x16xf32>
// CHECK-NOT: onnx.MatMul
// CHECK-NOT: onnx.Add
// CHECK: return %[[G]], %[[H]]
func.func @matmul_add(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf32>, %d: tensor<4x1xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %m = onnx.MatMul(%a, %b) : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %y = onnx.Add(%m, %c) : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %n = onnx.MatMul(%a, %b) : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %z = onnx.Add(%d, %n) : (tensor<4x1xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y, %z : tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// A dynamic batch is fine when C does not depend on it.
// CHECK-LABEL: func.func @dynamic_m
// CHECK: onnx.Gemm
// CHECK: onnx.MatMul
// CHECK: onnx.Add
func.func @dynamic_m(%a: tensor<?x8xf32>, %b: tensor<8x16xf32>, %c: tensor<1x16xf32>, %d: tensor<?x16xf32>) -> (tensor<?x16xf32>, tensor<?x16xf32>) {
  %m = onnx.MatMul(%a, %b) : (tensor<?x8xf32>, tensor<8x16xf32>) -> tensor<?x16xf32>
  %y = onnx.Add(%m, %c) : (tensor<?x16xf32>, tensor<1x16xf32>) -> tensor<?x16xf32>
  // C's dim may be 1 at run time and broadcast the other way: kept.
  %n = onnx.MatMul(%a, %b) : (tensor<?x8xf32>, tensor<8x16xf32>) -> tensor<?x16xf32>
  %z = onnx.Add(%n, %d) : (tensor<?x16xf32>, tensor<?x16xf32>) -> tensor<?x16xf32>
  return %y, %z : tensor<?x16xf32>, tensor<?x16xf32>
}

// -----

// MatMul of rank 3, and a MatMul with another user: kept.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: onnx.Gemm
func.func @not_fused(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<16xf32>, %e: tensor<4x8xf32>) -> (tensor<2x4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) {
  %m = onnx.MatMul(%a, %b) : (tensor<2x4x8xf32>, tensor<8x16xf32>) -> tensor<2x4x16xf32>
  %y = onnx.Add(%m, %c) : (tensor<2x4x16xf32>, tensor<16xf32>) -> tensor<2x4x16xf32>
  %n = onnx.MatMul(%e, %b) : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %z = onnx.Add(%n, %c) : (tensor<4x16xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  return %y, %z, %n : tensor<2x4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// Gemm takes int32 from opset 9 only.
// CHECK-LABEL: func.func @int_opset8
// CHECK-NOT: onnx.Gemm
module attributes {onnx.opset = 8 : i64} {
func.func @int_opset8(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>, %c: tensor<16xi32>) -> tensor<4x16xi32> {
  %m = onnx.MatMul(%a, %b) : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  %y = onnx.Add(%m, %c) : (tensor<4x16xi32>, tensor<16xi32>) -> tensor<4x16xi32>
  return %y : tensor<4x16xi32>
}
}

// -----

// CHECK-LABEL: func.func @int_opset9
// CHECK: onnx.Gemm
module attributes {onnx.opset = 9 : i64} {
func.func @int_opset9(%a: tensor<4x8xi32>, %b: tensor<8x16xi32>, %c: tensor<16xi32>) -> tensor<4x16xi32> {
  %m = onnx.MatMul(%a, %b) : (tensor<4x8xi32>, tensor<8x16xi32>) -> tensor<4x16xi32>
  %y = onnx.Add(%m, %c) : (tensor<4x16xi32>, tensor<16xi32>) -> tensor<4x16xi32>
  return %y : tensor<4x16xi32>
}
}
