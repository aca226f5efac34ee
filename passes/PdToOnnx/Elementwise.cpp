//===- Elementwise.cpp - pd to onnx: arithmetic, compare, logical, where --===//
//
// Binary ops broadcast the numpy way in ONNX. Paddle 1.x programs carry an
// `axis` other than -1 (docs/dialect-pd.md, elementwise_c2): the operand of
// lower rank lines up with the other's dims from `axis`. Such an operand is
// first given trailing 1s (or, when it carries more trailing 1s than fit,
// has them squeezed) so that numpy's right alignment puts it at `axis`.
//
// Integer semantics follow Paddle's kernels: `divide` truncates (as ONNX
// Div does), `floor_divide` rounds toward -inf, `remainder` takes the sign
// of the divisor (Python's %), for floats too.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {

Value onnxOp(OpBuilder &b, Location loc, StringRef type, Type resultType,
             ValueRange operands, ArrayRef<NamedAttribute> attrs = {}) {
  return createOnnxOp(b, loc, type, resultType, operands, attrs)->getResult(0);
}

bool isFloatLike(Type t) { return isa<FloatType>(t); }
bool isBool(Type t) { return t.isInteger(1); }
bool isIntLike(Type t) { return isa<IntegerType>(t) && !isBool(t); }

/// The lowest opset at which ONNX op `onnxType` accepts element type `et`
/// (as its main operand type); 0 when no opset Oar writes does.
int64_t opsetFor(StringRef onnxType, Type et) {
  bool f16to64 = et.isF16() || et.isF32() || et.isF64();
  bool bf16 = et.isBF16();
  bool i32or64 = et.isSignlessInteger(32) || et.isSignlessInteger(64) ||
                 et.isUnsignedInteger(32) || et.isUnsignedInteger(64);
  bool narrowInt = isIntLike(et) && !i32or64;
  if (onnxType == "Add" || onnxType == "Sub" || onnxType == "Mul" ||
      onnxType == "Div") {
    if (f16to64 || i32or64)
      return 7;
    if (bf16)
      return 13;
    if (narrowInt)
      return 14;
    return 0;
  }
  if (onnxType == "Pow") {
    if (f16to64)
      return 7;
    if (et.isSignlessInteger(32) || et.isSignlessInteger(64))
      return 12;
    if (bf16)
      return 13;
    return 0;
  }
  if (onnxType == "Max" || onnxType == "Min") {
    if (f16to64)
      return 8;
    if (isIntLike(et) || bf16)
      return 12;
    return 0;
  }
  if (onnxType == "Mod") {
    if (f16to64 || isIntLike(et))
      return 10;
    if (bf16)
      return 13;
    return 0;
  }
  if (onnxType == "Less" || onnxType == "Greater") {
    if (f16to64)
      return 7;
    if (isIntLike(et))
      return 9;
    if (bf16)
      return 13;
    return 0;
  }
  if (onnxType == "LessOrEqual" || onnxType == "GreaterOrEqual") {
    if (f16to64 || isIntLike(et))
      return 12;
    if (bf16)
      return 16;
    return 0;
  }
  if (onnxType == "Equal") {
    if (isBool(et) || et.isSignlessInteger(32) || et.isSignlessInteger(64))
      return 7;
    if (f16to64 || isIntLike(et))
      return 11;
    if (bf16)
      return 13;
    return 0;
  }
  if (onnxType == "Where")
    return bf16 ? 16 : 9;
  return 7;
}

