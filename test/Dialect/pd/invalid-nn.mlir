// RUN: oar-opt %s -split-input-file -verify-diagnostics
//
// Diagnostics of the pd convolution, pooling, normalization and matmul ops:
// one case per check, named after the constraint of docs/dialect-pd.md it
// implements.

// ---- conv_c1: 4-D input and filter

func.func @conv2d_c1_rank(%x: tensor<1x3x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op expects 4-D input and filter}}
  %0 = pd.conv2d %x, %w : (tensor<1x3x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_transpose_c1_rank(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3xf32>) -> tensor<1x2x10x10xf32> {
  // expected-error @+1 {{'pd.conv2d_transpose' op expects 4-D input and filter}}
  %0 = pd.conv2d_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<4x2x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

// ---- conv_c2: input channels == filter in-channels * groups

func.func @conv2d_c2_channels(%x: tensor<1x8x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op input has 8 channels but filter expects 3 x 1 groups}}
  %0 = pd.conv2d %x, %w : (tensor<1x8x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_c2_nhwc(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x6x6x4xf32> {
  // expected-error @+1 {{'pd.conv2d' op input has 3 channels but filter expects 3 x 2 groups}}
  %0 = pd.conv2d %x, %w {data_format = "NHWC", groups = 2 : i64} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

func.func @depthwise_conv2d_c2(%x: tensor<1x8x8x8xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{'pd.depthwise_conv2d' op input has 8 channels but filter expects 1 x 4 groups}}
  %0 = pd.depthwise_conv2d %x, %w {groups = 4 : i64} : (tensor<1x8x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// ---- conv_c3: window attributes

func.func @conv2d_c3_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op expects 2 strides, got 3}}
  %0 = pd.conv2d %x, %w {strides = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_c3_stride_zero(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op strides must be positive}}
  %0 = pd.conv2d %x, %w {strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_c3_paddings(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op expects 2 or 4 paddings, got 3}}
  %0 = pd.conv2d %x, %w {paddings = array<i64: 0, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_c3_padding_algorithm(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op unknown padding_algorithm 'FULL'}}
  %0 = pd.conv2d %x, %w {padding_algorithm = "FULL"} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_c3_dilations(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op expects 2 dilations}}
  %0 = pd.conv2d %x, %w {dilations = array<i64: 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_c3_groups(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'pd.conv2d' op groups must be positive}}
  %0 = pd.conv2d %x, %w {groups = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv2d_transpose_c3_dilations(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32> {
  // expected-error @+1 {{'pd.conv2d_transpose' op expects 2 dilations}}
  %0 = pd.conv2d_transpose %x, %w {dilations = array<i64: 1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

func.func @conv2d_transpose_c3_groups(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32> {
  // expected-error @+1 {{'pd.conv2d_transpose' op groups must be positive}}
  %0 = pd.conv2d_transpose %x, %w {groups = 0 : i64} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

func.func @conv2d_transpose_c3_paddings(%x: tensor<1x4x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32> {
  // expected-error @+1 {{'pd.conv2d_transpose' op expects 2 or 4 paddings, got 1}}
  %0 = pd.conv2d_transpose %x, %w {paddings = array<i64: 1>} : (tensor<1x4x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

// ---- conv_c4: the filter of a transposed convolution is [C_in, C_out/g, kh, kw]

func.func @conv2d_transpose_c4(%x: tensor<1x4x8x8xf32>, %w: tensor<2x4x3x3xf32>) -> tensor<1x4x10x10xf32> {
  // expected-error @+1 {{'pd.conv2d_transpose' op input has 4 channels but filter expects 2}}
  %0 = pd.conv2d_transpose %x, %w : (tensor<1x4x8x8xf32>, tensor<2x4x3x3xf32>) -> tensor<1x4x10x10xf32>
  return %0 : tensor<1x4x10x10xf32>
}

// -----

// ---- pool_c1: 4-D input, two window sizes, max or avg (conv_c3 for the window)

func.func @pool2d_c1_rank(%x: tensor<1x8x8xf32>) -> tensor<1x4x4xf32> {
  // expected-error @+1 {{'pd.pool2d' op expects a 4-D input}}
  %0 = pd.pool2d %x {ksize = array<i64: 2, 2>, pooling_type = "max"} : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// -----

func.func @pool2d_c1_ksize(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'pd.pool2d' op expects 2 window sizes (ksize), got 1}}
  %0 = pd.pool2d %x {ksize = array<i64: 2>, pooling_type = "max"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @pool2d_c1_pooling_type(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'pd.pool2d' op unknown pooling_type 'lp'}}
  %0 = pd.pool2d %x {ksize = array<i64: 2, 2>, pooling_type = "lp"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// pooling_type has no usable default: Paddle's OpProto default is "".
func.func @pool2d_c1_pooling_type_missing(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'pd.pool2d' op unknown pooling_type ''}}
  %0 = pd.pool2d %x {ksize = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @pool2d_c3_strides(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'pd.pool2d' op strides must be positive}}
  %0 = pd.pool2d %x {ksize = array<i64: 2, 2>, strides = array<i64: -1, 2>, pooling_type = "avg"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// ---- batch_norm_c1: input of rank >= 2; scale, bias, mean and variance are [C]

func.func @batch_norm_c1_input_rank(%x: tensor<8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'pd.batch_norm' op expects an input of rank >= 2}}
  %0 = pd.batch_norm %x, %m, %v : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @batch_norm_c1_rank(%x: tensor<2x8x4x4xf32>, %m: tensor<8x1xf32>, %v: tensor<8xf32>) -> tensor<2x8x4x4xf32> {
  // expected-error @+1 {{'pd.batch_norm' op expects 1-D scale, bias, mean and variance}}
  %0 = pd.batch_norm %x, %m, %v : (tensor<2x8x4x4xf32>, tensor<8x1xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  return %0 : tensor<2x8x4x4xf32>
}

// -----

func.func @batch_norm_c1_channels(%x: tensor<2x8x4x4xf32>, %s: tensor<4xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<2x8x4x4xf32> {
  // expected-error @+1 {{'pd.batch_norm' op statistics have 4 channels, input has 8}}
  %0 = pd.batch_norm %x, %m, %v scale(%s) : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<2x8x4x4xf32>
  return %0 : tensor<2x8x4x4xf32>
}

// -----

func.func @batch_norm_c1_nhwc(%x: tensor<2x4x4x8xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) -> tensor<2x4x4x8xf32> {
  // expected-error @+1 {{'pd.batch_norm' op statistics have 4 channels, input has 8}}
  %0 = pd.batch_norm %x, %m, %v {data_layout = "NHWC"} : (tensor<2x4x4x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x4x8xf32>
  return %0 : tensor<2x4x4x8xf32>
}

// -----

// ---- layer_norm_c1: begin_norm_axis lies in [0, rank)

func.func @layer_norm_c1(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'pd.layer_norm' op begin_norm_axis 2 is out of range for rank 2}}
  %0 = pd.layer_norm %x {begin_norm_axis = 2 : i64} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @layer_norm_c1_negative(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'pd.layer_norm' op begin_norm_axis -1 is out of range for rank 2}}
  %0 = pd.layer_norm %x {begin_norm_axis = -1 : i64} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// ---- matmul_c1: contraction dims agree

func.func @matmul_c1_rank0(%x: tensor<f32>, %y: tensor<3xf32>) -> tensor<f32> {
  // expected-error @+1 {{'pd.matmul' op operands must have rank >= 1}}
  %0 = pd.matmul %x, %y : (tensor<f32>, tensor<3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @matmul_c1(%x: tensor<2x3xf32>, %y: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{'pd.matmul' op contraction dims differ: 3 vs 4}}
  %0 = pd.matmul %x, %y : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @matmul_c1_transposed(%x: tensor<2x3xf32>, %y: tensor<5x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'pd.matmul' op contraction dims differ: 2 vs 3}}
  %0 = pd.matmul %x, %y {transpose_x = true, transpose_y = true} : (tensor<2x3xf32>, tensor<5x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @matmul_c1_vector(%x: tensor<4xf32>, %y: tensor<3x5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'pd.matmul' op contraction dims differ: 4 vs 3}}
  %0 = pd.matmul %x, %y : (tensor<4xf32>, tensor<3x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
