// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx %s -o %t.onnx
// RUN: %onnx-dump < %t.onnx | FileCheck %s

// A sequence carried by a Loop without a trip count: the body's inputs are
// (iteration_num, cond, the sequence) with the sequence's type written as
// sequence_type, dynamic dims without a name; M is left out (""). A body
// input yielded as it is goes through an Identity.

// CHECK:      node {
// CHECK:        input: ""
// CHECK-NEXT:   input: "c"
// CHECK-NEXT:   input: "empty"
// CHECK-NEXT:   output: "seq"
// CHECK:        op_type: "Loop"
// CHECK:            input {
// CHECK-NEXT:         name: "iter"
// CHECK:            input {
// CHECK-NEXT:         name: "cond_in"
// CHECK:            input {
// CHECK-NEXT:         name: "s"
// CHECK-NEXT:         type {
// CHECK-NEXT:           sequence_type {
// CHECK-NEXT:             elem_type {
// CHECK-NEXT:               tensor_type {
// CHECK-NEXT:                 elem_type: 1
// CHECK-NEXT:                 shape {
// CHECK-NEXT:                   dim {
// CHECK-NEXT:                   }
// CHECK-NEXT:                 }
// CHECK:            output {
// CHECK-NEXT:         name: "seq/body/out_0"
// CHECK:            output {
// CHECK-NEXT:         name: "s.next"
// CHECK-NEXT:         type {
// CHECK-NEXT:           sequence_type {

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2xf32> {pd.name = "x"}, %c: tensor<i1> {pd.name = "c"})
      -> (tensor<?x2xf32> {pd.name = "out"}) {
    %none = onnx.NoValue
    %e = onnx.SequenceEmpty() {dtype = 1 : i64} : () -> !onnx.seq<tensor<?xf32>> loc("empty")
    %s = "onnx.Loop"(%none, %c, %e) ({
    ^bb0(%i: tensor<i64> loc("iter"), %ci: tensor<i1> loc("cond_in"), %s: !onnx.seq<tensor<?xf32>> loc("s")):
      %n = onnx.SequenceInsert(%s, %x, %none) : (!onnx.seq<tensor<?xf32>>, tensor<2xf32>, none) -> !onnx.seq<tensor<?xf32>> loc("s.next")
      onnx.Yield %ci, %n : tensor<i1>, !onnx.seq<tensor<?xf32>>
    }) : (none, tensor<i1>, !onnx.seq<tensor<?xf32>>) -> !onnx.seq<tensor<?xf32>> loc("seq")
    %t = onnx.ConcatFromSequence(%s) {axis = 0 : i64, new_axis = 1 : i64} : (!onnx.seq<tensor<?xf32>>) -> tensor<?x2xf32> loc("out")
    return %t : tensor<?x2xf32>
  }
}