/// Applies Paddle's legacy `axis` (elementwise_c2) to the converted operands
/// `x`, `y` of the pd operands `px`, `py`: the operand of lower rank gets
/// trailing 1s (or loses trailing 1s) so that numpy broadcasting aligns it
/// at `axis`.
void alignAtAxis(OpBuilder &b, Location loc, int64_t opset, Value px,
                 Value py, int64_t axis, Value &x, Value &y) {
  if (axis == -1)
    return;
  auto xt = dyn_cast<RankedTensorType>(px.getType());
  auto yt = dyn_cast<RankedTensorType>(py.getType());
  if (!xt || !yt || xt.getShape() == yt.getShape() ||
      xt.getRank() == yt.getRank())
    return; // Equal ranks: aligned at 0 is numpy's alignment.
  int64_t xr = xt.getRank(), yr = yt.getRank();
  bool ySmall = yr < xr;
  Value &small = ySmall ? y : x;
  ArrayRef<int64_t> smallShape = ySmall ? yt.getShape() : xt.getShape();
  int64_t bigRank = std::max(xr, yr);
  int64_t rs = std::min(xr, yr);
  if (rs == 0)
    return;
  if (axis < 0)
    axis += std::abs(xr - yr) + 1;
  int64_t trailing = bigRank - axis - rs;
  if (trailing == 0)
    return;
  SmallVector<int64_t> newShape(smallShape);
  Type et = getElementType(small);
  if (trailing > 0) {
    SmallVector<int64_t> axes;
    for (int64_t i = 0; i < trailing; ++i) {
      axes.push_back(rs + i);
      newShape.push_back(1);
    }
    small = unsqueeze(b, auxLoc(loc, ySmall ? "y_aligned" : "x_aligned"),
                      opset, small, axes,
                      RankedTensorType::get(newShape, et));
    return;
  }
  // More trailing 1s than fit after `axis` (the verifier checked they are
  // 1s): squeeze the excess.
  SmallVector<int64_t> axes;
  for (int64_t i = rs + trailing; i < rs; ++i)
    axes.push_back(i);
  newShape.resize(rs + trailing);
  small = squeeze(b, auxLoc(loc, ySmall ? "y_aligned" : "x_aligned"), opset,
                  small, axes, RankedTensorType::get(newShape, et));
}

/// Fails with the reason when `onnxType` on `et` is not available at the
/// target opset.
template <typename P>
LogicalResult checkType(const P &pattern, Operation *op, StringRef onnxType,
                        Type et, int64_t opset) {
  int64_t since = opsetFor(onnxType, et);
  if (since == 0) {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << "element type " << et << " is not supported by ONNX's "
       << onnxType;
    return pattern.unsupportedHere(op, os.str());
  }
  if (opset < since)
    return pattern.needsOpsetHere(op, since);
  return success();
}

template <typename SourceOp>
struct ElementwisePattern : PdToOnnxPattern<SourceOp> {
  using PdToOnnxPattern<SourceOp>::PdToOnnxPattern;
  LogicalResult unsupportedHere(Operation *op, const Twine &why) const {
    return this->unsupported(op, why);
  }
  LogicalResult needsOpsetHere(Operation *op, int64_t n) const {
    return this->needsOpset(op, n);
  }
};

/// add, subtract, multiply, divide, elementwise_pow, maximum, minimum: one
/// ONNX op after the legacy alignment.
template <typename PdOp>
struct BinaryToOnnx : ElementwisePattern<PdOp> {
  BinaryToOnnx(MLIRContext *ctx, PdToOnnxState &state, StringRef onnxType)
      : ElementwisePattern<PdOp>(ctx, state), onnxType(onnxType.str()) {}

  LogicalResult
  matchAndRewrite(PdOp op, typename PdOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type et = getElementType(op.getX());
    if (failed(checkType(*this, op, onnxType, et, this->opset())))
      return failure();
    Value x = adaptor.getX(), y = adaptor.getY();
    alignAtAxis(rewriter, op.getLoc(), this->opset(), op.getX(), op.getY(),
                op.getAxis(), x, y);
    rewriter.replaceOp(op, onnxOp(rewriter, op.getLoc(), onnxType,
                                  op.getType(), {x, y}));
    return success();
  }

  std::string onnxType;
};

