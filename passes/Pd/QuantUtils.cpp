//===- QuantUtils.cpp - Helpers shared by the quantization passes --------===//
//
// Part of Oar.
//
//===----------------------------------------------------------------------===//

#include "passes/Pd/QuantUtils.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

#include <cstring>

namespace mlir::oar::pd {

std::optional<SmallVector<double>> readConstantValues(Value v) {
  Attribute attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto elements = dyn_cast<ElementsAttr>(attr);
  if (!elements)
    return std::nullopt;
  Type et = elements.getElementType();
  SmallVector<double> out;
  if (auto dense = dyn_cast<DenseElementsAttr>(elements)) {
    if (et.isF32()) {
      for (float f : dense.getValues<float>())
        out.push_back(f);
    } else if (isa<FloatType>(et)) {
      for (const APFloat &f : dense.getValues<APFloat>())
        out.push_back(f.convertToDouble());
    } else if (et.isInteger()) {
      for (const APInt &i : dense.getValues<APInt>())
        out.push_back(static_cast<double>(i.getSExtValue()));
    } else {
      return std::nullopt;
    }
    return out;
  }
  auto resource = dyn_cast<DenseResourceElementsAttr>(elements);
  if (!resource)
    return std::nullopt;
  AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return std::nullopt;
  ArrayRef<char> data = blob->getData();
  int64_t n = elements.getNumElements();
  auto read = [&](auto tag) -> std::optional<SmallVector<double>> {
    using T = decltype(tag);
    if (static_cast<int64_t>(data.size()) != n * int64_t(sizeof(T)))
      return std::nullopt;
    for (int64_t i = 0; i < n; ++i) {
      T x;
      std::memcpy(&x, data.data() + i * sizeof(T), sizeof(T));
      out.push_back(static_cast<double>(x));
    }
    return out;
  };
  if (et.isF32())
    return read(float());
  if (et.isF64())
    return read(double());
  if (et.isInteger(32))
    return read(int32_t());
  if (et.isInteger(64))
    return read(int64_t());
  if (et.isInteger(8))
    return read(int8_t());
  return std::nullopt;
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
