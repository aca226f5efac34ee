//===- PirOpTable.cpp - PIR pd_op ops and their legacy slots --------------===//

#include "frontends/paddle/PirOpTable.h"

#include <algorithm>
#include <iterator>

namespace mlir::oar::paddle {
namespace {
#include "frontends/paddle/PirOpTable.inc"
} // namespace

const PirOpSpec *lookupPirOp(llvm::StringRef name) {
  // The generated rows are sorted by name.
  const PirOpSpec *begin = std::begin(kPirOpSpecs);
  const PirOpSpec *end = std::end(kPirOpSpecs);
  const PirOpSpec *it = std::lower_bound(
      begin, end, name, [](const PirOpSpec &s, llvm::StringRef n) {
        return llvm::StringRef(s.name) < n;
      });
  if (it == end || llvm::StringRef(it->name) != name)
    return nullptr;
  return it;
}

} // namespace mlir::oar::paddle
