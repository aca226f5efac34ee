// RUN: oar-opt --pd-to-onnx-pipeline=opset=13 -split-input-file %s | FileCheck %s
//
// The pipeline hoists loop-invariant pd ops out of pd.while before the
// conversion (upstream loop-invariant-code-motion), and the cleanup passes
// keep the subgraphs whole: values captured from the outer scope stay
// visible, body arguments stay positional.

// CHECK-LABEL: func.func @hoist(
// CHECK-SAME: %[[N:.*]]: tensor<1xi64> {pd.name = "n"}, %[[X:.*]]: tensor<2xf32> {pd.name = "x"}
// CHECK: %[[T:.*]] = onnx.Tanh(%[[X]])
// CHECK: "onnx.Loop"
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[I:.*]]: tensor<?xi64>, %[[S:.*]]: tensor<?xf32>):
// CHECK-NOT: onnx.Tanh
// CHECK:   onnx.Add(%[[S]], %[[T]])
// CHECK:   onnx.Yield
// CHECK: })
func.func @hoist(%n: tensor<1xi64> {pd.name = "n"}, %x: tensor<2xf32> {pd.name = "x"}) -> (tensor<2xf32> {pd.name = "s"}) {
  %i0 = pd.full {dtype = i64, shape = array<i64: 1>, value = 0.0 : f32} : () -> tensor<1xi64>
  %c = pd.less_than %i0, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
  %r:2 = pd.while (%c, %i0, %x) : (tensor<1xi1>, tensor<1xi64>, tensor<2xf32>) -> (tensor<1xi64>, tensor<2xf32>) {
  ^bb0(%i: tensor<1xi64>, %s: tensor<2xf32>):
    %t = pd.tanh %x : (tensor<2xf32>) -> tensor<2xf32>
    %s1 = pd.add %s, %t : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %i1 = pd.increment %i {step = 1.0 : f32} : tensor<1xi64>
    %c1 = pd.less_than %i1, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
    pd.yield %c1, %i1, %s1 : tensor<1xi1>, tensor<1xi64>, tensor<2xf32>
  }
  return %r#1 : tensor<2xf32>
}

// -----

