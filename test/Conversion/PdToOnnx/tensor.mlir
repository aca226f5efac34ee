// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,ATTR,MASK
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=13 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,INPUT,O13,MASK
// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=18 -onnx-check-opset | FileCheck %s --check-prefixes=CHECK,INPUT,O18
//
// The Tensor family (Tensor.cpp). Squeeze, Unsqueeze and Split take their
// axes (sizes) as attributes at opset 11 (ATTR) and as inputs from 13
// (INPUT); Split takes num_outputs from 18.

// CHECK-LABEL: func.func @cast
// CHECK:         onnx.Cast(%{{.*}}) {to = 6 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi32>
func.func @cast(%x: tensor<2x3xf32>) -> tensor<2x3xi32> {
  %0 = pd.cast %x {in_dtype = f32, out_dtype = i32} : (tensor<2x3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// Legacy shape is int32; ONNX's is int64.
// CHECK-LABEL: func.func @shape
// CHECK:         %[[S:.*]] = onnx.Shape(%{{.*}}) : (tensor<?x3xf32>) -> tensor<2xi64>
// CHECK:         onnx.Cast(%[[S]]) {to = 6 : i64} : (tensor<2xi64>) -> tensor<2xi32>
func.func @shape(%x: tensor<?x3xf32>) -> tensor<2xi32> {
  %0 = pd.shape %x : (tensor<?x3xf32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// Paddle's 0 and -1 are ONNX's (allowzero = 0); a run-time shape is cast to
// int64, a list of dims concatenated.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>, %[[S:[^:]*]]: tensor<2xi32>, %[[D0:[^:]*]]: tensor<1xi32>, %[[D1:[^:]*]]: tensor<1xi64>
// CHECK:         %[[C:.*]] = onnx.Constant() {value = dense<[0, -1]> : tensor<2xi64>}
// CHECK:         onnx.Reshape(%[[X]], %[[C]]) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<2x12xf32>
// CHECK:         %[[S64:.*]] = onnx.Cast(%[[S]]) {to = 7 : i64}
// CHECK:         onnx.Reshape(%[[X]], %[[S64]])
// CHECK:         %[[D064:.*]] = onnx.Cast(%[[D0]]) {to = 7 : i64}
// CHECK:         %[[L:.*]] = onnx.Concat(%[[D064]], %[[D1]]) {axis = 0 : i64}
// CHECK:         onnx.Reshape(%[[X]], %[[L]])
func.func @reshape(%x: tensor<2x3x4xf32>, %s: tensor<2xi32>, %d0: tensor<1xi32>, %d1: tensor<1xi64>) -> (tensor<2x12xf32>, tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = pd.reshape %x {shape = array<i64: 0, -1>} : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  %1 = pd.reshape %x shape_tensor(%s) : (tensor<2x3x4xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  %2 = pd.reshape %x shape_tensor_list[%d0, %d1] {shape = array<i64: -1, -1>} : (tensor<2x3x4xf32>, tensor<1xi32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<2x12xf32>, tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK:         onnx.Transpose(%{{.*}}) {perm = array<i64: 2, 0, 1>}
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = pd.transpose %x {axis = array<i64: -1, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// Paddle leaves listed dims that are not 1; no axes squeezes every 1.
// CHECK-LABEL: func.func @squeeze
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x3x1xf32>, %[[Y:[^:]*]]: tensor<?x3x1xf32>
// ATTR:          onnx.Squeeze(%[[X]], %{{.*}}) {axes = array<i64: 0>} : (tensor<1x3x1xf32>, none) -> tensor<3x1xf32>
// INPUT:         %[[A0:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// INPUT:         onnx.Squeeze(%[[X]], %[[A0]]) : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<3x1xf32>
// CHECK:         %[[NONE:.*]] = onnx.NoValue
// CHECK:         onnx.Squeeze(%[[X]], %[[NONE]]) : (tensor<1x3x1xf32>, none) -> tensor<3xf32>
// ATTR:          onnx.Squeeze(%[[Y]], %{{.*}}) {axes = array<i64: 2>}
// INPUT:         %[[A2:.*]] = onnx.Constant() {value = dense<2> : tensor<1xi64>}
// INPUT:         onnx.Squeeze(%[[Y]], %[[A2]])
// CHECK:         return %{{.*}}, %{{.*}}, %{{.*}}, %[[X]] :
func.func @squeeze(%x: tensor<1x3x1xf32>, %y: tensor<?x3x1xf32>) -> (tensor<3x1xf32>, tensor<3xf32>, tensor<?x3xf32>, tensor<1x3x1xf32>) {
  %0 = pd.squeeze %x {axes = array<i64: 0, 1>} : (tensor<1x3x1xf32>) -> tensor<3x1xf32>
  %1 = pd.squeeze %x : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %2 = pd.squeeze %y {axes = array<i64: -1>} : (tensor<?x3x1xf32>) -> tensor<?x3xf32>
  %3 = pd.squeeze %x {axes = array<i64: 1>} : (tensor<1x3x1xf32>) -> tensor<1x3x1xf32>
  return %0, %1, %2, %3 : tensor<3x1xf32>, tensor<3xf32>, tensor<?x3xf32>, tensor<1x3x1xf32>
}

// -----

// Paddle inserts the axes in order, each against the rank reached so far:
// [-1, -1] on a 2-D input puts the new dims at 2 and 3.
// CHECK-LABEL: func.func @unsqueeze
// ATTR:          onnx.Unsqueeze(%{{.*}}, %{{.*}}) {axes = array<i64: 0, 2>} : (tensor<3x4xf32>, none) -> tensor<1x3x1x4xf32>
// ATTR:          onnx.Unsqueeze(%{{.*}}, %{{.*}}) {axes = array<i64: 2, 3>} : (tensor<3x4xf32>, none) -> tensor<3x4x1x1xf32>
// INPUT:         onnx.Constant() {value = dense<[0, 2]> : tensor<2xi64>}
// INPUT:         onnx.Constant() {value = dense<[2, 3]> : tensor<2xi64>}
func.func @unsqueeze(%x: tensor<3x4xf32>) -> (tensor<1x3x1x4xf32>, tensor<3x4x1x1xf32>) {
  %0 = pd.unsqueeze %x {axes = array<i64: 0, 2>} : (tensor<3x4xf32>) -> tensor<1x3x1x4xf32>
  %1 = pd.unsqueeze %x {axes = array<i64: -1, -1>} : (tensor<3x4xf32>) -> tensor<3x4x1x1xf32>
  return %0, %1 : tensor<1x3x1x4xf32>, tensor<3x4x1x1xf32>
}

// -----

// A constant axes tensor reads like the attribute.
// CHECK-LABEL: func.func @unsqueeze_const_tensor
// ATTR:          onnx.Unsqueeze(%{{.*}}, %{{.*}}) {axes = array<i64: 1>} : (tensor<3xf32>, none) -> tensor<3x1xf32>
// INPUT:         onnx.Unsqueeze(%{{.*}}, %{{.*}}) : (tensor<3xf32>, tensor<1xi64>) -> tensor<3x1xf32>
func.func @unsqueeze_const_tensor(%x: tensor<3xf32>) -> tensor<3x1xf32> {
  %a = arith.constant dense<1> : tensor<1xi32>
  %0 = pd.unsqueeze %x axes_tensor(%a) : (tensor<3xf32>, tensor<1xi32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

// Flatten is ONNX's only for start 1, stop last; otherwise a Reshape, whose
// target is read from Shape when a dim after stop_axis is unknown.
// CHECK-LABEL: func.func @flatten
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4x5xf32>, %[[Y:[^:]*]]: tensor<?x3x4x?xf32>, %[[Z:[^:]*]]: tensor<f32>
// CHECK:         onnx.Flatten(%[[X]]) {axis = 1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
// CHECK:         onnx.Constant() {value = dense<-1> : tensor<1xi64>}
// CHECK:         onnx.Reshape(%[[X]], %{{.*}}) : (tensor<2x3x4x5xf32>, tensor<1xi64>) -> tensor<120xf32>
// CHECK:         onnx.Constant() {value = dense<[-1, 4, 5]> : tensor<3xi64>}
// CHECK:         onnx.Reshape(%[[X]], %{{.*}}) : (tensor<2x3x4x5xf32>, tensor<3xi64>) -> tensor<6x4x5xf32>
// CHECK:         %[[SH:.*]] = onnx.Shape(%[[Y]])
// CHECK:         %[[LEAD:.*]] = onnx.Slice(%[[SH]],
// CHECK:         %[[M:.*]] = onnx.Constant() {value = dense<-1> : tensor<1xi64>}
// CHECK:         %[[TRAIL:.*]] = onnx.Slice(%[[SH]],
// CHECK:         %[[T:.*]] = onnx.Concat(%[[LEAD]], %[[M]], %[[TRAIL]]) {axis = 0 : i64}
// CHECK:         onnx.Reshape(%[[Y]], %[[T]]) : (tensor<?x3x4x?xf32>, tensor<3xi64>) -> tensor<?x12x?xf32>
// CHECK:         onnx.Constant() {value = dense<1> : tensor<1xi64>}
// CHECK:         onnx.Reshape(%[[Z]], %{{.*}}) : (tensor<f32>, tensor<1xi64>) -> tensor<1xf32>
func.func @flatten(%x: tensor<2x3x4x5xf32>, %y: tensor<?x3x4x?xf32>, %z: tensor<f32>) -> (tensor<2x60xf32>, tensor<120xf32>, tensor<6x4x5xf32>, tensor<?x12x?xf32>, tensor<1xf32>) {
  %0 = pd.flatten %x {start_axis = 1 : i64, stop_axis = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  %1 = pd.flatten %x {start_axis = 0 : i64, stop_axis = 3 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120xf32>
  %2 = pd.flatten %x {start_axis = 0 : i64, stop_axis = 1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<6x4x5xf32>
  %3 = pd.flatten %y {start_axis = 1 : i64, stop_axis = 2 : i64} : (tensor<?x3x4x?xf32>) -> tensor<?x12x?xf32>
  %4 = pd.flatten %z {start_axis = 0 : i64, stop_axis = -1 : i64} : (tensor<f32>) -> tensor<1xf32>
  return %0, %1, %2, %3, %4 : tensor<2x60xf32>, tensor<120xf32>, tensor<6x4x5xf32>, tensor<?x12x?xf32>, tensor<1xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK:         onnx.Concat(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
// CHECK:         onnx.Concat(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
func.func @concat(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %a = arith.constant dense<1> : tensor<1xi64>
  %0 = pd.concat [%x, %y] {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %1 = pd.concat [%x, %y] axis_tensor(%a) : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<1xi64>) -> tensor<2x8xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// A -1 section is the rest of the dim.
// CHECK-LABEL: func.func @split
// ATTR:          onnx.Split(%{{.*}}, %{{.*}}) {axis = 0 : i64, split = array<i64: 2, 2, 2>} : (tensor<6x4xf32>, none) ->
// ATTR:          onnx.Split(%{{.*}}, %{{.*}}) {axis = 0 : i64, split = array<i64: 1, 5>} : (tensor<6x4xf32>, none) ->
// INPUT:         %[[S1:.*]] = onnx.Constant() {value = dense<2> : tensor<3xi64>}
// INPUT:         onnx.Split(%{{.*}}, %[[S1]]) {axis = 0 : i64} : (tensor<6x4xf32>, tensor<3xi64>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
// INPUT:         %[[S2:.*]] = onnx.Constant() {value = dense<[1, 5]> : tensor<2xi64>}
// INPUT:         onnx.Split(%{{.*}}, %[[S2]]) {axis = 0 : i64} : (tensor<6x4xf32>, tensor<2xi64>) -> (tensor<1x4xf32>, tensor<5x4xf32>)
func.func @split(%x: tensor<6x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<5x4xf32>) {
  %0:3 = pd.split %x {num = 3 : i64} : (tensor<6x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  %1:2 = pd.split %x {sections = array<i64: 1, -1>} : (tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<5x4xf32>)
  return %0#0, %0#1, %0#2, %1#0, %1#1 : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<5x4xf32>
}

// -----

// Equal parts of a dim of unknown size: Split without sizes, which needs
// num_outputs from opset 18.
// CHECK-LABEL: func.func @split_num_dynamic
// ATTR:          onnx.Split(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<4x?xf32>, none) -> (tensor<4x?xf32>, tensor<4x?xf32>)
// O13:           onnx.Split(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<4x?xf32>, none) -> (tensor<4x?xf32>, tensor<4x?xf32>)
// O18:           onnx.Split(%{{.*}}, %{{.*}}) {axis = 1 : i64, num_outputs = 2 : i64} : (tensor<4x?xf32>, none) -> (tensor<4x?xf32>, tensor<4x?xf32>)
func.func @split_num_dynamic(%x: tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<4x?xf32>) {
  %0:2 = pd.split %x {num = 2 : i64, axis = -1 : i64} : (tensor<4x?xf32>) -> (tensor<4x?xf32>, tensor<4x?xf32>)
  return %0#0, %0#1 : tensor<4x?xf32>, tensor<4x?xf32>
}

// -----

// CHECK-LABEL: func.func @stack
// CHECK:         %[[A:.*]] = onnx.Unsqueeze(%{{.*}}) {{.*}}-> tensor<2x3x1xf32>
// CHECK:         %[[B:.*]] = onnx.Unsqueeze(%{{.*}}) {{.*}}-> tensor<2x3x1xf32>
// CHECK:         onnx.Concat(%[[A]], %[[B]]) {axis = 2 : i64} : (tensor<2x3x1xf32>, tensor<2x3x1xf32>) -> tensor<2x3x2xf32>
func.func @stack(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3x2xf32> {
  %0 = pd.stack [%x, %y] {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @unstack
// CHECK:         %[[P:.*]]:3 = onnx.Split({{.*}}) {axis = 1 : i64{{.*}} -> (tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
// CHECK:         onnx.Squeeze(%[[P]]#0, {{.*}} -> tensor<2xf32>
// CHECK:         onnx.Squeeze(%[[P]]#1, {{.*}} -> tensor<2xf32>
// CHECK:         onnx.Squeeze(%[[P]]#2, {{.*}} -> tensor<2xf32>
func.func @unstack(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0:3 = pd.unstack %x {axis = 1 : i64, num = 3 : i64} : (tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %0#0, %0#1, %0#2 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Decreased axes are squeezed (every one: 0-D, as Paddle 2.6); run-time
// starts and ends become int64 inputs.
// CHECK-LABEL: func.func @slice
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x5x6xf32>, %[[S:[^:]*]]: tensor<1xi32>, %[[E:[^:]*]]: tensor<1xi64>
// CHECK:         onnx.Slice(%[[X]], {{.*}}) : (tensor<4x5x6xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, none) -> tensor<2x5x6xf32>
// CHECK:         %[[D:.*]] = onnx.Slice(%[[X]], {{.*}} -> tensor<1x5x6xf32>
// CHECK:         onnx.Squeeze(%[[D]], {{.*}} -> tensor<5x6xf32>
// CHECK:         %[[S64:.*]] = onnx.Cast(%[[S]]) {to = 7 : i64}
// CHECK:         onnx.Slice(%[[X]], %[[S64]], %[[E]], {{.*}} -> tensor<?x5x6xf32>
// CHECK:         %[[ALL:.*]] = onnx.Slice(%[[X]], {{.*}} -> tensor<1x1x1xf32>
// CHECK:         onnx.Squeeze(%[[ALL]], {{.*}} -> tensor<f32>
func.func @slice(%x: tensor<4x5x6xf32>, %s: tensor<1xi32>, %e: tensor<1xi64>) -> (tensor<2x5x6xf32>, tensor<5x6xf32>, tensor<?x5x6xf32>, tensor<f32>) {
  %0 = pd.slice %x {axes = array<i64: 0>, starts = array<i64: 1>, ends = array<i64: 3>} : (tensor<4x5x6xf32>) -> tensor<2x5x6xf32>
  %1 = pd.slice %x {axes = array<i64: 0>, starts = array<i64: -1>, ends = array<i64: 10000>, decrease_axis = array<i64: 0>} : (tensor<4x5x6xf32>) -> tensor<5x6xf32>
  %2 = pd.slice %x starts_tensor(%s) ends_tensor(%e) {axes = array<i64: 0>, infer_flags = array<i64: -1>} : (tensor<4x5x6xf32>, tensor<1xi32>, tensor<1xi64>) -> tensor<?x5x6xf32>
  %3 = pd.slice %x {axes = array<i64: 0, 1, 2>, starts = array<i64: 0, 1, 2>, ends = array<i64: 1, 2, 3>, decrease_axis = array<i64: 0, 1, 2>} : (tensor<4x5x6xf32>) -> tensor<f32>
  return %0, %1, %2, %3 : tensor<2x5x6xf32>, tensor<5x6xf32>, tensor<?x5x6xf32>, tensor<f32>
}

// -----

// Paddle's end -1 with a negative stride runs to the front (INT64_MIN for
// ONNX); start -1, end 0 on a decreased axis takes the last element; an end
// below -dim stops before index 0.
// CHECK-LABEL: func.func @strided_slice
// CHECK:         onnx.Constant() {value = dense<-9223372036854775808> : tensor<1xi64>}
// CHECK:         onnx.Slice({{.*}} -> tensor<8x6xf32>
// CHECK:         onnx.Constant() {value = dense<2> : tensor<2xi64>}
// CHECK:         onnx.Slice({{.*}} -> tensor<4x3xf32>
// CHECK:         onnx.Constant() {value = dense<9223372036854775807> : tensor<1xi64>}
// CHECK:         onnx.Slice({{.*}} -> tensor<1x6xf32>
// CHECK:         onnx.Squeeze({{.*}} -> tensor<6xf32>
// CHECK:         onnx.Constant() {value = dense<0> : tensor<1xi64>}
// CHECK-NEXT:    %[[E:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// CHECK-NEXT:    onnx.Constant() {value = dense<0> : tensor<1xi64>}
// CHECK-NEXT:    onnx.Constant() {value = dense<-1> : tensor<1xi64>}
// CHECK-NEXT:    onnx.Slice(%{{.*}}, %{{.*}}, %[[E]], {{.*}} -> tensor<0x6xf32>
func.func @strided_slice(%x: tensor<8x6xf32>) -> (tensor<8x6xf32>, tensor<4x3xf32>, tensor<6xf32>, tensor<0x6xf32>) {
  %0 = pd.strided_slice %x {axes = array<i64: 0>, starts = array<i64: -1>, ends = array<i64: -1>, strides = array<i64: -1>, infer_flags = array<i64: 1>} : (tensor<8x6xf32>) -> tensor<8x6xf32>
  %1 = pd.strided_slice %x {axes = array<i64: 0, 1>, starts = array<i64: 0, 0>, ends = array<i64: 8, 6>, strides = array<i64: 2, 2>, infer_flags = array<i64: 1, 1>} : (tensor<8x6xf32>) -> tensor<4x3xf32>
  %2 = pd.strided_slice %x {axes = array<i64: 0>, starts = array<i64: -1>, ends = array<i64: 0>, strides = array<i64: 1>, infer_flags = array<i64: -1>, decrease_axis = array<i64: 0>} : (tensor<8x6xf32>) -> tensor<6xf32>
  %3 = pd.strided_slice %x {axes = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: -20>, strides = array<i64: -1>, infer_flags = array<i64: 1>} : (tensor<8x6xf32>) -> tensor<0x6xf32>
  return %0, %1, %2, %3 : tensor<8x6xf32>, tensor<4x3xf32>, tensor<6xf32>, tensor<0x6xf32>
}

// -----

// Run-time bounds: start -1, end 0 on a decreased axis with infer flag -1
// still takes the last element (ends become INT64_MAX there).
// CHECK-LABEL: func.func @strided_slice_runtime
// CHECK-SAME:      %[[X:[^:]*]]: tensor<8x6xf32>, %[[S:[^:]*]]: tensor<1xi64>, %[[E:[^:]*]]: tensor<1xi64>
// CHECK:         %[[M1:.*]] = onnx.Constant() {value = dense<-1> : tensor<1xi64>}
// CHECK:         %[[Z:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// CHECK:         %[[MASK:.*]] = onnx.Constant() {value = dense<true> : tensor<1xi1>}
// CHECK:         %[[SL:.*]] = onnx.Equal(%[[S]], %[[M1]])
// CHECK:         %[[EZ:.*]] = onnx.Equal(%[[E]], %[[Z]])
// CHECK:         %[[PAIR:.*]] = onnx.And(%[[SL]], %[[EZ]])
// CHECK:         %[[C:.*]] = onnx.And(%[[PAIR]], %[[MASK]])
// CHECK:         %[[MAX:.*]] = onnx.Constant() {value = dense<9223372036854775807> : tensor<1xi64>}
// CHECK:         %[[ENDS:.*]] = onnx.Where(%[[C]], %[[MAX]], %[[E]])
// CHECK:         %[[SLICE:.*]] = onnx.Slice(%[[X]], %[[S]], %[[ENDS]], %{{.*}}) : {{.*}} -> tensor<1x6xf32>
// CHECK:         onnx.Squeeze(%[[SLICE]], {{.*}} -> tensor<6xf32>
func.func @strided_slice_runtime(%x: tensor<8x6xf32>, %s: tensor<1xi64>, %e: tensor<1xi64>) -> tensor<6xf32> {
  %0 = pd.strided_slice %x starts_tensor(%s) ends_tensor(%e) {axes = array<i64: 0>, strides = array<i64: 1>, infer_flags = array<i64: -1>, decrease_axis = array<i64: 0>} : (tensor<8x6xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @flip
// CHECK:         %[[S:.*]] = onnx.Constant() {value = dense<-1> : tensor<1xi64>}
// CHECK:         %[[E:.*]] = onnx.Constant() {value = dense<-9223372036854775808> : tensor<1xi64>}
// CHECK:         %[[A:.*]] = onnx.Constant() {value = dense<1> : tensor<1xi64>}
// CHECK:         %[[ST:.*]] = onnx.Constant() {value = dense<-1> : tensor<1xi64>}
// CHECK:         onnx.Slice(%{{.*}}, %[[S]], %[[E]], %[[A]], %[[ST]])
func.func @flip(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = pd.flip %x {axis = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// -1 keeps the input dim: 1 for ONNX's broadcast, Abs at run time.
// CHECK-LABEL: func.func @expand
// CHECK:         onnx.Constant() {value = dense<[2, 1, 4]> : tensor<3xi64>}
// CHECK:         onnx.Expand
// CHECK:         %[[C:.*]] = onnx.Cast(%{{.*}}) {to = 7 : i64} : (tensor<3xi32>) -> tensor<3xi64>
// CHECK:         %[[A:.*]] = onnx.Abs(%[[C]])
// CHECK:         onnx.Expand(%{{.*}}, %[[A]])
func.func @expand(%x: tensor<3x1xf32>, %s: tensor<3xi32>) -> (tensor<2x3x4xf32>, tensor<?x?x?xf32>) {
  %0 = pd.expand %x {shape = array<i64: 2, -1, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %1 = pd.expand %x shape_tensor(%s) : (tensor<3x1xf32>, tensor<3xi32>) -> tensor<?x?x?xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<?x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @expand_as
// CHECK-SAME:      %[[X:[^:]*]]: tensor<3x1xf32>, %[[Y:[^:]*]]: tensor<2x3x4xf32>
// CHECK:         %[[S:.*]] = onnx.Shape(%[[Y]])
// CHECK:         onnx.Expand(%[[X]], %[[S]])
func.func @expand_as(%x: tensor<3x1xf32>, %y: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = pd.expand_as %x y(%y) : (tensor<3x1xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Short repeat_times get leading 1s; long ones unsqueeze the input.
// CHECK-LABEL: func.func @tile
// CHECK:         onnx.Constant() {value = dense<[1, 2]> : tensor<2xi64>}
// CHECK:         onnx.Tile({{.*}} -> tensor<2x6xf32>
// CHECK:         onnx.Unsqueeze({{.*}} -> tensor<1x2x3xf32>
// CHECK:         onnx.Constant() {value = dense<[2, 1, 1]> : tensor<3xi64>}
// CHECK:         onnx.Tile({{.*}} -> tensor<2x2x3xf32>
// CHECK:         %[[R:.*]] = onnx.Cast(%{{.*}}) {to = 7 : i64} : (tensor<1xi32>) -> tensor<1xi64>
// CHECK:         %[[ONES:.*]] = onnx.Constant() {value = dense<1> : tensor<1xi64>}
// CHECK:         %[[ALL:.*]] = onnx.Concat(%[[ONES]], %[[R]])
// CHECK:         onnx.Tile(%{{.*}}, %[[ALL]])
func.func @tile(%x: tensor<2x3xf32>, %r: tensor<1xi32>) -> (tensor<2x6xf32>, tensor<2x2x3xf32>, tensor<?x?xf32>) {
  %0 = pd.tile %x {repeat_times = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  %1 = pd.tile %x {repeat_times = array<i64: 2, 1, 1>} : (tensor<2x3xf32>) -> tensor<2x2x3xf32>
  %2 = pd.tile %x repeat_times_tensor(%r) : (tensor<2x3xf32>, tensor<1xi32>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<2x6xf32>, tensor<2x2x3xf32>, tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @repeat_interleave
// CHECK:         %[[I:.*]] = onnx.Constant() {value = dense<[0, 0, 1, 1, 2, 2]> : tensor<6xi64>}
// CHECK:         onnx.Gather(%{{.*}}, %[[I]]) {axis = 1 : i64}
// CHECK:         onnx.Unsqueeze({{.*}} -> tensor<?x1x3xf32>
// CHECK:         onnx.Constant() {value = dense<[1, 2, 1]> : tensor<3xi64>}
// CHECK:         onnx.Tile
// CHECK:         onnx.Constant() {value = dense<[-1, 3]> : tensor<2xi64>}
// CHECK:         onnx.Reshape({{.*}} -> tensor<?x3xf32>
func.func @repeat_interleave(%x: tensor<2x3xf32>, %y: tensor<?x3xf32>) -> (tensor<2x6xf32>, tensor<?x3xf32>) {
  %0 = pd.repeat_interleave %x {repeats = 2 : i64, dim = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x6xf32>
  %1 = pd.repeat_interleave %y {repeats = 2 : i64, dim = 0 : i64} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0, %1 : tensor<2x6xf32>, tensor<?x3xf32>
}

// -----

// An [N, 1] index reads as [N]; a 0-D one drops the axis, as in ONNX.
// CHECK-LABEL: func.func @gather
// CHECK:         onnx.Gather(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<4x5xf32>, tensor<3xi32>) -> tensor<4x3xf32>
// CHECK:         %[[I:.*]] = onnx.Reshape(%{{.*}}) : (tensor<3x1xi64>, tensor<1xi64>) -> tensor<3xi64>
// CHECK:         onnx.Gather(%{{.*}}, %[[I]]) {axis = 0 : i64}
// CHECK:         onnx.Gather(%{{.*}}, %{{.*}}) {axis = 0 : i64} : (tensor<4x5xf32>, tensor<i64>) -> tensor<5xf32>
func.func @gather(%x: tensor<4x5xf32>, %i: tensor<3xi32>, %j: tensor<3x1xi64>, %k: tensor<i64>) -> (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) {
  %0 = pd.gather %x, %i {axis = -1 : i64} : (tensor<4x5xf32>, tensor<3xi32>) -> tensor<4x3xf32>
  %1 = pd.gather %x, %j : (tensor<4x5xf32>, tensor<3x1xi64>) -> tensor<3x5xf32>
  %2 = pd.gather %x, %k : (tensor<4x5xf32>, tensor<i64>) -> tensor<5xf32>
  return %0, %1, %2 : tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf32>
}

// -----

// CHECK-LABEL: func.func @gather_nd
// CHECK:         %[[I:.*]] = onnx.Cast(%{{.*}}) {to = 7 : i64}
// CHECK:         onnx.GatherND(%{{.*}}, %[[I]]) : (tensor<4x5x6xf32>, tensor<3x2xi64>) -> tensor<3x6xf32>
func.func @gather_nd(%x: tensor<4x5x6xf32>, %i: tensor<3x2xi32>) -> tensor<3x6xf32> {
  %0 = pd.gather_nd %x, %i : (tensor<4x5x6xf32>, tensor<3x2xi32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// CHECK-LABEL: func.func @index_select
// CHECK:         onnx.Gather(%{{.*}}, %{{.*}}) {axis = 1 : i64} : (tensor<4x5xf32>, tensor<3xi64>) -> tensor<4x3xf32>
func.func @index_select(%x: tensor<4x5xf32>, %i: tensor<3xi64>) -> tensor<4x3xf32> {
  %0 = pd.index_select %x, %i {dim = -1 : i64} : (tensor<4x5xf32>, tensor<3xi64>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// paddings [left, right, top, bottom, front, back] to ONNX's
// [begin..., end...] over N, C, D, H, W (or N, D, H, W, C).
// CHECK-LABEL: func.func @pad3d
// CHECK:         %[[P:.*]] = onnx.Constant() {value = dense<[0, 0, 0, 2, 1, 0, 0, 2, 2, 3]> : tensor<10xi64>}
// CHECK:         %[[V:.*]] = onnx.Constant() {value = dense<1.500000e+00> : tensor<f32>}
// CHECK:         onnx.Pad(%{{.*}}, %[[P]], %[[V]], %{{.*}}) {mode = "constant"}
// CHECK:         %[[Q:.*]] = onnx.Constant() {value = dense<[0, 3, 2, 1, 0, 0, 0, 2, 1, 0]> : tensor<10xi64>}
// CHECK:         onnx.Pad(%{{.*}}, %[[Q]], %{{.*}}, %{{.*}}) {mode = "edge"}
func.func @pad3d(%x: tensor<1x2x3x4x5xf32>) -> (tensor<1x2x5x8x9xf32>, tensor<1x5x7x6x5xf32>) {
  %0 = pd.pad3d %x {paddings = array<i64: 1, 3, 2, 2, 0, 2>, mode = "constant", value = 1.5 : f32} : (tensor<1x2x3x4x5xf32>) -> tensor<1x2x5x8x9xf32>
  %1 = pd.pad3d %x {paddings = array<i64: 1, 1, 2, 2, 3, 0>, mode = "replicate", data_format = "NDHWC"} : (tensor<1x2x3x4x5xf32>) -> tensor<1x5x7x6x5xf32>
  return %0, %1 : tensor<1x2x5x8x9xf32>, tensor<1x5x7x6x5xf32>
}

// -----

// ONNX OneHot wraps negative indices; with allow_out_of_range Paddle yields
// zeros for them, so they are moved to `depth` first.
// CHECK-LABEL: func.func @one_hot
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xi64>
// CHECK:         %[[D:.*]] = onnx.Constant() {value = dense<10> : tensor<1xi64>}
// CHECK:         %[[V:.*]] = onnx.Constant() {value = dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>}
// CHECK:         onnx.OneHot(%[[X]], %[[D]], %[[V]]) {axis = -1 : i64} : (tensor<4xi64>, tensor<1xi64>, tensor<2xf32>) -> tensor<4x10xf32>
// CHECK:         %[[NEG:.*]] = onnx.Less(%[[X]],
// CHECK:         %[[I:.*]] = onnx.Where(%[[NEG]], %{{.*}}, %[[X]])
// CHECK:         onnx.OneHot(%[[I]],
func.func @one_hot(%x: tensor<4xi64>) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %0 = pd.one_hot %x {depth = 10 : i64, dtype = f32} : (tensor<4xi64>) -> tensor<4x10xf32>
  %1 = pd.one_hot %x {depth = 10 : i64, dtype = f32, allow_out_of_range = true} : (tensor<4xi64>) -> tensor<4x10xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x10xf32>
}

// -----

// Before opset 14 (no Trilu), a constant mask over static matrix dims.
// CHECK-LABEL: func.func @tril_triu
// MASK:          %[[L:.*]] = onnx.Constant() {value = dense<{{\[}}[true, true, false], [true, true, true], [true, true, true]]> : tensor<3x3xi1>}
// MASK:          %[[Z:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<f32>}
// MASK:          onnx.Where(%[[L]], %{{.*}}, %[[Z]]) : (tensor<3x3xi1>, tensor<2x3x3xf32>, tensor<f32>) -> tensor<2x3x3xf32>
// MASK:          onnx.Constant() {value = dense<{{\[}}[true, true, true], [false, true, true], [false, false, true]]> : tensor<3x3xi1>}
// O18:           %[[K1:.*]] = onnx.Constant() {value = dense<1> : tensor<i64>}
// O18:           onnx.Trilu(%{{.*}}, %[[K1]]) {upper = 0 : i64}
// O18:           %[[K0:.*]] = onnx.Constant() {value = dense<0> : tensor<i64>}
// O18:           onnx.Trilu(%{{.*}}, %[[K0]]) {upper = 1 : i64}
func.func @tril_triu(%x: tensor<2x3x3xf32>) -> (tensor<2x3x3xf32>, tensor<2x3x3xf32>) {
  %0 = pd.tril_triu %x {diagonal = 1 : i64, lower = true} : (tensor<2x3x3xf32>) -> tensor<2x3x3xf32>
  %1 = pd.tril_triu %x {diagonal = 0 : i64, lower = false} : (tensor<2x3x3xf32>) -> tensor<2x3x3xf32>
  return %0, %1 : tensor<2x3x3xf32>, tensor<2x3x3xf32>
}
