// RUN: oar-opt %s | oar-opt | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s

// Ops print in their custom form and survive a round trip. Every input the
// op has is an operand: absent optional inputs are `none` values, trailing
// ones included, and absent optional outputs have type `none`.

// CHECK-LABEL: func.func @clip
func.func @clip(%x: tensor<4xf32>, %hi: tensor<f32>) -> tensor<4xf32> {
  // CHECK: %[[N:.*]] = onnx.NoValue
  // CHECK: onnx.Clip(%{{.*}}, %[[N]], %{{.*}}) : (tensor<4xf32>, none, tensor<f32>) -> tensor<4xf32>
  %n = onnx.NoValue
  %y = onnx.Clip(%x, %n, %hi) : (tensor<4xf32>, none, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// CHECK-LABEL: func.func @squeeze_both_forms
func.func @squeeze_both_forms(%x: tensor<1x3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  // CHECK: onnx.Squeeze(%{{.*}}, %{{.*}}) {axes = array<i64: 0>} : (tensor<1x3xf32>, none) -> tensor<3xf32>
  %n = onnx.NoValue
  %a = onnx.Squeeze(%x, %n) {axes = array<i64: 0>} : (tensor<1x3xf32>, none) -> tensor<3xf32>
  // CHECK: onnx.Constant() {value = dense<0> : tensor<1xi64>}
  // CHECK: onnx.Squeeze(%{{.*}}, %{{.*}}) : (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>
  %axes = onnx.Constant() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %b = onnx.Squeeze(%x, %axes) : (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>
  return %a, %b : tensor<3xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func @attributes
func.func @attributes(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: onnx.Conv(%{{.*}}, %{{.*}}, %{{.*}}) {auto_pad = "NOTSET", dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>}
  %n = onnx.NoValue
  %y = onnx.Conv(%x, %w, %n) {auto_pad = "NOTSET", dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// Optional outputs that are not produced have type none; variadic inputs.
// CHECK-LABEL: func.func @optional_results_variadic
func.func @optional_results_variadic(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // CHECK: onnx.Dropout(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<2x3xf32>, none, none) -> (tensor<2x3xf32>, none)
  %n = onnx.NoValue
  %d, %m = onnx.Dropout(%x, %n, %n) : (tensor<2x3xf32>, none, none) -> (tensor<2x3xf32>, none)
  // CHECK: onnx.Concat(%{{.*}}, %{{.*}}) {axis = 0 : i64}
  %c = onnx.Concat(%d, %x) {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %c : tensor<4x3xf32>
}

// CHECK-LABEL: func.func @sequence_type
// CHECK-SAME: !onnx.seq<tensor<?xf32>>
func.func @sequence_type(%s: !onnx.seq<tensor<?xf32>>) -> !onnx.seq<tensor<?xf32>> {
  return %s : !onnx.seq<tensor<?xf32>>
}
