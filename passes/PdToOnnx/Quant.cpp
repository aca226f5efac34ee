//===- Quant.cpp - pd to onnx: fake quantize-dequantize -------------------===//
//
// Paddle's QAT fake-quant pairs (paddle/fluid/operators/fake_quantize_op.*)
// stay in float in Paddle: out = round(x * (bin / s)) * s / bin, with x
// clipped to [-s, s] first, bin = 2^(bit_length-1) - 1 and s the abs-max
// (docs: shared/reference/paddle-quantization-ops.md, docs/quantization.md).
//
// They are lowered to float ONNX ops that compute exactly what Paddle's CPU
// kernel computes, operation for operation in f32: Clip, Mul by the f32
// constant bin * (1 / s), a round half away from zero built from Abs,
// Floor and Sign (ONNX Round and QuantizeLinear round half to even, Paddle
// half away from zero), Mul by s, Div by bin. A constant X (a weight) is
// folded here to the f32 values Paddle computes.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"
#include "passes/Pd/QuantUtils.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::oar;

namespace {

/// The int8 values of `v` when it is a constant; std::nullopt otherwise.
std::optional<SmallVector<int8_t>> getConstI8(Value v) {
  Attribute attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto elements = dyn_cast<ElementsAttr>(attr);
  if (!elements || !elements.getElementType().isInteger(8))
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(elements))
    return SmallVector<int8_t>(dense.getValues<int8_t>());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(elements)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || static_cast<int64_t>(blob->getData().size()) !=
                     elements.getNumElements())
      return std::nullopt;
    ArrayRef<char> data = blob->getData();
    return SmallVector<int8_t>(data.begin(), data.end());
  }
  return std::nullopt;
}

/// 2^(bits-1) - 1, Paddle's bin_cnt.
float binCount(int64_t bits) {
  return static_cast<float>((1 << (bits - 1)) - 1);
}

/// Paddle's inverse(): 1 / (s + 1e-6) for s <= 1e-30, else 1 / s, in f32.
float paddleInverse(float s) {
  return s <= 1e-30f ? 1.0f / (s + 1e-6f) : 1.0f / s;
}

/// Paddle's quantization of one f32 element to an integer value (held in
/// f32), as its CPU kernels compute it: round_type 1 clips x to [-s, s] and
/// rounds bin * inverse(s) * x half away from zero; round_type 0 rounds
/// half to even and clamps to [-bin-1, bin].
float fakeQuantize(float x, float s, float bin, int64_t roundType) {
  float m = bin * paddleInverse(s);
  if (roundType == 1) {
    float c = x > s ? s : (x < -s ? -s : x);
    return std::round(m * c);
  }
  return std::clamp(std::nearbyint(m * x), -bin - 1, bin);
}

/// Quantize then dequantize: (q * s) / bin, in f32.
float fakeQuantDequant(float x, float s, float bin, int64_t roundType) {
  return fakeQuantize(x, s, bin, roundType) * s / bin;
}

LogicalResult
checkBits(int64_t bits,
          llvm::function_ref<LogicalResult(const llvm::Twine &)> unsupported) {
  if (bits < 2 || bits > 8)
    return unsupported("bit_length " + llvm::Twine(bits) +
                       " is not supported (int8 holds 2 to 8 bits)");
  return success();
}

LogicalResult
checkRoundType(int64_t roundType,
               llvm::function_ref<LogicalResult(const llvm::Twine &)> fail) {
  if (roundType != 0 && roundType != 1)
    return fail("round_type " + llvm::Twine(roundType) +
                " is not supported (0: half to even, 1: half away from zero)");
  return success();
}

Value unaryOp(OpBuilder &b, Location loc, StringRef type, Value x) {
  return createOnnxOp(b, loc, type, x.getType(), x)->getResult(0);
}
Value binaryOp(OpBuilder &b, Location loc, StringRef type, Value x, Value y) {
  return createOnnxOp(b, loc, type, x.getType(), {x, y})->getResult(0);
}

/// round(y) with ties away from zero, exact for |y| < 2^23 (every value
/// here is within [-bin, bin]): sign(y) * (f + floor(2 * (|y| - f))) with
/// f = floor(|y|); each step is exact in f32.
Value roundHalfAway(OpBuilder &b, Location loc, Value y) {
  Type f32 = b.getF32Type();
  Value a = unaryOp(b, auxLoc(loc, "abs"), "Abs", y);
  Value f = unaryOp(b, auxLoc(loc, "floor"), "Floor", a);
  Value frac = binaryOp(b, auxLoc(loc, "frac"), "Sub", a, f);
  Value twice = binaryOp(b, auxLoc(loc, "frac2"), "Mul", frac,
                         constOfType(b, auxLoc(loc, "two"), f32, {2.0}));
  Value up = unaryOp(b, auxLoc(loc, "round_up"), "Floor", twice);
  Value r = binaryOp(b, auxLoc(loc, "rounded_abs"), "Add", f, up);
  Value sign = unaryOp(b, auxLoc(loc, "sign"), "Sign", y);
  return binaryOp(b, auxLoc(loc, "rounded"), "Mul", sign, r);
}

