// RUN: oar-opt %s -split-input-file -canonicalize | FileCheck %s
//
// Folds and canonicalization patterns of dialects/pd/PdFolds.cpp. A fold
// replaces a result by an operand only when both have the same type.

// CHECK-LABEL: func.func @scale_identity(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.scale
// CHECK:         return %[[X]]
func.func @scale_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.scale %x {scale = 1.000000e+00 : f32, bias = 0.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The default attributes are scale 1, bias 0: save_infer_model/scale_*.
// CHECK-LABEL: func.func @scale_identity_default(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3xf32>)
// CHECK-NOT:     pd.scale
// CHECK:         return %[[X]]
func.func @scale_identity_default(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = pd.scale %x : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @scale_identity_bias_before_scale(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xi64>)
// CHECK-NOT:     pd.scale
// CHECK:         return %[[X]]
func.func @scale_identity_bias_before_scale(%x: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = pd.scale %x {bias = -0.000000e+00 : f32, bias_after_scale = false} : (tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @scale_by_two(
// CHECK:         %[[R:.*]] = pd.scale %{{.*}} {scale = 2.000000e+00 : f32}
// CHECK:         return %[[R]]
func.func @scale_by_two(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.scale %x {scale = 2.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @scale_with_bias(
// CHECK:         %[[R:.*]] = pd.scale %{{.*}} {bias = 1.000000e+00 : f32}
// CHECK:         return %[[R]]
func.func @scale_with_bias(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.scale %x {bias = 1.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A ScaleTensor overrides the scale attribute.
// CHECK-LABEL: func.func @scale_with_scale_tensor(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[S:[^:]*]]: tensor<1xf32>)
// CHECK:         %[[R:.*]] = pd.scale %[[X]] scale_tensor(%[[S]])
// CHECK:         return %[[R]]
func.func @scale_with_scale_tensor(%x: tensor<2x3xf32>, %s: tensor<1xf32>) -> tensor<2x3xf32> {
  %0 = pd.scale %x scale_tensor(%s) : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The result type carries more shape information than the operand's.
// CHECK-LABEL: func.func @scale_identity_refines_type(
// CHECK:         %[[R:.*]] = pd.scale
// CHECK:         return %[[R]]
func.func @scale_identity_refines_type(%x: tensor<?x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.scale %x : (tensor<?x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @assign(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.assign
// CHECK:         return %[[X]]
func.func @assign(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.assign x(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @assign_refines_type(
// CHECK:         %[[R:.*]] = pd.assign
// CHECK:         return %[[R]]
func.func @assign_refines_type(%x: tensor<?x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.assign x(%x) : (tensor<?x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @cast_same_type(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x?xf32>)
// CHECK-NOT:     pd.cast
// CHECK:         return %[[X]]
func.func @cast_same_type(%x: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %0 = pd.cast %x {in_dtype = f32, out_dtype = f32} : (tensor<2x?xf32>) -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// -----

// CHECK-LABEL: func.func @cast_other_type(
// CHECK:         %[[R:.*]] = pd.cast %{{.*}} {in_dtype = i32, out_dtype = i64}
// CHECK:         return %[[R]]
func.func @cast_other_type(%x: tensor<4xi32>) -> tensor<4xi64> {
  %0 = pd.cast %x {in_dtype = i32, out_dtype = i64} : (tensor<4xi32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// CHECK-LABEL: func.func @reshape_static_noop(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.reshape
// CHECK:         return %[[X]]
func.func @reshape_static_noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.reshape %x {shape = array<i64: 0, -1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The result type is static: whatever the shape tensor holds, it is [2, 3].
// CHECK-LABEL: func.func @reshape_shape_tensor_static_noop(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>
// CHECK-NOT:     pd.reshape
// CHECK:         return %[[X]]
func.func @reshape_shape_tensor_static_noop(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<2x3xf32> {
  %0 = pd.reshape %x shape_tensor(%s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Both types are tensor<?x?xf32>, but the shape tensor may still turn
// [2, 6] into [4, 3].
// CHECK-LABEL: func.func @reshape_dynamic(
// CHECK:         %[[R:.*]] = pd.reshape %{{.*}} shape_tensor(%{{.*}})
// CHECK:         return %[[R]]
func.func @reshape_dynamic(%x: tensor<?x?xf32>, %s: tensor<2xi64>) -> tensor<?x?xf32> {
  %0 = pd.reshape %x shape_tensor(%s) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_real(
// CHECK:         %[[R:.*]] = pd.reshape %{{.*}} {shape = array<i64: 3, 2>}
// CHECK:         return %[[R]]
func.func @reshape_real(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = pd.reshape %x {shape = array<i64: 3, 2>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3x4xf32>)
// CHECK-NOT:     pd.transpose
// CHECK:         return %[[X]]
func.func @transpose_identity(%x: tensor<?x3x4xf32>) -> tensor<?x3x4xf32> {
  %0 = pd.transpose %x {axis = array<i64: 0, 1, 2>} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// -----

// A square matrix keeps its type, but the permutation is not the identity.
// CHECK-LABEL: func.func @transpose_identity_negative(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.transpose
// CHECK:         return %[[X]]
func.func @transpose_identity_negative(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.transpose %x {axis = array<i64: -2, -1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_square(
// CHECK:         %[[R:.*]] = pd.transpose %{{.*}} {axis = array<i64: 1, 0>}
// CHECK:         return %[[R]]
func.func @transpose_square(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = pd.transpose %x {axis = array<i64: 1, 0>} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_static_noop(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.squeeze
// CHECK:         return %[[X]]
func.func @squeeze_static_noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.squeeze %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_dynamic(
// CHECK:         %[[R:.*]] = pd.squeeze
// CHECK:         return %[[R]]
func.func @squeeze_dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = pd.squeeze %x : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_real(
// CHECK:         %[[R:.*]] = pd.squeeze %{{.*}} {axes = array<i64: 0>}
// CHECK:         return %[[R]]
func.func @squeeze_real(%x: tensor<1x3xf32>) -> tensor<3xf32> {
  %0 = pd.squeeze %x {axes = array<i64: 0>} : (tensor<1x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @unsqueeze_static_noop(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.unsqueeze
// CHECK:         return %[[X]]
func.func @unsqueeze_static_noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.unsqueeze %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @unsqueeze_real(
// CHECK:         %[[R:.*]] = pd.unsqueeze %{{.*}} {axes = array<i64: 0>}
// CHECK:         return %[[R]]
func.func @unsqueeze_real(%x: tensor<?x3xf32>) -> tensor<1x?x3xf32> {
  %0 = pd.unsqueeze %x {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<1x?x3xf32>
  return %0 : tensor<1x?x3xf32>
}

// -----

// CHECK-LABEL: func.func @unsqueeze_dynamic(
// CHECK:         %[[R:.*]] = pd.unsqueeze %{{.*}} axes_tensor(%{{.*}})
// CHECK:         return %[[R]]
func.func @unsqueeze_dynamic(%x: tensor<?x?xf32>, %a: tensor<1xi64>) -> tensor<?x?xf32> {
  %0 = pd.unsqueeze %x axes_tensor(%a) : (tensor<?x?xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// Flattening one dim changes nothing, static or not.
// CHECK-LABEL: func.func @flatten_one_dim(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3x4xf32>)
// CHECK-NOT:     pd.flatten
// CHECK:         return %[[X]]
func.func @flatten_one_dim(%x: tensor<?x3x4xf32>) -> tensor<?x3x4xf32> {
  %0 = pd.flatten %x {start_axis = 1 : i64, stop_axis = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
  return %0 : tensor<?x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_static_noop(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.flatten
// CHECK:         return %[[X]]
func.func @flatten_static_noop(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.flatten %x {start_axis = -1 : i64, stop_axis = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_real(
// CHECK:         %[[R:.*]] = pd.flatten %{{.*}} {stop_axis = 2 : i64}
// CHECK:         return %[[R]]
func.func @flatten_real(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %0 = pd.flatten %x {start_axis = 1 : i64, stop_axis = 2 : i64} : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// CHECK-LABEL: func.func @dropout_upscale_in_train(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NOT:     pd.dropout
// CHECK-NOT:     pd.scale
// CHECK:         return %[[X]]
func.func @dropout_upscale_in_train(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.dropout %x {dropout_prob = 1.000000e-01 : f32, is_test = true, dropout_implementation = "upscale_in_train"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @dropout_downgrade_in_infer(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3xf16>)
// CHECK-NOT:     pd.dropout
// CHECK:         %[[R:.*]] = pd.scale %[[X]] {scale = 0.899999976 : f32} : (tensor<?x3xf16>) -> tensor<?x3xf16>
// CHECK:         return %[[R]]
func.func @dropout_downgrade_in_infer(%x: tensor<?x3xf16>) -> tensor<?x3xf16> {
  %0 = pd.dropout %x {dropout_prob = 1.000000e-01 : f32, is_test = true} : (tensor<?x3xf16>) -> tensor<?x3xf16>
  return %0 : tensor<?x3xf16>
}

// -----

// downgrade_in_infer with the default dropout_prob 0.5.
// CHECK-LABEL: func.func @dropout_downgrade_default_prob(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
// CHECK:         %[[R:.*]] = pd.scale %[[X]] {scale = 5.000000e-01 : f32}
// CHECK:         return %[[R]]
func.func @dropout_downgrade_default_prob(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = pd.dropout %x {is_test = true, dropout_implementation = "downgrade_in_infer"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// dropout_prob 0: the scale by 1 that replaces it folds in turn.
// CHECK-LABEL: func.func @dropout_downgrade_prob_zero(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
// CHECK-NOT:     pd.dropout
// CHECK-NOT:     pd.scale
// CHECK:         return %[[X]]
func.func @dropout_downgrade_prob_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = pd.dropout %x {dropout_prob = 0.000000e+00 : f32, is_test = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @dropout_training(
// CHECK:         %[[R:.*]] = pd.dropout
// CHECK:         return %[[R]]
func.func @dropout_training(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = pd.dropout %x {dropout_prob = 1.000000e-01 : f32, dropout_implementation = "upscale_in_train"} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The chain a legacy inference program carries around its output.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
// CHECK-NEXT:    return %[[X]]
func.func @chain(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.dropout %x {is_test = true, dropout_implementation = "upscale_in_train"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = pd.assign x(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = pd.cast %1 {in_dtype = f32, out_dtype = f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = pd.reshape %2 {shape = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = pd.scale %3 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %4 : tensor<2x3xf32>
}
