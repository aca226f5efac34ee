// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=9 -verify-diagnostics
//
// NN ops that need a later opset than the one asked for: the pass names
// the opset each needs (with no opset given it would retry at that one).

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @pool2d_ceil_dynamic(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32> {
    // expected-error @+1 {{cannot convert 'pd.pool2d' to ONNX at opset 9: needs opset 10 or later (the target opset is 9)}}
    %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
    return %0 : tensor<1x3x?x?xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @pixel_shuffle_opset(%x: tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32> {
    // expected-error @+1 {{cannot convert 'pd.pixel_shuffle' to ONNX at opset 9: needs opset 11 or later (the target opset is 9)}}
    %0 = pd.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32>
    return %0 : tensor<1x2x8x8xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @deformable_conv_opset(%x: tensor<1x4x8x8xf32>, %off: tensor<1x18x8x8xf32>, %w: tensor<8x4x3x3xf32>, %m: tensor<1x9x8x8xf32>) -> tensor<1x8x8x8xf32> {
    // expected-error @+1 {{cannot convert 'pd.deformable_conv' to ONNX at opset 9: needs opset 11 or later (the target opset is 9)}}
    %0 = pd.deformable_conv %x, %off, %w, %m {paddings = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<1x18x8x8xf32>, tensor<8x4x3x3xf32>, tensor<1x9x8x8xf32>) -> tensor<1x8x8x8xf32>
    return %0 : tensor<1x8x8x8xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @grid_sample_5d(%x: tensor<1x3x4x8x8xf32>, %g: tensor<1x2x4x4x3xf32>) -> tensor<1x3x2x4x4xf32> {
    // expected-error @+1 {{cannot convert 'pd.grid_sample' to ONNX at opset 9: needs opset 20 or later (the target opset is 9)}}
    %0 = pd.grid_sample %x, %g : (tensor<1x3x4x8x8xf32>, tensor<1x2x4x4x3xf32>) -> tensor<1x3x2x4x4xf32>
    return %0 : tensor<1x3x2x4x4xf32>
  }
}
// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @grid_sample_4d(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32> {
    // expected-error @+1 {{cannot convert 'pd.grid_sample' to ONNX at opset 9: needs opset 16 or later (the target opset is 9)}}
    %0 = pd.grid_sample %x, %g : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
    return %0 : tensor<1x3x4x4xf32>
  }
}
