// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -onnx-check-opset | FileCheck %s
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s --check-prefix=OPSET13
//
// prior_box, yolo_box and multiclass_nms3. Values were compared with
// Paddle 2.6's kernels through onnxruntime when these patterns were written
// (prior_box exactly, yolo_box within an ulp, the NMS outputs exactly).

// prior_box with static shapes: Boxes and Variances are constants. Cell
// (0, 0) of a 2x2 map over a 16x16 image (step 8, offset 0.5): the min-size
// box 8 around (4, 4), the sqrt(8*16) square, the aspect-ratio-2 box, clipped
// to [0, 1].
// CHECK-LABEL: func.func @prior_box_static
// CHECK-NOT: onnx.Shape
// CHECK: %[[B:.*]] = onnx.Constant() {value = dense<{{\[\[\[\[}}0.000000e+00, 0.000000e+00, 5.000000e-01, 5.000000e-01], [0.000000e+00, 0.0732233077, 0.603553414, 0.426776707], [0.000000e+00, 0.000000e+00, 0.603553414, 0.603553414]], {{.*}} : tensor<2x2x3x4xf32>}
// CHECK: %[[V:.*]] = onnx.Constant() {value = dense<{{\[\[\[\[}}1.000000e-01, 1.000000e-01, 2.000000e-01, 2.000000e-01], {{.*}} : tensor<2x2x3x4xf32>}
// CHECK: return %[[B]], %[[V]]
func.func @prior_box_static(%x: tensor<1x8x2x2xf32>, %img: tensor<1x3x16x16xf32>) -> (tensor<2x2x3x4xf32>, tensor<2x2x3x4xf32>) {
  %0:2 = pd.prior_box %x, %img {min_sizes = array<f32: 8.0>, max_sizes = array<f32: 16.0>, aspect_ratios = array<f32: 2.0>, variances = array<f32: 0.1, 0.1, 0.2, 0.2>, flip = false, clip = true} : (tensor<1x8x2x2xf32>, tensor<1x3x16x16xf32>) -> (tensor<2x2x3x4xf32>, tensor<2x2x3x4xf32>)
  return %0#0, %0#1 : tensor<2x2x3x4xf32>, tensor<2x2x3x4xf32>
}

// -----

// min_max_aspect_ratios_order puts the min-size square first, then the
// max-size square, then the other ratios (flip adds 1/2); not clipped.
// (Values as Paddle 2.6 computes them.)
// CHECK-LABEL: func.func @prior_box_min_max_order
// CHECK: onnx.Constant() {value = dense<{{\[\[\[\[}}0.000000e+00, 0.000000e+00, 1.000000e+00, 1.000000e+00], [-0.207106769, -0.207106769, 1.20710683, 1.20710683], [-0.207106769, 0.146446615, 1.20710683, 0.853553414], [0.146446615, -0.207106769, 0.853553414, 1.20710683]]]]> : tensor<1x1x4x4xf32>}
func.func @prior_box_min_max_order(%x: tensor<1x8x1x1xf32>, %img: tensor<1x3x8x8xf32>) -> (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) {
  %0:2 = pd.prior_box %x, %img {min_sizes = array<f32: 8.0>, max_sizes = array<f32: 16.0>, aspect_ratios = array<f32: 2.0>, variances = array<f32: 0.1, 0.1, 0.2, 0.2>, flip = true, clip = false, min_max_aspect_ratios_order = true} : (tensor<1x8x1x1xf32>, tensor<1x3x8x8xf32>) -> (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>)
  return %0#0, %0#1 : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>
}

// -----

