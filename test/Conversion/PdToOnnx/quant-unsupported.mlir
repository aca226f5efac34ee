// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 2>&1 | FileCheck %s

// CHECK: error: cannot convert 'pd.fake_quantize_dequantize_moving_average_abs_max' to ONNX at opset 13: is_test=false (training: the scale is updated from each batch) is not supported
func.func @training(%x: tensor<8xf32>, %s: tensor<1xf32>) -> tensor<8xf32> {
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = false} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// CHECK: error: cannot convert 'pd.fake_quantize_dequantize_moving_average_abs_max' to ONNX at opset 13: bit_length 16 is not supported (int8 holds 2 to 8 bits)
func.func @bits16(%x: tensor<8xf32>, %s: tensor<1xf32>) -> tensor<8xf32> {
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true, bit_length = 16 : i64} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// CHECK: error: cannot convert 'pd.fake_quantize_dequantize_moving_average_abs_max' to ONNX at opset 13: InScale is not positive
func.func @zero_scale(%x: tensor<8xf32>) -> tensor<8xf32> {
  %s = arith.constant dense<0.0> : tensor<1xf32>
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// CHECK: error: cannot convert 'pd.fake_channel_wise_quantize_dequantize_abs_max' to ONNX at opset 13: quant_axis 2 is out of range
func.func @bad_axis(%w: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0:2 = pd.fake_channel_wise_quantize_dequantize_abs_max %w {quant_axis = 2 : i64} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3xf32>)
  return %0#0 : tensor<2x3xf32>
}
