//===- OnnxCommon.cpp - Element types of ONNX tensors ---------------------===//

#include "backends/onnx/OnnxCommon.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace {
// TensorProto.DataType values, including those newer than the linked ONNX
// (1.12) names.
enum DataType : int {
  kFloat = 1,
  kUInt8 = 2,
  kInt8 = 3,
  kUInt16 = 4,
  kInt16 = 5,
  kInt32 = 6,
  kInt64 = 7,
  kString = 8,
  kBool = 9,
  kFloat16 = 10,
  kDouble = 11,
  kUInt32 = 12,
  kUInt64 = 13,
  kComplex64 = 14,
  kComplex128 = 15,
  kBFloat16 = 16,
  kFloat8E4M3FN = 17,
  kFloat8E4M3FNUZ = 18,
  kFloat8E5M2 = 19,
  kFloat8E5M2FNUZ = 20,
  kUInt4 = 21,
  kInt4 = 22,
};
} // namespace

int mlir::oar::onnx::getOnnxDataType(Type t) {
  if (t.isF32())
    return kFloat;
  if (t.isF16())
    return kFloat16;
  if (t.isF64())
    return kDouble;
  if (t.isBF16())
    return kBFloat16;
  if (isa<Float8E4M3FNType>(t))
    return kFloat8E4M3FN;
  if (isa<Float8E4M3FNUZType>(t))
    return kFloat8E4M3FNUZ;
  if (isa<Float8E5M2Type>(t))
    return kFloat8E5M2;
  if (isa<Float8E5M2FNUZType>(t))
    return kFloat8E5M2FNUZ;
  if (auto c = dyn_cast<ComplexType>(t)) {
    if (c.getElementType().isF32())
      return kComplex64;
    if (c.getElementType().isF64())
      return kComplex128;
    return 0;
  }
  if (auto i = dyn_cast<IntegerType>(t)) {
    bool isUnsigned = i.isUnsigned();
    switch (i.getWidth()) {
    case 1:
      return kBool;
    case 4:
      return isUnsigned ? kUInt4 : kInt4;
    case 8:
      return isUnsigned ? kUInt8 : kInt8;
    case 16:
      return isUnsigned ? kUInt16 : kInt16;
    case 32:
      return isUnsigned ? kUInt32 : kInt32;
    case 64:
      return isUnsigned ? kUInt64 : kInt64;
    default:
      return 0;
    }
  }
  // Strings: the onnx dialect has no string type yet; see the reader.
  return 0;
}

Type mlir::oar::onnx::getTypeForOnnxDataType(MLIRContext *ctx, int dataType) {
  auto si = [&](unsigned w) { return IntegerType::get(ctx, w); };
  auto ui = [&](unsigned w) {
    return IntegerType::get(ctx, w, IntegerType::Unsigned);
  };
  switch (dataType) {
  case kFloat:
    return Float32Type::get(ctx);
  case kUInt8:
    return ui(8);
  case kInt8:
    return si(8);
  case kUInt16:
    return ui(16);
  case kInt16:
    return si(16);
  case kInt32:
    return si(32);
  case kInt64:
    return si(64);
  case kBool:
    return si(1);
  case kFloat16:
    return Float16Type::get(ctx);
  case kDouble:
    return Float64Type::get(ctx);
  case kUInt32:
    return ui(32);
  case kUInt64:
    return ui(64);
  case kComplex64:
    return ComplexType::get(Float32Type::get(ctx));
  case kComplex128:
    return ComplexType::get(Float64Type::get(ctx));
  case kBFloat16:
    return BFloat16Type::get(ctx);
  case kFloat8E4M3FN:
    return Float8E4M3FNType::get(ctx);
  case kFloat8E4M3FNUZ:
    return Float8E4M3FNUZType::get(ctx);
  case kFloat8E5M2:
    return Float8E5M2Type::get(ctx);
  case kFloat8E5M2FNUZ:
    return Float8E5M2FNUZType::get(ctx);
  case kUInt4:
    return ui(4);
  case kInt4:
    return si(4);
  default:
    return nullptr;
  }
}

size_t mlir::oar::onnx::getStorageBytes(Type t) {
  if (auto c = dyn_cast<ComplexType>(t))
    return 2 * getStorageBytes(c.getElementType());
  if (!t.isIntOrFloat())
    return 0;
  unsigned w = t.getIntOrFloatBitWidth();
  if (w == 1)
    return 1;
  if (w % 8)
    return 0;
  return w / 8;
}
