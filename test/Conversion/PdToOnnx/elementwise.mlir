// RUN: oar-opt --convert-pd-to-onnx=opset=13 -split-input-file %s | FileCheck %s --check-prefixes=CHECK,O13
// RUN: oar-opt --convert-pd-to-onnx=opset=11 -split-input-file %s | FileCheck %s --check-prefixes=CHECK,O11
//
// Binary arithmetic, comparisons, logical ops and where.

// CHECK-LABEL: func.func @arith(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<3xf32>)
func.func @arith(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: onnx.Add(%[[X]], %[[Y]]) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %0 = pd.add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Sub(%[[X]], %[[Y]])
  %1 = pd.subtract %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Mul(%[[X]], %[[Y]])
  %2 = pd.multiply %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Div(%[[X]], %[[Y]])
  %3 = pd.divide %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Pow(%[[X]], %[[Y]])
  %4 = pd.elementwise_pow %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Max(%[[X]], %[[Y]])
  %5 = pd.maximum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Min(%[[X]], %[[Y]])
  %6 = pd.minimum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Paddle 1.x's axis (elementwise_c2): the operand of lower rank lines up
// with the other's dims from `axis`; trailing 1s put it there for numpy's
// right alignment, and trailing 1s that do not fit are squeezed.
// CHECK-LABEL: func.func @legacy_axis(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4x5xf32>, %[[Y:[^:]*]]: tensor<3x4xf32>, %[[Z:[^:]*]]: tensor<4x5x1xf32>, %[[U:[^:]*]]: tensor<3x1xf32>, %[[V:[^:]*]]: tensor<4x5xf32>)
func.func @legacy_axis(%x: tensor<2x3x4x5xf32>, %y: tensor<3x4xf32>, %z: tensor<4x5x1xf32>, %u: tensor<3x1xf32>, %v: tensor<4x5xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  // O13: %[[A0:.*]] = onnx.Constant() {value = dense<2> : tensor<1xi64>}
  // O13: %[[Y1:.*]] = onnx.Unsqueeze(%[[Y]], %[[A0]]) : (tensor<3x4xf32>, tensor<1xi64>) -> tensor<3x4x1xf32>
  // O11: %[[Y1:.*]] = onnx.Unsqueeze(%[[Y]], %{{.*}}) {axes = array<i64: 2>} : (tensor<3x4xf32>, none) -> tensor<3x4x1xf32>
  // CHECK: onnx.Add(%[[X]], %[[Y1]]) : (tensor<2x3x4x5xf32>, tensor<3x4x1xf32>) -> tensor<2x3x4x5xf32>
  %0 = pd.add %x, %y {axis = 1} : (tensor<2x3x4x5xf32>, tensor<3x4xf32>) -> tensor<2x3x4x5xf32>
  // O13: %[[Z1:.*]] = onnx.Squeeze(%[[Z]], %{{.*}}) : (tensor<4x5x1xf32>, tensor<1xi64>) -> tensor<4x5xf32>
  // O11: %[[Z1:.*]] = onnx.Squeeze(%[[Z]], %{{.*}}) {axes = array<i64: 2>} : (tensor<4x5x1xf32>, none) -> tensor<4x5xf32>
  // CHECK: onnx.Sub(%[[X]], %[[Z1]])
  %1 = pd.subtract %x, %z {axis = 2} : (tensor<2x3x4x5xf32>, tensor<4x5x1xf32>) -> tensor<2x3x4x5xf32>
  // x may be the smaller operand.
  // CHECK: %[[Y2:.*]] = onnx.Unsqueeze(%[[Y]], %{{.*}}) {{.*}}-> tensor<3x4x1xf32>
  // CHECK: onnx.Mul(%[[Y2]], %[[X]])
  %2 = pd.multiply %y, %x {axis = 1} : (tensor<3x4xf32>, tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32>
  // CHECK: %[[U1:.*]] = onnx.Unsqueeze(%[[U]], %{{.*}}) {{.*}}-> tensor<3x1x1xf32>
  // CHECK: onnx.Div(%[[X]], %[[U1]])
  %3 = pd.divide %x, %u {axis = 1} : (tensor<2x3x4x5xf32>, tensor<3x1xf32>) -> tensor<2x3x4x5xf32>
  // An axis that right-aligns needs nothing.
  // CHECK: onnx.Max(%[[X]], %[[V]])
  %4 = pd.maximum %x, %v {axis = 2} : (tensor<2x3x4x5xf32>, tensor<4x5xf32>) -> tensor<2x3x4x5xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// -----

// Integer division truncates in Paddle as in ONNX.
// CHECK-LABEL: func.func @int_divide(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xi32>, %[[Y:[^:]*]]: tensor<4xi32>)
func.func @int_divide(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK: onnx.Div(%[[X]], %[[Y]]) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %0 = pd.divide %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// floor_divide rounds toward -inf: Floor(Div) on floats; on integers the
// truncated quotient less one where the remainder is nonzero and of the
// other sign than y.
// CHECK-LABEL: func.func @floor_divide(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xi64>, %[[Y:[^:]*]]: tensor<4xi64>, %[[A:[^:]*]]: tensor<4xf32>, %[[B:[^:]*]]: tensor<4xf32>)
func.func @floor_divide(%x: tensor<4xi64>, %y: tensor<4xi64>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xi64>, tensor<4xf32>) {
  // CHECK: %[[ZERO:.*]] = onnx.Constant() {value = dense<0> : tensor<i64>}
  // CHECK: %[[Q:.*]] = onnx.Div(%[[X]], %[[Y]])
  // CHECK: %[[QY:.*]] = onnx.Mul(%[[Q]], %[[Y]])
  // CHECK: %[[R:.*]] = onnx.Sub(%[[X]], %[[QY]])
  // CHECK: %[[RN:.*]] = onnx.Less(%[[R]], %[[ZERO]]) : (tensor<4xi64>, tensor<i64>) -> tensor<4xi1>
  // CHECK: %[[YN:.*]] = onnx.Less(%[[Y]], %[[ZERO]])
  // CHECK: %[[DIF:.*]] = onnx.Xor(%[[RN]], %[[YN]])
  // CHECK: %[[RZ:.*]] = onnx.Equal(%[[R]], %[[ZERO]])
  // CHECK: %[[NZ:.*]] = onnx.Not(%[[RZ]])
  // CHECK: %[[FIX:.*]] = onnx.And(%[[DIF]], %[[NZ]])
  // CHECK: %[[ONE:.*]] = onnx.Cast(%[[FIX]]) {to = 7 : i64} : (tensor<4xi1>) -> tensor<4xi64>
  // CHECK: onnx.Sub(%[[Q]], %[[ONE]])
  %0 = pd.floor_divide %x, %y : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  // CHECK: %[[FQ:.*]] = onnx.Div(%[[A]], %[[B]])
  // CHECK: onnx.Floor(%[[FQ]])
  %1 = pd.floor_divide %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xi64>, tensor<4xf32>
}

// -----

// remainder has the sign of y (Python's %): Mod with fmod=0 on integers;
// on floats fmod, plus y where it is nonzero and of the other sign than y.
// CHECK-LABEL: func.func @remainder(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xi32>, %[[Y:[^:]*]]: tensor<4xi32>, %[[A:[^:]*]]: tensor<4xf32>, %[[B:[^:]*]]: tensor<4xf32>)
func.func @remainder(%x: tensor<4xi32>, %y: tensor<4xi32>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xf32>) {
  // CHECK: onnx.Mod(%[[X]], %[[Y]]) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %0 = pd.remainder %x, %y : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // CHECK: %[[ZERO:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<f32>}
  // CHECK: %[[R:.*]] = onnx.Mod(%[[A]], %[[B]]) {fmod = 1 : i64}
  // CHECK: %[[RN:.*]] = onnx.Less(%[[R]], %[[ZERO]])
  // CHECK: %[[BN:.*]] = onnx.Less(%[[B]], %[[ZERO]])
  // CHECK: %[[DIF:.*]] = onnx.Xor(%[[RN]], %[[BN]])
  // CHECK: %[[RZ:.*]] = onnx.Equal(%[[R]], %[[ZERO]])
  // CHECK: %[[NZ:.*]] = onnx.Not(%[[RZ]])
  // CHECK: %[[FIX:.*]] = onnx.And(%[[DIF]], %[[NZ]])
  // CHECK: %[[SH:.*]] = onnx.Add(%[[R]], %[[B]])
  // CHECK: onnx.Where(%[[FIX]], %[[SH]], %[[R]])
  %1 = pd.remainder %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xi32>, tensor<4xf32>
}

// -----

// add_n: Sum on floats, a chain of Add on integers, one input as it is.
// CHECK-LABEL: func.func @add_n(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4xf32>, %[[B:[^:]*]]: tensor<4xf32>, %[[C:[^:]*]]: tensor<4xf32>, %[[I:[^:]*]]: tensor<4xi64>, %[[J:[^:]*]]: tensor<4xi64>, %[[K:[^:]*]]: tensor<4xi64>)
func.func @add_n(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xf32>, %i: tensor<4xi64>, %j: tensor<4xi64>, %k: tensor<4xi64>) -> (tensor<4xf32>, tensor<4xi64>, tensor<4xf32>) {
  // CHECK: %[[S:.*]] = onnx.Sum(%[[A]], %[[B]], %[[C]]) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = pd.add_n [%a, %b, %c] : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[P:.*]] = onnx.Add(%[[I]], %[[J]])
  // CHECK: %[[Q:.*]] = onnx.Add(%[[P]], %[[K]])
  %1 = pd.add_n [%i, %j, %k] : (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  // CHECK: %[[ID:.*]] = onnx.Identity(%[[A]])
  %2 = pd.add_n [%a] : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: return %[[S]], %[[Q]], %[[ID]]
  return %0, %1, %2 : tensor<4xf32>, tensor<4xi64>, tensor<4xf32>
}

// -----

// Comparisons; LessOrEqual and GreaterOrEqual exist from opset 12, before
// which Or(Less, Equal) keeps NaN comparisons false.
// CHECK-LABEL: func.func @compare(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<3xf32>)
func.func @compare(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>) {
  // CHECK: onnx.Equal(%[[X]], %[[Y]]) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %0 = pd.equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: %[[E:.*]] = onnx.Equal(%[[X]], %[[Y]])
  // CHECK: onnx.Not(%[[E]])
  %1 = pd.not_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: onnx.Less(%[[X]], %[[Y]])
  %2 = pd.less_than %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // O13: onnx.LessOrEqual(%[[X]], %[[Y]])
  // O11: %[[L:.*]] = onnx.Less(%[[X]], %[[Y]])
  // O11: %[[LE:.*]] = onnx.Equal(%[[X]], %[[Y]])
  // O11: onnx.Or(%[[L]], %[[LE]])
  %3 = pd.less_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: onnx.Greater(%[[X]], %[[Y]])
  %4 = pd.greater_than %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // O13: onnx.GreaterOrEqual(%[[X]], %[[Y]])
  // O11: %[[G:.*]] = onnx.Greater(%[[X]], %[[Y]])
  // O11: %[[GE:.*]] = onnx.Equal(%[[X]], %[[Y]])
  // O11: onnx.Or(%[[G]], %[[GE]])
  %5 = pd.greater_equal %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>
}

// -----

// CHECK-LABEL: func.func @compare_axis(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3x4xi64>, %[[Y:[^:]*]]: tensor<3xi64>)
func.func @compare_axis(%x: tensor<2x3x4xi64>, %y: tensor<3xi64>) -> tensor<2x3x4xi1> {
  // CHECK: %[[Y1:.*]] = onnx.Unsqueeze(%[[Y]], %{{.*}}) {{.*}}-> tensor<3x1xi64>
  // CHECK: onnx.Less(%[[X]], %[[Y1]]) : (tensor<2x3x4xi64>, tensor<3x1xi64>) -> tensor<2x3x4xi1>
  %0 = pd.less_than %x, %y {axis = 1} : (tensor<2x3x4xi64>, tensor<3xi64>) -> tensor<2x3x4xi1>
  return %0 : tensor<2x3x4xi1>
}

// -----

// Logical ops read nonzero as true.
// CHECK-LABEL: func.func @logical(
// CHECK-SAME:      %[[A:[^:]*]]: tensor<4xi1>, %[[B:[^:]*]]: tensor<4xi1>, %[[I:[^:]*]]: tensor<4xi32>)
func.func @logical(%a: tensor<4xi1>, %b: tensor<4xi1>, %i: tensor<4xi32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  // CHECK: onnx.And(%[[A]], %[[B]]) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %0 = pd.logical_and %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: onnx.Or(%[[A]], %[[B]])
  %1 = pd.logical_or %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: onnx.Xor(%[[A]], %[[B]])
  %2 = pd.logical_xor %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  // CHECK: onnx.Not(%[[A]])
  %3 = pd.logical_not %a : (tensor<4xi1>) -> tensor<4xi1>
  // CHECK: %[[IB:.*]] = onnx.Cast(%[[I]]) {to = 9 : i64} : (tensor<4xi32>) -> tensor<4xi1>
  // CHECK: onnx.And(%[[IB]], %[[B]])
  %4 = pd.logical_and %i, %b : (tensor<4xi32>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @where(
// CHECK-SAME:      %[[C:[^:]*]]: tensor<2x3xi1>, %[[X:[^:]*]]: tensor<2x3xf32>, %[[Y:[^:]*]]: tensor<2x3xf32>)
func.func @where(%c: tensor<2x3xi1>, %x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: onnx.Where(%[[C]], %[[X]], %[[Y]]) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.where %c, %x, %y : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
