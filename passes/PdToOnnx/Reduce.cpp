//===- Reduce.cpp - pd to onnx: reductions, arg*, cumsum, topk, p_norm ----===//
//
// Paddle 2.6 reduces every dim when `reduce_all` is set, when `dim` is
// empty, and for a 0-D input; a reduction over every dim without keep_dim
// yields a 0-D tensor, as ONNX's does.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::oar;

namespace {

/// An element type that the ONNX reduction `opType` takes at `opset` and
/// that holds `et`'s values: `et` itself where it can.
Type reduceType(StringRef opType, Type et, int64_t opset) {
  MLIRContext *ctx = et.getContext();
  if (et.isF16() || et.isF32() || et.isF64() || et.isSignlessInteger(32) ||
      et.isSignlessInteger(64) || et.isUnsignedInteger(32) ||
      et.isUnsignedInteger(64))
    return et;
  if (et.isBF16())
    return opset >= 13 ? et : Float32Type::get(ctx);
  bool minMax = opType == "ReduceMax" || opType == "ReduceMin";
  if (minMax && opset >= 12 &&
      (et.isSignlessInteger(8) || et.isUnsignedInteger(8)))
    return et;
  if (minMax && opset >= 20 && et.isInteger(1))
    return et;
  return IntegerType::get(ctx, 64);
}

/// The dims Paddle reduces, sorted, without repeats; empty for all.
/// (phi's recompute_reduce_all also reduces every dim when `dim` has as
/// many entries as the input has dims; that differs only for a list with
/// repeats, for which Paddle 2.6's shape inference and kernel disagree.
/// The result type follows shape inference, and so does this.)
SmallVector<int64_t> reducedDims(ArrayRef<int64_t> dims, bool reduceAll,
                                 int64_t rank) {
  if (reduceAll || rank == 0)
    return {};
  SmallVector<int64_t> axes;
  for (int64_t d : dims)
    axes.push_back(normalizeAxis(d, rank));
  llvm::sort(axes);
  axes.erase(llvm::unique(axes), axes.end());
  if (static_cast<int64_t>(axes.size()) == rank)
    axes.clear();
  return axes;
}

/// The reduced shape of `x` over `axes` (empty: all).
RankedTensorType reducedType(Value x, ArrayRef<int64_t> axes, bool keepDims,
                             Type elementType) {
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    bool reduced = axes.empty() || llvm::is_contained(axes, i);
    if (!reduced)
      shape.push_back(type.getDimSize(i));
    else if (keepDims)
      shape.push_back(1);
  }
  return RankedTensorType::get(shape, elementType);
}

/// Whether fitTo can make a value of rank `rank` into `type`.
bool canFit(int64_t rank, Type type) {
  auto t = cast<RankedTensorType>(type);
  return t.getRank() == rank || t.hasStaticShape();
}

/// `v` as a value of `type`: a Cast of the element type and, where the ranks
/// differ (a 0-D result Paddle 2.6 yields where older programs had [1]), a
/// Reshape to the static result shape.
Value fitTo(OpBuilder &b, Location loc, Value v, Type type) {
  auto t = cast<RankedTensorType>(type);
  assert(canFit(getRank(v), type) && "checked by the caller");
  if (getRank(v) != t.getRank()) {
    Value cast = castTo(b, auxLoc(loc, "cast"), v, t.getElementType());
    return reshapeTo(b, loc, cast, t.getShape(), type);
  }
  if (getElementType(v) == t.getElementType())
    return identityAs(b, loc, v, type);
  return createOnnxOp(b, loc, "Cast", type, v,
                      {i64Attr(b, "to", getOnnxDataType(t.getElementType()))})
      ->getResult(0);
}

/// A pattern shared by several pd ops, each lowered to its own ONNX op.
template <typename OpTy> struct ToOnnxOpType : PdToOnnxPattern<OpTy> {
  ToOnnxOpType(MLIRContext *ctx, PdToOnnxState &state, StringRef opType)
      : PdToOnnxPattern<OpTy>(ctx, state), opType(opType) {}

protected:
  std::string opType;
};

//===----------------------------------------------------------------------===//
// mean, sum, max, min, prod
//===----------------------------------------------------------------------===//

