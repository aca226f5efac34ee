// RUN: printf 'x 1.27\nbn 4\nr 2.55\np 2.0\nh 1.0\ns 3.0\nsr 5.1\n' > %t.table
// RUN: oar-opt %s -split-input-file -pd-quantize-activations='table=%t.table asymmetric=1 outputs=1' | FileCheck %s
// RUN: oar-opt %s -split-input-file -pd-quantize-activations=table=%t.table | FileCheck %s --check-prefix=SYM
//
// What `oar quantize` runs in the qdq form (asymmetric, outputs): a conv's
// output is quantized after its bias add, batch_norm and relu; a relu
// output (non-negative) takes [0, abs-max]: scale 2.55 / 255 = 0.01, zero
// point -128; the max pool of it keeps those parameters (its output holds
// only values of its input: exact), whatever the table says of `p`; an
// add of two tensors has both inputs and its output quantized; a value the
// function returns is not quantized.

// CHECK-LABEL: func.func @conv_bn_relu_pool_add
// CHECK-SAME: %[[X:.*]]: tensor<1x1x4x4xf32>
// CHECK: %[[XQ:.*]] = pd.uniform_quantize %[[X]] {{.*}} -> tensor<1x1x4x4x!quant.uniform<i8:f32, 1.000000e-02>>
// CHECK: %[[XD:.*]] = pd.uniform_dequantize %[[XQ]]
// CHECK: %[[C:.*]] = pd.conv2d %[[XD]]
// CHECK: %[[B:.*]] = pd.add %[[C]], %{{.*}}
// CHECK: %[[BN:.*]] = pd.batch_norm %[[B]]
// CHECK: %[[R:.*]] = pd.relu %[[BN]]
// CHECK: %[[RQ:.*]] = pd.uniform_quantize %[[R]] {{.*}} -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.0099999999999999984:-128>>
// CHECK: %[[RD:.*]] = pd.uniform_dequantize %[[RQ]]
// CHECK: %[[P:.*]] = pd.pool2d %[[RD]]
// CHECK: %[[PQ:.*]] = pd.uniform_quantize %[[P]] {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.0099999999999999984:-128>>
// CHECK: %[[PD:.*]] = pd.uniform_dequantize %[[PQ]]
// CHECK: %[[S:.*]] = pd.add %[[PD]], %[[PD]]
// CHECK-NOT: pd.uniform_quantize
// CHECK: return %[[S]]
// SYM-LABEL: func.func @conv_bn_relu_pool_add
// SYM: pd.uniform_quantize %{{.*}} -> tensor<1x1x4x4x!quant.uniform<i8:f32, 1.000000e-02>>
// SYM: pd.conv2d
// SYM: %[[R:.*]] = pd.relu
// SYM: pd.uniform_quantize %[[R]] {{.*}} -> tensor<1x2x4x4x!quant.uniform<i8:f32, 0.020078740157480315>>
// SYM: %[[P:.*]] = pd.pool2d
// SYM: pd.uniform_quantize %[[P]] {{.*}} -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.015748031496062992>>
// SYM-NOT: pd.uniform_quantize
// SYM: return
func.func @conv_bn_relu_pool_add(%x: tensor<1x1x4x4xf32> {pd.name = "x"}) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %c = pd.conv2d %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32> loc("c")
  %bias = arith.constant dense<0.5> : tensor<2xf32>
  %b = pd.add %c, %bias {axis = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32> loc("b")
  %m = arith.constant dense<0.0> : tensor<2xf32>
  %v = arith.constant dense<1.0> : tensor<2xf32>
  %bn = pd.batch_norm %b, %m, %v {is_test = true} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32> loc("bn")
  %r = pd.relu %bn : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> loc("r")
  %p = pd.pool2d %r {ksize = array<i64: 2, 2>, strides = array<i64: 2, 2>, pooling_type = "max"} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> loc("p")
  %s = pd.add %p, %p : (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> loc("s")
  return %s : tensor<1x2x2x2xf32>
}

// -----

// A conv output followed by batch_norm and no relu (a residual branch):
// quantized after the batch_norm, symmetric (it can be negative); the
// add's output, relu'd, is non-negative.
// CHECK-LABEL: func.func @residual
// CHECK: %[[BN:.*]] = pd.batch_norm
// CHECK: pd.uniform_quantize %[[BN]] {{.*}} -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.031496062992125984>>
// CHECK: %[[R:.*]] = pd.relu
// CHECK: pd.uniform_quantize %[[R]] {{.*}} -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.019999999999999997:-128>>
func.func @residual(%x: tensor<1x1x2x2xf32> {pd.name = "x"}) -> tensor<1x1x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = pd.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32> loc("c")
  %m = arith.constant dense<0.0> : tensor<1xf32>
  %v = arith.constant dense<1.0> : tensor<1xf32>
  %bn = pd.batch_norm %c, %m, %v {is_test = true} : (tensor<1x1x2x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x2x2xf32> loc("bn")
  %s = pd.add %bn, %x : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> loc("s")
  %r = pd.relu %s : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> loc("sr")
  %w2 = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c2 = pd.conv2d %r, %w2 : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32> loc("c2")
  return %c2 : tensor<1x1x2x2xf32>
}
