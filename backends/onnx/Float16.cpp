//===- Float16.cpp - float32 to float16 for the ONNX writer ---------------===//
//
// `--fp16` rewrites a clone of the module before it is written:
//
//  - float32 results of ONNX ops become float16, float32 constants too
//    (values beyond float16's range are clamped to +-65504);
//  - the graph's inputs and outputs stay float32, with a Cast after each
//    input and before each output, so that callers feed and read the same
//    arrays as with the float32 model;
//  - ops that must or should compute in float32 keep it, with Casts around
//    them: the quantization ops, the ops onnxconverter-common blocks for
//    accuracy or missing float16 kernels (TopK, Range, CumSum, Min, Max,
//    NonMaxSuppression, RoiAlign, RandomUniformLike, Upsample), Resize's
//    roi and scales inputs, and "shape arithmetic": float values computed
//    only from integers cast to float (sizes, counts), which float16 would
//    round above 2048.
//
//===----------------------------------------------------------------------===//

#include "backends/onnx/OnnxCommon.h"

#include "dialects/onnx/OnnxOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <cmath>
#include <cstring>

using namespace mlir;

namespace {

constexpr int64_t kOnnxFloat = 1;
constexpr int64_t kOnnxFloat16 = 10;

/// float to IEEE half, round to nearest even, clamped to +-65504 (finite
/// values never become inf).
uint16_t floatToHalf(float value) {
  uint32_t x;
  std::memcpy(&x, &value, 4);
  uint32_t sign = (x >> 16) & 0x8000;
  uint32_t absx = x & 0x7FFFFFFF;
  if (absx >= 0x7F800000) // inf or nan
    return static_cast<uint16_t>(sign | 0x7C00 |
                                 (absx > 0x7F800000 ? 0x200 : 0));
  if (absx >= 0x477FF000) // rounds to >= 65520: clamp to the largest half
    return static_cast<uint16_t>(sign | 0x7BFF);
  if (absx < 0x38800000) { // subnormal half or zero
    if (absx < 0x33000000)
      return static_cast<uint16_t>(sign);
    uint32_t mant = (absx & 0x7FFFFF) | 0x800000;
    // value = mant * 2^(e-150), the half subnormal unit is 2^-24.
    int shift = 126 - static_cast<int>(absx >> 23);
    uint32_t half = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1)))
      ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = ((absx - 0x38000000) >> 13);
  uint32_t rem = absx & 0x1FFF;
  if (rem > 0x1000 || (rem == 0x1000 && (half & 1)))
    ++half;
  if (half > 0x7BFF)
    half = 0x7BFF;
  return static_cast<uint16_t>(sign | half);
}

bool isF32Tensor(Type t) {
  auto tt = dyn_cast<TensorType>(t);
  return tt && tt.getElementType().isF32();
}
bool isF16Tensor(Type t) {
  auto tt = dyn_cast<TensorType>(t);
  return tt && tt.getElementType().isF16();
}
/// A float32 tensor, or a sequence of them (a tensor array): what becomes
/// float16.
bool isF32Value(Type t) {
  if (auto seq = dyn_cast<oar::onnx::SeqType>(t))
    return isF32Tensor(seq.getElementType());
  return isF32Tensor(t);
}
Type withElement(Type t, Type elt) {
  if (auto seq = dyn_cast<oar::onnx::SeqType>(t))
    return oar::onnx::SeqType::get(t.getContext(),
                                   withElement(seq.getElementType(), elt));
  return cast<TensorType>(t).clone(elt);
}

bool isBlocked(Operation *op) {
  return llvm::StringSwitch<bool>(op->getName().stripDialect())
      .Cases({"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"},
             true)
      .Cases({"TopK", "Range", "CumSum", "Min", "Max", "NonMaxSuppression",
              "RoiAlign", "RandomUniformLike", "Upsample"},
             true)
      .Default(false);
}

/// Operands that stay float32 whatever the op's domain.
bool operandWantsF32(Operation *op, unsigned index) {
  StringRef t = op->getName().stripDialect();
  if (t == "Resize")
    return index == 1 || index == 2;
  return false;
}

/// Ops whose result type does not follow their float inputs'.
bool takesAnyOperand(Operation *op) {
  return llvm::StringSwitch<bool>(op->getName().stripDialect())
      .Cases({"Cast", "CastLike", "Shape", "Size", "NonZero", "EyeLike"}, true)
      .Default(false);
}

