//===- OnnxImport.h - Read an ONNX model into the onnx dialect -*- C++ -*-===//

#ifndef OAR_BACKENDS_ONNX_ONNXIMPORT_H
#define OAR_BACKENDS_ONNX_ONNXIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::oar::onnx {

/// Reads a ModelProto (`bytes`, from the file `fileName`) into a module with
/// func.func @main of `onnx` ops. Returns null after emitting an error.
OwningOpRef<ModuleOp> importOnnxModel(llvm::StringRef fileName,
                                      llvm::StringRef bytes,
                                      MLIRContext *context);

} // namespace mlir::oar::onnx

#endif // OAR_BACKENDS_ONNX_ONNXIMPORT_H