/// A fake quantization op's abs-max scale in the graph: `s` and the
/// multiplier `m` = bin * inverse(s) both broadcast against X; `constant`
/// is set for one scale known at conversion.
struct ScaleValues {
  Value s, m;
  std::optional<float> constant;
};

ScaleValues constScale(OpBuilder &b, Location loc, float s, float bin) {
  Type f32 = b.getF32Type();
  return {constOfType(b, auxLoc(loc, "scale"), f32, {s}),
          constOfType(b, auxLoc(loc, "multiplier"), f32,
                      {bin * paddleInverse(s)}),
          s};
}

/// `s` known at run time (any shape that broadcasts against X). A zero
/// scale (an all-zero X) keeps m finite, as Paddle's inverse() does.
ScaleValues runtimeScale(OpBuilder &b, Location loc, Value s, float bin) {
  Type f32 = b.getF32Type();
  Value safe = binaryOp(b, auxLoc(loc, "scale_safe"), "Max", s,
                        constOfType(b, auxLoc(loc, "tiny"), f32, {1e-30}));
  Value inv = unaryOp(b, auxLoc(loc, "inverse"), "Reciprocal", safe);
  Value m = binaryOp(b, auxLoc(loc, "multiplier"), "Mul", inv,
                     constOfType(b, auxLoc(loc, "bin_cnt"), f32, {bin}));
  return {s, m, std::nullopt};
}

/// Paddle's quantization of `x` to integer values (in f32) in f32 ops, as
/// fakeQuantize. Needs opset 11 (Round) for round_type 0.
Value quantizeToInts(OpBuilder &b, Location loc, int64_t opset, Value x,
                     const ScaleValues &sv, int64_t roundType, float bin) {
  if (roundType == 1) {
    Value clipped;
    if (sv.constant) {
      clipped = clip(b, auxLoc(loc, "clipped"), opset, x, -*sv.constant,
                     *sv.constant, x.getType());
    } else {
      Value neg = unaryOp(b, auxLoc(loc, "neg_scale"), "Neg", sv.s);
      Value hi = binaryOp(b, auxLoc(loc, "clip_hi"), "Min", x, sv.s);
      clipped = binaryOp(b, auxLoc(loc, "clipped"), "Max", hi, neg);
    }
    Value y = binaryOp(b, auxLoc(loc, "scaled"), "Mul", clipped, sv.m);
    return roundHalfAway(b, loc, y);
  }
  Value y = binaryOp(b, auxLoc(loc, "scaled"), "Mul", x, sv.m);
  Value r = unaryOp(b, auxLoc(loc, "rounded"), "Round", y);
  return clip(b, auxLoc(loc, "clamped"), opset, r, -bin - 1, bin,
              r.getType());
}

/// (q * s) / bin, the dequantization Paddle's fake ops apply.
Value dequantizeInts(OpBuilder &b, Location loc, Value q, Value s, float bin,
                     Type resultType) {
  Value times = binaryOp(b, auxLoc(loc, "times_scale"), "Mul", q, s);
  return createOnnxOp(
             b, loc, "Div", resultType,
             {times, constOfType(b, auxLoc(loc, "bin"), b.getF32Type(), {bin})})
      ->getResult(0);
}

/// The abs-max of every element of `x`, 0-D.
Value absMaxAll(OpBuilder &b, Location loc, int64_t opset, Value x) {
  Value a = unaryOp(b, auxLoc(loc, "abs_x"), "Abs", x);
  return reduce(b, auxLoc(loc, "abs_max"), opset, "ReduceMax", a, {},
                /*keepDims=*/false, RankedTensorType::get({}, b.getF32Type()));
}

/// TensorRT form: QuantizeLinear then DequantizeLinear of `x` by `step`
/// (0-D, or 1-D along `axis`), int8, zero point 0.
Value qdqPair(OpBuilder &b, Location loc, Value x, Value step,
              std::optional<int64_t> axis, Type resultType) {
  int64_t n = axis ? cast<RankedTensorType>(step.getType()).getDimSize(0) : 1;
  Value zp = constOfType(b, auxLoc(loc, "zero_point"), b.getI8Type(),
                         SmallVector<double>(n, 0.0), /*scalar=*/!axis);
  SmallVector<NamedAttribute> attrs;
  if (axis)
    attrs.push_back(b.getNamedAttr("axis", b.getI64IntegerAttr(*axis)));
  Value q = createOnnxOp(b, auxLoc(loc, "quantized"), "QuantizeLinear",
                         withElementType(x.getType(), b.getI8Type()),
                         {x, step, zp}, attrs)
                ->getResult(0);
  return createOnnxOp(b, loc, "DequantizeLinear", resultType, {q, step, zp},
                      attrs)
      ->getResult(0);
}

/// The TensorRT form's step s / bin of a ScaleValues.
Value stepOf(OpBuilder &b, Location loc, const ScaleValues &sv, float bin) {
  if (sv.constant)
    return constOfType(b, auxLoc(loc, "step"), b.getF32Type(),
                       {*sv.constant / bin});
  return binaryOp(b, auxLoc(loc, "step"), "Div", sv.s,
                  constOfType(b, auxLoc(loc, "bin"), b.getF32Type(), {bin}));
}

