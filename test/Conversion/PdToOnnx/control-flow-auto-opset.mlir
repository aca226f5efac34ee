// RUN: oar-opt --convert-pd-to-onnx -split-input-file %s | FileCheck %s
//
// Without an opset: If of tensors stays at 11, tensor arrays through
// control flow move to 13.

// CHECK: module attributes {onnx.opset = 11 : i64}
// CHECK: "onnx.If"
func.func @if_tensors(%c: tensor<1xi1>, %x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32> {
  %r = pd.if %c : tensor<1xi1> -> (tensor<2xf32>) {
    pd.yield %x : tensor<2xf32>
  } else {
    pd.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// CHECK: module attributes {onnx.opset = 13 : i64}
// CHECK: "onnx.Loop"
func.func @loop_array(%c: tensor<1xi1>, %x: tensor<4xf32>, %i: tensor<1xi64>) -> tensor<?x4xf32> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  %r = pd.while (%c, %a) : (tensor<1xi1>, !pd.tensor_array<tensor<4xf32>>) -> !pd.tensor_array<tensor<4xf32>> {
  ^bb0(%s: !pd.tensor_array<tensor<4xf32>>):
    %s1 = pd.array_write %s, %x, %i : (!pd.tensor_array<tensor<4xf32>>, tensor<4xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<4xf32>>
    pd.yield %c, %s1 : tensor<1xi1>, !pd.tensor_array<tensor<4xf32>>
  }
  %t, %idx = pd.array_to_tensor %r {axis = 0 : i32, use_stack = true} : (!pd.tensor_array<tensor<4xf32>>) -> (tensor<?x4xf32>, tensor<?xi32>)
  return %t : tensor<?x4xf32>
}
