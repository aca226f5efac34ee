// RUN: oar-opt %s -split-input-file -pd-to-onnx-pipeline | FileCheck %s

// Paddle's legacy-axis bias add converts to Unsqueeze(bias) + Add; the
// cleanup folds the Unsqueeze of the constant bias.
// CHECK-LABEL: func.func @bias_add
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4x5xf32>)
// CHECK: %[[B:.*]] = onnx.Constant() {value = dense<{{\[}}[{{\[}}1.000000e+00]], {{\[}}[2.000000e+00]], {{\[}}[3.000000e+00]]]> : tensor<3x1x1xf32>}
// CHECK-NOT: onnx.Unsqueeze
// CHECK: onnx.Add(%[[X]], %[[B]])
func.func @bias_add(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32> {
  %b = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = pd.add %x, %b {axis = 1} : (tensor<2x3x4x5xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}
