// RUN: oar-opt %s -split-input-file -onnx-fold-constants | FileCheck %s

// CHECK-LABEL: func.func @shape_static
// CHECK: %[[C:.*]] = onnx.Constant() {value = dense<[2, 3, 4]> : tensor<3xi64>} : () -> tensor<3xi64>
// CHECK-NOT: onnx.Shape
// CHECK: return %[[C]]
func.func @shape_static(%x: tensor<2x3x4xf32>) -> tensor<3xi64> {
  %s = onnx.Shape(%x) : (tensor<2x3x4xf32>) -> tensor<3xi64>
  return %s : tensor<3xi64>
}

// -----

// Shape-15 start/end: only the dims taken need be static.
// CHECK-LABEL: func.func @shape_start_end
// CHECK: onnx.Constant() {value = dense<3> : tensor<1xi64>}
// CHECK-NOT: onnx.Shape
func.func @shape_start_end(%x: tensor<?x3x?xf32>) -> tensor<1xi64> {
  %s = onnx.Shape(%x) {end = -1 : i64, start = 1 : i64} : (tensor<?x3x?xf32>) -> tensor<1xi64>
  return %s : tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @shape_dynamic
// CHECK: onnx.Shape
func.func @shape_dynamic(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %s = onnx.Shape(%x) : (tensor<?x3xf32>) -> tensor<2xi64>
  return %s : tensor<2xi64>
}

// -----

// A dynamic result type is refined only where onnx ops are the users.
// CHECK-LABEL: func.func @shape_unranked_result
// CHECK: %[[S:.*]] = onnx.Shape
// CHECK: %[[C:.*]] = onnx.Constant() {value = dense<[2, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
// CHECK: onnx.Identity(%[[C]]) : (tensor<2xi64>) -> tensor<*xi64>
// CHECK: return %[[S]]
func.func @shape_unranked_result(%x: tensor<2x3xf32>) -> (tensor<*xi64>, tensor<*xi64>) {
  %s = onnx.Shape(%x) : (tensor<2x3xf32>) -> tensor<*xi64>
  %t = onnx.Shape(%x) : (tensor<2x3xf32>) -> tensor<*xi64>
  %i = onnx.Identity(%t) : (tensor<*xi64>) -> tensor<*xi64>
  return %s, %i : tensor<*xi64>, tensor<*xi64>
}

// -----

// CHECK-LABEL: func.func @size
// CHECK: onnx.Constant() {value = dense<24> : tensor<i64>}
func.func @size(%x: tensor<2x3x4xf32>) -> tensor<i64> {
  %s = onnx.Size(%x) : (tensor<2x3x4xf32>) -> tensor<i64>
  return %s : tensor<i64>
}

// -----

// The usual chain: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
// CHECK-LABEL: func.func @shape_chain
// CHECK: %[[C:.*]] = onnx.Constant() {value = dense<[3, -1]> : tensor<2xi64>}
// CHECK: onnx.Reshape(%{{.*}}, %[[C]])
// CHECK-NOT: onnx.Gather
// CHECK-NOT: onnx.Concat
module attributes {onnx.opset = 13 : i64} {
func.func @shape_chain(%x: tensor<2x3x4xf32>, %y: tensor<24xf32>) -> tensor<3x8xf32> {
  %s = onnx.Shape(%x) : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i = onnx.Constant() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %d = onnx.Gather(%s, %i) {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %a = onnx.Constant() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %u = onnx.Unsqueeze(%d, %a) : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
  %m = onnx.Constant() {value = dense<-1> : tensor<1xi64>} : () -> tensor<1xi64>
  %c = onnx.Concat(%u, %m) {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = onnx.Reshape(%y, %c) : (tensor<24xf32>, tensor<2xi64>) -> tensor<3x8xf32>
  return %r : tensor<3x8xf32>
}
}

// -----

// CHECK-LABEL: func.func @gather_2d
// CHECK: onnx.Constant() {value = dense<{{\[}}[3, 1], [6, 4]]> : tensor<2x2xi64>}
func.func @gather_2d() -> tensor<2x2xi64> {
  %d = onnx.Constant() {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>} : () -> tensor<2x3xi64>
  %i = onnx.Constant() {value = dense<[-1, 0]> : tensor<2xi32>} : () -> tensor<2xi32>
  %g = onnx.Gather(%d, %i) {axis = 1 : i64} : (tensor<2x3xi64>, tensor<2xi32>) -> tensor<2x2xi64>
  return %g : tensor<2x2xi64>
}

// -----

// CHECK-LABEL: func.func @gather_out_of_range
// CHECK: onnx.Gather
func.func @gather_out_of_range() -> tensor<i64> {
  %d = onnx.Constant() {value = dense<[1, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %i = onnx.Constant() {value = dense<3> : tensor<i64>} : () -> tensor<i64>
  %g = onnx.Gather(%d, %i) {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  return %g : tensor<i64>
}

// -----

// CHECK-LABEL: func.func @concat_2d
// CHECK: onnx.Constant() {value = dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi32>}
func.func @concat_2d() -> tensor<2x3xi32> {
  %a = onnx.Constant() {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>} : () -> tensor<2x2xi32>
  %b = onnx.Constant() {value = dense<[[5], [6]]> : tensor<2x1xi32>} : () -> tensor<2x1xi32>
  %c = onnx.Concat(%a, %b) {axis = -1 : i64} : (tensor<2x2xi32>, tensor<2x1xi32>) -> tensor<2x3xi32>
  return %c : tensor<2x3xi32>
}

// -----

// Slice-13: bounds as inputs, clamped; a negative step walks back.
// CHECK-LABEL: func.func @slice_inputs
// CHECK: onnx.Constant() {value = dense<[5, 3]> : tensor<2xi64>}
// CHECK: onnx.Constant() {value = dense<[1, 2, 3, 4, 5]> : tensor<5xi64>}
func.func @slice_inputs() -> (tensor<2xi64>, tensor<5xi64>) {
  %d = onnx.Constant() {value = dense<[0, 1, 2, 3, 4, 5]> : tensor<6xi64>} : () -> tensor<6xi64>
  %s = onnx.Constant() {value = dense<-1> : tensor<1xi64>} : () -> tensor<1xi64>
  %e = onnx.Constant() {value = dense<2> : tensor<1xi64>} : () -> tensor<1xi64>
  %a = onnx.Constant() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %st = onnx.Constant() {value = dense<-2> : tensor<1xi64>} : () -> tensor<1xi64>
  %r = onnx.Slice(%d, %s, %e, %a, %st) : (tensor<6xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %s1 = onnx.Constant() {value = dense<1> : tensor<1xi64>} : () -> tensor<1xi64>
  %big = onnx.Constant() {value = dense<9223372036854775807> : tensor<1xi64>} : () -> tensor<1xi64>
  %none = onnx.NoValue
  %t = onnx.Slice(%d, %s1, %big, %none, %none) : (tensor<6xi64>, tensor<1xi64>, tensor<1xi64>, none, none) -> tensor<5xi64>
  return %r, %t : tensor<2xi64>, tensor<5xi64>
}

// -----

// Slice-1: bounds as attributes.
// CHECK-LABEL: func.func @slice_attrs
// CHECK: onnx.Constant() {value = dense<{{\[}}[2], [5]]> : tensor<2x1xi64>}
module attributes {onnx.opset = 9 : i64} {
func.func @slice_attrs() -> tensor<2x1xi64> {
  %d = onnx.Constant() {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>} : () -> tensor<2x3xi64>
  %none = onnx.NoValue
  %r = onnx.Slice(%d, %none, %none, %none, %none) {axes = array<i64: 1>, ends = array<i64: 2>, starts = array<i64: 1>} : (tensor<2x3xi64>, none, none, none, none) -> tensor<2x1xi64>
  return %r : tensor<2x1xi64>
}
}

// -----

// Squeeze-11 (axes attribute) and Squeeze-13 (axes input).
// CHECK-LABEL: func.func @squeeze
// CHECK-DAG: onnx.Constant() {value = dense<[1, 2]> : tensor<2xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<7> : tensor<i64>}
// CHECK-NOT: onnx.Squeeze
func.func @squeeze() -> (tensor<2xi64>, tensor<i64>) {
  %d = onnx.Constant() {value = dense<[[1, 2]]> : tensor<1x2xi64>} : () -> tensor<1x2xi64>
  %none = onnx.NoValue
  %a = onnx.Squeeze(%d, %none) {axes = array<i64: 0>} : (tensor<1x2xi64>, none) -> tensor<2xi64>
  %e = onnx.Constant() {value = dense<7> : tensor<1x1xi64>} : () -> tensor<1x1xi64>
  %ax = onnx.Constant() {value = dense<[0, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %b = onnx.Squeeze(%e, %ax) : (tensor<1x1xi64>, tensor<2xi64>) -> tensor<i64>
  return %a, %b : tensor<2xi64>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @squeeze_not_one
// CHECK: onnx.Squeeze
func.func @squeeze_not_one() -> tensor<2xi64> {
  %d = onnx.Constant() {value = dense<[1, 2]> : tensor<2xi64>} : () -> tensor<2xi64>
  %ax = onnx.Constant() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %a = onnx.Squeeze(%d, %ax) : (tensor<2xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %a : tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @unsqueeze_attr
// CHECK: onnx.Constant() {value = dense<5> : tensor<1x1xi64>}
func.func @unsqueeze_attr() -> tensor<1x1xi64> {
  %d = onnx.Constant() {value = dense<5> : tensor<i64>} : () -> tensor<i64>
  %none = onnx.NoValue
  %u = onnx.Unsqueeze(%d, %none) {axes = array<i64: 0, -1>} : (tensor<i64>, none) -> tensor<1x1xi64>
  return %u : tensor<1x1xi64>
}

// -----

// Reshape: 0 copies a dim, -1 is inferred.
// CHECK-LABEL: func.func @reshape
// CHECK: onnx.Constant() {value = dense<{{\[}}[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>}
func.func @reshape() -> tensor<2x3xi32> {
  %d = onnx.Constant() {value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi32>} : () -> tensor<3x2xi32>
  %s = onnx.Constant() {value = dense<[2, -1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %r = onnx.Reshape(%d, %s) : (tensor<3x2xi32>, tensor<2xi64>) -> tensor<2x3xi32>
  return %r : tensor<2x3xi32>
}

// -----

// CHECK-LABEL: func.func @cast
// CHECK-DAG: onnx.Constant() {value = dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>}
// CHECK-DAG: onnx.Constant() {value = dense<[2, -2]> : tensor<2xi32>}
// CHECK-DAG: onnx.Constant() {value = dense<[-1, 0]> : tensor<2xi8>}
// CHECK-DAG: onnx.Constant() {value = dense<[true, false]> : tensor<2xi1>}
func.func @cast() -> (tensor<2xf32>, tensor<2xi32>, tensor<2xi8>, tensor<2xi1>) {
  %i = onnx.Constant() {value = dense<[1, -2]> : tensor<2xi64>} : () -> tensor<2xi64>
  %a = onnx.Cast(%i) {to = 1 : i64} : (tensor<2xi64>) -> tensor<2xf32>
  %f = onnx.Constant() {value = dense<[2.7, -2.7]> : tensor<2xf32>} : () -> tensor<2xf32>
  %b = onnx.Cast(%f) {to = 6 : i64} : (tensor<2xf32>) -> tensor<2xi32>
  %w = onnx.Constant() {value = dense<[255, 256]> : tensor<2xi32>} : () -> tensor<2xi32>
  %c = onnx.Cast(%w) {to = 3 : i64} : (tensor<2xi32>) -> tensor<2xi8>
  %z = onnx.Constant() {value = dense<[0.5, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %d = onnx.Cast(%z) {to = 9 : i64} : (tensor<2xf32>) -> tensor<2xi1>
  return %a, %b, %c, %d : tensor<2xf32>, tensor<2xi32>, tensor<2xi8>, tensor<2xi1>
}

// -----

// Float to integer out of range is undefined in ONNX: not folded.
// CHECK-LABEL: func.func @cast_out_of_range
// CHECK: onnx.Cast
func.func @cast_out_of_range() -> tensor<1xi8> {
  %f = onnx.Constant() {value = dense<300.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %b = onnx.Cast(%f) {to = 3 : i64} : (tensor<1xf32>) -> tensor<1xi8>
  return %b : tensor<1xi8>
}

// -----

// Integer Div truncates toward zero; arithmetic broadcasts and wraps.
// CHECK-LABEL: func.func @arith
// CHECK-DAG: onnx.Constant() {value = dense<[-3, -3, 3]> : tensor<3xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<{{\[}}[11, 12], [21, 22]]> : tensor<2x2xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<[23, -23, -19]> : tensor<3xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<-128> : tensor<i8>}
// CHECK-DAG: onnx.Constant() {value = dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>}
func.func @arith() -> (tensor<3xi64>, tensor<2x2xi64>, tensor<3xi64>, tensor<i8>, tensor<2xf32>) {
  %a = onnx.Constant() {value = dense<[-7, 7, 7]> : tensor<3xi64>} : () -> tensor<3xi64>
  %b = onnx.Constant() {value = dense<[2, -2, 2]> : tensor<3xi64>} : () -> tensor<3xi64>
  %q = onnx.Div(%a, %b) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %r = onnx.Constant() {value = dense<[[10], [20]]> : tensor<2x1xi64>} : () -> tensor<2x1xi64>
  %s = onnx.Constant() {value = dense<[1, 2]> : tensor<2xi64>} : () -> tensor<2xi64>
  %sum = onnx.Add(%r, %s) : (tensor<2x1xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  %t = onnx.Constant() {value = dense<3> : tensor<i64>} : () -> tensor<i64>
  %m = onnx.Mul(%a, %t) : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  %d = onnx.Sub(%b, %m) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  %x = onnx.Constant() {value = dense<127> : tensor<i8>} : () -> tensor<i8>
  %y = onnx.Constant() {value = dense<1> : tensor<i8>} : () -> tensor<i8>
  %w = onnx.Add(%x, %y) : (tensor<i8>, tensor<i8>) -> tensor<i8>
  %f = onnx.Constant() {value = dense<[1.0, 0.5]> : tensor<2xf32>} : () -> tensor<2xf32>
  %g = onnx.Constant() {value = dense<2.0> : tensor<f32>} : () -> tensor<f32>
  %h = onnx.Div(%f, %g) : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %q, %sum, %d, %w, %h : tensor<3xi64>, tensor<2x2xi64>, tensor<3xi64>, tensor<i8>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @div_by_zero
// CHECK: onnx.Div
func.func @div_by_zero() -> tensor<i64> {
  %a = onnx.Constant() {value = dense<1> : tensor<i64>} : () -> tensor<i64>
  %b = onnx.Constant() {value = dense<0> : tensor<i64>} : () -> tensor<i64>
  %q = onnx.Div(%a, %b) : (tensor<i64>, tensor<i64>) -> tensor<i64>
  return %q : tensor<i64>
}

// -----

// CHECK-LABEL: func.func @equal_where
// CHECK: onnx.Constant() {value = dense<[1, 20, 3]> : tensor<3xi64>}
// CHECK-NOT: onnx.Where
func.func @equal_where() -> tensor<3xi64> {
  %a = onnx.Constant() {value = dense<[1, -1, 3]> : tensor<3xi64>} : () -> tensor<3xi64>
  %m = onnx.Constant() {value = dense<-1> : tensor<i64>} : () -> tensor<i64>
  %e = onnx.Equal(%a, %m) : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %y = onnx.Constant() {value = dense<20> : tensor<1xi64>} : () -> tensor<1xi64>
  %w = onnx.Where(%e, %y, %a) : (tensor<3xi1>, tensor<1xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %w : tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @range
// CHECK: onnx.Constant() {value = dense<[10, 7, 4, 1]> : tensor<4xi32>}
// CHECK: onnx.Range
func.func @range() -> (tensor<4xi32>, tensor<3xf32>) {
  %s = onnx.Constant() {value = dense<10> : tensor<i32>} : () -> tensor<i32>
  %l = onnx.Constant() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
  %d = onnx.Constant() {value = dense<-3> : tensor<i32>} : () -> tensor<i32>
  %r = onnx.Range(%s, %l, %d) : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<4xi32>
  // Float Range accumulates rounding in the runtime: left alone.
  %fs = onnx.Constant() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %fl = onnx.Constant() {value = dense<0.3> : tensor<f32>} : () -> tensor<f32>
  %fd = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %f = onnx.Range(%fs, %fl, %fd) : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<3xf32>
  return %r, %f : tensor<4xi32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @constant_of_shape
// CHECK-DAG: onnx.Constant() {value = dense<7> : tensor<2x3xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<0.000000e+00> : tensor<2xf32>}
func.func @constant_of_shape() -> (tensor<2x3xi64>, tensor<2xf32>) {
  %s = onnx.Constant() {value = dense<[2, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %c = onnx.ConstantOfShape(%s) {value = dense<7> : tensor<1xi64>} : (tensor<2xi64>) -> tensor<2x3xi64>
  %t = onnx.Constant() {value = dense<2> : tensor<1xi64>} : () -> tensor<1xi64>
  %z = onnx.ConstantOfShape(%t) : (tensor<1xi64>) -> tensor<2xf32>
  return %c, %z : tensor<2x3xi64>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @expand_transpose
// CHECK-DAG: onnx.Constant() {value = dense<{{\[}}[1, 2], [1, 2]]> : tensor<2x2xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<{{\[}}[1, 3], [2, 4]]> : tensor<2x2xi64>}
func.func @expand_transpose() -> (tensor<2x2xi64>, tensor<2x2xi64>) {
  %d = onnx.Constant() {value = dense<[1, 2]> : tensor<2xi64>} : () -> tensor<2xi64>
  %s = onnx.Constant() {value = dense<[2, 1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %e = onnx.Expand(%d, %s) : (tensor<2xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  %m = onnx.Constant() {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>} : () -> tensor<2x2xi64>
  %t = onnx.Transpose(%m) : (tensor<2x2xi64>) -> tensor<2x2xi64>
  return %e, %t : tensor<2x2xi64>, tensor<2x2xi64>
}

// -----

// A weight with other users is not copied; one used once is folded.
// CHECK-LABEL: func.func @shared_weight
// CHECK: onnx.Reshape
// CHECK-NOT: onnx.Reshape
func.func @shared_weight(%x: tensor<8x625xf32>) -> (tensor<5000xf32>, tensor<8x625xf32>, tensor<1x8xf32>) {
  %w = onnx.Constant() {value = dense<1.0> : tensor<8x625xf32>} : () -> tensor<8x625xf32>
  %s = onnx.Constant() {value = dense<5000> : tensor<1xi64>} : () -> tensor<1xi64>
  %r = onnx.Reshape(%w, %s) : (tensor<8x625xf32>, tensor<1xi64>) -> tensor<5000xf32>
  %a = onnx.Add(%x, %w) : (tensor<8x625xf32>, tensor<8x625xf32>) -> tensor<8x625xf32>
  %b = onnx.Constant() {value = dense<2.0> : tensor<8xf32>} : () -> tensor<8xf32>
  %t = onnx.Constant() {value = dense<[1, 8]> : tensor<2xi64>} : () -> tensor<2xi64>
  %u = onnx.Reshape(%b, %t) : (tensor<8xf32>, tensor<2xi64>) -> tensor<1x8xf32>
  return %r, %a, %u : tensor<5000xf32>, tensor<8x625xf32>, tensor<1x8xf32>
}

// -----

// Shape of a dense_resource weight does not read it; a small resource is
// read for a small result only.
// CHECK-LABEL: func.func @resource
// CHECK-DAG: onnx.Constant() {value = dense<2> : tensor<2xi64>}
// CHECK-DAG: onnx.Constant() {value = dense<[1.000000e+00, -2.000000e+00]> : tensor<2xf32>}
// CHECK-NOT: onnx.Cast
// CHECK: onnx.Expand
func.func @resource() -> (tensor<2xi64>, tensor<2xf32>, tensor<5000xi32>) {
  %w = onnx.Constant() {value = dense_resource<w> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %s = onnx.Shape(%w) : (tensor<2x2xf32>) -> tensor<2xi64>
  %r = onnx.Constant() {value = dense_resource<r> : tensor<2xi32>} : () -> tensor<2xi32>
  %c = onnx.Cast(%r) {to = 1 : i64} : (tensor<2xi32>) -> tensor<2xf32>
  %one = onnx.Constant() {value = dense_resource<one> : tensor<1xi32>} : () -> tensor<1xi32>
  %n = onnx.Constant() {value = dense<5000> : tensor<1xi64>} : () -> tensor<1xi64>
  %e = onnx.Expand(%one, %n) : (tensor<1xi32>, tensor<1xi64>) -> tensor<5000xi32>
  return %s, %c, %e : tensor<2xi64>, tensor<2xf32>, tensor<5000xi32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F000000400000404000008040",
      r: "0x0400000001000000FEFFFFFF",
      one: "0x0400000001000000"
    }
  }
#-}
