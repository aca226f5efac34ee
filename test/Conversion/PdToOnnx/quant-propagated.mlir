// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx -onnx-check-opset | FileCheck %s
// RUN: not oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 2>&1 | FileCheck %s --check-prefix=OPSET11
//
// What pd-propagate-quant leaves: ops on the int8 storage of quantized
// values (quant.scast to and from the storage type). Both casts are the
// int8 value itself; MaxPool on int8 needs opset 12.

// CHECK: module attributes {onnx.opset = 12
// CHECK-LABEL: func.func @int8_chain
// CHECK-SAME: %[[X:.*]]: tensor<?x4x8x8xf32>
// CHECK: %[[Q:.*]] = onnx.QuantizeLinear(%[[X]], %{{.*}}, %{{.*}}) : (tensor<?x4x8x8xf32>, tensor<f32>, tensor<i8>) -> tensor<?x4x8x8xi8>
// CHECK: %[[P:.*]], %{{.*}} = onnx.MaxPool(%[[Q]]) {{.*}} : (tensor<?x4x8x8xi8>) -> (tensor<?x4x4x4xi8>, none)
// CHECK: %[[T:.*]] = onnx.Transpose(%[[P]]) {{.*}} -> tensor<?x4x4x4xi8>
// CHECK: %[[R:.*]] = onnx.Reshape(%[[T]], %{{.*}}) {{.*}} -> tensor<?x4x2x8xi8>
// CHECK: %[[D:.*]] = onnx.DequantizeLinear(%[[R]], %{{.*}}, %{{.*}}) : (tensor<?x4x2x8xi8>, tensor<f32>, tensor<i8>) -> tensor<?x4x2x8xf32>
// CHECK: return %[[D]]
// OPSET11: error: cannot convert 'pd.pool2d' to ONNX at opset 11: needs opset 12 or later
func.func @int8_chain(%x: tensor<?x4x8x8xf32>) -> tensor<?x4x2x8xf32> {
  %q = pd.uniform_quantize %x : tensor<?x4x8x8xf32> -> tensor<?x4x8x8x!quant.uniform<i8:f32, 0.02>>
  %s = quant.scast %q : tensor<?x4x8x8x!quant.uniform<i8:f32, 0.02>> to tensor<?x4x8x8xi8>
  %p = pd.pool2d %s {ksize = array<i64: 2, 2>, pooling_type = "max", strides = array<i64: 2, 2>} : (tensor<?x4x8x8xi8>) -> tensor<?x4x4x4xi8>
  %t = pd.transpose %p {axis = array<i64: 0, 1, 3, 2>} : (tensor<?x4x4x4xi8>) -> tensor<?x4x4x4xi8>
  %r = pd.reshape %t {shape = array<i64: -1, 4, 2, 8>} : (tensor<?x4x4x4xi8>) -> tensor<?x4x2x8xi8>
  %b = quant.scast %r : tensor<?x4x2x8xi8> to tensor<?x4x2x8x!quant.uniform<i8:f32, 0.02>>
  %d = pd.uniform_dequantize %b : tensor<?x4x2x8x!quant.uniform<i8:f32, 0.02>> -> tensor<?x4x2x8xf32>
  return %d : tensor<?x4x2x8xf32>
}

// -----

// CHECK-LABEL: func.func @int8_concat
// CHECK: %[[A:.*]] = onnx.QuantizeLinear
// CHECK: %[[B:.*]] = onnx.QuantizeLinear
// CHECK: %[[C:.*]] = onnx.Concat(%[[A]], %[[B]]) {{.*}} -> tensor<3x3xi8>
// CHECK: onnx.DequantizeLinear(%[[C]]
func.func @int8_concat(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>) -> tensor<3x3xf32> {
  %qx = pd.uniform_quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.02>>
  %qy = pd.uniform_quantize %y : tensor<1x3xf32> -> tensor<1x3x!quant.uniform<i8:f32, 0.02>>
  %a = quant.scast %qx : tensor<2x3x!quant.uniform<i8:f32, 0.02>> to tensor<2x3xi8>
  %b = quant.scast %qy : tensor<1x3x!quant.uniform<i8:f32, 0.02>> to tensor<1x3xi8>
  %c = pd.concat [%a, %b] {axis = 0 : i64} : (tensor<2x3xi8>, tensor<1x3xi8>) -> tensor<3x3xi8>
  %s = quant.scast %c : tensor<3x3xi8> to tensor<3x3x!quant.uniform<i8:f32, 0.02>>
  %d = pd.uniform_dequantize %s : tensor<3x3x!quant.uniform<i8:f32, 0.02>> -> tensor<3x3xf32>
  return %d : tensor<3x3xf32>
}
