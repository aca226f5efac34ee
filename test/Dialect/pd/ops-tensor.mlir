// RUN: oar-opt %s | oar-opt | FileCheck %s
// RUN: oar-opt %s --mlir-print-op-generic | oar-opt | FileCheck %s
//
// Round trip of the pd shape manipulation and creation ops and of
// pd.parameter.

// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>, %[[S:[^:]*]]: tensor<2xi64>, %[[D0:[^:]*]]: tensor<1xi32>, %[[D1:[^:]*]]: tensor<1xi32>)
func.func @reshape(%x: tensor<2x3x4xf32>, %s: tensor<2xi64>, %d0: tensor<1xi32>, %d1: tensor<1xi32>) -> (tensor<6x4xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<24xf32>) {
  // CHECK: %[[V0:.*]] = pd.reshape %[[X]] {shape = array<i64: 0, -1, 4>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %0 = pd.reshape %x {shape = array<i64: 0, -1, 4>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: %{{.*}} = pd.reshape %[[V0]] {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = pd.reshape %0 {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // CHECK: %{{.*}} = pd.reshape %[[X]] shape_tensor(%[[S]]) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  %2 = pd.reshape %x shape_tensor(%s) : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  // CHECK: %[[V3:.*]] = pd.reshape %[[X]] shape_tensor_list[%[[D0]], %[[D1]]] {shape = array<i64: -1, -1>} : (tensor<2x3x4xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  %3 = pd.reshape %x shape_tensor_list[%d0, %d1] {shape = array<i64: -1, -1>} : (tensor<2x3x4xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  // CHECK: %[[V4:.*]] = pd.reshape %[[X]] {shape = array<i64: -1>} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %4 = pd.reshape %x {shape = array<i64: -1>} : (tensor<2x3x4xf32>) -> tensor<24xf32>
  return %1, %2, %3, %4 : tensor<6x4xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<24xf32>
}

