//===- Activation.cpp - pd to onnx: activations and unary math -----------===//
//
// relu ... square map onto one ONNX op where ONNX has it at the target
// opset, and onto a short formula otherwise (gelu before opset 20, swish,
// hardswish with Paddle's non-default attributes, softplus with a beta).
// scale, pow, clip take their scalar from an attribute or, when Paddle gave
// one, from a 1-element tensor operand. dropout is converted with inference
// semantics whatever `is_test` says: the exported model is for inference.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"

#include <cmath>

using namespace mlir;
using namespace mlir::oar;

namespace {

double attrValue(FloatAttr a) { return a.getValueAsDouble(); }

Value onnxOp(OpBuilder &b, Location loc, StringRef type, Type resultType,
             ValueRange operands, ArrayRef<NamedAttribute> attrs = {}) {
  return createOnnxOp(b, loc, type, resultType, operands, attrs)->getResult(0);
}

/// A 0-D constant of `like`'s element type.
Value scalarLike(OpBuilder &b, Location loc, Value like, double v,
                 StringRef what) {
  return constOfType(b, auxLoc(loc, what), getElementType(like), {v});
}

/// A 1-element tensor operand (Paddle's ScaleTensor, FactorTensor, Min,
/// Max) as a 0-D tensor of `elementType`.
Value scalarOperand(OpBuilder &b, Location loc, Value t, Type elementType,
                    StringRef what) {
  Type et = getElementType(t);
  Value s = t;
  if (getRank(t) != 0)
    s = reshapeTo(b, auxLoc(loc, (what + "_scalar").str()), t, {},
                  RankedTensorType::get({}, et));
  return castTo(b, auxLoc(loc, (what + "_cast").str()), s, elementType);
}

bool isFloatTensor(Value v) { return isa<FloatType>(getElementType(v)); }

/// pd ops that map onto one ONNX op of the same operand, available from
/// opset `since` (7 when older).
template <typename PdOp>
struct UnaryToOnnx : PdToOnnxPattern<PdOp> {
  UnaryToOnnx(MLIRContext *ctx, PdToOnnxState &state, StringRef onnxType,
              int64_t since = 7)
      : PdToOnnxPattern<PdOp>(ctx, state), onnxType(onnxType.str()),
        since(since) {}

  LogicalResult
  matchAndRewrite(PdOp op, typename PdOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (this->opset() < since)
      return this->needsOpset(op, since);
    // Non-float inputs: Abs takes any number, Relu signed integers from
    // opset 14; the others only floats.
    Type et = getElementType(op.getX());
    if (!isa<FloatType>(et)) {
      bool signedInt = isa<IntegerType>(et) && !et.isInteger(1) &&
                       !et.isUnsignedInteger();
      if (onnxType == "Relu" && signedInt) {
        if (this->opset() < 14)
          return this->needsOpset(op, 14);
      } else if (!(onnxType == "Abs" && isa<IntegerType>(et) &&
                   !et.isInteger(1))) {
        std::string s;
        llvm::raw_string_ostream os(s);
        os << "element type " << et << " is not supported by ONNX's "
           << onnxType;
        return this->unsupported(op, os.str());
      }
    }
    rewriter.replaceOp(op, onnxOp(rewriter, op.getLoc(), onnxType,
                                  op->getResult(0).getType(),
                                  adaptor.getX()));
    return success();
  }

