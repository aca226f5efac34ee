//===- QuantUtils.h - Helpers shared by the pd quantization passes -*- C++ -*-===//
//
// Part of Oar. Reading constant tensors (folded values and parameter
// blobs), and the int8 weight form that pd-lift-quant and
// pd-quantize-weights both build: an i8 constant, reinterpreted as its
// quantized type (quant.scast), dequantized back to float
// (docs/quantization.md).
//
//===----------------------------------------------------------------------===//

#ifndef OAR_PASSES_PD_QUANTUTILS_H
#define OAR_PASSES_PD_QUANTUTILS_H

#include "dialects/pd/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"

#include <optional>

namespace mlir::oar::pd {

/// The values of the constant float or integer tensor `v` (a folded value
/// or a parameter blob), as doubles (exact for f32 and i32); std::nullopt
/// when `v` is not such a constant.
std::optional<SmallVector<double>> readConstantValues(Value v);
/// The values of `v` when it is an f32 constant; std::nullopt otherwise.
std::optional<SmallVector<float>> readConstantF32(Value v);

/// The int8 values `q` of a weight of type `floatType`, as an i8 constant
/// cast to `quantElem` storage and dequantized to `floatType`.
inline Value createInt8Weight(OpBuilder &b, Location loc,
                              RankedTensorType floatType, Type quantElem,
                              ArrayRef<int8_t> q) {
  auto i8Type = RankedTensorType::get(floatType.getShape(), b.getI8Type());
  Value c = arith::ConstantOp::create(b, loc, i8Type,
                                      DenseElementsAttr::get(i8Type, q));
  Value s = quant::StorageCastOp::create(
      b, loc, RankedTensorType::get(floatType.getShape(), quantElem), c);
  return UniformDequantizeOp::create(b, loc, floatType, s);
}

} // namespace mlir::oar::pd

#endif // OAR_PASSES_PD_QUANTUTILS_H