/// Common checks of the fake quantize ops; the scale is read from a
/// constant or becomes a runtime value. Paddle's inference loader
/// (load_inference_model, Paddle Inference) sets is_test on every op, so
/// is_test = false (which PostTrainingQuantization writes) is read as
/// inference too.
template <typename OpT>
LogicalResult checkFakeQuant(const PdToOnnxPattern<OpT> &p, OpT op,
                             Value x, int64_t bits, int64_t roundType,
                             llvm::function_ref<LogicalResult(
                                 const llvm::Twine &)> unsupported) {
  if (failed(checkBits(bits, unsupported)) ||
      failed(checkRoundType(roundType, unsupported)))
    return failure();
  if (!getElementType(x).isF32())
    return unsupported("only f32 inputs are supported");
  return success();
}

/// ScaleValues for a 1-element scale operand: a positive constant or a
/// run-time value reshaped to 0-D.
FailureOr<ScaleValues>
scalarScale(OpBuilder &b, Location loc, Value scale, float bin,
            llvm::function_ref<LogicalResult(const llvm::Twine &)> fail) {
  Type f32 = b.getF32Type();
  if (getElementType(scale) != f32)
    return fail("the scale must be f32");
  if (std::optional<SmallVector<float>> sv = pd::readConstantF32(scale)) {
    if (sv->size() != 1)
      return fail("the scale must hold one value");
    if (!((*sv)[0] > 0))
      return fail("the scale is not positive");
    return constScale(b, loc, (*sv)[0], bin);
  }
  Value s0 = reshapeTo(b, auxLoc(loc, "scale_0d"), scale, {},
                       RankedTensorType::get({}, f32));
  return runtimeScale(b, loc, s0, bin);
}

/// fake_quantize_dequantize_moving_average_abs_max at inference: one scale,
/// read from InScale.
struct FakeQuantDequantMovingAverage
    : PdToOnnxPattern<pd::FakeQuantizeDequantizeMovingAverageAbsMaxOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FakeQuantizeDequantizeMovingAverageAbsMaxOp op,
                  OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    auto fail = [&](const llvm::Twine &r) { return unsupported(op, r); };
    Value x = adaptor.getX();
    if (failed(checkFakeQuant(*this, op, x, op.getBitLength(),
                              op.getRoundType(), fail)))
      return failure();
    float bin = binCount(op.getBitLength());
    if (tensorRT() && opset() < 13)
      return needsOpset(op, 13);
    FailureOr<ScaleValues> sv =
        scalarScale(b, op.getLoc(), adaptor.getInScale(), bin, fail);
    if (failed(sv))
      return failure();
    if (tensorRT()) {
      Value out = qdqPair(b, resultLoc(op, 0), x, stepOf(b, op.getLoc(), *sv, bin),
                          std::nullopt, op.getOut().getType());
      b.replaceOp(op, {out, adaptor.getInScale()});
      return success();
    }
    Value q = quantizeToInts(b, op.getLoc(), opset(), x, *sv,
                             op.getRoundType(), bin);
    Value out = dequantizeInts(b, resultLoc(op, 0), q, sv->s, bin,
                               op.getOut().getType());
    // At inference OutScale is InScale.
    b.replaceOp(op, {out, adaptor.getInScale()});
    return success();
  }
};

/// fake_quantize_range_abs_max and fake_quantize_moving_average_abs_max at
/// inference: integer values (in f32) by the scale read from InScale.
template <typename OpT>
struct FakeQuantizeInScale : PdToOnnxPattern<OpT> {
  using PdToOnnxPattern<OpT>::PdToOnnxPattern;
  using OpAdaptor = typename PdToOnnxPattern<OpT>::OpAdaptor;
  LogicalResult
  matchAndRewrite(OpT op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    auto fail = [&](const llvm::Twine &r) { return this->unsupported(op, r); };
    Value x = adaptor.getX();
    if (failed(checkFakeQuant(*this, op, x, op.getBitLength(),
                              op.getRoundType(), fail)))
      return failure();
    float bin = binCount(op.getBitLength());
    FailureOr<ScaleValues> sv =
        scalarScale(b, op.getLoc(), adaptor.getInScale(), bin, fail);
    if (failed(sv))
      return failure();
    Value q = quantizeToInts(b, resultLoc(op, 0), this->opset(), x, *sv,
                             op.getRoundType(), bin);
    b.replaceOp(op, {q, adaptor.getInScale()});
    return success();
  }
};

