//===- Common.cpp - Shared pieces of the pd-to-onnx patterns --------------===//

#include "passes/PdToOnnx/Common.h"

#include "dialects/onnx/OnnxSchema.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::oar;

//===----------------------------------------------------------------------===//
// PdToOnnxState
//===----------------------------------------------------------------------===//

void PdToOnnxState::recordNeedsOpset(Operation *op, int64_t needed) {
  highestNeeded = std::max(highestNeeded, needed);
  reasons[op] = "needs opset " + std::to_string(needed) +
                " or later (the target opset is " + std::to_string(opset) +
                ")";
}

void PdToOnnxState::recordUnsupported(Operation *op,
                                      const llvm::Twine &reason) {
  reasons[op] = reason.str();
}

std::string PdToOnnxState::getReason(Operation *op) const {
  auto it = reasons.find(op);
  return it == reasons.end() ? std::string() : it->second;
}

//===----------------------------------------------------------------------===//
// Types and locations
//===----------------------------------------------------------------------===//

int64_t mlir::oar::getOnnxDataType(Type t) {
  if (t.isF32())
    return 1;
  if (t.isUnsignedInteger(8))
    return 2;
  if (t.isSignlessInteger(8) || t.isSignedInteger(8))
    return 3;
  if (t.isUnsignedInteger(16))
    return 4;
  if (t.isSignlessInteger(16) || t.isSignedInteger(16))
    return 5;
  if (t.isSignlessInteger(32) || t.isSignedInteger(32))
    return 6;
  if (t.isSignlessInteger(64) || t.isSignedInteger(64))
    return 7;
  if (t.isInteger(1))
    return 9;
  if (t.isF16())
    return 10;
  if (t.isF64())
    return 11;
  if (t.isUnsignedInteger(32))
    return 12;
  if (t.isUnsignedInteger(64))
    return 13;
  if (auto c = dyn_cast<ComplexType>(t)) {
    if (c.getElementType().isF32())
      return 14;
    if (c.getElementType().isF64())
      return 15;
  }
  if (t.isBF16())
    return 16;
  return 0;
}

Type mlir::oar::getTypeForOnnxDataType(MLIRContext *ctx, int64_t dataType) {
  Builder b(ctx);
  switch (dataType) {
  case 1:
    return b.getF32Type();
  case 2:
    return IntegerType::get(ctx, 8, IntegerType::Unsigned);
  case 3:
    return b.getI8Type();
  case 4:
    return IntegerType::get(ctx, 16, IntegerType::Unsigned);
  case 5:
    return b.getI16Type();
  case 6:
    return b.getI32Type();
  case 7:
    return b.getI64Type();
  case 9:
    return b.getI1Type();
  case 10:
    return b.getF16Type();
  case 11:
    return b.getF64Type();
  case 12:
    return IntegerType::get(ctx, 32, IntegerType::Unsigned);
  case 13:
    return IntegerType::get(ctx, 64, IntegerType::Unsigned);
  case 14:
    return ComplexType::get(b.getF32Type());
  case 15:
    return ComplexType::get(b.getF64Type());
  case 16:
    return b.getBF16Type();
  default:
    return nullptr;
  }
}

TensorType mlir::oar::unrankedOf(Type elementType) {
  return UnrankedTensorType::get(elementType);
}

TensorType mlir::oar::withElementType(Type type, Type elementType) {
  if (auto ranked = dyn_cast<RankedTensorType>(type))
    return RankedTensorType::get(ranked.getShape(), elementType);
  return UnrankedTensorType::get(elementType);
}

Type mlir::oar::getElementType(Value v) {
  return cast<ShapedType>(v.getType()).getElementType();
}

int64_t mlir::oar::getRank(Value v) {
  if (auto ranked = dyn_cast<RankedTensorType>(v.getType()))
    return ranked.getRank();
  return -1;
}

Location mlir::oar::auxLoc(Location loc, StringRef what) {
  return NameLoc::get(StringAttr::get(loc.getContext(), "/" + what.str()),
                      loc);
}

Location mlir::oar::resultLoc(Operation *op, unsigned i) {
  auto fused = dyn_cast<FusedLoc>(op->getLoc());
  if (fused && fused.getLocations().size() == op->getNumResults())
    return fused.getLocations()[i];
  return op->getLoc();
}

//===----------------------------------------------------------------------===//
// Builders
//===----------------------------------------------------------------------===//

