// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O11
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O13
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=18 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,O18
//
// The Reduce family (Reduce.cpp). ReduceSum takes its axes as an input from
// opset 13, the other reductions from 18.

// Paddle reduces every dim for reduce_all, an empty dim list, or as many
// dims as the input has; without keep_dim the result is 0-D. bool sums are
// int64 (out_dtype): the input is cast first.
// CHECK-LABEL: func.func @sum
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>, %[[B:[^:]*]]: tensor<2x3xi1>
// O11:           onnx.ReduceSum(%[[X]], %{{.*}}) {axes = array<i64: 1, 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>, none) -> tensor<2xf32>
// O11:           onnx.ReduceSum(%[[X]], %{{.*}}) {axes = array<i64: 1, 2>, keepdims = 1 : i64} : (tensor<2x3x4xf32>, none) -> tensor<2x1x1xf32>
// O13:           %[[A:.*]] = onnx.Constant() {value = dense<[1, 2]> : tensor<2xi64>}
// O13:           onnx.ReduceSum(%[[X]], %[[A]]) {keepdims = 0 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2xf32>
// O13:           onnx.ReduceSum(%[[X]], %{{.*}}) {keepdims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x1x1xf32>
// CHECK:         %[[NONE:.*]] = onnx.NoValue
// CHECK:         onnx.ReduceSum(%[[X]], %[[NONE]]) {keepdims = 0 : i64} : (tensor<2x3x4xf32>, none) -> tensor<f32>
// CHECK:         %[[B64:.*]] = onnx.Cast(%[[B]]) {to = 7 : i64} : (tensor<2x3xi1>) -> tensor<2x3xi64>
// CHECK:         onnx.ReduceSum(%[[B64]], %{{.*}}) {keepdims = 0 : i64} : (tensor<2x3xi64>, none) -> tensor<i64>
// CHECK:         onnx.ReduceSum(%[[X]], %{{.*}}) {keepdims = 0 : i64} : (tensor<2x3x4xf32>, none) -> tensor<f32>
func.func @sum(%x: tensor<2x3x4xf32>, %b: tensor<2x3xi1>) -> (tensor<2xf32>, tensor<2x1x1xf32>, tensor<f32>, tensor<i64>, tensor<f32>) {
  %0 = pd.sum %x {dim = array<i64: 1, -1>} : (tensor<2x3x4xf32>) -> tensor<2xf32>
  %1 = pd.sum %x {dim = array<i64: 1, 2>, keep_dim = true} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %2 = pd.sum %x {dim = array<i64>, reduce_all = true} : (tensor<2x3x4xf32>) -> tensor<f32>
  %3 = pd.sum %b {dim = array<i64>, out_dtype = i64} : (tensor<2x3xi1>) -> tensor<i64>
  %4 = pd.sum %x {dim = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<f32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<2x1x1xf32>, tensor<f32>, tensor<i64>, tensor<f32>
}

// -----

// CHECK-LABEL: func.func @mean_max_min_prod
// O11:           onnx.ReduceMean(%{{.*}}, %{{.*}}) {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>, none) -> tensor<2xf32>
// O13:           onnx.ReduceMean(%{{.*}}, %{{.*}}) {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>, none) -> tensor<2xf32>
// O18:           %[[A1:.*]] = onnx.Constant() {value = dense<1> : tensor<1xi64>}
// O18:           onnx.ReduceMean(%{{.*}}, %[[A1]]) {keepdims = 0 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2xf32>
// O11:           onnx.ReduceMax(%{{.*}}, %{{.*}}) {axes = array<i64: 0>, keepdims = 0 : i64}
// O13:           onnx.ReduceMax(%{{.*}}, %{{.*}}) {axes = array<i64: 0>, keepdims = 0 : i64}
// O18:           onnx.ReduceMax(%{{.*}}, %{{.*}}) {keepdims = 0 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<3xf32>
// O11:           onnx.ReduceMin(%{{.*}}, %{{.*}}) {axes = array<i64: 1>, keepdims = 1 : i64}
// O13:           onnx.ReduceMin(%{{.*}}, %{{.*}}) {axes = array<i64: 1>, keepdims = 1 : i64}
// O18:           onnx.ReduceMin(%{{.*}}, %{{.*}}) {keepdims = 1 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x1xf32>
// CHECK:         onnx.ReduceProd(%{{.*}}, %{{.*}}) {keepdims = 0 : i64} : (tensor<2x3xf32>, none) -> tensor<f32>
func.func @mean_max_min_prod(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<3xf32>, tensor<2x1xf32>, tensor<f32>) {
  %0 = pd.mean %x {dim = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = pd.max %x {dim = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3xf32>
  %2 = pd.min %x {dim = array<i64: 1>, keep_dim = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %3 = pd.prod %x {dim = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<3xf32>, tensor<2x1xf32>, tensor<f32>
}

// -----

// The reduction of a 0-D tensor is its value; a program saved before
// Paddle 2.5 may have typed it [1].
// CHECK-LABEL: func.func @reduce_0d
// CHECK-SAME:      %[[X:[^:]*]]: tensor<f32>
// CHECK:         %[[R:.*]] = onnx.Reshape(%[[X]], %{{.*}}) : (tensor<f32>, tensor<1xi64>) -> tensor<1xf32>
// CHECK:         return %[[X]], %[[R]]
func.func @reduce_0d(%x: tensor<f32>) -> (tensor<f32>, tensor<1xf32>) {
  %0 = pd.mean %x {dim = array<i64: 0>} : (tensor<f32>) -> tensor<f32>
  %1 = pd.sum %x {reduce_all = true} : (tensor<f32>) -> tensor<1xf32>
  return %0, %1 : tensor<f32>, tensor<1xf32>
}

// -----

// A reduction over every dim that an older program typed [1] is reshaped.
// CHECK-LABEL: func.func @reduce_all_legacy_shape
// CHECK:         %[[R:.*]] = onnx.ReduceMax(%{{.*}}) {{.*}}-> tensor<f32>
// CHECK:         onnx.Reshape(%[[R]], %{{.*}}) : (tensor<f32>, tensor<1xi64>) -> tensor<1xf32>
func.func @reduce_all_legacy_shape(%x: tensor<2x3xf32>) -> tensor<1xf32> {
  %0 = pd.max %x {reduce_all = true} : (tensor<2x3xf32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// ONNX's indices are int64; flatten reads the input as 1-D.
// CHECK-LABEL: func.func @argmax
// CHECK:         onnx.ArgMax(%{{.*}}) {axis = 1 : i64, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xi64>
// CHECK:         %[[I:.*]] = onnx.ArgMin(%{{.*}}) {axis = 1 : i64, keepdims = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
// CHECK:         onnx.Cast(%[[I]]) {to = 6 : i64} : (tensor<2x1xi64>) -> tensor<2x1xi32>
// CHECK:         %[[F:.*]] = onnx.Reshape(%{{.*}}) : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<6xf32>
// CHECK:         onnx.ArgMax(%[[F]]) {axis = 0 : i64, keepdims = 0 : i64} : (tensor<6xf32>) -> tensor<i64>
func.func @argmax(%x: tensor<2x3xf32>) -> (tensor<2xi64>, tensor<2x1xi32>, tensor<i64>) {
  %0 = pd.argmax %x {axis = -1 : i64, dtype = i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  %1 = pd.argmin %x {axis = 1 : i64, keepdims = true, dtype = i32} : (tensor<2x3xf32>) -> tensor<2x1xi32>
  %2 = pd.argmax %x {axis = 0 : i64, flatten = true, dtype = i64} : (tensor<2x3xf32>) -> tensor<i64>
  return %0, %1, %2 : tensor<2xi64>, tensor<2x1xi32>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @argmax_0d
// CHECK:         %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<i32>}
// CHECK:         return %[[Z]]
func.func @argmax_0d(%x: tensor<f32>) -> tensor<i32> {
  %0 = pd.argmax %x {axis = 0 : i64, dtype = i32} : (tensor<f32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @cumsum
// CHECK:         %[[A:.*]] = onnx.Constant() {value = dense<1> : tensor<i64>}
// CHECK:         onnx.CumSum(%{{.*}}, %[[A]]) {exclusive = 1 : i64, reverse = 1 : i64} : (tensor<2x3xf32>, tensor<i64>) -> tensor<2x3xf32>
// CHECK:         %[[F:.*]] = onnx.Reshape({{.*}} -> tensor<6xf32>
// CHECK:         %[[A0:.*]] = onnx.Constant() {value = dense<0> : tensor<i64>}
// CHECK:         onnx.CumSum(%[[F]], %[[A0]]) {exclusive = 0 : i64, reverse = 0 : i64}
func.func @cumsum(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<6xf32>) {
  %0 = pd.cumsum %x {axis = -1 : i64, exclusive = true, reverse = true} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = pd.cumsum %x {flatten = true} : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @topk
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x5xf32>, %[[K:[^:]*]]: tensor<1xi32>
// CHECK:         %[[K3:.*]] = onnx.Constant() {value = dense<3> : tensor<1xi64>}
// CHECK:         onnx.TopK(%[[X]], %[[K3]]) {axis = 1 : i64, largest = 1 : i64, sorted = 1 : i64} : (tensor<2x5xf32>, tensor<1xi64>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
// CHECK:         onnx.TopK(%[[X]], %{{.*}}) {axis = 0 : i64, largest = 0 : i64, sorted = 1 : i64}
// CHECK:         %[[K64:.*]] = onnx.Cast(%[[K]]) {to = 7 : i64}
// CHECK:         onnx.TopK(%[[X]], %[[K64]]) {axis = 1 : i64, largest = 1 : i64, sorted = 1 : i64} : (tensor<2x5xf32>, tensor<1xi64>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
func.func @topk(%x: tensor<2x5xf32>, %k: tensor<1xi32>) -> (tensor<2x3xf32>, tensor<2x3xi64>, tensor<1x5xf32>, tensor<1x5xi64>, tensor<2x?xf32>, tensor<2x?xi64>) {
  %v0, %i0 = pd.topk %x {k = 3 : i64} : (tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  %v1, %i1 = pd.topk %x {k = 1 : i64, axis = 0 : i64, largest = false} : (tensor<2x5xf32>) -> (tensor<1x5xf32>, tensor<1x5xi64>)
  %v2, %i2 = pd.topk %x k_tensor(%k) : (tensor<2x5xf32>, tensor<1xi32>) -> (tensor<2x?xf32>, tensor<2x?xi64>)
  return %v0, %i0, %v1, %i1, %v2, %i2 : tensor<2x3xf32>, tensor<2x3xi64>, tensor<1x5xf32>, tensor<1x5xi64>, tensor<2x?xf32>, tensor<2x?xi64>
}

// -----

// CHECK-LABEL: func.func @topk_0d
// CHECK-SAME:      %[[X:[^:]*]]: tensor<f32>
// CHECK:         %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<i64>}
// CHECK:         return %[[X]], %[[Z]]
func.func @topk_0d(%x: tensor<f32>) -> (tensor<f32>, tensor<i64>) {
  %v, %i = pd.topk %x {k = 1 : i64} : (tensor<f32>) -> (tensor<f32>, tensor<i64>)
  return %v, %i : tensor<f32>, tensor<i64>
}

// -----

// p = 2 and 1 are ReduceL2, ReduceL1; +-inf the max (min) of |x|; 0 counts
// non-zeros; others (sum |x|^p)^(1/p). asvector norms every dim.
// CHECK-LABEL: func.func @p_norm
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>
// CHECK:         onnx.ReduceL2(%[[X]], {{.*}} -> tensor<2xf32>
// CHECK:         onnx.ReduceL1(%[[X]], {{.*}} -> tensor<2x1xf32>
// CHECK:         %[[ABS:.*]] = onnx.Abs(%[[X]])
// CHECK:         onnx.ReduceMax(%[[ABS]], {{.*}} -> tensor<3xf32>
// CHECK:         %[[P:.*]] = onnx.Constant() {value = dense<3.000000e+00> : tensor<f32>}
// CHECK:         %[[IP:.*]] = onnx.Constant() {value = dense<0.333333343> : tensor<f32>}
// CHECK:         %[[ABS3:.*]] = onnx.Abs(%[[X]])
// CHECK:         %[[POW:.*]] = onnx.Pow(%[[ABS3]], %[[P]])
// CHECK:         %[[SUM:.*]] = onnx.ReduceSum(%[[POW]], %{{.*}}) {keepdims = 0 : i64} : (tensor<2x3xf32>, none) -> tensor<f32>
// CHECK:         onnx.Pow(%[[SUM]], %[[IP]]) : (tensor<f32>, tensor<f32>) -> tensor<f32>
// CHECK:         %[[EQ:.*]] = onnx.Equal(%[[X]],
// CHECK:         %[[NZ:.*]] = onnx.Not(%[[EQ]])
// CHECK:         %[[NZF:.*]] = onnx.Cast(%[[NZ]]) {to = 1 : i64}
// CHECK:         onnx.ReduceSum(%[[NZF]], {{.*}} -> tensor<2xf32>
// CHECK:         %[[ABSN:.*]] = onnx.Abs(%[[X]])
// CHECK:         onnx.ReduceMin(%[[ABSN]], {{.*}} -> tensor<2xf32>
func.func @p_norm(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2x1xf32>, tensor<3xf32>, tensor<f32>, tensor<2xf32>, tensor<2xf32>) {
  %0 = pd.p_norm %x {porder = 2.0 : f32, axis = -1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = pd.p_norm %x {porder = 1.0 : f32, axis = 1 : i64, keepdim = true} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %2 = pd.p_norm %x {porder = 0x7F800000 : f32, axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  %3 = pd.p_norm %x {porder = 3.0 : f32, asvector = true} : (tensor<2x3xf32>) -> tensor<f32>
  %4 = pd.p_norm %x {porder = 0.0 : f32, axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  %5 = pd.p_norm %x {porder = 0xFF800000 : f32, axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2xf32>, tensor<2x1xf32>, tensor<3xf32>, tensor<f32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// all and any are ReduceMin and ReduceMax of the bools, reduced as int64
// (below opset 20 the reductions take no bool) and cast back.
// CHECK-LABEL: func.func @all_any
// CHECK-SAME:      %[[B:[^:]*]]: tensor<2x3xi1>
// CHECK:         %[[I:.*]] = onnx.Cast(%[[B]]) {to = 7 : i64} : (tensor<2x3xi1>) -> tensor<2x3xi64>
// CHECK:         %[[MIN:.*]] = onnx.ReduceMin(%[[I]]{{.*}}) {keepdims = 0 : i64} : (tensor<2x3xi64>, none) -> tensor<i64>
// CHECK:         onnx.Cast(%[[MIN]]) {to = 9 : i64} : (tensor<i64>) -> tensor<i1>
// O11:           onnx.ReduceMax(%{{.*}}) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x3xi64>, none) -> tensor<2x1xi64>
// O13:           onnx.ReduceMax(%{{.*}}) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x3xi64>, none) -> tensor<2x1xi64>
// O18:           onnx.ReduceMax(%{{.*}}, %{{.*}}) {keepdims = 1 : i64} : (tensor<2x3xi64>, tensor<1xi64>) -> tensor<2x1xi64>
// CHECK:         onnx.Cast(%{{.*}}) {to = 9 : i64} : (tensor<2x1xi64>) -> tensor<2x1xi1>
func.func @all_any(%b: tensor<2x3xi1>) -> (tensor<i1>, tensor<2x1xi1>) {
  %0 = pd.all %b {dim = array<i64>, reduce_all = true} : (tensor<2x3xi1>) -> tensor<i1>
  %1 = pd.any %b {dim = array<i64: -1>, keep_dim = true} : (tensor<2x3xi1>) -> tensor<2x1xi1>
  return %0, %1 : tensor<i1>, tensor<2x1xi1>
}