FailureOr<ElementsAttr> toHalf(Location loc, ElementsAttr value) {
  auto type = cast<ShapedType>(
      withElement(value.getShapedType(), Float16Type::get(loc.getContext())));
  int64_t n = type.getNumElements();
  AsmResourceBlob blob =
      HeapAsmResourceBlob::allocate(n * 2, alignof(uint16_t));
  auto *out = reinterpret_cast<uint16_t *>(blob.getMutableData().data());
  std::string key = "fp16";
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    const AsmResourceBlob *src = resource.getRawHandle().getBlob();
    if (!src || src->getData().size() != static_cast<size_t>(n) * 4)
      return emitError(loc) << "tensor '" << resource.getRawHandle().getKey()
                            << "' has no float32 data to convert";
    const char *data = src->getData().data();
    for (int64_t i = 0; i < n; ++i) {
      float f;
      std::memcpy(&f, data + 4 * i, 4);
      out[i] = floatToHalf(f);
    }
    key = resource.getRawHandle().getKey().str() + ".fp16";
  } else if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    int64_t i = 0;
    if (dense.isSplat()) {
      uint16_t h = floatToHalf(dense.getSplatValue<float>());
      for (; i < n; ++i)
        out[i] = h;
    } else {
      for (float f : dense.getValues<float>())
        out[i++] = floatToHalf(f);
    }
    // Small constants stay dense attributes (Constant nodes).
    if (n <= 16) {
      SmallVector<APFloat> values;
      for (int64_t j = 0; j < n; ++j)
        values.push_back(APFloat(APFloat::IEEEhalf(), APInt(16, out[j])));
      return ElementsAttr(DenseElementsAttr::get(type, values));
    }
  } else {
    return emitError(loc) << "cannot convert " << value << " to float16";
  }
  return ElementsAttr(
      DenseResourceElementsAttr::get(type, key, std::move(blob)));
}

class Float16Converter {
public:
  explicit Float16Converter(func::FuncOp func)
      : func(func), ctx(func.getContext()), f16(Float16Type::get(ctx)),
        f32(Float32Type::get(ctx)) {}
  LogicalResult run();

private:
  bool wantsF32(Operation *op, unsigned index) {
    return isa<func::ReturnOp>(op) || keepF32.count(op) ||
           operandWantsF32(op, index);
  }
  Value castTo(Value v, Type elt);

  func::FuncOp func;
  MLIRContext *ctx;
  Type f16, f32;
  llvm::DenseSet<Operation *> keepF32;
  llvm::DenseMap<std::pair<Value, Type>, Value> casts;
};

Value Float16Converter::castTo(Value v, Type elt) {
  auto key = std::make_pair(v, elt);
  auto it = casts.find(key);
  if (it != casts.end())
    return it->second;
  OpBuilder b(ctx);
  Location base = v.getLoc();
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    b.setInsertionPointToStart(arg.getOwner());
    if (arg.getOwner()->getParentOp() == func.getOperation())
      if (auto n =
              func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "pd.name"))
        base = NameLoc::get(n);
  } else {
    b.setInsertionPointAfter(v.getDefiningOp());
  }
  Location loc = NameLoc::get(
      StringAttr::get(ctx, elt.isF16() ? "/to_fp16" : "/to_fp32"), base);
  OperationState state(loc, "onnx.Cast");
  state.addOperands(v);
  state.addTypes(withElement(v.getType(), elt));
  state.addAttribute(
      "to", b.getI64IntegerAttr(elt.isF16() ? kOnnxFloat16 : kOnnxFloat));
  Value c = b.create(state)->getResult(0);
  casts[key] = c;
  return c;
}

