// RUN: not oar-translate --export-onnx %s -split-input-file -o %t.onnx 2>&1 | FileCheck %s

// The writer checks every op against the module's opset before writing.

// CHECK: error: 'onnx.Gelu' op needs opset 20 or later; the target opset is 13
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    %y = onnx.Gelu(%x) : (tensor<2xf32>) -> tensor<2xf32>
    return %y : tensor<2xf32>
  }
}

// -----

// CHECK: error: the module has no 'onnx.opset' attribute; convert it with convert-pd-to-onnx first
module {
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}

// -----

// CHECK: error: 'arith.addf' op is not an ONNX op; it was not converted
module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    %y = arith.addf %x, %x : tensor<2xf32>
    return %y : tensor<2xf32>
  }
}

// -----

// CHECK: error: tensor 'elided' has no data
module attributes {onnx.opset = 13 : i64} {
  func.func @main() -> tensor<64xf32> {
    %c = onnx.Constant() {value = dense_resource<elided> : tensor<64xf32>} : () -> tensor<64xf32>
    return %c : tensor<64xf32>
  }
}

// -----

// CHECK: error: 'onnx.Clip' op attribute 'min' is not part of version 11 (in effect at opset 11)
module attributes {onnx.opset = 11 : i64} {
  func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
    %n = onnx.NoValue
    %y = onnx.Clip(%x, %n, %n) {min = 0.0 : f32} : (tensor<2xf32>, none, none) -> tensor<2xf32>
    return %y : tensor<2xf32>
  }
}
