//===- OpTable.h - Legacy Paddle op types and their pd ops -------*- C++ -*-===//
//
// For each legacy (ProgramDesc) op type the importer knows: the `pd` op it
// becomes, the input and output slots in operand order, and the attributes.
// The table is generated (LegacyOpTable.inc) by scripts/gen_pd_ops.py.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_FRONTENDS_PADDLE_OPTABLE_H
#define OAR_FRONTENDS_PADDLE_OPTABLE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace mlir::oar::paddle {

enum class SlotKind : uint8_t {
  Required, ///< exactly one variable
  Optional, ///< zero or one
  Variadic, ///< any number
  Dropped,  ///< not imported; a program that sets it is rejected
  Ignored,  ///< not imported; only steers Paddle's kernels (extra)
};

enum class AttrKind : uint8_t {
  I64,
  F32,
  F64,
  Str,
  Bool,
  I64Array,
  F32Array,
  F64Array,
  BoolArray,
  StrArray,
  DType, ///< a Paddle VarType dtype number, imported as a TypeAttr
};

struct SlotSpec {
  const char *paddle;
  SlotKind kind;
};

struct AttrSpec {
  const char *paddle;
  const char *mlir;
  AttrKind kind;
  /// For DType: Paddle's default dtype number, filled in when the file omits
  /// the attribute; -1 when there is none.
  int defaultDType;
};

struct LegacyOpSpec {
  const char *legacyType;
  const char *pdName;
  const SlotSpec *inputs;
  unsigned numInputs;
  const SlotSpec *outputs;
  unsigned numOutputs;
  const AttrSpec *attrs;
  unsigned numAttrs;
  bool operandSegments;
  bool resultSegments;
};

/// The spec of a legacy op type, or null when Oar does not import it.
const LegacyOpSpec *lookupLegacyOp(llvm::StringRef type);

/// Whether `type` is a legacy control-flow or tensor-array op that the
/// importer translates itself, into pd.if, pd.while and the array ops
/// (docs/control-flow.md).
bool isLegacyControlFlowOp(llvm::StringRef type);

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_OPTABLE_H
