// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s
//
// The NN family at opset 13: softmax, the matmuls, convolutions, pooling,
// normalizations, pixel_shuffle, embedding and rnn. Opset-dependent
// lowerings are in nn-opsets.mlir, unsupported settings in
// nn-unsupported.mlir.

// CHECK-LABEL: func.func @softmax_last(
// CHECK: onnx.Softmax(%{{.*}}) {axis = 2 : i64}
func.func @softmax_last(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = pd.softmax %x : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @softmax_axis1(
// CHECK-NOT: onnx.Transpose
// CHECK: onnx.Softmax(%{{.*}}) {axis = 1 : i64}
func.func @softmax_axis1(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = pd.softmax %x {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @log_softmax_axis0(
// CHECK: onnx.LogSoftmax(%{{.*}}) {axis = 0 : i64}
func.func @log_softmax_axis0(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.log_softmax %x {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_transpose(
// CHECK: %[[XT:.*]] = onnx.Transpose(%arg0) {perm = array<i64: 0, 2, 1>} : (tensor<?x4x3xf32>) -> tensor<?x3x4xf32>
// CHECK: %[[YT:.*]] = onnx.Transpose(%arg1) {perm = array<i64: 1, 0>} : (tensor<5x4xf32>) -> tensor<4x5xf32>
// CHECK: onnx.MatMul(%[[XT]], %[[YT]]) : (tensor<?x3x4xf32>, tensor<4x5xf32>) -> tensor<?x3x5xf32>
func.func @matmul_transpose(%x: tensor<?x4x3xf32>, %y: tensor<5x4xf32>) -> tensor<?x3x5xf32> {
  %0 = pd.matmul %x, %y {transpose_x = true, transpose_y = true} : (tensor<?x4x3xf32>, tensor<5x4xf32>) -> tensor<?x3x5xf32>
  return %0 : tensor<?x3x5xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_vector(
// CHECK-NOT: onnx.Transpose
// CHECK: onnx.MatMul(%arg0, %arg1) : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
func.func @matmul_vector(%x: tensor<4xf32>, %y: tensor<2x4x5xf32>) -> tensor<2x5xf32> {
  %0 = pd.matmul %x, %y {transpose_x = true} : (tensor<4xf32>, tensor<2x4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// CHECK-LABEL: func.func @legacy_matmul_alpha(
// CHECK: %[[YT:.*]] = onnx.Transpose(%arg1) {perm = array<i64: 0, 2, 1>}
// CHECK: %[[MM:.*]] = onnx.MatMul(%arg0, %[[YT]])
// CHECK: %[[A:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<f32>}
// CHECK: onnx.Mul(%[[MM]], %[[A]]) : (tensor<*xf32>, tensor<f32>) -> tensor<2x3x5xf32>
func.func @legacy_matmul_alpha(%x: tensor<2x3x4xf32>, %y: tensor<2x5x4xf32>) -> tensor<2x3x5xf32> {
  %0 = pd.legacy_matmul %x, %y {transpose_y = true, alpha = 0.5 : f32} : (tensor<2x3x4xf32>, tensor<2x5x4xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// CHECK-LABEL: func.func @legacy_matmul_vectors(
// CHECK: %[[X:.*]] = onnx.Unsqueeze(%arg0, %{{.*}}) : (tensor<4xf32>, tensor<1xi64>) -> tensor<1x4xf32>
// CHECK: %[[Y:.*]] = onnx.Unsqueeze(%arg1, %{{.*}}) : (tensor<4xf32>, tensor<1xi64>) -> tensor<4x1xf32>
// CHECK: %[[MM:.*]] = onnx.MatMul(%[[X]], %[[Y]])
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<1> : tensor<1xi64>}
// CHECK: onnx.Reshape(%[[MM]], %[[S]]) : (tensor<*xf32>, tensor<1xi64>) -> tensor<1xf32>
func.func @legacy_matmul_vectors(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<1xf32> {
  %0 = pd.legacy_matmul %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_with_flatten(
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<[-1, 12]> : tensor<2xi64>}
// CHECK: %[[X:.*]] = onnx.Reshape(%arg0, %[[S]]) : (tensor<?x2x3x4xf32>, tensor<2xi64>) -> tensor<?x12xf32>
// CHECK: %[[MM:.*]] = onnx.MatMul(%[[X]], %arg1) : (tensor<?x12xf32>, tensor<12x10xf32>) -> tensor<?x10xf32>
// CHECK: %[[SHAPE:.*]] = onnx.Shape(%arg0)
// CHECK: %[[LEAD:.*]] = onnx.Slice(%[[SHAPE]], {{.*}}) : (tensor<4xi64>, {{.*}}) -> tensor<2xi64>
// CHECK: %[[TAIL:.*]] = onnx.Constant() {value = dense<10> : tensor<1xi64>}
// CHECK: %[[OUT:.*]] = onnx.Concat(%[[LEAD]], %[[TAIL]]) {axis = 0 : i64}
// CHECK: onnx.Reshape(%[[MM]], %[[OUT]]) : (tensor<?x10xf32>, tensor<3xi64>) -> tensor<?x2x10xf32>
func.func @matmul_with_flatten(%x: tensor<?x2x3x4xf32>, %y: tensor<12x10xf32>) -> tensor<?x2x10xf32> {
  %0 = pd.matmul_with_flatten %x, %y {x_num_col_dims = 2 : i64} : (tensor<?x2x3x4xf32>, tensor<12x10xf32>) -> tensor<?x2x10xf32>
  return %0 : tensor<?x2x10xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_with_flatten_2d(
// CHECK-NOT: onnx.Reshape
// CHECK: onnx.MatMul(%arg0, %arg1) : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<?x10xf32>
func.func @matmul_with_flatten_2d(%x: tensor<?x784xf32>, %y: tensor<784x10xf32>) -> tensor<?x10xf32> {
  %0 = pd.matmul_with_flatten %x, %y : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<?x10xf32>
  return %0 : tensor<?x10xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d(
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK: onnx.Conv(%arg0, %arg1, %[[NONE]]) {dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 2>}
func.func @conv2d(%x: tensor<1x8x32x32xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x16x16x16xf32> {
  %0 = pd.conv2d %x, %w {strides = array<i64: 2, 2>, paddings = array<i64: 1, 2, 0, 1>, dilations = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x8x32x32xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x16x16xf32>
  return %0 : tensor<1x16x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_same_nhwc(
// CHECK: %[[X:.*]] = onnx.Transpose(%arg0) {perm = array<i64: 0, 3, 1, 2>} : (tensor<?x31x31x3xf32>) -> tensor<?x3x31x31xf32>
// SAME resets dilations to 1; 31 -> 16 at stride 2 pads 2, the odd one at the end.
// CHECK: %[[C:.*]] = onnx.Conv(%[[X]], %arg1, %{{.*}}) {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : {{.*}} -> tensor<?x8x16x16xf32>
// CHECK: onnx.Transpose(%[[C]]) {perm = array<i64: 0, 2, 3, 1>} : (tensor<?x8x16x16xf32>) -> tensor<?x16x16x8xf32>
func.func @conv2d_same_nhwc(%x: tensor<?x31x31x3xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x16x16x8xf32> {
  %0 = pd.conv2d %x, %w {data_format = "NHWC", padding_algorithm = "SAME", strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>} : (tensor<?x31x31x3xf32>, tensor<8x3x3x3xf32>) -> tensor<?x16x16x8xf32>
  return %0 : tensor<?x16x16x8xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_same_dynamic(
// CHECK: onnx.Conv(%arg0, %arg1, %{{.*}}) {auto_pad = "SAME_UPPER", dilations = array<i64: 1, 1>
func.func @conv2d_same_dynamic(%x: tensor<1x3x?x?xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x?x?xf32> {
  %0 = pd.conv2d %x, %w {padding_algorithm = "SAME"} : (tensor<1x3x?x?xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x?x?xf32>
  return %0 : tensor<1x8x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @depthwise_conv2d_valid(
// CHECK: onnx.Conv(%arg0, %arg1, %{{.*}}) {dilations = array<i64: 1, 1>, group = 8 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>
func.func @depthwise_conv2d_valid(%x: tensor<1x8x32x32xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x30x30xf32> {
  %0 = pd.depthwise_conv2d %x, %w {paddings = array<i64: 1, 1>, padding_algorithm = "VALID", groups = 8 : i64} : (tensor<1x8x32x32xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x30x30xf32>
  return %0 : tensor<1x8x30x30xf32>
}

// -----

// CHECK-LABEL: func.func @conv3d(
// CHECK: onnx.Conv(%arg0, %arg1, %{{.*}}) {dilations = array<i64: 1, 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3, 3>, pads = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 1, 1, 1>}
func.func @conv3d(%x: tensor<1x3x8x8x8xf32>, %w: tensor<4x3x3x3x3xf32>) -> tensor<1x4x8x8x8xf32> {
  %0 = pd.conv3d %x, %w {paddings = array<i64: 1, 1, 1>} : (tensor<1x3x8x8x8xf32>, tensor<4x3x3x3x3xf32>) -> tensor<1x4x8x8x8xf32>
  return %0 : tensor<1x4x8x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_transpose(
// output_size 33 is one past the inferred 32: output_padding 1.
// CHECK: onnx.ConvTranspose(%arg0, %arg1, %{{.*}}) {dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 4, 4>, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
func.func @conv2d_transpose(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x4x4xf32>) -> tensor<1x4x33x33xf32> {
  %0 = pd.conv2d_transpose %x, %w {strides = array<i64: 2, 2>, paddings = array<i64: 1, 1>, output_size = array<i64: 33, 33>} : (tensor<1x8x16x16xf32>, tensor<8x4x4x4xf32>) -> tensor<1x4x33x33xf32>
  return %0 : tensor<1x4x33x33xf32>
}

// -----

// CHECK-LABEL: func.func @conv2d_transpose_same(
// Paddle pads as the forward convolution of a 16x16 input would: 0 before, 1 after.
// CHECK: onnx.ConvTranspose(%arg0, %arg1, %{{.*}}) {dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, output_padding = array<i64: 1, 1>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>}
func.func @conv2d_transpose_same(%x: tensor<1x8x16x16xf32>, %w: tensor<8x2x3x3xf32>) -> tensor<1x4x32x32xf32> {
  %0 = pd.conv2d_transpose %x, %w {strides = array<i64: 2, 2>, padding_algorithm = "SAME", groups = 2 : i64, output_padding = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x2x3x3xf32>) -> tensor<1x4x32x32xf32>
  return %0 : tensor<1x4x32x32xf32>
}

// -----

// CHECK-LABEL: func.func @pool2d_max_ceil(
// CHECK: onnx.MaxPool(%arg0) {ceil_mode = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x32x32xf32>) -> (tensor<1x3x16x16xf32>, none)
func.func @pool2d_max_ceil(%x: tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32> {
  %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, paddings = array<i64: 0, 0>, ceil_mode = true} : (tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @pool2d_avg(
// CHECK: onnx.AveragePool(%arg0) {count_include_pad = 1 : i64, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>}
func.func @pool2d_avg(%x: tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32> {
  %0 = pd.pool2d %x {pooling_type = "avg", ksize = array<i64: 2, 2>, strides = array<i64: 2, 2>, paddings = array<i64: 1, 0, 1, 0>, exclusive = false} : (tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @pool2d_global(
// CHECK: onnx.GlobalAveragePool(%arg0) : (tensor<?x3x?x?xf32>) -> tensor<?x3x1x1xf32>
func.func @pool2d_global(%x: tensor<?x3x?x?xf32>) -> tensor<?x3x1x1xf32> {
  %0 = pd.pool2d %x {pooling_type = "avg", ksize = array<i64: 1, 1>, adaptive = true} : (tensor<?x3x?x?xf32>) -> tensor<?x3x1x1xf32>
  return %0 : tensor<?x3x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @pool2d_adaptive(
// CHECK: onnx.MaxPool(%arg0) {kernel_shape = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 4, 4>}
func.func @pool2d_adaptive(%x: tensor<1x3x12x8xf32>) -> tensor<1x3x3x2xf32> {
  %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 3, 2>, adaptive = true} : (tensor<1x3x12x8xf32>) -> tensor<1x3x3x2xf32>
  return %0 : tensor<1x3x3x2xf32>
}

// -----

// Adaptive average pooling to sizes that do not divide (SVTR pools 2x25 to
// 1x40): Paddle's bins as averaging matrices, columns then rows.
// CHECK-LABEL: func.func @pool2d_adaptive_avg_indivisible(
// CHECK: %[[AW:.*]] = onnx.Constant() {value = dense<{{.*}}> : tensor<25x40xf32>}
// CHECK: %[[MID:.*]] = onnx.MatMul(%arg0, %[[AW]]) : (tensor<?x4x2x25xf32>, tensor<25x40xf32>) -> tensor<?x4x2x40xf32>
// CHECK: %[[AH:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<1x2xf32>}
// CHECK: onnx.MatMul(%[[AH]], %[[MID]]) : (tensor<1x2xf32>, tensor<?x4x2x40xf32>) -> tensor<?x4x1x40xf32>
func.func @pool2d_adaptive_avg_indivisible(%x: tensor<?x4x2x25xf32>) -> tensor<?x4x1x40xf32> {
  %0 = pd.pool2d %x {pooling_type = "avg", ksize = array<i64: 1, 40>, adaptive = true} : (tensor<?x4x2x25xf32>) -> tensor<?x4x1x40xf32>
  return %0 : tensor<?x4x1x40xf32>
}

// -----

// Adaptive max pooling to sizes that do not divide: per dim, ReduceMax of
// each bin ([0, 4), [3, 7), [6, 10) of 10 rows), concatenated; the 7
// columns stay.
// CHECK-LABEL: func.func @pool2d_adaptive_max_indivisible(
// CHECK: %[[B0:.*]] = onnx.Slice(%arg0, {{.*}}) : {{.*}} -> tensor<1x3x4x7xf32>
// CHECK: %[[M0:.*]] = onnx.ReduceMax(%[[B0]], {{.*}}) {axes = array<i64: 2>, keepdims = 1 : i64} : {{.*}} -> tensor<1x3x1x7xf32>
// CHECK: %[[B1:.*]] = onnx.Slice(%arg0, {{.*}}) : {{.*}} -> tensor<1x3x4x7xf32>
// CHECK: %[[M1:.*]] = onnx.ReduceMax(%[[B1]]
// CHECK: %[[B2:.*]] = onnx.Slice(%arg0, {{.*}}) : {{.*}} -> tensor<1x3x4x7xf32>
// CHECK: %[[M2:.*]] = onnx.ReduceMax(%[[B2]]
// CHECK: onnx.Concat(%[[M0]], %[[M1]], %[[M2]]) {axis = 2 : i64} : {{.*}} -> tensor<1x3x3x7xf32>
func.func @pool2d_adaptive_max_indivisible(%x: tensor<1x3x10x7xf32>) -> tensor<1x3x3x7xf32> {
  %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 3, 7>, adaptive = true} : (tensor<1x3x10x7xf32>) -> tensor<1x3x3x7xf32>
  return %0 : tensor<1x3x3x7xf32>
}

// -----

// CHECK-LABEL: func.func @pool2d_nhwc_same(
// CHECK: %[[X:.*]] = onnx.Transpose(%arg0) {perm = array<i64: 0, 3, 1, 2>}
// CHECK: %[[Y:.*]], %{{.*}} = onnx.MaxPool(%[[X]]) {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK: onnx.Transpose(%[[Y]]) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x4x4xf32>) -> tensor<1x4x4x3xf32>
func.func @pool2d_nhwc_same(%x: tensor<1x7x7x3xf32>) -> tensor<1x4x4x3xf32> {
  %0 = pd.pool2d %x {pooling_type = "max", ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding_algorithm = "SAME", data_format = "NHWC"} : (tensor<1x7x7x3xf32>) -> tensor<1x4x4x3xf32>
  return %0 : tensor<1x4x4x3xf32>
}

// -----

// CHECK-LABEL: func.func @batch_norm(
// CHECK: %[[Y:.*]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} = onnx.BatchNormalization(%arg0, %arg3, %arg4, %arg1, %arg2) {epsilon = 1.000000e-03 : f32} : {{.*}} -> (tensor<?x8x4x4xf32>, none, none, none, none)
// CHECK: return %[[Y]]
func.func @batch_norm(%x: tensor<?x8x4x4xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8x4x4xf32> {
  %0 = pd.batch_norm %x, %m, %v scale(%s) bias(%b) {is_test = true, epsilon = 1.0e-03 : f32} : (tensor<?x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x4x4xf32>
  return %0 : tensor<?x8x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @batch_norm_nhwc_no_affine(
// CHECK: %[[ONES:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<8xf32>}
// CHECK: %[[ZEROS:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<8xf32>}
// CHECK: %[[X:.*]] = onnx.Transpose(%arg0) {perm = array<i64: 0, 3, 1, 2>}
// CHECK: %[[Y:.*]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} = onnx.BatchNormalization(%[[X]], %[[ONES]], %[[ZEROS]], %arg1, %arg2)
// CHECK: onnx.Transpose(%[[Y]]) {perm = array<i64: 0, 2, 3, 1>}
func.func @batch_norm_nhwc_no_affine(%x: tensor<2x4x4x8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> tensor<2x4x4x8xf32> {
  %0 = pd.batch_norm %x, %m, %v {use_global_stats = true, data_layout = "NHWC"} : (tensor<2x4x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x4x8xf32>
  return %0 : tensor<2x4x4x8xf32>
}

// -----

// CHECK-LABEL: func.func @layer_norm(
// The flat [20] scale and bias take the normalized dims' shape [4, 5].
// CHECK: %[[SS:.*]] = onnx.Constant() {value = dense<[4, 5]> : tensor<2xi64>}
// CHECK: %[[S:.*]] = onnx.Reshape(%arg1, %[[SS]]) : (tensor<20xf32>, tensor<2xi64>) -> tensor<4x5xf32>
// CHECK: %[[B:.*]] = onnx.Reshape(%arg2, %{{.*}}) : (tensor<20xf32>, tensor<2xi64>) -> tensor<4x5xf32>
// CHECK: %[[MEAN:.*]] = onnx.ReduceMean(%arg0, %{{.*}}) {axes = array<i64: 1, 2>, keepdims = 1 : i64}
// CHECK: %[[D:.*]] = onnx.Sub(%arg0, %[[MEAN]])
// CHECK: %[[SQ:.*]] = onnx.Mul(%[[D]], %[[D]])
// CHECK: %[[VAR:.*]] = onnx.ReduceMean(%[[SQ]], %{{.*}}) {axes = array<i64: 1, 2>, keepdims = 1 : i64}
// CHECK: %[[EPS:.*]] = onnx.Constant() {value = dense<9.99999974E-6> : tensor<f32>}
// CHECK: %[[VE:.*]] = onnx.Add(%[[VAR]], %[[EPS]])
// CHECK: %[[STD:.*]] = onnx.Sqrt(%[[VE]])
// CHECK: %[[N:.*]] = onnx.Div(%[[D]], %[[STD]])
// CHECK: %[[NS:.*]] = onnx.Mul(%[[N]], %[[S]])
// CHECK: onnx.Add(%[[NS]], %[[B]]) : (tensor<?x4x5xf32>, tensor<4x5xf32>) -> tensor<?x4x5xf32>
func.func @layer_norm(%x: tensor<?x4x5xf32>, %s: tensor<20xf32>, %b: tensor<20xf32>) -> tensor<?x4x5xf32> {
  %0 = pd.layer_norm %x scale(%s) bias(%b) {begin_norm_axis = 1 : i64} : (tensor<?x4x5xf32>, tensor<20xf32>, tensor<20xf32>) -> tensor<?x4x5xf32>
  return %0 : tensor<?x4x5xf32>
}

// -----

// CHECK-LABEL: func.func @layer_norm_last(
// CHECK-NOT: onnx.Reshape
// CHECK: %[[N:.*]] = onnx.Div
// CHECK: onnx.Mul(%[[N]], %arg1) : (tensor<?x?x8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
// CHECK-NOT: onnx.Add
func.func @layer_norm_last(%x: tensor<?x?x8xf32>, %s: tensor<8xf32>) -> tensor<?x?x8xf32> {
  %0 = pd.layer_norm %x scale(%s) {begin_norm_axis = 2 : i64} : (tensor<?x?x8xf32>, tensor<8xf32>) -> tensor<?x?x8xf32>
  return %0 : tensor<?x?x8xf32>
}

// -----

// CHECK-LABEL: func.func @instance_norm(
// CHECK: %[[ONES:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<3xf32>}
// CHECK: %[[ZEROS:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<3xf32>}
// CHECK: onnx.InstanceNormalization(%arg0, %[[ONES]], %[[ZEROS]]) {epsilon = 9.99999974E-6 : f32}
func.func @instance_norm(%x: tensor<2x3x8x8xf32>) -> tensor<2x3x8x8xf32> {
  %0 = pd.instance_norm %x : (tensor<2x3x8x8xf32>) -> tensor<2x3x8x8xf32>
  return %0 : tensor<2x3x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @group_norm(
// CHECK: %[[GS:.*]] = onnx.Constant() {value = dense<[0, 2, -1]> : tensor<3xi64>}
// CHECK: %[[G:.*]] = onnx.Reshape(%arg0, %[[GS]]) : (tensor<?x8x4x4xf32>, tensor<3xi64>) -> tensor<?x2x?xf32>
// CHECK: %[[ONES:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<2xf32>}
// CHECK: %[[ZEROS:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<2xf32>}
// CHECK: %[[N:.*]] = onnx.InstanceNormalization(%[[G]], %[[ONES]], %[[ZEROS]])
// CHECK: %[[XS:.*]] = onnx.Shape(%arg0)
// CHECK: %[[U:.*]] = onnx.Reshape(%[[N]], %[[XS]]) : (tensor<?x2x?xf32>, tensor<4xi64>) -> tensor<?x8x4x4xf32>
// CHECK: %[[S:.*]] = onnx.Unsqueeze(%arg1, %{{.*}}) : (tensor<8xf32>, tensor<2xi64>) -> tensor<8x1x1xf32>
// CHECK: %[[M:.*]] = onnx.Mul(%[[U]], %[[S]])
// CHECK: %[[B:.*]] = onnx.Unsqueeze(%arg2, %{{.*}}) : (tensor<8xf32>, tensor<2xi64>) -> tensor<8x1x1xf32>
// CHECK: onnx.Add(%[[M]], %[[B]])
func.func @group_norm(%x: tensor<?x8x4x4xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<?x8x4x4xf32> {
  %0 = pd.group_norm %x scale(%s) bias(%b) {groups = 2 : i64} : (tensor<?x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x4x4xf32>
  return %0 : tensor<?x8x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @pixel_shuffle(
// CHECK: onnx.DepthToSpace(%arg0) {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32>
func.func @pixel_shuffle(%x: tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %0 = pd.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @embedding(
// CHECK: onnx.Gather(%arg1, %arg0) {axis = 0 : i64} : (tensor<100x16xf32>, tensor<?x7xi64>) -> tensor<?x7x16xf32>
// CHECK-NOT: onnx.Where
func.func @embedding(%ids: tensor<?x7xi64>, %w: tensor<100x16xf32>) -> tensor<?x7x16xf32> {
  %0 = pd.embedding %ids, %w : (tensor<?x7xi64>, tensor<100x16xf32>) -> tensor<?x7x16xf32>
  return %0 : tensor<?x7x16xf32>
}

// -----

// CHECK-LABEL: func.func @embedding_padding(
// CHECK: %[[ROWS:.*]] = onnx.Gather(%arg1, %arg0) {axis = 0 : i64}
// CHECK: %[[PAD:.*]] = onnx.Constant() {value = dense<0> : tensor<i64>}
// CHECK: %[[EQ:.*]] = onnx.Equal(%arg0, %[[PAD]]) : (tensor<?x7xi64>, tensor<i64>) -> tensor<?x7xi1>
// CHECK: %[[MASK:.*]] = onnx.Unsqueeze(%[[EQ]], %{{.*}}) : (tensor<?x7xi1>, tensor<1xi64>) -> tensor<?x7x1xi1>
// CHECK: %[[ZERO:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<f32>}
// CHECK: onnx.Where(%[[MASK]], %[[ZERO]], %[[ROWS]]) : (tensor<?x7x1xi1>, tensor<f32>, tensor<?x7x16xf32>) -> tensor<?x7x16xf32>
func.func @embedding_padding(%ids: tensor<?x7xi64>, %w: tensor<100x16xf32>) -> tensor<?x7x16xf32> {
  %0 = pd.embedding %ids, %w {padding_idx = 0 : i64} : (tensor<?x7xi64>, tensor<100x16xf32>) -> tensor<?x7x16xf32>
  return %0 : tensor<?x7x16xf32>
}

// -----

// CHECK-LABEL: func.func @rnn_lstm_bidirec(
// Paddle's i,f,g,o gate blocks go to ONNX's i,o,f,c; biases are [Wb, Rb] per direction.
// CHECK: %[[WF:.*]]:4 = onnx.Split(%arg3, %{{.*}}) {axis = 0 : i64}
// CHECK: %[[WFR:.*]] = onnx.Concat(%[[WF]]#0, %[[WF]]#3, %[[WF]]#1, %[[WF]]#2) {axis = 0 : i64}
// CHECK: %[[RF:.*]]:4 = onnx.Split(%arg4
// CHECK: %[[BF1:.*]]:4 = onnx.Split(%arg7
// CHECK: %[[BF2:.*]]:4 = onnx.Split(%arg8
// CHECK: onnx.Concat({{.*}}) {axis = 0 : i64} : (tensor<12xf32>, tensor<12xf32>) -> tensor<24xf32>
// CHECK: %[[WB:.*]]:4 = onnx.Split(%arg5
// CHECK: %[[W:.*]] = onnx.Concat({{.*}}) {axis = 0 : i64} : (tensor<1x12x4xf32>, tensor<1x12x4xf32>) -> tensor<2x12x4xf32>
// CHECK: %[[R:.*]] = onnx.Concat({{.*}}) {axis = 0 : i64} : (tensor<1x12x3xf32>, tensor<1x12x3xf32>) -> tensor<2x12x3xf32>
// CHECK: %[[B:.*]] = onnx.Concat({{.*}}) {axis = 0 : i64} : (tensor<1x24xf32>, tensor<1x24xf32>) -> tensor<2x24xf32>
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK: %[[Y:.*]], %[[YH:.*]], %[[YC:.*]] = onnx.LSTM(%arg0, %[[W]], %[[R]], %[[B]], %[[NONE]], %arg1, %arg2, %[[NONE]]) {direction = "bidirectional", hidden_size = 3 : i64}
// CHECK: %[[YT:.*]] = onnx.Transpose(%[[Y]]) {perm = array<i64: 0, 2, 1, 3>} : (tensor<5x2x?x3xf32>) -> tensor<5x?x2x3xf32>
// CHECK: %[[OUT:.*]] = onnx.Reshape(%[[YT]], %{{.*}}) : (tensor<5x?x2x3xf32>, tensor<3xi64>) -> tensor<5x?x6xf32>
// CHECK: return %[[OUT]], %[[YH]], %[[YC]]
func.func @rnn_lstm_bidirec(%x: tensor<5x?x4xf32>, %h: tensor<2x?x3xf32>, %c: tensor<2x?x3xf32>,
    %wf: tensor<12x4xf32>, %rf: tensor<12x3xf32>, %wb: tensor<12x4xf32>, %rb: tensor<12x3xf32>,
    %bf1: tensor<12xf32>, %bf2: tensor<12xf32>, %bb1: tensor<12xf32>, %bb2: tensor<12xf32>) -> (tensor<5x?x6xf32>, tensor<2x?x3xf32>, tensor<2x?x3xf32>) {
  %0:3 = pd.rnn %x, [%h, %c], [%wf, %rf, %wb, %rb, %bf1, %bf2, %bb1, %bb2] {mode = "LSTM", is_bidirec = true, hidden_size = 3 : i64, input_size = 4 : i64, num_layers = 1 : i64, is_test = true} : (tensor<5x?x4xf32>, tensor<2x?x3xf32>, tensor<2x?x3xf32>, tensor<12x4xf32>, tensor<12x3xf32>, tensor<12x4xf32>, tensor<12x3xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>, tensor<12xf32>) -> (tensor<5x?x6xf32>, tensor<2x?x3xf32>, tensor<2x?x3xf32>)
  return %0#0, %0#1, %0#2 : tensor<5x?x6xf32>, tensor<2x?x3xf32>, tensor<2x?x3xf32>
}

// -----

// CHECK-LABEL: func.func @rnn_gru_2layers(
// Paddle's r,z,c gate blocks go to ONNX's z,r,h; one GRU per layer.
// CHECK: %[[W0:.*]]:3 = onnx.Split(%arg2
// CHECK: onnx.Concat(%[[W0]]#1, %[[W0]]#0, %[[W0]]#2) {axis = 0 : i64}
// CHECK: %[[H0:.*]] = onnx.Slice(%arg1, {{.*}}) : {{.*}} -> tensor<1x2x3xf32>
// CHECK: %[[Y0:.*]], %[[YH0:.*]] = onnx.GRU(%arg0, {{.*}}, %[[H0]]) {direction = "forward", hidden_size = 3 : i64, linear_before_reset = 1 : i64}
// CHECK: %[[Y0T:.*]] = onnx.Transpose(%[[Y0]])
// CHECK: %[[X1:.*]] = onnx.Reshape(%[[Y0T]], %{{.*}}) : (tensor<5x2x1x3xf32>, tensor<3xi64>) -> tensor<5x2x3xf32>
// CHECK: %[[H1:.*]] = onnx.Slice(%arg1, {{.*}}) : {{.*}} -> tensor<1x2x3xf32>
// CHECK: %[[Y1:.*]], %[[YH1:.*]] = onnx.GRU(%[[X1]], {{.*}}, %[[H1]]) {direction = "forward", hidden_size = 3 : i64, linear_before_reset = 1 : i64}
// CHECK: %[[Y1T:.*]] = onnx.Transpose(%[[Y1]])
// CHECK: %[[OUT:.*]] = onnx.Reshape(%[[Y1T]]
// CHECK: %[[H:.*]] = onnx.Concat(%[[YH0]], %[[YH1]]) {axis = 0 : i64} : (tensor<1x2x3xf32>, tensor<1x2x3xf32>) -> tensor<2x2x3xf32>
// CHECK: return %[[OUT]], %[[H]]
func.func @rnn_gru_2layers(%x: tensor<5x2x4xf32>, %h: tensor<2x2x3xf32>,
    %w0: tensor<9x4xf32>, %r0: tensor<9x3xf32>, %w1: tensor<9x3xf32>, %r1: tensor<9x3xf32>,
    %b0: tensor<9xf32>, %c0: tensor<9xf32>, %b1: tensor<9xf32>, %c1: tensor<9xf32>) -> (tensor<5x2x3xf32>, tensor<2x2x3xf32>) {
  %0:2 = pd.rnn %x, [%h], [%w0, %r0, %w1, %r1, %b0, %c0, %b1, %c1] {mode = "GRU", hidden_size = 3 : i64, input_size = 4 : i64, num_layers = 2 : i64, is_test = true} : (tensor<5x2x4xf32>, tensor<2x2x3xf32>, tensor<9x4xf32>, tensor<9x3xf32>, tensor<9x3xf32>, tensor<9x3xf32>, tensor<9xf32>, tensor<9xf32>, tensor<9xf32>, tensor<9xf32>) -> (tensor<5x2x3xf32>, tensor<2x2x3xf32>)
  return %0#0, %0#1 : tensor<5x2x3xf32>, tensor<2x2x3xf32>
}

// -----

// SequenceLength: every layer's sequence_lens, as int32.
// CHECK-LABEL: func.func @rnn_sequence_length(
// CHECK: %[[L:.*]] = onnx.Cast(%arg6) {to = 6 : i64} : (tensor<2xi64>) -> tensor<2xi32>
// CHECK: onnx.RNN(%arg0, %{{.*}}, %{{.*}}, %{{.*}}, %[[L]], %arg1)
func.func @rnn_sequence_length(%x: tensor<5x2x4xf32>, %h: tensor<1x2x3xf32>, %w: tensor<3x4xf32>, %r: tensor<3x3xf32>, %b1: tensor<3xf32>, %b2: tensor<3xf32>, %n: tensor<2xi64>) -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>) {
  %0:2 = pd.rnn %x, [%h], [%w, %r, %b1, %b2] sequence_length(%n) {mode = "RNN_TANH", hidden_size = 3 : i64, input_size = 4 : i64, is_test = true} : (tensor<5x2x4xf32>, tensor<1x2x3xf32>, tensor<3x4xf32>, tensor<3x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<2xi64>) -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>)
  return %0#0, %0#1 : tensor<5x2x3xf32>, tensor<1x2x3xf32>
}

// -----

// A simple RNN has one gate: no reordering; its activation is named.
// CHECK-LABEL: func.func @rnn_relu(
// CHECK-NOT: onnx.Split
// CHECK: onnx.RNN({{.*}}) {activations = ["Relu"], direction = "forward", hidden_size = 3 : i64}
func.func @rnn_relu(%x: tensor<5x2x4xf32>, %h: tensor<1x2x3xf32>, %w: tensor<3x4xf32>, %r: tensor<3x3xf32>, %b1: tensor<3xf32>, %b2: tensor<3xf32>) -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>) {
  %0:2 = pd.rnn %x, [%h], [%w, %r, %b1, %b2] {mode = "RNN_RELU", hidden_size = 3 : i64, input_size = 4 : i64, is_test = true} : (tensor<5x2x4xf32>, tensor<1x2x3xf32>, tensor<3x4xf32>, tensor<3x3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<5x2x3xf32>, tensor<1x2x3xf32>)
  return %0#0, %0#1 : tensor<5x2x3xf32>, tensor<1x2x3xf32>
}
