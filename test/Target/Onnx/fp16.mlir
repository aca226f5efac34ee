// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx --onnx-fp16 %s -o %t.onnx
// RUN: %onnx-dump < %t.onnx | FileCheck %s
// RUN: oar-translate --import-onnx %t.onnx | FileCheck %s --check-prefix=BACK

// float16 export: the interface stays float32 with Casts at the boundary,
// weights become float16, Resize's scales and shape arithmetic (integers cast
// to float) stay float32.

// CHECK:      node {
// CHECK-NEXT:   input: "x"
// CHECK-NEXT:   output: "x/to_fp16"
// CHECK:        op_type: "Cast"
// CHECK:          name: "to"
// CHECK-NEXT:     i: 10
// CHECK:      node {
// CHECK-NEXT:   input: "x/to_fp16"
// CHECK-NEXT:   input: "w"
// CHECK-NEXT:   output: "conv"
// CHECK:        output: "scales"
// CHECK:        op_type: "Constant"
// CHECK:            data_type: 1
// CHECK:      node {
// CHECK-NEXT:   input: "conv"
// CHECK-NEXT:   input: ""
// CHECK-NEXT:   input: "scales"
// CHECK-NEXT:   output: "resize.1"
// CHECK:        op_type: "Resize"
// CHECK:      node {
// CHECK-NEXT:   input: "resize.1"
// CHECK-NEXT:   output: "resize"
// CHECK:        op_type: "Cast"
// CHECK:          name: "to"
// CHECK-NEXT:     i: 1
// CHECK:        output: "n"
// CHECK:        op_type: "Cast"
// CHECK:          name: "to"
// CHECK-NEXT:     i: 1
// CHECK:        output: "c"
// CHECK:            data_type: 1
// CHECK:      node {
// CHECK-NEXT:   input: "n"
// CHECK-NEXT:   input: "c"
// CHECK-NEXT:   output: "half"
// CHECK-NEXT:   name: "half"
// CHECK-NEXT:   op_type: "Mul"
// CHECK:      initializer {
// CHECK:        data_type: 10
// CHECK-NEXT:   name: "w"
// CHECK:      input {
// CHECK-NEXT:   name: "x"
// CHECK:          elem_type: 1
// CHECK:      output {
// CHECK-NEXT:   name: "resize"
// CHECK:          elem_type: 1
// CHECK:      output {
// CHECK-NEXT:   name: "half"
// CHECK:          elem_type: 1

// BACK: onnx.Conv{{.*}} -> tensor<1x4x8x8xf16>
// BACK: onnx.Resize{{.*}} : (tensor<1x4x8x8xf16>, none, tensor<4xf32>, none) -> tensor<1x4x16x16xf16>

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<1x3x8x8xf32> {pd.name = "x"})
      -> (tensor<1x4x16x16xf32> {pd.name = "resize"}, tensor<f32> {pd.name = "half"}) {
    %w = onnx.Constant() {value = dense<0.25> : tensor<4x3x3x3xf32>} : () -> tensor<4x3x3x3xf32> loc("w")
    %n = onnx.NoValue
    %c = onnx.Conv(%x, %w, %n) {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, none) -> tensor<1x4x8x8xf32> loc("conv")
    %scales = onnx.Constant() {value = dense<[1.0, 1.0, 2.0, 2.0]> : tensor<4xf32>} : () -> tensor<4xf32> loc("scales")
    %r = onnx.Resize(%c, %n, %scales, %n) {mode = "nearest"} : (tensor<1x4x8x8xf32>, none, tensor<4xf32>, none) -> tensor<1x4x16x16xf32> loc("resize")
    %shape = onnx.Shape(%x) : (tensor<1x3x8x8xf32>) -> tensor<4xi64> loc("shape")
    %zero = onnx.Constant() {value = dense<3> : tensor<i64>} : () -> tensor<i64> loc("three")
    %d = onnx.Gather(%shape, %zero) : (tensor<4xi64>, tensor<i64>) -> tensor<i64> loc("d")
    %f = onnx.Cast(%d) {to = 1 : i64} : (tensor<i64>) -> tensor<f32> loc("n")
    %h = onnx.Constant() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32> loc("c")
    %m = onnx.Mul(%f, %h) : (tensor<f32>, tensor<f32>) -> tensor<f32> loc("half")
    return %r, %m : tensor<1x4x16x16xf32>, tensor<f32>
  }
}