  std::string onnxType;
  int64_t since;
};

/// The patterns with a lowering of their own, defined below.
#define PD_PATTERN(NAME, PDOP)                                                 \
  struct NAME : PdToOnnxPattern<pd::PDOP> {                                    \
    using PdToOnnxPattern::PdToOnnxPattern;                                    \
    LogicalResult                                                              \
    matchAndRewrite(pd::PDOP op, OpAdaptor adaptor,                            \
                    ConversionPatternRewriter &rewriter) const override;       \
  };

PD_PATTERN(Relu6ToOnnx, Relu6Op)
PD_PATTERN(LeakyReluToOnnx, LeakyReluOp)
PD_PATTERN(HardsigmoidToOnnx, HardsigmoidOp)
PD_PATTERN(HardswishToOnnx, HardswishOp)
PD_PATTERN(SwishToOnnx, SwishOp)
PD_PATTERN(SiluToOnnx, SiluOp)
PD_PATTERN(GeluToOnnx, GeluOp)
PD_PATTERN(RsqrtToOnnx, RsqrtOp)
PD_PATTERN(SquareToOnnx, SquareOp)
PD_PATTERN(SoftplusToOnnx, SoftplusOp)
PD_PATTERN(PowToOnnx, PowOp)
PD_PATTERN(ScaleToOnnx, ScaleOp)
PD_PATTERN(ClipToOnnx, ClipOp)
PD_PATTERN(AssignToOnnx, AssignOp)
PD_PATTERN(DropoutToOnnx, DropoutOp)
#undef PD_PATTERN

LogicalResult
Relu6ToOnnx::matchAndRewrite(pd::Relu6Op op, OpAdaptor adaptor,
                             ConversionPatternRewriter &rewriter) const {
  Value x = adaptor.getX();
  if (!isFloatTensor(x) && opset() < 12)
    return needsOpset(op, 12); // Clip on integers
  rewriter.replaceOp(op, clip(rewriter, op.getLoc(), opset(), x, 0.0, 6.0,
                              op.getType()));
  return success();
}

LogicalResult
LeakyReluToOnnx::matchAndRewrite(pd::LeakyReluOp op, OpAdaptor adaptor,
                                 ConversionPatternRewriter &rewriter) const {
  rewriter.replaceOp(
      op, onnxOp(rewriter, op.getLoc(), "LeakyRelu", op.getType(),
                 adaptor.getX(),
                 {rewriter.getNamedAttr("alpha", op.getAlphaAttr())}));
  return success();
}

LogicalResult
HardsigmoidToOnnx::matchAndRewrite(pd::HardsigmoidOp op, OpAdaptor adaptor,
                                   ConversionPatternRewriter &rewriter) const {
  rewriter.replaceOp(
      op, onnxOp(rewriter, op.getLoc(), "HardSigmoid", op.getType(),
                 adaptor.getX(),
                 {rewriter.getNamedAttr("alpha", op.getSlopeAttr()),
                  rewriter.getNamedAttr("beta", op.getOffsetAttr())}));
  return success();
}

LogicalResult
HardswishToOnnx::matchAndRewrite(pd::HardswishOp op, OpAdaptor adaptor,
                                 ConversionPatternRewriter &rewriter) const {
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  double threshold = attrValue(op.getThresholdAttr());
  double scale = attrValue(op.getScaleAttr());
  double offset = attrValue(op.getOffsetAttr());
  if (threshold == 6.0 && scale == 6.0 && offset == 3.0 && opset() >= 14) {
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "HardSwish", t, x));
    return success();
  }
  // x * min(max(x + offset, 0), threshold) / scale
  Value shifted = onnxOp(rewriter, auxLoc(loc, "shifted"), "Add", t,
                         {x, scalarLike(rewriter, loc, x, offset, "offset")});
  Value clipped = clip(rewriter, auxLoc(loc, "clipped"), opset(), shifted, 0.0,
                       threshold, t);
  Value prod = onnxOp(rewriter, auxLoc(loc, "prod"), "Mul", t, {x, clipped});
  rewriter.replaceOp(op, onnxOp(rewriter, loc, "Div", t,
                                {prod, scalarLike(rewriter, loc, x, scale,
                                                  "scale")}));
  return success();
}

/// x * sigmoid(x)
Value silu(OpBuilder &b, Location loc, Value x, Type t) {
  Value s = onnxOp(b, auxLoc(loc, "sigmoid"), "Sigmoid", t, x);
  return onnxOp(b, loc, "Mul", t, {x, s});
}

LogicalResult
SwishToOnnx::matchAndRewrite(pd::SwishOp op, OpAdaptor adaptor,
                             ConversionPatternRewriter &rewriter) const {
  rewriter.replaceOp(op,
                     silu(rewriter, op.getLoc(), adaptor.getX(), op.getType()));
  return success();
}

LogicalResult
SiluToOnnx::matchAndRewrite(pd::SiluOp op, OpAdaptor adaptor,
                            ConversionPatternRewriter &rewriter) const {
  rewriter.replaceOp(op,
                     silu(rewriter, op.getLoc(), adaptor.getX(), op.getType()));
  return success();
}

