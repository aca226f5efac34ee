// RUN: oar-opt %s | oar-opt | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s
//
// Round trip of the pd activation, elementwise, comparison, reduction and
// linear algebra ops.

// CHECK-LABEL: func.func @activations(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @activations(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[V0:.*]] = pd.relu %[[X]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.relu %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.relu6 %[[V0]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = pd.relu6 %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V2:.*]] = pd.leaky_relu %[[V1]] {alpha = 1.000000e-01 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = pd.leaky_relu %1 {alpha = 1.000000e-01 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V3:.*]] = pd.sigmoid %[[V2]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = pd.sigmoid %2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V4:.*]] = pd.hardsigmoid %[[V3]] {offset = 1.000000e+00 : f32, slope = 2.500000e-01 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = pd.hardsigmoid %3 {slope = 2.500000e-01 : f32, offset = 1.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V5:.*]] = pd.hardswish %[[V4]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = pd.hardswish %4 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V6:.*]] = pd.swish %[[V5]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = pd.swish %5 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V7:.*]] = pd.silu %[[V6]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = pd.silu %6 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V8:.*]] = pd.gelu %[[V7]] {approximate = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = pd.gelu %7 {approximate = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V9:.*]] = pd.tanh %[[V8]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = pd.tanh %8 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V10:.*]] = pd.softplus %[[V9]] {beta = 2.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %10 = pd.softplus %9 {beta = 2.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %10 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unary_math(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x4xf16>)
func.func @unary_math(%x: tensor<?x4xf16>) -> tensor<?x4xf16> {
  // CHECK: %[[V0:.*]] = pd.exp %[[X]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %0 = pd.exp %x : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V1:.*]] = pd.log %[[V0]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %1 = pd.log %0 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V2:.*]] = pd.sqrt %[[V1]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %2 = pd.sqrt %1 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V3:.*]] = pd.rsqrt %[[V2]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %3 = pd.rsqrt %2 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V4:.*]] = pd.abs %[[V3]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %4 = pd.abs %3 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V5:.*]] = pd.sin %[[V4]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %5 = pd.sin %4 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V6:.*]] = pd.cos %[[V5]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %6 = pd.cos %5 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V7:.*]] = pd.erf %[[V6]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %7 = pd.erf %6 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V8:.*]] = pd.floor %[[V7]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %8 = pd.floor %7 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V9:.*]] = pd.ceil %[[V8]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %9 = pd.ceil %8 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  // CHECK: %[[V10:.*]] = pd.square %[[V9]] : (tensor<?x4xf16>) -> tensor<?x4xf16>
  %10 = pd.square %9 : (tensor<?x4xf16>) -> tensor<?x4xf16>
  return %10 : tensor<?x4xf16>
}

