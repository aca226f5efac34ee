//===- PdControlFlow.td - Paddle control flow and tensor arrays -*- tablegen -*-===//
//
// Structured control flow (`pd.if`, `pd.while`, `pd.yield`) and Paddle's
// tensor arrays (LoDTensorArray) in functional SSA form. Paddle's legacy
// `conditional_block`, `select_input`, `while` and the in-place array ops are
// turned into these by the importer (docs/control-flow.md).
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_PD_PDCONTROLFLOW_TD
#define OAR_DIALECTS_PD_PDCONTROLFLOW_TD

include "dialects/pd/PdBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/LoopLikeInterface.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def Pd_TensorArray : TypeDef<Pd_Dialect, "TensorArray"> {
  let mnemonic = "tensor_array";
  let summary = "Paddle's LoDTensorArray: a growable list of tensors";
  let description = [{
    A list of tensors of one element type, as Paddle's `LOD_TENSOR_ARRAY`
    variables hold. The element type `E` is a tensor type, ranked (possibly
    with `?` dims) or unranked; every tensor of the array is compatible with it.

    ```mlir
    !pd.tensor_array<tensor<?x4xf32>>
    ```
  }];
  let parameters = (ins "::mlir::TensorType":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
  let genVerifyDecl = 1;
}

/// Any tensor of a Paddle element type, ranked or not.
def Pd_AnyTensor : TensorOf<[Pd_ElementType]>;

/// What flows through control flow: tensors and tensor arrays.
def Pd_CFValue : AnyTypeOf<[Pd_AnyTensor, Pd_TensorArray],
                           "tensor or tensor array">;

/// A boolean condition: an i1 tensor with exactly one element.
def Pd_Condition : TensorOf<[I1]>;

/// An array index: an i32 or i64 tensor with exactly one element.
def Pd_Index : TensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Structured control flow
//===----------------------------------------------------------------------===//

