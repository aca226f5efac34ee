//===- OnnxExport.cpp - Write an onnx-dialect module as ONNX --------------===//

#include "backends/onnx/OnnxExport.h"

using namespace mlir;

LogicalResult mlir::oar::onnx::exportOnnxModel(ModuleOp module,
                                               llvm::StringRef,
                                               const ExportOptions &) {
  return module.emitError("the ONNX writer is not implemented yet");
}

LogicalResult mlir::oar::onnx::serializeOnnxModel(ModuleOp module,
                                                  std::string &,
                                                  const ExportOptions &) {
  return module.emitError("the ONNX writer is not implemented yet");
}
