// RUN: rm -rf %t.dir %t.empty %t.bad && mkdir -p %t.dir %t.empty %t.bad
// RUN: printf 'TRT-8601-EntropyCalibration2\nx: 3ca3d70a\n' > %t.dir/trt_calib_2
// RUN: printf 'TRT-8601-EntropyCalibration2\nx: 3c23d70a\nh: 3c23d70a\n' > %t.dir/trt_calib_1
// RUN: printf 'not a table\n' > %t.dir/shape_range_info.pbtxt
// RUN: oar-opt %s -pd-quantize-activations=table=%t.dir | FileCheck %s
// RUN: not oar-opt %s -pd-quantize-activations=table=%t.empty 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: printf 'x 2.54\n' > %t.bad/trt_calib_1
// RUN: not oar-opt %s -pd-quantize-activations=table=%t.bad 2>&1 | FileCheck %s --check-prefix=NOTRT
//
// A directory: Paddle Inference's TensorRT calibration tables
// (`trt_calib_<engine key>`, TensorRT caches), merged; a variable in two
// takes the larger range (x: steps 0.02 and 0.01). Other files are not
// read.

// EMPTY: calibration table directory '{{.*}}.empty' holds no trt_calib_* file
// NOTRT: calibration table '{{.*}}trt_calib_1', line 1: expected a TensorRT calibration cache header

// CHECK-LABEL: func.func @conv_then_fc
// CHECK: pd.uniform_quantize %{{.*}} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.019999999552965164>>
// CHECK: pd.uniform_quantize %{{.*}} : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 0.0099999997764825821>>
func.func @conv_then_fc(%x: tensor<1x1x2x2xf32> {pd.name = "x"}) -> tensor<1x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x1x1xf32>
  %c = pd.conv2d %x, %w : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %h = pd.flatten %c {start_axis = 1 : i64, stop_axis = 3 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x4xf32> loc("h")
  %fw = arith.constant dense<1.0> : tensor<4x2xf32>
  %f = pd.matmul_with_flatten %h, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  return %f : tensor<1x2xf32>
}
