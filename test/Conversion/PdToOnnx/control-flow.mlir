// RUN: oar-opt --convert-pd-to-onnx=opset=13 -split-input-file %s | FileCheck %s
//
// pd.if to onnx.If, pd.while to onnx.Loop, tensor arrays to Sequence ops.

// One onnx.If for all results; the [1] condition reshaped to 0-D; the
// branches moved as they are (onnx.If's regions: else_branch, then
// then_branch); outer values captured.
// CHECK-LABEL: func.func @if_two_results(
// CHECK-SAME: %[[C:.*]]: tensor<1xi1>, %[[X:.*]]: tensor<2xf32>
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<> : tensor<0xi64>}
// CHECK: %[[C0:.*]] = onnx.Reshape(%[[C]], %[[S]]) : (tensor<1xi1>, tensor<0xi64>) -> tensor<i1>
// CHECK: %[[R:.*]]:2 = "onnx.If"(%[[C0]]) ({
// CHECK:   %[[E0:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<1xf32>}
// CHECK:   onnx.Yield %[[X]], %[[E0]] : tensor<2xf32>, tensor<1xf32>
// CHECK: }, {
// CHECK:   %[[T0:.*]] = onnx.Add(%[[X]], %[[X]])
// CHECK:   %[[T1:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<1xf32>}
// CHECK:   onnx.Yield %[[T0]], %[[T1]] : tensor<2xf32>, tensor<1xf32>
// CHECK: }) : (tensor<i1>) -> (tensor<2xf32>, tensor<1xf32>)
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @if_two_results(%c: tensor<1xi1>, %x: tensor<2xf32>) -> (tensor<2xf32>, tensor<1xf32>) {
  %r:2 = pd.if %c : tensor<1xi1> -> (tensor<2xf32>, tensor<1xf32>) {
    %a = pd.add %x, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %one = pd.full {dtype = f32, shape = array<i64: 1>, value = 1.0 : f32} : () -> tensor<1xf32>
    pd.yield %a, %one : tensor<2xf32>, tensor<1xf32>
  } else {
    %two = pd.full {dtype = f32, shape = array<i64: 1>, value = 2.0 : f32} : () -> tensor<1xf32>
    pd.yield %x, %two : tensor<2xf32>, tensor<1xf32>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<1xf32>
}

// -----

// A 0-D condition is used as it is.
// CHECK-LABEL: func.func @if_scalar_cond(
// CHECK-SAME: %[[C:.*]]: tensor<i1>
// CHECK-NOT: onnx.Reshape
// CHECK: "onnx.If"(%[[C]])
func.func @if_scalar_cond(%c: tensor<i1>, %x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32> {
  %r = pd.if %c : tensor<i1> -> (tensor<2xf32>) {
    pd.yield %x : tensor<2xf32>
  } else {
    pd.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// pd.while: Loop with no trip count (M is none), the condition as `cond`;
// body (iteration, cond, carried...) yielding (cond as 0-D, carried...).
// Carried values have dynamic dims in the body (Identities to them, and
// back to pd.while's types after the loop).
// CHECK-LABEL: func.func @while_counter(
// CHECK-SAME: %[[N:.*]]: tensor<1xi64>, %[[X:.*]]: tensor<2xf32>
// CHECK: %[[I0:.*]] = onnx.Constant() {value = dense<0> : tensor<1xi64>}
// CHECK: %[[C:.*]] = onnx.Less(%[[I0]], %[[N]])
// CHECK: %[[C0:.*]] = onnx.Reshape(%[[C]], %{{.*}}) : (tensor<1xi1>, tensor<0xi64>) -> tensor<i1>
// CHECK: %[[NONE:.*]] = onnx.NoValue
// CHECK: %[[L:.*]]:2 = "onnx.Loop"(%[[NONE]], %[[C0]], %[[I0]], %[[X]]) ({
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[I:.*]]: tensor<?xi64>, %[[S:.*]]: tensor<?xf32>):
// CHECK:   %[[STEP:.*]] = onnx.Constant() {value = dense<1> : tensor<i64>}
// CHECK:   %[[I1:.*]] = onnx.Add(%[[I]], %[[STEP]]) : (tensor<?xi64>, tensor<i64>) -> tensor<1xi64>
// CHECK:   %[[S1:.*]] = onnx.Add(%[[S]], %[[X]])
// CHECK:   %[[C1:.*]] = onnx.Less(%[[I1]], %[[N]])
// CHECK:   %[[C10:.*]] = onnx.Reshape(%[[C1]], %{{.*}}) : (tensor<1xi1>, tensor<0xi64>) -> tensor<i1>
// CHECK:   %[[I2:.*]] = onnx.Identity(%[[I1]]) : (tensor<1xi64>) -> tensor<?xi64>
// CHECK:   %[[S2:.*]] = onnx.Identity(%[[S1]]) : (tensor<2xf32>) -> tensor<?xf32>
// CHECK:   onnx.Yield %[[C10]], %[[I2]], %[[S2]] : tensor<i1>, tensor<?xi64>, tensor<?xf32>
// CHECK: }) : (none, tensor<i1>, tensor<1xi64>, tensor<2xf32>) -> (tensor<?xi64>, tensor<?xf32>)
// CHECK: %[[R:.*]] = onnx.Identity(%[[L]]#1) : (tensor<?xf32>) -> tensor<2xf32>
// CHECK: return %[[R]]
func.func @while_counter(%n: tensor<1xi64>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %i0 = pd.full {dtype = i64, shape = array<i64: 1>, value = 0.0 : f32} : () -> tensor<1xi64>
  %c = pd.less_than %i0, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
  %r:2 = pd.while (%c, %i0, %x) : (tensor<1xi1>, tensor<1xi64>, tensor<2xf32>) -> (tensor<1xi64>, tensor<2xf32>) {
  ^bb0(%i: tensor<1xi64>, %s: tensor<2xf32>):
    %i1 = pd.increment %i {step = 1.0 : f32} : tensor<1xi64>
    %s1 = pd.add %s, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %c1 = pd.less_than %i1, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
    pd.yield %c1, %i1, %s1 : tensor<1xi1>, tensor<1xi64>, tensor<2xf32>
  }
  return %r#1 : tensor<2xf32>
}

// -----

// A carried tensor that grows: the init keeps its static type.
// CHECK-LABEL: func.func @while_grow(
// CHECK: "onnx.Loop"
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[T:.*]]: tensor<?x?xf32>):
// CHECK:   %[[G:.*]] = onnx.Concat(%[[T]], %[[T]]) {axis = 0 : i64} : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x3xf32>
// CHECK:   %[[G2:.*]] = onnx.Identity(%[[G]]) : (tensor<?x3xf32>) -> tensor<?x?xf32>
// CHECK:   onnx.Yield %{{.*}}, %[[G2]] : tensor<i1>, tensor<?x?xf32>
// CHECK: }) : (none, tensor<i1>, tensor<2x3xf32>) -> tensor<?x?xf32>
func.func @while_grow(%c: tensor<1xi1>, %x: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %r = pd.while (%c, %x) : (tensor<1xi1>, tensor<2x3xf32>) -> tensor<?x3xf32> {
  ^bb0(%t: tensor<?x3xf32>):
    %g = pd.concat [%t, %t] {axis = 0 : i64} : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
    pd.yield %c, %g : tensor<1xi1>, tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// Tensor arrays: SequenceEmpty; a write overwrites (SequenceErase then
// SequenceInsert) when i < length and inserts at i otherwise, in one If;
// read SequenceAt; length SequenceLength as [1]; stack ConcatFromSequence
// with new_axis, its sizes output all ones.
// CHECK-LABEL: func.func @arrays(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>, %[[I:.*]]: tensor<1xi64>
// CHECK: %[[A:.*]] = onnx.SequenceEmpty() {dtype = 1 : i64} : () -> !onnx.seq<tensor<?x?xf32>>
// CHECK: %[[I0:.*]] = onnx.Reshape(%[[I]], %{{.*}}) : (tensor<1xi64>, tensor<0xi64>) -> tensor<i64>
// CHECK: %[[LEN:.*]] = onnx.SequenceLength(%[[A]]) : (!onnx.seq<tensor<?x?xf32>>) -> tensor<i64>
// CHECK: %[[OVER:.*]] = onnx.Less(%[[I0]], %[[LEN]]) : (tensor<i64>, tensor<i64>) -> tensor<i1>
// CHECK: %[[W:.*]] = "onnx.If"(%[[OVER]]) ({
// CHECK:   %[[APP:.*]] = onnx.SequenceInsert(%[[A]], %[[X]], %[[I0]])
// CHECK:   onnx.Yield %[[APP]]
// CHECK: }, {
// CHECK:   %[[ER:.*]] = onnx.SequenceErase(%[[A]], %[[I0]])
// CHECK:   %[[OW:.*]] = onnx.SequenceInsert(%[[ER]], %[[X]], %[[I0]])
// CHECK:   onnx.Yield %[[OW]]
// CHECK: }) : (tensor<i1>) -> !onnx.seq<tensor<?x?xf32>>
// CHECK: %[[R:.*]] = onnx.SequenceAt(%[[W]], %{{.*}}) : (!onnx.seq<tensor<?x?xf32>>, tensor<i64>) -> tensor<?x3xf32>
// CHECK: %[[L0:.*]] = onnx.SequenceLength(%[[W]])
// CHECK: %[[L:.*]] = onnx.Reshape(%[[L0]], %{{.*}}) : (tensor<i64>, tensor<1xi64>) -> tensor<1xi64>
// CHECK: %[[ST:.*]] = onnx.ConcatFromSequence(%[[W]]) {axis = 0 : i64, new_axis = 1 : i64} : (!onnx.seq<tensor<?x?xf32>>) -> tensor<?x2x3xf32>
// CHECK: %[[IDX:.*]] = onnx.ConstantOfShape(%{{.*}}) {value = dense<1> : tensor<1xi32>} : (tensor<1xi64>) -> tensor<?xi32>
// CHECK: return %[[R]], %[[L]], %[[ST]], %[[IDX]]
func.func @arrays(%x: tensor<2x3xf32>, %i: tensor<1xi64>) -> (tensor<?x3xf32>, tensor<1xi64>, tensor<?x2x3xf32>, tensor<?xi32>) {
  %a = pd.create_array : !pd.tensor_array<tensor<?x3xf32>>
  %w = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<?x3xf32>>
  %r = pd.array_read %w, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<1xi64>) -> tensor<?x3xf32>
  %l = pd.array_length %w : (!pd.tensor_array<tensor<?x3xf32>>) -> tensor<1xi64>
  %st, %idx = pd.array_to_tensor %w {axis = 0 : i32, use_stack = true} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x2x3xf32>, tensor<?xi32>)
  return %r, %l, %st, %idx : tensor<?x3xf32>, tensor<1xi64>, tensor<?x2x3xf32>, tensor<?xi32>
}

