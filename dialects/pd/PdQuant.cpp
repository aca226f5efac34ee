//===- PdQuant.cpp - pd quantize and dequantize verifiers -----------------===//
//
// The checks docs/dialect-pd.md lists for pd.uniform_quantize and
// pd.uniform_dequantize (`quant_c1` ... `quant_c5`). The `quant` types
// verify themselves (a scale is positive and finite, the storage range fits
// the storage type); these checks relate the type to the tensor.
//
//===----------------------------------------------------------------------===//

#include "dialects/pd/PdOps.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"

#include "mlir/IR/TypeUtilities.h"

#include <cmath>

using namespace mlir;
using namespace mlir::oar::pd;

namespace {

/// Checks the quantized tensor type `qType` against the float tensor type
/// `fType` on the other side of `op`.
LogicalResult verifyQuantPair(Operation *op, RankedTensorType fType,
                              RankedTensorType qType) {
  auto elem = dyn_cast<quant::QuantizedType>(qType.getElementType());
  if (!isa<quant::UniformQuantizedType, quant::UniformQuantizedPerAxisType>(
          elem))
    return op->emitOpError("quant_c1: the quantized element type must be "
                           "!quant.uniform (per tensor or per axis), got ")
           << qType.getElementType();
  // quant_c2: same shape on both sides.
  if (failed(verifyCompatibleShape(fType.getShape(), qType.getShape())))
    return op->emitOpError("quant_c2: shapes differ: ")
           << fType << " and " << qType;
  // quant_c3: the float side is the type's expressed type.
  if (elem.getExpressedType() != fType.getElementType())
    return op->emitOpError("quant_c3: the float element type ")
           << fType.getElementType() << " is not the expressed type "
           << elem.getExpressedType() << " of " << elem;
  // quant_c4: an integer storage type of at most 8 bits, signed.
  if (!elem.isSigned() || elem.getStorageTypeIntegralWidth() > 8)
    return op->emitOpError("quant_c4: the storage type must be a signed "
                           "integer of at most 8 bits, got ")
           << elem.getStorageType()
           << (elem.isSigned() ? "" : " (unsigned)");
  auto positive = [](double s) { return s > 0 && std::isfinite(s); };
  if (auto t = dyn_cast<quant::UniformQuantizedType>(elem)) {
    if (!positive(t.getScale()))
      return op->emitOpError("quant_c5: the scale must be positive, got ")
             << t.getScale();
    return success();
  }
  auto t = cast<quant::UniformQuantizedPerAxisType>(elem);
  int64_t axis = t.getQuantizedDimension();
  if (axis < 0 || axis >= qType.getRank())
    return op->emitOpError("quant_c6: the quantized dimension ")
           << axis << " is out of range for rank " << qType.getRank();
  int64_t dim = qType.getDimSize(axis);
  int64_t n = static_cast<int64_t>(t.getScales().size());
  if (!ShapedType::isDynamic(dim) && dim != n)
    return op->emitOpError("quant_c6: ")
           << n << " scales for dim " << axis << " of size " << dim;
  for (double s : t.getScales())
    if (!positive(s))
      return op->emitOpError("quant_c5: every scale must be positive, got ")
             << s;
  return success();
}

} // namespace

LogicalResult UniformQuantizeOp::verify() {
  if (getRoundType() != 0 && getRoundType() != 1)
    return emitOpError("quant_c7: round_type must be 0 (half to even) or 1 "
                       "(half away from zero), got ")
           << getRoundType();
  return verifyQuantPair(*this, getInput().getType(), getOutput().getType());
}

LogicalResult UniformDequantizeOp::verify() {
  return verifyQuantPair(*this, getOutput().getType(), getInput().getType());
}
