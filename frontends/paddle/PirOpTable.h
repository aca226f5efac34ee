//===- PirOpTable.h - PIR pd_op ops and their legacy slots -------*- C++ -*-===//
//
// For each PIR op (`pd_op.<name>`) Oar imports: the legacy op type whose
// `pd` op it becomes, and for each PIR operand, result and attribute the
// legacy slot or attribute it is. Generated (PirOpTable.inc) by
// scripts/gen_pir_op_table.py from Paddle's PIR op definitions.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_FRONTENDS_PADDLE_PIROPTABLE_H
#define OAR_FRONTENDS_PADDLE_PIROPTABLE_H

#include "llvm/ADT/StringRef.h"

namespace mlir::oar::paddle {

struct PirOperandSpec {
  /// The PIR operand name (ops.yaml).
  const char *name;
  /// The legacy input slot that receives the value; null when none (a
  /// PIR-only operand inference does not read, e.g. rnn's
  /// dropout_state_in: not imported).
  const char *slot;
  /// For a mutable attribute (a shape, axis or scale passed as a value):
  /// the legacy attribute that receives it when it is a constant; null for
  /// plain inputs.
  const char *attr;
};

struct PirResultSpec {
  const char *name;
  /// The legacy output slot; null when the legacy op has none.
  const char *slot;
};

struct PirAttrSpec {
  const char *name;
  /// The legacy attribute; null when there is none (PIR-only attributes
  /// such as `place`), and the value is then not imported.
  const char *legacy;
};

struct PirOpSpec {
  /// The PIR op name without the `pd_op.` prefix.
  const char *name;
  const char *legacyType;
  const PirOperandSpec *operands;
  unsigned numOperands;
  const PirResultSpec *results;
  unsigned numResults;
  const PirAttrSpec *attrs;
  unsigned numAttrs;
  /// A legacy boolean attribute the PIR op implies (`pd_op.tril` is
  /// `tril_triu` with lower = true); null when none.
  const char *fixedBoolAttr;
  bool fixedBoolValue;
};

/// The spec of PIR op `name` (without `pd_op.`), or null.
const PirOpSpec *lookupPirOp(llvm::StringRef name);

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_PIROPTABLE_H