LogicalResult
GeluToOnnx::matchAndRewrite(pd::GeluOp op, OpAdaptor adaptor,
                            ConversionPatternRewriter &rewriter) const {
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  bool approximate = op.getApproximate();
  if (opset() >= 20) {
    SmallVector<NamedAttribute> attrs;
    if (approximate)
      attrs.push_back(rewriter.getNamedAttr(
          "approximate", rewriter.getStringAttr("tanh")));
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Gelu", t, x, attrs));
    return success();
  }
  Value inner;
  if (approximate) {
    // tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))
    Value sq = onnxOp(rewriter, auxLoc(loc, "sq"), "Mul", t, {x, x});
    Value cube = onnxOp(rewriter, auxLoc(loc, "cube"), "Mul", t, {sq, x});
    Value c = onnxOp(rewriter, auxLoc(loc, "cube_scaled"), "Mul", t,
                     {cube, scalarLike(rewriter, loc, x, 0.044715, "coeff")});
    Value sum = onnxOp(rewriter, auxLoc(loc, "poly"), "Add", t, {x, c});
    Value arg = onnxOp(
        rewriter, auxLoc(loc, "tanh_arg"), "Mul", t,
        {sum, scalarLike(rewriter, loc, x, std::sqrt(2.0 / M_PI), "k")});
    inner = onnxOp(rewriter, auxLoc(loc, "tanh"), "Tanh", t, arg);
  } else {
    // erf(x / sqrt(2))
    if (opset() < 9)
      return needsOpset(op, 9);
    Value arg = onnxOp(rewriter, auxLoc(loc, "erf_arg"), "Mul", t,
                       {x, scalarLike(rewriter, loc, x, M_SQRT1_2, "k")});
    inner = onnxOp(rewriter, auxLoc(loc, "erf"), "Erf", t, arg);
  }
  // 0.5 * x * (1 + inner)
  Value onePlus = onnxOp(rewriter, auxLoc(loc, "one_plus"), "Add", t,
                         {inner, scalarLike(rewriter, loc, x, 1.0, "one")});
  Value half = onnxOp(rewriter, auxLoc(loc, "half_x"), "Mul", t,
                      {x, scalarLike(rewriter, loc, x, 0.5, "half")});
  rewriter.replaceOp(op, onnxOp(rewriter, loc, "Mul", t, {half, onePlus}));
  return success();
}

LogicalResult
RsqrtToOnnx::matchAndRewrite(pd::RsqrtOp op, OpAdaptor adaptor,
                             ConversionPatternRewriter &rewriter) const {
  Location loc = op.getLoc();
  Value s = onnxOp(rewriter, auxLoc(loc, "sqrt"), "Sqrt", op.getType(),
                   adaptor.getX());
  rewriter.replaceOp(op, onnxOp(rewriter, loc, "Reciprocal", op.getType(), s));
  return success();
}

LogicalResult
SquareToOnnx::matchAndRewrite(pd::SquareOp op, OpAdaptor adaptor,
                              ConversionPatternRewriter &rewriter) const {
  Value x = adaptor.getX();
  rewriter.replaceOp(
      op, onnxOp(rewriter, op.getLoc(), "Mul", op.getType(), {x, x}));
  return success();
}

