//===- QuantUtils.cpp - Helpers shared by the quantization passes --------===//
//
// Part of Oar.
//
//===----------------------------------------------------------------------===//

#include "passes/Pd/QuantUtils.h"

#include "passes/Onnx/Utils.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

#include <limits>

namespace mlir::oar::pd {

std::optional<SmallVector<double>> readConstantValues(Value v) {
  Attribute attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto elements = dyn_cast<ElementsAttr>(attr);
  if (!elements)
    return std::nullopt;
  std::optional<onnx_utils::HostTensor> t = onnx_utils::readElements(
      elements, std::numeric_limits<int64_t>::max());
  if (!t)
    return std::nullopt;
  SmallVector<double> out;
  out.reserve(t->size());
  for (int64_t i = 0, e = t->size(); i < e; ++i)
    out.push_back(t->asDouble(i));
  return out;
}

std::optional<SmallVector<float>> readConstantF32(Value v) {
  if (!getElementTypeOrSelf(v.getType()).isF32())
    return std::nullopt;
  std::optional<SmallVector<double>> values = readConstantValues(v);
  if (!values)
    return std::nullopt;
  return SmallVector<float>(values->begin(), values->end());
}

} // namespace mlir::oar::pd
