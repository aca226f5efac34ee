// RUN: not oar-opt --convert-pd-to-onnx=opset=11 -split-input-file %s 2>&1 | FileCheck %s --check-prefix=O11
// RUN: not oar-opt --convert-pd-to-onnx=opset=8 -split-input-file %s 2>&1 | FileCheck %s --check-prefix=O8
//
// Element types ONNX lacks at the target opset, or at all.

func.func @max_int(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  // O11: error: cannot convert 'pd.maximum' to ONNX at opset 11: needs opset 12 or later (the target opset is 11)
  // O8: error: cannot convert 'pd.maximum' to ONNX at opset 8: needs opset 12 or later
  %0 = pd.maximum %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @add_bool(%x: tensor<4xi1>, %y: tensor<4xi1>) -> tensor<4xi1> {
  // O11: error: cannot convert 'pd.add' to ONNX at opset 11: element type i1 is not supported by ONNX's Add
  // O8: error: cannot convert 'pd.add' to ONNX at opset 8: element type i1 is not supported by ONNX's Add
  %0 = pd.add %x, %y : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @add_i8(%x: tensor<4xi8>, %y: tensor<4xi8>) -> tensor<4xi8> {
  // O11: error: cannot convert 'pd.add' to ONNX at opset 11: needs opset 14 or later
  // O8: error: cannot convert 'pd.add' to ONNX at opset 8: needs opset 14 or later
  %0 = pd.add %x, %y : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @remainder(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  // O8: error: cannot convert 'pd.remainder' to ONNX at opset 8: needs opset 10 or later
  // O11-NOT: pd.remainder
  %0 = pd.remainder %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @floor_divide(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  // O8: error: cannot convert 'pd.floor_divide' to ONNX at opset 8: needs opset 9 or later
  %0 = pd.floor_divide %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @where(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // O8: error: cannot convert 'pd.where' to ONNX at opset 8: needs opset 9 or later
  %0 = pd.where %c, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