LogicalResult
SoftplusToOnnx::matchAndRewrite(pd::SoftplusOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const {
  // Paddle: beta * x > threshold ? x : log(1 + exp(beta * x)) / beta.
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  double beta = attrValue(op.getBetaAttr());
  double threshold = attrValue(op.getThresholdAttr());
  // Above a threshold of 15 the linear branch and softplus differ by less
  // than exp(-15) / 15 relatively, under float32's epsilon; ONNX's Softplus
  // is itself computed stably for large inputs.
  bool exactThreshold = threshold < 15.0;
  Value bx = x;
  if (beta != 1.0)
    bx = onnxOp(rewriter, auxLoc(loc, "beta_x"), "Mul", t,
                {x, scalarLike(rewriter, loc, x, beta, "beta")});
  Location spLoc = (beta != 1.0 || exactThreshold) ? auxLoc(loc, "softplus")
                                                   : loc;
  Value sp = onnxOp(rewriter, spLoc, "Softplus", t, bx);
  if (beta != 1.0)
    sp = onnxOp(rewriter, exactThreshold ? auxLoc(loc, "div_beta") : loc,
                "Div", t, {sp, scalarLike(rewriter, loc, x, beta, "beta_div")});
  if (exactThreshold) {
    if (opset() < 9)
      return needsOpset(op, 9); // Where
    Type boolType = withElementType(t, rewriter.getI1Type());
    Value over = onnxOp(
        rewriter, auxLoc(loc, "linear"), "Greater", boolType,
        {bx, scalarLike(rewriter, loc, x, threshold, "threshold")});
    sp = onnxOp(rewriter, loc, "Where", t, {over, x, sp});
  }
  rewriter.replaceOp(op, sp);
  return success();
}

LogicalResult
PowToOnnx::matchAndRewrite(pd::PowOp op, OpAdaptor adaptor,
                           ConversionPatternRewriter &rewriter) const {
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  bool isFloat = isFloatTensor(x);
  if (!isFloat && opset() < 12)
    return needsOpset(op, 12); // Pow on integers
  // The exponent: float for float x (of x's type, as Pow before opset 12
  // wants), f32 for integer x (Paddle computes std::pow(x, factor) and
  // truncates, as ONNX's Pow with a float exponent does).
  Type expType = isFloat ? getElementType(x) : rewriter.getF32Type();
  Value factor;
  if (Value ft = adaptor.getFactorTensor()) {
    factor = scalarOperand(rewriter, loc, ft, expType, "factor");
  } else {
    double f = attrValue(op.getFactorAttr());
    if (f == 1.0) {
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Identity", t, x));
      return success();
    }
    if (f == 2.0) {
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Mul", t, {x, x}));
      return success();
    }
    if (isFloat && f == 0.5) {
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Sqrt", t, x));
      return success();
    }
    factor = constOfType(rewriter, auxLoc(loc, "factor"), expType, {f});
  }
  rewriter.replaceOp(op, onnxOp(rewriter, loc, "Pow", t, {x, factor}));
  return success();
}

LogicalResult
ScaleToOnnx::matchAndRewrite(pd::ScaleOp op, OpAdaptor adaptor,
                             ConversionPatternRewriter &rewriter) const {
  // bias_after_scale: scale * x + bias; otherwise scale * (x + bias). On
  // integer x, Paddle casts scale and bias to x's type (truncating) and
  // computes in it; so does this lowering.
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  Type et = getElementType(x);
  if (getElementType(op.getOut()) != et)
    return unsupported(op, "the result's element type differs from x's");
  double scale = attrValue(op.getScaleAttr());
  double bias = attrValue(op.getBiasAttr());
  if (!isa<FloatType>(et)) {
    scale = std::trunc(scale);
    bias = std::trunc(bias);
  }
  Value scaleTensor = adaptor.getScaleTensor();
  bool hasScale = scaleTensor || scale != 1.0;
  bool hasBias = bias != 0.0;
  if (!hasScale && !hasBias) {
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Identity", t, x));
    return success();
  }
  auto scaleValue = [&]() -> Value {
    if (scaleTensor)
      return scalarOperand(rewriter, loc, scaleTensor, et, "scale");
    return constOfType(rewriter, auxLoc(loc, "scale"), et, {scale});
  };
  auto biasValue = [&]() -> Value {
    return constOfType(rewriter, auxLoc(loc, "bias"), et, {bias});
  };
  Value result;
  if (op.getBiasAfterScale()) {
    result = x;
    if (hasScale)
      result = onnxOp(rewriter, hasBias ? auxLoc(loc, "scaled") : loc, "Mul",
                      t, {result, scaleValue()});
    if (hasBias)
      result = onnxOp(rewriter, loc, "Add", t, {result, biasValue()});
  } else {
    result = x;
    if (hasBias)
      result = onnxOp(rewriter, hasScale ? auxLoc(loc, "biased") : loc, "Add",
                      t, {result, biasValue()});
    if (hasScale)
      result = onnxOp(rewriter, loc, "Mul", t, {result, scaleValue()});
  }
  rewriter.replaceOp(op, result);
  return success();
}

LogicalResult
ClipToOnnx::matchAndRewrite(pd::ClipOp op, OpAdaptor adaptor,
                            ConversionPatternRewriter &rewriter) const {
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  Type et = getElementType(x);
  if (!isa<FloatType>(et) && opset() < 12)
    return needsOpset(op, 12); // Clip on integers
  Value minT = adaptor.getMinTensor(), maxT = adaptor.getMaxTensor();
  double lo = attrValue(op.getMinAttr()), hi = attrValue(op.getMaxAttr());
  if (!minT && !maxT) {
    rewriter.replaceOp(op, clip(rewriter, loc, opset(), x, lo, hi, t));
    return success();
  }
  if (opset() < 11)
    return needsOpset(op, 11); // Clip's bounds as inputs
  Value minV = minT ? scalarOperand(rewriter, loc, minT, et, "min")
                    : constOfType(rewriter, auxLoc(loc, "min"), et, {lo});
  Value maxV = maxT ? scalarOperand(rewriter, loc, maxT, et, "max")
                    : constOfType(rewriter, auxLoc(loc, "max"), et, {hi});
  rewriter.replaceOp(op, onnxOp(rewriter, loc, "Clip", t, {x, minV, maxV}));
  return success();
}

LogicalResult
AssignToOnnx::matchAndRewrite(pd::AssignOp op, OpAdaptor adaptor,
                              ConversionPatternRewriter &rewriter) const {
  Value x = adaptor.getX();
  if (!x)
    return unsupported(op, "assign without an input");
  rewriter.replaceOp(
      op, onnxOp(rewriter, op.getLoc(), "Identity", op.getType(), x));
  return success();
}

LogicalResult
DropoutToOnnx::matchAndRewrite(pd::DropoutOp op, OpAdaptor adaptor,
                               ConversionPatternRewriter &rewriter) const {
  Location loc = op.getLoc();
  Value x = adaptor.getX();
  Type t = op.getType();
  StringRef impl = op.getDropoutImplementation();
  if (impl == "upscale_in_train") {
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Identity", t, x));
    return success();
  }
  if (impl != "downgrade_in_infer")
    return unsupported(op, "dropout_implementation '" + impl +
                               "' is not supported");
  double keep = 1.0 - attrValue(op.getDropoutProbAttr());
  rewriter.replaceOp(op, onnxOp(rewriter, loc, "Mul", t,
                                {x, scalarLike(rewriter, loc, x, keep,
                                               "keep_prob")}));
  return success();
}

} // namespace

