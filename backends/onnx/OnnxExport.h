//===- OnnxExport.h - Write an onnx-dialect module as ONNX -----*- C++ -*-===//
//
// The ONNX backend: a module whose func.func @main holds `onnx` ops (as
// convert-pd-to-onnx leaves it) becomes a ModelProto.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_BACKENDS_ONNX_ONNXEXPORT_H
#define OAR_BACKENDS_ONNX_ONNXEXPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::oar::onnx {

struct ExportOptions {
  /// Write initializers to an external data file: always when set, and
  /// whenever the model would exceed protobuf's 2 GB limit.
  bool externalData = false;
  /// Name of the external data file, beside the model; default
  /// "<model file name>.data".
  std::string externalFileName;
  /// Tensors smaller than this stay inside the model file.
  int64_t externalThreshold = 1024;
  /// A model file larger than this gets its initializers in external data
  /// (protobuf's 2 GB limit, less a margin; lowered by tests).
  uint64_t maxModelBytes = (uint64_t(2) << 30) - (uint64_t(64) << 20);
  /// Convert float32 tensors to float16, keeping in float32 what needs it.
  bool fp16 = false;
  /// Run the ONNX C++ checker on the result (opsets the linked checker
  /// knows).
  bool check = false;
  std::string producerName = "oar";
  std::string producerVersion;
};

/// What was written, for the user's summary.
struct ExportStats {
  int64_t nodes = 0; // main graph, subgraphs not counted
  int64_t initializers = 0;
  uint64_t modelBytes = 0;
  uint64_t externalBytes = 0; // 0 when no external data file was written
  std::string externalPath;
};

/// Writes `module` to `path`: first to a temporary file beside it, renamed
/// over `path` only when everything succeeded. Errors are emitted as
/// diagnostics on the module (or the op at fault).
LogicalResult exportOnnxModel(ModuleOp module, llvm::StringRef path,
                              const ExportOptions &options,
                              ExportStats *stats = nullptr);

/// Serializes `module` into `bytes` (no external data).
LogicalResult serializeOnnxModel(ModuleOp module, std::string &bytes,
                                 const ExportOptions &options);

} // namespace mlir::oar::onnx

#endif // OAR_BACKENDS_ONNX_ONNXEXPORT_H
