// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,OPSET11
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,OPSET13
//
// Interpolation to Resize. Paddle's coordinate rules (align_corners,
// align_mode, ratio = 1/scale or in/out) map to ONNX's
// coordinate_transformation_mode; Resize-11 takes roi and scales as empty
// tensors where Resize-13 takes no value.

// CHECK-LABEL: func.func @nearest_interp_out_hw
// CHECK-SAME: %[[X:.*]]: tensor<?x3x8x8xf32>
// CHECK: %[[SHAPE:.*]] = onnx.Shape(%[[X]])
// CHECK: %[[NC:.*]] = onnx.Slice(%[[SHAPE]],
// CHECK: %[[HW:.*]] = onnx.Constant() {value = dense<16> : tensor<2xi64>}
// CHECK: %[[SIZES:.*]] = onnx.Concat(%[[NC]], %[[HW]]) {axis = 0 : i64}
// OPSET11: %[[ROI:.*]] = onnx.Constant() {value = dense<> : tensor<0xf32>}
// OPSET11: %[[SCALES:.*]] = onnx.Constant() {value = dense<> : tensor<0xf32>}
// OPSET13: %[[ROI:.*]] = onnx.NoValue
// OPSET13: %[[SCALES:.*]] = onnx.NoValue
// CHECK: onnx.Resize(%[[X]], %[[ROI]], %[[SCALES]], %[[SIZES]]) {coordinate_transformation_mode = "asymmetric", mode = "nearest", nearest_mode = "floor"} : {{.*}} -> tensor<?x3x16x16xf32>
func.func @nearest_interp_out_hw(%x: tensor<?x3x8x8xf32>) -> tensor<?x3x16x16xf32> {
  %0 = pd.nearest_interp %x {out_h = 16 : i64, out_w = 16 : i64, interp_method = "nearest", align_corners = false} : (tensor<?x3x8x8xf32>) -> tensor<?x3x16x16xf32>
  return %0 : tensor<?x3x16x16xf32>
}

// -----

