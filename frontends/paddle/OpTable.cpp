//===- OpTable.cpp - Legacy Paddle op types and their pd ops --------------===//

#include "frontends/paddle/OpTable.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace mlir::oar::paddle {
namespace {
#include "frontends/paddle/LegacyOpTable.inc"
} // namespace

const LegacyOpSpec *lookupLegacyOp(llvm::StringRef type) {
  // The generated rows are sorted by legacy type.
  const LegacyOpSpec *begin = std::begin(kLegacyOpSpecs);
  const LegacyOpSpec *end = std::end(kLegacyOpSpecs);
  const LegacyOpSpec *it =
      std::lower_bound(begin, end, type, [](const LegacyOpSpec &s,
                                            llvm::StringRef t) {
        return llvm::StringRef(s.legacyType) < t;
      });
  if (it == end || llvm::StringRef(it->legacyType) != type)
    return nullptr;
  return it;
}

bool isLegacyControlFlowOp(llvm::StringRef type) {
  return llvm::is_contained(
      {"conditional_block", "conditional_block_infer", "while",
       "select_input", "write_to_array", "read_from_array",
       "lod_array_length", "array_length", "tensor_array_to_tensor",
       "increment"},
      type);
}

} // namespace mlir::oar::paddle
