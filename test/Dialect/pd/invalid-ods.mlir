// RUN: oar-opt %s -split-input-file -verify-diagnostics
//
// Diagnostics of the pd ops at the ODS level: element types, ranks,
// attributes, traits; one case per kind of error.

// ---- ODS-level errors

func.func @element_type_index(%x: tensor<2xindex>) -> tensor<2xindex> {
  // expected-error @+1 {{'pd.relu' op operand #0 must be ranked tensor of Paddle element type values, but got 'tensor<2xindex>'}}
  %0 = pd.relu %x : (tensor<2xindex>) -> tensor<2xindex>
  return %0 : tensor<2xindex>
}

// -----

func.func @element_type_i4(%x: tensor<2xi4>) -> tensor<2xi4> {
  // expected-error @+1 {{'pd.abs' op operand #0 must be ranked tensor of Paddle element type values, but got 'tensor<2xi4>'}}
  %0 = pd.abs %x : (tensor<2xi4>) -> tensor<2xi4>
  return %0 : tensor<2xi4>
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.exp' op operand #0 must be ranked tensor of Paddle element type values, but got 'tensor<*xf32>'}}
  %0 = pd.exp %x : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @unranked_result(%x: tensor<2xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'pd.flip' op result #0 must be ranked tensor of Paddle element type values, but got 'tensor<*xf32>'}}
  %0 = pd.flip %x {axis = array<i64: 0>} : (tensor<2xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @missing_required_attr(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'pd.transpose' op requires attribute 'axis'}}
  %0 = pd.transpose %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @missing_dtype(%x: tensor<2xf32>) -> tensor<2xi32> {
  // expected-error @+1 {{'pd.cast' op requires attribute 'in_dtype'}}
  %0 = pd.cast %x {out_dtype = i32} : (tensor<2xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @wrong_attr_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'pd.softmax' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = pd.softmax %x {axis = 1.0 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @unary_shape(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'pd.relu' op requires the same shape for all operands and results}}
  %0 = pd.relu %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @binary_element_type(%x: tensor<2xf32>, %y: tensor<2xf16>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.add' op requires the same element type for all operands and results}}
  %0 = pd.add %x, %y : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Paddle marks assign's X dispensable, but the unary traits need an operand.
func.func @assign_no_input() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.assign' op expected 1 or more operands, but found 0}}
  %0 = pd.assign : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @segment_sizes(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'pd.reshape' op operand count (2) does not match with the total size (3) specified in attribute 'operandSegmentSizes'}}
  %0 = "pd.reshape"(%x, %s) <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
