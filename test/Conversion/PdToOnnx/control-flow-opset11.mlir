// RUN: oar-opt --convert-pd-to-onnx=opset=11 -split-input-file %s | FileCheck %s
//
// At opset 11: If and Loop of tensors, Sequence ops outside control flow.

// CHECK-LABEL: func.func @if_opset11(
// CHECK: "onnx.If"
// CHECK: module attributes {onnx.opset = 11 : i64}
func.func @if_opset11(%c: tensor<1xi1>, %x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32> {
  %r = pd.if %c : tensor<1xi1> -> (tensor<2xf32>) {
    pd.yield %x : tensor<2xf32>
  } else {
    pd.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @array_read_opset11(
// CHECK: onnx.SequenceEmpty
// CHECK: onnx.SequenceLength
func.func @array_read_opset11() -> tensor<1xi64> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  %l = pd.array_length %a : (!pd.tensor_array<tensor<4xf32>>) -> tensor<1xi64>
  return %l : tensor<1xi64>
}
