// RUN: oar-opt %s -split-input-file -verify-diagnostics
//
// Diagnostics of the pd elementwise, comparison, reduction and softmax ops:
// one case per check, named after the constraint of docs/dialect-pd.md it
// implements.

// ---- elementwise_c1: numpy broadcasting (axis = -1)

func.func @add_c1_no_broadcast(%x: tensor<2x3xf32>, %y: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'pd.add' op operand shapes 'tensor<2x3xf32>' and 'tensor<4xf32>' do not broadcast}}
  %0 = pd.add %x, %y : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @multiply_c1_no_broadcast_same_rank(%x: tensor<2x3xf32>, %y: tensor<3x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'pd.multiply' op operand shapes 'tensor<2x3xf32>' and 'tensor<3x3xf32>' do not broadcast}}
  %0 = pd.multiply %x, %y : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// ---- elementwise_c2: legacy alignment at axis

func.func @subtract_c2_axis_out_of_range(%x: tensor<2x3x4xf32>, %y: tensor<3xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'pd.subtract' op axis 3 is out of range for operands of rank 3 and 1}}
  %0 = pd.subtract %x, %y {axis = 3 : i64} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @divide_c2_axis_equal_rank(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'pd.divide' op axis 1 must be -1 or 0 for operands of equal rank}}
  %0 = pd.divide %x, %y {axis = 1 : i64} : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @maximum_c2_does_not_fit(%x: tensor<2x3x4xf32>, %y: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'pd.maximum' op axis 2 does not place an operand of rank 2 inside one of rank 3}}
  %0 = pd.maximum %x, %y {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A negative axis other than -1 counts from |rank(x) - rank(y)| + 1:
// -3 + 1 + 1 = -1 here.
func.func @minimum_c2_negative_axis(%x: tensor<2x3x4xf32>, %y: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'pd.minimum' op axis -3 does not place an operand of rank 2 inside one of rank 3}}
  %0 = pd.minimum %x, %y {axis = -3 : i64} : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @elementwise_pow_c2_dim_mismatch(%x: tensor<2x3x4xf32>, %y: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{'pd.elementwise_pow' op dim 1 of size 3 cannot broadcast with size 4}}
  %0 = pd.elementwise_pow %x, %y {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// y has the higher rank: x lines up with y's dims from axis.
func.func @remainder_c2_x_inside_y(%x: tensor<5xi32>, %y: tensor<2x3x4xi32>) -> tensor<2x3x4xi32> {
  // expected-error @+1 {{'pd.remainder' op dim 1 of size 3 cannot broadcast with size 5}}
  %0 = pd.remainder %x, %y {axis = 1 : i64} : (tensor<5xi32>, tensor<2x3x4xi32>) -> tensor<2x3x4xi32>
  return %0 : tensor<2x3x4xi32>
}

// -----

func.func @floor_divide_c1(%x: tensor<2xi64>, %y: tensor<3xi64>) -> tensor<2xi64> {
  // expected-error @+1 {{'pd.floor_divide' op operand shapes}}
  %0 = pd.floor_divide %x, %y : (tensor<2xi64>, tensor<3xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// ---- compare_c1: comparisons yield i1 and broadcast like elementwise ops

func.func @equal_compare_c1(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'pd.equal' op result must have element type i1}}
  %0 = pd.equal %x, %y : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @less_than_compare_c1(%x: tensor<2xi32>, %y: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'pd.less_than' op result must have element type i1}}
  %0 = pd.less_than %x, %y : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @greater_equal_broadcast(%x: tensor<2x3xf32>, %y: tensor<2xf32>) -> tensor<2x3xi1> {
  // expected-error @+1 {{'pd.greater_equal' op operand shapes 'tensor<2x3xf32>' and 'tensor<2xf32>' do not broadcast}}
  %0 = pd.greater_equal %x, %y : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

func.func @not_equal_axis(%x: tensor<2x3xf32>, %y: tensor<2xf32>) -> tensor<2x3xi1> {
  // expected-error @+1 {{'pd.not_equal' op dim 1 of size 3 cannot broadcast with size 2}}
  %0 = pd.not_equal %x, %y {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// ---- axis_c1: axis attributes lie in [-rank, rank)

func.func @mean_axis_c1(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.mean' op reduced dim 2 is out of range for rank 2}}
  %0 = pd.mean %x {dim = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @sum_axis_c1_negative(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.sum' op reduced dim -3 is out of range for rank 2}}
  %0 = pd.sum %x {dim = array<i64: -3>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @max_axis_c1_scalar(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'pd.max' op reduced dim 1 is out of range for rank 0}}
  %0 = pd.max %x {dim = array<i64: 1>} : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @min_axis_c1(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.min' op reduced dim 5 is out of range for rank 2}}
  %0 = pd.min %x {dim = array<i64: 0, 5>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @prod_axis_c1(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'pd.prod' op reduced dim -4 is out of range for rank 2}}
  %0 = pd.prod %x {dim = array<i64: -4>} : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @softmax_axis_c1(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'pd.softmax' op axis 2 is out of range for rank 2}}
  %0 = pd.softmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