// With dynamic sizes (SSD face detector exports): centres from Shape and
// Range, (centre -+ half) / image size, expanded to [H, W, priors, 4].
// CHECK-LABEL: func.func @prior_box_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x96x?x?xf32>, %[[IMG:.*]]: tensor<?x3x?x?xf32>
// CHECK: %[[FSHAPE:.*]] = onnx.Shape(%[[X]])
// CHECK: %[[FH:.*]] = onnx.Slice(%[[FSHAPE]],
// CHECK: %[[FW:.*]] = onnx.Slice(
// CHECK: %[[ISHAPE:.*]] = onnx.Shape(%[[IMG]])
// CHECK: %[[STEPW:.*]] = onnx.Constant() {value = dense<8.000000e+00> : tensor<1xf32>}
// CHECK: %[[NW:.*]] = onnx.Reshape(%[[FW]], %{{.*}}) : (tensor<1xi64>, tensor<0xi64>) -> tensor<i64>
// CHECK: %[[KW:.*]] = onnx.Range(%{{.*}}, %[[NW]], %{{.*}}) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
// CHECK: %[[OFF:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<f32>}
// CHECK: onnx.Add(%{{.*}}, %[[OFF]])
// CHECK: onnx.Mul(%{{.*}}, %[[STEPW]])
// CHECK: onnx.Range
// CHECK: %[[HW:.*]] = onnx.Constant() {value = dense<{{\[\[\[}}8.000000e+00, 1.200000e+01]]]> : tensor<1x1x2xf32>}
// CHECK: %[[GRID:.*]] = onnx.Concat(%[[FH]], %[[FW]], %{{.*}}) {axis = 0 : i64}
// CHECK: onnx.Sub(%{{.*}}, %[[HW]])
// CHECK: onnx.Expand(%{{.*}}, %[[GRID]]) {{.*}} -> tensor<?x?x2xf32>
// CHECK: %[[BOXES:.*]] = onnx.Concat({{.*}}) {axis = 3 : i64} {{.*}} -> tensor<?x?x2x4xf32>
// CHECK: %[[VSHAPE:.*]] = onnx.Concat(%[[GRID]], %{{.*}})
// CHECK: %[[VARS:.*]] = onnx.Expand(%{{.*}}, %[[VSHAPE]]) {{.*}} -> tensor<?x?x2x4xf32>
// CHECK: return %[[BOXES]], %[[VARS]]
func.func @prior_box_dynamic(%x: tensor<?x96x?x?xf32>, %img: tensor<?x3x?x?xf32>) -> (tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>) {
  %0:2 = pd.prior_box %x, %img {min_sizes = array<f32: 16.0, 24.0>, aspect_ratios = array<f32: 1.0>, variances = array<f32: 0.1, 0.1, 0.2, 0.2>, flip = false, clip = false, step_h = 8.0 : f32, step_w = 8.0 : f32} : (tensor<?x96x?x?xf32>, tensor<?x3x?x?xf32>) -> (tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>)
  return %0#0, %0#1 : tensor<?x?x2x4xf32>, tensor<?x?x2x4xf32>
}

// -----

