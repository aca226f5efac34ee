// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 2>&1 | FileCheck %s
// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=10 2>&1 | FileCheck %s --check-prefix=OPSET10
//
// Interpolations Resize cannot express, and those that need opset 11.

// CHECK: error: cannot convert 'pd.bilinear_interp' to ONNX at opset 11: OutSize together with a scale is not supported (Paddle sizes by one and maps coordinates by the other)
func.func @bilinear_interp_out_size_and_scale(%x: tensor<1x3x8x8xf32>, %sz: tensor<2xi32>) -> tensor<1x3x?x?xf32> {
  %0 = pd.bilinear_interp %x out_size(%sz) {scale = array<f32: 2.0, 2.0>, interp_method = "bilinear", align_corners = false, align_mode = 0 : i64} : (tensor<1x3x8x8xf32>, tensor<2xi32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// CHECK: error: cannot convert 'pd.bilinear_interp' to ONNX at opset 11: interp_method 'bicubic' is not supported
func.func @bilinear_interp_bicubic(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32> {
  %0 = pd.bilinear_interp %x {out_h = 16 : i64, out_w = 16 : i64, interp_method = "bicubic"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// CHECK: error: cannot convert 'pd.nearest_interp' to ONNX at opset 11: no output size: out_h/out_w are not positive and no size or scale is given
func.func @nearest_interp_no_size(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x?x?xf32> {
  %0 = pd.nearest_interp %x {out_h = -1 : i64, out_w = -1 : i64, interp_method = "nearest"} : (tensor<1x3x8x8xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// CHECK: error: cannot convert 'pd.nearest_interp' to ONNX at opset 11: only 4-D inputs are supported
func.func @nearest_interp_3d(%x: tensor<1x3x8xf32>) -> tensor<1x3x16xf32> {
  %0 = pd.nearest_interp %x {out_w = 16 : i64, interp_method = "nearest"} : (tensor<1x3x8xf32>) -> tensor<1x3x16xf32>
  return %0 : tensor<1x3x16xf32>
}

// -----

// CHECK: error: cannot convert 'pd.nearest_interp' to ONNX at opset 11: data_layout 'NDHWC' is not supported
func.func @nearest_interp_ndhwc(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %0 = pd.nearest_interp %x {data_layout = "NDHWC", scale = array<f32: 0.5, 0.5>, interp_method = "nearest", align_corners = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// Resize-10's nearest rounds up when downsampling; Paddle rounds down.
// OPSET10: error: cannot convert 'pd.nearest_interp' to ONNX at opset 10: needs opset 11 or later (the target opset is 10)
func.func @nearest_interp_downsample_opset10(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %0 = pd.nearest_interp %x {scale = array<f32: 0.5, 0.5>, interp_method = "nearest", align_corners = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}
