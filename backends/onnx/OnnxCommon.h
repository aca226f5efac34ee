//===- OnnxCommon.h - Shared pieces of the ONNX writer and reader -*- C++
//-*-===//

#ifndef OAR_BACKENDS_ONNX_ONNXCOMMON_H
#define OAR_BACKENDS_ONNX_ONNXCOMMON_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <string>

namespace mlir::oar::onnx {

/// ONNX's TensorProto.DataType for an element type; 0 if it has none.
int getOnnxDataType(Type elementType);
/// The element type of an ONNX data type; null if Oar does not model it.
Type getTypeForOnnxDataType(MLIRContext *context, int dataType);
/// Bytes per element in MLIR's dense storage and ONNX raw_data (bool: 1);
/// 0 for 4-bit and string types.
size_t getStorageBytes(Type elementType);

/// The highest default-domain opset the linked ONNX library knows.
int checkerMaxOpset();
/// Runs onnx::checker::check_model; false with `error` set on failure.
bool checkModel(const ::onnx::ModelProto &model, llvm::StringRef modelDir,
                std::string &error);
/// Runs ONNX shape inference over `model` (value_info); false with `error`
/// set on failure.
bool inferShapes(::onnx::ModelProto &model, std::string &error);

/// Rewrites float32 to float16 in `module`, keeping float32 where it is
/// needed (see docs/onnx-backend.md).
LogicalResult convertToFloat16(ModuleOp module);

} // namespace mlir::oar::onnx

#endif // OAR_BACKENDS_ONNX_ONNXCOMMON_H