/// fake_quantize_abs_max and fake_quantize_dequantize_abs_max: the scale is
/// the abs-max of X (computed here for a constant X, at run time
/// otherwise); OutScale is that scale, [1].
template <typename OpT, bool Dequantize>
struct FakeQuantAbsMax : PdToOnnxPattern<OpT> {
  using PdToOnnxPattern<OpT>::PdToOnnxPattern;
  using OpAdaptor = typename PdToOnnxPattern<OpT>::OpAdaptor;
  LogicalResult
  matchAndRewrite(OpT op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    auto fail = [&](const llvm::Twine &r) { return this->unsupported(op, r); };
    Value x = adaptor.getX();
    int64_t rt = op.getRoundType();
    if (failed(checkFakeQuant(*this, op, x, op.getBitLength(), rt, fail)))
      return failure();
    float bin = binCount(op.getBitLength());
    Type f32 = b.getF32Type();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    if (Dequantize && this->tensorRT()) {
      if (this->opset() < 13)
        return this->needsOpset(op, 13);
      Value s = absMaxAll(b, op.getLoc(), this->opset(), x);
      ScaleValues sv = runtimeScale(b, op.getLoc(), s, bin);
      Value out = qdqPair(b, resultLoc(op, 0), x,
                          stepOf(b, op.getLoc(), sv, bin), std::nullopt,
                          x.getType());
      b.replaceOp(op, {out, reshapeTo(b, resultLoc(op, 1), s, {1},
                                      RankedTensorType::get({1}, f32))});
      return success();
    }
    if (std::optional<SmallVector<float>> w = pd::readConstantF32(x);
        w && xType && xType.hasStaticShape()) {
      float s = 0;
      for (float v : *w)
        s = std::max(s, std::fabs(v));
      SmallVector<float> out(w->size());
      for (size_t i = 0; i < w->size(); ++i)
        out[i] = Dequantize ? fakeQuantDequant((*w)[i], s, bin, rt)
                            : fakeQuantize((*w)[i], s, bin, rt);
      b.replaceOp(op, {constFromAttr(b, resultLoc(op, 0),
                                     DenseElementsAttr::get(xType,
                                                            ArrayRef(out))),
                       constOfType(b, resultLoc(op, 1), f32, {s},
                                   /*scalar=*/false)});
      return success();
    }
    Value s = absMaxAll(b, op.getLoc(), this->opset(), x);
    ScaleValues sv = runtimeScale(b, op.getLoc(), s, bin);
    Value out = quantizeToInts(b, resultLoc(op, 0), this->opset(), x, sv, rt,
                               bin);
    if (Dequantize)
      out = dequantizeInts(b, resultLoc(op, 0), out, s, bin, x.getType());
    Value outScale = reshapeTo(b, resultLoc(op, 1), s, {1},
                               RankedTensorType::get({1}, f32));
    b.replaceOp(op, {out, outScale});
    return success();
  }
};

/// The per-channel abs-max scales of a constant `w` along `axis`.
SmallVector<float> channelAbsMax(ArrayRef<float> w, RankedTensorType type,
                                 int64_t axis, int64_t &inner) {
  int64_t channels = type.getDimSize(axis);
  inner = 1;
  for (int64_t d = axis + 1; d < type.getRank(); ++d)
    inner *= type.getDimSize(d);
  SmallVector<float> scales(channels, 0.0f);
  for (int64_t i = 0, e = w.size(); i < e; ++i) {
    float &s = scales[(i / inner) % channels];
    s = std::max(s, std::fabs(w[i]));
  }
  return scales;
}

