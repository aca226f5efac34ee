// RUN: oar-opt --convert-pd-to-onnx=opset=13 -split-input-file %s | FileCheck %s
//
// full, full_batch_size_like, full_like, assign_value, arange.

// A shape known at conversion: a constant. str_value overrides value and
// keeps int64 and non-finite values exact; float values are truncated into
// integer dtypes as Paddle does.
// CHECK-LABEL: func.func @full_const(
func.func @full_const() -> (tensor<2x3xf32>, tensor<2xi64>, tensor<3xf32>, tensor<3xi64>, tensor<2xi1>, tensor<?x3xf32>) {
  // CHECK: %[[A:.*]] = onnx.Constant() {value = dense<1.500000e+00> : tensor<2x3xf32>}
  %0 = pd.full {dtype = f32, shape = array<i64: 2, 3>, value = 1.5 : f32} : () -> tensor<2x3xf32>
  // CHECK: %[[B:.*]] = onnx.Constant() {value = dense<9007199254740993> : tensor<2xi64>}
  %1 = pd.full {dtype = i64, shape = array<i64: 2>, value = 9.0e15 : f32, str_value = "9007199254740993"} : () -> tensor<2xi64>
  // CHECK: %[[C:.*]] = onnx.Constant() {value = dense<0xFF800000> : tensor<3xf32>}
  %2 = pd.full {dtype = f32, shape = array<i64: 3>, str_value = "-inf"} : () -> tensor<3xf32>
  // CHECK: %[[D:.*]] = onnx.Constant() {value = dense<3> : tensor<3xi64>}
  %3 = pd.full {dtype = i64, shape = array<i64: 3>, value = 3.9 : f32} : () -> tensor<3xi64>
  // CHECK: %[[E:.*]] = onnx.Constant() {value = dense<true> : tensor<2xi1>}
  %4 = pd.full {dtype = i1, shape = array<i64: 2>, value = 1.0 : f32} : () -> tensor<2xi1>
  // A result type that says less than the shape attribute keeps its type.
  // CHECK: %[[FV:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<2x3xf32>}
  // CHECK: %[[F:.*]] = onnx.Identity(%[[FV]]) : (tensor<2x3xf32>) -> tensor<?x3xf32>
  %5 = pd.full {dtype = f32, shape = array<i64: 2, 3>} : () -> tensor<?x3xf32>
  // CHECK: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]]
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<2xi64>, tensor<3xf32>, tensor<3xi64>, tensor<2xi1>, tensor<?x3xf32>
}

// -----

