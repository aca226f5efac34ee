// RUN: oar-opt --convert-pd-to-onnx -split-input-file %s | FileCheck %s
//
// Without an opset the pass starts at 11 and moves up to what the ops ask.

// CHECK: module attributes {onnx.opset = 11 : i64}
func.func @floats(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = pd.remainder %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Max on integers and Clip on integers: opset 12.
// CHECK: module attributes {onnx.opset = 12 : i64}
// CHECK: onnx.Max
// CHECK: onnx.Clip
func.func @ints(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = pd.maximum %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = pd.clip %0 {min = 0.0 : f32, max = 3.0 : f32} : (tensor<4xi32>) -> tensor<4xi32>
  return %1 : tensor<4xi32>
}

// -----

// CHECK: module attributes {onnx.opset = 14 : i64}
func.func @int8(%x: tensor<4xi8>, %y: tensor<4xi8>) -> tensor<4xi8> {
  %0 = pd.multiply %x, %y : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}
