// RUN: oar-opt --convert-pd-to-onnx=opset=13 -split-input-file %s | FileCheck %s --check-prefixes=CHECK,O13
// RUN: oar-opt --convert-pd-to-onnx=opset=20 -split-input-file %s | FileCheck %s --check-prefixes=CHECK,O20
//
// Activations and unary math: one ONNX op where ONNX has one at the opset,
// a formula otherwise.

// CHECK-LABEL: func.func @direct(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<2x3xf32>)
func.func @direct(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  // CHECK: onnx.Relu(%[[X]]) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %0 = pd.relu %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Sigmoid(%[[X]])
  %1 = pd.sigmoid %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Tanh(%[[X]])
  %2 = pd.tanh %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Exp(%[[X]])
  %3 = pd.exp %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Log(%[[X]])
  %4 = pd.log %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Sqrt(%[[X]])
  %5 = pd.sqrt %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Abs(%[[X]])
  %6 = pd.abs %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Sin(%[[X]])
  %7 = pd.sin %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Cos(%[[X]])
  %8 = pd.cos %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Erf(%[[X]])
  %9 = pd.erf %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Floor(%[[X]])
  %10 = pd.floor %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  // CHECK: onnx.Ceil(%[[X]])
  %11 = pd.ceil %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @attrs(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @attrs(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // CHECK: onnx.LeakyRelu(%[[X]]) {alpha = 1.000000e-01 : f32}
  %0 = pd.leaky_relu %x {alpha = 0.1 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: onnx.HardSigmoid(%[[X]]) {alpha = 2.500000e-01 : f32, beta = 4.000000e-01 : f32}
  %1 = pd.hardsigmoid %x {slope = 0.25 : f32, offset = 0.4 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // relu6 is Clip to [0, 6], the bounds as inputs from opset 11.
  // CHECK-DAG: %[[LO:.*]] = onnx.Constant() {value = dense<0.000000e+00> : tensor<f32>}
  // CHECK-DAG: %[[HI:.*]] = onnx.Constant() {value = dense<6.000000e+00> : tensor<f32>}
  // CHECK: onnx.Clip(%[[X]], %[[LO]], %[[HI]])
  %2 = pd.relu6 %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// hardswish with Paddle's defaults is HardSwish from opset 14; before, and
// with other attributes, x * clip(x + offset, 0, threshold) / scale.
// CHECK-LABEL: func.func @hardswish(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @hardswish(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // O13: %[[OFF:.*]] = onnx.Constant() {value = dense<3.000000e+00> : tensor<f32>}
  // O13: %[[SH:.*]] = onnx.Add(%[[X]], %[[OFF]])
  // O13: %[[CL:.*]] = onnx.Clip(%[[SH]],
  // O13: %[[P:.*]] = onnx.Mul(%[[X]], %[[CL]])
  // O13: onnx.Div(%[[P]],
  // O20: onnx.HardSwish(%[[X]]) : (tensor<4xf32>) -> tensor<4xf32>
  %0 = pd.hardswish %x : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[OFF2:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
  // CHECK: %[[SH2:.*]] = onnx.Add(%[[X]], %[[OFF2]])
  // CHECK-DAG: %[[HI2:.*]] = onnx.Constant() {value = dense<5.000000e+00> : tensor<f32>}
  // CHECK: %[[CL2:.*]] = onnx.Clip(%[[SH2]], %{{.*}}, %[[HI2]])
  // CHECK: %[[P2:.*]] = onnx.Mul(%[[X]], %[[CL2]])
  // CHECK: %[[SC2:.*]] = onnx.Constant() {value = dense<4.000000e+00> : tensor<f32>}
  // CHECK: onnx.Div(%[[P2]], %[[SC2]])
  %1 = pd.hardswish %x {threshold = 5.0 : f32, scale = 4.0 : f32, offset = 2.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// swish and silu: x * sigmoid(x).
// CHECK-LABEL: func.func @swish(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @swish(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // CHECK: %[[S:.*]] = onnx.Sigmoid(%[[X]])
  // CHECK: onnx.Mul(%[[X]], %[[S]])
  %0 = pd.swish %x : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[S2:.*]] = onnx.Sigmoid(%[[X]])
  // CHECK: onnx.Mul(%[[X]], %[[S2]])
  %1 = pd.silu %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// gelu: Gelu from opset 20; before, 0.5 * x * (1 + erf(x / sqrt(2))), or
// with approximate, 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3))).
// CHECK-LABEL: func.func @gelu(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @gelu(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // O13: %[[K:.*]] = onnx.Constant() {value = dense<0.707106769> : tensor<f32>}
  // O13: %[[A:.*]] = onnx.Mul(%[[X]], %[[K]])
  // O13: %[[E:.*]] = onnx.Erf(%[[A]])
  // O13: %[[ONE:.*]] = onnx.Constant() {value = dense<1.000000e+00> : tensor<f32>}
  // O13: %[[OP:.*]] = onnx.Add(%[[E]], %[[ONE]])
  // O13: %[[HALF:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<f32>}
  // O13: %[[HX:.*]] = onnx.Mul(%[[X]], %[[HALF]])
  // O13: onnx.Mul(%[[HX]], %[[OP]])
  // O20: onnx.Gelu(%[[X]]) : (tensor<4xf32>) -> tensor<4xf32>
  %0 = pd.gelu %x : (tensor<4xf32>) -> tensor<4xf32>
  // O13: %[[SQ:.*]] = onnx.Mul(%[[X]], %[[X]])
  // O13: %[[CU:.*]] = onnx.Mul(%[[SQ]], %[[X]])
  // O13: onnx.Constant() {value = dense<4.471500e-02> : tensor<f32>}
  // O13: onnx.Constant() {value = dense<0.797884583> : tensor<f32>}
  // O13: onnx.Tanh
  // O20: onnx.Gelu(%[[X]]) {approximate = "tanh"} : (tensor<4xf32>) -> tensor<4xf32>
  %1 = pd.gelu %x {approximate = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @rsqrt_square(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @rsqrt_square(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // CHECK: %[[S:.*]] = onnx.Sqrt(%[[X]])
  // CHECK: onnx.Reciprocal(%[[S]])
  %0 = pd.rsqrt %x : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: onnx.Mul(%[[X]], %[[X]])
  %1 = pd.square %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// softplus: Paddle's is linear where beta * x > threshold. A threshold of 15
// or more is below float32's precision and left to ONNX's stable Softplus.
// CHECK-LABEL: func.func @softplus(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @softplus(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  // CHECK: %[[SP:.*]] = onnx.Softplus(%[[X]]) : (tensor<4xf32>) -> tensor<4xf32>
  %0 = pd.softplus %x : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[B:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
  // CHECK: %[[BX:.*]] = onnx.Mul(%[[X]], %[[B]])
  // CHECK: %[[SP2:.*]] = onnx.Softplus(%[[BX]])
  // CHECK: %[[D:.*]] = onnx.Div(%[[SP2]],
  // CHECK: %[[T:.*]] = onnx.Constant() {value = dense<3.000000e+00> : tensor<f32>}
  // CHECK: %[[G:.*]] = onnx.Greater(%[[BX]], %[[T]]) : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
  // CHECK: onnx.Where(%[[G]], %[[X]], %[[D]])
  %1 = pd.softplus %x {beta = 2.0 : f32, threshold = 3.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// pow: the factor attribute, or FactorTensor as a 0-D exponent.
// CHECK-LABEL: func.func @pow(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>, %[[F:[^:]*]]: tensor<1xf32>, %[[I:[^:]*]]: tensor<4xi32>)
func.func @pow(%x: tensor<4xf32>, %f: tensor<1xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>) {
  // CHECK: %[[C3:.*]] = onnx.Constant() {value = dense<3.000000e+00> : tensor<f32>}
  // CHECK: onnx.Pow(%[[X]], %[[C3]])
  %0 = pd.pow %x {factor = 3.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: onnx.Mul(%[[X]], %[[X]])
  %1 = pd.pow %x {factor = 2.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: onnx.Sqrt(%[[X]])
  %2 = pd.pow %x {factor = 0.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[FS:.*]] = onnx.Reshape(%[[F]], %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
  // CHECK: onnx.Pow(%[[X]], %[[FS]])
  %3 = pd.pow %x factor_tensor(%f) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  // An integer base keeps its type; the exponent is f32 (Pow on integers
  // from opset 12).
  // CHECK: %[[C25:.*]] = onnx.Constant() {value = dense<2.500000e+00> : tensor<f32>}
  // CHECK: onnx.Pow(%[[I]], %[[C25]]) : (tensor<4xi32>, tensor<f32>) -> tensor<4xi32>
  %4 = pd.pow %i {factor = 2.5 : f32} : (tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}

// -----

// scale: scale * x + bias, or scale * (x + bias); factors of 1 and terms of
// 0 are left out; on integers scale and bias are truncated, as Paddle does.
// CHECK-LABEL: func.func @scale(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>, %[[S:[^:]*]]: tensor<1xf32>, %[[I:[^:]*]]: tensor<4xi64>)
func.func @scale(%x: tensor<4xf32>, %s: tensor<1xf32>, %i: tensor<4xi64>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>) {
  // CHECK: %[[C2:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
  // CHECK: %[[M:.*]] = onnx.Mul(%[[X]], %[[C2]])
  // CHECK: %[[B:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<f32>}
  // CHECK: onnx.Add(%[[M]], %[[B]])
  %0 = pd.scale %x {scale = 2.0 : f32, bias = 0.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[B1:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<f32>}
  // CHECK: %[[A1:.*]] = onnx.Add(%[[X]], %[[B1]])
  // CHECK: %[[C21:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
  // CHECK: onnx.Mul(%[[A1]], %[[C21]])
  %1 = pd.scale %x {scale = 2.0 : f32, bias = 0.5 : f32, bias_after_scale = false} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[SS:.*]] = onnx.Reshape(%[[S]], %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
  // CHECK: onnx.Mul(%[[X]], %[[SS]]) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %2 = pd.scale %x scale_tensor(%s) {scale = 3.0 : f32} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  // scale by 1 plus 0 folds away (pd.scale's folder).
  %3 = pd.scale %x : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[IC:.*]] = onnx.Constant() {value = dense<2> : tensor<i64>}
  // CHECK: %[[IM:.*]] = onnx.Mul(%[[I]], %[[IC]]) : (tensor<4xi64>, tensor<i64>) -> tensor<4xi64>
  // CHECK: %[[IB:.*]] = onnx.Constant() {value = dense<-1> : tensor<i64>}
  // CHECK: %[[IR:.*]] = onnx.Add(%[[IM]], %[[IB]])
  // CHECK: return %{{.*}}, %{{.*}}, %{{.*}}, %[[X]], %[[IR]]
  %4 = pd.scale %i {scale = 2.5 : f32, bias = -1.5 : f32} : (tensor<4xi64>) -> tensor<4xi64>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>
}

// -----

// clip: attribute bounds, or Min/Max tensors as 0-D inputs of x's type.
// CHECK-LABEL: func.func @clip(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>, %[[MX:[^:]*]]: tensor<1xf32>, %[[I:[^:]*]]: tensor<4xi32>)
func.func @clip(%x: tensor<4xf32>, %mx: tensor<1xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xi32>) {
  // CHECK-DAG: %[[LO:.*]] = onnx.Constant() {value = dense<-1.000000e+00> : tensor<f32>}
  // CHECK-DAG: %[[HI:.*]] = onnx.Constant() {value = dense<2.000000e+00> : tensor<f32>}
  // CHECK: onnx.Clip(%[[X]], %[[LO]], %[[HI]])
  %0 = pd.clip %x {min = -1.0 : f32, max = 2.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK-DAG: %[[MS:.*]] = onnx.Reshape(%[[MX]], %{{.*}}) : (tensor<1xf32>, tensor<0xi64>) -> tensor<f32>
  // CHECK-DAG: %[[LO2:.*]] = onnx.Constant() {value = dense<-1.000000e+00> : tensor<f32>}
  // CHECK: onnx.Clip(%[[X]], %[[LO2]], %[[MS]])
  %1 = pd.clip %x max_tensor(%mx) {min = -1.0 : f32, max = 2.0 : f32} : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  // CHECK-DAG: %[[ILO:.*]] = onnx.Constant() {value = dense<-2> : tensor<i32>}
  // CHECK-DAG: %[[IHI:.*]] = onnx.Constant() {value = dense<3> : tensor<i32>}
  // CHECK: onnx.Clip(%[[I]], %[[ILO]], %[[IHI]]) : (tensor<4xi32>, tensor<i32>, tensor<i32>) -> tensor<4xi32>
  %2 = pd.clip %i {min = -2.0 : f32, max = 3.0 : f32} : (tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xi32>
}

// -----

// assign is Identity; dropout at inference is Identity (upscale_in_train)
// or a multiplication by 1 - dropout_prob (downgrade_in_infer).
// CHECK-LABEL: func.func @assign_dropout(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @assign_dropout(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  // assign folds away (pd.assign's folder).
  %0 = pd.assign x(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[ID:.*]] = onnx.Identity(%[[X]])
  %1 = pd.dropout %x {dropout_prob = 0.3 : f32, is_test = true, dropout_implementation = "upscale_in_train"} : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[K:.*]] = onnx.Constant() {value = dense<0.699999988> : tensor<f32>}
  // CHECK: %[[DG:.*]] = onnx.Mul(%[[X]], %[[K]])
  // CHECK: return %[[X]], %[[ID]], %[[DG]]
  %2 = pd.dropout %x {dropout_prob = 0.3 : f32, is_test = true} : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// A dropout saved in training mode (is_test = false) converts with the
// inference semantics all the same: the ONNX model is for inference.
// CHECK-LABEL: func.func @dropout_train(
// CHECK-SAME:      %[[X:[^:]*]]: tensor<4xf32>)
func.func @dropout_train(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[K:.*]] = onnx.Constant() {value = dense<5.000000e-01> : tensor<f32>}
  // CHECK: onnx.Mul(%[[X]], %[[K]])
  %0 = pd.dropout %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
