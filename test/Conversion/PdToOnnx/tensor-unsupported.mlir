// RUN: oar-opt %s -split-input-file -convert-pd-to-onnx=opset=11 -verify-diagnostics
//
// Tensor-family ops that do not convert at opset 11, and why.

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @concat_runtime_axis(%x: tensor<2x3xf32>, %a: tensor<1xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{cannot convert 'pd.concat' to ONNX at opset 11: axis given as a run-time tensor}}
  %0 = pd.concat [%x, %x] axis_tensor(%a) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @split_runtime_sections(%x: tensor<6xf32>, %s: tensor<1xi32>) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error @+1 {{cannot convert 'pd.split' to ONNX at opset 11: sections given as run-time tensors}}
  %0:2 = pd.split %x sections_tensor_list[%s, %s] : (tensor<6xf32>, tensor<1xi32>, tensor<1xi32>) -> (tensor<?xf32>, tensor<?xf32>)
  return %0#0, %0#1 : tensor<?xf32>, tensor<?xf32>
}
}

// -----

// Split's sizes become an input at opset 13; a -1 section on a dim of
// unknown size is computed at run time.
// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @split_inferred_dynamic(%x: tensor<?xf32>) -> (tensor<2xf32>, tensor<?xf32>) {
  // expected-error @+1 {{cannot convert 'pd.split' to ONNX at opset 11: needs opset 13 or later (the target opset is 11)}}
  %0:2 = pd.split %x {sections = array<i64: 2, -1>} : (tensor<?xf32>) -> (tensor<2xf32>, tensor<?xf32>)
  return %0#0, %0#1 : tensor<2xf32>, tensor<?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @unsqueeze_runtime_axis(%x: tensor<3xf32>, %a: tensor<1xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{cannot convert 'pd.unsqueeze' to ONNX at opset 11: needs opset 13 or later (the target opset is 11)}}
  %0 = pd.unsqueeze %x axes_tensor(%a) : (tensor<3xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @unsqueeze_runtime_axes(%x: tensor<3xf32>, %a: tensor<2xi64>) -> tensor<?x?x?xf32> {
  // expected-error @+1 {{cannot convert 'pd.unsqueeze' to ONNX at opset 11: several axes given as run-time tensors}}
  %0 = pd.unsqueeze %x axes_tensor(%a) : (tensor<3xf32>, tensor<2xi64>) -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @squeeze_unknown_dim(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{cannot convert 'pd.squeeze' to ONNX at opset 11: squeezes a dim of unknown size that may not be 1}}
  %0 = pd.squeeze %x {axes = array<i64: 0>} : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @strided_slice_runtime(%x: tensor<8xf32>, %s: tensor<1xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot convert 'pd.strided_slice' to ONNX at opset 11: run-time starts or ends with a stride that is not positive}}
  %0 = pd.strided_slice %x starts_tensor(%s) {axes = array<i64: 0>, ends = array<i64: 0>, strides = array<i64: -1>, infer_flags = array<i64: -1>} : (tensor<8xf32>, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @strided_slice_runtime_strides(%x: tensor<8xf32>, %s: tensor<1xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot convert 'pd.strided_slice' to ONNX at opset 11: strides given as run-time tensors}}
  %0 = pd.strided_slice %x strides_tensor(%s) {axes = array<i64: 0>, starts = array<i64: 0>, ends = array<i64: 8>} : (tensor<8xf32>, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @strided_slice_negative_end(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot convert 'pd.strided_slice' to ONNX at opset 11: a negative stride with an end below -1 on a dim of unknown size}}
  %0 = pd.strided_slice %x {axes = array<i64: 0>, starts = array<i64: -1>, ends = array<i64: -5>, strides = array<i64: -1>, infer_flags = array<i64: 1>} : (tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @repeat_interleave_runtime(%x: tensor<3xf32>, %r: tensor<3xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot convert 'pd.repeat_interleave' to ONNX at opset 11: repeats given as a run-time tensor}}
  %0 = pd.repeat_interleave %x repeats_tensor(%r) : (tensor<3xf32>, tensor<3xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
}

// -----

// Trilu exists from opset 14; before, only static matrix dims lower to a
// constant mask.
// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @tril_dynamic(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{cannot convert 'pd.tril_triu' to ONNX at opset 11: needs opset 14 or later (the target opset is 11)}}
  %0 = pd.tril_triu %x {lower = true} : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @pad3d_circular(%x: tensor<1x1x2x2x2xf32>) -> tensor<1x1x2x2x4xf32> {
  // expected-error @+1 {{cannot convert 'pd.pad3d' to ONNX at opset 11: needs opset 19 or later (the target opset is 11)}}
  %0 = pd.pad3d %x {paddings = array<i64: 1, 1, 0, 0, 0, 0>, mode = "circular"} : (tensor<1x1x2x2x2xf32>) -> tensor<1x1x2x2x4xf32>
  return %0 : tensor<1x1x2x2x4xf32>
}
}

// -----

// expected-error @+1 {{1 op of 1 type could not be converted to ONNX}}
module {
func.func @pad3d_mode(%x: tensor<1x1x2x2x2xf32>) -> tensor<1x1x2x2x4xf32> {
  // expected-error @+1 {{cannot convert 'pd.pad3d' to ONNX at opset 11: mode 'mirror' is not supported}}
  %0 = pd.pad3d %x {paddings = array<i64: 1, 1, 0, 0, 0, 0>, mode = "mirror"} : (tensor<1x1x2x2x2xf32>) -> tensor<1x1x2x2x4xf32>
  return %0 : tensor<1x1x2x2x4xf32>
}
}