// CHECK-LABEL: func.func @reshape_scalar(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x1xf32>)
func.func @reshape_scalar(%x: tensor<1x1xf32>) -> tensor<f32> {
  // CHECK: %[[V0:.*]] = pd.reshape %[[X]] : (tensor<1x1xf32>) -> tensor<f32>
  %0 = pd.reshape %x : (tensor<1x1xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @transpose(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xf32>)
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  // CHECK: %[[V0:.*]] = pd.transpose %[[X]] {axis = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %0 = pd.transpose %x {axis = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// CHECK-LABEL: func.func @squeeze_unsqueeze(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x3x1xf32>, %[[A:[^:]*]]: tensor<1xi64>, %[[A0:[^:]*]]: tensor<1xi32>, %[[A1:[^:]*]]: tensor<1xi32>)
func.func @squeeze_unsqueeze(%x: tensor<1x3x1xf32>, %a: tensor<1xi64>, %a0: tensor<1xi32>, %a1: tensor<1xi32>) -> (tensor<1x3x1x1xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?x?xf32>) {
  // CHECK: %[[V0:.*]] = pd.squeeze %[[X]] {axes = array<i64: 0, -1>} : (tensor<1x3x1xf32>) -> tensor<3xf32>
  %0 = pd.squeeze %x {axes = array<i64: 0, -1>} : (tensor<1x3x1xf32>) -> tensor<3xf32>
  // CHECK: %{{.*}} = pd.unsqueeze %[[V0]] {axes = array<i64: 0, 2, 3>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  %1 = pd.unsqueeze %0 {axes = array<i64: 0, 2, 3>} : (tensor<3xf32>) -> tensor<1x3x1x1xf32>
  // CHECK: %[[V2:.*]] = pd.unsqueeze %[[X]] axes_tensor(%[[A]]) : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<?x?x?x?xf32>
  %2 = pd.unsqueeze %x axes_tensor(%a) : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<?x?x?x?xf32>
  // CHECK: %[[V3:.*]] = pd.unsqueeze %[[X]] axes_tensor_list[%[[A0]], %[[A1]]] : (tensor<1x3x1xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?x?x?x?xf32>
  %3 = pd.unsqueeze %x axes_tensor_list[%a0, %a1] : (tensor<1x3x1xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?x?x?x?xf32>
  return %1, %2, %3 : tensor<1x3x1x1xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?x?xf32>
}

// CHECK-LABEL: func.func @flatten(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4x5xf32>)
func.func @flatten(%x: tensor<2x3x4x5xf32>) -> (tensor<2x60xf32>, tensor<120xf32>) {
  // CHECK: %[[V0:.*]] = pd.flatten %[[X]] {stop_axis = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  %0 = pd.flatten %x {start_axis = 1 : i64, stop_axis = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  // CHECK: %[[V1:.*]] = pd.flatten %[[X]] {start_axis = 0 : i64, stop_axis = 3 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120xf32>
  %1 = pd.flatten %x {start_axis = 0 : i64, stop_axis = 3 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120xf32>
  return %0, %1 : tensor<2x60xf32>, tensor<120xf32>
}

// CHECK-LABEL: func.func @concat(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<2x5xf32>, %[[A:[^:]*]]: tensor<1xi32>)
func.func @concat(%x: tensor<2x3xf32>, %y: tensor<2x5xf32>, %a: tensor<1xi32>) -> (tensor<2x8xf32>, tensor<?x?xf32>) {
  // CHECK: %[[V0:.*]] = pd.concat[%[[X]], %[[Y]]] {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %0 = pd.concat [%x, %y] {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  // CHECK: %[[V1:.*]] = pd.concat[%[[X]], %[[Y]]] axis_tensor(%[[A]]) : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<1xi32>) -> tensor<?x?xf32>
  %1 = pd.concat [%x, %y] axis_tensor(%a) : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<1xi32>) -> tensor<?x?xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<?x?xf32>
}

// CHECK-LABEL: func.func @split(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<6x4xf32>, %[[A:[^:]*]]: tensor<1xi32>, %[[S0:[^:]*]]: tensor<1xi32>, %[[S1:[^:]*]]: tensor<1xi32>)
func.func @split(%x: tensor<6x4xf32>, %a: tensor<1xi32>, %s0: tensor<1xi32>, %s1: tensor<1xi32>) -> (tensor<2x4xf32>, tensor<1x4xf32>, tensor<?x4xf32>, tensor<?x?xf32>) {
  // CHECK: %{{.*}}:3 = pd.split %[[X]] {num = 3 : i64} : (tensor<6x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  %0:3 = pd.split %x {num = 3 : i64} : (tensor<6x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  // CHECK: %{{.*}}:2 = pd.split %[[X]] {sections = array<i64: 1, -1>} : (tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<5x4xf32>)
  %1:2 = pd.split %x {sections = array<i64: 1, -1>, axis = 0 : i64} : (tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<5x4xf32>)
  // CHECK: %[[V2:.*]]:2 = pd.split %[[X]] sections_tensor_list[%[[S0]], %[[S1]]] {sections = array<i64: -1, -1>} : (tensor<6x4xf32>, tensor<1xi32>, tensor<1xi32>) -> (tensor<?x4xf32>, tensor<?x4xf32>)
  %2:2 = pd.split %x sections_tensor_list[%s0, %s1] {sections = array<i64: -1, -1>} : (tensor<6x4xf32>, tensor<1xi32>, tensor<1xi32>) -> (tensor<?x4xf32>, tensor<?x4xf32>)
  // CHECK: %[[V3:.*]]:2 = pd.split %[[X]] axis_tensor(%[[A]]) {num = 2 : i64} : (tensor<6x4xf32>, tensor<1xi32>) -> (tensor<?x?xf32>, tensor<?x?xf32>)
  %3:2 = pd.split %x axis_tensor(%a) {num = 2 : i64} : (tensor<6x4xf32>, tensor<1xi32>) -> (tensor<?x?xf32>, tensor<?x?xf32>)
  return %0#0, %1#0, %2#1, %3#1 : tensor<2x4xf32>, tensor<1x4xf32>, tensor<?x4xf32>, tensor<?x?xf32>
}

// CHECK-LABEL: func.func @stack_unstack(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<3x4xf32>, %[[Y:[^:]*]]: tensor<3x4xf32>)
func.func @stack_unstack(%x: tensor<3x4xf32>, %y: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // CHECK: %[[V0:.*]] = pd.stack[%[[X]], %[[Y]]] {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x2x4xf32>
  %0 = pd.stack [%x, %y] {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x2x4xf32>
  // CHECK: %[[V1:.*]]:2 = pd.unstack %[[V0]] {axis = 1 : i64, num = 2 : i64} : (tensor<3x2x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>)
  %1:2 = pd.unstack %0 {axis = 1 : i64, num = 2 : i64} : (tensor<3x2x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>)
  return %1#1 : tensor<3x4xf32>
}

// CHECK-LABEL: func.func @slice(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x8x16xf32>, %[[ST:[^:]*]]: tensor<2xi64>, %[[EN:[^:]*]]: tensor<2xi64>, %[[S0:[^:]*]]: tensor<1xi64>, %[[E0:[^:]*]]: tensor<1xi64>)
func.func @slice(%x: tensor<4x8x16xf32>, %st: tensor<2xi64>, %en: tensor<2xi64>, %s0: tensor<1xi64>, %e0: tensor<1xi64>) -> (tensor<2x8x4xf32>, tensor<8x4xf32>, tensor<?x8x?xf32>, tensor<?x8x16xf32>) {
  // CHECK: %{{.*}} = pd.slice %[[X]] {axes = array<i64: 0, 2>, ends = array<i64: 3, 4>, starts = array<i64: 1, 0>} : (tensor<4x8x16xf32>) -> tensor<2x8x4xf32>
  %0 = pd.slice %x {axes = array<i64: 0, 2>, starts = array<i64: 1, 0>, ends = array<i64: 3, 4>} : (tensor<4x8x16xf32>) -> tensor<2x8x4xf32>
  // CHECK: %{{.*}} = pd.slice %[[X]] {axes = array<i64: 0, -1>, decrease_axis = array<i64: 0>, ends = array<i64: 1, 4>, infer_flags = array<i64: 1, 1>, starts = array<i64: 0, 0>} : (tensor<4x8x16xf32>) -> tensor<8x4xf32>
  %1 = pd.slice %x {axes = array<i64: 0, -1>, starts = array<i64: 0, 0>, ends = array<i64: 1, 4>, decrease_axis = array<i64: 0>, infer_flags = array<i64: 1, 1>} : (tensor<4x8x16xf32>) -> tensor<8x4xf32>
  // CHECK: %[[V2:.*]] = pd.slice %[[X]] starts_tensor(%[[ST]]) ends_tensor(%[[EN]]) {axes = array<i64: 0, 2>} : (tensor<4x8x16xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x8x?xf32>
  %2 = pd.slice %x starts_tensor(%st) ends_tensor(%en) {axes = array<i64: 0, 2>} : (tensor<4x8x16xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<?x8x?xf32>
  // CHECK: %[[V3:.*]] = pd.slice %[[X]] starts_tensor_list[%[[S0]]] ends_tensor_list[%[[E0]]] {axes = array<i64: 0>, infer_flags = array<i64: -1>} : (tensor<4x8x16xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x8x16xf32>
  %3 = pd.slice %x starts_tensor_list[%s0] ends_tensor_list[%e0] {axes = array<i64: 0>, infer_flags = array<i64: -1>} : (tensor<4x8x16xf32>, tensor<1xi64>, tensor<1xi64>) -> tensor<?x8x16xf32>
  return %0, %1, %2, %3 : tensor<2x8x4xf32>, tensor<8x4xf32>, tensor<?x8x?xf32>, tensor<?x8x16xf32>
}

// CHECK-LABEL: func.func @slice_mixed(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x8xf32>, %[[E0:[^:]*]]: tensor<1xi64>)
func.func @slice_mixed(%x: tensor<4x8xf32>, %e0: tensor<1xi64>) -> tensor<?x8xf32> {
  // CHECK: %[[V0:.*]] = pd.slice %[[X]] ends_tensor_list[%[[E0]]] {axes = array<i64: 0>, starts = array<i64: 1>} : (tensor<4x8xf32>, tensor<1xi64>) -> tensor<?x8xf32>
  %0 = pd.slice %x ends_tensor_list[%e0] {axes = array<i64: 0>, starts = array<i64: 1>} : (tensor<4x8xf32>, tensor<1xi64>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// CHECK-LABEL: func.func @strided_slice(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<8x8xf32>, %[[ST:[^:]*]]: tensor<1xi32>, %[[E0:[^:]*]]: tensor<1xi32>, %[[SD:[^:]*]]: tensor<1xi32>)
func.func @strided_slice(%x: tensor<8x8xf32>, %st: tensor<1xi32>, %e0: tensor<1xi32>, %sd: tensor<1xi32>) -> (tensor<4x8xf32>, tensor<?x8xf32>) {
  // CHECK: %[[V0:.*]] = pd.strided_slice %[[X]] {axes = array<i64: 0>, ends = array<i64: 8>, starts = array<i64: 0>, strides = array<i64: 2>} : (tensor<8x8xf32>) -> tensor<4x8xf32>
  %0 = pd.strided_slice %x {axes = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 8>, strides = array<i64: 2>} : (tensor<8x8xf32>) -> tensor<4x8xf32>
  // CHECK: %[[V1:.*]] = pd.strided_slice %[[X]] starts_tensor(%[[ST]]) ends_tensor_list[%[[E0]]] strides_tensor(%[[SD]]) {axes = array<i64: 0>} : (tensor<8x8xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x8xf32>
  %1 = pd.strided_slice %x starts_tensor(%st) ends_tensor_list[%e0] strides_tensor(%sd) {axes = array<i64: 0>} : (tensor<8x8xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x8xf32>
  return %0, %1 : tensor<4x8xf32>, tensor<?x8xf32>
}

// CHECK-LABEL: func.func @expand(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x4xf32>, %[[S:[^:]*]]: tensor<2xi32>, %[[D0:[^:]*]]: tensor<1xi32>, %[[Y:[^:]*]]: tensor<3x4xf32>)
func.func @expand(%x: tensor<1x4xf32>, %s: tensor<2xi32>, %d0: tensor<1xi32>, %y: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) {
  // CHECK: %{{.*}} = pd.expand %[[X]] {shape = array<i64: 3, -1>} : (tensor<1x4xf32>) -> tensor<3x4xf32>
  %0 = pd.expand %x {shape = array<i64: 3, -1>} : (tensor<1x4xf32>) -> tensor<3x4xf32>
  // CHECK: %{{.*}} = pd.expand %[[X]] shape_tensor(%[[S]]) : (tensor<1x4xf32>, tensor<2xi32>) -> tensor<?x4xf32>
  %1 = pd.expand %x shape_tensor(%s) : (tensor<1x4xf32>, tensor<2xi32>) -> tensor<?x4xf32>
  // CHECK: %{{.*}} = pd.expand %[[X]] expand_shapes_tensor[%[[D0]]] {shape = array<i64: -1, 4>} : (tensor<1x4xf32>, tensor<1xi32>) -> tensor<?x4xf32>
  %2 = pd.expand %x expand_shapes_tensor[%d0] {shape = array<i64: -1, 4>} : (tensor<1x4xf32>, tensor<1xi32>) -> tensor<?x4xf32>
  // CHECK: %[[V3:.*]] = pd.expand_as %[[X]] y(%[[Y]]) : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  %3 = pd.expand_as %x y(%y) : (tensor<1x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  // CHECK: %[[V4:.*]] = pd.expand_as %[[X]] {target_shape = array<i64: 3, 4>} : (tensor<1x4xf32>) -> tensor<3x4xf32>
  %4 = pd.expand_as %x {target_shape = array<i64: 3, 4>} : (tensor<1x4xf32>) -> tensor<3x4xf32>
  return %0, %1, %2, %3, %4 : tensor<3x4xf32>, tensor<?x4xf32>, tensor<?x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @tile(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[R:[^:]*]]: tensor<2xi32>, %[[R0:[^:]*]]: tensor<1xi32>, %[[R1:[^:]*]]: tensor<1xi32>)
func.func @tile(%x: tensor<2x3xf32>, %r: tensor<2xi32>, %r0: tensor<1xi32>, %r1: tensor<1xi32>) -> (tensor<4x3xf32>, tensor<?x?xf32>, tensor<?x?xf32>) {
  // CHECK: %{{.*}} = pd.tile %[[X]] {repeat_times = array<i64: 2, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  %0 = pd.tile %x {repeat_times = array<i64: 2, 1>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  // CHECK: %[[V1:.*]] = pd.tile %[[X]] repeat_times_tensor(%[[R]]) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  %1 = pd.tile %x repeat_times_tensor(%r) : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  // CHECK: %[[V2:.*]] = pd.tile %[[X]] repeat_times_tensor_list[%[[R0]], %[[R1]]] : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  %2 = pd.tile %x repeat_times_tensor_list[%r0, %r1] : (tensor<2x3xf32>, tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<4x3xf32>, tensor<?x?xf32>, tensor<?x?xf32>
}

// CHECK-LABEL: func.func @gather(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<5x3xf32>, %[[I:[^:]*]]: tensor<2xi64>, %[[A:[^:]*]]: tensor<1xi64>, %[[ND:[^:]*]]: tensor<2x2xi32>)
func.func @gather(%x: tensor<5x3xf32>, %i: tensor<2xi64>, %a: tensor<1xi64>, %nd: tensor<2x2xi32>) -> (tensor<2x3xf32>, tensor<?x?xf32>, tensor<2xf32>, tensor<5x2xf32>) {
  // CHECK: %{{.*}} = pd.gather %[[X]], %[[I]] : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  %0 = pd.gather %x, %i : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  // CHECK: %{{.*}} = pd.gather %[[X]], %[[I]] axis_tensor(%[[A]]) : (tensor<5x3xf32>, tensor<2xi64>, tensor<1xi64>) -> tensor<?x?xf32>
  %1 = pd.gather %x, %i axis_tensor(%a) : (tensor<5x3xf32>, tensor<2xi64>, tensor<1xi64>) -> tensor<?x?xf32>
  // CHECK: %[[V2:.*]] = pd.gather_nd %[[X]], %[[ND]] : (tensor<5x3xf32>, tensor<2x2xi32>) -> tensor<2xf32>
  %2 = pd.gather_nd %x, %nd : (tensor<5x3xf32>, tensor<2x2xi32>) -> tensor<2xf32>
  // CHECK: %[[V3:.*]] = pd.index_select %[[X]], %[[I]] {dim = 1 : i64} : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<5x2xf32>
  %3 = pd.index_select %x, %i {dim = 1 : i64} : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<5x2xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<?x?xf32>, tensor<2xf32>, tensor<5x2xf32>
}

// CHECK-LABEL: func.func @flip(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @flip(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[V0:.*]] = pd.flip %[[X]] {axis = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.flip %x {axis = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @shape(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3x4xf32>, %[[S:[^:]*]]: tensor<f32>)
func.func @shape(%x: tensor<?x3x4xf32>, %s: tensor<f32>) -> (tensor<3xi32>, tensor<0xi64>) {
  // CHECK: %[[V0:.*]] = pd.shape %[[X]] : (tensor<?x3x4xf32>) -> tensor<3xi32>
  %0 = pd.shape %x : (tensor<?x3x4xf32>) -> tensor<3xi32>
  // CHECK: %[[V1:.*]] = pd.shape %[[S]] : (tensor<f32>) -> tensor<0xi64>
  %1 = pd.shape %s : (tensor<f32>) -> tensor<0xi64>
  return %0, %1 : tensor<3xi32>, tensor<0xi64>
}

// CHECK-LABEL: func.func @repeat_interleave(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[R:[^:]*]]: tensor<3xi64>)
func.func @repeat_interleave(%x: tensor<2x3xf32>, %r: tensor<3xi64>) -> (tensor<4x3xf32>, tensor<2x?xf32>) {
  // CHECK: %[[V0:.*]] = pd.repeat_interleave %[[X]] {repeats = 2 : i64} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  %0 = pd.repeat_interleave %x {repeats = 2 : i64} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  // CHECK: %[[V1:.*]] = pd.repeat_interleave %[[X]] repeats_tensor(%[[R]]) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<2x?xf32>
  %1 = pd.repeat_interleave %x repeats_tensor(%r) {dim = 1 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<2x?xf32>
  return %0, %1 : tensor<4x3xf32>, tensor<2x?xf32>
}

// CHECK-LABEL: func.func @pad3d(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<1x2x3x4x5xf32>, %[[P:[^:]*]]: tensor<6xi32>)
func.func @pad3d(%x: tensor<1x2x3x4x5xf32>, %p: tensor<6xi32>) -> (tensor<1x2x5x6x7xf32>, tensor<1x2x?x?x?xf32>) {
  // CHECK: %[[V0:.*]] = pd.pad3d %[[X]] {mode = "reflect", paddings = array<i64: 1, 1, 1, 1, 1, 1>} : (tensor<1x2x3x4x5xf32>) -> tensor<1x2x5x6x7xf32>
  %0 = pd.pad3d %x {paddings = array<i64: 1, 1, 1, 1, 1, 1>, mode = "reflect"} : (tensor<1x2x3x4x5xf32>) -> tensor<1x2x5x6x7xf32>
  // CHECK: %[[V1:.*]] = pd.pad3d %[[X]] paddings_tensor(%[[P]]) {paddings = array<i64>, value = 1.000000e+00 : f32} : (tensor<1x2x3x4x5xf32>, tensor<6xi32>) -> tensor<1x2x?x?x?xf32>
  %1 = pd.pad3d %x paddings_tensor(%p) {paddings = array<i64>, value = 1.000000e+00 : f32} : (tensor<1x2x3x4x5xf32>, tensor<6xi32>) -> tensor<1x2x?x?x?xf32>
  return %0, %1 : tensor<1x2x5x6x7xf32>, tensor<1x2x?x?x?xf32>
}

// CHECK-LABEL: func.func @one_hot(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xi64>, %[[D:[^:]*]]: tensor<1xi32>)
func.func @one_hot(%x: tensor<4xi64>, %d: tensor<1xi32>) -> (tensor<4x10xf32>, tensor<4x?xf32>) {
  // CHECK: %[[V0:.*]] = pd.one_hot %[[X]] {depth = 10 : i64, dtype = f32} : (tensor<4xi64>) -> tensor<4x10xf32>
  %0 = pd.one_hot %x {depth = 10 : i64, dtype = f32} : (tensor<4xi64>) -> tensor<4x10xf32>
  // CHECK: %[[V1:.*]] = pd.one_hot %[[X]] depth_tensor(%[[D]]) {allow_out_of_range = true, dtype = f32} : (tensor<4xi64>, tensor<1xi32>) -> tensor<4x?xf32>
  %1 = pd.one_hot %x depth_tensor(%d) {dtype = f32, allow_out_of_range = true} : (tensor<4xi64>, tensor<1xi32>) -> tensor<4x?xf32>
  return %0, %1 : tensor<4x10xf32>, tensor<4x?xf32>
}

// CHECK-LABEL: func.func @tril_triu(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4x4xf32>)
func.func @tril_triu(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // CHECK: %[[V0:.*]] = pd.tril_triu %[[X]] {diagonal = -1 : i64, lower = true} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  %0 = pd.tril_triu %x {diagonal = -1 : i64, lower = true} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// CHECK-LABEL: func.func @full(
// CHECK-SAME:      %[[V:[^:]*]]: tensor<1xf32>, %[[S:[^:]*]]: tensor<2xi64>, %[[D0:[^:]*]]: tensor<1xi32>, %[[D1:[^:]*]]: tensor<1xi32>)
func.func @full(%v: tensor<1xf32>, %s: tensor<2xi64>, %d0: tensor<1xi32>, %d1: tensor<1xi32>) -> (tensor<2x3xf32>, tensor<2x3xi64>, tensor<?x?xf32>, tensor<?x?xi32>, tensor<i1>) {
  // CHECK: %{{.*}} = pd.full {dtype = f32, shape = array<i64: 2, 3>, value = 1.500000e+00 : f32} : () -> tensor<2x3xf32>
  %0 = pd.full {dtype = f32, shape = array<i64: 2, 3>, value = 1.500000e+00 : f32} : () -> tensor<2x3xf32>
  // CHECK: %{{.*}} = pd.full value_tensor(%[[V]]) {dtype = i64, shape = array<i64: 2, -1>} : (tensor<1xf32>) -> tensor<2x3xi64>
  %1 = pd.full value_tensor(%v) {dtype = i64, shape = array<i64: 2, -1>} : (tensor<1xf32>) -> tensor<2x3xi64>
  // CHECK: %{{.*}} = pd.full shape_tensor(%[[S]]) {dtype = f32} : (tensor<2xi64>) -> tensor<?x?xf32>
  %2 = pd.full shape_tensor(%s) {dtype = f32} : (tensor<2xi64>) -> tensor<?x?xf32>
  // CHECK: %[[V3:.*]] = pd.full shape_tensor_list[%[[D0]], %[[D1]]] {dtype = i32, value = 7.000000e+00 : f32} : (tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xi32>
  %3 = pd.full shape_tensor_list[%d0, %d1] {dtype = i32, value = 7.000000e+00 : f32} : (tensor<1xi32>, tensor<1xi32>) -> tensor<?x?xi32>
  // CHECK: %[[V4:.*]] = pd.full {dtype = i1, str_value = "true"} : () -> tensor<i1>
  %4 = pd.full {dtype = i1, str_value = "true"} : () -> tensor<i1>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xi64>, tensor<?x?xf32>, tensor<?x?xi32>, tensor<i1>
}

// CHECK-LABEL: func.func @full_like(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<?x3xf32>)
func.func @full_like(%x: tensor<?x3xf32>) -> (tensor<?x5xi64>, tensor<?x3xf32>, tensor<?x3xi32>) {
  // CHECK: %{{.*}} = pd.full_batch_size_like %[[X]] {dtype = i64, shape = array<i64: -1, 5>, value = 1.000000e+00 : f32} : (tensor<?x3xf32>) -> tensor<?x5xi64>
  %0 = pd.full_batch_size_like %x {shape = array<i64: -1, 5>, dtype = i64, value = 1.000000e+00 : f32} : (tensor<?x3xf32>) -> tensor<?x5xi64>
  // CHECK: %[[V1:.*]] = pd.full_like %[[X]] : (tensor<?x3xf32>) -> tensor<?x3xf32>
  %1 = pd.full_like %x : (tensor<?x3xf32>) -> tensor<?x3xf32>
  // CHECK: %[[V2:.*]] = pd.full_like %[[X]] {dtype = i32, value = 2.000000e+00 : f32} : (tensor<?x3xf32>) -> tensor<?x3xi32>
  %2 = pd.full_like %x {dtype = i32, value = 2.000000e+00 : f32} : (tensor<?x3xf32>) -> tensor<?x3xi32>
  return %0, %1, %2 : tensor<?x5xi64>, tensor<?x3xf32>, tensor<?x3xi32>
}

// CHECK-LABEL: func.func @assign_value(
// CHECK-SAME:      )
func.func @assign_value() -> (tensor<2x2xf32>, tensor<3xi32>, tensor<i1>, tensor<2xi64>, tensor<1xf64>) {
  // CHECK: %{{.*}} = pd.assign_value {dtype = f32, fp32_values = array<f32: 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00>, shape = array<i64: 2, 2>} : () -> tensor<2x2xf32>
  %0 = pd.assign_value {shape = array<i64: 2, 2>, dtype = f32, fp32_values = array<f32: 1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00>} : () -> tensor<2x2xf32>
  // CHECK: %{{.*}} = pd.assign_value {dtype = i32, int32_values = array<i64: 1, -2, 3>, shape = array<i64: 3>} : () -> tensor<3xi32>
  %1 = pd.assign_value {shape = array<i64: 3>, dtype = i32, int32_values = array<i64: 1, -2, 3>} : () -> tensor<3xi32>
  // CHECK: %{{.*}} = pd.assign_value {bool_values = array<i64: 1>, dtype = i1, shape = array<i64>} : () -> tensor<i1>
  %2 = pd.assign_value {shape = array<i64>, dtype = i1, bool_values = array<i64: 1>} : () -> tensor<i1>
  // CHECK: %[[V3:.*]] = pd.assign_value {dtype = i64, int64_values = array<i64: 9223372036854775807, -1>, shape = array<i64: 2>} : () -> tensor<2xi64>
  %3 = pd.assign_value {shape = array<i64: 2>, dtype = i64, int64_values = array<i64: 9223372036854775807, -1>} : () -> tensor<2xi64>
  // CHECK: %[[V4:.*]] = pd.assign_value {dtype = f64, fp64_values = array<f64: 1.000000e-01>, shape = array<i64: 1>} : () -> tensor<1xf64>
  %4 = pd.assign_value {shape = array<i64: 1>, dtype = f64, fp64_values = array<f64: 0.10000000000000001>} : () -> tensor<1xf64>
  return %0, %1, %2, %3, %4 : tensor<2x2xf32>, tensor<3xi32>, tensor<i1>, tensor<2xi64>, tensor<1xf64>
}

// CHECK-LABEL: func.func @arange(
// CHECK-SAME:      %[[S:[^:]*]]: tensor<1xi64>, %[[E:[^:]*]]: tensor<1xi64>, %[[ST:[^:]*]]: tensor<1xi64>)
func.func @arange(%s: tensor<1xi64>, %e: tensor<1xi64>, %st: tensor<1xi64>) -> tensor<?xi64> {
  // CHECK: %[[V0:.*]] = pd.arange %[[S]], %[[E]], %[[ST]] : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  %0 = pd.arange %s, %e, %st : (tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// CHECK-LABEL: func.func @parameter(
// CHECK-SAME:      )
func.func @parameter() -> (tensor<8x3x3x3xf32>, tensor<8xf16>) {
  // CHECK: %[[V0:.*]] = pd.parameter "conv2d_0.w_0" : tensor<8x3x3x3xf32>
  %0 = pd.parameter "conv2d_0.w_0" : tensor<8x3x3x3xf32>
  // CHECK: %[[V1:.*]] = pd.parameter "batch_norm_0.b_0" : tensor<8xf16>
  %1 = pd.parameter "batch_norm_0.b_0" : tensor<8xf16>
  return %0, %1 : tensor<8x3x3x3xf32>, tensor<8xf16>
}

// CHECK-LABEL: func.func @element_types(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<2xui8>, %[[B:[^:]*]]: tensor<2xi8>, %[[C:[^:]*]]: tensor<2xi16>, %[[D:[^:]*]]: tensor<2xcomplex<f32>>, %[[E:[^:]*]]: tensor<2xcomplex<f64>>)
func.func @element_types(%a: tensor<2xui8>, %b: tensor<2xi8>, %c: tensor<2xi16>, %d: tensor<2xcomplex<f32>>, %e: tensor<2xcomplex<f64>>) -> (tensor<2xui8>, tensor<2xi8>, tensor<2xi16>, tensor<2xcomplex<f32>>, tensor<2xcomplex<f64>>) {
  // CHECK: %{{.*}} = pd.assign x(%[[A]]) : (tensor<2xui8>) -> tensor<2xui8>
  %0 = pd.assign x(%a) : (tensor<2xui8>) -> tensor<2xui8>
  // CHECK: %{{.*}} = pd.assign x(%[[B]]) : (tensor<2xi8>) -> tensor<2xi8>
  %1 = pd.assign x(%b) : (tensor<2xi8>) -> tensor<2xi8>
  // CHECK: %{{.*}} = pd.assign x(%[[C]]) : (tensor<2xi16>) -> tensor<2xi16>
  %2 = pd.assign x(%c) : (tensor<2xi16>) -> tensor<2xi16>
  // CHECK: %[[V3:.*]] = pd.assign x(%[[D]]) : (tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>>
  %3 = pd.assign x(%d) : (tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>>
  // CHECK: %[[V4:.*]] = pd.assign x(%[[E]]) : (tensor<2xcomplex<f64>>) -> tensor<2xcomplex<f64>>
  %4 = pd.assign x(%e) : (tensor<2xcomplex<f64>>) -> tensor<2xcomplex<f64>>
  return %0, %1, %2, %3, %4 : tensor<2xui8>, tensor<2xi8>, tensor<2xi16>, tensor<2xcomplex<f32>>, tensor<2xcomplex<f64>>
}
