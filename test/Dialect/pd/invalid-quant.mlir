// RUN: oar-opt %s -split-input-file -verify-diagnostics
//
// Diagnostics of pd.uniform_quantize / pd.uniform_dequantize, named after
// the constraints of docs/dialect-pd.md.

func.func @not_uniform(%x: tensor<4xf32>) {
  // expected-error @+1 {{quant_c1: the quantized element type must be !quant.uniform}}
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.any<i8:f32>>
  return
}

// -----

func.func @shape_mismatch(%x: tensor<4xf32>) {
  // expected-error @+1 {{quant_c2: shapes differ}}
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<5x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @expressed_mismatch(%x: tensor<4xf16>) {
  // expected-error @+1 {{quant_c3: the float element type 'f16' is not the expressed type 'f32'}}
  %q = pd.uniform_quantize %x : tensor<4xf16> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @dequant_expressed_mismatch(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{quant_c3: the float element type 'f64' is not the expressed type 'f32'}}
  %x = pd.uniform_dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4xf64>
  return
}

// -----

func.func @unsigned_storage(%x: tensor<4xf32>) {
  // expected-error @+1 {{quant_c4: the storage type must be a signed integer of at most 8 bits, got 'i8' (unsigned)}}
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1>>
  return
}

// -----

func.func @wide_storage(%x: tensor<4xf32>) {
  // expected-error @+1 {{quant_c4: the storage type must be a signed integer of at most 8 bits, got 'i16'}}
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 0.1>>
  return
}

// -----

func.func @axis_out_of_range(%q: tensor<2x3x!quant.uniform<i8:f32:2, {0.1, 0.2}>>) {
  // expected-error @+1 {{quant_c6: the quantized dimension 2 is out of range for rank 2}}
  %x = pd.uniform_dequantize %q : tensor<2x3x!quant.uniform<i8:f32:2, {0.1, 0.2}>> -> tensor<2x3xf32>
  return
}

// -----

func.func @scale_count(%q: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2}>>) {
  // expected-error @+1 {{quant_c6: 2 scales for dim 1 of size 3}}
  %x = pd.uniform_dequantize %q : tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2}>> -> tensor<2x3xf32>
  return
}

// -----

func.func @round_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{quant_c7: round_type must be 0 (half to even) or 1 (half away from zero), got 2}}
  %q = pd.uniform_quantize %x {round_type = 2 : i64} : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

// quant_c5: a scale that is not positive is rejected by the type itself.
func.func @negative_scale(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale -1.000000e-01 out of expressed type range}}
  %q = pd.uniform_quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, -0.1>>
  return
}