// CHECK-LABEL: func.func @pow(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[F:[^:]*]]: tensor<1xf32>)
func.func @pow(%x: tensor<2x3xf32>, %f: tensor<1xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: %[[V0:.*]] = pd.pow %[[X]] {factor = 3.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.pow %x {factor = 3.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.pow %[[X]] factor_tensor(%[[F]]) : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  %1 = pd.pow %x factor_tensor(%f) : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @scale(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[S:[^:]*]]: tensor<1xf32>)
func.func @scale(%x: tensor<2x3xf32>, %s: tensor<1xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: %[[V0:.*]] = pd.scale %[[X]] {bias = 1.000000e+00 : f32, bias_after_scale = false, scale = 2.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.scale %x {scale = 2.000000e+00 : f32, bias = 1.000000e+00 : f32, bias_after_scale = false} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.scale %[[X]] scale_tensor(%[[S]]) {bias = 5.000000e-01 : f32} : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  %1 = pd.scale %x scale_tensor(%s) {bias = 5.000000e-01 : f32} : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @clip(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[LO:[^:]*]]: tensor<1xf32>, %[[HI:[^:]*]]: tensor<1xf32>)
func.func @clip(%x: tensor<2x3xf32>, %lo: tensor<1xf32>, %hi: tensor<1xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: %{{.*}} = pd.clip %[[X]] {max = 1.000000e+00 : f32, min = -1.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.clip %x {min = -1.000000e+00 : f32, max = 1.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.clip %[[X]] min_tensor(%[[LO]]) max_tensor(%[[HI]]) {max = 0.000000e+00 : f32, min = 0.000000e+00 : f32} : (tensor<2x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  %1 = pd.clip %x min_tensor(%lo) max_tensor(%hi) {min = 0.000000e+00 : f32, max = 0.000000e+00 : f32} : (tensor<2x3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V2:.*]] = pd.clip %[[X]] max_tensor(%[[HI]]) {max = 0.000000e+00 : f32, min = 0.000000e+00 : f32} : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  %2 = pd.clip %x max_tensor(%hi) {min = 0.000000e+00 : f32, max = 0.000000e+00 : f32} : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @assign(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xi64>)
func.func @assign(%x: tensor<2x3xi64>) -> tensor<2x3xi64> {
  // CHECK: %[[V0:.*]] = pd.assign x(%[[X]]) : (tensor<2x3xi64>) -> tensor<2x3xi64>
  %0 = pd.assign x(%x) : (tensor<2x3xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// CHECK-LABEL: func.func @dropout(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @dropout(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: %[[V0:.*]] = pd.dropout %[[X]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.dropout %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.dropout %[[X]] {dropout_implementation = "upscale_in_train", dropout_prob = 1.000000e-01 : f32, is_test = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = pd.dropout %x {dropout_prob = 1.000000e-01 : f32, is_test = true, dropout_implementation = "upscale_in_train"} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @cast(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x?xf32>)
func.func @cast(%x: tensor<2x?xf32>) -> (tensor<2x?xi64>, tensor<2x?xbf16>, tensor<2x?xi1>) {
  // CHECK: %{{.*}} = pd.cast %[[X]] {in_dtype = f32, out_dtype = i64} : (tensor<2x?xf32>) -> tensor<2x?xi64>
  %0 = pd.cast %x {in_dtype = f32, out_dtype = i64} : (tensor<2x?xf32>) -> tensor<2x?xi64>
  // CHECK: %[[V1:.*]] = pd.cast %[[X]] {in_dtype = f32, out_dtype = bf16} : (tensor<2x?xf32>) -> tensor<2x?xbf16>
  %1 = pd.cast %x {in_dtype = f32, out_dtype = bf16} : (tensor<2x?xf32>) -> tensor<2x?xbf16>
  // CHECK: %[[V2:.*]] = pd.cast %[[X]] {in_dtype = f32, out_dtype = i1} : (tensor<2x?xf32>) -> tensor<2x?xi1>
  %2 = pd.cast %x {in_dtype = f32, out_dtype = i1} : (tensor<2x?xf32>) -> tensor<2x?xi1>
  return %0, %1, %2 : tensor<2x?xi64>, tensor<2x?xbf16>, tensor<2x?xi1>
}

// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>, %[[Y:[^:]*]]: tensor<4xf32>, %[[Z:[^:]*]]: tensor<3xf32>)
func.func @elementwise(%x: tensor<2x3x4xf32>, %y: tensor<4xf32>, %z: tensor<3xf32>) -> tensor<2x3x4xf32> {
  // CHECK: %[[V0:.*]] = pd.add %[[X]], %[[Y]] : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %0 = pd.add %x, %y : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V1:.*]] = pd.subtract %[[V0]], %[[Z]] {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  %1 = pd.subtract %0, %z {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V2:.*]] = pd.multiply %[[V1]], %[[X]] : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %2 = pd.multiply %1, %x : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V3:.*]] = pd.divide %[[V2]], %[[Y]] {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %3 = pd.divide %2, %y {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V4:.*]] = pd.elementwise_pow %[[V3]], %[[Y]] : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %4 = pd.elementwise_pow %3, %y : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V5:.*]] = pd.maximum %[[V4]], %[[X]] : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %5 = pd.maximum %4, %x : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V6:.*]] = pd.minimum %[[V5]], %[[X]] : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %6 = pd.minimum %5, %x : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %6 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @elementwise_int(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3xi32>, %[[Y:[^:]*]]: tensor<1x3xi32>)
func.func @elementwise_int(%x: tensor<?x3xi32>, %y: tensor<1x3xi32>) -> tensor<?x3xi32> {
  // CHECK: %[[V0:.*]] = pd.remainder %[[X]], %[[Y]] : (tensor<?x3xi32>, tensor<1x3xi32>) -> tensor<?x3xi32>
  %0 = pd.remainder %x, %y : (tensor<?x3xi32>, tensor<1x3xi32>) -> tensor<?x3xi32>
  // CHECK: %[[V1:.*]] = pd.floor_divide %[[V0]], %[[Y]] : (tensor<?x3xi32>, tensor<1x3xi32>) -> tensor<?x3xi32>
  %1 = pd.floor_divide %0, %y : (tensor<?x3xi32>, tensor<1x3xi32>) -> tensor<?x3xi32>
  return %1 : tensor<?x3xi32>
}

// CHECK-LABEL: func.func @elementwise_broadcast_x(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<3x1xf32>, %[[Y:[^:]*]]: tensor<2x1x4xf32>)
func.func @elementwise_broadcast_x(%x: tensor<3x1xf32>, %y: tensor<2x1x4xf32>) -> tensor<2x3x4xf32> {
  // CHECK: %[[V0:.*]] = pd.add %[[X]], %[[Y]] : (tensor<3x1xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
  %0 = pd.add %x, %y : (tensor<3x1xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// Legacy alignment (axis >= 0): equal shapes ignore axis, a negative axis
// counts from |rank(x) - rank(y)| + 1, and 1s broadcast on either side.
// CHECK-LABEL: func.func @elementwise_legacy_axis(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<2x1x4xf32>, %[[Z:[^:]*]]: tensor<3xf32>, %[[W:[^:]*]]: tensor<1x3xf32>)
func.func @elementwise_legacy_axis(%x: tensor<2x3xf32>, %y: tensor<2x1x4xf32>, %z: tensor<3xf32>, %w: tensor<1x3xf32>) -> (tensor<2x3xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  // CHECK: %{{.*}} = pd.add %[[X]], %[[X]] {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.add %x, %x {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.add %[[Y]], %[[Z]] {axis = 1 : i64} : (tensor<2x1x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  %1 = pd.add %y, %z {axis = 1 : i64} : (tensor<2x1x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  // CHECK: %[[V2:.*]] = pd.multiply %[[Y]], %[[W]] {axis = -2 : i64} : (tensor<2x1x4xf32>, tensor<1x3xf32>) -> tensor<2x3x4xf32>
  %2 = pd.multiply %y, %w {axis = -2 : i64} : (tensor<2x1x4xf32>, tensor<1x3xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @add_n(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2xf32>, %[[Y:[^:]*]]: tensor<2xf32>, %[[Z:[^:]*]]: tensor<2xf32>)
func.func @add_n(%x: tensor<2xf32>, %y: tensor<2xf32>, %z: tensor<2xf32>) -> tensor<2xf32> {
  // CHECK: %[[V0:.*]] = pd.add_n[%[[X]], %[[Y]], %[[Z]]] : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %0 = pd.add_n [%x, %y, %z] : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// CHECK-LABEL: func.func @compare(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<3xf32>)
func.func @compare(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>) {
  // CHECK: %{{.*}} = pd.equal %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %0 = pd.equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: %{{.*}} = pd.not_equal %[[X]], %[[Y]] {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %1 = pd.not_equal %x, %y {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: %{{.*}} = pd.less_than %[[X]], %[[Y]] {force_cpu = true} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %2 = pd.less_than %x, %y {force_cpu = true} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: %{{.*}} = pd.less_equal %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = pd.less_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: %[[V4:.*]] = pd.greater_than %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %4 = pd.greater_than %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: %[[V5:.*]] = pd.greater_equal %[[X]], %[[Y]] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %5 = pd.greater_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>
}

// CHECK-LABEL: func.func @logical(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4xi1>, %[[B:[^:]*]]: tensor<4xi1>, %[[X:[^:]*]]: tensor<4xf32>, %[[Y:[^:]*]]: tensor<4xf32>)
func.func @logical(%a: tensor<4xi1>, %b: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[V0:.*]] = pd.logical_and %[[A]], %[[B]] : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %0 = pd.logical_and %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: %[[V1:.*]] = pd.logical_or %[[V0]], %[[B]] : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = pd.logical_or %0, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: %[[V2:.*]] = pd.logical_xor %[[V1]], %[[A]] : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = pd.logical_xor %1, %a : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: %[[V3:.*]] = pd.logical_not %[[V2]] : (tensor<4xi1>) -> tensor<4xi1>
  %3 = pd.logical_not %2 : (tensor<4xi1>) -> tensor<4xi1>
  // CHECK: %[[V4:.*]] = pd.where %[[V3]], %[[X]], %[[Y]] : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %4 = pd.where %3, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %4 : tensor<4xf32>
}

// CHECK-LABEL: func.func @reduce(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>)
func.func @reduce(%x: tensor<2x3x4xf32>) -> (tensor<2xf32>, tensor<2x1x1xf32>, tensor<f32>, tensor<3x4xf32>, tensor<2x3xf32>) {
  // CHECK: %{{.*}} = pd.mean %[[X]] {dim = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2xf32>
  %0 = pd.mean %x {dim = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2xf32>
  // CHECK: %{{.*}} = pd.max %[[X]] {dim = array<i64: -2, -1>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %1 = pd.max %x {dim = array<i64: -2, -1>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  // CHECK: %{{.*}} = pd.min %[[X]] {reduce_all = true} : (tensor<2x3x4xf32>) -> tensor<f32>
  %2 = pd.min %x {reduce_all = true} : (tensor<2x3x4xf32>) -> tensor<f32>
  // CHECK: %[[V3:.*]] = pd.prod %[[X]] : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  %3 = pd.prod %x : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  // CHECK: %[[V4:.*]] = pd.sum %[[X]] {dim = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  %4 = pd.sum %x {dim = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2x1x1xf32>, tensor<f32>, tensor<3x4xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @sum_dtype(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xi32>)
func.func @sum_dtype(%x: tensor<2x3xi32>) -> tensor<2xi64> {
  // CHECK: %[[V0:.*]] = pd.sum %[[X]] {dim = array<i64: 1>, in_dtype = i32, out_dtype = i64} : (tensor<2x3xi32>) -> tensor<2xi64>
  %0 = pd.sum %x {dim = array<i64: 1>, in_dtype = i32, out_dtype = i64} : (tensor<2x3xi32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// CHECK-LABEL: func.func @arg_reduce(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @arg_reduce(%x: tensor<2x3xf32>) -> (tensor<2xi64>, tensor<2x1xi32>) {
  // CHECK: %[[V0:.*]] = pd.argmax %[[X]] {axis = 1 : i64, dtype = i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  %0 = pd.argmax %x {axis = 1 : i64, dtype = i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  // CHECK: %[[V1:.*]] = pd.argmin %[[X]] {axis = -1 : i64, dtype = i32, keepdims = true} : (tensor<2x3xf32>) -> tensor<2x1xi32>
  %1 = pd.argmin %x {axis = -1 : i64, keepdims = true, dtype = i32} : (tensor<2x3xf32>) -> tensor<2x1xi32>
  return %0, %1 : tensor<2xi64>, tensor<2x1xi32>
}

// CHECK-LABEL: func.func @cumsum(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @cumsum(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[V0:.*]] = pd.cumsum %[[X]] {axis = 0 : i64, exclusive = true, reverse = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.cumsum %x {axis = 0 : i64, exclusive = true, reverse = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @topk(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x8xf32>, %[[K:[^:]*]]: tensor<1xi32>)
func.func @topk(%x: tensor<2x8xf32>, %k: tensor<1xi32>) -> (tensor<2x3xf32>, tensor<2x3xi64>, tensor<2x?xf32>, tensor<2x?xi64>) {
  // CHECK: %{{.*}}, %{{.*}} = pd.topk %[[X]] {k = 3 : i64} : (tensor<2x8xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  %0:2 = pd.topk %x {k = 3 : i64} : (tensor<2x8xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  // CHECK: %{{.*}}, %{{.*}} = pd.topk %[[X]] k_tensor(%[[K]]) {largest = false, sorted = false} : (tensor<2x8xf32>, tensor<1xi32>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  %1:2 = pd.topk %x k_tensor(%k) {largest = false, sorted = false} : (tensor<2x8xf32>, tensor<1xi32>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return %0#0, %0#1, %1#0, %1#1 : tensor<2x3xf32>, tensor<2x3xi64>, tensor<2x?xf32>, tensor<2x?xi64>
}

// CHECK-LABEL: func.func @softmax(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @softmax(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: %[[V0:.*]] = pd.softmax %[[X]] {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.softmax %x {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: %[[V1:.*]] = pd.log_softmax %[[X]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = pd.log_softmax %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @p_norm(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @p_norm(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  // CHECK: %[[V0:.*]] = pd.p_norm %[[X]] {axis = 1 : i64, porder = 1.000000e+00 : f32} : (tensor<2x3xf32>) -> tensor<2xf32>
  %0 = pd.p_norm %x {porder = 1.000000e+00 : f32, axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<8x2x3xf32>, %[[Y:[^:]*]]: tensor<3x4xf32>, %[[V:[^:]*]]: tensor<3xf32>)
func.func @matmul(%x: tensor<8x2x3xf32>, %y: tensor<3x4xf32>, %v: tensor<3xf32>) -> (tensor<8x2x4xf32>, tensor<8x3x3xf32>, tensor<8x2xf32>) {
  // CHECK: %{{.*}} = pd.matmul %[[X]], %[[Y]] : (tensor<8x2x3xf32>, tensor<3x4xf32>) -> tensor<8x2x4xf32>
  %0 = pd.matmul %x, %y : (tensor<8x2x3xf32>, tensor<3x4xf32>) -> tensor<8x2x4xf32>
  // CHECK: %[[V1:.*]] = pd.matmul %[[X]], %[[X]] {transpose_x = true} : (tensor<8x2x3xf32>, tensor<8x2x3xf32>) -> tensor<8x3x3xf32>
  %1 = pd.matmul %x, %x {transpose_x = true} : (tensor<8x2x3xf32>, tensor<8x2x3xf32>) -> tensor<8x3x3xf32>
  // CHECK: %[[V2:.*]] = pd.matmul %[[X]], %[[V]] : (tensor<8x2x3xf32>, tensor<3xf32>) -> tensor<8x2xf32>
  %2 = pd.matmul %x, %v : (tensor<8x2x3xf32>, tensor<3xf32>) -> tensor<8x2xf32>
  return %0, %1, %2 : tensor<8x2x4xf32>, tensor<8x3x3xf32>, tensor<8x2xf32>
}

// CHECK-LABEL: func.func @legacy_matmul(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<4x3xf32>)
func.func @legacy_matmul(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // CHECK: %[[V0:.*]] = pd.legacy_matmul %[[X]], %[[Y]] {alpha = 5.000000e-01 : f32, transpose_y = true} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  %0 = pd.legacy_matmul %x, %y {transpose_y = true, alpha = 5.000000e-01 : f32} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @matmul_with_flatten(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>, %[[Y:[^:]*]]: tensor<12x5xf32>)
func.func @matmul_with_flatten(%x: tensor<2x3x4xf32>, %y: tensor<12x5xf32>) -> tensor<2x5xf32> {
  // CHECK: %[[V0:.*]] = pd.matmul_with_flatten %[[X]], %[[Y]] : (tensor<2x3x4xf32>, tensor<12x5xf32>) -> tensor<2x5xf32>
  %0 = pd.matmul_with_flatten %x, %y {x_num_col_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<12x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}
