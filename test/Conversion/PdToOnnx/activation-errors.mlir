// RUN: not oar-opt --convert-pd-to-onnx=opset=11 -split-input-file %s 2>&1 | FileCheck %s
//
// What the activation patterns refuse, and why.

func.func @clip_int(%x: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK: error: cannot convert 'pd.clip' to ONNX at opset 11: needs opset 12 or later (the target opset is 11)
  %0 = pd.clip %x {min = 0.0 : f32, max = 3.0 : f32} : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @pow_int(%x: tensor<4xi64>) -> tensor<4xi64> {
  // CHECK: error: cannot convert 'pd.pow' to ONNX at opset 11: needs opset 12 or later
  %0 = pd.pow %x {factor = 3.0 : f32} : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @dropout_impl(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: error: cannot convert 'pd.dropout' to ONNX at opset 11: dropout_implementation 'other' is not supported
  %0 = pd.dropout %x {dropout_implementation = "other", is_test = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @relu_int(%x: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK: error: cannot convert 'pd.relu' to ONNX at opset 11: needs opset 14 or later
  %0 = pd.relu %x : (tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @exp_int(%x: tensor<4xi64>) -> tensor<4xi64> {
  // CHECK: error: cannot convert 'pd.exp' to ONNX at opset 11: element type i64 is not supported by ONNX's Exp
  %0 = pd.exp %x : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// CHECK-NOT: pd.abs
func.func @abs_int(%x: tensor<4xi64>) -> tensor<4xi64> {
  %0 = pd.abs %x : (tensor<4xi64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}
