// RUN: oar-opt %s -split-input-file -onnx-check-opset -verify-diagnostics

// Squeeze takes axes as an attribute up to opset 12 and as an input from 13.
module attributes {onnx.opset = 11 : i64} {
  func.func @squeeze_input_at_11(%x: tensor<1x3xf32>, %axes: tensor<1xi64>) -> tensor<3xf32> {
    // expected-error@+1 {{'onnx.Squeeze' op has 2 inputs; version 11 (in effect at opset 11) takes 1 to 1}}
    %y = onnx.Squeeze(%x, %axes) : (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>
    return %y : tensor<3xf32>
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @squeeze_attr_at_13(%x: tensor<1x3xf32>) -> tensor<3xf32> {
    %n = onnx.NoValue
    // expected-error@+1 {{'onnx.Squeeze' op attribute 'axes' is not part of version 13 (in effect at opset 13)}}
    %y = onnx.Squeeze(%x, %n) {axes = array<i64: 0>} : (tensor<1x3xf32>, none) -> tensor<3xf32>
    return %y : tensor<3xf32>
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @trilu_at_13(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
    %n = onnx.NoValue
    // expected-error@+1 {{'onnx.Trilu' op needs opset 14 or later; the target opset is 13}}
    %y = onnx.Trilu(%x, %n) : (tensor<3x3xf32>, none) -> tensor<3x3xf32>
    return %y : tensor<3x3xf32>
  }
}

// -----

module attributes {onnx.opset = 13 : i64} {
  func.func @valid_at_13(%x: tensor<1x3xf32>, %axes: tensor<1xi64>) -> tensor<3xf32> {
    %n = onnx.NoValue
    %c = onnx.Clip(%x, %n, %n) : (tensor<1x3xf32>, none, none) -> tensor<1x3xf32>
    %y = onnx.Squeeze(%c, %axes) : (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>
    return %y : tensor<3xf32>
  }
}

// -----

// expected-error@+1 {{module has no 'onnx.opset' attribute}}
module {
}