void mlir::oar::populatePdToOnnxActivationPatterns(RewritePatternSet &patterns,
                                                   PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<UnaryToOnnx<pd::ReluOp>>(ctx, state, "Relu");
  patterns.add<UnaryToOnnx<pd::SigmoidOp>>(ctx, state, "Sigmoid");
  patterns.add<UnaryToOnnx<pd::TanhOp>>(ctx, state, "Tanh");
  patterns.add<UnaryToOnnx<pd::ExpOp>>(ctx, state, "Exp");
  patterns.add<UnaryToOnnx<pd::LogOp>>(ctx, state, "Log");
  patterns.add<UnaryToOnnx<pd::SqrtOp>>(ctx, state, "Sqrt");
  patterns.add<UnaryToOnnx<pd::AbsOp>>(ctx, state, "Abs");
  patterns.add<UnaryToOnnx<pd::SinOp>>(ctx, state, "Sin");
  patterns.add<UnaryToOnnx<pd::CosOp>>(ctx, state, "Cos");
  patterns.add<UnaryToOnnx<pd::ErfOp>>(ctx, state, "Erf", 9);
  patterns.add<UnaryToOnnx<pd::FloorOp>>(ctx, state, "Floor");
  patterns.add<UnaryToOnnx<pd::CeilOp>>(ctx, state, "Ceil");
  patterns.add<Relu6ToOnnx, LeakyReluToOnnx, HardsigmoidToOnnx,
               HardswishToOnnx, SwishToOnnx, SiluToOnnx, GeluToOnnx,
               RsqrtToOnnx, SquareToOnnx, SoftplusToOnnx, PowToOnnx,
               ScaleToOnnx, ClipToOnnx, AssignToOnnx, DropoutToOnnx>(ctx,
                                                                     state);
}
