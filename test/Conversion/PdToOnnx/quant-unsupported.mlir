// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 2>&1 | FileCheck %s

// CHECK: error: cannot convert 'pd.fake_quantize_dequantize_moving_average_abs_max' to ONNX at opset 13: bit_length 16 is not supported (int8 holds 2 to 8 bits)
func.func @bits16(%x: tensor<8xf32>, %s: tensor<1xf32>) -> tensor<8xf32> {
  %0:2 = pd.fake_quantize_dequantize_moving_average_abs_max %x, %s {is_test = true, bit_length = 16 : i64} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// CHECK: error: cannot convert 'pd.fake_quantize_dequantize_moving_average_abs_max' to ONNX at opset 13: the scale is not positive
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

// -----

// CHECK: error: cannot convert 'pd.fake_quantize_range_abs_max' to ONNX at opset 13: round_type 2 is not supported (0: half to even, 1: half away from zero)
func.func @round_type_2(%x: tensor<8xf32>, %s: tensor<1xf32>) -> tensor<8xf32> {
  %0:2 = pd.fake_quantize_range_abs_max %x, %s {round_type = 2 : i64} : (tensor<8xf32>, tensor<1xf32>) -> (tensor<8xf32>, tensor<1xf32>)
  return %0#0 : tensor<8xf32>
}

// -----

// CHECK: error: cannot convert 'pd.fake_channel_wise_quantize_abs_max' to ONNX at opset 13: X must be a constant (a weight)
func.func @runtime_weight(%w: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0:2 = pd.fake_channel_wise_quantize_abs_max %w : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2xf32>)
  return %0#0 : tensor<2x3xf32>
}

// -----

// CHECK: error: cannot convert 'pd.fake_channel_wise_dequantize_max_abs' to ONNX at opset 13: Scales[0] must hold one f32 per channel of dim 1 of X
func.func @scale_count(%x: tensor<1x2x4x4xf32>, %s: tensor<3xf32>, %a: tensor<1xf32>) -> tensor<1x2x4x4xf32> {
  %d = pd.fake_channel_wise_dequantize_max_abs %x, [%s, %a] {quant_bits = array<i64: 8, 8>} : (tensor<1x2x4x4xf32>, tensor<3xf32>, tensor<1xf32>) -> tensor<1x2x4x4xf32>
  return %d : tensor<1x2x4x4xf32>
}

// -----

// CHECK: error: cannot convert 'pd.moving_average_abs_max_scale' to ONNX at opset 13: OutScale is read (it is updated only in training)
func.func @out_scale_read(%x: tensor<4xf32>) -> tensor<1xf32> {
  %0:2 = pd.moving_average_abs_max_scale %x : (tensor<4xf32>) -> (tensor<4xf32>, tensor<1xf32>)
  return %0#1 : tensor<1xf32>
}

// -----

// A constant (a weight folded at conversion) takes zero point 0 only.
// CHECK: error: cannot convert 'pd.uniform_quantize' to ONNX at opset 13: a constant input takes zero point 0 only
func.func @asymmetric_constant() -> tensor<4xf32> {
  %w = arith.constant dense<1.0> : tensor<4xf32>
  %q = pd.uniform_quantize %w : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.01:-128>>
  %y = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.01:-128>> -> tensor<4xf32>
  return %y : tensor<4xf32>
}