// yolo_box on the 5-D view [N, A, 5+C, H, W]: centres from Sigmoid and the
// grid, sizes from Exp and the anchors, masked where conf < conf_thresh.
// CHECK-LABEL: func.func @yolo_box
// CHECK-SAME: %[[X:.*]]: tensor<?x14x2x2xf32>, %[[SZ:.*]]: tensor<?x2xi32>
// CHECK: %[[X5:.*]] = onnx.Reshape(%[[X]], %{{.*}}) : (tensor<?x14x2x2xf32>, tensor<5xi64>) -> tensor<?x2x7x2x2xf32>
// CHECK: %[[OBJ:.*]] = onnx.Slice(%[[X5]],
// CHECK: %[[CONF:.*]] = onnx.Sigmoid(%[[OBJ]])
// CHECK: %[[IMG:.*]] = onnx.Cast(%[[SZ]]) {to = 1 : i64}
// CHECK: %[[GX:.*]] = onnx.Constant() {value = dense<{{\[\[\[\[\[}}0.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00]]]]]> : tensor<1x1x1x2x2xf32>}
// CHECK: onnx.Add(%[[GX]],
// CHECK: %[[BIAS:.*]] = onnx.Constant() {value = dense<-0.0249999762> : tensor<f32>}
// CHECK: onnx.Exp
// CHECK: %[[AW:.*]] = onnx.Constant() {value = dense<{{\[\[\[\[\[}}1.000000e+01]]], {{\[\[\[}}1.600000e+01]]]]]> : tensor<1x2x1x1x1xf32>}
// CHECK: onnx.Max
// CHECK: onnx.Min
// CHECK: %[[THRESH:.*]] = onnx.Constant() {value = dense<3.000000e-01> : tensor<f32>}
// CHECK: %[[BELOW:.*]] = onnx.Less(%[[CONF]], %[[THRESH]])
// CHECK: %[[KEEP:.*]] = onnx.Not(%[[BELOW]])
// CHECK: %[[CORNERS:.*]] = onnx.Concat({{.*}}) {axis = 2 : i64} {{.*}} -> tensor<?x2x4x2x2xf32>
// CHECK: %[[MB:.*]] = onnx.Where(%[[KEEP]], %[[CORNERS]], %{{.*}})
// CHECK: %[[TB:.*]] = onnx.Transpose(%[[MB]]) {perm = array<i64: 0, 1, 3, 4, 2>}
// CHECK: %[[BOXES:.*]] = onnx.Reshape(%[[TB]], %{{.*}}) {{.*}} -> tensor<?x8x4xf32>
// CHECK: %[[CLS:.*]] = onnx.Sigmoid
// CHECK: %[[SC:.*]] = onnx.Mul(%[[CONF]], %[[CLS]])
// CHECK: %[[MS:.*]] = onnx.Where(%[[KEEP]], %[[SC]], %{{.*}})
// CHECK: %[[TS:.*]] = onnx.Transpose(%[[MS]])
// CHECK: %[[SCORES:.*]] = onnx.Reshape(%[[TS]], %{{.*}}) {{.*}} -> tensor<?x8x2xf32>
// CHECK: return %[[BOXES]], %[[SCORES]]
func.func @yolo_box(%x: tensor<?x14x2x2xf32>, %sz: tensor<?x2xi32>) -> (tensor<?x8x4xf32>, tensor<?x8x2xf32>) {
  %0:2 = pd.yolo_box %x, %sz {anchors = array<i64: 10, 13, 16, 30>, class_num = 2 : i64, conf_thresh = 0.3 : f32, downsample_ratio = 8 : i64, scale_x_y = 1.05 : f32} : (tensor<?x14x2x2xf32>, tensor<?x2xi32>) -> (tensor<?x8x4xf32>, tensor<?x8x2xf32>)
  return %0#0, %0#1 : tensor<?x8x4xf32>, tensor<?x8x2xf32>
}

// -----

// iou_aware: the first A channels are IoU logits;
// conf = sigmoid(obj)^(1-f) * sigmoid(iou)^f.
// CHECK-LABEL: func.func @yolo_box_iou_aware
// CHECK: %[[IOU:.*]] = onnx.Slice({{.*}} -> tensor<?x2x2x3xf32>
// CHECK: %[[IOU5:.*]] = onnx.Reshape(%[[IOU]],
// CHECK: %[[PRED:.*]] = onnx.Slice({{.*}} -> tensor<?x14x2x3xf32>
// CHECK: %[[IOUS:.*]] = onnx.Sigmoid(%[[IOU5]])
// CHECK-DAG: %[[E1:.*]] = onnx.Constant() {value = dense<6.000000e-01> : tensor<f32>}
// CHECK-DAG: %[[E2:.*]] = onnx.Constant() {value = dense<4.000000e-01> : tensor<f32>}
// CHECK-DAG: %[[P1:.*]] = onnx.Pow(%{{.*}}, %[[E1]])
// CHECK-DAG: %[[P2:.*]] = onnx.Pow(%[[IOUS]], %[[E2]])
// CHECK: onnx.Mul(%[[P1]], %[[P2]])
// CHECK-NOT: onnx.Max
// CHECK: return
func.func @yolo_box_iou_aware(%x: tensor<?x16x2x3xf32>, %sz: tensor<?x2xi32>) -> (tensor<?x12x4xf32>, tensor<?x12x2xf32>) {
  %0:2 = pd.yolo_box %x, %sz {anchors = array<i64: 10, 13, 16, 30>, class_num = 2 : i64, conf_thresh = 0.3 : f32, downsample_ratio = 16 : i64, clip_bbox = false, iou_aware = true, iou_aware_factor = 0.4 : f32} : (tensor<?x16x2x3xf32>, tensor<?x2xi32>) -> (tensor<?x12x4xf32>, tensor<?x12x2xf32>)
  return %0#0, %0#1 : tensor<?x12x4xf32>, tensor<?x12x2xf32>
}

