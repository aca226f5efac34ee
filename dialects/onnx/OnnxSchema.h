//===- OnnxSchema.h - ONNX operator versions --------------------*- C++ -*-===//
//
// What each version of each ONNX operator accepts, generated from the ONNX
// schemas (OnnxSchemas.inc), and the check of an `onnx` op against an opset.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_ONNX_ONNXSCHEMA_H
#define OAR_DIALECTS_ONNX_ONNXSCHEMA_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::oar::onnx {

/// The opsets Oar reads and writes.
constexpr int64_t kMinOpset = 7;
constexpr int64_t kMaxOpset = 21;

/// Module attribute holding the opset the `onnx` ops are read as.
constexpr llvm::StringLiteral kOpsetAttrName = "onnx.opset";

/// One version of an operator. `maxInputs`/`maxOutputs` are -1 when the
/// last formal is variadic. `attrs` is "name:Kind[!] ..." ('!': required).
struct OpVersion {
  const char *opType;
  int64_t sinceVersion;
  int minInputs, maxInputs, minOutputs, maxOutputs;
  const char *attrs;
};

/// How many operands and results the `onnx.<opType>` op has (the union of
/// its versions; -1 where the last one is variadic). Absent optional inputs
/// and outputs still count: they are `none` values.
struct OpArity {
  const char *opType;
  int numOperands, numResults;
};
const OpArity *lookupOpArity(llvm::StringRef opType);

/// The version of `opType` in effect at `opset`, or null if the operator
/// does not exist (yet, or any more) at that opset.
const OpVersion *lookupOpVersion(llvm::StringRef opType, int64_t opset);

/// The lowest opset in [kMinOpset, kMaxOpset] at which `opType` exists.
std::optional<int64_t> firstOpsetOf(llvm::StringRef opType);

/// Whether `version` has an attribute `name`; sets `required` if so.
bool versionHasAttr(const OpVersion &version, llvm::StringRef name,
                    bool *required = nullptr);

/// The ONNX IR version that goes with `opset` (as the ONNX release that
/// introduced the opset wrote it).
int64_t irVersionForOpset(int64_t opset);

/// Checks that `op`, an `onnx` dialect op, is valid at `opset`: the
/// operator exists, its attributes and its given inputs and outputs are
/// those of the version in effect. Emits an error on `op` otherwise.
LogicalResult verifyOpAtOpset(Operation *op, int64_t opset);

/// The opset recorded on `module` (kOpsetAttrName), if any.
std::optional<int64_t> getModuleOpset(Operation *module);

} // namespace mlir::oar::onnx

#endif // OAR_DIALECTS_ONNX_ONNXSCHEMA_H
