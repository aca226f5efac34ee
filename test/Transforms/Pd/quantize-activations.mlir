// RUN: printf '# ranges\nx 2.54\nh 1.27\n' > %t.table
// RUN: oar-opt %s -split-input-file -pd-quantize-activations=table=%t.table | FileCheck %s
// RUN: printf 'TRT-8601-EntropyCalibration2\nx: 3ca3d70a\n' > %t.cache
// RUN: oar-opt %s -split-input-file -pd-quantize-activations=table=%t.cache | FileCheck %s --check-prefix=TRT
// RUN: printf 'x 2.54\nh -1\n' > %t.bad
// RUN: not oar-opt %s -split-input-file -pd-quantize-activations=table=%t.bad 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not oar-opt %s -split-input-file -pd-quantize-activations=table=%t.missing 2>&1 | FileCheck %s --check-prefix=MISSING
//
// Static activation quantization: the activation input of a conv or matmul
// whose Paddle variable the table lists, per tensor, abs-max / 127, round
// half to even, storage [-128, 127].

// BAD: line 2: the range of 'h' is not positive
// MISSING: calibration table '{{.*}}.missing': No such file or directory

// CHECK-LABEL: func.func @conv_then_fc
// CHECK-SAME: %[[X:.*]]: tensor<1x1x2x2xf32>
// CHECK: %[[Q:.*]] = pd.uniform_quantize %[[X]] : tensor<1x1x2x2xf32> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 2.000000e-02>>
// CHECK: %[[D:.*]] = pd.uniform_dequantize %[[Q]]
// CHECK: %[[C:.*]] = pd.conv2d %[[D]]
// CHECK: %[[H:.*]] = pd.flatten
// CHECK: %[[HQ:.*]] = pd.uniform_quantize %[[H]] : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 1.000000e-02>>
// CHECK: pd.matmul_with_flatten
// TRT-LABEL: func.func @conv_then_fc
// TRT: pd.uniform_quantize %{{.*}} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.019999999552965164>>
// TRT-NOT: pd.uniform_quantize
func.func @conv_then_fc(%x: tensor<1x1x2x2xf32> {pd.name = "x"}) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = pd.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %h = pd.flatten %c {start_axis = 1 : i64, stop_axis = 3 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x4xf32> loc("h")
  %fw = arith.constant dense<1.0> : tensor<4x2xf32>
  %f = pd.matmul_with_flatten %h, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  return %f : tensor<1x2xf32>
}