// -----

// multiclass_nms3 as PP-YOLOE exports it: one image, 8400 boxes, 15 classes.
// CHECK-LABEL: func.func @multiclass_nms3_ppyoloe
// CHECK-SAME: %[[B:.*]]: tensor<?x8400x4xf32>, %[[S:.*]]: tensor<?x15x8400xf32>
// CHECK: %[[B1:.*]] = onnx.Squeeze(%[[B]], %{{.*}}) {axes = array<i64: 0>}
// CHECK: %[[BOXES:.*]] = onnx.Unsqueeze(%[[B1]], %{{.*}}) {axes = array<i64: 0>} : (tensor<8400x4xf32>, none) -> tensor<1x8400x4xf32>
// CHECK: %[[S1:.*]] = onnx.Squeeze(%[[S]],
// CHECK: %[[SCORES:.*]] = onnx.Unsqueeze(%[[S1]],
// CHECK: %[[LOWEST:.*]] = onnx.Constant() {value = dense<-3.40282347E+38> : tensor<f32>}
// CHECK: %[[K:.*]] = onnx.Constant() {value = dense<1000> : tensor<1xi64>}
// CHECK: %[[TV:.*]], %[[TI:.*]] = onnx.TopK(%[[SCORES]], %[[K]]) {axis = 2 : i64, largest = 1 : i64, sorted = 1 : i64}
// CHECK: %[[FLOOR:.*]] = onnx.Expand(%[[LOWEST]],
// CHECK: %[[CAND:.*]] = onnx.ScatterElements(%[[FLOOR]], %[[TI]], %[[TV]]) {axis = 2 : i64}
// CHECK: %[[MAXPC:.*]] = onnx.Constant() {value = dense<1000> : tensor<1xi64>}
// CHECK: %[[IOU:.*]] = onnx.Constant() {value = dense<0.699999988> : tensor<1xf32>}
// CHECK: %[[ST:.*]] = onnx.Constant() {value = dense<0.00999999977> : tensor<1xf32>}
// CHECK: %[[SEL:.*]] = onnx.NonMaxSuppression(%[[BOXES]], %[[CAND]], %[[MAXPC]], %[[IOU]], %[[ST]]) {center_point_box = 0 : i64}
// CHECK: %[[SELS:.*]] = onnx.GatherND(%[[CAND]], %[[SEL]])
// CHECK: %[[KEEP:.*]] = onnx.Constant() {value = dense<300> : tensor<1xi64>}
// CHECK: %{{.*}}, %[[BEST:.*]] = onnx.TopK(%[[SELS]], %{{.*}}) {axis = 0 : i64, largest = 1 : i64, sorted = 1 : i64}
// CHECK: %[[ORDER:.*]], %{{.*}} = onnx.TopK(%[[BEST]], %{{.*}}) {axis = 0 : i64, largest = 0 : i64, sorted = 1 : i64}
// CHECK: %[[KSEL:.*]] = onnx.Gather(%[[SEL]], %[[ORDER]]) {axis = 0 : i64}
// CHECK: %[[KSC:.*]] = onnx.Gather(%[[SELS]], %[[ORDER]]) {axis = 0 : i64}
// CHECK: %[[BOXB:.*]] = onnx.GatherND(%[[BOXES]], %{{.*}}) : (tensor<1x8400x4xf32>, tensor<?x2xi64>) -> tensor<?x4xf32>
// CHECK: %[[LABEL:.*]] = onnx.Cast(%{{.*}}) {to = 1 : i64}
// CHECK: %[[SCORE:.*]] = onnx.Unsqueeze(%[[KSC]],
// CHECK: %[[OUT:.*]] = onnx.Concat(%[[LABEL]], %[[SCORE]], %[[BOXB]]) {axis = 1 : i64} {{.*}} -> tensor<?x6xf32>
// CHECK: %[[INDEX:.*]] = onnx.Cast(%{{.*}}) {to = 6 : i64} : (tensor<?x1xi64>) -> tensor<?x1xi32>
// CHECK: %[[N:.*]] = onnx.Shape(%[[KSC]]) : (tensor<?xf32>) -> tensor<?xi64>
// CHECK: %[[NUM:.*]] = onnx.Cast(%[[N]]) {to = 6 : i64}
// CHECK: return %[[OUT]], %[[INDEX]], %[[NUM]]
func.func @multiclass_nms3_ppyoloe(%b: tensor<?x8400x4xf32>, %s: tensor<?x15x8400xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>) {
  %out, %index, %nms_rois_num = pd.multiclass_nms3 %b, %s {background_label = -1 : i64, keep_top_k = 300 : i64, nms_threshold = 0.699999988 : f32, nms_top_k = 1000 : i64, score_threshold = 0.00999999977 : f32} : (tensor<?x8400x4xf32>, tensor<?x15x8400xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>)
  return %out, %index, %nms_rois_num : tensor<?x6xf32>, tensor<?x1xi32>, tensor<?xi32>
}

