// RUN: oar-opt %s -split-input-file -canonicalize | FileCheck %s
//
// Folding of pd.if and pd.while with a constant condition.

// CHECK-LABEL: func.func @if_true(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<2xf32>, %[[B:[^:]*]]: tensor<2xf32>)
// CHECK-NOT:     pd.if
// CHECK:         %[[R:.*]] = pd.relu %[[A]]
// CHECK:         return %[[R]], %[[A]]
func.func @if_true(%a: tensor<2xf32>, %b: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) {
  %c = arith.constant dense<true> : tensor<1xi1>
  %r:2 = pd.if %c : tensor<1xi1> -> (tensor<2xf32>, tensor<2xf32>) {
    %t = pd.relu %a : (tensor<2xf32>) -> tensor<2xf32>
    pd.yield %t, %a : tensor<2xf32>, tensor<2xf32>
  } else {
    pd.yield %b, %b : tensor<2xf32>, tensor<2xf32>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @if_false(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<2xf32>, %[[B:[^:]*]]: tensor<2xf32>)
// CHECK-NOT:     pd.if
// CHECK-NOT:     pd.relu
// CHECK:         return %[[B]]
func.func @if_false(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %c = arith.constant dense<false> : tensor<i1>
  %r = pd.if %c : tensor<i1> -> (tensor<2xf32>) {
    %t = pd.relu %a : (tensor<2xf32>) -> tensor<2xf32>
    pd.yield %t : tensor<2xf32>
  } else {
    pd.yield %b : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// A condition that is not a constant keeps the pd.if.
// CHECK-LABEL: func.func @if_unknown(
// CHECK:         pd.if
func.func @if_unknown(%c: tensor<1xi1>, %a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %r = pd.if %c : tensor<1xi1> -> (tensor<2xf32>) {
    pd.yield %a : tensor<2xf32>
  } else {
    pd.yield %b : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @while_false(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<2xf32>)
// CHECK-NOT:     pd.while
// CHECK:         return %[[A]]
func.func @while_false(%a: tensor<2xf32>) -> tensor<2xf32> {
  %c = arith.constant dense<false> : tensor<1xi1>
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    %y = pd.relu %x : (tensor<2xf32>) -> tensor<2xf32>
    pd.yield %c, %y : tensor<1xi1>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// The results are more dynamic than the init: folding would lose that, so
// the loop stays (it is dead code only if its results are unused).
// CHECK-LABEL: func.func @while_false_dynamic(
// CHECK:         pd.while
func.func @while_false_dynamic(%a: tensor<2xf32>) -> tensor<?xf32> {
  %c = arith.constant dense<false> : tensor<1xi1>
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<?xf32> {
  ^bb0(%x: tensor<?xf32>):
    pd.yield %c, %x : tensor<1xi1>, tensor<?xf32>
  }
  return %r : tensor<?xf32>
}

// -----

// A true initial condition keeps the loop.
// CHECK-LABEL: func.func @while_true(
// CHECK:         pd.while
func.func @while_true(%a: tensor<2xf32>, %d: tensor<1xi1>) -> tensor<2xf32> {
  %c = arith.constant dense<true> : tensor<1xi1>
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    %y = pd.relu %x : (tensor<2xf32>) -> tensor<2xf32>
    pd.yield %d, %y : tensor<1xi1>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}
