// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=7 -verify-diagnostics
//
// Tensor-family ops whose ONNX operators do not exist at opset 7.

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @expand(%x: tensor<3x1xf32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{cannot convert 'pd.expand' to ONNX at opset 7: needs opset 8 or later (the target opset is 7)}}
  %0 = pd.expand %x {shape = array<i64: -1, 4>} : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @flip(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{cannot convert 'pd.flip' to ONNX at opset 7: needs opset 10 or later (the target opset is 7)}}
  %0 = pd.flip %x {axis = array<i64: 0>} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @one_hot(%x: tensor<4xi64>) -> tensor<4x10xf32> {
  // expected-error @+1 {{cannot convert 'pd.one_hot' to ONNX at opset 7: needs opset 9 or later (the target opset is 7)}}
  %0 = pd.one_hot %x {depth = 10 : i64, dtype = f32} : (tensor<4xi64>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}
}

// -----

// Constant slice bounds are attributes before opset 10; run-time ones
// need the inputs.
// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @slice_runtime(%x: tensor<4xf32>, %s: tensor<1xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot convert 'pd.slice' to ONNX at opset 7: needs opset 10 or later (the target opset is 7)}}
  %0 = pd.slice %x starts_tensor(%s) {axes = array<i64: 0>, ends = array<i64: 4>} : (tensor<4xf32>, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
}
