// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 2>&1 | FileCheck %s
// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=10 2>&1 | FileCheck %s --check-prefix=OPSET10
//
// Detection ops and settings without an ONNX lowering.

// OPSET10: error: cannot convert 'pd.prior_box' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)
func.func @prior_box_dynamic_opset10(%x: tensor<?x96x?x?xf32>, %img: tensor<?x3x?x?xf32>) -> (tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>) {
  %0:2 = pd.prior_box %x, %img {min_sizes = array<f32: 16.0, 24.0>, aspect_ratios = array<f32: 1.0>, variances = array<f32: 0.1, 0.1, 0.2, 0.2>, flip = false, clip = false, step_h = 8.0 : f32, step_w = 8.0 : f32} : (tensor<?x96x?x?xf32>, tensor<?x3x?x?xf32>) -> (tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>)
  return %0#0, %0#1 : tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>
}

// -----

// CHECK: error: cannot convert 'pd.prior_box' to ONNX at opset 11: variances must hold 4 values
func.func @prior_box_variances(%x: tensor<1x8x2x2xf32>, %img: tensor<1x3x16x16xf32>) -> (tensor<2x2x1x4xf32>, tensor<2x2x1x4xf32>) {
  %0:2 = pd.prior_box %x, %img {min_sizes = array<f32: 8.0>, variances = array<f32: 0.1, 0.2>} : (tensor<1x8x2x2xf32>, tensor<1x3x16x16xf32>) -> (tensor<2x2x1x4xf32>, tensor<2x2x1x4xf32>)
  return %0#0, %0#1 : tensor<2x2x1x4xf32>, tensor<2x2x1x4xf32>
}

// -----

// CHECK: error: cannot convert 'pd.yolo_box' to ONNX at opset 11: X must be a 4-D f32 tensor with static channels, height and width
func.func @yolo_box_dynamic(%x: tensor<?x14x?x?xf32>, %sz: tensor<?x2xi32>) -> (tensor<?x?x4xf32>, tensor<?x?x2xf32>) {
  %0:2 = pd.yolo_box %x, %sz {anchors = array<i64: 10, 13, 16, 30>, class_num = 2 : i64} : (tensor<?x14x?x?xf32>, tensor<?x2xi32>) -> (tensor<?x?x4xf32>, tensor<?x?x2xf32>)
  return %0#0, %0#1 : tensor<?x?x4xf32>, tensor<?x?x2xf32>
}

// -----

// CHECK: error: cannot convert 'pd.yolo_box' to ONNX at opset 11: X's channels do not match anchors and class_num
func.func @yolo_box_channels(%x: tensor<1x15x2x2xf32>, %sz: tensor<1x2xi32>) -> (tensor<1x8x4xf32>, tensor<1x8x2xf32>) {
  %0:2 = pd.yolo_box %x, %sz {anchors = array<i64: 10, 13, 16, 30>, class_num = 2 : i64} : (tensor<1x15x2x2xf32>, tensor<1x2xi32>) -> (tensor<1x8x4xf32>, tensor<1x8x2xf32>)
  return %0#0, %0#1 : tensor<1x8x4xf32>, tensor<1x8x2xf32>
}

// -----

// CHECK: error: cannot convert 'pd.multiclass_nms3' to ONNX at opset 11: only a batch of one image is supported
// OPSET10: error: cannot convert 'pd.multiclass_nms3' to ONNX at opset 10: only a batch of one image is supported
func.func @multiclass_nms3_batch2(%b: tensor<2x10x4xf32>, %s: tensor<2x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s {keep_top_k = 100 : i64, nms_top_k = 100 : i64, score_threshold = 0.01 : f32} : (tensor<2x10x4xf32>, tensor<2x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// CHECK: error: cannot convert 'pd.multiclass_nms3' to ONNX at opset 11: normalized=false (box sizes + 1) is not supported
func.func @multiclass_nms3_pixels(%b: tensor<1x10x4xf32>, %s: tensor<1x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s {keep_top_k = 100 : i64, nms_top_k = 100 : i64, score_threshold = 0.01 : f32, normalized = false} : (tensor<1x10x4xf32>, tensor<1x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// CHECK: error: cannot convert 'pd.multiclass_nms3' to ONNX at opset 11: nms_eta < 1 (adaptive threshold) is not supported
func.func @multiclass_nms3_eta(%b: tensor<1x10x4xf32>, %s: tensor<1x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s {keep_top_k = 100 : i64, nms_top_k = 100 : i64, score_threshold = 0.01 : f32, nms_eta = 0.9 : f32} : (tensor<1x10x4xf32>, tensor<1x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// CHECK: error: cannot convert 'pd.multiclass_nms3' to ONNX at opset 11: RoisNum (boxes per image in a LoD batch) is not supported
func.func @multiclass_nms3_rois_num(%b: tensor<10x3x4xf32>, %s: tensor<10x3xf32>, %r: tensor<1xi32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s rois_num(%r) {keep_top_k = 100 : i64, nms_top_k = 100 : i64, score_threshold = 0.01 : f32} : (tensor<10x3x4xf32>, tensor<10x3xf32>, tensor<1xi32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// OPSET10: error: cannot convert 'pd.multiclass_nms3' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)
func.func @multiclass_nms3_opset10(%b: tensor<1x10x4xf32>, %s: tensor<1x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s {keep_top_k = 100 : i64, nms_top_k = 100 : i64, score_threshold = 0.01 : f32} : (tensor<1x10x4xf32>, tensor<1x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// CHECK: error: cannot convert 'pd.matrix_nms' to ONNX at opset 11: only a batch of one image is supported
func.func @matrix_nms_batch2(%b: tensor<2x100x4xf32>, %s: tensor<2x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %0:2 = pd.matrix_nms %b, %s {score_threshold = 1.000000e-01 : f32, post_threshold = 2.000000e-01 : f32, nms_top_k = 400 : i64, keep_top_k = 100 : i64} : (tensor<2x100x4xf32>, tensor<2x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %0#0, %0#1 : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// OPSET10: error: cannot convert 'pd.matrix_nms' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)
func.func @matrix_nms_opset10(%b: tensor<1x100x4xf32>, %s: tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %0:2 = pd.matrix_nms %b, %s {score_threshold = 1.000000e-01 : f32, post_threshold = 2.000000e-01 : f32, nms_top_k = 400 : i64, keep_top_k = 100 : i64} : (tensor<1x100x4xf32>, tensor<1x80x100xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %0#0, %0#1 : tensor<?x6xf32>, tensor<?x1xi32>
}
