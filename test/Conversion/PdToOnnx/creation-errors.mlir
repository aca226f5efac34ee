// RUN: not oar-opt --convert-pd-to-onnx=opset=10 -split-input-file %s 2>&1 | FileCheck %s --check-prefix=O10
// RUN: not oar-opt --convert-pd-to-onnx=opset=8 -split-input-file %s 2>&1 | FileCheck %s --check-prefix=O8
//
// Creation ops that cannot be converted, and why.

func.func @arange(%s: tensor<1xi64>, %e: tensor<1xi64>, %t: tensor<1xi64>) -> tensor<?xi64> {
  // O10: error: cannot convert 'pd.arange' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)
  // O8: error: cannot convert 'pd.arange' to ONNX at opset 8: needs opset 11 or later
  %0 = pd.arange %s, %e, %t : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

func.func @full_shape_tensor(%s: tensor<2xi64>) -> tensor<?x?xf32> {
  // O8: error: cannot convert 'pd.full' to ONNX at opset 8: needs opset 9 or later
  %0 = pd.full shape_tensor(%s) {dtype = f32, shape = array<i64: -1, -1>} : (tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @full_bad_str() -> tensor<2xf32> {
  // O10: error: cannot convert 'pd.full' to ONNX at opset 10: str_value 'abc' is not a number
  // O8: error: cannot convert 'pd.full' to ONNX at opset 8: str_value 'abc' is not a number
  %0 = pd.full {dtype = f32, shape = array<i64: 2>, str_value = "abc"} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @full_complex() -> tensor<2xcomplex<f32>> {
  // O10: error: cannot convert 'pd.full' to ONNX at opset 10: dtype complex<f32> is not supported
  %0 = pd.full {dtype = complex<f32>, shape = array<i64: 2>} : () -> tensor<2xcomplex<f32>>
  return %0 : tensor<2xcomplex<f32>>
}
