// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx %s -o %t.onnx
// RUN: %onnx-dump < %t.onnx | FileCheck %s

// Value names: "<paddle name>/what" for an intermediate of a multi-result
// op (its first name), "what" when the op has no name, a generated
// "<OpType>_<n>" for values without any; suffixes on collisions; the same
// value fetched twice goes through an Identity for its second name.

// CHECK:      node {
// CHECK-NEXT:   input: "x"
// CHECK-NEXT:   output: "top.values/k_plus"
// CHECK:      node {
// CHECK-NEXT:   input: "x"
// CHECK-NEXT:   input: "top.values/k_plus"
// CHECK-NEXT:   output: "top.values"
// CHECK-NEXT:   output: "top.indices"
// CHECK:        op_type: "TopK"
// CHECK:      node {
// CHECK-NEXT:   input: "top.values"
// CHECK-NEXT:   output: "scaled"
// CHECK:      node {
// CHECK-NEXT:   input: "scaled"
// CHECK-NEXT:   output: "Neg_0"
// CHECK:      node {
// CHECK-NEXT:   input: "Neg_0"
// CHECK-NEXT:   output: "y.1"
// CHECK:      node {
// CHECK-NEXT:   input: "y.1"
// CHECK-NEXT:   output: "y"
// CHECK:      node {
// CHECK-NEXT:   input: "y"
// CHECK-NEXT:   output: "y2"
// CHECK-NEXT:   name: "y2"
// CHECK-NEXT:   op_type: "Identity"
// CHECK:      output {
// CHECK-NEXT:   name: "y"
// CHECK:      output {
// CHECK-NEXT:   name: "y2"
// CHECK:      output {
// CHECK-NEXT:   name: "top.indices"

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<8xf32> {pd.name = "x"})
      -> (tensor<3xf32> {pd.name = "y"}, tensor<3xf32> {pd.name = "y2"},
          tensor<3xi64> {pd.name = "top.indices"}) {
    %k = onnx.Shape(%x) : (tensor<8xf32>) -> tensor<1xi64> loc(#kplus)
    %v, %i = onnx.TopK(%x, %k) : (tensor<8xf32>, tensor<1xi64>) -> (tensor<3xf32>, tensor<3xi64>) loc(#top)
    %s = onnx.Abs(%v) : (tensor<3xf32>) -> tensor<3xf32> loc(#scaled)
    %n = onnx.Neg(%s) : (tensor<3xf32>) -> tensor<3xf32>
    %a = onnx.Relu(%n) : (tensor<3xf32>) -> tensor<3xf32> loc("y")
    %b = onnx.Abs(%a) : (tensor<3xf32>) -> tensor<3xf32> loc("y")
    return %b, %b, %i : tensor<3xf32>, tensor<3xf32>, tensor<3xi64>
  }
}
#file = loc("m.pdmodel":0:1)
#top = loc(fused["top.values"(#file), "top.indices"(#file)])
#kplus = loc("/k_plus"(#top))
#scaled = loc("/scaled"(#file))