/// Paddle's floor_divide: floor(x / y). Integers: truncated quotient, less
/// one where the remainder is nonzero and its sign differs from y's.
struct FloorDivideToOnnx : ElementwisePattern<pd::FloorDivideOp> {
  using ElementwisePattern::ElementwisePattern;
  LogicalResult
  matchAndRewrite(pd::FloorDivideOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type et = getElementType(op.getX());
    Type t = op.getType();
    if (failed(checkType(*this, op, "Div", et, opset())))
      return failure();
    Value x = adaptor.getX(), y = adaptor.getY();
    alignAtAxis(rewriter, loc, opset(), op.getX(), op.getY(), op.getAxis(), x,
                y);
    if (isFloatLike(et)) {
      Value q = onnxOp(rewriter, auxLoc(loc, "quotient"), "Div", t, {x, y});
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Floor", t, q));
      return success();
    }
    if (!isIntLike(et))
      return unsupported(op, "floor_divide on bool");
    if (failed(checkType(*this, op, "Less", et, opset())) ||
        failed(checkType(*this, op, "Equal", et, opset())))
      return failure();
    Type bt = withElementType(t, rewriter.getI1Type());
    Type ybt = withElementType(y.getType(), rewriter.getI1Type());
    Value zero = constOfType(rewriter, auxLoc(loc, "zero"), et, {0});
    Value q = onnxOp(rewriter, auxLoc(loc, "trunc_quotient"), "Div", t, {x, y});
    Value qy = onnxOp(rewriter, auxLoc(loc, "trunc_product"), "Mul", t,
                      {q, y});
    Value r = onnxOp(rewriter, auxLoc(loc, "trunc_remainder"), "Sub", t,
                     {x, qy});
    Value need = remainderNeedsFix(rewriter, loc, r, y, zero, bt, ybt);
    Value one = onnxOp(rewriter, auxLoc(loc, "adjust"), "Cast", t, need,
                       {rewriter.getNamedAttr(
                           "to", rewriter.getI64IntegerAttr(
                                     getOnnxDataType(et)))});
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Sub", t, {q, one}));
    return success();
  }

public:
  /// r != 0 and (r < 0) != (y < 0).
  static Value remainderNeedsFix(OpBuilder &b, Location loc, Value r, Value y,
                                 Value zero, Type bt, Type ybt) {
    Value rNeg = onnxOp(b, auxLoc(loc, "rem_negative"), "Less", bt, {r, zero});
    Value yNeg = onnxOp(b, auxLoc(loc, "y_negative"), "Less", ybt, {y, zero});
    Value differ =
        onnxOp(b, auxLoc(loc, "signs_differ"), "Xor", bt, {rNeg, yNeg});
    Value isZero =
        onnxOp(b, auxLoc(loc, "rem_zero"), "Equal", bt, {r, zero});
    Value nonZero = onnxOp(b, auxLoc(loc, "rem_nonzero"), "Not", bt, isZero);
    return onnxOp(b, auxLoc(loc, "fix"), "And", bt, {differ, nonZero});
  }
};

/// Paddle's remainder: x - floor(x / y) * y, the sign of y (Python's %).
/// ONNX Mod with fmod=0 is that for integers; floats need fmod=1 and a
/// fix-up: r + y where r != 0 and r's sign differs from y's.
struct RemainderToOnnx : ElementwisePattern<pd::RemainderOp> {
  using ElementwisePattern::ElementwisePattern;
  LogicalResult
  matchAndRewrite(pd::RemainderOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type et = getElementType(op.getX());
    Type t = op.getType();
    if (failed(checkType(*this, op, "Mod", et, opset())))
      return failure();
    Value x = adaptor.getX(), y = adaptor.getY();
    alignAtAxis(rewriter, loc, opset(), op.getX(), op.getY(), op.getAxis(), x,
                y);
    if (isIntLike(et)) {
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Mod", t, {x, y}));
      return success();
    }
    if (failed(checkType(*this, op, "Equal", et, opset())) ||
        failed(checkType(*this, op, "Where", et, opset())))
      return failure();
    Type bt = withElementType(t, rewriter.getI1Type());
    Type ybt = withElementType(y.getType(), rewriter.getI1Type());
    Value zero = constOfType(rewriter, auxLoc(loc, "zero"), et, {0});
    Value r = onnxOp(rewriter, auxLoc(loc, "fmod"), "Mod", t, {x, y},
                     {rewriter.getNamedAttr("fmod",
                                            rewriter.getI64IntegerAttr(1))});
    Value need =
        FloorDivideToOnnx::remainderNeedsFix(rewriter, loc, r, y, zero, bt,
                                             ybt);
    Value shifted = onnxOp(rewriter, auxLoc(loc, "shifted"), "Add", t, {r, y});
    rewriter.replaceOp(op,
                       onnxOp(rewriter, loc, "Where", t, {need, shifted, r}));
    return success();
  }
};

