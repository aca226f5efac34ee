// RUN: oar-opt %s -split-input-file -onnx-qdq-int8-kernels | FileCheck %s
// RUN: oar-opt %s -split-input-file -onnx-qdq-int8-kernels=gemm-float-output=1 | FileCheck %s --check-prefix=FLOATOUT
//
// onnx-qdq-int8-kernels: the shapes onnxruntime's int8 CPU kernels take.

// Q(relu(x)) with zero point -128 (the int8 minimum) is Q(x): relu maps
// x < 0 to 0, and Q maps every x <= 0 to -128 already. The pair then goes
// uint8, every zero point + 128: the same dequantized values.
// CHECK-LABEL: func.func @relu_dropped
// CHECK-SAME: (%[[X:[^:]*]]: tensor<4xf32>
// CHECK-NOT: onnx.Relu
// CHECK: %[[S:.*]] = onnx.Constant() {value = dense<1.000000e-01> : tensor<f32>}
// CHECK: %[[ZQ:.*]] = onnx.Constant() {value = dense<0> : tensor<ui8>}
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%[[X]], %[[S]], %[[ZQ]]) : (tensor<4xf32>, tensor<f32>, tensor<ui8>) -> tensor<4xui8>
// CHECK: %[[ZD:.*]] = onnx.Constant() {value = dense<0> : tensor<ui8>}
// CHECK: onnx.DequantizeLinear(%[[Q]], %[[S]], %[[ZD]])
func.func @relu_dropped(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %r = onnx.Relu(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %q = onnx.QuantizeLinear(%r, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// Zero point 0 (symmetric): Q(x) of x < 0 is negative, relu's 0 is not.
// Kept; the pair goes uint8 with zero point 128.
// CHECK-LABEL: func.func @relu_kept_symmetric
// CHECK: %[[R:.*]] = onnx.Relu
// CHECK: %[[Z:.*]] = onnx.Constant() {value = dense<128> : tensor<ui8>}
// CHECK: onnx.QuantizeLinear(%[[R]], %{{.*}}, %[[Z]]) : (tensor<4xf32>, tensor<f32>, tensor<ui8>) -> tensor<4xui8>
func.func @relu_kept_symmetric(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %r = onnx.Relu(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %q = onnx.QuantizeLinear(%r, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// A relu with a second user (not the QuantizeLinear) stays.
// CHECK-LABEL: func.func @relu_second_user
// CHECK: %[[R:.*]] = onnx.Relu
// CHECK: onnx.QuantizeLinear(%[[R]]
// CHECK: return %{{.*}}, %[[R]]
func.func @relu_second_user(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %r = onnx.Relu(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %q = onnx.QuantizeLinear(%r, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d, %r : tensor<4xf32>, tensor<4xf32>
}

// -----

// Clip(x, 0, 6) (relu6) before Q with step 6/255 and zero point -128
// (uint8 0): Q saturates at 0 and at 255 * step = 6, so the clip cuts
// nothing Q does not: dropped. Clip(x, 0, 3) cuts below 6: kept.
// CHECK-LABEL: func.func @relu6
// CHECK-NOT: onnx.Clip
// CHECK: onnx.QuantizeLinear(%arg0
// CHECK-LABEL: func.func @clip_cuts
// CHECK: %[[C:.*]] = onnx.Clip
// CHECK: onnx.QuantizeLinear(%[[C]]
func.func @relu6(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = onnx.Constant() {value = dense<0.0235294122> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %lo = onnx.Constant() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %hi = onnx.Constant() {value = dense<6.0> : tensor<f32>} : () -> tensor<f32>
  %c = onnx.Clip(%x, %lo, %hi) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %q = onnx.QuantizeLinear(%c, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}
func.func @clip_cuts(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = onnx.Constant() {value = dense<0.0235294122> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %lo = onnx.Constant() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %hi = onnx.Constant() {value = dense<3.0> : tensor<f32>} : () -> tensor<f32>
  %c = onnx.Clip(%x, %lo, %hi) : (tensor<4xf32>, tensor<f32>, tensor<f32>) -> tensor<4xf32>
  %q = onnx.QuantizeLinear(%c, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// Clip of opset 6 holds its bounds as attributes: max 3 cuts below 6, kept.
// CHECK-LABEL: func.func @clip_attributes
// CHECK: %[[C:.*]] = onnx.Clip
// CHECK: onnx.QuantizeLinear(%[[C]]
func.func @clip_attributes(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = onnx.Constant() {value = dense<0.0235294122> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %n = onnx.NoValue
  %c = onnx.Clip(%x, %n, %n) {min = 0.0 : f32, max = 3.0 : f32} : (tensor<4xf32>, none, none) -> tensor<4xf32>
  %q = onnx.QuantizeLinear(%c, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %d : tensor<4xf32>
}

// -----

// A QuantizeLinear read by something other than a DequantizeLinear stays
// int8; so does a constant's (a weight).
// CHECK-LABEL: func.func @int8_kept
// CHECK: onnx.QuantizeLinear{{.*}} -> tensor<4xi8>
// CHECK: onnx.QuantizeLinear{{.*}} -> tensor<4xi8>
func.func @int8_kept(%x: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xf32>) {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %q = onnx.QuantizeLinear(%x, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %w = onnx.Constant() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %qw = onnx.QuantizeLinear(%w, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%qw, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  return %q, %d : tensor<4xi8>, tensor<4xf32>
}

// -----

// Add of a per-channel constant after a Conv with an int8 weight becomes
// its bias, then the bias int32 with step s_x * s_w[m]:
// s_x = 0.5, s_w = [0.25, 0.125] -> steps [0.125, 0.0625];
// bias [1.0, -0.5] -> [8, -8].
// CHECK-LABEL: func.func @conv_bias
// CHECK-DAG: %[[BQ:.*]] = onnx.Constant() {value = dense<[8, -8]> : tensor<2xi32>}
// CHECK-DAG: %[[BS:.*]] = onnx.Constant() {value = dense<[1.250000e-01, 6.250000e-02]> : tensor<2xf32>}
// CHECK-DAG: %[[BZ:.*]] = onnx.Constant() {value = dense<0> : tensor<2xi32>}
// CHECK: %[[B:.*]] = onnx.DequantizeLinear(%[[BQ]], %[[BS]], %[[BZ]]) {axis = 0 : i64}
// CHECK: %[[C:.*]] = onnx.Conv(%{{.*}}, %{{.*}}, %[[B]])
// CHECK-NOT: onnx.Add
// CHECK: onnx.QuantizeLinear(%[[C]]
func.func @conv_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %sx = onnx.Constant() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %zx = onnx.Constant() {value = dense<0> : tensor<ui8>} : () -> tensor<ui8>
  %qx = onnx.QuantizeLinear(%x, %sx, %zx) : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x1x4x4xui8>
  %dx = onnx.DequantizeLinear(%qx, %sx, %zx) : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x1x4x4xf32>
  %qw = onnx.Constant() {value = dense<[[[[3]]], [[[-5]]]]> : tensor<2x1x1x1xi8>} : () -> tensor<2x1x1x1xi8>
  %sw = onnx.Constant() {value = dense<[0.25, 0.125]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zw = onnx.Constant() {value = dense<0> : tensor<2xi8>} : () -> tensor<2xi8>
  %w = onnx.DequantizeLinear(%qw, %sw, %zw) {axis = 0 : i64} : (tensor<2x1x1x1xi8>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x1x1x1xf32>
  %n = onnx.NoValue
  %c = onnx.Conv(%dx, %w, %n) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %b = onnx.Constant() {value = dense<[[[1.0]], [[-0.5]]]> : tensor<2x1x1xf32>} : () -> tensor<2x1x1xf32>
  %y = onnx.Add(%c, %b) : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  %qy = onnx.QuantizeLinear(%y, %sx, %zx) : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x4x4xui8>
  %dy = onnx.DequantizeLinear(%qy, %sx, %zx) : (tensor<1x2x4x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2x4x4xf32>
  return %dy : tensor<1x2x4x4xf32>
}

// -----

// The same Conv with an output no QuantizeLinear reads (onnxruntime runs
// it in float): the Add still becomes the bias, which stays float.
// CHECK-LABEL: func.func @conv_bias_float_output
// CHECK-NOT: tensor<2xi32>
// CHECK: %[[C:.*]] = onnx.Conv(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>)
// CHECK-NOT: onnx.Add
// CHECK: return %[[C]]
func.func @conv_bias_float_output(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %sx = onnx.Constant() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %zx = onnx.Constant() {value = dense<0> : tensor<ui8>} : () -> tensor<ui8>
  %qx = onnx.QuantizeLinear(%x, %sx, %zx) : (tensor<1x1x4x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x1x4x4xui8>
  %dx = onnx.DequantizeLinear(%qx, %sx, %zx) : (tensor<1x1x4x4xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x1x4x4xf32>
  %qw = onnx.Constant() {value = dense<[[[[3]]], [[[-5]]]]> : tensor<2x1x1x1xi8>} : () -> tensor<2x1x1x1xi8>
  %sw = onnx.Constant() {value = dense<[0.25, 0.125]> : tensor<2xf32>} : () -> tensor<2xf32>
  %zw = onnx.Constant() {value = dense<0> : tensor<2xi8>} : () -> tensor<2xi8>
  %w = onnx.DequantizeLinear(%qw, %sw, %zw) {axis = 0 : i64} : (tensor<2x1x1x1xi8>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x1x1x1xf32>
  %n = onnx.NoValue
  %c = onnx.Conv(%dx, %w, %n) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %b = onnx.Constant() {value = dense<[[[1.0]], [[-0.5]]]> : tensor<2x1x1xf32>} : () -> tensor<2x1x1xf32>
  %y = onnx.Add(%c, %b) : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// A float Conv (float weight) keeps its Add: onnxruntime fuses that itself.
// CHECK-LABEL: func.func @float_conv
// CHECK: onnx.Conv
// CHECK: onnx.Add
func.func @float_conv(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = onnx.Constant() {value = dense<1.0> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %n = onnx.NoValue
  %c = onnx.Conv(%x, %w, %n) : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, none) -> tensor<1x2x4x4xf32>
  %b = onnx.Constant() {value = dense<[[[1.0]], [[-0.5]]]> : tensor<2x1x1xf32>} : () -> tensor<2x1x1xf32>
  %y = onnx.Add(%c, %b) : (tensor<1x2x4x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}

// -----

// Gemm(DQ(x), DQ(w [K, N], axis 1), C): C int32, step s_x * s_w[n].
// CHECK-LABEL: func.func @gemm_bias
// CHECK-DAG: %[[BQ:.*]] = onnx.Constant() {value = dense<[4, -2, 0]> : tensor<3xi32>}
// CHECK-DAG: %[[BS:.*]] = onnx.Constant() {value = dense<[2.500000e-01, 5.000000e-01, 1.000000e+00]> : tensor<3xf32>}
// CHECK: %[[B:.*]] = onnx.DequantizeLinear(%[[BQ]], %[[BS]], %{{.*}}) {axis = 0 : i64}
// CHECK: onnx.Gemm(%{{.*}}, %{{.*}}, %[[B]])
func.func @gemm_bias(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %sx = onnx.Constant() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %zx = onnx.Constant() {value = dense<0> : tensor<ui8>} : () -> tensor<ui8>
  %qx = onnx.QuantizeLinear(%x, %sx, %zx) : (tensor<1x2xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2xui8>
  %dx = onnx.DequantizeLinear(%qx, %sx, %zx) : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2xf32>
  %qw = onnx.Constant() {value = dense<1> : tensor<2x3xi8>} : () -> tensor<2x3xi8>
  %sw = onnx.Constant() {value = dense<[0.5, 1.0, 2.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %zw = onnx.Constant() {value = dense<0> : tensor<3xi8>} : () -> tensor<3xi8>
  %w = onnx.DequantizeLinear(%qw, %sw, %zw) {axis = 1 : i64} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3xf32>
  %c = onnx.Constant() {value = dense<[1.0, -1.0, 0.2]> : tensor<3xf32>} : () -> tensor<3xf32>
  %y = onnx.Gemm(%dx, %w, %c) : (tensor<1x2xf32>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  %qy = onnx.QuantizeLinear(%y, %sx, %zx) : (tensor<1x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x3xui8>
  %dy = onnx.DequantizeLinear(%qy, %sx, %zx) : (tensor<1x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x3xf32>
  return %dy : tensor<1x3xf32>
}

// -----

// A Gemm whose input is float (weight-only quantization) keeps its float
// bias.
// CHECK-LABEL: func.func @gemm_float_input
// CHECK-NOT: tensor<3xi32>
// CHECK: onnx.Gemm
func.func @gemm_float_input(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %qw = onnx.Constant() {value = dense<1> : tensor<2x3xi8>} : () -> tensor<2x3xi8>
  %sw = onnx.Constant() {value = dense<[0.5, 1.0, 2.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %zw = onnx.Constant() {value = dense<0> : tensor<3xi8>} : () -> tensor<3xi8>
  %w = onnx.DequantizeLinear(%qw, %sw, %zw) {axis = 1 : i64} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3xf32>
  %c = onnx.Constant() {value = dense<[1.0, -1.0, 0.2]> : tensor<3xf32>} : () -> tensor<3xf32>
  %y = onnx.Gemm(%x, %w, %c) : (tensor<1x2xf32>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// A Gemm with a quantized input and weight whose output stays float:
// float bias, unless gemm-float-output (oar quantize).
// CHECK-LABEL: func.func @gemm_float_output
// CHECK-NOT: tensor<3xi32>
// CHECK: onnx.Gemm
// FLOATOUT-LABEL: func.func @gemm_float_output
// FLOATOUT: onnx.DequantizeLinear(%{{.*}}) {axis = 0 : i64} : (tensor<3xi32>
// FLOATOUT: onnx.Gemm
func.func @gemm_float_output(%x: tensor<1x2xf32>) -> tensor<1x3xf32> {
  %sx = onnx.Constant() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %zx = onnx.Constant() {value = dense<0> : tensor<ui8>} : () -> tensor<ui8>
  %qx = onnx.QuantizeLinear(%x, %sx, %zx) : (tensor<1x2xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2xui8>
  %dx = onnx.DequantizeLinear(%qx, %sx, %zx) : (tensor<1x2xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x2xf32>
  %qw = onnx.Constant() {value = dense<1> : tensor<2x3xi8>} : () -> tensor<2x3xi8>
  %sw = onnx.Constant() {value = dense<[0.5, 1.0, 2.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %zw = onnx.Constant() {value = dense<0> : tensor<3xi8>} : () -> tensor<3xi8>
  %w = onnx.DequantizeLinear(%qw, %sw, %zw) {axis = 1 : i64} : (tensor<2x3xi8>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3xf32>
  %c = onnx.Constant() {value = dense<[1.0, -1.0, 0.2]> : tensor<3xf32>} : () -> tensor<3xf32>
  %y = onnx.Gemm(%dx, %w, %c) : (tensor<1x2xf32>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

// int8 values that data-movement ops carry (after pd-propagate-quant):
// QuantizeLinear -> MaxPool -> Reshape -> DequantizeLinear goes uint8 as a
// whole, every zero point + 128. MaxPool and Reshape only move values or
// take their maximum, which commute with + 128: the same dequantized
// values.
// CHECK-LABEL: func.func @movers_to_uint8
// CHECK: %[[ZQ:.*]] = onnx.Constant() {value = dense<0> : tensor<ui8>}
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%{{.*}}, %{{.*}}, %[[ZQ]]) : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2x4x4xui8>
// CHECK: %[[P:.*]], %{{.*}} = onnx.MaxPool(%[[Q]]) {{.*}} : (tensor<1x2x4x4xui8>) -> (tensor<1x2x2x2xui8>, none)
// CHECK: %[[R:.*]] = onnx.Reshape(%[[P]], %{{.*}}) : (tensor<1x2x2x2xui8>, tensor<2xi64>) -> tensor<1x8xui8>
// CHECK: %[[ZD:.*]] = onnx.Constant() {value = dense<0> : tensor<ui8>}
// CHECK: onnx.DequantizeLinear(%[[R]], %{{.*}}, %[[ZD]]) : (tensor<1x8xui8>, tensor<f32>, tensor<ui8>) -> tensor<1x8xf32>
func.func @movers_to_uint8(%x: tensor<1x2x4x4xf32>) -> tensor<1x8xf32> {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<-128> : tensor<i8>} : () -> tensor<i8>
  %q = onnx.QuantizeLinear(%x, %s, %z) : (tensor<1x2x4x4xf32>, tensor<f32>, tensor<i8>) -> tensor<1x2x4x4xi8>
  %p, %i = onnx.MaxPool(%q) {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xi8>) -> (tensor<1x2x2x2xi8>, none)
  %sh = onnx.Constant() {value = dense<[1, 8]> : tensor<2xi64>} : () -> tensor<2xi64>
  %r = onnx.Reshape(%p, %sh) : (tensor<1x2x2x2xi8>, tensor<2xi64>) -> tensor<1x8xi8>
  %d = onnx.DequantizeLinear(%r, %s, %z) : (tensor<1x8xi8>, tensor<f32>, tensor<i8>) -> tensor<1x8xf32>
  return %d : tensor<1x8xf32>
}

// -----

// A Concat joins two QuantizeLinear ops into one component; the first one
// is also read directly by a DequantizeLinear. All of it goes uint8.
// CHECK-LABEL: func.func @concat_component
// CHECK: %[[QA:.*]] = onnx.QuantizeLinear({{.*}}) : (tensor<1x2xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x2xui8>
// CHECK: %[[QB:.*]] = onnx.QuantizeLinear({{.*}}) : (tensor<1x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<1x3xui8>
// CHECK: %[[C:.*]] = onnx.Concat(%[[QA]], %[[QB]]) {{.*}} : (tensor<1x2xui8>, tensor<1x3xui8>) -> tensor<1x5xui8>
// CHECK: %[[Z1:.*]] = onnx.Constant() {value = dense<128> : tensor<ui8>}
// CHECK: onnx.DequantizeLinear(%[[C]], %{{.*}}, %[[Z1]])
// CHECK: %[[Z2:.*]] = onnx.Constant() {value = dense<128> : tensor<ui8>}
// CHECK: onnx.DequantizeLinear(%[[QA]], %{{.*}}, %[[Z2]])
func.func @concat_component(%a: tensor<1x2xf32>, %b: tensor<1x3xf32>) -> (tensor<1x5xf32>, tensor<1x2xf32>) {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %qa = onnx.QuantizeLinear(%a, %s, %z) : (tensor<1x2xf32>, tensor<f32>, tensor<i8>) -> tensor<1x2xi8>
  %qb = onnx.QuantizeLinear(%b, %s, %z) : (tensor<1x3xf32>, tensor<f32>, tensor<i8>) -> tensor<1x3xi8>
  %c = onnx.Concat(%qa, %qb) {axis = 1 : i64} : (tensor<1x2xi8>, tensor<1x3xi8>) -> tensor<1x5xi8>
  %d = onnx.DequantizeLinear(%c, %s, %z) : (tensor<1x5xi8>, tensor<f32>, tensor<i8>) -> tensor<1x5xf32>
  %da = onnx.DequantizeLinear(%qa, %s, %z) : (tensor<1x2xi8>, tensor<f32>, tensor<i8>) -> tensor<1x2xf32>
  return %d, %da : tensor<1x5xf32>, tensor<1x2xf32>
}

// -----

// MaxPool takes uint8 only from opset 12: at opset 11 the component stays
// int8.
// CHECK-LABEL: func.func @maxpool_opset11_stays_int8
// CHECK-NOT: ui8
// CHECK: onnx.MaxPool(%{{.*}}) {{.*}} : (tensor<1x1x2x2xi8>) -> (tensor<1x1x1x1xi8>, none)
// CHECK-NOT: ui8
module attributes {onnx.opset = 11 : i64} {
func.func @maxpool_opset11_stays_int8(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %q = onnx.QuantizeLinear(%x, %s, %z) : (tensor<1x1x2x2xf32>, tensor<f32>, tensor<i8>) -> tensor<1x1x2x2xi8>
  %p, %i = onnx.MaxPool(%q) {kernel_shape = array<i64: 2, 2>} : (tensor<1x1x2x2xi8>) -> (tensor<1x1x1x1xi8>, none)
  %d = onnx.DequantizeLinear(%p, %s, %z) : (tensor<1x1x1x1xi8>, tensor<f32>, tensor<i8>) -> tensor<1x1x1x1xf32>
  return %d : tensor<1x1x1x1xf32>
}
}

// -----

// An int8 value of the component is a function result: its type is part
// of the interface, so nothing in the component changes (here the
// QuantizeLinear also feeds a DequantizeLinear directly).
// CHECK-LABEL: func.func @component_result_stays_int8
// CHECK-NOT: ui8
// CHECK: return
func.func @component_result_stays_int8(%x: tensor<2x3xf32>) -> (tensor<3x2xi8>, tensor<2x3xf32>) {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %q = onnx.QuantizeLinear(%x, %s, %z) : (tensor<2x3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  %t = onnx.Transpose(%q) {perm = array<i64: 1, 0>} : (tensor<2x3xi8>) -> tensor<3x2xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<2x3xi8>, tensor<f32>, tensor<i8>) -> tensor<2x3xf32>
  return %t, %d : tensor<3x2xi8>, tensor<2x3xf32>
}

// -----

// A Concat of a quantized activation and an int8 constant: the constant
// is not a QuantizeLinear whose zero point could move with the rest, so
// the component stays int8.
// CHECK-LABEL: func.func @concat_with_constant_stays_int8
// CHECK-NOT: ui8
// CHECK: return
func.func @concat_with_constant_stays_int8(%x: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %k = onnx.Constant() {value = dense<[[1, 2]]> : tensor<1x2xi8>} : () -> tensor<1x2xi8>
  %q = onnx.QuantizeLinear(%x, %s, %z) : (tensor<1x2xf32>, tensor<f32>, tensor<i8>) -> tensor<1x2xi8>
  %c = onnx.Concat(%q, %k) {axis = 1 : i64} : (tensor<1x2xi8>, tensor<1x2xi8>) -> tensor<1x4xi8>
  %d = onnx.DequantizeLinear(%c, %s, %z) : (tensor<1x4xi8>, tensor<f32>, tensor<i8>) -> tensor<1x4xf32>
  return %d : tensor<1x4xf32>
}

// -----

// A Cast computes on the int8 storage (it reads v, not v - z): the
// component stays int8.
// CHECK-LABEL: func.func @cast_user_stays_int8
// CHECK-NOT: ui8
// CHECK: return
func.func @cast_user_stays_int8(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %s = onnx.Constant() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %z = onnx.Constant() {value = dense<0> : tensor<i8>} : () -> tensor<i8>
  %q = onnx.QuantizeLinear(%x, %s, %z) : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xi8>
  %d = onnx.DequantizeLinear(%q, %s, %z) : (tensor<4xi8>, tensor<f32>, tensor<i8>) -> tensor<4xf32>
  %c = onnx.Cast(%q) {to = 1 : i64} : (tensor<4xi8>) -> tensor<4xf32>
  return %d, %c : tensor<4xf32>, tensor<4xf32>
}
