// RUN: oar-opt %s | oar-opt | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s
//
// Round trip of the pd detection ops.

// CHECK-LABEL: func.func @prior_box(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x8x4x4xf32>, %[[IMG:[^:]*]]: tensor<1x3x32x32xf32>)
func.func @prior_box(%x: tensor<1x8x4x4xf32>, %img: tensor<1x3x32x32xf32>) -> (tensor<4x4x3x4xf32>, tensor<4x4x3x4xf32>) {
  // CHECK: %{{.*}}, %{{.*}} = pd.prior_box %[[X]], %[[IMG]] {aspect_ratios = array<f32: 2.000000e+00>, flip = false, max_sizes = array<f32: 1.600000e+01>, min_sizes = array<f32: 8.000000e+00>, step_h = 8.000000e+00 : f32, step_w = 8.000000e+00 : f32, variances = array<f32: 1.000000e-01, 1.000000e-01, 2.000000e-01, 2.000000e-01>} : (tensor<1x8x4x4xf32>, tensor<1x3x32x32xf32>) -> (tensor<4x4x3x4xf32>, tensor<4x4x3x4xf32>)
  %0:2 = pd.prior_box %x, %img {min_sizes = array<f32: 8.000000e+00>, max_sizes = array<f32: 1.600000e+01>, aspect_ratios = array<f32: 2.000000e+00>, variances = array<f32: 1.000000e-01, 1.000000e-01, 2.000000e-01, 2.000000e-01>, flip = false, step_w = 8.000000e+00 : f32, step_h = 8.000000e+00 : f32} : (tensor<1x8x4x4xf32>, tensor<1x3x32x32xf32>) -> (tensor<4x4x3x4xf32>, tensor<4x4x3x4xf32>)
  return %0#0, %0#1 : tensor<4x4x3x4xf32>, tensor<4x4x3x4xf32>
}

// CHECK-LABEL: func.func @yolo_box(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x255x13x13xf32>, %[[SZ:[^:]*]]: tensor<1x2xi32>)
func.func @yolo_box(%x: tensor<1x255x13x13xf32>, %sz: tensor<1x2xi32>) -> (tensor<1x507x4xf32>, tensor<1x507x80xf32>) {
  // CHECK: %{{.*}}, %{{.*}} = pd.yolo_box %[[X]], %[[SZ]] {anchors = array<i64: 116, 90, 156, 198, 373, 326>, class_num = 80 : i64, clip_bbox = false, conf_thresh = 5.000000e-03 : f32} : (tensor<1x255x13x13xf32>, tensor<1x2xi32>) -> (tensor<1x507x4xf32>, tensor<1x507x80xf32>)
  %0:2 = pd.yolo_box %x, %sz {anchors = array<i64: 116, 90, 156, 198, 373, 326>, class_num = 80 : i64, conf_thresh = 5.000000e-03 : f32, downsample_ratio = 32 : i64, clip_bbox = false} : (tensor<1x255x13x13xf32>, tensor<1x2xi32>) -> (tensor<1x507x4xf32>, tensor<1x507x80xf32>)
  return %0#0, %0#1 : tensor<1x507x4xf32>, tensor<1x507x80xf32>
}

// CHECK-LABEL: func.func @multiclass_nms3(
// CHECK-SAME:      %[[B:[^:]*]]: tensor<1x100x4xf32>, %[[S:[^:]*]]: tensor<1x80x100xf32>, %[[R:[^:]*]]: tensor<1xi32>)
func.func @multiclass_nms3(%b: tensor<1x100x4xf32>, %s: tensor<1x80x100xf32>, %r: tensor<1xi32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>, tensor<?x6xf32>) {
  // CHECK: %{{.*}}, %{{.*}}, %{{.*}} = pd.multiclass_nms3 %[[B]], %[[S]] {keep_top_k = 100 : i64, nms_threshold = 5.000000e-01 : f32, nms_top_k = 1000 : i64, score_threshold = 5.000000e-02 : f32} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>)
  %0:3 = pd.multiclass_nms3 %b, %s {score_threshold = 5.000000e-02 : f32, nms_top_k = 1000 : i64, keep_top_k = 100 : i64, nms_threshold = 5.000000e-01 : f32} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>)
  // CHECK: %{{.*}}, %{{.*}} = pd.multiclass_nms3 %[[B]], %[[S]] rois_num(%[[R]]) {background_label = -1 : i64, keep_top_k = 100 : i64, nms_top_k = 1000 : i64, score_threshold = 5.000000e-02 : f32} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>, tensor<1xi32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  %1:2 = pd.multiclass_nms3 %b, %s rois_num(%r) {score_threshold = 5.000000e-02 : f32, nms_top_k = 1000 : i64, keep_top_k = 100 : i64, background_label = -1 : i64} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>, tensor<1xi32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %0#0, %0#1, %0#2, %1#0 : tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>, tensor<?x6xf32>
}

// CHECK-LABEL: func.func @matrix_nms(
// CHECK-SAME:      %[[B:[^:]*]]: tensor<1x100x4xf32>, %[[S:[^:]*]]: tensor<1x80x100xf32>)
func.func @matrix_nms(%b: tensor<1x100x4xf32>, %s: tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>) {
  // CHECK: %{{.*}}, %{{.*}}, %{{.*}} = pd.matrix_nms %[[B]], %[[S]] {keep_top_k = 100 : i64, nms_top_k = 400 : i64, post_threshold = 2.000000e-01 : f32, score_threshold = 1.000000e-01 : f32, use_gaussian = true} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>)
  %0:3 = pd.matrix_nms %b, %s {score_threshold = 1.000000e-01 : f32, post_threshold = 2.000000e-01 : f32, nms_top_k = 400 : i64, keep_top_k = 100 : i64, use_gaussian = true} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>)
  return %0#0, %0#1, %0#2 : tensor<?x6xf32>, tensor<?x1xi32>, tensor<1xi32>
}
