// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx %s -o %t.onnx
// RUN: %onnx-dump < %t.onnx | FileCheck %s
// RUN: oar-translate --import-onnx %t.onnx --mlir-print-debuginfo | FileCheck %s --check-prefix=BACK
// RUN: oar-translate --import-onnx %t.onnx --mlir-print-debuginfo | oar-translate --export-onnx -o %t.2.onnx
// RUN: cmp %t.onnx %t.2.onnx

// Regions become GRAPH attributes: a block's arguments are the subgraph's
// inputs, onnx.Yield's operands its outputs; values of the enclosing graph
// are used by name; a yielded value from outside the subgraph goes through
// an Identity.

// CHECK:      node {
// CHECK-NEXT:   input: "cond"
// CHECK-NEXT:   output: "if.out"
// CHECK-NEXT:   name: "if.out"
// CHECK-NEXT:   op_type: "If"
// CHECK-NEXT:   attribute {
// CHECK-NEXT:     name: "else_branch"
// CHECK-NEXT:     g {
// CHECK-NEXT:       node {
// CHECK-NEXT:         input: "x"
// CHECK-NEXT:         output: "if.out/else_branch/out_0"
// CHECK:              op_type: "Identity"
// CHECK:            name: "if.out/else_branch"
// CHECK:            output {
// CHECK-NEXT:         name: "if.out/else_branch/out_0"
// CHECK:          type: GRAPH
// CHECK:        attribute {
// CHECK-NEXT:     name: "then_branch"
// CHECK-NEXT:     g {
// CHECK-NEXT:       node {
// CHECK-NEXT:         input: "x"
// CHECK-NEXT:         output: "relu"
// CHECK:            name: "if.out/then_branch"
// CHECK:            output {
// CHECK-NEXT:         name: "relu"
// CHECK:      node {
// CHECK:        op_type: "Loop"
// CHECK:          name: "body"
// CHECK:            node {
// CHECK-NEXT:         input: "acc"
// CHECK-NEXT:         input: "if.out"
// CHECK-NEXT:         output: "acc.next"
// CHECK:            input {
// CHECK-NEXT:         name: "i"
// CHECK:            input {
// CHECK-NEXT:         name: "c"
// CHECK:            input {
// CHECK-NEXT:         name: "acc"

// BACK: "onnx.If"
// BACK: onnx.Identity
// BACK: onnx.Yield
// BACK: onnx.Relu
// BACK: onnx.Yield
// BACK: "onnx.Loop"
// BACK: ^bb0(%{{.*}}: tensor<i64> loc("i"{{.*}}), %{{.*}}: tensor<i1> loc("c"{{.*}}), %{{.*}}: tensor<2xf32> loc("acc"{{.*}})):

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2xf32> {pd.name = "x"}, %cond: tensor<i1> {pd.name = "cond"},
                  %n: tensor<i64> {pd.name = "n"})
      -> (tensor<2xf32> {pd.name = "sum"}) {
    %r = "onnx.If"(%cond) ({
      onnx.Yield %x : tensor<2xf32>
    }, {
      %a = onnx.Relu(%x) : (tensor<2xf32>) -> tensor<2xf32> loc("relu")
      onnx.Yield %a : tensor<2xf32>
    }) : (tensor<i1>) -> tensor<2xf32> loc("if.out")
    %t = onnx.Constant() {value = dense<true> : tensor<i1>} : () -> tensor<i1> loc("true")
    %s = "onnx.Loop"(%n, %t, %x) ({
    ^bb0(%i: tensor<i64> loc("i"), %c: tensor<i1> loc("c"), %acc: tensor<2xf32> loc("acc")):
      %next = onnx.Add(%acc, %r) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("acc.next")
      onnx.Yield %c, %next : tensor<i1>, tensor<2xf32>
    }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> tensor<2xf32> loc("sum")
    return %s : tensor<2xf32>
  }
}
