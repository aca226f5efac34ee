// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx -onnx-check-opset | FileCheck %s
//
// Without an explicit opset the pass picks the lowest (at least 11) at
// which the Tensor family converts.

// One run-time unsqueeze axis is an Unsqueeze input (opset 13).
// CHECK:       module attributes {onnx.opset = 13 : i64}
// CHECK-LABEL: func.func @unsqueeze_runtime_axis
// CHECK-SAME:      %[[X:[^:]*]]: tensor<3xf32>, %[[A:[^:]*]]: tensor<1xi64>
// CHECK:         onnx.Unsqueeze(%[[X]], %[[A]]) : (tensor<3xf32>, tensor<1xi64>) -> tensor<?x?xf32>
func.func @unsqueeze_runtime_axis(%x: tensor<3xf32>, %a: tensor<1xi64>) -> tensor<?x?xf32> {
  %0 = pd.unsqueeze %x axes_tensor(%a) : (tensor<3xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK:       module attributes {onnx.opset = 14 : i64}
// CHECK-LABEL: func.func @tril_dynamic
// CHECK:         %[[K:.*]] = onnx.Constant() {value = dense<-1> : tensor<i64>}
// CHECK:         onnx.Trilu(%{{.*}}, %[[K]]) {upper = 0 : i64}
func.func @tril_dynamic(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %0 = pd.tril_triu %x {diagonal = -1 : i64, lower = true} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK:       module attributes {onnx.opset = 19 : i64}
// CHECK-LABEL: func.func @pad3d_circular
// CHECK:         onnx.Pad({{.*}}) {mode = "wrap"}
func.func @pad3d_circular(%x: tensor<1x1x2x2x2xf32>) -> tensor<1x1x2x2x4xf32> {
  %0 = pd.pad3d %x {paddings = array<i64: 1, 1, 0, 0, 0, 0>, mode = "circular"} : (tensor<1x1x2x2x2xf32>) -> tensor<1x1x2x2x4xf32>
  return %0 : tensor<1x1x2x2x4xf32>
}

// -----

// Run-time paddings are reordered with one Gather (index 6 reads the
// appended 0).
// CHECK:       module attributes {onnx.opset = 11 : i64}
// CHECK-LABEL: func.func @pad3d_runtime
// CHECK:         %[[P:.*]] = onnx.Cast(%{{.*}}) {to = 7 : i64} : (tensor<6xi32>) -> tensor<6xi64>
// CHECK:         %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// CHECK:         %[[P0:.*]] = onnx.Concat(%[[P]], %[[Z]]) {axis = 0 : i64}
// CHECK:         %[[O:.*]] = onnx.Constant() {value = dense<[6, 6, 4, 2, 0, 6, 6, 5, 3, 1]> : tensor<10xi64>}
// CHECK:         %[[PADS:.*]] = onnx.Gather(%[[P0]], %[[O]]) {axis = 0 : i64}
// CHECK:         onnx.Pad(%{{.*}}, %[[PADS]], %{{.*}}, %{{.*}}) {mode = "reflect"}
func.func @pad3d_runtime(%x: tensor<1x1x4x4x4xf32>, %p: tensor<6xi32>) -> tensor<?x?x?x?x?xf32> {
  %0 = pd.pad3d %x paddings_tensor(%p) {paddings = array<i64: 0, 0, 0, 0, 0, 0>, mode = "reflect"} : (tensor<1x1x4x4x4xf32>, tensor<6xi32>) -> tensor<?x?x?x?x?xf32>
  return %0 : tensor<?x?x?x?x?xf32>
}
