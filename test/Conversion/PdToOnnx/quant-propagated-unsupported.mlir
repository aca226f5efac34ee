// RUN: not oar-opt %s -convert-pd-to-onnx=opset=13 2>&1 | FileCheck %s

// Average and global pooling have no int8 ONNX form.
// CHECK: error: cannot convert 'pd.pool2d' to ONNX at opset 13: int8 pooling is max pooling with a kernel
func.func @int8_avg(%x: tensor<1x1x4x4xi8>) -> tensor<1x1x2x2xi8> {
  %p = pd.pool2d %x {ksize = array<i64: 2, 2>, pooling_type = "avg", strides = array<i64: 2, 2>} : (tensor<1x1x4x4xi8>) -> tensor<1x1x2x2xi8>
  return %p : tensor<1x1x2x2xi8>
}
