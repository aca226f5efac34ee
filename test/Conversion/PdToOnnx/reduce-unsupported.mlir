// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=10 -verify-diagnostics
//
// Reduce-family ops that do not convert at opset 10, and why.

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @cumsum(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{cannot convert 'pd.cumsum' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)}}
  %0 = pd.cumsum %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
}

// -----

// TopK has `largest` from opset 11.
// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @topk_smallest(%x: tensor<4xf32>) -> (tensor<2xf32>, tensor<2xi64>) {
  // expected-error @+1 {{cannot convert 'pd.topk' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)}}
  %v, %i = pd.topk %x {k = 2 : i64, largest = false} : (tensor<4xf32>) -> (tensor<2xf32>, tensor<2xi64>)
  return %v, %i : tensor<2xf32>, tensor<2xi64>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @topk_0d(%x: tensor<f32>, %k: tensor<1xi64>) -> (tensor<f32>, tensor<i64>) {
  // expected-error @+1 {{cannot convert 'pd.topk' to ONNX at opset 10: 0-D input with k other than 1}}
  %v, %i = pd.topk %x k_tensor(%k) : (tensor<f32>, tensor<1xi64>) -> (tensor<f32>, tensor<i64>)
  return %v, %i : tensor<f32>, tensor<i64>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @argmax_bool(%x: tensor<4xi1>) -> tensor<i64> {
  // expected-error @+1 {{cannot convert 'pd.argmax' to ONNX at opset 10: bool input}}
  %0 = pd.argmax %x {axis = 0 : i64, dtype = i64} : (tensor<4xi1>) -> tensor<i64>
  return %0 : tensor<i64>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @p_norm_int(%x: tensor<4xi32>) -> tensor<i32> {
  // expected-error @+1 {{cannot convert 'pd.p_norm' to ONNX at opset 10: non-float input}}
  %0 = pd.p_norm %x {axis = 0 : i64} : (tensor<4xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}
}
