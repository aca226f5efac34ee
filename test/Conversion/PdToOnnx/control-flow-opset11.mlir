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

// -----

// Concatenation's sizes output: a Loop over the sequence (SequenceLength
// trips) whose scan output is each tensor's size along the axis.
// CHECK-LABEL: func.func @concat_sizes(
// CHECK: %[[A:.*]] = onnx.SequenceEmpty()
// CHECK: %[[T:.*]] = onnx.ConcatFromSequence(%[[A]]) {axis = 1 : i64, new_axis = 0 : i64} : (!onnx.seq<tensor<?x?xf32>>) -> tensor<2x?xf32>
// CHECK: %[[N:.*]] = onnx.SequenceLength(%[[A]])
// CHECK: %[[S:.*]] = "onnx.Loop"(%[[N]], %{{.*}}) ({
// CHECK: ^bb0(%[[I:.*]]: tensor<i64>, %[[C:.*]]: tensor<i1>):
// CHECK:   %[[X:.*]] = onnx.SequenceAt(%[[A]], %[[I]]) : (!onnx.seq<tensor<?x?xf32>>, tensor<i64>) -> tensor<?x?xf32>
// CHECK:   %[[SH:.*]] = onnx.Shape(%[[X]])
// CHECK:   %[[AX:.*]] = onnx.Constant() {value = dense<1> : tensor<i64>}
// CHECK:   %[[SZ:.*]] = onnx.Gather(%[[SH]], %[[AX]]) : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
// CHECK:   onnx.Yield %[[C]], %[[SZ]] : tensor<i1>, tensor<i64>
// CHECK: }) : (tensor<i64>, none) -> tensor<?xi64>
// CHECK: %[[R:.*]] = onnx.Cast(%[[S]]) {to = 6 : i64} : (tensor<?xi64>) -> tensor<?xi32>
// CHECK: return %[[T]], %[[R]]
func.func @concat_sizes() -> (tensor<2x?xf32>, tensor<?xi32>) {
  %a = pd.create_array : !pd.tensor_array<tensor<2x?xf32>>
  %t, %idx = pd.array_to_tensor %a {axis = 1 : i32, use_stack = false} : (!pd.tensor_array<tensor<2x?xf32>>) -> (tensor<2x?xf32>, tensor<?xi32>)
  return %t, %idx : tensor<2x?xf32>, tensor<?xi32>
}