// Branches that return constants: the constants, folded and hoisted to
// the function, are captured by the branches (the writer gives each branch
// output an Identity).
// CHECK-LABEL: func.func @const_branches(
// CHECK-DAG: %[[A:.*]] = onnx.Constant() {value = dense<3.000000e+00> : tensor<2xf32>}
// CHECK-DAG: %[[B:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<2xf32>}
// CHECK: "onnx.If"
// CHECK-NEXT: onnx.Yield %[[B]] :
// CHECK-NEXT: }, {
// CHECK-NEXT: onnx.Yield %[[A]] :
// CHECK-NEXT: })
func.func @const_branches(%c: tensor<1xi1> {pd.name = "c"}) -> (tensor<2xf32> {pd.name = "out"}) {
  %r = pd.if %c : tensor<1xi1> -> (tensor<2xf32>) {
    %a = pd.full {dtype = f32, shape = array<i64: 2>, value = 1.0 : f32} : () -> tensor<2xf32>
    %a2 = pd.scale %a {scale = 3.0 : f32, bias = 0.0 : f32, bias_after_scale = true} : (tensor<2xf32>) -> tensor<2xf32>
    pd.yield %a2 : tensor<2xf32>
  } else {
    %b = pd.full {dtype = f32, shape = array<i64: 2>, value = 2.0 : f32} : () -> tensor<2xf32>
    pd.yield %b : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

// Cleanup inside a Loop body: an op of outer constants folds (and, being
// invariant, is hoisted before conversion); a large constant used only in
// the body stays (captured), so does the body's unused iteration number.
// CHECK-LABEL: func.func @fold_in_body(
// CHECK-DAG: %[[W:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<32xf32>}
// CHECK-DAG: %[[K:.*]] = onnx.Constant() {value = dense<6.000000e+00> : tensor<32xf32>}
// CHECK: "onnx.Loop"
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %[[S:.*]]: tensor<?xf32>):
// CHECK:   %[[M:.*]] = onnx.Mul(%[[S]], %[[W]])
// CHECK:   onnx.Add(%[[M]], %[[K]])
func.func @fold_in_body(%c: tensor<1xi1> {pd.name = "c"}, %x: tensor<32xf32> {pd.name = "x"}) -> (tensor<32xf32> {pd.name = "out"}) {
  %w = arith.constant dense<0.5> : tensor<32xf32>
  %r = pd.while (%c, %x) : (tensor<1xi1>, tensor<32xf32>) -> tensor<32xf32> {
  ^bb0(%s: tensor<32xf32>):
    %two = pd.full {dtype = f32, shape = array<i64: 32>, value = 2.0 : f32} : () -> tensor<32xf32>
    %three = pd.full {dtype = f32, shape = array<i64: 32>, value = 3.0 : f32} : () -> tensor<32xf32>
    %k = pd.multiply %two, %three : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
    %m = pd.multiply %s, %w : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
    %n = pd.add %m, %k : (tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
    %s0 = pd.slice %n {axes = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 1>} : (tensor<32xf32>) -> tensor<1xf32>
    %x0 = pd.slice %x {axes = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 1>} : (tensor<32xf32>) -> tensor<1xf32>
    %c1 = pd.less_than %s0, %x0 : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xi1>
    pd.yield %c1, %n : tensor<1xi1>, tensor<32xf32>
  }
  return %r : tensor<32xf32>
}

// -----

// Paddle types a variable grown in a loop with the shape of one iteration
// (here 3x3 where the loop makes (2 + n)x3). The Loop's results keep the
// body's dynamic dims, so the Shape after the loop is not folded to [3, 3];
// the returned value gets an Identity to the declared type.
// CHECK-LABEL: func.func @grown_shape(
// CHECK: %[[L:.*]]:2 = "onnx.Loop"
// CHECK: }) : (none, tensor<i1>, tensor<1xi64>, tensor<3x3xf32>) -> (tensor<?xi64>, tensor<?x?xf32>)
// CHECK-DAG: %[[S:.*]] = onnx.Shape(%[[L]]#1) : (tensor<?x?xf32>) -> tensor<2xi64>
// CHECK-DAG: %[[SI:.*]] = onnx.Cast(%[[S]])
// CHECK-DAG: %[[T:.*]] = onnx.Identity(%[[L]]#1) : (tensor<?x?xf32>) -> tensor<3x3xf32>
// CHECK: return %[[T]], %[[SI]]
func.func @grown_shape(%n: tensor<1xi64> {pd.name = "n"}, %x: tensor<2x3xf32> {pd.name = "x"}) -> (tensor<3x3xf32> {pd.name = "t"}, tensor<2xi32> {pd.name = "s"}) {
  %i0 = pd.full {dtype = i64, shape = array<i64: 1>, value = 0.0 : f32} : () -> tensor<1xi64>
  %c = pd.less_than %i0, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
  %t0 = pd.scale %x {scale = 2.0 : f32} : (tensor<2x3xf32>) -> tensor<3x3xf32>
  %r:2 = pd.while (%c, %i0, %t0) : (tensor<1xi1>, tensor<1xi64>, tensor<3x3xf32>) -> (tensor<1xi64>, tensor<3x3xf32>) {
  ^bb0(%i: tensor<1xi64>, %t: tensor<3x3xf32>):
    %g = pd.concat [%t, %x] {axis = 0 : i64} : (tensor<3x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
    %i1 = pd.increment %i {step = 1.0 : f32} : tensor<1xi64>
    %c1 = pd.less_than %i1, %n : (tensor<1xi64>, tensor<1xi64>) -> tensor<1xi1>
    pd.yield %c1, %i1, %g : tensor<1xi1>, tensor<1xi64>, tensor<3x3xf32>
  }
  %s = pd.shape %r#1 : (tensor<3x3xf32>) -> tensor<2xi32>
  return %r#1, %s : tensor<3x3xf32>, tensor<2xi32>
}
