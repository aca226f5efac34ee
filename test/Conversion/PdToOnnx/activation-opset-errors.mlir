// RUN: not oar-opt --convert-pd-to-onnx=opset=8 -split-input-file %s 2>&1 | FileCheck %s
//
// Ops that need a later opset than the one asked for.

func.func @erf(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: error: cannot convert 'pd.erf' to ONNX at opset 8: needs opset 9 or later (the target opset is 8)
  %0 = pd.erf %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gelu(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: error: cannot convert 'pd.gelu' to ONNX at opset 8: needs opset 9 or later
  %0 = pd.gelu %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @clip_tensor(%x: tensor<4xf32>, %m: tensor<1xf32>) -> tensor<4xf32> {
  // CHECK: error: cannot convert 'pd.clip' to ONNX at opset 8: needs opset 11 or later
  %0 = pd.clip %x min_tensor(%m) {min = 0.0 : f32, max = 3.0 : f32} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