// -----

// An array carried by a loop: the body takes and yields the sequence.
// Concatenation without its sizes output.
// CHECK-LABEL: func.func @array_in_loop(
// CHECK: %[[A:.*]] = onnx.SequenceEmpty() {dtype = 1 : i64} : () -> !onnx.seq<tensor<?xf32>>
// CHECK: "onnx.Loop"(%{{.*}}, %{{.*}}, %{{.*}}, %[[A]])
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[I:.*]]: tensor<?xi32>, %[[S:.*]]: !onnx.seq<tensor<?xf32>>):
// CHECK:   %[[I0:.*]] = onnx.Reshape(%[[I]], %{{.*}}) : (tensor<?xi32>, tensor<0xi64>) -> tensor<i32>
// CHECK:   onnx.SequenceLength(%[[S]])
// CHECK:   onnx.Cast(%[[I0]]) {to = 7 : i64} : (tensor<i32>) -> tensor<i64>
// CHECK:   "onnx.If"
// CHECK:   onnx.Yield %{{.*}}, %{{.*}}, %{{.*}} : tensor<i1>, tensor<?xi32>, !onnx.seq<tensor<?xf32>>
// CHECK: }) : (none, tensor<i1>, tensor<1xi32>, !onnx.seq<tensor<?xf32>>) -> (tensor<?xi32>, !onnx.seq<tensor<?xf32>>)
// CHECK: onnx.ConcatFromSequence(%{{.*}}) {axis = 0 : i64, new_axis = 0 : i64} : (!onnx.seq<tensor<?xf32>>) -> tensor<?xf32>
func.func @array_in_loop(%c: tensor<1xi1>, %x: tensor<4xf32>, %i0: tensor<1xi32>) -> tensor<?xf32> {
  %a = pd.create_array : !pd.tensor_array<tensor<4xf32>>
  %r:2 = pd.while (%c, %i0, %a) : (tensor<1xi1>, tensor<1xi32>, !pd.tensor_array<tensor<4xf32>>) -> (tensor<1xi32>, !pd.tensor_array<tensor<4xf32>>) {
  ^bb0(%i: tensor<1xi32>, %s: !pd.tensor_array<tensor<4xf32>>):
    %s1 = pd.array_write %s, %x, %i : (!pd.tensor_array<tensor<4xf32>>, tensor<4xf32>, tensor<1xi32>) -> !pd.tensor_array<tensor<4xf32>>
    %i1 = pd.increment %i {step = 1.0 : f32} : tensor<1xi32>
    pd.yield %c, %i1, %s1 : tensor<1xi1>, tensor<1xi32>, !pd.tensor_array<tensor<4xf32>>
  }
  %t, %idx = pd.array_to_tensor %r#1 {axis = 0 : i32, use_stack = false} : (!pd.tensor_array<tensor<4xf32>>) -> (tensor<?xf32>, tensor<?xi32>)
  return %t : tensor<?xf32>
}

