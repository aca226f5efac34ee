// RUN: oar-opt --convert-pd-to-onnx=opset=9 %s | FileCheck %s --check-prefix=O9
// RUN: oar-opt --convert-pd-to-onnx=opset=11 %s | FileCheck %s --check-prefix=O11
//
// Clip takes its bounds as attributes before opset 11 and as inputs from 11.

// O9-LABEL: func.func @clip(
// O9-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
// O11-LABEL: func.func @clip(
// O11-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @clip(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // O9: %[[N:.*]] = onnx.NoValue
  // O9: onnx.Clip(%[[X]], %[[N]], %[[N]]) {max = 2.000000e+00 : f32, min = -1.000000e+00 : f32}
  // O11-DAG: %[[LO:.*]] = onnx.Constant() {value = dense<-1.000000e+00> : tensor<f32>}
  // O11-DAG: %[[HI:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
  // O11: onnx.Clip(%[[X]], %[[LO]], %[[HI]]) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %0 = pd.clip %x {min = -1.0 : f32, max = 2.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // O9: onnx.Clip(%[[X]], %{{.*}}, %{{.*}}) {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}
  // O11: onnx.Clip(%[[X]], %{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %1 = pd.relu6 %x : (tensor<4xf32>) -> tensor<4xf32>
  // Erf exists from opset 9.
  // O9: onnx.Erf
  // O11: onnx.Erf
  %2 = pd.gelu %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