Operation *mlir::oar::createOnnxOp(OpBuilder &b, Location loc,
                                   StringRef opType, TypeRange resultTypes,
                                   ValueRange operands,
                                   ArrayRef<NamedAttribute> attrs) {
  OperationState state(loc, ("onnx." + opType).str());
  state.addOperands(operands);
  state.addTypes(resultTypes);
  // Trailing optional inputs and outputs the caller left out are `none`.
  if (const onnx::OpArity *arity = onnx::lookupOpArity(opType)) {
    if (arity->numOperands > static_cast<int>(operands.size())) {
      Value none = noValue(b, loc);
      for (int i = operands.size(); i < arity->numOperands; ++i)
        state.addOperands(none);
    }
    for (int i = resultTypes.size(); i < arity->numResults; ++i)
      state.addTypes(b.getNoneType());
  }
  state.addAttributes(attrs);
  return b.create(state);
}

Value mlir::oar::noValue(OpBuilder &b, Location loc) {
  return onnx::NoValueOp::create(b, loc);
}

Value mlir::oar::constI64(OpBuilder &b, Location loc, ArrayRef<int64_t> values,
                          bool scalar) {
  assert((!scalar || values.size() == 1) && "a scalar holds one value");
  SmallVector<int64_t> shape;
  if (!scalar)
    shape.push_back(static_cast<int64_t>(values.size()));
  auto type = RankedTensorType::get(shape, b.getI64Type());
  return constFromAttr(b, loc, DenseIntElementsAttr::get(type, values));
}

Value mlir::oar::constOfType(OpBuilder &b, Location loc, Type elementType,
                             ArrayRef<double> values, bool scalar) {
  assert((!scalar || values.size() == 1) && "a scalar holds one value");
  SmallVector<int64_t> shape;
  if (!scalar)
    shape.push_back(static_cast<int64_t>(values.size()));
  auto type = RankedTensorType::get(shape, elementType);
  if (isa<FloatType>(elementType)) {
    auto ft = cast<FloatType>(elementType);
    SmallVector<APFloat> vals;
    for (double v : values) {
      APFloat f(v);
      bool lost = false;
      f.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      vals.push_back(f);
    }
    return constFromAttr(b, loc, DenseFPElementsAttr::get(type, vals));
  }
  auto it = cast<IntegerType>(elementType);
  SmallVector<APInt> vals;
  for (double v : values)
    vals.push_back(APInt(it.getWidth(), static_cast<int64_t>(v),
                         /*isSigned=*/!it.isUnsigned(), /*implicitTrunc=*/true));
  return constFromAttr(b, loc, DenseIntElementsAttr::get(type, vals));
}

Value mlir::oar::constFromAttr(OpBuilder &b, Location loc, ElementsAttr value) {
  return onnx::ConstantOp::create(b, loc, value);
}

Value mlir::oar::castTo(OpBuilder &b, Location loc, Value x,
                        Type elementType) {
  if (getElementType(x) == elementType)
    return x;
  return createOnnxOp(b, loc, "Cast", withElementType(x.getType(), elementType),
                      x,
                      {b.getNamedAttr("to", b.getI64IntegerAttr(getOnnxDataType(
                                                elementType)))})
      ->getResult(0);
}

/// Shape of `x` with dims inserted at `axes` (of the result).
static Type unsqueezedType(Value x, ArrayRef<int64_t> axes) {
  auto ranked = dyn_cast<RankedTensorType>(x.getType());
  if (!ranked)
    return unrankedOf(getElementType(x));
  int64_t outRank = ranked.getRank() + static_cast<int64_t>(axes.size());
  SmallVector<bool> inserted(outRank, false);
  for (int64_t a : axes)
    inserted[normalizeAxis(a, outRank)] = true;
  SmallVector<int64_t> shape;
  int64_t src = 0;
  for (int64_t i = 0; i < outRank; ++i)
    shape.push_back(inserted[i] ? 1 : ranked.getDimSize(src++));
  return RankedTensorType::get(shape, ranked.getElementType());
}

static Type squeezedType(Value x, ArrayRef<int64_t> axes) {
  auto ranked = dyn_cast<RankedTensorType>(x.getType());
  if (!ranked)
    return unrankedOf(getElementType(x));
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < ranked.getRank(); ++i) {
    bool drop = axes.empty() ? ranked.getDimSize(i) == 1
                             : llvm::any_of(axes, [&](int64_t a) {
                                 return normalizeAxis(a, ranked.getRank()) == i;
                               });
    if (!drop)
      shape.push_back(ranked.getDimSize(i));
  }
  return RankedTensorType::get(shape, ranked.getElementType());
}

