// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -verify-diagnostics
//
// NN ops whose settings have no ONNX lowering (at opset 13), each reported
// with its reason. nn-unsupported-opsets.mlir has those that need a later
// opset.

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @pool2d_adaptive_dynamic(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x2x2xf32> {
    // expected-error @+1 {{cannot convert 'pd.pool2d' to ONNX at opset 13: adaptive pooling needs static spatial dims}}
    %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 2, 2>, adaptive = true} : (tensor<1x3x?x?xf32>) -> tensor<1x3x2x2xf32>
    return %0 : tensor<1x3x2x2xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @batch_norm_training(%x: tensor<2x8x4x4xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<2x8x4x4xf32> {
    // expected-error @+1 {{cannot convert 'pd.batch_norm' to ONNX at opset 13: training mode (is_test and use_global_stats false) normalizes with batch statistics; export the program for inference}}
    %0 = pd.batch_norm %x, %m, %v : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
    return %0 : tensor<2x8x4x4xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @conv2d_transpose_output_size(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x4x4xf32>) -> tensor<1x4x40x40xf32> {
    // expected-error @+1 {{cannot convert 'pd.conv2d_transpose' to ONNX at opset 13: output_size 40 is out of reach (inferred 32)}}
    %0 = pd.conv2d_transpose %x, %w {strides = array<i64: 2, 2>, paddings = array<i64: 1, 1>, output_size = array<i64: 40, 40>} : (tensor<1x8x16x16xf32>, tensor<8x4x4x4xf32>) -> tensor<1x4x40x40xf32>
    return %0 : tensor<1x4x40x40xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @conv2d_transpose_same_dynamic(%x: tensor<1x8x?x?xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x4x?x?xf32> {
    // expected-error @+1 {{cannot convert 'pd.conv2d_transpose' to ONNX at opset 13: SAME padding needs static spatial input dims}}
    %0 = pd.conv2d_transpose %x, %w {strides = array<i64: 2, 2>, padding_algorithm = "SAME"} : (tensor<1x8x?x?xf32>, tensor<8x4x3x3xf32>) -> tensor<1x4x?x?xf32>
    return %0 : tensor<1x4x?x?xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @legacy_matmul_heads(%x: tensor<2x3x4xf32>, %y: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
    // expected-error @+1 {{cannot convert 'pd.legacy_matmul' to ONNX at opset 13: head_number 2 is not supported}}
    %0 = pd.legacy_matmul %x, %y {head_number = 2 : i64} : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
    return %0 : tensor<2x3x5xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @rnn_weights(%x: tensor<5x2x4xf32>, %w: tensor<12x4xf32>, %r: tensor<12x3xf32>) -> tensor<5x2x3xf32> {
    // expected-error @+1 {{cannot convert 'pd.rnn' to ONNX at opset 13: expects 4 weights (weight_ih, weight_hh, bias_ih, bias_hh per layer and direction), got 2}}
    %0:2 = pd.rnn %x, [], [%w, %r] {mode = "LSTM", hidden_size = 3 : i64, input_size = 4 : i64} : (tensor<5x2x4xf32>, tensor<12x4xf32>, tensor<12x3xf32>) -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>)
    return %0#0 : tensor<5x2x3xf32>
  }
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
  func.func @rnn_sequence_length_rank(%x: tensor<5x2x4xf32>, %w: tensor<3x4xf32>, %r: tensor<3x3xf32>, %b1: tensor<3xf32>, %b2: tensor<3xf32>, %n: tensor<2x1xi64>) -> tensor<5x2x3xf32> {
    // expected-error @+1 {{cannot convert 'pd.rnn' to ONNX at opset 13: expects a 1-D sequence_length}}
    %0:2 = pd.rnn %x, [], [%w, %r, %b1, %b2] sequence_length(%n) {mode = "RNN_TANH", hidden_size = 3 : i64, input_size = 4 : i64} : (tensor<5x2x4xf32>, tensor<3x4xf32>, tensor<3x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2x1xi64>) -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>)
    return %0#0 : tensor<5x2x3xf32>
  }
}
