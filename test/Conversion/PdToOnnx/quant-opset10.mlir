// RUN: oar-opt %s -convert-pd-to-onnx=opset=10 -onnx-check-opset | FileCheck %s
//
// The float emulation needs nothing past opset 9 (Sign); Clip takes its
// bounds as attributes at 10.

// CHECK-LABEL: func.func @fake_quantize_dequantize_moving_average_abs_max
// CHECK: %[[C:.*]] = onnx.Clip(%{{.*}}) {max = 2.540000e+00 : f32, min = -2.540000e+00 : f32}
// CHECK: %[[Y:.*]] = onnx.Mul(%[[C]], %{{.*}})
// CHECK: onnx.Sign(%[[Y]])
func.func @fake_quantize_dequantize_moving_average_abs_max(%x: tensor<?x3x4x4xf32>) -> tensor<?x3x4x4xf32> {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true} : (tensor<?x3x4x4xf32>, tensor<1xf32>) -> (tensor<?x3x4x4xf32>, tensor<1xf32>)
  return %0#0 : tensor<?x3x4x4xf32>
}