/// Paddle reduces in the result's element type (`sum`'s out_dtype; bool
/// and int32 sums are int64): the input is cast to it first.
template <typename OpTy> struct ReduceToOnnx : ToOnnxOpType<OpTy> {
  using ToOnnxOpType<OpTy>::ToOnnxOpType;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    Type type = op.getType();
    Type et = getElementType(op.getOut());
    // The reduction of a 0-D tensor is its value.
    if (rank == 0) {
      if (!canFit(0, type))
        return this->unsupported(op, "unexpected result shape");
      rewriter.replaceOp(op, fitTo(rewriter, loc, x, type));
      return success();
    }
    bool keep = op.getKeepDim();
    SmallVector<int64_t> axes =
        reducedDims(op.getDim(), op.getReduceAll(), rank);
    Type ct = reduceType(this->opType, et, this->opset());
    RankedTensorType redType = reducedType(x, axes, keep, ct);
    if (!canFit(redType.getRank(), type))
      return this->unsupported(op, "the result rank does not match dim");
    Value in = castTo(rewriter, auxLoc(loc, "in"), x, ct);
    bool direct =
        ct == et && redType.getRank() == cast<RankedTensorType>(type).getRank();
    Value r =
        reduce(rewriter, direct ? loc : auxLoc(loc, "reduce"), this->opset(),
               this->opType, in, axes, keep, direct ? type : Type(redType));
    rewriter.replaceOp(op, fitTo(rewriter, loc, r, type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// argmax, argmin
//===----------------------------------------------------------------------===//

/// ONNX yields int64 indices (the first of equal values, as Paddle);
/// Paddle's dtype may be int32. `flatten` reads the input as 1-D.
template <typename OpTy> struct ArgToOnnx : ToOnnxOpType<OpTy> {
  using ToOnnxOpType<OpTy>::ToOnnxOpType;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = getRank(x);
    // The only index into a 0-D tensor is 0.
    if (rank == 0) {
      if (type.getRank() > 1 || !type.hasStaticShape())
        return this->unsupported(op, "unexpected result shape");
      Value zero = constOfType(rewriter, loc, type.getElementType(), {0},
                               /*scalar=*/type.getRank() == 0);
      rewriter.replaceOp(op, zero);
      return success();
    }
    if (getElementType(x).isInteger(1))
      return this->unsupported(op, "bool input");
    int64_t axis = normalizeAxis(op.getAxis(), rank);
    bool keep = op.getKeepdims();
    if (!canFit(op.getFlatten() ? 0 : (keep ? rank : rank - 1), type))
      return this->unsupported(op, "unexpected result shape");
    if (op.getFlatten()) {
      auto xt = cast<RankedTensorType>(x.getType());
      int64_t n =
          xt.hasStaticShape() ? xt.getNumElements() : ShapedType::kDynamic;
      x = reshapeTo(rewriter, auxLoc(loc, "flatten"), x, {-1},
                    RankedTensorType::get({n}, xt.getElementType()));
      axis = 0;
      keep = false;
    }
    auto i64 = rewriter.getI64Type();
    Type argType = reducedType(x, {axis}, keep, i64);
    bool direct = argType == type;
    Value arg = createOnnxOp(rewriter, direct ? loc : auxLoc(loc, "arg"),
                             this->opType, argType, x,
                             {i64Attr(rewriter, "axis", axis),
                              i64Attr(rewriter, "keepdims", keep ? 1 : 0)})
                    ->getResult(0);
    rewriter.replaceOp(op, fitTo(rewriter, loc, arg, type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// cumsum
//===----------------------------------------------------------------------===//

struct CumsumToOnnx : PdToOnnxPattern<pd::CumsumOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::CumsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 11)
      return needsOpset(op, 11);
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xt = cast<RankedTensorType>(x.getType());
    Type et = xt.getElementType();
    if ((et.isF16() || et.isBF16()) && opset() < 14)
      return needsOpset(op, 14);
    int64_t axis = 0;
    bool flat = op.getFlatten() || xt.getRank() == 0;
    if (!canFit(flat ? 1 : xt.getRank(), op.getType()))
      return unsupported(op, "unexpected result shape");
    // A 0-D input and `flatten` scan the input as 1-D.
    if (flat) {
      int64_t n =
          xt.hasStaticShape() ? xt.getNumElements() : ShapedType::kDynamic;
      x = reshapeTo(rewriter, auxLoc(loc, "flatten"), x, {-1},
                    RankedTensorType::get({n}, et));
    } else {
      axis = normalizeAxis(op.getAxis(), xt.getRank());
    }
    Type ct = reduceType("ReduceSum", et, opset());
    Value in = castTo(rewriter, auxLoc(loc, "in"), x, ct);
    Type type = op.getType();
    bool direct = ct == et && in.getType() == type;
    Value y =
        createOnnxOp(rewriter, direct ? loc : auxLoc(loc, "cumsum"), "CumSum",
                     direct ? type : in.getType(),
                     {in, constI64(rewriter, auxLoc(loc, "axis"), {axis},
                                   /*scalar=*/true)},
                     {i64Attr(rewriter, "exclusive", op.getExclusive() ? 1 : 0),
                      i64Attr(rewriter, "reverse", op.getReverse() ? 1 : 0)})
            ->getResult(0);
    rewriter.replaceOp(op, fitTo(rewriter, loc, y, type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// topk
//===----------------------------------------------------------------------===//

/// K is an attribute before opset 10; `largest` and `sorted` exist from 11
/// (before, TopK yields the largest, sorted).
struct TopkToOnnx : PdToOnnxPattern<pd::TopkOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::TopkOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    // The top 1 of a 0-D tensor is itself, at index 0.
    if (rank == 0) {
      if (adaptor.getKTensor() || op.getK() != 1 ||
          getRank(op.getIndices()) != 0)
        return unsupported(op, "0-D input with k other than 1");
      rewriter.replaceOp(op,
                         {identityAs(rewriter, loc, x, op.getOut().getType()),
                          constOfType(rewriter, auxLoc(loc, "indices"),
                                      getElementType(op.getIndices()), {0})});
      return success();
    }
    int64_t axis = normalizeAxis(op.getAxis(), rank);
    if (!op.getLargest() && opset() < 11)
      return needsOpset(op, 11);
    int64_t k = op.getK();
    bool constK = true;
    if (Value t = adaptor.getKTensor()) {
      auto c = getConstantInts(t);
      constK = c && c->size() == 1;
      if (constK)
        k = c->front();
    }
    if (!constK && opset() < 10)
      return needsOpset(op, 10);
    SmallVector<NamedAttribute> attrs{i64Attr(rewriter, "axis", axis)};
    SmallVector<Value> operands{x};
    if (opset() < 10)
      attrs.push_back(i64Attr(rewriter, "k", k));
    else if (constK)
      operands.push_back(constI64(rewriter, auxLoc(loc, "k"), {k}));
    else
      operands.push_back(
          toI64Vector(rewriter, auxLoc(loc, "k"), adaptor.getKTensor()));
    if (opset() >= 11) {
      attrs.push_back(i64Attr(rewriter, "largest", op.getLargest() ? 1 : 0));
      attrs.push_back(i64Attr(rewriter, "sorted", op.getSorted() ? 1 : 0));
    }
    Type indicesType = op.getIndices().getType();
    auto i64 = rewriter.getI64Type();
    bool directIndices = getElementType(op.getIndices()) == i64;
    Operation *topk = createOnnxOp(
        rewriter, loc, "TopK",
        {op.getOut().getType(),
         directIndices ? indicesType : withElementType(indicesType, i64)},
        operands, attrs);
    Value indices = topk->getResult(1);
    if (!directIndices)
      indices = castTo(rewriter, auxLoc(loc, "indices"), indices,
                       getElementType(op.getIndices()));
    rewriter.replaceOp(op, {topk->getResult(0), indices});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// p_norm
//===----------------------------------------------------------------------===//

/// Paddle's p_norm: p = 0 counts non-zeros, +-inf take the max/min of
/// |x|, others (sum |x|^p)^(1/p); `asvector` norms over every dim.
/// `epsilon` only serves the gradient.
struct PNormToOnnx : PdToOnnxPattern<pd::PNormOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::PNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xt = cast<RankedTensorType>(x.getType());
    Type et = xt.getElementType();
    if (!isa<FloatType>(et))
      return unsupported(op, "non-float input");
    Type type = op.getType();
    double p = op.getPorder().convertToFloat();
    bool keep = op.getKeepdim();
    SmallVector<int64_t> axes;
    int64_t redRank = xt.getRank() == 0 || (op.getAsvector() && !keep) ? 0
                      : keep ? xt.getRank()
                             : xt.getRank() - 1;
    if (!canFit(redRank, op.getType()))
      return unsupported(op, "unexpected result shape");
    if (xt.getRank() == 0) {
      x = reshapeTo(rewriter, auxLoc(loc, "vector"), x, {1},
                    RankedTensorType::get({1}, et));
      keep = false;
    } else if (!op.getAsvector()) {
      axes.push_back(normalizeAxis(op.getAxis(), xt.getRank()));
    }
    Type redType = reducedType(x, axes, keep, et);
    bool direct = redType == type;
    Location redLoc = direct ? loc : auxLoc(loc, "norm");
    auto unary = [&](StringRef opType, Value v) {
      return createOnnxOp(rewriter, auxLoc(loc, opType.lower()), opType,
                          v.getType(), v)
          ->getResult(0);
    };
    auto red = [&](StringRef opType, Value v, Location l, Type t) {
      return reduce(rewriter, l, opset(), opType, v, axes, keep, t);
    };
    Value r;
    if (p == 2) {
      r = red("ReduceL2", x, redLoc, redType);
    } else if (p == 1) {
      r = red("ReduceL1", x, redLoc, redType);
    } else if (std::isinf(p)) {
      r = red(p > 0 ? "ReduceMax" : "ReduceMin", unary("Abs", x), redLoc,
              redType);
    } else if (p == 0) {
      Value zero = constOfType(rewriter, auxLoc(loc, "zero"), et, {0});
      Value eq =
          createOnnxOp(rewriter, auxLoc(loc, "is_zero"), "Equal",
                       withElementType(x.getType(), rewriter.getI1Type()),
                       {x, zero})
              ->getResult(0);
      Value nz = castTo(rewriter, auxLoc(loc, "nonzero"), unary("Not", eq), et);
      r = red("ReduceSum", nz, redLoc, redType);
    } else {
      Value pv = constOfType(rewriter, auxLoc(loc, "p"), et, {p});
      Value ip = constOfType(rewriter, auxLoc(loc, "inv_p"), et, {1.0 / p});
      Value pw = createOnnxOp(rewriter, auxLoc(loc, "pow"), "Pow", x.getType(),
                              {unary("Abs", x), pv})
                     ->getResult(0);
      Value sum = red("ReduceSum", pw, auxLoc(loc, "sum"), redType);
      r = createOnnxOp(rewriter, redLoc, "Pow", redType, {sum, ip})
              ->getResult(0);
    }
    rewriter.replaceOp(op, fitTo(rewriter, loc, r, type));
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxReducePatterns(RewritePatternSet &patterns,
                                               PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReduceToOnnx<pd::MeanOp>>(ctx, state, "ReduceMean");
  patterns.add<ReduceToOnnx<pd::SumOp>>(ctx, state, "ReduceSum");
  patterns.add<ReduceToOnnx<pd::MaxOp>>(ctx, state, "ReduceMax");
  patterns.add<ReduceToOnnx<pd::MinOp>>(ctx, state, "ReduceMin");
  patterns.add<ReduceToOnnx<pd::ProdOp>>(ctx, state, "ReduceProd");
  // all and any: ReduceMin and ReduceMax of the bools (as int64 where the
  // opset's reductions take no bool).
  patterns.add<ReduceToOnnx<pd::AllOp>>(ctx, state, "ReduceMin");
  patterns.add<ReduceToOnnx<pd::AnyOp>>(ctx, state, "ReduceMax");
  patterns.add<ArgToOnnx<pd::ArgmaxOp>>(ctx, state, "ArgMax");
  patterns.add<ArgToOnnx<pd::ArgminOp>>(ctx, state, "ArgMin");
  patterns.add<CumsumToOnnx, TopkToOnnx, PNormToOnnx>(ctx, state);
}
