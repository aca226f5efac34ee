// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx --onnx-fp16 %s -o %t.onnx
// RUN: %onnx-dump < %t.onnx | FileCheck %s

// Ops whose float32 comes from an attribute default get it spelled in
// float16: ConstantOfShape's value (a float32 zero by default).

// CHECK:        op_type: "ConstantOfShape"
// CHECK-NEXT:   attribute {
// CHECK-NEXT:     name: "value"
// CHECK-NEXT:     t {
// CHECK-NEXT:       dims: 1
// CHECK-NEXT:       data_type: 10
// CHECK:        output: "zeros"
// CHECK-NEXT:   name: "zeros"
// CHECK-NEXT:   op_type: "Cast"

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2x3xf32> {pd.name = "x"}) -> (tensor<2x3xf32> {pd.name = "zeros"}) {
    %s = onnx.Shape(%x) : (tensor<2x3xf32>) -> tensor<2xi64> loc("shape")
    %z = onnx.ConstantOfShape(%s) : (tensor<2xi64>) -> tensor<2x3xf32> loc("zeros")
    %y = onnx.Add(%z, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc("zeros")
    return %y : tensor<2x3xf32>
  }
}
