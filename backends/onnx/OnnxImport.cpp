//===- OnnxImport.cpp - Read an ONNX model into the onnx dialect ----------===//

#include "backends/onnx/OnnxImport.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;

OwningOpRef<ModuleOp> mlir::oar::onnx::importOnnxModel(llvm::StringRef,
                                                       llvm::StringRef,
                                                       MLIRContext *context) {
  emitError(UnknownLoc::get(context), "the ONNX reader is not implemented yet");
  return nullptr;
}
