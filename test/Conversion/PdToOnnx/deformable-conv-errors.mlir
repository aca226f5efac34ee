// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx -verify-diagnostics
// RUN: not oar-opt %s -convert-pd-to-onnx=deform-conv=fast 2>&1 | FileCheck %s --check-prefix=OPTION
// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx="opset=17 deform-conv=native" 2>&1 | FileCheck %s --check-prefix=NATIVE
//
// What the deformable_conv decomposition cannot do, and a bad option.
// OPTION: deform-conv must be 'decompose' or 'native', not 'fast'
// NATIVE: cannot convert 'pd.deformable_conv' to ONNX at opset 17: needs opset 19 or later

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @dynamic_spatial(%x: tensor<1x4x?x?xf32>, %off: tensor<1x18x?x?xf32>, %w: tensor<8x4x3x3xf32>, %m: tensor<1x9x?x?xf32>) -> tensor<1x8x?x?xf32> {
    // expected-error @+1 {{cannot convert 'pd.deformable_conv' to ONNX at opset 11: the decomposition needs static channels, spatial dims and filter (use deform-conv=native, opset 19)}}
    %0 = pd.deformable_conv %x, %off, %w, %m {paddings = array<i64: 1, 1>} : (tensor<1x4x?x?xf32>, tensor<1x18x?x?xf32>, tensor<8x4x3x3xf32>, tensor<1x9x?x?xf32>) -> tensor<1x8x?x?xf32>
    return %0 : tensor<1x8x?x?xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @bad_groups(%x: tensor<1x4x8x8xf32>, %off: tensor<1x54x8x8xf32>, %w: tensor<8x4x3x3xf32>, %m: tensor<1x27x8x8xf32>) -> tensor<1x8x8x8xf32> {
    // expected-error @+1 {{channels 4 do not split into 1 groups of the filter's 4 and 3 deformable groups}}
    %0 = pd.deformable_conv %x, %off, %w, %m {deformable_groups = 3 : i64, paddings = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<1x54x8x8xf32>, tensor<8x4x3x3xf32>, tensor<1x27x8x8xf32>) -> tensor<1x8x8x8xf32>
    return %0 : tensor<1x8x8x8xf32>
  }
}
