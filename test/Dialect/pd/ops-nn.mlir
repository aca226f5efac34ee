// RUN: oar-opt %s | oar-opt | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s
//
// Round trip of the pd convolution, pooling, normalization, resize,
// recurrent and quantization ops.

// CHECK-LABEL: func.func @conv2d(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x8x32x32xf32>, %[[W:[^:]*]]: tensor<16x4x3x3xf32>, %[[DW:[^:]*]]: tensor<8x1x3x3xf32>)
func.func @conv2d(%x: tensor<1x8x32x32xf32>, %w: tensor<16x4x3x3xf32>, %dw: tensor<8x1x3x3xf32>) -> (tensor<1x16x16x16xf32>, tensor<1x8x32x32xf32>) {
  // CHECK: %[[V0:.*]] = pd.conv2d %[[X]], %[[W]] {groups = 2 : i64, paddings = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x32x32xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x16x16xf32>
  %0 = pd.conv2d %x, %w {strides = array<i64: 2, 2>, paddings = array<i64: 1, 1>, dilations = array<i64: 1, 1>, groups = 2 : i64} : (tensor<1x8x32x32xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x16x16xf32>
  // CHECK: %[[V1:.*]] = pd.depthwise_conv2d %[[X]], %[[DW]] {groups = 8 : i64, paddings = array<i64: 1, 1, 1, 1>} : (tensor<1x8x32x32xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x32x32xf32>
  %1 = pd.depthwise_conv2d %x, %dw {paddings = array<i64: 1, 1, 1, 1>, groups = 8 : i64} : (tensor<1x8x32x32xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x32x32xf32>
  return %0, %1 : tensor<1x16x16x16xf32>, tensor<1x8x32x32xf32>
}

// CHECK-LABEL: func.func @conv2d_nhwc(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x32x32x3xf32>, %[[W:[^:]*]]: tensor<8x3x3x3xf32>)
func.func @conv2d_nhwc(%x: tensor<?x32x32x3xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x32x32x8xf32> {
  // CHECK: %[[V0:.*]] = pd.conv2d %[[X]], %[[W]] {data_format = "NHWC", padding_algorithm = "SAME"} : (tensor<?x32x32x3xf32>, tensor<8x3x3x3xf32>) -> tensor<?x32x32x8xf32>
  %0 = pd.conv2d %x, %w {data_format = "NHWC", padding_algorithm = "SAME"} : (tensor<?x32x32x3xf32>, tensor<8x3x3x3xf32>) -> tensor<?x32x32x8xf32>
  return %0 : tensor<?x32x32x8xf32>
}

// CHECK-LABEL: func.func @conv3d(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x3x8x8x8xf32>, %[[W:[^:]*]]: tensor<4x3x3x3x3xf32>)
func.func @conv3d(%x: tensor<1x3x8x8x8xf32>, %w: tensor<4x3x3x3x3xf32>) -> tensor<1x4x6x6x6xf32> {
  // CHECK: %[[V0:.*]] = pd.conv3d %[[X]], %[[W]] : (tensor<1x3x8x8x8xf32>, tensor<4x3x3x3x3xf32>) -> tensor<1x4x6x6x6xf32>
  %0 = pd.conv3d %x, %w : (tensor<1x3x8x8x8xf32>, tensor<4x3x3x3x3xf32>) -> tensor<1x4x6x6x6xf32>
  return %0 : tensor<1x4x6x6x6xf32>
}

// CHECK-LABEL: func.func @conv2d_transpose(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x8x16x16xf32>, %[[W:[^:]*]]: tensor<8x4x4x4xf32>)
func.func @conv2d_transpose(%x: tensor<1x8x16x16xf32>, %w: tensor<8x4x4x4xf32>) -> tensor<1x4x32x32xf32> {
  // CHECK: %[[V0:.*]] = pd.conv2d_transpose %[[X]], %[[W]] {output_size = array<i64: 32, 32>, paddings = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<8x4x4x4xf32>) -> tensor<1x4x32x32xf32>
  %0 = pd.conv2d_transpose %x, %w {strides = array<i64: 2, 2>, paddings = array<i64: 1, 1>, output_size = array<i64: 32, 32>} : (tensor<1x8x16x16xf32>, tensor<8x4x4x4xf32>) -> tensor<1x4x32x32xf32>
  return %0 : tensor<1x4x32x32xf32>
}

// CHECK-LABEL: func.func @deformable_conv(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x4x8x8xf32>, %[[OFF:[^:]*]]: tensor<1x18x8x8xf32>, %[[W:[^:]*]]: tensor<4x4x3x3xf32>, %[[M:[^:]*]]: tensor<1x9x8x8xf32>)
func.func @deformable_conv(%x: tensor<1x4x8x8xf32>, %off: tensor<1x18x8x8xf32>, %w: tensor<4x4x3x3xf32>, %m: tensor<1x9x8x8xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: %[[V0:.*]] = pd.deformable_conv %[[X]], %[[OFF]], %[[W]], %[[M]] {im2col_step = 1 : i64, paddings = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<1x18x8x8xf32>, tensor<4x4x3x3xf32>, tensor<1x9x8x8xf32>) -> tensor<1x4x8x8xf32>
  %0 = pd.deformable_conv %x, %off, %w, %m {paddings = array<i64: 1, 1>, im2col_step = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x18x8x8xf32>, tensor<4x4x3x3xf32>, tensor<1x9x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @pool2d(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x8x32x32xf32>)
func.func @pool2d(%x: tensor<1x8x32x32xf32>) -> (tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32>, tensor<1x8x7x7xf32>) {
  // CHECK: %{{.*}} = pd.pool2d %[[X]] {ksize = array<i64: 2, 2>, pooling_type = "max", strides = array<i64: 2, 2>} : (tensor<1x8x32x32xf32>) -> tensor<1x8x16x16xf32>
  %0 = pd.pool2d %x {ksize = array<i64: 2, 2>, strides = array<i64: 2, 2>, pooling_type = "max"} : (tensor<1x8x32x32xf32>) -> tensor<1x8x16x16xf32>
  // CHECK: %[[V1:.*]] = pd.pool2d %[[X]] {global_pooling = true, ksize = array<i64: 1, 1>, pooling_type = "avg"} : (tensor<1x8x32x32xf32>) -> tensor<1x8x1x1xf32>
  %1 = pd.pool2d %x {ksize = array<i64: 1, 1>, pooling_type = "avg", global_pooling = true} : (tensor<1x8x32x32xf32>) -> tensor<1x8x1x1xf32>
  // CHECK: %[[V2:.*]] = pd.pool2d %[[X]] {adaptive = true, ceil_mode = true, exclusive = false, ksize = array<i64: 7, 7>, paddings = array<i64: 0, 0, 0, 0>, pooling_type = "avg"} : (tensor<1x8x32x32xf32>) -> tensor<1x8x7x7xf32>
  %2 = pd.pool2d %x {ksize = array<i64: 7, 7>, pooling_type = "avg", adaptive = true, exclusive = false, ceil_mode = true, paddings = array<i64: 0, 0, 0, 0>} : (tensor<1x8x32x32xf32>) -> tensor<1x8x7x7xf32>
  return %0, %1, %2 : tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32>, tensor<1x8x7x7xf32>
}

// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x8x4x4xf32>, %[[S:[^:]*]]: tensor<8xf32>, %[[B:[^:]*]]: tensor<8xf32>, %[[M:[^:]*]]: tensor<8xf32>, %[[V:[^:]*]]: tensor<8xf32>)
func.func @batch_norm(%x: tensor<2x8x4x4xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>) -> (tensor<2x8x4x4xf32>, tensor<2x8x4x4xf32>) {
  // CHECK: %[[V0:.*]] = pd.batch_norm %[[X]], %[[M]], %[[V]] scale(%[[S]]) bias(%[[B]]) {epsilon = 1.000000e-03 : f32, is_test = true} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  %0 = pd.batch_norm %x, %m, %v scale(%s) bias(%b) {is_test = true, epsilon = 1.000000e-03 : f32} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  // CHECK: %[[V1:.*]] = pd.batch_norm %[[X]], %[[M]], %[[V]] {is_test = true} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  %1 = pd.batch_norm %x, %m, %v {is_test = true} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  return %0, %1 : tensor<2x8x4x4xf32>, tensor<2x8x4x4xf32>
}

// CHECK-LABEL: func.func @batch_norm_nhwc(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x4x4x8xf32>, %[[S:[^:]*]]: tensor<8xf32>, %[[B:[^:]*]]: tensor<8xf32>, %[[M:[^:]*]]: tensor<8xf32>, %[[V:[^:]*]]: tensor<8xf32>, %[[MT:[^:]*]]: tensor<1xf32>)
func.func @batch_norm_nhwc(%x: tensor<?x4x4x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %m: tensor<8xf32>, %v: tensor<8xf32>, %mt: tensor<1xf32>) -> tensor<?x4x4x8xf32> {
  // CHECK: %[[V0:.*]] = pd.batch_norm %[[X]], %[[M]], %[[V]] scale(%[[S]]) bias(%[[B]]) momentum_tensor(%[[MT]]) {data_layout = "NHWC"} : (tensor<?x4x4x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<1xf32>) -> tensor<?x4x4x8xf32>
  %0 = pd.batch_norm %x, %m, %v scale(%s) bias(%b) momentum_tensor(%mt) {data_layout = "NHWC"} : (tensor<?x4x4x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<1xf32>) -> tensor<?x4x4x8xf32>
  return %0 : tensor<?x4x4x8xf32>
}

// CHECK-LABEL: func.func @layer_norm(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x5x16xf32>, %[[S:[^:]*]]: tensor<16xf32>, %[[B:[^:]*]]: tensor<16xf32>)
func.func @layer_norm(%x: tensor<2x5x16xf32>, %s: tensor<16xf32>, %b: tensor<16xf32>) -> (tensor<2x5x16xf32>, tensor<2x5x16xf32>) {
  // CHECK: %[[V0:.*]] = pd.layer_norm %[[X]] scale(%[[S]]) bias(%[[B]]) {begin_norm_axis = 2 : i64} : (tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  %0 = pd.layer_norm %x scale(%s) bias(%b) {begin_norm_axis = 2 : i64} : (tensor<2x5x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  // CHECK: %[[V1:.*]] = pd.layer_norm %[[X]] bias(%[[B]]) {begin_norm_axis = 2 : i64, epsilon = 9.99999997E-7 : f32} : (tensor<2x5x16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  %1 = pd.layer_norm %x bias(%b) {begin_norm_axis = 2 : i64, epsilon = 9.99999997E-7 : f32} : (tensor<2x5x16xf32>, tensor<16xf32>) -> tensor<2x5x16xf32>
  return %0, %1 : tensor<2x5x16xf32>, tensor<2x5x16xf32>
}

// CHECK-LABEL: func.func @group_norm(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x8x4x4xf32>, %[[S:[^:]*]]: tensor<8xf32>, %[[B:[^:]*]]: tensor<8xf32>)
func.func @group_norm(%x: tensor<2x8x4x4xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x8x4x4xf32> {
  // CHECK: %[[V0:.*]] = pd.group_norm %[[X]] scale(%[[S]]) bias(%[[B]]) {groups = 4 : i64} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  %0 = pd.group_norm %x scale(%s) bias(%b) {groups = 4 : i64} : (tensor<2x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  return %0 : tensor<2x8x4x4xf32>
}

// CHECK-LABEL: func.func @instance_norm(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x8x4x4xf32>, %[[S:[^:]*]]: tensor<8xf32>)
func.func @instance_norm(%x: tensor<2x8x4x4xf32>, %s: tensor<8xf32>) -> tensor<2x8x4x4xf32> {
  // CHECK: %[[V0:.*]] = pd.instance_norm %[[X]] scale(%[[S]]) : (tensor<2x8x4x4xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  %0 = pd.instance_norm %x scale(%s) : (tensor<2x8x4x4xf32>, tensor<8xf32>) -> tensor<2x8x4x4xf32>
  return %0 : tensor<2x8x4x4xf32>
}

// CHECK-LABEL: func.func @pixel_shuffle(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x16x4x4xf32>)
func.func @pixel_shuffle(%x: tensor<1x16x4x4xf32>) -> tensor<1x4x8x8xf32> {
  // CHECK: %[[V0:.*]] = pd.pixel_shuffle %[[X]] {upscale_factor = 2 : i64} : (tensor<1x16x4x4xf32>) -> tensor<1x4x8x8xf32>
  %0 = pd.pixel_shuffle %x {upscale_factor = 2 : i64} : (tensor<1x16x4x4xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @grid_sample(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[G:[^:]*]]: tensor<1x4x4x2xf32>)
func.func @grid_sample(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32> {
  // CHECK: %[[V0:.*]] = pd.grid_sample %[[X]], %[[G]] {align_corners = false, mode = "nearest", padding_mode = "border"} : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
  %0 = pd.grid_sample %x, %g {mode = "nearest", padding_mode = "border", align_corners = false} : (tensor<1x3x8x8xf32>, tensor<1x4x4x2xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// CHECK-LABEL: func.func @rnn(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<5x2x4xf32>, %[[H:[^:]*]]: tensor<1x2x8xf32>, %[[C:[^:]*]]: tensor<1x2x8xf32>, %[[WIH:[^:]*]]: tensor<32x4xf32>, %[[WHH:[^:]*]]: tensor<32x8xf32>, %[[BIH:[^:]*]]: tensor<32xf32>, %[[BHH:[^:]*]]: tensor<32xf32>)
func.func @rnn(%x: tensor<5x2x4xf32>, %h: tensor<1x2x8xf32>, %c: tensor<1x2x8xf32>, %wih: tensor<32x4xf32>, %whh: tensor<32x8xf32>, %bih: tensor<32xf32>, %bhh: tensor<32xf32>) -> (tensor<5x2x8xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>) {
  // CHECK: %{{.*}}, %{{.*}}:2 = pd.rnn %[[X]], [%[[H]], %[[C]]], [%[[WIH]], %[[WHH]], %[[BIH]], %[[BHH]]] {hidden_size = 8 : i64, input_size = 4 : i64, is_test = true, mode = "LSTM"} : (tensor<5x2x4xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>, tensor<32x4xf32>, tensor<32x8xf32>, tensor<32xf32>, tensor<32xf32>) -> (tensor<5x2x8xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>)
  %0:3 = pd.rnn %x, [%h, %c], [%wih, %whh, %bih, %bhh] {mode = "LSTM", input_size = 4 : i64, hidden_size = 8 : i64, is_test = true} : (tensor<5x2x4xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>, tensor<32x4xf32>, tensor<32x8xf32>, tensor<32xf32>, tensor<32xf32>) -> (tensor<5x2x8xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>)
  return %0#0, %0#1, %0#2 : tensor<5x2x8xf32>, tensor<1x2x8xf32>, tensor<1x2x8xf32>
}

// CHECK-LABEL: func.func @embedding(
// CHECK-SAME:      %[[IDS:[^:]*]]: tensor<2x5xi64>, %[[W:[^:]*]]: tensor<100x16xf32>)
func.func @embedding(%ids: tensor<2x5xi64>, %w: tensor<100x16xf32>) -> tensor<2x5x16xf32> {
  // CHECK: %[[V0:.*]] = pd.embedding %[[IDS]], %[[W]] {padding_idx = 0 : i64} : (tensor<2x5xi64>, tensor<100x16xf32>) -> tensor<2x5x16xf32>
  %0 = pd.embedding %ids, %w {padding_idx = 0 : i64} : (tensor<2x5xi64>, tensor<100x16xf32>) -> tensor<2x5x16xf32>
  return %0 : tensor<2x5x16xf32>
}

// CHECK-LABEL: func.func @interp(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[SZ:[^:]*]]: tensor<2xi32>, %[[H:[^:]*]]: tensor<1xi32>, %[[W:[^:]*]]: tensor<1xi32>, %[[SC:[^:]*]]: tensor<2xf32>)
func.func @interp(%x: tensor<1x3x8x8xf32>, %sz: tensor<2xi32>, %h: tensor<1xi32>, %w: tensor<1xi32>, %sc: tensor<2xf32>) -> (tensor<1x3x16x16xf32>, tensor<1x3x?x?xf32>, tensor<1x3x?x?xf32>, tensor<1x3x?x?xf32>) {
  // CHECK: %{{.*}} = pd.nearest_interp %[[X]] {align_corners = false, interp_method = "nearest", out_h = 16 : i64, out_w = 16 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  %0 = pd.nearest_interp %x {out_h = 16 : i64, out_w = 16 : i64, interp_method = "nearest", align_corners = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  // CHECK: %{{.*}} = pd.bilinear_interp %[[X]] out_size(%[[SZ]]) {align_corners = false, align_mode = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  %1 = pd.bilinear_interp %x out_size(%sz) {align_corners = false, align_mode = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  // CHECK: %[[V2:.*]] = pd.bilinear_interp %[[X]] size_tensor[%[[H]], %[[W]]] : (tensor<1x3x8x8xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<1x3x?x?xf32>
  %2 = pd.bilinear_interp %x size_tensor[%h, %w] : (tensor<1x3x8x8xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<1x3x?x?xf32>
  // CHECK: %[[V3:.*]] = pd.nearest_interp %[[X]] scale_tensor(%[[SC]]) {interp_method = "nearest", scale = array<f32: 2.000000e+00, 2.000000e+00>} : (tensor<1x3x8x8xf32>, tensor<2xf32>) -> tensor<1x3x?x?xf32>
  %3 = pd.nearest_interp %x scale_tensor(%sc) {scale = array<f32: 2.000000e+00, 2.000000e+00>, interp_method = "nearest"} : (tensor<1x3x8x8xf32>, tensor<2xf32>) -> tensor<1x3x?x?xf32>
  return %0, %1, %2, %3 : tensor<1x3x16x16xf32>, tensor<1x3x?x?xf32>, tensor<1x3x?x?xf32>, tensor<1x3x?x?xf32>
}

// CHECK-LABEL: func.func @legacy_interp(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x3x8x8xf32>, %[[SZ:[^:]*]]: tensor<2xi32>)
func.func @legacy_interp(%x: tensor<1x3x8x8xf32>, %sz: tensor<2xi32>) -> (tensor<1x3x16x16xf32>, tensor<1x3x?x?xf32>) {
  // CHECK: %[[V0:.*]] = pd.legacy_nearest_interp %[[X]] {interp_method = "nearest", scale = 2.000000e+00 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  %0 = pd.legacy_nearest_interp %x {scale = 2.000000e+00 : f32, interp_method = "nearest"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  // CHECK: %[[V1:.*]] = pd.legacy_bilinear_interp %[[X]] out_size(%[[SZ]]) : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  %1 = pd.legacy_bilinear_interp %x out_size(%sz) : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  return %0, %1 : tensor<1x3x16x16xf32>, tensor<1x3x?x?xf32>
}

// CHECK-LABEL: func.func @fake_quant(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x8xf32>, %[[S:[^:]*]]: tensor<1xf32>, %[[ACC:[^:]*]]: tensor<1xf32>, %[[ST:[^:]*]]: tensor<1xf32>)
func.func @fake_quant(%x: tensor<4x8xf32>, %s: tensor<1xf32>, %acc: tensor<1xf32>, %st: tensor<1xf32>) -> (tensor<4x8xf32>, tensor<1xf32>, tensor<4x8xf32>, tensor<4xf32>) {
  // CHECK: %{{.*}}, %{{.*}} = pd.fake_quantize_dequantize_moving_average_abs_max %[[X]], %[[S]] in_accum(%[[ACC]]) in_state(%[[ST]]) {is_test = true} : (tensor<4x8xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<4x8xf32>, tensor<1xf32>)
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s in_accum(%acc) in_state(%st) {is_test = true} : (tensor<4x8xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> (tensor<4x8xf32>, tensor<1xf32>)
  // CHECK: %{{.*}}, %{{.*}} = pd.fake_channel_wise_quantize_dequantize_abs_max %[[X]] {bit_length = 4 : i64} : (tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4xf32>)
  %1:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %x {quant_axis = 0 : i64, bit_length = 4 : i64} : (tensor<4x8xf32>) -> (tensor<4x8xf32>, tensor<4xf32>)
  return %0#0, %0#1, %1#0, %1#1 : tensor<4x8xf32>, tensor<1xf32>, tensor<4x8xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @fake_quant_test(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x8xf32>, %[[S:[^:]*]]: tensor<1xf32>)
func.func @fake_quant_test(%x: tensor<4x8xf32>, %s: tensor<1xf32>) -> tensor<4x8xf32> {
  // CHECK: %{{.*}}, %{{.*}} = pd.fake_quantize_dequantize_moving_average_abs_max %[[X]], %[[S]] {is_test = true} : (tensor<4x8xf32>, tensor<1xf32>) -> (tensor<4x8xf32>, tensor<1xf32>)
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true, moving_rate = 9.000000e-01 : f32} : (tensor<4x8xf32>, tensor<1xf32>) -> (tensor<4x8xf32>, tensor<1xf32>)
  return %0#0 : tensor<4x8xf32>
}
