// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=10 -onnx-check-opset | FileCheck %s
// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=9 2>&1 | FileCheck %s --check-prefix=OPSET9
//
// Resize-10 takes (X, scales) and knows only asymmetric coordinates; its
// nearest rounds down only when upsampling. Paddle's v2 constant scales of
// at least 1 (and any for bilinear with align_mode 1) convert there.

// CHECK-LABEL: func.func @nearest_interp_upsample
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>
// CHECK: %[[SCALES:.*]] = onnx.Constant() {value = dense<[1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00]> : tensor<4xf32>}
// CHECK: onnx.Resize(%[[X]], %[[SCALES]], %{{.*}}, %{{.*}}) {mode = "nearest"} : (tensor<1x3x8x8xf32>, tensor<4xf32>, none, none) -> tensor<1x3x16x16xf32>
// OPSET9: error: cannot convert 'pd.nearest_interp' to ONNX at opset 9: needs opset 10 or later (the target opset is 9)
func.func @nearest_interp_upsample(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  %0 = pd.nearest_interp %x {scale = array<f32: 2.0, 2.0>, interp_method = "nearest", align_corners = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @bilinear_interp_asymmetric_downsample
// CHECK: onnx.Resize({{.*}}) {mode = "linear"}
func.func @bilinear_interp_asymmetric_downsample(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %0 = pd.bilinear_interp %x {scale = array<f32: 0.5, 0.5>, interp_method = "bilinear", align_corners = false, align_mode = 1 : i64} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}
