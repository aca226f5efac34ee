// RUN: oar-opt %s -split-input-file -onnx-eliminate-redundant | FileCheck %s

// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[R:.*]] = onnx.Relu(%[[X]])
// CHECK-NEXT: return %[[R]]
func.func @identity(%x: tensor<4xf32>) -> tensor<4xf32> {
  %i = onnx.Identity(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %r = onnx.Relu(%i) : (tensor<4xf32>) -> tensor<4xf32>
  %j = onnx.Identity(%r) : (tensor<4xf32>) -> tensor<4xf32>
  return %j : tensor<4xf32>
}

// -----

// An Identity that names a graph output whose value is a graph input or
// another output stays.
// CHECK-LABEL: func.func @identity_output
// CHECK-COUNT-2: onnx.Identity
// CHECK-NOT: onnx.Identity
func.func @identity_output(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %i = onnx.Identity(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %r = onnx.Relu(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %j = onnx.Identity(%r) : (tensor<4xf32>) -> tensor<4xf32>
  return %i, %r, %j : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// A type a return pins is not changed.
// CHECK-LABEL: func.func @identity_pinned_type
// CHECK: onnx.Identity
func.func @identity_pinned_type(%x: tensor<4xf32>) -> tensor<?xf32> {
  %r = onnx.Relu(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %i = onnx.Identity(%r) : (tensor<4xf32>) -> tensor<?xf32>
  return %i : tensor<?xf32>
}

// -----

// CHECK-LABEL: func.func @cast_same
// CHECK-NOT: onnx.Cast
func.func @cast_same(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = onnx.Cast(%x) {to = 1 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %c : tensor<4xf32>
}

// -----

// i32 -> i64 -> i32 is x; i64 -> i32 -> i64 is not (it wraps).
// CHECK-LABEL: func.func @cast_round_trip
// CHECK-SAME: (%[[X:.*]]: tensor<4xi32>, %[[Y:.*]]: tensor<4xi64>)
// CHECK: %[[A:.*]] = onnx.Cast(%[[Y]]) {to = 6 : i64}
// CHECK: %[[B:.*]] = onnx.Cast(%[[A]]) {to = 7 : i64}
// CHECK: return %[[X]], %[[B]]
func.func @cast_round_trip(%x: tensor<4xi32>, %y: tensor<4xi64>) -> (tensor<4xi32>, tensor<4xi64>) {
  %a = onnx.Cast(%x) {to = 7 : i64} : (tensor<4xi32>) -> tensor<4xi64>
  %b = onnx.Cast(%a) {to = 6 : i64} : (tensor<4xi64>) -> tensor<4xi32>
  %c = onnx.Cast(%y) {to = 6 : i64} : (tensor<4xi64>) -> tensor<4xi32>
  %d = onnx.Cast(%c) {to = 7 : i64} : (tensor<4xi32>) -> tensor<4xi64>
  return %b, %d : tensor<4xi32>, tensor<4xi64>
}

// -----

// f16 -> f32 -> f64 is f16 -> f64; f32 -> f16 -> f32 rounds, it stays;
// i32 -> f64 -> i8 is not i32 -> i8 (float to integer out of range).
// CHECK-LABEL: func.func @cast_chain
// CHECK-SAME: (%[[H:.*]]: tensor<4xf16>, %[[F:.*]]: tensor<4xf32>, %[[I:.*]]: tensor<4xi32>)
// CHECK-DAG: %[[A:.*]] = onnx.Cast(%[[H]]) {to = 11 : i64} : (tensor<4xf16>) -> tensor<4xf64>
// CHECK-DAG: %[[B:.*]] = onnx.Cast(%[[F]]) {to = 10 : i64}
// CHECK-DAG: %[[C:.*]] = onnx.Cast(%[[B]]) {to = 1 : i64}
// CHECK-DAG: %[[D:.*]] = onnx.Cast(%[[I]]) {to = 11 : i64}
// CHECK-DAG: %[[E:.*]] = onnx.Cast(%[[D]]) {to = 3 : i64}
// CHECK: return %[[A]], %[[C]], %[[E]]
func.func @cast_chain(%h: tensor<4xf16>, %f: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf64>, tensor<4xf32>, tensor<4xi8>) {
  %a1 = onnx.Cast(%h) {to = 1 : i64} : (tensor<4xf16>) -> tensor<4xf32>
  %a = onnx.Cast(%a1) {to = 11 : i64} : (tensor<4xf32>) -> tensor<4xf64>
  %b = onnx.Cast(%f) {to = 10 : i64} : (tensor<4xf32>) -> tensor<4xf16>
  %c = onnx.Cast(%b) {to = 1 : i64} : (tensor<4xf16>) -> tensor<4xf32>
  %d = onnx.Cast(%i) {to = 11 : i64} : (tensor<4xi32>) -> tensor<4xf64>
  %e = onnx.Cast(%d) {to = 3 : i64} : (tensor<4xf64>) -> tensor<4xi8>
  return %a, %c, %e : tensor<4xf64>, tensor<4xf32>, tensor<4xi8>
}

// -----

// i8 -> i32 is lossless and both casts to f32 convert by value: i8 -> f32.
// CHECK-LABEL: func.func @cast_via_lossless
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>)
// CHECK: %[[C:.*]] = onnx.Cast(%[[X]]) {to = 1 : i64} : (tensor<4xi8>) -> tensor<4xf32>
// CHECK: return %[[C]]
func.func @cast_via_lossless(%x: tensor<4xi8>) -> tensor<4xf32> {
  %a = onnx.Cast(%x) {to = 6 : i64} : (tensor<4xi8>) -> tensor<4xi32>
  %b = onnx.Cast(%a) {to = 1 : i64} : (tensor<4xi32>) -> tensor<4xf32>
  return %b : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[T:.*]] = onnx.Transpose(%[[X]]) {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK: return %[[X]], %[[X]], %[[T]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<4x2x3xf32>) {
  %i = onnx.Transpose(%x) {perm = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %a = onnx.Transpose(%x) {perm = array<i64: 0, 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  %b = onnx.Transpose(%a) {perm = array<i64: 0, 2, 1>} : (tensor<2x4x3xf32>) -> tensor<2x3x4xf32>
  // [2,3,4] -(1,0,2)-> [3,2,4] -(2,1,0)-> [4,2,3]: perm 2,0,1 of x
  %c = onnx.Transpose(%x) {perm = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %d = onnx.Transpose(%c) : (tensor<3x2x4xf32>) -> tensor<4x2x3xf32>
  return %i, %b, %d : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_same
// CHECK-NOT: onnx.Reshape
func.func @reshape_same(%x: tensor<2x3xf32>, %s: tensor<2xi64>) -> tensor<2x3xf32> {
  %r = onnx.Reshape(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<?x6xf32>
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<[-1, 3]> : tensor<2xi64>}
// CHECK: onnx.Reshape(%[[X]], %[[S]])
// CHECK-NOT: onnx.Reshape
func.func @reshape_reshape(%x: tensor<?x6xf32>, %s1: tensor<1xi64>) -> tensor<?x3xf32> {
  %a = onnx.Reshape(%x, %s1) : (tensor<?x6xf32>, tensor<1xi64>) -> tensor<?xf32>
  %s2 = onnx.Constant() {value = dense<[-1, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %b = onnx.Reshape(%a, %s2) : (tensor<?xf32>, tensor<2xi64>) -> tensor<?x3xf32>
  return %b : tensor<?x3xf32>
}

// -----

// A 0 entry copies a dim of the inner result: merged only when the result
// shape is static.
// CHECK-LABEL: func.func @reshape_reshape_zero
// CHECK-SAME: (%[[X:.*]]: tensor<?x6xf32>, %[[Y:.*]]: tensor<4x6xf32>
// CHECK: %[[A:.*]] = onnx.Reshape(%[[X]]
// CHECK: onnx.Reshape(%[[A]]
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<[2, 3, 4]> : tensor<3xi64>}
// CHECK: onnx.Reshape(%[[Y]], %[[S]])
func.func @reshape_reshape_zero(%x: tensor<?x6xf32>, %y: tensor<4x6xf32>, %s1: tensor<2xi64>) -> (tensor<?x?xf32>, tensor<2x3x4xf32>) {
  %a = onnx.Reshape(%x, %s1) : (tensor<?x6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %s2 = onnx.Constant() {value = dense<[0, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %b = onnx.Reshape(%a, %s2) : (tensor<?x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %c = onnx.Reshape(%y, %s1) : (tensor<4x6xf32>, tensor<2xi64>) -> tensor<2x12xf32>
  %s3 = onnx.Constant() {value = dense<[0, 3, -1]> : tensor<3xi64>} : () -> tensor<3xi64>
  %d = onnx.Reshape(%c, %s3) : (tensor<2x12xf32>, tensor<3xi64>) -> tensor<2x3x4xf32>
  return %b, %d : tensor<?x?xf32>, tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<2x1x3xf32>)
// CHECK: %[[U:.*]] = onnx.Unsqueeze
// CHECK: onnx.Squeeze(%[[U]]
// CHECK: return %[[X]], %[[Y]], %{{.*}}
func.func @squeeze_unsqueeze(%x: tensor<2x3xf32>, %y: tensor<2x1x3xf32>) -> (tensor<2x3xf32>, tensor<2x1x3xf32>, tensor<1x3xf32>) {
  %ax = onnx.Constant() {value = dense<1> : tensor<1xi64>} : () -> tensor<1xi64>
  %neg = onnx.Constant() {value = dense<-2> : tensor<1xi64>} : () -> tensor<1xi64>
  %u = onnx.Unsqueeze(%x, %ax) : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1x3xf32>
  %s = onnx.Squeeze(%u, %neg) : (tensor<2x1x3xf32>, tensor<1xi64>) -> tensor<2x3xf32>
  %none = onnx.NoValue
  %t = onnx.Squeeze(%y, %none) {axes = array<i64: 1>} : (tensor<2x1x3xf32>, none) -> tensor<2x3xf32>
  %v = onnx.Unsqueeze(%t, %none) {axes = array<i64: 1>} : (tensor<2x3xf32>, none) -> tensor<2x1x3xf32>
  // Different axes: kept.
  %zero = onnx.Constant() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %w = onnx.Unsqueeze(%x, %zero) : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<1x2x3xf32>
  %q = onnx.Squeeze(%w, %ax) : (tensor<1x2x3xf32>, tensor<1xi64>) -> tensor<1x3xf32>
  return %s, %v, %q : tensor<2x3xf32>, tensor<2x1x3xf32>, tensor<1x3xf32>
}

// -----

// CHECK-LABEL: func.func @dropout_pad_expand
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[E:.*]] = onnx.Expand(%[[X]]
// CHECK: %[[P:.*]] = onnx.Pad(%[[X]]
// CHECK: return %[[X]], %[[X]], %[[X]], %[[E]], %[[P]]
func.func @dropout_pad_expand(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2x3xf32>, tensor<2x5xf32>) {
  %none = onnx.NoValue
  %d, %m = onnx.Dropout(%x, %none, %none) {ratio = 5.000000e-01 : f32} : (tensor<2x3xf32>, none, none) -> (tensor<2x3xf32>, none)
  %zeros = onnx.Constant() {value = dense<0> : tensor<4xi64>} : () -> tensor<4xi64>
  %p = onnx.Pad(%x, %zeros, %none, %none) : (tensor<2x3xf32>, tensor<4xi64>, none, none) -> tensor<2x3xf32>
  %s = onnx.Constant() {value = dense<[1, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %e = onnx.Expand(%x, %s) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  // Expand that grows the rank, and a real Pad: kept.
  %s3 = onnx.Constant() {value = dense<[2, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %e3 = onnx.Expand(%x, %s3) : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<2x2x3xf32>
  %pads = onnx.Constant() {value = dense<[0, 1, 0, 1]> : tensor<4xi64>} : () -> tensor<4xi64>
  %q = onnx.Pad(%x, %pads, %none, %none) : (tensor<2x3xf32>, tensor<4xi64>, none, none) -> tensor<2x5xf32>
  return %d, %p, %e, %e3, %q : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x2x3xf32>, tensor<2x5xf32>
}

// -----

// Dropout in training mode, or with its mask used, stays.
// CHECK-LABEL: func.func @dropout_kept
// CHECK-COUNT-2: onnx.Dropout
func.func @dropout_kept(%x: tensor<2x3xf32>, %t: tensor<i1>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi1>) {
  %none = onnx.NoValue
  %d, %m = onnx.Dropout(%x, %none, %t) : (tensor<2x3xf32>, none, tensor<i1>) -> (tensor<2x3xf32>, none)
  %e, %n = onnx.Dropout(%x, %none, %none) : (tensor<2x3xf32>, none, none) -> (tensor<2x3xf32>, tensor<2x3xi1>)
  return %d, %e, %n : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi1>
}

// -----

// In a Loop body: the unused iteration number stays (arguments are
// positional), an inner Identity goes, one that names a subgraph output
// whose value is a body argument or an outer value stays.
// CHECK-LABEL: func.func @loop_body
// CHECK: ^bb0(%[[I:.*]]: tensor<i64>, %[[C:.*]]: tensor<i1>, %[[V:.*]]: tensor<4xf32>, %[[W:.*]]: tensor<4xf32>):
// CHECK-NEXT: %[[R:.*]] = onnx.Relu(%[[V]])
// CHECK-NEXT: %[[A:.*]] = onnx.Identity(%[[W]])
// CHECK-NEXT: %[[B:.*]] = onnx.Identity(%{{.*}})
// CHECK-NEXT: onnx.Yield %[[C]], %[[R]], %[[A]], %[[B]]
func.func @loop_body(%m: tensor<i64>, %c: tensor<i1>, %x: tensor<4xf32>, %o: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %r:3 = "onnx.Loop"(%m, %c, %x, %x) ({
  ^bb0(%i: tensor<i64>, %cond: tensor<i1>, %v: tensor<4xf32>, %w: tensor<4xf32>):
    %t = onnx.Identity(%v) : (tensor<4xf32>) -> tensor<4xf32>
    %y = onnx.Relu(%t) : (tensor<4xf32>) -> tensor<4xf32>
    %a = onnx.Identity(%w) : (tensor<4xf32>) -> tensor<4xf32>
    %b = onnx.Identity(%o) : (tensor<4xf32>) -> tensor<4xf32>
    onnx.Yield %cond, %y, %a, %b : tensor<i1>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
  }) : (tensor<i64>, tensor<i1>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1, %r#2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
