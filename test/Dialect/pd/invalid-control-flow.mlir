// RUN: oar-opt %s -split-input-file -verify-diagnostics
//
// Diagnostics of pd.if, pd.while, pd.yield and the tensor-array ops.

func.func @if_cond_many(%c: tensor<2xi1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'pd.if' op condition must have exactly one element, got 'tensor<2xi1>'}}
  %r = pd.if %c : tensor<2xi1> -> (tensor<f32>) {
    pd.yield %a : tensor<f32>
  } else {
    pd.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_cond_not_bool(%c: tensor<1xi32>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'pd.if' op operand #0 must be tensor of 1-bit signless integer values}}
  %r = pd.if %c : tensor<1xi32> -> (tensor<f32>) {
    pd.yield %a : tensor<f32>
  } else {
    pd.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_yield_type(%c: tensor<1xi1>, %a: tensor<f32>, %b: tensor<2xf32>) -> tensor<f32> {
  // expected-error @+1 {{'pd.if' op else region yields 'tensor<2xf32>' as value #0, expected 'tensor<f32>'}}
  %r = pd.if %c : tensor<1xi1> -> (tensor<f32>) {
    pd.yield %a : tensor<f32>
  } else {
    pd.yield %b : tensor<2xf32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_yield_count(%c: tensor<1xi1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'pd.if' op then region yields 2 values, expected 1}}
  %r = pd.if %c : tensor<1xi1> -> (tensor<f32>) {
    pd.yield %a, %a : tensor<f32>, tensor<f32>
  } else {
    pd.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @if_region_args(%c: tensor<1xi1>, %a: tensor<f32>) {
  // expected-error @+1 {{'pd.if' op region #0 should have no arguments}}
  "pd.if"(%c) ({
  ^bb0(%x: tensor<f32>):
    pd.yield
  }, {
    pd.yield
  }) : (tensor<1xi1>) -> ()
  return
}

// -----

func.func @yield_outside(%a: tensor<f32>) {
  // expected-error @+1 {{'pd.yield' op expects parent op to be one of 'pd.if, pd.while'}}
  pd.yield %a : tensor<f32>
}

// -----

func.func @while_init_incompatible(%c: tensor<1xi1>, %a: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'pd.while' op loop-carried init #0 of type 'tensor<2xf32>' is not compatible with result type 'tensor<3xf32>'}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<3xf32> {
  ^bb0(%x: tensor<3xf32>):
    pd.yield %c, %x : tensor<1xi1>, tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// -----

func.func @while_init_elem(%c: tensor<1xi1>, %a: tensor<2xf32>) -> tensor<?xi32> {
  // expected-error @+1 {{'pd.while' op loop-carried init #0 of type 'tensor<2xf32>' is not compatible with result type 'tensor<?xi32>'}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<?xi32> {
  ^bb0(%x: tensor<?xi32>):
    pd.yield %c, %x : tensor<1xi1>, tensor<?xi32>
  }
  return %r : tensor<?xi32>
}

// -----

func.func @while_arg_count(%c: tensor<1xi1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.while' op body has 0 arguments, expected one per loop-carried value (1)}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
    pd.yield %c, %a : tensor<1xi1>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @while_arg_type(%c: tensor<1xi1>, %a: tensor<2xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'pd.while' op body argument #0 has type 'tensor<2xf32>', expected the result type 'tensor<?xf32>'}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<?xf32> {
  ^bb0(%x: tensor<2xf32>):
    pd.yield %c, %x : tensor<1xi1>, tensor<2xf32>
  }
  return %r : tensor<?xf32>
}

// -----

func.func @while_yield_type(%c: tensor<1xi1>, %a: tensor<2xf32>, %b: tensor<?xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'pd.while' op body yields 'tensor<?xf32>' as value #1, expected 'tensor<2xf32>'}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<2xf32>) -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    pd.yield %c, %b : tensor<1xi1>, tensor<?xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @while_yield_no_cond(%c: tensor<1xi1>) {
  // expected-error @+1 {{'pd.while' op body yields 0 values, expected 1}}
  pd.while (%c) : (tensor<1xi1>) -> () {
    pd.yield
  }
  return
}

// -----

func.func @while_next_cond_type(%c: tensor<1xi1>, %a: tensor<1xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{'pd.while' op body yields 3 values, expected 2}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<1xf32>) -> tensor<1xf32> {
  ^bb0(%x: tensor<1xf32>):
    pd.yield %x, %x, %x : tensor<1xf32>, tensor<1xf32>, tensor<1xf32>
  }
  return %r : tensor<1xf32>
}

// -----

func.func @while_next_cond_not_bool(%c: tensor<1xi1>, %a: tensor<1xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{'pd.while' op body must yield an i1 tensor as the next condition, got 'tensor<1xf32>'}}
  %r = pd.while (%c, %a) : (tensor<1xi1>, tensor<1xf32>) -> tensor<1xf32> {
  ^bb0(%x: tensor<1xf32>):
    pd.yield %x, %x : tensor<1xf32>, tensor<1xf32>
  }
  return %r : tensor<1xf32>
}

// -----

func.func @while_next_cond_many(%c: tensor<1xi1>, %d: tensor<3xi1>) {
  // expected-error @+1 {{'pd.while' op next condition must have exactly one element, got 'tensor<3xi1>'}}
  pd.while (%c) : (tensor<1xi1>) -> () {
    pd.yield %d : tensor<3xi1>
  }
  return
}

// -----

func.func @array_write_elem(%a: !pd.tensor_array<tensor<?x3xf32>>, %x: tensor<2x4xf32>, %i: tensor<1xi64>) {
  // expected-error @+1 {{'pd.array_write' op written type 'tensor<2x4xf32>' is not compatible with the array's element type 'tensor<?x3xf32>'}}
  %b = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x4xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<?x3xf32>>
  return
}

// -----

func.func @array_write_result(%a: !pd.tensor_array<tensor<?x3xf32>>, %x: tensor<2x3xf32>, %i: tensor<1xi64>) {
  // expected-error @+1 {{'pd.array_write' op result type '!pd.tensor_array<tensor<2x3xf32>>' differs from the array type '!pd.tensor_array<tensor<?x3xf32>>'}}
  %b = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<2x3xf32>>
  return
}

// -----

func.func @array_write_index(%a: !pd.tensor_array<tensor<?x3xf32>>, %x: tensor<2x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'pd.array_write' op index must have exactly one element, got 'tensor<2xi64>'}}
  %b = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<2xi64>) -> !pd.tensor_array<tensor<?x3xf32>>
  return
}