// -----

// Nested: an if in a while.
// CHECK-LABEL: func.func @if_in_while(
// CHECK: "onnx.Loop"
// CHECK:   "onnx.If"
// CHECK:     onnx.Yield
// CHECK:   onnx.Yield
func.func @if_in_while(%c: tensor<1xi1>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %r = pd.while (%c, %x) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%s: tensor<2xf32>):
    %t = pd.if %c : tensor<1xi1> -> (tensor<2xf32>) {
      %a = pd.add %s, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      pd.yield %a : tensor<2xf32>
    } else {
      pd.yield %s : tensor<2xf32>
    }
    pd.yield %c, %t : tensor<1xi1>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// Nested: a while in a while; the inner body uses the outer body's
// argument and a function argument.
// CHECK-LABEL: func.func @while_in_while(
// CHECK-SAME: %[[C:.*]]: tensor<1xi1>, %[[X:.*]]: tensor<2xf32>
// CHECK: "onnx.Loop"
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[S:.*]]: tensor<?xf32>):
// CHECK:   "onnx.Loop"(%{{.*}}, %{{.*}}, %[[S]])
// CHECK:   ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[T:.*]]: tensor<?xf32>):
// CHECK:     %[[A:.*]] = onnx.Add(%[[T]], %[[S]])
// CHECK:     onnx.Mul(%[[A]], %[[X]])
// CHECK:     onnx.Yield
// CHECK:   onnx.Yield
func.func @while_in_while(%c: tensor<1xi1>, %x: tensor<2xf32>) -> tensor<2xf32> {
  %r = pd.while (%c, %x) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%s: tensor<2xf32>):
    %inner = pd.while (%c, %s) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
    ^bb0(%t: tensor<2xf32>):
      %a = pd.add %t, %s : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      %m = pd.multiply %a, %x : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      pd.yield %c, %m : tensor<1xi1>, tensor<2xf32>
    }
    pd.yield %c, %inner : tensor<1xi1>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// Ranks: a carried value keeps its rank in the body; one whose init,