def Pd_YieldOp : Pd_Op<"yield", [
    Pure, Terminator, ParentOneOf<["IfOp", "WhileOp"]>,
    DeclareOpInterfaceMethods<RegionBranchTerminatorOpInterface>]> {
  let summary = "Terminator of `pd.if` and `pd.while` regions";
  let description = [{
    Ends a region of `pd.if` (the branch's results) or `pd.while` (the next
    condition, then the next loop-carried values).

    ```mlir
    pd.yield %a, %b : tensor<2xf32>, tensor<i64>
    ```
  }];
  let arguments = (ins Variadic<Pd_CFValue>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` qualified(type($values)))?";
}

def Pd_IfOp : Pd_Op<"if", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
                              ["getEntrySuccessorRegions"]>,
    RecursiveMemoryEffects, RecursivelySpeculatable, NoRegionArguments]> {
  let summary = "Two-way conditional with results";
  let description = [{
    Runs the `then` region when `cond` (an i1 tensor of exactly one element,
    0-D or of shape `[1]`, `[1, 1]`, ...) is true, the `else` region
    otherwise, and returns what the region taken yields. Both regions have one
    block without arguments, ending in `pd.yield` whose operand types equal
    the op's result types. Regions may use values defined above (implicit
    capture, as `scf.if`). Results are tensors or tensor arrays.

    Imported from Paddle's `conditional_block` pairs and their
    `select_input`s: one `pd.if` carries all the outputs of a branch pair.
    Canonicalization inlines the branch taken when `cond` is a constant.

    ```mlir
    %r:2 = pd.if %c : tensor<1xi1> -> (tensor<f32>, tensor<2xi64>) {
      pd.yield %a, %b : tensor<f32>, tensor<2xi64>
    } else {
      pd.yield %x, %y : tensor<f32>, tensor<2xi64>
    }
    ```
  }];
  let arguments = (ins Pd_Condition:$cond);
  let results = (outs Variadic<Pd_CFValue>:$results);
  let regions = (region SizedRegion<1>:$thenRegion,
                        SizedRegion<1>:$elseRegion);
  let assemblyFormat = [{
    $cond `:` type($cond) (`->` `(` qualified(type($results))^ `)`)?
    $thenRegion `else` $elseRegion attr-dict
  }];
  let extraClassDeclaration = [{
    ::mlir::Block &getThenBlock() { return getThenRegion().front(); }
    ::mlir::Block &getElseBlock() { return getElseRegion().front(); }
    YieldOp getThenYield();
    YieldOp getElseYield();
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Pd_WhileOp : Pd_Op<"while", [
    DeclareOpInterfaceMethods<RegionBranchOpInterface,
        ["getEntrySuccessorOperands", "getEntrySuccessorRegions",
         "areTypesCompatible"]>,
    DeclareOpInterfaceMethods<LoopLikeOpInterface>,
    RecursiveMemoryEffects]> {
  let summary = "Loop with loop-carried values and a recomputed condition";
  let description = [{
    `vals = inits; while (cond) { cond, vals = body(vals) }`.

    Operand 0 is the initial condition (an i1 tensor of exactly one element),
    the others the initial loop-carried values. The single region has one
    block whose arguments are the loop-carried values (not the condition); it
    ends in `pd.yield %next_cond, %next_vals...`. The results are the
    loop-carried values after the last iteration. Result types, block
    argument types and the types of the yielded values (after the condition)
    are equal; they may be more dynamic than the init types (`?` where the
    shape changes between iterations), the init types need only be
    cast-compatible with them. The body may use values defined above
    (implicit capture); upstream `loop-invariant-code-motion` hoists
    invariant ops out of it. A constant false initial condition folds the
    loop to its inits when their types equal the result types.

    C++ accessors: `getCond()`, `getInitValues()` (the loop-carried inits;
    not `getInits`, which LoopLikeOpInterface reserves for inits that have
    exactly the block argument types), `getBodyBlock()`, `getBodyArgs()`,
    `getYield()`.

    Imported from Paddle's `while` op; the loop-carried set is computed from
    the body's reads and writes.

    ```mlir
    %r:2 = pd.while (%c, %i, %acc) : (tensor<1xi1>, tensor<1xi64>, tensor<2xf32>)
        -> (tensor<1xi64>, tensor<?xf32>) {
    ^bb0(%i0: tensor<1xi64>, %acc0: tensor<?xf32>):
      ...
      pd.yield %c1, %i1, %acc1 : tensor<1xi1>, tensor<1xi64>, tensor<?xf32>
    }
    ```
  }];
  let arguments = (ins Pd_Condition:$cond, Variadic<Pd_CFValue>:$initValues);
  let results = (outs Variadic<Pd_CFValue>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    ` ` `(` $cond (`,` $initValues^)? `)` `:` functional-type(operands, results)
    $body attr-dict
  }];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// The yield ending the body: next condition, then loop-carried values.
    YieldOp getYield();
    /// The loop-carried block arguments of the body.
    ::mlir::Block::BlockArgListType getBodyArgs() {
      return getBodyBlock().getArguments();
    }

  private:
    ::llvm::LogicalResult verifyBody();

  public:
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Tensor arrays
//===----------------------------------------------------------------------===//

def Pd_CreateArrayOp : Pd_Op<"create_array", [Pure]> {
  let summary = "An empty tensor array";
  let description = [{
    ```mlir
    %a = pd.create_array : !pd.tensor_array<tensor<?x4xf32>>
    ```
  }];
  let results = (outs Pd_TensorArray:$out);
  let assemblyFormat = "attr-dict `:` qualified(type($out))";
}

def Pd_ArrayWriteOp : Pd_Op<"array_write", [Pure]> {
  let summary = "The array with `x` written at index `i`";
  let description = [{
    Paddle's `write_to_array`, functional: returns `array` with `x` at `i`
    (a one-element i32 or i64 tensor). `i == length` appends, `i < length`
    overwrites. Paddle grows the array with empty tensors when
    `i > length`; Oar's lowering supports only `i <= length`
    (docs/control-flow.md). The result type is the array type.

    ```mlir
    %b = pd.array_write %a, %x, %i : (!pd.tensor_array<tensor<?xf32>>,
        tensor<3xf32>, tensor<1xi64>) -> !pd.tensor_array<tensor<?xf32>>
    ```
  }];
  let arguments = (ins Pd_TensorArray:$array, Pd_AnyTensor:$x, Pd_Index:$i);
  let results = (outs Pd_TensorArray:$out);
  let assemblyFormat = [{
    $array `,` $x `,` $i attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Pd_ArrayReadOp : Pd_Op<"array_read", [Pure]> {
  let summary = "The tensor at index `i` of an array";
  let description = [{
    Paddle's `read_from_array`. The result is compatible with the array's
    element type.

    ```mlir
    %x = pd.array_read %a, %i : (!pd.tensor_array<tensor<?xf32>>,
        tensor<1xi64>) -> tensor<?xf32>
    ```
  }];
  let arguments = (ins Pd_TensorArray:$array, Pd_Index:$i);
  let results = (outs Pd_AnyTensor:$out);
  let assemblyFormat = [{
    $array `,` $i attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Pd_ArrayLengthOp : Pd_Op<"array_length", [Pure]> {
  let summary = "The number of tensors in an array";
  let description = [{
    Paddle's `lod_array_length` (legacy) and `array_length` (PIR).

    ```mlir
    %n = pd.array_length %a : (!pd.tensor_array<tensor<?xf32>>) -> tensor<1xi64>
    ```
  }];
  let arguments = (ins Pd_TensorArray:$array);
  let results = (outs TensorOf<[I64]>:$out);
  let assemblyFormat = "$array attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Pd_ArrayToTensorOp : Pd_Op<"array_to_tensor", [Pure]> {
  let summary = "Concatenates or stacks the tensors of an array";
  let description = [{
    Paddle's `tensor_array_to_tensor`: the tensors of `array` concatenated
    along `axis`, or stacked on a new axis `axis` when `use_stack`;
    `out_index` holds each tensor's size along `axis` (1 each when stacking).

    ```mlir
    %t, %idx = pd.array_to_tensor %a {axis = 0 : i32, use_stack = true}
        : (!pd.tensor_array<tensor<3xf32>>) -> (tensor<?x3xf32>, tensor<?xi32>)
    ```
  }];
  let arguments = (ins Pd_TensorArray:$array,
                       DefaultValuedAttr<I32Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "false">:$use_stack);
  let results = (outs Pd_Tensor:$out, TensorOf<[I32]>:$out_index);
  let assemblyFormat = "$array attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Pd_IncrementOp : Pd_Op<"increment", [Pure, SameOperandsAndResultType]> {
  let summary = "Adds a constant step to a one-element tensor";
  let description = [{
    Paddle's `increment`: `out = x + step`, typically a loop counter.

    ```mlir
    %j = pd.increment %i {step = 1.0 : f32} : tensor<1xi64>
    ```
  }];
  let arguments = (ins Pd_Tensor:$x,
                       DefaultValuedAttr<F32Attr, "1.0">:$step);
  let results = (outs Pd_Tensor:$out);
  let assemblyFormat = "$x attr-dict `:` type($out)";
}

#endif // OAR_DIALECTS_PD_PDCONTROLFLOW_TD