// A shape tensor (or a list of 1-element dims): ConstantOfShape. A value
// tensor: Expand.
// CHECK-LABEL: func.func @full_dynamic(
// CHECK-SAME:      %[[S:[^:]*]]: tensor<2xi32>, %[[D0:[^:]*]]: tensor<1xi64>, %[[D1:[^:]*]]: tensor<1xi32>, %[[V:[^:]*]]: tensor<1xf32>)
func.func @full_dynamic(%s: tensor<2xi32>, %d0: tensor<1xi64>, %d1: tensor<1xi32>, %v: tensor<1xf32>) -> (tensor<?x?xf32>, tensor<?x?xi32>, tensor<2x3xf32>) {
  // CHECK: %[[S64:.*]] = onnx.Cast(%[[S]]) {to = 7 : i64} : (tensor<2xi32>) -> tensor<2xi64>
  // CHECK: onnx.ConstantOfShape(%[[S64]]) {value = dense<2.500000e+00> : tensor<1xf32>} : (tensor<2xi64>) -> tensor<?x?xf32>
  %0 = pd.full shape_tensor(%s) {dtype = f32, shape = array<i64: -1, -1>, value = 2.5 : f32} : (tensor<2xi32>) -> tensor<?x?xf32>
  // CHECK: %[[D164:.*]] = onnx.Cast(%[[D1]]) {to = 7 : i64}
  // CHECK: %[[SH:.*]] = onnx.Concat(%[[D0]], %[[D164]]) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  // CHECK: onnx.ConstantOfShape(%[[SH]]) {value = dense<-7> : tensor<1xi32>}
  %1 = pd.full shape_tensor_list[%d0, %d1] {dtype = i32, value = -7.0 : f32} : (tensor<1xi64>, tensor<1xi32>) -> tensor<?x?xi32>
  // CHECK: %[[VS:.*]] = onnx.Reshape(%[[V]], %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
  // CHECK: %[[SC:.*]] = onnx.Constant() {value = dense<[2, 3]> : tensor<2xi64>}
  // CHECK: onnx.Expand(%[[VS]], %[[SC]]) : (tensor<f32>, tensor<2xi64>) -> tensor<2x3xf32>
  %2 = pd.full value_tensor(%v) {dtype = f32, shape = array<i64: 2, 3>} : (tensor<1xf32>) -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<?x?xi32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @full_batch_size_like(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3xf32>, %[[Y:[^:]*]]: tensor<5x3xf32>)
func.func @full_batch_size_like(%x: tensor<?x3xf32>, %y: tensor<5x3xf32>) -> (tensor<2x?x4xf32>, tensor<5x4xi64>) {
  // CHECK: %[[SH:.*]] = onnx.Shape(%[[X]]) : (tensor<?x3xf32>) -> tensor<2xi64>
  // CHECK: %[[B:.*]] = onnx.Slice(%[[SH]], {{.*}}) : (tensor<2xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<1xi64>
  // CHECK: %[[HEAD:.*]] = onnx.Constant() {value = dense<2> : tensor<1xi64>}
  // CHECK: %[[TAIL:.*]] = onnx.Constant() {value = dense<4> : tensor<1xi64>}
  // CHECK: %[[OS:.*]] = onnx.Concat(%[[HEAD]], %[[B]], %[[TAIL]]) {axis = 0 : i64}
  // CHECK: onnx.ConstantOfShape(%[[OS]]) {value = dense<1.000000e+00> : tensor<1xf32>} : (tensor<3xi64>) -> tensor<2x?x4xf32>
  %0 = pd.full_batch_size_like %x {dtype = f32, shape = array<i64: 2, -1, 4>, output_dim_idx = 1, value = 1.0 : f32} : (tensor<?x3xf32>) -> tensor<2x?x4xf32>
  // A static batch dim: a constant.
  // CHECK: onnx.Constant() {value = dense<8> : tensor<5x4xi64>}
  %1 = pd.full_batch_size_like %y {dtype = i64, shape = array<i64: -1, 4>, str_value = "8"} : (tensor<5x3xf32>) -> tensor<5x4xi64>
  return %0, %1 : tensor<2x?x4xf32>, tensor<5x4xi64>
}

// -----

// CHECK-LABEL: func.func @full_like(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3xf32>, %[[Y:[^:]*]]: tensor<2x3xf32>)
func.func @full_like(%x: tensor<?x3xf32>, %y: tensor<2x3xf32>) -> (tensor<?x3xi64>, tensor<2x3xf32>) {
  // CHECK: %[[SH:.*]] = onnx.Shape(%[[X]]) : (tensor<?x3xf32>) -> tensor<2xi64>
  // CHECK: onnx.ConstantOfShape(%[[SH]]) {value = dense<-2> : tensor<1xi64>} : (tensor<2xi64>) -> tensor<?x3xi64>
  %0 = pd.full_like %x {value = -2.0 : f32, dtype = i64} : (tensor<?x3xf32>) -> tensor<?x3xi64>
  // CHECK: onnx.Constant() {value = dense<5.000000e-01> : tensor<2x3xf32>}
  %1 = pd.full_like %y {value = 0.5 : f32} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<?x3xi64>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @assign_value(
func.func @assign_value() -> (tensor<2x2xi32>, tensor<3xf32>, tensor<2xi1>, tensor<2xi64>, tensor<0xf32>) {
  // CHECK: onnx.Constant() {value = dense<{{\[}}[1, -2], [3, 4]]> : tensor<2x2xi32>}
  %0 = pd.assign_value {dtype = i32, shape = array<i64: 2, 2>, int32_values = array<i64: 1, -2, 3, 4>} : () -> tensor<2x2xi32>
  // CHECK: onnx.Constant() {value = dense<[5.000000e-01, -1.000000e+00, 2.000000e+00]> : tensor<3xf32>}
  %1 = pd.assign_value {dtype = f32, shape = array<i64: 3>, fp32_values = array<f32: 0.5, -1.0, 2.0>} : () -> tensor<3xf32>
  // CHECK: onnx.Constant() {value = dense<[true, false]> : tensor<2xi1>}
  %2 = pd.assign_value {dtype = i1, shape = array<i64: 2>, bool_values = array<i64: 1, 0>} : () -> tensor<2xi1>
  // CHECK: onnx.Constant() {value = dense<[9007199254740993, -1]> : tensor<2xi64>}
  %3 = pd.assign_value {dtype = i64, shape = array<i64: 2>, int64_values = array<i64: 9007199254740993, -1>} : () -> tensor<2xi64>
  // CHECK: onnx.Constant() {value = dense<> : tensor<0xf32>}
  %4 = pd.assign_value {dtype = f32, shape = array<i64: 0>} : () -> tensor<0xf32>
  return %0, %1, %2, %3, %4 : tensor<2x2xi32>, tensor<3xf32>, tensor<2xi1>, tensor<2xi64>, tensor<0xf32>
}

// -----

// arange: Range of 0-D start, end, step of the result's type.
// CHECK-LABEL: func.func @arange(
// CHECK-SAME:      %[[S:[^:]*]]: tensor<1xi64>, %[[E:[^:]*]]: tensor<1xi64>, %[[T:[^:]*]]: tensor<1xi64>, %[[F:[^:]*]]: tensor<1xf32>)
func.func @arange(%s: tensor<1xi64>, %e: tensor<1xi64>, %t: tensor<1xi64>, %f: tensor<1xf32>) -> (tensor<?xi64>, tensor<?xf32>) {
  // CHECK: %[[S0:.*]] = onnx.Reshape(%[[S]], %{{.*}}) : (tensor<1xi64>, tensor<0xi64>) -> tensor<i64>
  // CHECK: %[[E0:.*]] = onnx.Reshape(%[[E]], %{{.*}})
  // CHECK: %[[T0:.*]] = onnx.Reshape(%[[T]], %{{.*}})
  // CHECK: onnx.Range(%[[S0]], %[[E0]], %[[T0]]) : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  %0 = pd.arange %s, %e, %t : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  // Operands of another type are cast to the result's.
  // CHECK: %[[SF:.*]] = onnx.Reshape(%[[S]], %{{.*}})
  // CHECK: %[[SC:.*]] = onnx.Cast(%[[SF]]) {to = 1 : i64} : (tensor<i64>) -> tensor<f32>
  // CHECK: onnx.Range(%[[SC]], {{.*}}) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  %1 = pd.arange %s, %f, %f : (tensor<1xi64>, tensor<1xf32>, tensor<1xf32>) -> tensor<?xf32>
  return %0, %1 : tensor<?xi64>, tensor<?xf32>
}