LogicalResult Float16Converter::run() {
  // 1. Which ops keep float32: the blocked ones and shape arithmetic
  //    (float values made only from integers cast to float, and small
  //    constants).
  llvm::DenseSet<Value> shapeFloats;
  func.walk([&](Operation *op) {
    if (!isa<oar::onnx::OnnxDialect>(op->getDialect()) ||
        isa<oar::onnx::NoValueOp, oar::onnx::YieldOp>(op))
      return;
    if (isBlocked(op)) {
      keepF32.insert(op);
      return;
    }
    bool anyF32Result = llvm::any_of(op->getResultTypes(), isF32Tensor);
    if (!anyF32Result)
      return;
    if (auto cast = dyn_cast<oar::onnx::CastOp>(op)) {
      Type in = cast->getOperand(0).getType();
      auto tt = dyn_cast<TensorType>(in);
      if (tt && isa<IntegerType>(tt.getElementType())) {
        keepF32.insert(op);
        shapeFloats.insert(op->getResult(0));
      }
      return;
    }
    if (op->getNumRegions() || isa<oar::onnx::ConstantOp>(op))
      return;
    bool fromShape = false, otherFloat = false;
    for (Value v : op->getOperands()) {
      if (!isF32Tensor(v.getType()))
        continue;
      if (shapeFloats.count(v)) {
        fromShape = true;
        continue;
      }
      auto c = v.getDefiningOp<oar::onnx::ConstantOp>();
      if (c && c.getValueAttr() &&
          c.getValueAttr().getShapedType().getNumElements() <= 16 &&
          !isa<DenseResourceElementsAttr>(c.getValueAttr()))
        continue;
      otherFloat = true;
    }
    if (fromShape && !otherFloat) {
      keepF32.insert(op);
      for (Value r : op->getResults())
        if (isF32Tensor(r.getType()))
          shapeFloats.insert(r);
    }
  });

  // 2. Retype.
  WalkResult result = func.walk([&](Operation *op) -> WalkResult {
    if (!isa<oar::onnx::OnnxDialect>(op->getDialect()) ||
        isa<oar::onnx::NoValueOp, oar::onnx::YieldOp>(op) || keepF32.count(op))
      return WalkResult::advance();
    if (auto constant = dyn_cast<oar::onnx::ConstantOp>(op)) {
      Value r = constant.getResult();
      ElementsAttr value = constant.getValueAttr();
      if (!value || !isF32Tensor(r.getType()))
        return WalkResult::advance();
      bool anyF16User = llvm::any_of(r.getUses(), [&](OpOperand &use) {
        return !wantsF32(use.getOwner(), use.getOperandNumber()) &&
               !takesAnyOperand(use.getOwner());
      });
      if (!anyF16User)
        return WalkResult::advance();
      FailureOr<ElementsAttr> half = toHalf(op->getLoc(), value);
      if (failed(half))
        return WalkResult::interrupt();
      constant.setValueAttr(*half);
      r.setType(withElement(r.getType(), f16));
      return WalkResult::advance();
    }
    bool changed = false;
    for (Value r : op->getResults())
      if (isF32Value(r.getType())) {
        r.setType(withElement(r.getType(), f16));
        changed = true;
      }
    // Loop bodies: carried values follow the Loop's results.
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (isF32Value(arg.getType()))
            arg.setType(withElement(arg.getType(), f16));
    if (changed) {
      for (StringRef name : {"to", "dtype"})
        if (auto a = op->getAttrOfType<IntegerAttr>(name))
          if (a.getInt() == kOnnxFloat)
            op->setAttr(name, IntegerAttr::get(a.getType(), kOnnxFloat16));
      StringRef opType = op->getName().stripDialect();
      // Float32 by default: say float16 explicitly.
      if ((opType == "RandomNormal" || opType == "RandomUniform") &&
          !op->hasAttr("dtype"))
        op->setAttr("dtype", IntegerAttr::get(IntegerType::get(ctx, 64),
                                              kOnnxFloat16));
      if (isa<oar::onnx::ConstantOfShapeOp>(op)) {
        auto v = op->getAttrOfType<ElementsAttr>("value");
        if (!v) // ONNX's default: a float32 zero
          v = DenseElementsAttr::get(RankedTensorType::get({1}, f32),
                                     APFloat(0.0f));
        if (v.getShapedType().getElementType().isF32()) {
          FailureOr<ElementsAttr> half = toHalf(op->getLoc(), v);
          if (failed(half))
            return WalkResult::interrupt();
          op->setAttr("value", *half);
        }
      }
    }
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();

  // 3. Casts where a value's float type is not the one its user wants.
  SmallVector<std::pair<OpOperand *, Type>> fixes;
  func.walk([&](Operation *op) {
    if (isa<oar::onnx::NoValueOp>(op) || takesAnyOperand(op))
      return;
    for (OpOperand &use : op->getOpOperands()) {
      Type t = use.get().getType();
      bool want32 = wantsF32(op, use.getOperandNumber());
      if (isF16Tensor(t) && want32)
        fixes.push_back({&use, f32});
      else if (isF32Tensor(t) && !want32)
        fixes.push_back({&use, f16});
    }
  });
  for (auto [use, elt] : fixes)
    use->set(castTo(use->get(), elt));
  return success();
}

} // namespace

LogicalResult mlir::oar::onnx::convertToFloat16(ModuleOp module) {
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isExternal() && failed(Float16Converter(func).run()))
      return failure();
  return success();
}