// argument or yielded ranks differ is unranked there.
// CHECK-LABEL: func.func @while_join(
// CHECK: %[[L:.*]]:2 = "onnx.Loop"
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[T:.*]]: tensor<?x?xf32>, %[[U:.*]]: tensor<*xf32>):
// CHECK:   %[[R:.*]] = onnx.Relu(%[[T]]) : (tensor<?x?xf32>) -> tensor<2x3xf32>
// CHECK:   %[[I:.*]] = onnx.Identity(%[[R]]) : (tensor<2x3xf32>) -> tensor<?x?xf32>
// CHECK:   onnx.Yield %{{.*}}, %[[I]], %[[U]] : tensor<i1>, tensor<?x?xf32>, tensor<*xf32>
// CHECK: }) : (none, tensor<i1>, tensor<?x3xf32>, tensor<2xf32>) -> (tensor<?x?xf32>, tensor<*xf32>)
// CHECK: %[[O:.*]] = onnx.Identity(%[[L]]#0) : (tensor<?x?xf32>) -> tensor<2x3xf32>
// CHECK: return %[[O]]
func.func @while_join(%c: tensor<1xi1>, %x: tensor<?x3xf32>, %y: tensor<2xf32>) -> tensor<2x3xf32> {
  %r:2 = pd.while (%c, %x, %y) : (tensor<1xi1>, tensor<?x3xf32>, tensor<2xf32>) -> (tensor<2x3xf32>, tensor<*xf32>) {
  ^bb0(%t: tensor<2x3xf32>, %u: tensor<*xf32>):
    %g = pd.relu %t : (tensor<2x3xf32>) -> tensor<2x3xf32>
    pd.yield %c, %g, %u : tensor<1xi1>, tensor<2x3xf32>, tensor<*xf32>
  }
  return %r#0 : tensor<2x3xf32>
}
