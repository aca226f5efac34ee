//===- OnnxOps.td - ONNX dialect ops -----------------------*- tablegen -*-===//
//
// Hand-written `onnx` ops. The operators themselves are generated into
// OnnxOps.gen.td by scripts/gen_onnx_ops.py.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_ONNX_ONNXOPS_TD
#define OAR_DIALECTS_ONNX_ONNXOPS_TD

include "dialects/onnx/OnnxBase.td"
include "dialects/onnx/OnnxOps.gen.td"

def Onnx_NoValueOp : Onnx_Op<"NoValue", [Pure, ConstantLike]> {
  let summary = "An absent optional input";
  let description = [{
    The value of an optional input that is not given. The writer emits an
    empty input name for it (or nothing, when no later input is given).

    ```mlir
    %none = onnx.NoValue
    %y = onnx.Clip(%x, %none, %max) : (tensor<4xf32>, none, tensor<f32>) -> tensor<4xf32>
    ```
  }];
  let results = (outs NoneType:$none);
  let assemblyFormat = "attr-dict";
  let hasFolder = 1;
  let builders = [OpBuilder<(ins), [{
    build($_builder, $_state, $_builder.getNoneType());
  }]>];
}

def Onnx_YieldOp : Onnx_Op<"Yield", [Pure, Terminator, ReturnLike]> {
  let summary = "The outputs of a subgraph (If branch, Loop body)";
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

#endif // OAR_DIALECTS_ONNX_ONNXOPS_TD