/// fake_channel_wise_quantize_abs_max and
/// fake_channel_wise_quantize_dequantize_abs_max: per-channel abs-max
/// scales computed from X (a weight). A constant X is folded to Paddle's
/// values; the quantize-dequantize form also takes X at run time.
template <typename OpT, bool Dequantize>
struct FakeChannelWiseQuant : PdToOnnxPattern<OpT> {
  using PdToOnnxPattern<OpT>::PdToOnnxPattern;
  using OpAdaptor = typename PdToOnnxPattern<OpT>::OpAdaptor;
  LogicalResult
  matchAndRewrite(OpT op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    auto fail = [&](const llvm::Twine &r) { return this->unsupported(op, r); };
    Value x = adaptor.getX();
    int64_t rt = op.getRoundType();
    if (failed(checkFakeQuant(*this, op, x, op.getBitLength(), rt, fail)))
      return failure();
    Location loc = op.getLoc();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    Type f32 = b.getF32Type();
    if (!xType || !xType.hasStaticShape())
      return fail("X must be a static-shaped f32 tensor");
    int64_t rank = xType.getRank();
    int64_t axis = op.getQuantAxis();
    if (axis < 0 || axis >= rank)
      return fail("quant_axis " + llvm::Twine(axis) + " is out of range");
    int64_t channels = xType.getDimSize(axis);
    float bin = binCount(op.getBitLength());
    auto scaleType = RankedTensorType::get({channels}, f32);

    if (Dequantize && this->tensorRT()) {
      // Float weights behind a per-channel QuantizeLinear/DequantizeLinear.
      if (this->opset() < 13)
        return this->needsOpset(op, 13);
      Value absMax, step;
      if (std::optional<SmallVector<float>> w = pd::readConstantF32(x)) {
        int64_t inner;
        SmallVector<float> scales = channelAbsMax(*w, xType, axis, inner);
        SmallVector<double> steps, absMaxD;
        for (float sc : scales) {
          steps.push_back(sc > 0 ? sc / bin : 1.0);
          absMaxD.push_back(sc);
        }
        step = constOfType(b, auxLoc(loc, "step"), f32, steps,
                           /*scalar=*/false);
        absMax = constOfType(b, resultLoc(op, 1), f32, absMaxD,
                             /*scalar=*/false);
      } else {
        SmallVector<int64_t> others;
        for (int64_t d = 0; d < rank; ++d)
          if (d != axis)
            others.push_back(d);
        Value absX = unaryOp(b, auxLoc(loc, "abs_x"), "Abs", x);
        absMax = reduce(b, resultLoc(op, 1), this->opset(), "ReduceMax",
                        absX, others, /*keepDims=*/false, scaleType);
        Value safe =
            binaryOp(b, auxLoc(loc, "scale_safe"), "Max", absMax,
                     constOfType(b, auxLoc(loc, "tiny"), f32, {1e-30}));
        step = binaryOp(b, auxLoc(loc, "step"), "Div", safe,
                        constOfType(b, auxLoc(loc, "bin"), f32, {bin}));
      }
      Value out = qdqPair(b, resultLoc(op, 0), x, step, axis, xType);
      b.replaceOp(op, {out, absMax});
      return success();
    }
    if (std::optional<SmallVector<float>> w = pd::readConstantF32(x)) {
      int64_t inner;
      SmallVector<float> scales = channelAbsMax(*w, xType, axis, inner);
      SmallVector<float> out(w->size());
      for (int64_t i = 0, e = w->size(); i < e; ++i) {
        float s = scales[(i / inner) % channels];
        out[i] = Dequantize ? fakeQuantDequant((*w)[i], s, bin, rt)
                            : fakeQuantize((*w)[i], s, bin, rt);
      }
      Value outV = constFromAttr(b, resultLoc(op, 0),
                                 DenseElementsAttr::get(xType, ArrayRef(out)));
      SmallVector<double> absMax(scales.begin(), scales.end());
      b.replaceOp(op, {outV, constOfType(b, resultLoc(op, 1), f32, absMax,
                                         /*scalar=*/false)});
      return success();
    }
    if (!Dequantize)
      return fail("X must be a constant (a weight)");

    // X known at run time: the abs-max over every axis but quant_axis, kept
    // as [1, .., C, .., 1] to broadcast against X.
    SmallVector<int64_t> others, keptShape(rank, 1);
    keptShape[axis] = channels;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis)
        others.push_back(d);
    Value absX = unaryOp(b, auxLoc(loc, "abs_x"), "Abs", x);
    Value s = reduce(b, auxLoc(loc, "abs_max"), this->opset(), "ReduceMax",
                     absX, others, /*keepDims=*/true,
                     RankedTensorType::get(keptShape, f32));
    ScaleValues sv = runtimeScale(b, loc, s, bin);
    Value q = quantizeToInts(b, resultLoc(op, 0), this->opset(), x, sv, rt,
                             bin);
    Value out = dequantizeInts(b, resultLoc(op, 0), q, s, bin, xType);
    Value absMax = reshapeTo(b, resultLoc(op, 1), s, {channels}, scaleType);
    b.replaceOp(op, {out, absMax});
    return success();
  }
};

/// fake_dequantize_max_abs: (X * Scale) / max_range.
struct FakeDequantizeMaxAbs : PdToOnnxPattern<pd::FakeDequantizeMaxAbsOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FakeDequantizeMaxAbsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    Value x = adaptor.getX();
    Type f32 = b.getF32Type();
    if (getElementType(x) != f32 || getElementType(adaptor.getScale()) != f32)
      return unsupported(op, "only f32 inputs are supported");
    Value s = reshapeTo(b, auxLoc(op.getLoc(), "scale_0d"), adaptor.getScale(),
                        {}, RankedTensorType::get({}, f32));
    b.replaceOp(op, dequantizeInts(b, op.getLoc(), x, s,
                                   op.getMaxRange().convertToFloat(),
                                   op.getOut().getType()));
    return success();
  }
};

