// RUN: oar-opt %s -split-input-file -verify-diagnostics

// Element types come from the ONNX type constraints.
func.func @gather_float_indices(%x: tensor<4xf32>, %i: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{'onnx.Gather' op operand #1 must be tensor of 32-bit signless integer or 64-bit signless integer values}}
  %y = onnx.Gather(%x, %i) : (tensor<4xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// A required input cannot be absent.
func.func @relu_none() -> tensor<2xf32> {
  %n = onnx.NoValue
  // expected-error@+1 {{'onnx.Relu' op operand #0 must be tensor of}}
  %y = onnx.Relu(%n) : (none) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

func.func @cast_needs_to(%x: tensor<2xf32>) -> tensor<2xi64> {
  // expected-error@+1 {{'onnx.Cast' op requires attribute 'to'}}
  %y = onnx.Cast(%x) : (tensor<2xf32>) -> tensor<2xi64>
  return %y : tensor<2xi64>
}
