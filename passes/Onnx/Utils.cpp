//===- Utils.cpp - Shared pieces of the onnx cleanup passes ---------------===//

#include "passes/Onnx/Utils.h"

#include "dialects/onnx/OnnxOps.h"
#include "dialects/onnx/OnnxSchema.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::onnx_utils;

int64_t HostTensor::size() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

double HostTensor::asDouble(int64_t i) const {
  if (isFloat())
    return floats[i];
  auto it = cast<IntegerType>(elementType);
  if (it.isUnsigned() && it.getWidth() == 64)
    return static_cast<double>(static_cast<uint64_t>(ints[i]));
  return static_cast<double>(ints[i]);
}

int64_t HostTensor::asInt(int64_t i) const {
  if (!isFloat())
    return ints[i];
  // Callers keep floats within int64 or uint64; the latter's upper half
  // comes back as its bit pattern.
  double v = std::trunc(floats[i]);
  if (v >= 0x1p63)
    return static_cast<int64_t>(static_cast<uint64_t>(v));
  return static_cast<int64_t>(v);
}

bool mlir::oar::onnx_utils::isHostElementType(Type t) {
  if (auto it = dyn_cast<IntegerType>(t))
    return it.getWidth() <= 64;
  return t.isF16() || t.isBF16() || t.isF32() || t.isF64();
}

/// Sign- or zero-extends the low `width` bits of `bits` by `type`.
static int64_t extend(uint64_t bits, IntegerType type) {
  unsigned width = type.getWidth();
  if (width == 64)
    return static_cast<int64_t>(bits);
  bits &= (uint64_t{1} << width) - 1;
  if (type.isUnsigned() || width == 1)
    return static_cast<int64_t>(bits);
  return llvm::SignExtend64(bits, width);
}

static double toDouble(APFloat f) {
  bool lost = false;
  f.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lost);
  return f.convertToDouble();
}

static APFloat fromDouble(double v, FloatType type) {
  APFloat f(v);
  bool lost = false;
  f.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
  return f;
}

ElementsAttr mlir::oar::onnx_utils::getConstantAttr(Value v) {
  auto op = v ? v.getDefiningOp<onnx::ConstantOp>() : nullptr;
  if (!op)
    return nullptr;
  if (auto value = op.getValueAttr())
    return value;
  Builder b(v.getContext());
  if (auto i = op.getValueIntAttr())
    return DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                  i.getValue());
  if (auto f = op.getValueFloatAttr())
    return DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                  f.getValue());
  if (auto is = op.getValueIntsAttr())
    return DenseElementsAttr::get(
        RankedTensorType::get({is.size()}, b.getI64Type()), is.asArrayRef());
  if (auto fs = op.getValueFloatsAttr())
    return DenseElementsAttr::get(
        RankedTensorType::get({fs.size()}, b.getF32Type()), fs.asArrayRef());
  return nullptr;
}

