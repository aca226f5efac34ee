// RUN: oar-opt %s | oar-opt | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s
//
// Round trip of the pd control-flow ops (pd.if, pd.while, pd.yield), the
// tensor-array type and ops, and pd.increment.

// CHECK-LABEL: func.func @if_two_results(
// CHECK:         %{{.*}}:2 = pd.if %{{.*}} : tensor<1xi1> -> (tensor<2xf32>, tensor<i64>) {
// CHECK:           pd.yield %{{.*}}, %{{.*}} : tensor<2xf32>, tensor<i64>
// CHECK:         } else {
// CHECK:           pd.yield %{{.*}}, %{{.*}} : tensor<2xf32>, tensor<i64>
// CHECK:         }
func.func @if_two_results(%c: tensor<1xi1>, %a: tensor<2xf32>, %b: tensor<2xf32>,
                          %i: tensor<i64>) -> (tensor<2xf32>, tensor<i64>) {
  %r:2 = pd.if %c : tensor<1xi1> -> (tensor<2xf32>, tensor<i64>) {
    pd.yield %a, %i : tensor<2xf32>, tensor<i64>
  } else {
    pd.yield %b, %i : tensor<2xf32>, tensor<i64>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<i64>
}

// CHECK-LABEL: func.func @if_no_results(
// CHECK:         pd.if %{{.*}} : tensor<i1> {
// CHECK-NEXT:      pd.yield
// CHECK-NEXT:    } else {
func.func @if_no_results(%c: tensor<i1>) {
  pd.if %c : tensor<i1> {
    pd.yield
  } else {
    pd.yield
  }
  return
}

// CHECK-LABEL: func.func @while_counter(
// CHECK:         %{{.*}}:2 = pd.while (%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1xi1>, tensor<1xi64>, tensor<2xf32>) -> (tensor<1xi64>, tensor<?xf32>) {
// CHECK:         ^bb0(%[[I:.*]]: tensor<1xi64>, %[[ACC:.*]]: tensor<?xf32>):
// CHECK:           pd.increment %[[I]] : tensor<1xi64>
// CHECK:           pd.less_than
// CHECK:           pd.yield %{{.*}}, %{{.*}}, %{{.*}} : tensor<1xi1>, tensor<1xi64>, tensor<?xf32>
func.func @while_counter(%c: tensor<1xi1>, %i0: tensor<1xi64>, %n: tensor<1xi64>,
                         %acc0: tensor<2xf32>, %acc1: tensor<?xf32>)
    -> (tensor<1xi64>, tensor<?xf32>) {
  %r:2 = pd.while (%c, %i0, %acc0) : (tensor<1xi1>, tensor<1xi64>, tensor<2xf32>) -> (tensor<1xi64>, tensor<?xf32>) {
  ^bb0(%i: tensor<1xi64>, %acc: tensor<?xf32>):
    %j = pd.increment %i {step = 1.0 : f32} : tensor<1xi64>
    %cond = pd.less_than %j, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
    pd.yield %cond, %j, %acc1 : tensor<1xi1>, tensor<1xi64>, tensor<?xf32>
  }
  return %r#0, %r#1 : tensor<1xi64>, tensor<?xf32>
}

// CHECK-LABEL: func.func @while_no_carried(
// CHECK:         pd.while (%{{.*}}) : (tensor<i1>) -> () {
func.func @while_no_carried(%c: tensor<i1>) {
  pd.while (%c) : (tensor<i1>) -> () {
    pd.yield %c : tensor<i1>
  }
  return
}

// CHECK-LABEL: func.func @arrays(
// CHECK:         %[[A:.*]] = pd.create_array : !pd.tensor_array<tensor<?x3xf32>>
// CHECK:         %[[B:.*]] = pd.array_write %[[A]], %{{.*}}, %{{.*}} : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<?x3xf32>>
// CHECK:         pd.array_read %[[B]], %{{.*}} : (!pd.tensor_array<tensor<?x3xf32>>, tensor<1xi32>) -> tensor<?x3xf32>
// CHECK:         pd.array_length %[[B]] : (!pd.tensor_array<tensor<?x3xf32>>) -> tensor<1xi64>
// CHECK:         pd.array_to_tensor %[[B]] {use_stack = true} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x?x3xf32>, tensor<?xi32>)
// CHECK:         pd.array_to_tensor %[[B]] {axis = 1 : i32} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x?xf32>, tensor<?xi32>)
func.func @arrays(%x: tensor<2x3xf32>, %i: tensor<1xi64>, %j: tensor<1xi32>)
    -> (tensor<?x3xf32>, tensor<1xi64>, tensor<?x?x3xf32>, tensor<?x?xf32>) {
  %a = pd.create_array : !pd.tensor_array<tensor<?x3xf32>>
  %b = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<?x3xf32>>
  %r = pd.array_read %b, %j : (!pd.tensor_array<tensor<?x3xf32>>, tensor<1xi32>) -> tensor<?x3xf32>
  %n = pd.array_length %b : (!pd.tensor_array<tensor<?x3xf32>>) -> tensor<1xi64>
  %s, %si = pd.array_to_tensor %b {axis = 0 : i32, use_stack = true} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x?x3xf32>, tensor<?xi32>)
  %t, %ti = pd.array_to_tensor %b {axis = 1 : i32} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x?xf32>, tensor<?xi32>)
  return %r, %n, %s, %t : tensor<?x3xf32>, tensor<1xi64>, tensor<?x?x3xf32>, tensor<?x?xf32>
}

// Arrays flow through control flow; unranked element types are allowed.
// CHECK-LABEL: func.func @array_in_loop(
// CHECK:         pd.while (%{{.*}}, %{{.*}}) : (tensor<1xi1>, !pd.tensor_array<tensor<*xf32>>) -> !pd.tensor_array<tensor<*xf32>>
func.func @array_in_loop(%c: tensor<1xi1>, %x: tensor<4xf32>, %i: tensor<1xi64>)
    -> !pd.tensor_array<tensor<*xf32>> {
  %a = pd.create_array : !pd.tensor_array<tensor<*xf32>>
  %r = pd.while (%c, %a) : (tensor<1xi1>, !pd.tensor_array<tensor<*xf32>>) -> !pd.tensor_array<tensor<*xf32>> {
  ^bb0(%arr: !pd.tensor_array<tensor<*xf32>>):
    %n = pd.array_write %arr, %x, %i : (!pd.tensor_array<tensor<*xf32>>, tensor<4xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<*xf32>>
    pd.yield %c, %n : tensor<1xi1>, !pd.tensor_array<tensor<*xf32>>
  }
  return %r : !pd.tensor_array<tensor<*xf32>>
}

// CHECK-LABEL: func.func @if_array_result(
// CHECK:         pd.if %{{.*}} : tensor<i1> -> (!pd.tensor_array<tensor<?xf32>>) {
// CHECK:           pd.yield %{{.*}} : !pd.tensor_array<tensor<?xf32>>
func.func @if_array_result(%c: tensor<i1>, %a: !pd.tensor_array<tensor<?xf32>>,
                           %b: !pd.tensor_array<tensor<?xf32>>) -> !pd.tensor_array<tensor<?xf32>> {
  %r = pd.if %c : tensor<i1> -> (!pd.tensor_array<tensor<?xf32>>) {
    pd.yield %a : !pd.tensor_array<tensor<?xf32>>
  } else {
    pd.yield %b : !pd.tensor_array<tensor<?xf32>>
  }
  return %r : !pd.tensor_array<tensor<?xf32>>
}