// -----

// The background class's scores are replaced by the lowest float; with a
// dynamic box count, nms_top_k is capped by it (Where + Less: Min takes
// integers only from opset 12); no keep_top_k, no TopK after NMS.
// CHECK-LABEL: func.func @multiclass_nms3_background
// CHECK: %[[M:.*]] = onnx.Slice({{.*}} -> tensor<1xi64>
// CHECK: %[[LESS:.*]] = onnx.Less(%{{.*}}, %[[M]])
// CHECK: %[[K:.*]] = onnx.Where(%[[LESS]],
// CHECK: onnx.TopK(%{{.*}}, %[[K]])
// CHECK: %[[MASK:.*]] = onnx.Constant() {value = dense<[{{\[}}[false], [true]]]> : tensor<1x2x1xi1>}
// CHECK: %[[FG:.*]] = onnx.Where(%[[MASK]], %{{.*}}, %{{.*}})
// CHECK: onnx.NonMaxSuppression(%{{.*}}, %[[FG]],
// CHECK-NOT: onnx.TopK
// CHECK: return
func.func @multiclass_nms3_background(%b: tensor<1x?x4xf32>, %s: tensor<1x2x?xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s {background_label = 1 : i64, keep_top_k = -1 : i64, nms_top_k = 5000 : i64, score_threshold = 0.01 : f32} : (tensor<1x?x4xf32>, tensor<1x2x?xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// Squeeze and Unsqueeze take their axes as an input from opset 13.
// OPSET13-LABEL: func.func @multiclass_nms3_opset13
// OPSET13: %[[AXES:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// OPSET13: onnx.Squeeze(%{{.*}}, %[[AXES]]) : (tensor<?x10x4xf32>, tensor<1xi64>) -> tensor<10x4xf32>
func.func @multiclass_nms3_opset13(%b: tensor<?x10x4xf32>, %s: tensor<?x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>) {
  %out, %index = pd.multiclass_nms3 %b, %s {keep_top_k = 100 : i64, nms_top_k = 100 : i64, score_threshold = 0.01 : f32} : (tensor<?x10x4xf32>, tensor<?x3x10xf32>) -> (tensor<?x6xf32>, tensor<?x1xi32>)
  return %out, %index : tensor<?x6xf32>, tensor<?x1xi32>
}

// -----

// matrix_nms as PP-YOLO (Paddle 1.8) exports it: candidates above the
// threshold per class (TopK by the largest count), IoU matrices with the +1
// of unnormalized boxes, gaussian decay over better candidates (j < i),
// then the best keep_top_k by decayed score.
// CHECK-LABEL: func.func @matrix_nms_ppyolo
// CHECK-SAME: %[[B:.*]]: tensor<1x22743x4xf32>, %[[S:.*]]: tensor<1x1x22743xf32>
// CHECK: %[[SC:.*]] = onnx.Squeeze(%[[S]],
// CHECK: %[[ABOVE:.*]] = onnx.Greater(%[[SC]], %{{.*}})
// CHECK: %[[COUNT:.*]] = onnx.ReduceSum({{.*}}) {axes = array<i64: 1>, keepdims = 0 : i64}
// CHECK: %[[K:.*]] = onnx.ReduceMax(%[[COUNT]], %{{.*}}) {keepdims = 1 : i64}
// CHECK: %[[VALS:.*]], %[[IDX:.*]] = onnx.TopK(%{{.*}}, %[[K]]) {axis = 1 : i64, largest = 1 : i64, sorted = 1 : i64}
// CHECK: %[[RANK:.*]] = onnx.Range
// CHECK: onnx.Gather(%{{.*}}, %[[IDX]]) {axis = 0 : i64} : (tensor<22743x4xf32>, tensor<1x?xi64>) -> tensor<1x?x4xf32>
// CHECK: %[[NORM:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<f32>}
// CHECK: %[[IOU:.*]] = onnx.Div
// CHECK: %[[EARLIER:.*]] = onnx.Less({{.*}}) : (tensor<1x1x?xi64>, tensor<1x?x1xi64>) -> tensor<1x?x?xi1>
// CHECK: onnx.ReduceMax({{.*}}) {axes = array<i64: 2>, keepdims = 0 : i64}
// CHECK: %[[SIGMA:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
// CHECK: onnx.Exp
// CHECK: %[[MIN:.*]] = onnx.ReduceMin({{.*}}) {axes = array<i64: 2>, keepdims = 0 : i64}
// CHECK: %[[DECAYED:.*]] = onnx.Mul(%[[MIN]], %[[VALS]])
// CHECK: %[[KEEPK:.*]] = onnx.Constant() {value = dense<100> : tensor<1xi64>}
// CHECK: %{{.*}}, %[[BEST:.*]] = onnx.TopK
// CHECK: %[[LABEL:.*]] = onnx.Div(%[[BEST]], %[[K]])
// CHECK: %[[OUT:.*]] = onnx.Concat({{.*}}) {axis = 1 : i64} {{.*}} -> tensor<22743x6xf32>
// CHECK: %[[INDEX:.*]] = onnx.Unsqueeze({{.*}} -> tensor<22743x1xi64>
// CHECK: return %[[OUT]], %[[INDEX]]
func.func @matrix_nms_ppyolo(%b: tensor<1x22743x4xf32>, %s: tensor<1x1x22743xf32>) -> (tensor<22743x6xf32>, tensor<22743x1xi64>) {
  %out, %index = pd.matrix_nms %b, %s {background_label = -1 : i64, keep_top_k = 100 : i64, nms_top_k = -1 : i64, normalized = false, post_threshold = 0.00999999977 : f32, score_threshold = 0.00999999977 : f32, use_gaussian = true} : (tensor<1x22743x4xf32>, tensor<1x1x22743xf32>) -> (tensor<22743x6xf32>, tensor<22743x1xi64>)
  return %out, %index : tensor<22743x6xf32>, tensor<22743x1xi64>
}