std::optional<HostTensor>
mlir::oar::onnx_utils::readElements(ElementsAttr attr, int64_t maxElements) {
  if (!attr)
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.hasStaticShape() ||
      !isHostElementType(type.getElementType()) ||
      type.getNumElements() > maxElements)
    return std::nullopt;
  HostTensor t;
  t.shape.assign(type.getShape().begin(), type.getShape().end());
  t.elementType = type.getElementType();
  int64_t n = type.getNumElements();
  auto intType = dyn_cast<IntegerType>(t.elementType);

  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    if (intType) {
      t.ints.reserve(n);
      for (const APInt &v : dense.getValues<APInt>())
        t.ints.push_back(extend(v.getZExtValue(), intType));
    } else if (t.elementType.isF32()) {
      auto values = dense.getValues<float>();
      t.floats.assign(values.begin(), values.end());
    } else if (t.elementType.isF64()) {
      auto values = dense.getValues<double>();
      t.floats.assign(values.begin(), values.end());
    } else {
      t.floats.reserve(n);
      for (const APFloat &v : dense.getValues<APFloat>())
        t.floats.push_back(toDouble(v));
    }
    return t;
  }

  auto resource = dyn_cast<DenseResourceElementsAttr>(attr);
  if (!resource)
    return std::nullopt;
  AsmResourceBlob *blob = resource.getRawHandle().getBlob();
  if (!blob)
    return std::nullopt;
  ArrayRef<char> data = blob->getData();
  unsigned width = t.elementType.getIntOrFloatBitWidth();
  size_t bytes = (width + 7) / 8;
  if (data.size() != static_cast<size_t>(n) * bytes)
    return std::nullopt;
  auto load = [&](int64_t i) {
    uint64_t bits = 0;
    std::memcpy(&bits, data.data() + i * bytes, bytes); // little endian host
    return bits;
  };
  if (intType) {
    t.ints.reserve(n);
    for (int64_t i = 0; i < n; ++i)
      t.ints.push_back(extend(load(i), intType));
    return t;
  }
  t.floats.reserve(n);
  // f32 and f64 are read directly; APFloat per element is ten times slower
  // on the weights of a resnet50.
  if (t.elementType.isF32()) {
    for (int64_t i = 0; i < n; ++i) {
      float f;
      std::memcpy(&f, data.data() + i * 4, 4);
      t.floats.push_back(f);
    }
    return t;
  }
  if (t.elementType.isF64()) {
    t.floats.resize(n);
    std::memcpy(t.floats.data(), data.data(), n * 8);
    return t;
  }
  const llvm::fltSemantics &sem =
      cast<FloatType>(t.elementType).getFloatSemantics();
  for (int64_t i = 0; i < n; ++i)
    t.floats.push_back(toDouble(APFloat(sem, APInt(width, load(i)))));
  return t;
}

std::optional<HostTensor>
mlir::oar::onnx_utils::readConstant(Value v, int64_t maxElements) {
  return readElements(getConstantAttr(v), maxElements);
}

HostTensor mlir::oar::onnx_utils::convertTo(const HostTensor &t,
                                            Type elementType) {
  HostTensor r;
  r.shape = t.shape;
  r.elementType = elementType;
  int64_t n = t.size();
  if (auto ft = dyn_cast<FloatType>(elementType)) {
    r.floats.reserve(n);
    for (int64_t i = 0; i < n; ++i)
      r.floats.push_back(toDouble(fromDouble(t.asDouble(i), ft)));
    return r;
  }
  auto it = cast<IntegerType>(elementType);
  r.ints.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (it.getWidth() == 1) {
      r.ints.push_back(t.isFloat() ? t.floats[i] != 0.0 : t.ints[i] != 0);
      continue;
    }
    r.ints.push_back(extend(static_cast<uint64_t>(t.asInt(i)), it));
  }
  return r;
}

DenseElementsAttr mlir::oar::onnx_utils::toDenseAttr(const HostTensor &t) {
  auto type = RankedTensorType::get(t.shape, t.elementType);
  if (auto it = dyn_cast<IntegerType>(t.elementType)) {
    SmallVector<APInt> values;
    values.reserve(t.ints.size());
    for (int64_t v : t.ints)
      values.push_back(APInt(it.getWidth(), static_cast<uint64_t>(v),
                             /*isSigned=*/false, /*implicitTrunc=*/true));
    return DenseElementsAttr::get(type, values);
  }
  if (t.elementType.isF32()) {
    SmallVector<float> values(t.floats.begin(), t.floats.end());
    return DenseElementsAttr::get(type, ArrayRef<float>(values));
  }
  if (t.elementType.isF64())
    return DenseElementsAttr::get(type, ArrayRef<double>(t.floats));
  auto ft = cast<FloatType>(t.elementType);
  SmallVector<APFloat> values;
  values.reserve(t.floats.size());
  for (double v : t.floats)
    values.push_back(fromDouble(v, ft));
  return DenseElementsAttr::get(type, values);
}