static Value axesOp(OpBuilder &b, Location loc, int64_t opset,
                    int64_t inputOpset, StringRef opType, Value x,
                    ArrayRef<int64_t> axes, Type resultType,
                    ArrayRef<NamedAttribute> extraAttrs = {}) {
  SmallVector<NamedAttribute> attrs(extraAttrs);
  SmallVector<Value> operands{x};
  // Every onnx op lists all of its inputs: an absent one is onnx.NoValue.
  if (opset >= inputOpset && !axes.empty()) {
    operands.push_back(constI64(b, auxLoc(loc, "axes"), axes));
  } else {
    operands.push_back(noValue(b, loc));
    if (!axes.empty())
      attrs.push_back(b.getNamedAttr("axes", b.getDenseI64ArrayAttr(axes)));
  }
  return createOnnxOp(b, loc, opType, resultType, operands, attrs)
      ->getResult(0);
}

Value mlir::oar::unsqueeze(OpBuilder &b, Location loc, int64_t opset, Value x,
                           ArrayRef<int64_t> axes, Type resultType) {
  if (!resultType)
    resultType = unsqueezedType(x, axes);
  return axesOp(b, loc, opset, 13, "Unsqueeze", x, axes, resultType);
}

Value mlir::oar::squeeze(OpBuilder &b, Location loc, int64_t opset, Value x,
                         ArrayRef<int64_t> axes, Type resultType) {
  if (!resultType)
    resultType = squeezedType(x, axes);
  return axesOp(b, loc, opset, 13, "Squeeze", x, axes, resultType);
}

Value mlir::oar::reshapeTo(OpBuilder &b, Location loc, Value x,
                           ArrayRef<int64_t> shape, Type resultType) {
  Value s = constI64(b, auxLoc(loc, "shape"), shape);
  return createOnnxOp(b, loc, "Reshape", resultType, {x, s})->getResult(0);
}

SmallVector<Value> mlir::oar::splitInto(OpBuilder &b, Location loc,
                                        int64_t opset, Value x, int64_t axis,
                                        ArrayRef<int64_t> splits,
                                        TypeRange resultTypes) {
  SmallVector<NamedAttribute> attrs{
      b.getNamedAttr("axis", b.getI64IntegerAttr(axis))};
  SmallVector<Value> operands{x};
  if (opset >= 13) {
    operands.push_back(constI64(b, auxLoc(loc, "split"), splits));
  } else {
    operands.push_back(noValue(b, loc));
    attrs.push_back(b.getNamedAttr("split", b.getDenseI64ArrayAttr(splits)));
  }
  Operation *op = createOnnxOp(b, loc, "Split", resultTypes, operands, attrs);
  return SmallVector<Value>(op->getResults());
}

Value mlir::oar::reduce(OpBuilder &b, Location loc, int64_t opset,
                        StringRef opType, Value x, ArrayRef<int64_t> axes,
                        bool keepDims, Type resultType) {
  int64_t inputOpset = opType == "ReduceSum" ? 13 : 18;
  NamedAttribute keep =
      b.getNamedAttr("keepdims", b.getI64IntegerAttr(keepDims ? 1 : 0));
  return axesOp(b, loc, opset, inputOpset, opType, x, axes, resultType, keep);
}

Value mlir::oar::sliceConst(OpBuilder &b, Location loc, int64_t opset,
                            Value x, ArrayRef<int64_t> starts,
                            ArrayRef<int64_t> ends, ArrayRef<int64_t> axes,
                            ArrayRef<int64_t> steps, Type resultType) {
  if (opset < 10) {
    assert(llvm::all_of(steps, [](int64_t s) { return s == 1; }) &&
           "Slice before opset 10 has no steps");
    Value none = noValue(b, loc);
    return createOnnxOp(
               b, loc, "Slice", resultType, {x, none, none, none, none},
               {b.getNamedAttr("starts", b.getDenseI64ArrayAttr(starts)),
                b.getNamedAttr("ends", b.getDenseI64ArrayAttr(ends)),
                b.getNamedAttr("axes", b.getDenseI64ArrayAttr(axes))})
        ->getResult(0);
  }
  SmallVector<Value> operands{x, constI64(b, auxLoc(loc, "starts"), starts),
                              constI64(b, auxLoc(loc, "ends"), ends),
                              constI64(b, auxLoc(loc, "axes"), axes)};
  if (llvm::any_of(steps, [](int64_t s) { return s != 1; }))
    operands.push_back(constI64(b, auxLoc(loc, "steps"), steps));
  else
    operands.push_back(noValue(b, loc));
  return createOnnxOp(b, loc, "Slice", resultType, operands)->getResult(0);
}