// -----

func.func @array_write_index_type(%a: !pd.tensor_array<tensor<?x3xf32>>, %x: tensor<2x3xf32>, %i: tensor<1xf32>) {
  // expected-error @+1 {{'pd.array_write' op operand #2 must be tensor of 32-bit signless integer or 64-bit signless integer values}}
  %b = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<2x3xf32>, tensor<1xf32>) -> !pd.tensor_array<tensor<?x3xf32>>
  return
}

// -----

func.func @array_read_elem(%a: !pd.tensor_array<tensor<?x3xf32>>, %i: tensor<1xi64>) {
  // expected-error @+1 {{'pd.array_read' op read type 'tensor<?x3xi64>' is not compatible with the array's element type 'tensor<?x3xf32>'}}
  %x = pd.array_read %a, %i : (!pd.tensor_array<tensor<?x3xf32>>, tensor<1xi64>) -> tensor<?x3xi64>
  return
}

// -----

func.func @array_length_type(%a: !pd.tensor_array<tensor<?x3xf32>>) {
  // expected-error @+1 {{'pd.array_length' op result must be tensor<1xi64>, got 'tensor<2xi64>'}}
  %n = pd.array_length %a : (!pd.tensor_array<tensor<?x3xf32>>) -> tensor<2xi64>
  return
}

// -----

func.func @array_to_tensor_rank(%a: !pd.tensor_array<tensor<?x3xf32>>) {
  // expected-error @+1 {{'pd.array_to_tensor' op result rank 2 should be 3 for elements of rank 2 stacked}}
  %t, %i = pd.array_to_tensor %a {use_stack = true} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x3xf32>, tensor<?xi32>)
  return
}

// -----

func.func @array_to_tensor_axis(%a: !pd.tensor_array<tensor<?x3xf32>>) {
  // expected-error @+1 {{'pd.array_to_tensor' op axis 2 is out of range for rank 2}}
  %t, %i = pd.array_to_tensor %a {axis = 2 : i32} : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x?xf32>, tensor<?xi32>)
  return
}

// -----

func.func @array_to_tensor_elem(%a: !pd.tensor_array<tensor<?x3xf32>>) {
  // expected-error @+1 {{'pd.array_to_tensor' op result element type 'i32' differs from the array's 'f32'}}
  %t, %i = pd.array_to_tensor %a : (!pd.tensor_array<tensor<?x3xf32>>) -> (tensor<?x?xi32>, tensor<?xi32>)
  return
}

// -----

// expected-error @below {{invalid kind of type specified}}
// expected-error @below {{failed to parse Pd_TensorArray parameter 'elementType'}}
func.func @array_of_non_tensor(%a: !pd.tensor_array<f32>) {
  return
}
