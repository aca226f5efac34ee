// RUN: oar-opt %s -split-input-file -pd-quantize-weights | FileCheck %s
// RUN: oar-opt %s -split-input-file -pd-quantize-weights=op-types=mul | FileCheck %s --check-prefix=MUL
// RUN: oar-opt %s -split-input-file "-pd-quantize-weights=skip=w_fc" | FileCheck %s --check-prefix=SKIP
// RUN: not oar-opt %s -split-input-file -pd-quantize-weights=op-types=conv3d 2>&1 | FileCheck %s --check-prefix=BAD
//
// Weight-only int8: per output channel, abs-max scales over 127, values
// rounded half away from zero (0.5 * 127 = 63.5 -> 64).

// BAD: error: op-types: 'conv3d' is not one Oar quantizes (conv2d, depthwise_conv2d, mul, matmul, matmul_v2, elementwise_add, pool2d, concat)

// CHECK-LABEL: func.func @conv_and_fc
// CHECK-DAG: %[[CW:.*]] = arith.constant dense<{{\[\[\[\[}}127, 64]]], {{\[\[\[}}-127, 64]]]]> : tensor<2x1x1x2xi8>
// CHECK-DAG: %[[CQ:.*]] = quant.scast %[[CW]] : tensor<2x1x1x2xi8> to tensor<2x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.0078740157480314959,0.003937007874015748}>>
// CHECK-DAG: %[[CD:.*]] = pd.uniform_dequantize %[[CQ]]
// CHECK: pd.conv2d %{{.*}}, %[[CD]]
// The [K, N] fc weight per column (axis 1): abs-max 2 and 0.5.
// CHECK: %[[FW:.*]] = arith.constant dense<{{\[\[}}127, 127], [-64, 0]]> : tensor<2x2xi8>
// CHECK: quant.scast %[[FW]] : tensor<2x2xi8> to tensor<2x2x!quant.uniform<i8<-127:127>:f32:1, {0.015748031496062992,0.003937007874015748}>>
// CHECK: pd.matmul_with_flatten
// MUL-LABEL: func.func @conv_and_fc
// MUL: pd.conv2d %{{.*}}, %{{.*}} : (tensor<1x1x2x2xf32>, tensor<2x1x1x2xf32>)
// MUL: quant.scast
// SKIP-LABEL: func.func @conv_and_fc
// SKIP: quant.scast
// SKIP-NOT: quant.scast
// SKIP: return
func.func @conv_and_fc(%x: tensor<1x1x2x2xf32>, %v: tensor<3x2xf32>) -> (tensor<1x2x2x1xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<[[[[1.0, 0.5]]], [[[-0.5, 0.25]]]]> : tensor<2x1x1x2xf32>
  %c = pd.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<2x1x1x2xf32>) -> tensor<1x2x2x1xf32>
  %fw = arith.constant dense<[[2.0, 0.5], [-1.0, 0.0]]> : tensor<2x2xf32> loc("w_fc")
  %f = pd.matmul_with_flatten %v, %fw : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  return %c, %f : tensor<1x2x2x1xf32>, tensor<3x2xf32>
}