// A v2 scale goes to `scales` (Paddle maps coordinates by 1/scale); static
// N and C need no Shape.
// CHECK-LABEL: func.func @nearest_interp_scale_attr
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>
// CHECK-NOT: onnx.Shape
// CHECK: %[[SCALES:.*]] = onnx.Constant() {value = dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<4xf32>}
// OPSET13: %[[NONE:.*]] = onnx.NoValue
// OPSET11: onnx.Resize(%[[X]], %{{.*}}, %[[SCALES]], %{{.*}}) {coordinate_transformation_mode = "asymmetric", mode = "nearest", nearest_mode = "floor"} : (tensor<1x3x8x8xf32>, tensor<0xf32>, tensor<4xf32>, none) -> tensor<1x3x16x24xf32>
// OPSET13: onnx.Resize(%[[X]], %{{.*}}, %[[SCALES]], %{{.*}}) {coordinate_transformation_mode = "asymmetric", mode = "nearest", nearest_mode = "floor"} : (tensor<1x3x8x8xf32>, none, tensor<4xf32>, none) -> tensor<1x3x16x24xf32>
func.func @nearest_interp_scale_attr(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x24xf32> {
  %0 = pd.nearest_interp %x {scale = array<f32: 2.0, 3.0>, out_h = -1 : i64, out_w = -1 : i64, interp_method = "nearest", align_corners = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x24xf32>
  return %0 : tensor<1x3x16x24xf32>
}

// -----

// nearest with align_corners: int(k * (in-1)/(out-1) + 0.5).
// CHECK-LABEL: func.func @nearest_interp_align_corners
// CHECK: onnx.Resize({{.*}}) {coordinate_transformation_mode = "align_corners", mode = "nearest", nearest_mode = "round_prefer_ceil"}
func.func @nearest_interp_align_corners(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x15x15xf32> {
  %0 = pd.nearest_interp %x {out_h = 15 : i64, out_w = 15 : i64, interp_method = "nearest", align_corners = true} : (tensor<1x3x8x8xf32>) -> tensor<1x3x15x15xf32>
  return %0 : tensor<1x3x15x15xf32>
}

// -----

// OutSize (int32 [2]) gives H and W.
// CHECK-LABEL: func.func @bilinear_interp_out_size_half_pixel
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>, %[[SZ:.*]]: tensor<2xi32>
// CHECK: %[[HW:.*]] = onnx.Cast(%[[SZ]]) {to = 7 : i64}
// CHECK: %[[NC:.*]] = onnx.Constant() {value = dense<[1, 3]> : tensor<2xi64>}
// CHECK: %[[SIZES:.*]] = onnx.Concat(%[[NC]], %[[HW]])
// CHECK: onnx.Resize(%[[X]], %{{.*}}, %{{.*}}, %[[SIZES]]) {coordinate_transformation_mode = "pytorch_half_pixel", mode = "linear"}
func.func @bilinear_interp_out_size_half_pixel(%x: tensor<1x3x8x8xf32>, %sz: tensor<2xi32>) -> tensor<1x3x?x?xf32> {
  %0 = pd.bilinear_interp %x out_size(%sz) {align_corners = false, align_mode = 0 : i64, interp_method = "bilinear"} : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// SizeTensor: one 1-element tensor per dim; align_mode 1 is asymmetric.
// CHECK-LABEL: func.func @bilinear_interp_size_tensor_asymmetric
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>, %[[H:.*]]: tensor<1xi32>, %[[W:.*]]: tensor<1xi64>
// CHECK: %[[H64:.*]] = onnx.Cast(%[[H]]) {to = 7 : i64}
// CHECK: %[[HW:.*]] = onnx.Concat(%[[H64]], %[[W]])
// CHECK: %[[SIZES:.*]] = onnx.Concat(%{{.*}}, %[[HW]])
// CHECK: onnx.Resize(%[[X]], %{{.*}}, %{{.*}}, %[[SIZES]]) {coordinate_transformation_mode = "asymmetric", mode = "linear"}
func.func @bilinear_interp_size_tensor_asymmetric(%x: tensor<1x3x8x8xf32>, %h: tensor<1xi32>, %w: tensor<1xi64>) -> tensor<1x3x?x?xf32> {
  %0 = pd.bilinear_interp %x size_tensor[%h, %w] {align_corners = false, align_mode = 1 : i64, interp_method = "bilinear"} : (tensor<1x3x8x8xf32>, tensor<1xi32>, tensor<1xi64>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// A Scale tensor of one or two values: broadcast to (h, w).
// CHECK-LABEL: func.func @bilinear_interp_scale_tensor_align_corners
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>, %[[S:.*]]: tensor<1xf32>
// CHECK: %[[S1:.*]] = onnx.Reshape(%[[S]], %{{.*}}) : (tensor<1xf32>, tensor<1xi64>) -> tensor<?xf32>
// CHECK: %[[S2:.*]] = onnx.Expand(%[[S1]], %{{.*}}) : (tensor<?xf32>, tensor<1xi64>) -> tensor<2xf32>
// CHECK: %[[ONES:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<2xf32>}
// CHECK: %[[SCALES:.*]] = onnx.Concat(%[[ONES]], %[[S2]])
// CHECK: onnx.Resize(%[[X]], %{{.*}}, %[[SCALES]], %{{.*}}) {coordinate_transformation_mode = "align_corners", mode = "linear"}
func.func @bilinear_interp_scale_tensor_align_corners(%x: tensor<1x3x8x8xf32>, %s: tensor<1xf32>) -> tensor<1x3x?x?xf32> {
  %0 = pd.bilinear_interp %x scale_tensor(%s) {interp_method = "bilinear"} : (tensor<1x3x8x8xf32>, tensor<1xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// NHWC: resized in NCHW between two transposes.
// CHECK-LABEL: func.func @bilinear_interp_nhwc
// CHECK-SAME: %[[X:.*]]: tensor<1x8x8x3xf32>
// CHECK: %[[T:.*]] = onnx.Transpose(%[[X]]) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x8x8x3xf32>) -> tensor<1x3x8x8xf32>
// CHECK: %[[R:.*]] = onnx.Resize(%[[T]], {{.*}} -> tensor<1x3x16x16xf32>
// CHECK: %[[Y:.*]] = onnx.Transpose(%[[R]]) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x16x16xf32>) -> tensor<1x16x16x3xf32>
// CHECK: return %[[Y]]
func.func @bilinear_interp_nhwc(%x: tensor<1x8x8x3xf32>) -> tensor<1x16x16x3xf32> {
  %0 = pd.bilinear_interp %x {data_layout = "NHWC", out_h = 16 : i64, out_w = 16 : i64, interp_method = "bilinear", align_corners = false, align_mode = 0 : i64} : (tensor<1x8x8x3xf32>) -> tensor<1x16x16x3xf32>
  return %0 : tensor<1x16x16x3xf32>
}

// -----

// The 1.x ops size by int(in * scale) and map coordinates by in/out, so a
// scale becomes sizes: int(5 * 1.5) = 7.
// CHECK-LABEL: func.func @legacy_nearest_interp_scale
// CHECK: %[[HW:.*]] = onnx.Constant() {value = dense<[7, 10]> : tensor<2xi64>}
// CHECK: %[[SIZES:.*]] = onnx.Concat(%{{.*}}, %[[HW]])
// CHECK: onnx.Resize(%{{.*}}, %{{.*}}, %{{.*}}, %[[SIZES]]) {coordinate_transformation_mode = "asymmetric", mode = "nearest", nearest_mode = "floor"}
func.func @legacy_nearest_interp_scale(%x: tensor<1x3x5x7xf32>) -> tensor<1x3x7x10xf32> {
  %0 = pd.legacy_nearest_interp %x {scale = 1.5 : f32, interp_method = "nearest", align_corners = false} : (tensor<1x3x5x7xf32>) -> tensor<1x3x7x10xf32>
  return %0 : tensor<1x3x7x10xf32>
}

// -----

// ... and on a dynamic input: Floor(float(in) * scale).
// CHECK-LABEL: func.func @legacy_bilinear_interp_scale_dynamic
// CHECK-SAME: %[[X:.*]]: tensor<?x3x?x?xf32>
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<2xf32>}
// CHECK: %[[IN:.*]] = onnx.Cast(%{{.*}}) {to = 1 : i64} : (tensor<2xi64>) -> tensor<2xf32>
// CHECK: %[[MUL:.*]] = onnx.Mul(%[[IN]], %[[S]])
// CHECK: %[[FL:.*]] = onnx.Floor(%[[MUL]])
// CHECK: %[[HW:.*]] = onnx.Cast(%[[FL]]) {to = 7 : i64}
// CHECK: %[[SIZES:.*]] = onnx.Concat(%{{.*}}, %[[HW]])
// CHECK: onnx.Resize(%[[X]], %{{.*}}, %{{.*}}, %[[SIZES]]) {coordinate_transformation_mode = "pytorch_half_pixel", mode = "linear"}
func.func @legacy_bilinear_interp_scale_dynamic(%x: tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32> {
  %0 = pd.legacy_bilinear_interp %x {scale = 0.5 : f32, interp_method = "bilinear", align_corners = false, align_mode = 0 : i64} : (tensor<?x3x?x?xf32>) -> tensor<?x3x?x?xf32>
  return %0 : tensor<?x3x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @legacy_bilinear_interp_out_size
// CHECK: onnx.Resize({{.*}}) {coordinate_transformation_mode = "align_corners", mode = "linear"}
func.func @legacy_bilinear_interp_out_size(%x: tensor<1x3x8x8xf32>, %sz: tensor<2xi32>) -> tensor<1x3x?x?xf32> {
  %0 = pd.legacy_bilinear_interp %x out_size(%sz) {interp_method = "bilinear"} : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}
