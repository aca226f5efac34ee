// RUN: oar-opt %s -split-input-file -verify-diagnostics
//
// Diagnostics of the pd shape manipulation and creation ops and of
// pd.parameter: one case per check, named after the constraint of
// docs/dialect-pd.md it implements.

// ---- reshape_c1: at most one -1, no value below -1

func.func @reshape_c1_two_minus_one(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'pd.reshape' op shape has more than one -1}}
  %0 = pd.reshape %x {shape = array<i64: -1, -1>} : (tensor<2x3x4xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_c1_below_minus_one(%x: tensor<2x3x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'pd.reshape' op shape has a dim below -1}}
  %0 = pd.reshape %x {shape = array<i64: -2, 4>} : (tensor<2x3x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// ---- reshape_c2: the result rank is the length of shape; sizes agree

func.func @reshape_c2_rank(%x: tensor<2x3x4xf32>) -> tensor<6x4xf32> {
  // expected-error @+1 {{'pd.reshape' op result rank 2 differs from the shape's length 3}}
  %0 = pd.reshape %x {shape = array<i64: 6, 4, 1>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

func.func @reshape_c2_numel(%x: tensor<2x3x4xf32>) -> tensor<5x4xf32> {
  // expected-error @+1 {{'pd.reshape' op cannot reshape 'tensor<2x3x4xf32>' into 'tensor<5x4xf32>'}}
  %0 = pd.reshape %x {shape = array<i64: 5, 4>} : (tensor<2x3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// ---- transpose_c1: axis is a permutation of the dims

func.func @transpose_c1_size(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{'pd.transpose' op permutation of size 2 for rank 3}}
  %0 = pd.transpose %x {axis = array<i64: 1, 0>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_c1_duplicate(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'pd.transpose' op axis is not a permutation}}
  %0 = pd.transpose %x {axis = array<i64: 1, -1>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @transpose_c1_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'pd.transpose' op axis is not a permutation}}
  %0 = pd.transpose %x {axis = array<i64: 2, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_c1_result_rank(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'pd.transpose' op result rank differs from the input's}}
  %0 = pd.transpose %x {axis = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// ---- flatten_c1: -rank <= start_axis <= stop_axis < rank

func.func @flatten_c1_order(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  // expected-error @+1 {{'pd.flatten' op bad axis range [2, 1] for rank 3}}
  %0 = pd.flatten %x {start_axis = 2 : i64, stop_axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return %0 : tensor<24xf32>
}

// -----

func.func @flatten_c1_range(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  // expected-error @+1 {{'pd.flatten' op bad axis range [1, 3] for rank 3}}
  %0 = pd.flatten %x {start_axis = 1 : i64, stop_axis = 3 : i64} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

// Negative axes are printed as given (not as unsigned 64-bit values).
func.func @flatten_c1_negative(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  // expected-error @+1 {{'pd.flatten' op bad axis range [-4, -1] for rank 3}}
  %0 = pd.flatten %x {start_axis = -4 : i64, stop_axis = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return %0 : tensor<24xf32>
}

// -----

// ---- concat_c1: one or more inputs of one rank, axis in [-rank, rank)

func.func @concat_c1_empty() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.concat' op expects at least one input}}
  %0 = pd.concat [] : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @concat_c1_rank(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'pd.concat' op inputs differ in rank}}
  %0 = pd.concat [%x, %y] {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_axis_c1(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+1 {{'pd.concat' op axis -3 is out of range for rank 2}}
  %0 = pd.concat [%x, %y] {axis = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// ---- split_c1: num > 0 or sections; one result per part

func.func @split_c1_negative_num(%x: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'pd.split' op num must not be negative}}
  %0 = pd.split %x {num = -1 : i64} : (tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @split_c1_nothing(%x: tensor<6xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'pd.split' op expects num > 0 or sections}}
  %0 = pd.split %x : (tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @split_c1_results(%x: tensor<6xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.split' op expects 3 results, has 2}}
  %0:2 = pd.split %x {num = 3 : i64} : (tensor<6xf32>) -> (tensor<2xf32>, tensor<2xf32>)
  return %0#0 : tensor<2xf32>
}

// -----

func.func @split_c1_sections(%x: tensor<6xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.split' op expects 3 results, has 1}}
  %0 = pd.split %x {sections = array<i64: 2, 2, 2>} : (tensor<6xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @split_axis_c1(%x: tensor<6xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'pd.split' op axis 1 is out of range for rank 1}}
  %0:2 = pd.split %x {num = 2 : i64, axis = 1 : i64} : (tensor<6xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %0#0 : tensor<3xf32>
}

// -----

// ---- slice_c1: one start and one end per axis; axes in [-rank, rank)

func.func @slice_c1_starts(%x: tensor<4x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'pd.slice' op expects as many starts and ends as axes (1)}}
  %0 = pd.slice %x {axes = array<i64: 0>, starts = array<i64: 0, 0>, ends = array<i64: 2>} : (tensor<4x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// A starts tensor does not excuse missing ends.
func.func @slice_c1_ends(%x: tensor<4x8xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'pd.slice' op expects as many starts and ends as axes (2)}}
  %0 = pd.slice %x starts_tensor(%s) {axes = array<i64: 0, 1>, ends = array<i64: 2>} : (tensor<4x8xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @slice_axis_c1(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'pd.slice' op axis 2 is out of range for rank 2}}
  %0 = pd.slice %x {axes = array<i64: 2>, starts = array<i64: 0>, ends = array<i64: 1>} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// ---- shape_c1: a 1-D integer tensor of rank(input) elements

func.func @shape_c1_type(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.shape' op result must be a 1-D integer tensor}}
  %0 = pd.shape %x : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @shape_c1_size(%x: tensor<2x3xf32>) -> tensor<3xi32> {
  // expected-error @+1 {{'pd.shape' op result has 3 elements for rank 2}}
  %0 = pd.shape %x : (tensor<2x3xf32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// ---- dtype_c1: a dtype attribute names the result element type

func.func @cast_dtype_c1(%x: tensor<2xf32>) -> tensor<2xi32> {
  // expected-error @+1 {{'pd.cast' op out_dtype 'i64' differs from the result element type}}
  %0 = pd.cast %x {in_dtype = f32, out_dtype = i64} : (tensor<2xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

func.func @full_dtype_c1() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.full' op dtype 'f16' differs from the result element type}}
  %0 = pd.full {dtype = f16, shape = array<i64: 2>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// ---- full_c1: shape matches the result

func.func @full_c1_rank() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.full' op shape has 2 dims, result rank is 1}}
  %0 = pd.full {dtype = f32, shape = array<i64: 2, 1>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @full_c1_dims() -> tensor<2x4xf32> {
  // expected-error @+1 {{'pd.full' op result shape differs from the shape attribute}}
  %0 = pd.full {dtype = f32, shape = array<i64: 2, 3>} : () -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// ---- assign_value_c1: exactly one values list, holding numel(shape) values

func.func @assign_value_dtype_c1() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.assign_value' op dtype 'i32' differs from the result element type}}
  %0 = pd.assign_value {shape = array<i64: 2>, dtype = i32, int32_values = array<i64: 1, 2>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @assign_value_c1_count() -> tensor<2x2xf32> {
  // expected-error @+1 {{'pd.assign_value' op has 3 values for shape of 4 elements}}
  %0 = pd.assign_value {shape = array<i64: 2, 2>, dtype = f32, fp32_values = array<f32: 1.0, 2.0, 3.0>} : () -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @assign_value_c1_two_lists() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.assign_value' op has values in more than one list}}
  %0 = pd.assign_value {shape = array<i64: 2>, dtype = f32, fp32_values = array<f32: 1.0>, int32_values = array<i64: 1>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// ---- parameter_c1: a parameter has a name

func.func @parameter_c1() -> tensor<2xf32> {
  // expected-error @+1 {{'pd.parameter' op needs a name}}
  %0 = pd.parameter "" : tensor<2xf32>
  return %0 : tensor<2xf32>
}
