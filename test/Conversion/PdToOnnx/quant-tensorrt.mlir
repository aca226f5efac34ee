// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=quant-format=tensorrt -onnx-check-opset | FileCheck %s
// RUN: not oar-opt %s -convert-pd-to-onnx=quant-format=int4 2>&1 | FileCheck %s --check-prefix=BAD
//
// The TensorRT form (docs/quantization.md): opset 13, every quantizer a
// QuantizeLinear/DequantizeLinear pair, float weights, no clip.

// BAD: error: quant-format 'int4' is not one of qdq, tensorrt

// An int8 weight becomes the float weight q * step behind QuantizeLinear;
// the activation is quantized without the round_type 1 clip.
// CHECK: module attributes {onnx.opset = 13
// CHECK-LABEL: func.func @weight_and_activation
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%[[X]], %{{.*}}, %{{.*}}) : (tensor<2x3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
// CHECK: onnx.DequantizeLinear(%[[Q]], %{{.*}}, %{{.*}})
// CHECK: %[[WF:.*]] = onnx.Constant() {value = dense<{{\[\[}}1.000000e-01, -2.000000e-01, 3.000000e-01], [2.540000e+01, -2.560000e+01, 0.000000e+00]]> : tensor<2x3xf32>}
// CHECK: %[[WQ:.*]] = onnx.QuantizeLinear(%[[WF]], %{{.*}}, %{{.*}}) {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x3xi8>
// CHECK: onnx.DequantizeLinear(%[[WQ]], %{{.*}}, %{{.*}}) {axis = 0 : i64}
// CHECK-NOT: onnx.Clip
func.func @weight_and_activation(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %q = pd.uniform_quantize %x {round_type = 1 : i64} : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.02>>
  %y = pd.uniform_dequantize %q : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.02>> -> tensor<2x3xf32>
  %w = arith.constant dense<[[1, -2, 3], [127, -128, 0]]> : tensor<2x3xi8>
  %wq = quant.scast %w : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  %wd = pd.uniform_dequantize %wq : tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x3xf32>
  return %y, %wd : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Fused fake quantize-dequantize ops become Q/DQ pairs with step s / 127;
// a constant weight stays float behind a per-channel pair.
// CHECK-LABEL: func.func @fake_fused
// CHECK: %[[STEP:.*]] = onnx.Constant() {value = dense<2.000000e-02> : tensor<f32>}
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%{{.*}}, %[[STEP]], %{{.*}})
// CHECK: onnx.DequantizeLinear(%[[Q]], %[[STEP]], %{{.*}})
// CHECK: %[[WSTEP:.*]] = onnx.Constant() {value = dense<[0.00787401571, 1.000000e+00]> : tensor<2xf32>}
// CHECK: %[[WQ:.*]] = onnx.QuantizeLinear(%{{.*}}, %[[WSTEP]], %{{.*}}) {axis = 0 : i64}
// CHECK: onnx.DequantizeLinear(%[[WQ]], %[[WSTEP]], %{{.*}}) {axis = 0 : i64}
func.func @fake_fused(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<2x3xf32>) {
  %s = arith.constant dense<2.54> : tensor<1xf32>
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  %w = arith.constant dense<[[1.0, -0.5, 0.25], [0.0, 0.0, 0.0]]> : tensor<2x3xf32>
  %1:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 0 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %0#0, %1#0 : tensor<8xf32>, tensor<2x3xf32>
}