/// fake_channel_wise_dequantize_max_abs: with one scale (a weight), X times
/// Scales[0] along quant_axis over bin; with two (the output of a quantized
/// op), X times Scales[0] along dim x_num_col_dims (dim 1 when it is 1)
/// times Scales[1], over the product of both bins, in Paddle's order.
struct FakeChannelWiseDequantizeMaxAbs
    : PdToOnnxPattern<pd::FakeChannelWiseDequantizeMaxAbsOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FakeChannelWiseDequantizeMaxAbsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type f32 = b.getF32Type();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    ValueRange scales = adaptor.getScales();
    ArrayRef<int64_t> bits = op.getQuantBits();
    if (!xType || xType.getElementType() != f32)
      return unsupported(op, "X must be a ranked f32 tensor");
    if (scales.empty() || scales.size() > 2 || bits.size() < scales.size())
      return unsupported(op, "expected 1 or 2 Scales and a quant_bits each");
    for (int64_t b2 : bits)
      if (failed(checkBits(
              b2, [&](const llvm::Twine &r) { return unsupported(op, r); })))
        return failure();
    float maxRange = 1;
    for (size_t i = 0; i < scales.size(); ++i)
      maxRange *= binCount(bits[i]);
    int64_t rank = xType.getRank();
    int64_t axis = scales.size() == 1 ? op.getQuantAxis()
                   : op.getXNumColDims() > 1 ? op.getXNumColDims()
                                              : 1;
    if (axis < 0 || axis >= rank)
      return unsupported(op, "the channel axis " + llvm::Twine(axis) +
                                 " is out of range");
    SmallVector<int64_t> kept(rank, 1);
    int64_t channels = xType.getDimSize(axis);
    kept[axis] = channels;
    auto s0Type = dyn_cast<RankedTensorType>(scales[0].getType());
    if (!s0Type || !s0Type.hasStaticShape() ||
        s0Type.getNumElements() != channels || !s0Type.getElementType().isF32())
      return unsupported(op, "Scales[0] must hold one f32 per channel of "
                             "dim " + llvm::Twine(axis) + " of X");
    Value s0 = reshapeTo(b, auxLoc(loc, "channel_scale"), scales[0], kept,
                         RankedTensorType::get(kept, f32));
    Value y = binaryOp(b, auxLoc(loc, "times_channel_scale"), "Mul", x, s0);
    if (scales.size() == 2) {
      if (getElementType(scales[1]) != f32)
        return unsupported(op, "Scales[1] must be f32");
      Value s1 = reshapeTo(b, auxLoc(loc, "scale_0d"), scales[1], {},
                           RankedTensorType::get({}, f32));
      y = binaryOp(b, auxLoc(loc, "times_scale"), "Mul", y, s1);
    }
    b.replaceOp(op, createOnnxOp(b, loc, "Div", op.getOut().getType(),
                                 {y, constOfType(b, auxLoc(loc, "max_range"),
                                                 f32, {maxRange})})
                        ->getResult(0));
    return success();
  }
};

/// moving_average_abs_max_scale at inference: Out is X; OutScale is only
/// recorded in training.
struct MovingAverageAbsMaxScale
    : PdToOnnxPattern<pd::MovingAverageAbsMaxScaleOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::MovingAverageAbsMaxScaleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    if (!op.getOutScale().use_empty())
      return unsupported(op, "OutScale is read (it is updated only in "
                             "training)");
    SmallVector<Value> results;
    for (Value r : op->getResults())
      results.push_back(r == op.getOutScale()
                            ? noValue(b, op.getLoc())
                            : identityAs(b, op.getLoc(), adaptor.getX(),
                                         r.getType()));
    b.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// pd.uniform_quantize / pd.uniform_dequantize: QuantizeLinear /
// DequantizeLinear, int8.
//===----------------------------------------------------------------------===//

/// The scales and axis (-1: per tensor) of a `!quant.uniform` type.
struct QuantParams {
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  int64_t axis = -1;
  int64_t storageMin = 0, storageMax = 0;
};

std::optional<QuantParams> getQuantParams(Type elementType) {
  QuantParams p;
  if (auto t = dyn_cast<quant::UniformQuantizedType>(elementType)) {
    p.scales = {t.getScale()};
    p.zeroPoints = {t.getZeroPoint()};
    p.storageMin = t.getStorageTypeMin();
    p.storageMax = t.getStorageTypeMax();
    return p;
  }
  if (auto t = dyn_cast<quant::UniformQuantizedPerAxisType>(elementType)) {
    p.scales.assign(t.getScales().begin(), t.getScales().end());
    p.zeroPoints.assign(t.getZeroPoints().begin(), t.getZeroPoints().end());
    p.axis = t.getQuantizedDimension();
    p.storageMin = t.getStorageTypeMin();
    p.storageMax = t.getStorageTypeMax();
    return p;
  }
  return std::nullopt;
}

/// Scale and zero-point constants of `p`: 0-D per tensor, 1-D per axis.
std::pair<Value, Value> quantOperands(OpBuilder &b, Location loc,
                                      const QuantParams &p) {
  bool scalar = p.axis < 0;
  SmallVector<double> zps(p.zeroPoints.begin(), p.zeroPoints.end());
  // Scales round to f32, as ONNX stores them.
  Value scale = constOfType(b, auxLoc(loc, "scale"), b.getF32Type(),
                            p.scales, scalar);
  Value zp = constOfType(b, auxLoc(loc, "zero_point"), b.getI8Type(), zps,
                         scalar);
  return {scale, zp};
}

/// The opset (De)QuantizeLinear needs for `p`: 13 per axis, 10 per tensor.
/// A producer of a quantized value asks for it too, so that it is never
/// converted while its consumers cannot be.
int64_t quantOpset(const QuantParams &p) { return p.axis < 0 ? 10 : 13; }

SmallVector<NamedAttribute> axisAttr(OpBuilder &b, const QuantParams &p) {
  if (p.axis < 0)
    return {};
  return {b.getNamedAttr("axis", b.getI64IntegerAttr(p.axis))};
}

