// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -verify-diagnostics
//
// Control flow that does not convert: a clear diagnostic per op type.

// If and Loop carry sequences from opset 13 only.
// expected-error @+1 {{3 ops of 2 types could not be converted to ONNX}}
module {
func.func @array_result_opset11(%c: tensor<1xi1>) -> !pd.tensor_array<tensor<4xf32>> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  %b = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  // expected-error @+1 {{cannot convert 'pd.if' to ONNX at opset 11: needs opset 13 or later (the target opset is 11)}}
  %r = pd.if %c : tensor<1xi1> -> (!pd.tensor_array<tensor<4xf32>>) {
    // expected-error @+1 {{cannot convert 'pd.yield' to ONNX at opset 11: its parent 'pd.if' was not converted (2 ops; this is the first)}}
    pd.yield %a : !pd.tensor_array<tensor<4xf32>>
  } else {
    pd.yield %b : !pd.tensor_array<tensor<4xf32>>
  }
  return %r : !pd.tensor_array<tensor<4xf32>>
}
}

// -----

// expected-error @+1 {{2 ops of 2 types could not be converted to ONNX}}
module {
func.func @loop_array_opset11(%c: tensor<1xi1>) -> !pd.tensor_array<tensor<4xf32>> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  // expected-error @+1 {{cannot convert 'pd.while' to ONNX at opset 11: needs opset 13 or later}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, !pd.tensor_array<tensor<4xf32>>) -> !pd.tensor_array<tensor<4xf32>> {
  ^bb0(%s: !pd.tensor_array<tensor<4xf32>>):
    // expected-error @+1 {{cannot convert 'pd.yield' to ONNX at opset 11: its parent 'pd.while' was not converted}}
    pd.yield %c, %s : tensor<1xi1>, !pd.tensor_array<tensor<4xf32>>
  }
  return %r : !pd.tensor_array<tensor<4xf32>>
}
}

// -----

// A write chooses between overwrite and append with an If on sequences.
// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @array_write_opset11(%x: tensor<4xf32>, %i: tensor<1xi64>) -> !pd.tensor_array<tensor<4xf32>> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  // expected-error @+1 {{cannot convert 'pd.array_write' to ONNX at opset 11: needs opset 13 or later}}
  %w = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<4xf32>>, tensor<4xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<4xf32>>
  return %w : !pd.tensor_array<tensor<4xf32>>
}
}


// -----

// A tensor array the function returns has no ONNX graph output type.
// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @return_array() -> !pd.tensor_array<tensor<4xf32>> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  // expected-error @+1 {{cannot convert 'func.return' to ONNX at opset 11: it uses a value of type '!onnx.seq<tensor<?xf32>>' (a converted tensor array), which it cannot take}}
  return %a : !pd.tensor_array<tensor<4xf32>>
}
}