Value mlir::oar::clip(OpBuilder &b, Location loc, int64_t opset, Value x,
                      std::optional<double> lo, std::optional<double> hi,
                      Type resultType) {
  if (opset < 11) {
    SmallVector<NamedAttribute> attrs;
    if (lo)
      attrs.push_back(b.getNamedAttr("min", b.getF32FloatAttr(*lo)));
    if (hi)
      attrs.push_back(b.getNamedAttr("max", b.getF32FloatAttr(*hi)));
    Value none = noValue(b, loc);
    return createOnnxOp(b, loc, "Clip", resultType, {x, none, none}, attrs)
        ->getResult(0);
  }
  Type et = getElementType(x);
  SmallVector<Value> operands{x};
  operands.push_back(lo ? constOfType(b, auxLoc(loc, "min"), et, {*lo})
                        : noValue(b, loc));
  operands.push_back(hi ? constOfType(b, auxLoc(loc, "max"), et, {*hi})
                        : noValue(b, loc));
  return createOnnxOp(b, loc, "Clip", resultType, operands)->getResult(0);
}

//===----------------------------------------------------------------------===//
// Shape computations
//===----------------------------------------------------------------------===//

std::optional<SmallVector<int64_t>> mlir::oar::getConstantInts(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &i : attr.getValues<APInt>())
    values.push_back(attr.getElementType().isUnsignedInteger()
                         ? static_cast<int64_t>(i.getZExtValue())
                         : i.getSExtValue());
  return values;
}

Value mlir::oar::identityAs(OpBuilder &b, Location loc, Value x, Type type) {
  if (x.getType() == type)
    return x;
  return createOnnxOp(b, loc, "Identity", type, x)->getResult(0);
}

Value mlir::oar::shapeOf(OpBuilder &b, Location loc, Value x) {
  int64_t rank = getRank(x);
  Type type = rank < 0 ? Type(unrankedOf(b.getI64Type()))
                       : RankedTensorType::get({rank}, b.getI64Type());
  return createOnnxOp(b, loc, "Shape", type, x)->getResult(0);
}

Value mlir::oar::toI64Vector(OpBuilder &b, Location loc, Value v) {
  Value i64 = castTo(b, auxLoc(loc, "i64"), v, b.getI64Type());
  if (getRank(i64) == 1)
    return i64;
  auto ranked = dyn_cast<RankedTensorType>(v.getType());
  int64_t n = ranked && ranked.hasStaticShape() ? ranked.getNumElements()
                                                 : ShapedType::kDynamic;
  return reshapeTo(b, auxLoc(loc, "vector"), i64, {-1},
                   RankedTensorType::get({n}, b.getI64Type()));
}

Value mlir::oar::concat1D(OpBuilder &b, Location loc, ValueRange parts) {
  if (parts.size() == 1)
    return parts.front();
  int64_t n = 0;
  for (Value p : parts) {
    auto t = dyn_cast<RankedTensorType>(p.getType());
    if (!t || t.isDynamicDim(0)) {
      n = ShapedType::kDynamic;
      break;
    }
    n += t.getDimSize(0);
  }
  return createOnnxOp(b, loc, "Concat",
                      RankedTensorType::get({n}, getElementType(parts[0])),
                      parts, {b.getNamedAttr("axis", b.getI64IntegerAttr(0))})
      ->getResult(0);
}

Value mlir::oar::i64VectorFromList(OpBuilder &b, Location loc,
                                   ValueRange elems) {
  SmallVector<Value> parts;
  for (auto [i, e] : llvm::enumerate(elems))
    parts.push_back(
        toI64Vector(b, auxLoc(loc, "item" + std::to_string(i)), e));
  return concat1D(b, loc, parts);
}

Value mlir::oar::mergeDimsShape(OpBuilder &b, Location loc, int64_t opset,
                                Value x, int64_t start, int64_t stop) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  ArrayRef<int64_t> dims = type.getShape();
  if (llvm::none_of(dims.drop_front(stop + 1), ShapedType::isDynamic)) {
    SmallVector<int64_t> shape(start, 0);
    shape.push_back(-1);
    llvm::append_range(shape, dims.drop_front(stop + 1));
    return constI64(b, auxLoc(loc, "shape"), shape);
  }
  Value shape = shapeOf(b, auxLoc(loc, "in_shape"), x);
  auto i64Vec = [&](int64_t n) {
    return RankedTensorType::get({n}, b.getI64Type());
  };
  SmallVector<Value> parts;
  if (start > 0)
    parts.push_back(sliceConst(b, auxLoc(loc, "lead"), opset, shape, {0},
                               {start}, {0}, {1}, i64Vec(start)));
  parts.push_back(constI64(b, auxLoc(loc, "merged"), {-1}));
  parts.push_back(sliceConst(b, auxLoc(loc, "trail"), opset, shape,
                             {stop + 1}, {rank}, {0}, {1},
                             i64Vec(rank - stop - 1)));
  return concat1D(b, auxLoc(loc, "shape"), parts);
}
