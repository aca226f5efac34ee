// RUN: oar-opt %s | oar-opt | FileCheck %s
//
// pd.uniform_quantize / pd.uniform_dequantize on upstream !quant.uniform
// tensors, per tensor and per axis; quant.scast views int8 storage.

// CHECK-LABEL: func.func @per_tensor
// CHECK: pd.uniform_quantize %{{.*}} {round_type = 1 : i64} : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 1.000000e-02>>
// CHECK: pd.uniform_dequantize %{{.*}} : tensor<?x8x!quant.uniform<i8<-127:127>:f32, 1.000000e-02>> -> tensor<?x8xf32>
func.func @per_tensor(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %q = pd.uniform_quantize %x {round_type = 1 : i64} : tensor<?x8xf32> -> tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.01>>
  %y = pd.uniform_dequantize %q : tensor<?x8x!quant.uniform<i8<-127:127>:f32, 0.01>> -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @per_axis_weight
// CHECK: quant.scast %{{.*}} : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01}>>
// CHECK: pd.uniform_dequantize
func.func @per_axis_weight() -> tensor<2x3xf32> {
  %w = arith.constant dense<[[1, -2, 3], [127, -128, 0]]> : tensor<2x3xi8>
  %q = quant.scast %w : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  %y = pd.uniform_dequantize %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
