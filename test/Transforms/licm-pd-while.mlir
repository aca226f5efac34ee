// RUN: oar-opt %s -split-input-file --loop-invariant-code-motion | FileCheck %s
//
// pd.while implements LoopLikeOpInterface: upstream LICM hoists the ops of
// its body that depend only on values defined outside the loop.

// CHECK-LABEL: func.func @hoist(
// CHECK-SAME:      %[[C:[^:]*]]: tensor<1xi1>, %[[I:[^:]*]]: tensor<1xi64>, %[[W:[^:]*]]: tensor<4xf32>, %[[N:[^:]*]]: tensor<1xi64>)
// CHECK:         %[[INV:.*]] = pd.relu %[[W]]
// CHECK:         pd.while
// CHECK:         ^bb0(%[[X:.*]]: tensor<1xi64>, %[[ACC:.*]]: tensor<4xf32>):
// CHECK-NOT:       pd.relu
// CHECK:           pd.add %[[ACC]], %[[INV]]
// CHECK:           pd.increment %[[X]]
func.func @hoist(%c: tensor<1xi1>, %i: tensor<1xi64>, %w: tensor<4xf32>, %n: tensor<1xi64>)
    -> (tensor<1xi64>, tensor<4xf32>) {
  %r:2 = pd.while (%c, %i, %w) : (tensor<1xi1>, tensor<1xi64>, tensor<4xf32>) -> (tensor<1xi64>, tensor<4xf32>) {
  ^bb0(%x: tensor<1xi64>, %acc: tensor<4xf32>):
    %inv = pd.relu %w : (tensor<4xf32>) -> tensor<4xf32>
    %s = pd.add %acc, %inv : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %j = pd.increment %x : tensor<1xi64>
    %cond = pd.less_than %j, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
    pd.yield %cond, %j, %s : tensor<1xi1>, tensor<1xi64>, tensor<4xf32>
  }
  return %r#0, %r#1 : tensor<1xi64>, tensor<4xf32>
}

// -----

// A pd.if that depends only on values defined outside the loop is hoisted
// whole (it is recursively speculatable); one that reads a loop-carried value
// stays.
// CHECK-LABEL: func.func @hoist_if(
// CHECK:         pd.if
// CHECK:           pd.sqrt
// CHECK:         pd.while
// CHECK:           pd.if
// CHECK-NOT:       pd.sqrt
// CHECK:           pd.exp
func.func @hoist_if(%c: tensor<1xi1>, %w: tensor<4xf32>) -> tensor<4xf32> {
  %r = pd.while (%c, %w) : (tensor<1xi1>, tensor<4xf32>) -> tensor<4xf32> {
  ^bb0(%acc: tensor<4xf32>):
    %inv = pd.if %c : tensor<1xi1> -> (tensor<4xf32>) {
      %q = pd.sqrt %w : (tensor<4xf32>) -> tensor<4xf32>
      pd.yield %q : tensor<4xf32>
    } else {
      pd.yield %w : tensor<4xf32>
    }
    %v = pd.if %c : tensor<1xi1> -> (tensor<4xf32>) {
      %e = pd.exp %acc : (tensor<4xf32>) -> tensor<4xf32>
      pd.yield %e : tensor<4xf32>
    } else {
      pd.yield %inv : tensor<4xf32>
    }
    pd.yield %c, %v : tensor<1xi1>, tensor<4xf32>
  }
  return %r : tensor<4xf32>
}
