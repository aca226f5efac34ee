//===- OnnxSchema.cpp - ONNX operator versions ----------------------------===//

#include "dialects/onnx/OnnxSchema.h"
#include "dialects/onnx/OnnxDialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <iterator>

using namespace mlir;
using namespace mlir::oar::onnx;

static const OpVersion kVersions[] = {
#include "dialects/onnx/OnnxSchemas.inc"
};

static const OpArity kArities[] = {
#include "dialects/onnx/OnnxArity.inc"
};

const OpArity *mlir::oar::onnx::lookupOpArity(StringRef opType) {
  auto it = std::lower_bound(
      std::begin(kArities), std::end(kArities), opType,
      [](const OpArity &a, StringRef t) { return StringRef(a.opType) < t; });
  if (it == std::end(kArities) || StringRef(it->opType) != opType)
    return nullptr;
  return it;
}

/// The versions of `opType`, in order (kVersions is sorted by op, then
/// version).
static ArrayRef<OpVersion> versionsOf(StringRef opType) {
  auto lo = std::lower_bound(
      std::begin(kVersions), std::end(kVersions), opType,
      [](const OpVersion &v, StringRef t) { return StringRef(v.opType) < t; });
  auto hi = lo;
  while (hi != std::end(kVersions) && StringRef(hi->opType) == opType)
    ++hi;
  return ArrayRef<OpVersion>(lo, hi);
}

const OpVersion *mlir::oar::onnx::lookupOpVersion(StringRef opType,
                                                  int64_t opset) {
  const OpVersion *found = nullptr;
  for (const OpVersion &v : versionsOf(opType))
    if (v.sinceVersion <= opset)
      found = &v;
  return found;
}

std::optional<int64_t> mlir::oar::onnx::firstOpsetOf(StringRef opType) {
  ArrayRef<OpVersion> vs = versionsOf(opType);
  if (vs.empty())
    return std::nullopt;
  return std::max<int64_t>(vs.front().sinceVersion, kMinOpset);
}

bool mlir::oar::onnx::versionHasAttr(const OpVersion &version, StringRef name,
                                     bool *required) {
  SmallVector<StringRef> entries;
  StringRef(version.attrs).split(entries, ' ', -1, /*KeepEmpty=*/false);
  for (StringRef e : entries) {
    auto [n, kind] = e.split(':');
    if (n == name) {
      if (required)
        *required = kind.ends_with("!");
      return true;
    }
  }
  return false;
}

int64_t mlir::oar::onnx::irVersionForOpset(int64_t opset) {
  if (opset <= 8)
    return 3;
  if (opset == 9)
    return 4;
  if (opset == 10)
    return 5;
  if (opset == 11)
    return 6;
  if (opset <= 14)
    return 7;
  if (opset <= 18)
    return 8;
  if (opset <= 20)
    return 9;
  return 10;
}

std::optional<int64_t> mlir::oar::onnx::getModuleOpset(Operation *module) {
  if (auto a = module->getAttrOfType<IntegerAttr>(kOpsetAttrName))
    return a.getInt();
  return std::nullopt;
}

/// Number of values up to the last one that is given (not `none`).
static int givenCount(TypeRange types) {
  int n = 0;
  for (auto [i, t] : llvm::enumerate(types))
    if (!isa<NoneType>(t))
      n = static_cast<int>(i) + 1;
  return n;
}

LogicalResult mlir::oar::onnx::verifyOpAtOpset(Operation *op, int64_t opset) {
  if (!isa<OnnxDialect>(op->getDialect()))
    return success();
  StringRef opType = op->getName().stripDialect();
  if (opType == "NoValue" || opType == "Yield")
    return success();
  const OpVersion *v = lookupOpVersion(opType, opset);
  if (!v) {
    auto first = versionsOf(opType);
    if (!first.empty() && first.front().sinceVersion > opset)
      return op->emitOpError() << "needs opset "
                               << first.front().sinceVersion
                               << " or later; the target opset is " << opset;
    return op->emitOpError() << "does not exist at opset " << opset;
  }
  if (auto info = op->getRegisteredInfo()) {
    for (StringAttr name : info->getAttributeNames()) {
      bool present = static_cast<bool>(op->getAttr(name));
      bool required = false;
      bool known = versionHasAttr(*v, name.getValue(), &required);
      if (present && !known)
        return op->emitOpError()
               << "attribute '" << name.getValue()
               << "' is not part of version " << v->sinceVersion
               << " (in effect at opset " << opset << ")";
      if (!present && required)
        return op->emitOpError()
               << "version " << v->sinceVersion << " requires attribute '"
               << name.getValue() << "'";
    }
  }
  int inputs = givenCount(op->getOperandTypes());
  if ((v->maxInputs >= 0 && inputs > v->maxInputs) || inputs < v->minInputs)
    return op->emitOpError()
           << "has " << inputs << " inputs; version " << v->sinceVersion
           << " (in effect at opset " << opset << ") takes "
           << v->minInputs << " to "
           << (v->maxInputs < 0 ? std::string("any number")
                                : std::to_string(v->maxInputs));
  int outputs = givenCount(op->getResultTypes());
  if ((v->maxOutputs >= 0 && outputs > v->maxOutputs))
    return op->emitOpError()
           << "has " << outputs << " outputs; version " << v->sinceVersion
           << " has at most " << v->maxOutputs;
  return success();
}
