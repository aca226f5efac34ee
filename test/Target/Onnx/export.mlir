// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx %s -o %t.onnx
// RUN: %onnx-dump < %t.onnx | FileCheck %s
// RUN: oar-translate --export-onnx %s -o %t.2.onnx
// RUN: cmp %t.onnx %t.2.onnx
// RUN: oar-translate --import-onnx %t.onnx --mlir-print-debuginfo | FileCheck %s --check-prefix=BACK
// RUN: oar-translate --import-onnx %t.onnx --mlir-print-debuginfo | oar-translate --export-onnx -o %t.3.onnx
// RUN: cmp %t.onnx %t.3.onnx

// The model: opset and IR version, producer; graph inputs and outputs named
// by pd.name with symbolic dims; names from locations (Paddle variables,
// "<var>/what" for intermediates, FusedLoc for several results); a large
// constant becomes an initializer named after its parameter, a small one a
// Constant node; an absent optional input in the middle is "", trailing ones
// are left out; an output that is also an input gets an Identity.

// CHECK: ir_version: 7
// CHECK: producer_name: "oar"
// CHECK: graph {
// CHECK:      node {
// CHECK-NEXT:   input: "x"
// CHECK-NEXT:   input: "conv1.w"
// CHECK-NEXT:   output: "conv1.out"
// CHECK-NEXT:   name: "conv1.out"
// CHECK-NEXT:   op_type: "Conv"
// CHECK-NEXT:   attribute {
// CHECK-NEXT:     name: "pads"
// CHECK-NEXT:     ints: 1
// CHECK:          type: INTS
// CHECK:      node {
// CHECK-NEXT:   output: "clip.out/max"
// CHECK:        op_type: "Constant"
// CHECK:          name: "value"
// CHECK:          t {
// CHECK-NEXT:       data_type: 1
// CHECK-NEXT:       raw_data: "\000\000\300@"
// CHECK:      node {
// CHECK-NEXT:   input: "conv1.out"
// CHECK-NEXT:   input: ""
// CHECK-NEXT:   input: "clip.out/max"
// CHECK-NEXT:   output: "clip.out"
// CHECK:        op_type: "Clip"
// CHECK:      node {
// CHECK-NEXT:   input: "clip.out"
// CHECK-NEXT:   output: "split.a"
// CHECK-NEXT:   output: "split.b.1"
// CHECK-NEXT:   name: "split.a"
// CHECK-NEXT:   op_type: "Split"
// CHECK:      node {
// CHECK-NEXT:   input: "split.a"
// CHECK-NEXT:   output: "Relu_0"
// CHECK:      node {
// CHECK-NEXT:   input: "Relu_0"
// CHECK-NEXT:   output: "split.b"
// CHECK:      node {
// CHECK-NEXT:   input: "x"
// CHECK-NEXT:   output: "x.1"
// CHECK-NEXT:   name: "x.1"
// CHECK-NEXT:   op_type: "Identity"
// CHECK:      name: "main"
// CHECK:      initializer {
// CHECK-NEXT:   dims: 4
// CHECK-NEXT:   dims: 3
// CHECK-NEXT:   dims: 3
// CHECK-NEXT:   dims: 3
// CHECK-NEXT:   data_type: 1
// CHECK-NEXT:   name: "conv1.w"
// CHECK-NEXT:   raw_data:
// CHECK:      input {
// CHECK-NEXT:   name: "x"
// CHECK-NEXT:   type {
// CHECK-NEXT:     tensor_type {
// CHECK-NEXT:       elem_type: 1
// CHECK-NEXT:       shape {
// CHECK-NEXT:         dim {
// CHECK-NEXT:           dim_param: "x_dim0"
// CHECK:              dim {
// CHECK-NEXT:           dim_value: 3
// CHECK:      output {
// CHECK-NEXT:   name: "split.b"
// CHECK:              dim_param: "split.b_dim0"
// CHECK:      output {
// CHECK-NEXT:   name: "x.1"
// CHECK:      opset_import {
// CHECK-NEXT:   domain: ""
// CHECK-NEXT:   version: 13

// BACK: module attributes {onnx.opset = 13 : i64}
// BACK: func.func @main(%{{.*}}: tensor<?x3x8x8xf32> {pd.name = "x"}
// BACK-SAME: -> (tensor<?x2x8x8xf32> {pd.name = "split.b"}, tensor<?x3x8x8xf32> {pd.name = "x.1"})
// BACK: onnx.Constant() {value = dense<{{.*}}> : tensor<4x3x3x3xf32>} : () -> tensor<4x3x3x3xf32> loc(#[[W:.*]])
// BACK: onnx.Conv
// BACK: onnx.Clip(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<?x4x8x8xf32>, none, tensor<f32>)
// BACK: onnx.Split(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<?x4x8x8xf32>, none) -> (tensor<?x2x8x8xf32>, tensor<?x2x8x8xf32>)
// BACK: onnx.Identity
// BACK-DAG: #[[W]] = loc("conv1.w"

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<?x3x8x8xf32> {pd.name = "x"})
      -> (tensor<?x2x8x8xf32> {pd.name = "split.b"},
          tensor<?x3x8x8xf32> {pd.name = "x"}) {
    %w = onnx.Constant() {value = dense<0.5> : tensor<4x3x3x3xf32>} : () -> tensor<4x3x3x3xf32> loc(#w)
    %n = onnx.NoValue
    %c = onnx.Conv(%x, %w, %n) {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<?x4x8x8xf32> loc(#conv)
    %max = onnx.Constant() {value = dense<6.0> : tensor<f32>} : () -> tensor<f32> loc(#max)
    %clip = onnx.Clip(%c, %n, %max) : (tensor<?x4x8x8xf32>, none, tensor<f32>) -> tensor<?x4x8x8xf32> loc(#clip)
    %a, %b = onnx.Split(%clip, %n) {axis = 1 : i64} : (tensor<?x4x8x8xf32>, none) -> (tensor<?x2x8x8xf32>, tensor<?x2x8x8xf32>) loc(#split)
    %r = onnx.Relu(%a) : (tensor<?x2x8x8xf32>) -> tensor<?x2x8x8xf32> loc(#file)
    %o = onnx.Abs(%r) : (tensor<?x2x8x8xf32>) -> tensor<?x2x8x8xf32> loc(#splitb)
    return %o, %x : tensor<?x2x8x8xf32>, tensor<?x3x8x8xf32>
  }
}
#file = loc("model.pdmodel":0:3)
#w = loc("conv1.w"(#file))
#conv = loc("conv1.out"(#file))
#clip = loc("clip.out"(#file))
#max = loc("/max"(#clip))
#split = loc(fused["split.a"(#file), "split.b"(#file)])
#splitb = loc("split.b"(#file))
