// RUN: oar-opt %s -split-input-file -pd-quantize-activations=use-thresholds | FileCheck %s
// RUN: printf 'h 2.54\n' > %t.table
// RUN: oar-opt %s -split-input-file -pd-quantize-activations="use-thresholds table=%t.table" | FileCheck %s --check-prefix=TABLE
//
// Ranges from the ops themselves: `pd.thresholds` (Paddle's out_threshold /
// <Slot><i>_threshold attributes, one entry per result, unit for none).
// A table's entry wins over the program's.

// CHECK-LABEL: func.func @threshold
// CHECK: %[[H:.*]] = pd.flatten
// CHECK: pd.uniform_quantize %[[H]] : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 0.0099999998{{[0-9]*}}>>
// CHECK: pd.matmul_with_flatten
// TABLE-LABEL: func.func @threshold
// TABLE: pd.uniform_quantize %{{.*}} : tensor<1x4xf32> -> tensor<1x4x!quant.uniform<i8:f32, 2.000000e-02>>
func.func @threshold(%x: tensor<1x1x2x2xf32> {pd.name = "x"}) -> tensor<1x2xf32> {
  %h = pd.flatten %x {start_axis = 1 : i64, stop_axis = 3 : i64, pd.thresholds = [1.27 : f32]} : (tensor<1x1x2x2xf32>) -> tensor<1x4xf32> loc("h")
  %fw = arith.constant dense<1.0> : tensor<4x2xf32>
  %f = pd.matmul_with_flatten %h, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  return %f : tensor<1x2xf32>
}

// -----

// No range: a unit entry, a non-positive one, an unnamed value, the feed.
// CHECK-LABEL: func.func @no_threshold
// CHECK-NOT: pd.uniform_quantize
// TABLE-LABEL: func.func @no_threshold
func.func @no_threshold(%x: tensor<1x4xf32> {pd.name = "x"}) -> (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) {
  %a = pd.relu %x {pd.thresholds = [unit]} : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("a")
  %b = pd.relu %x {pd.thresholds = [-1.0 : f32]} : (tensor<1x4xf32>) -> tensor<1x4xf32> loc("b")
  %c = pd.relu %x {pd.thresholds = [1.0 : f32]} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %fw = arith.constant dense<1.0> : tensor<4x2xf32>
  %fa = pd.matmul_with_flatten %a, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  %fb = pd.matmul_with_flatten %b, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  %fc = pd.matmul_with_flatten %c, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  %fx = pd.matmul_with_flatten %x, %fw : (tensor<1x4xf32>, tensor<4x2xf32>) -> tensor<1x2xf32>
  return %fa, %fb, %fc, %fx : tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>
}