/// add_n (legacy `sum`): Sum for floats, a chain of Add otherwise.
struct AddNToOnnx : ElementwisePattern<pd::AddNOp> {
  using ElementwisePattern::ElementwisePattern;
  LogicalResult
  matchAndRewrite(pd::AddNOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type t = op.getType();
    ValueRange xs = adaptor.getX();
    if (xs.empty())
      return unsupported(op, "add_n without inputs");
    Type et = cast<ShapedType>(t).getElementType();
    if (xs.size() == 1) {
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Identity", t, xs[0]));
      return success();
    }
    if (failed(checkType(*this, op, "Add", et, opset())))
      return failure();
    if (isFloatLike(et) && !et.isBF16()) {
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Sum", t, xs));
      return success();
    }
    Value acc = xs[0];
    for (size_t i = 1; i < xs.size(); ++i)
      acc = onnxOp(rewriter,
                   i + 1 == xs.size()
                       ? loc
                       : auxLoc(loc, ("partial_" + Twine(i)).str()),
                   "Add", t, {acc, xs[i]});
    rewriter.replaceOp(op, acc);
    return success();
  }
};

enum class Cmp { EQ, NE, LT, LE, GT, GE };

template <typename PdOp, Cmp kind>
struct CompareToOnnx : ElementwisePattern<PdOp> {
  using ElementwisePattern<PdOp>::ElementwisePattern;
  LogicalResult
  matchAndRewrite(PdOp op, typename PdOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type et = getElementType(op.getX());
    Type t = op.getType();
    int64_t opset = this->opset();
    Value x = adaptor.getX(), y = adaptor.getY();
    auto check = [&](StringRef onnxType) {
      return checkType(*this, op, onnxType, et, opset);
    };
    auto build = [&](Location l, StringRef onnxType, Value a, Value c) {
      return onnxOp(rewriter, l, onnxType, t, {a, c});
    };
    Value result;
    switch (kind) {
    case Cmp::EQ:
    case Cmp::NE:
      if (failed(check("Equal")))
        return failure();
      break;
    case Cmp::LT:
    case Cmp::GT:
      if (failed(check(kind == Cmp::LT ? "Less" : "Greater")))
        return failure();
      break;
    case Cmp::LE:
    case Cmp::GE:
      // LessOrEqual and GreaterOrEqual share their type constraints.
      if (int64_t direct = opsetFor("LessOrEqual", et);
          direct == 0 || opset < direct)
        if (failed(check(kind == Cmp::LE ? "Less" : "Greater")) ||
            failed(check("Equal")))
          return failure();
      break;
    }
    alignAtAxis(rewriter, loc, opset, op.getX(), op.getY(), op.getAxis(), x,
                y);
    switch (kind) {
    case Cmp::EQ:
      result = build(loc, "Equal", x, y);
      break;
    case Cmp::NE:
      result = onnxOp(rewriter, loc, "Not", t,
                      build(auxLoc(loc, "equal"), "Equal", x, y));
      break;
    case Cmp::LT:
      result = build(loc, "Less", x, y);
      break;
    case Cmp::GT:
      result = build(loc, "Greater", x, y);
      break;
    case Cmp::LE:
    case Cmp::GE: {
      StringRef direct = kind == Cmp::LE ? "LessOrEqual" : "GreaterOrEqual";
      int64_t since = opsetFor(direct, et);
      if (since != 0 && opset >= since) {
        result = build(loc, direct, x, y);
        break;
      }
      // Not (x > y) would turn NaN comparisons true; Or keeps them false.
      Value strict = build(auxLoc(loc, "strict"),
                           kind == Cmp::LE ? "Less" : "Greater", x, y);
      Value eq = build(auxLoc(loc, "equal"), "Equal", x, y);
      result = build(loc, "Or", strict, eq);
      break;
    }
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// `v` as bool: Paddle's logical ops and where read nonzero as true.
Value asBool(OpBuilder &b, Location loc, Value v, StringRef what) {
  return castTo(b, auxLoc(loc, what), v, b.getI1Type());
}

/// The i1 result `r` cast to `t`'s element type when Paddle's result is
/// not bool.
Value fromBool(OpBuilder &b, Location loc, Value r, Type t) {
  return castTo(b, loc, r, cast<ShapedType>(t).getElementType());
}

template <typename PdOp>
struct LogicalBinaryToOnnx : ElementwisePattern<PdOp> {
  LogicalBinaryToOnnx(MLIRContext *ctx, PdToOnnxState &state,
                      StringRef onnxType)
      : ElementwisePattern<PdOp>(ctx, state), onnxType(onnxType.str()) {}
  LogicalResult
  matchAndRewrite(PdOp op, typename PdOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type t = op.getType();
    Type bt = withElementType(t, rewriter.getI1Type());
    Value x = asBool(rewriter, loc, adaptor.getX(), "x_bool");
    Value y = asBool(rewriter, loc, adaptor.getY(), "y_bool");
    bool castBack = !isBool(cast<ShapedType>(t).getElementType());
    Value r = onnxOp(rewriter, castBack ? auxLoc(loc, "bool") : loc, onnxType,
                     bt, {x, y});
    rewriter.replaceOp(op, fromBool(rewriter, loc, r, t));
    return success();
  }
  std::string onnxType;
};

struct LogicalNotToOnnx : ElementwisePattern<pd::LogicalNotOp> {
  using ElementwisePattern::ElementwisePattern;
  LogicalResult
  matchAndRewrite(pd::LogicalNotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type t = op.getType();
    Type bt = withElementType(t, rewriter.getI1Type());
    Value x = asBool(rewriter, loc, adaptor.getX(), "x_bool");
    bool castBack = !isBool(cast<ShapedType>(t).getElementType());
    Value r = onnxOp(rewriter, castBack ? auxLoc(loc, "bool") : loc, "Not", bt,
                     x);
    rewriter.replaceOp(op, fromBool(rewriter, loc, r, t));
    return success();
  }
};

struct WhereToOnnx : ElementwisePattern<pd::WhereOp> {
  using ElementwisePattern::ElementwisePattern;
  LogicalResult
  matchAndRewrite(pd::WhereOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 9)
      return needsOpset(op, 9);
    Type et = cast<ShapedType>(op.getType()).getElementType();
    if (et.isBF16() && opset() < 16)
      return needsOpset(op, 16);
    Location loc = op.getLoc();
    Value c = asBool(rewriter, loc, adaptor.getCondition(), "condition_bool");
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Where", op.getType(),
                                  {c, adaptor.getX(), adaptor.getY()}));
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxElementwisePatterns(
    RewritePatternSet &patterns, PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BinaryToOnnx<pd::AddOp>>(ctx, state, "Add");
  patterns.add<BinaryToOnnx<pd::SubtractOp>>(ctx, state, "Sub");
  patterns.add<BinaryToOnnx<pd::MultiplyOp>>(ctx, state, "Mul");
  patterns.add<BinaryToOnnx<pd::DivideOp>>(ctx, state, "Div");
  patterns.add<BinaryToOnnx<pd::ElementwisePowOp>>(ctx, state, "Pow");
  patterns.add<BinaryToOnnx<pd::MaximumOp>>(ctx, state, "Max");
  patterns.add<BinaryToOnnx<pd::MinimumOp>>(ctx, state, "Min");
  patterns.add<FloorDivideToOnnx, RemainderToOnnx, AddNToOnnx>(ctx, state);
  patterns.add<CompareToOnnx<pd::EqualOp, Cmp::EQ>,
               CompareToOnnx<pd::NotEqualOp, Cmp::NE>,
               CompareToOnnx<pd::LessThanOp, Cmp::LT>,
               CompareToOnnx<pd::LessEqualOp, Cmp::LE>,
               CompareToOnnx<pd::GreaterThanOp, Cmp::GT>,
               CompareToOnnx<pd::GreaterEqualOp, Cmp::GE>>(ctx, state);
  patterns.add<LogicalBinaryToOnnx<pd::LogicalAndOp>>(ctx, state, "And");
  patterns.add<LogicalBinaryToOnnx<pd::LogicalOrOp>>(ctx, state, "Or");
  patterns.add<LogicalBinaryToOnnx<pd::LogicalXorOp>>(ctx, state, "Xor");
  patterns.add<LogicalNotToOnnx, WhereToOnnx>(ctx, state);
}