struct UniformQuantize : PdToOnnxPattern<pd::UniformQuantizeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::UniformQuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    auto qType = op.getOutput().getType();
    std::optional<QuantParams> p = getQuantParams(qType.getElementType());
    if (!p)
      return unsupported(op, "only !quant.uniform types are supported");
    if (!getElementType(adaptor.getInput()).isF32())
      return unsupported(op, "only f32 inputs are supported");
    // Nonzero zero points (asymmetric activations of `oar quantize`) are
    // QuantizeLinear's own; constants (folded below) and the TensorRT form
    // (symmetric by its rules) take 0 only.
    if (llvm::any_of(p->zeroPoints, [](int64_t z) { return z != 0; }) &&
        (tensorRT() || pd::readConstantF32(adaptor.getInput())))
      return unsupported(op, tensorRT()
                                 ? "the TensorRT form takes zero point 0 only"
                                 : "a constant input takes zero point 0 only");
    int64_t needed = tensorRT() ? 13 : quantOpset(*p);
    if (opset() < needed)
      return needsOpset(op, needed);
    Location loc = op.getLoc();
    Type i8Type = withElementType(qType, b.getI8Type());
    int64_t rank = qType.getRank();
    bool narrow = p->storageMin == -p->storageMax;
    float bin = static_cast<float>(p->storageMax);

    // A constant input (a float weight) is quantized here, exactly as
    // Paddle does: round(bin * inverse(s) * x), s = scale * bin the abs-max;
    // round_type 1 clips x to [-s, s] first and rounds half away from zero,
    // round_type 0 rounds half to even and clamps to the storage range.
    auto inType = dyn_cast<RankedTensorType>(adaptor.getInput().getType());
    // (The TensorRT form keeps float weights behind QuantizeLinear.)
    if (std::optional<SmallVector<float>> x = pd::readConstantF32(adaptor.getInput());
        x && inType && inType.hasStaticShape() && !tensorRT()) {
      int64_t inner = 1, channels = 1;
      if (p->axis >= 0) {
        channels = inType.getDimSize(p->axis);
        for (int64_t d = p->axis + 1; d < rank; ++d)
          inner *= inType.getDimSize(d);
      }
      SmallVector<int8_t> q(x->size());
      for (int64_t i = 0, e = x->size(); i < e; ++i) {
        int64_t c = p->axis < 0 ? 0 : (i / inner) % channels;
        float s = static_cast<float>(p->scales[c] * p->storageMax);
        float m = bin * paddleInverse(s);
        float v = (*x)[i];
        float r;
        if (op.getRoundType() == 1) {
          v = v > s ? s : (v < -s ? -s : v);
          r = std::round(m * v);
        } else {
          r = std::nearbyint(m * v); // the default mode: ties to even
        }
        r = std::clamp(r, static_cast<float>(p->storageMin),
                       static_cast<float>(p->storageMax));
        q[i] = static_cast<int8_t>(r);
      }
      auto t = RankedTensorType::get(inType.getShape(), b.getI8Type());
      b.replaceOp(op, constFromAttr(b, loc,
                                    DenseElementsAttr::get(t, ArrayRef(q))));
      return success();
    }

    Value x = adaptor.getInput();
    if (narrow && p->axis < 0 && !tensorRT()) {
      // Paddle's round_type 1 clips to [-s, s]: QuantizeLinear alone would
      // saturate at -128.
      double s = static_cast<float>(p->scales[0] * p->storageMax);
      x = clip(b, auxLoc(loc, "clipped"), opset(), x, -s, s, x.getType());
    }
    auto [scale, zp] = quantOperands(b, loc, *p);
    Value q = createOnnxOp(b, loc, "QuantizeLinear", i8Type, {x, scale, zp},
                           axisAttr(b, *p))
                  ->getResult(0);
    b.replaceOp(op, q);
    return success();
  }
};

struct UniformDequantize : PdToOnnxPattern<pd::UniformDequantizeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::UniformDequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    auto qType = op.getInput().getType();
    std::optional<QuantParams> p = getQuantParams(qType.getElementType());
    if (!p)
      return unsupported(op, "only !quant.uniform types are supported");
    if (!op.getOutput().getType().getElementType().isF32())
      return unsupported(op, "only f32 results are supported");
    int64_t needed = tensorRT() ? 13 : quantOpset(*p);
    if (opset() < needed)
      return needsOpset(op, needed);
    // The int8 value that replaced the quantized operand (the conversion
    // has no type converter, so it hands over a cast back to the quantized
    // type).
    Value q = adaptor.getInput();
    if (auto cast = q.getDefiningOp<UnrealizedConversionCastOp>();
        cast && cast.getNumOperands() == 1)
      q = cast.getOperand(0);
    if (!getElementType(q).isInteger(8))
      return failure(); // its producer is not converted yet
    auto [scale, zp] = quantOperands(b, op.getLoc(), *p);
    Value out = createOnnxOp(b, op.getLoc(), "DequantizeLinear",
                             op.getOutput().getType(), {q, scale, zp},
                             axisAttr(b, *p))
                    ->getResult(0);
    b.replaceOp(op, out);
    return success();
  }
};

