//===- PdOps.td - Paddle dialect ops -----------------------*- tablegen -*-===//
//
// Hand-written `pd` ops. The ops that mirror Paddle operators one to one are
// generated into PdOps.gen.td from dialects/pd/spec.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_PD_PDOPS_TD
#define OAR_DIALECTS_PD_PDOPS_TD

include "dialects/pd/PdBase.td"
include "dialects/pd/PdOps.gen.td"
include "dialects/pd/PdControlFlow.td"
include "dialects/pd/PdQuant.td"

def Pd_ParameterOp : Pd_Op<"parameter", [Pure]> {
  let summary = "A Paddle parameter whose value is not known";
  let description = [{
    Stands for the persistable variable `name` of a program imported without
    its parameters file (`--paddle-no-params`). Programs imported with their
    parameters use `arith.constant dense_resource<name>` instead.

    ```mlir
    %w = pd.parameter "conv2d_0.w_0" : tensor<8x3x3x3xf32>
    ```
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs Pd_Tensor:$out);
  let assemblyFormat = "$name attr-dict `:` type($out)";
  let hasVerifier = 1;
}

#endif // OAR_DIALECTS_PD_PDOPS_TD