ElementsAttr mlir::oar::onnx_utils::toResourceAttr(const HostTensor &t,
                                                   StringRef name) {
  auto type = RankedTensorType::get(t.shape, t.elementType);
  unsigned width = t.elementType.getIntOrFloatBitWidth();
  assert(width > 1 && width % 8 == 0 && "no resource blobs of i1");
  size_t bytes = width / 8;
  int64_t n = t.size();
  std::vector<char> data(n * bytes);
  for (int64_t i = 0; i < n; ++i) {
    uint64_t bits;
    if (t.elementType.isF32()) {
      float f = static_cast<float>(t.floats[i]);
      std::memcpy(data.data() + i * 4, &f, 4);
      continue;
    }
    if (t.elementType.isF64()) {
      std::memcpy(data.data() + i * 8, &t.floats[i], 8);
      continue;
    }
    if (t.isFloat())
      bits = fromDouble(t.floats[i], cast<FloatType>(t.elementType))
                 .bitcastToAPInt()
                 .getZExtValue();
    else
      bits = static_cast<uint64_t>(t.ints[i]);
    std::memcpy(data.data() + i * bytes, &bits, bytes); // little endian host
  }
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      ArrayRef<char>(data), bytes, /*dataIsMutable=*/false);
  return DenseResourceElementsAttr::get(type, name, std::move(blob));
}

bool mlir::oar::onnx_utils::onlyOnnxUsers(Value v) {
  return llvm::all_of(v.getUsers(), [](Operation *user) {
    return isa<onnx::OnnxDialect>(user->getDialect()) &&
           !user->hasTrait<OpTrait::IsTerminator>();
  });
}

LogicalResult mlir::oar::onnx_utils::replaceWithValue(PatternRewriter &rewriter,
                                                      Operation *op, Value v) {
  Value result = op->getResult(0);
  if (v.getType() != result.getType() && !onlyOnnxUsers(result))
    return rewriter.notifyMatchFailure(op, "result type is pinned by a user");
  rewriter.replaceOp(op, v);
  return success();
}

LogicalResult
mlir::oar::onnx_utils::applyCleanupPatterns(Operation *op,
                                            RewritePatternSet &&patterns) {
  GreedyRewriteConfig config;
  config.enableConstantCSE(false);
  // If/Loop bodies are ONNX subgraphs: their arguments are positional.
  config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
  return applyPatternsGreedily(op, std::move(patterns), config);
}

int64_t mlir::oar::onnx_utils::getOpset(Operation *op) {
  auto module = op->getParentOfType<ModuleOp>();
  if (module)
    if (std::optional<int64_t> opset = onnx::getModuleOpset(module))
      return *opset;
  return onnx::kMaxOpset;
}

std::optional<SmallVector<int64_t>>
mlir::oar::onnx_utils::getStaticShape(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  return SmallVector<int64_t>(type.getShape());
}

Value mlir::oar::onnx_utils::optionalOperand(Operation *op, unsigned i) {
  if (i >= op->getNumOperands() || isNone(op->getOperand(i)))
    return nullptr;
  return op->getOperand(i);
}

std::optional<SmallVector<int64_t>>
mlir::oar::onnx_utils::readIntList(Value v) {
  std::optional<HostTensor> t = readConstant(v, /*maxElements=*/4096);
  if (!t || t->isFloat() || t->shape.size() > 1)
    return std::nullopt;
  return SmallVector<int64_t>(t->ints);
}

std::optional<SmallVector<int64_t>>
mlir::oar::onnx_utils::readAttrOrOperand(Operation *op, unsigned index,
                                         StringRef attrName) {
  if (Value v = optionalOperand(op, index))
    return readIntList(v);
  if (auto attr = op->getAttrOfType<DenseI64ArrayAttr>(attrName))
    return SmallVector<int64_t>(attr.asArrayRef());
  return SmallVector<int64_t>();
}

std::optional<int64_t> mlir::oar::onnx_utils::normalizeAxis(int64_t axis,
                                                            int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}