/// quant.scast of int8 storage to a quantized type: the storage itself;
/// and of a quantized value to its storage (pd-propagate-quant's ops on
/// int8): the int8 value that replaced it.
struct StorageCast : PdToOnnxPattern<quant::StorageCastOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    if (getQuantParams(getElementTypeOrSelf(op.getInput().getType()))) {
      Value in = adaptor.getInput();
      if (auto cast = in.getDefiningOp<UnrealizedConversionCastOp>();
          cast && cast.getNumOperands() == 1)
        in = cast.getOperand(0);
      if (in.getType() != op.getResult().getType())
        return failure(); // its producer is not converted yet
      b.replaceOp(op, in);
      return success();
    }
    std::optional<QuantParams> p = getQuantParams(
        getElementTypeOrSelf(op.getResult().getType()));
    if (!p)
      return unsupported(op, "only !quant.uniform types are supported");
    int64_t needed = tensorRT() ? 13 : quantOpset(*p);
    if (opset() < needed)
      return needsOpset(op, needed);
    Value in = adaptor.getInput();
    if (auto cast = in.getDefiningOp<UnrealizedConversionCastOp>();
        cast && cast.getNumOperands() == 1)
      in = cast.getOperand(0);
    auto t = dyn_cast<RankedTensorType>(in.getType());
    if (!t || !t.getElementType().isInteger(8))
      return failure();
    if (!tensorRT()) {
      b.replaceOp(op, in);
      return success();
    }
    // TensorRT form: the float weight (q * step, in f32) behind a
    // QuantizeLinear, which gives q back.
    if (opset() < 13)
      return needsOpset(op, 13);
    std::optional<SmallVector<int8_t>> q = getConstI8(in);
    if (!q || !t.hasStaticShape())
      return unsupported(op, "the int8 storage must be a static constant");
    int64_t inner = 1, channels = 1;
    if (p->axis >= 0) {
      channels = t.getDimSize(p->axis);
      for (int64_t d = p->axis + 1; d < t.getRank(); ++d)
        inner *= t.getDimSize(d);
    }
    SmallVector<float> w(q->size());
    for (int64_t i = 0, e = q->size(); i < e; ++i) {
      int64_t c = p->axis < 0 ? 0 : (i / inner) % channels;
      w[i] = static_cast<float>((*q)[i]) * static_cast<float>(p->scales[c]);
    }
    auto fType = RankedTensorType::get(t.getShape(), b.getF32Type());
    Value wf = constFromAttr(b, auxLoc(op.getLoc(), "float"),
                             DenseElementsAttr::get(fType, ArrayRef(w)));
    auto [scale, zp] = quantOperands(b, op.getLoc(), *p);
    b.replaceOp(op, createOnnxOp(b, op.getLoc(), "QuantizeLinear", t,
                                 {wf, scale, zp}, axisAttr(b, *p))
                        ->getResult(0));
    return success();
  }
};

/// quantize_linear / dequantize_linear that pd-lift-quant left: never
/// converted; the reason says what the lift needs.
template <typename OpT>
struct UnliftedQuantLinear : PdToOnnxPattern<OpT> {
  using PdToOnnxPattern<OpT>::PdToOnnxPattern;
  using OpAdaptor = typename PdToOnnxPattern<OpT>::OpAdaptor;
  LogicalResult
  matchAndRewrite(OpT op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    if (!matchPattern(op.getScale(), m_Constant()))
      return this->unsupported(
          op, "Scale is not a constant (a persistable variable)");
    std::optional<SmallVector<int64_t>> zp =
        getConstantInts(op.getZeroPoint());
    std::optional<SmallVector<float>> zpf = pd::readConstantF32(op.getZeroPoint());
    bool zero = (zp && llvm::all_of(*zp, [](int64_t z) { return z == 0; })) ||
                (zpf && llvm::all_of(*zpf, [](float z) { return z == 0; }));
    if (!zero && matchPattern(op.getZeroPoint(), m_Constant()) &&
        (zp || zpf))
      return this->unsupported(op, "ZeroPoint is not 0");
    if (op.getBitLength() < 2 || op.getBitLength() > 8)
      return this->unsupported(op, "bit_length " +
                                       llvm::Twine(op.getBitLength()) +
                                       " is not 2 to 8");
    return this->unsupported(
        op, "not a quantize_linear/dequantize_linear pair with one constant "
            "scale (or an int8 weight's dequantize_linear) with a scale per "
            "index of quant_axis; see docs/quantization.md");
  }
};

} // namespace

void mlir::oar::populatePdToOnnxQuantPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {
  patterns.add<
      FakeQuantDequantMovingAverage,
      FakeQuantizeInScale<pd::FakeQuantizeRangeAbsMaxOp>,
      FakeQuantizeInScale<pd::FakeQuantizeMovingAverageAbsMaxOp>,
      FakeQuantAbsMax<pd::FakeQuantizeAbsMaxOp, false>,
      FakeQuantAbsMax<pd::FakeQuantizeDequantizeAbsMaxOp, true>,
      FakeChannelWiseQuant<pd::FakeChannelWiseQuantizeAbsMaxOp, false>,
      FakeChannelWiseQuant<pd::FakeChannelWiseQuantizeDequantizeAbsMaxOp,
                           true>,
      FakeDequantizeMaxAbs, FakeChannelWiseDequantizeMaxAbs,
      MovingAverageAbsMaxScale, UniformQuantize, UniformDequantize,
      StorageCast, UnliftedQuantLinear<pd::QuantizeLinearOp>,
      UnliftedQuantLinear<pd::DequantizeLinearOp>>(patterns.getContext(),
                                                   state);
}
