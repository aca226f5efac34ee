// RUN: oar-opt --convert-pd-to-onnx=opset=13 --mlir-print-debuginfo %s | FileCheck %s
//
// The op that replaces a pd op keeps its location (the Paddle variable's
// name); intermediates are named "/<what>" under it.

// CHECK-LABEL: func.func @names(
func.func @names(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // CHECK: onnx.Erf({{.*}} loc(#[[ERF:.*]])
  // CHECK: onnx.Mul({{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc(#[[GELU:[a-z0-9]+]])
  %0 = pd.gelu %x : (tensor<4xf32>) -> tensor<4xf32> loc("gelu_0.tmp_0")
  // CHECK: onnx.Mod({{.*}} loc(#[[FMOD:.*]])
  // CHECK: onnx.Where({{.*}} loc(#[[REM:[a-z0-9]+]])
  %1 = pd.remainder %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32> loc("rem_0.tmp_0")
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
// CHECK-DAG: #[[GELU]] = loc("gelu_0.tmp_0")
// CHECK-DAG: #[[ERF]] = loc("/erf"(#[[GELU]]))
// CHECK-DAG: #[[REM]] = loc("rem_0.tmp_0")
// CHECK-DAG: #[[FMOD]] = loc("/fmod"(#[[REM]]))
