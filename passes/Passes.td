//===- Passes.td - Oar's passes ----------------------------*- tablegen -*-===//

#ifndef OAR_PASSES_PASSES_TD
#define OAR_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertPdToOnnx : Pass<"convert-pd-to-onnx", "::mlir::ModuleOp"> {
  let summary = "Lower `pd` ops to the `onnx` dialect at a target opset";
  let description = [{
    Rewrites every `pd` op, and the `arith.constant` parameters, into `onnx`
    ops valid at the target opset, and records the opset on the module
    (`onnx.opset`). With `opset=0` the pass picks the lowest opset, at least
    11, at which every op converts.

    Ops that cannot be converted are reported all at once, grouped by op
    name with a count, the first place each occurs, and the reason (no
    conversion yet, an attribute value not supported, or an opset too low:
    "needs opset 14").
  }];
  let options = [
    Option<"opset", "opset", "int64_t", /*default=*/"0",
           "Target ONNX opset (7 to 21); 0 picks the lowest that works, "
           "at least 11">,
  ];
  let dependentDialects = ["::mlir::oar::onnx::OnnxDialect"];
}

def OnnxCheckOpset : Pass<"onnx-check-opset", "::mlir::ModuleOp"> {
  let summary = "Check every `onnx` op against the module's opset";
  let description = [{
    Fails, naming the op, when an op does not exist at the module's opset
    (`onnx.opset`) or uses an input or attribute that the version in effect
    lacks.
  }];
}

def OnnxFoldConstants : Pass<"onnx-fold-constants", "::mlir::func::FuncOp"> {
  let summary = "Fold shape computations on constants";
  let description = [{
    Evaluates Shape of static shapes and the integer ops that shape
    computations are made of (Gather, Concat, Slice, Unsqueeze, Squeeze,
    Cast, Add, Sub, Mul, Div, Reshape, Range, ConstantOfShape, ...) when their
    inputs are constants, and replaces them with `onnx.Constant`.
  }];
}

def OnnxEliminateRedundant : Pass<"onnx-eliminate-redundant",
                                  "::mlir::func::FuncOp"> {
  let summary = "Remove Identity, no-op Cast and Transpose, and merge "
                "Transpose pairs";
}

def OnnxFuseBatchNormIntoConv : Pass<"onnx-fuse-bn-into-conv",
                                     "::mlir::func::FuncOp"> {
  let summary = "Fold an inference BatchNormalization into the Conv "
                "before it";
}

def OnnxFuseGemm : Pass<"onnx-fuse-gemm", "::mlir::func::FuncOp"> {
  let summary = "Rewrite MatMul + Add into Gemm where Gemm's semantics match";
}

#endif // OAR_PASSES_PASSES_TD
