// RUN: oar-opt %s | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s
//
// The generic form of ops with AttrSizedOperandSegments: operandSegmentSizes
// is a property, and optional groups left empty print nothing in the custom
// form.

// CHECK-LABEL: func.func @reshape_generic(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[S:[^:]*]]: tensor<2xi64>, %[[D0:[^:]*]]: tensor<1xi32>, %[[D1:[^:]*]]: tensor<1xi32>)
// CHECK: pd.reshape %[[X]] shape_tensor(%[[S]]) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
// CHECK: pd.reshape %[[X]] shape_tensor_list[%[[D0]], %[[D1]]] {shape = array<i64: -1, -1>} : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
// CHECK: pd.reshape %[[X]] {shape = array<i64: 6>} : (tensor<2x3xf32>) -> tensor<6xf32>
// GENERIC-LABEL: sym_name = "reshape_generic"
// GENERIC: "pd.reshape"(%{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 0>, shape = array<i64>}>
// GENERIC: "pd.reshape"(%{{.*}}, %{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 0, 2>, shape = array<i64: -1, -1>}>
// GENERIC: "pd.reshape"(%{{.*}}) <{operandSegmentSizes = array<i32: 1, 0, 0>, shape = array<i64: 6>}>
func.func @reshape_generic(%x: tensor<2x3xf32>, %s: tensor<2xi64>, %d0: tensor<1xi32>, %d1: tensor<1xi32>) -> (tensor<?x?xf32>, tensor<?x?xf32>, tensor<6xf32>) {
  %0 = "pd.reshape"(%x, %s) <{operandSegmentSizes = array<i32: 1, 1, 0>, shape = array<i64>}> : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %1 = "pd.reshape"(%x, %d0, %d1) <{operandSegmentSizes = array<i32: 1, 0, 2>, shape = array<i64: -1, -1>}> : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  %2 = "pd.reshape"(%x) <{operandSegmentSizes = array<i32: 1, 0, 0>, shape = array<i64: 6>}> : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<?x?xf32>, tensor<6xf32>
}

// CHECK-LABEL: func.func @slice_generic(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x8xf32>, %[[S0:[^:]*]]: tensor<1xi64>, %[[E:[^:]*]]: tensor<1xi64>)
// CHECK: pd.slice %[[X]] ends_tensor(%[[E]]) starts_tensor_list[%[[S0]]] {axes = array<i64: 0>} : (tensor<4x8xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x8xf32>
// GENERIC-LABEL: sym_name = "slice_generic"
// GENERIC: "pd.slice"(%{{.*}}, %{{.*}}, %{{.*}}) <{axes = array<i64: 0>, decrease_axis = array<i64>, ends = array<i64>, infer_flags = array<i64>, operandSegmentSizes = array<i32: 1, 0, 1, 1, 0>, starts = array<i64>}>
func.func @slice_generic(%x: tensor<4x8xf32>, %s0: tensor<1xi64>, %e: tensor<1xi64>) -> tensor<?x8xf32> {
  %0 = "pd.slice"(%x, %e, %s0) <{axes = array<i64: 0>, operandSegmentSizes = array<i32: 1, 0, 1, 1, 0>}> : (tensor<4x8xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @full_generic(
// CHECK-SAME:      %[[D0:[^:]*]]: tensor<1xi64>, %[[D1:[^:]*]]: tensor<1xi64>)
// CHECK: pd.full shape_tensor_list[%[[D0]], %[[D1]]] {dtype = f32, value = 2.000000e+00 : f32} : (tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
// GENERIC-LABEL: sym_name = "full_generic"
// GENERIC: "pd.full"(%{{.*}}, %{{.*}}) <{dtype = f32, force_cpu = false, operandSegmentSizes = array<i32: 0, 0, 2>, place_type = -1 : i64, shape = array<i64>, str_value = "", value = 2.000000e+00 : f32}>
func.func @full_generic(%d0: tensor<1xi64>, %d1: tensor<1xi64>) -> tensor<?x?xf32> {
  %0 = "pd.full"(%d0, %d1) <{dtype = f32, operandSegmentSizes = array<i32: 0, 0, 2>, value = 2.0 : f32}> : (tensor<1xi64>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @batch_norm_generic(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x4xf32>, %[[B:[^:]*]]: tensor<4xf32>, %[[M:[^:]*]]: tensor<4xf32>, %[[V:[^:]*]]: tensor<4xf32>)
// CHECK: pd.batch_norm %[[X]], %[[M]], %[[V]] bias(%[[B]]) {is_test = true} : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// GENERIC-LABEL: sym_name = "batch_norm_generic"
// GENERIC: "pd.batch_norm"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) <{{{.*}}operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0>
func.func @batch_norm_generic(%x: tensor<2x4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "pd.batch_norm"(%x, %m, %v, %b) <{is_test = true, operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0>}> : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
