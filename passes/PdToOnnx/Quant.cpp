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

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::oar;

namespace {

/// The f32 values of `v` when it is a constant (a folded value or a
/// parameter blob); std::nullopt otherwise.
std::optional<SmallVector<float>> getConstF32(Value v) {
  Attribute attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto elements = dyn_cast<ElementsAttr>(attr);
  if (!elements || !elements.getElementType().isF32())
    return std::nullopt;
  if (auto dense = dyn_cast<DenseElementsAttr>(elements))
    return SmallVector<float>(dense.getValues<float>());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(elements)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> data = blob->getData();
    int64_t n = elements.getNumElements();
    if (static_cast<int64_t>(data.size()) != n * 4)
      return std::nullopt;
    SmallVector<float> values(n);
    std::memcpy(values.data(), data.data(), data.size());
    return values;
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

/// One element of Paddle's clip-quantize-dequantize (round_type 1), in f32
/// exactly as its CPU kernel: (round(bin * inv(s) * clip(x)) * s) / bin.
float fakeQuantDequant(float x, float s, float bin) {
  float m = bin * paddleInverse(s);
  float c = x > s ? s : (x < -s ? -s : x);
  return std::round(m * c) * s / bin;
}

LogicalResult
checkBits(int64_t bits,
          llvm::function_ref<LogicalResult(const llvm::Twine &)> unsupported) {
  if (bits < 2 || bits > 8)
    return unsupported("bit_length " + llvm::Twine(bits) +
                       " is not supported (int8 holds 2 to 8 bits)");
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

/// Paddle's clip-quantize-dequantize of `x` (already clipped to [-s, s])
/// in f32 ops: ((round(x * m)) * s) / bin, `m` = bin * inverse(s) and `s`
/// broadcasting against `x`.
Value emulateQuantDequant(OpBuilder &b, Location loc, Value clipped, Value m,
                          Value s, float bin, Type resultType) {
  Value scaled = binaryOp(b, auxLoc(loc, "scaled"), "Mul", clipped, m);
  Value r = roundHalfAway(b, loc, scaled);
  Value times = binaryOp(b, auxLoc(loc, "times_scale"), "Mul", r, s);
  return createOnnxOp(
             b, loc, "Div", resultType,
             {times, constOfType(b, auxLoc(loc, "bin"), b.getF32Type(), {bin})})
      ->getResult(0);
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
    if (!op.getIsTest())
      return unsupported(op, "is_test=false (training: the scale is "
                             "updated from each batch) is not supported");
    int64_t bits = op.getBitLength();
    if (failed(checkBits(
            bits, [&](const llvm::Twine &r) { return unsupported(op, r); })))
      return failure();

    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Value inScale = adaptor.getInScale();
    Type f32 = b.getF32Type();
    if (getElementType(x) != f32 || getElementType(inScale) != f32)
      return unsupported(op, "only f32 inputs are supported");
    float bin = binCount(bits);

    Value clipped, m, s;
    if (std::optional<SmallVector<float>> sv = getConstF32(inScale)) {
      if (sv->size() != 1)
        return unsupported(op, "InScale must hold one value");
      float abs = (*sv)[0];
      if (!(abs > 0))
        return unsupported(op, "InScale is not positive");
      clipped =
          clip(b, auxLoc(loc, "clipped"), opset(), x, -abs, abs, x.getType());
      m = constOfType(b, auxLoc(loc, "multiplier"), f32,
                      {bin * paddleInverse(abs)});
      s = constOfType(b, auxLoc(loc, "scale"), f32, {abs});
    } else {
      // A scale known at run time: clip by Min/Max, which broadcast.
      s = reshapeTo(b, auxLoc(loc, "scale_0d"), inScale, {},
                    RankedTensorType::get({}, f32));
      Value neg = unaryOp(b, auxLoc(loc, "neg_scale"), "Neg", s);
      Value hi =
          createOnnxOp(b, auxLoc(loc, "clip_hi"), "Min", x.getType(), {x, s})
              ->getResult(0);
      clipped =
          createOnnxOp(b, auxLoc(loc, "clipped"), "Max", x.getType(), {hi, neg})
              ->getResult(0);
      Value inv = unaryOp(b, auxLoc(loc, "inverse"), "Reciprocal", s);
      m = binaryOp(b, auxLoc(loc, "multiplier"), "Mul", inv,
                   constOfType(b, auxLoc(loc, "bin_cnt"), f32, {bin}));
    }
    Value out = emulateQuantDequant(b, resultLoc(op, 0), clipped, m, s, bin,
                                    op.getOut().getType());
    // At inference OutScale is InScale.
    b.replaceOp(op, {out, inScale});
    return success();
  }
};

/// fake_channel_wise_quantize_dequantize_abs_max: per-channel abs-max scales
/// computed from X (a weight). A constant X is folded to Paddle's values.
struct FakeChannelWiseQuantDequant
    : PdToOnnxPattern<pd::FakeChannelWiseQuantizeDequantizeAbsMaxOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FakeChannelWiseQuantizeDequantizeAbsMaxOp op,
                  OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    int64_t bits = op.getBitLength();
    if (failed(checkBits(
            bits, [&](const llvm::Twine &r) { return unsupported(op, r); })))
      return failure();
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    Type f32 = b.getF32Type();
    if (!xType || !xType.hasStaticShape() || xType.getElementType() != f32)
      return unsupported(op, "X must be a static-shaped f32 tensor");
    int64_t rank = xType.getRank();
    int64_t axis = op.getQuantAxis();
    if (axis < 0 || axis >= rank)
      return unsupported(op, "quant_axis " + llvm::Twine(axis) +
                                 " is out of range");
    int64_t channels = xType.getDimSize(axis);
    float bin = binCount(bits);
    auto scaleType = RankedTensorType::get({channels}, f32);

    if (std::optional<SmallVector<float>> w = getConstF32(x)) {
      // Paddle: s = max |x| per channel, then fakeQuantDequant per element.
      int64_t inner = 1;
      for (int64_t d = axis + 1; d < rank; ++d)
        inner *= xType.getDimSize(d);
      auto channelOf = [&](int64_t i) { return (i / inner) % channels; };
      SmallVector<float> scales(channels, 0.0f);
      for (int64_t i = 0, e = w->size(); i < e; ++i)
        scales[channelOf(i)] =
            std::max(scales[channelOf(i)], std::fabs((*w)[i]));
      SmallVector<float> out(w->size());
      for (int64_t i = 0, e = w->size(); i < e; ++i)
        out[i] = fakeQuantDequant((*w)[i], scales[channelOf(i)], bin);
      Value outV = constFromAttr(b, resultLoc(op, 0),
                                 DenseElementsAttr::get(xType, ArrayRef(out)));
      SmallVector<double> absMax(scales.begin(), scales.end());
      b.replaceOp(op, {outV, constOfType(b, resultLoc(op, 1), f32, absMax,
                                         /*scalar=*/false)});
      return success();
    }

    // X known at run time: the abs-max over every axis but quant_axis, kept
    // as [1, .., C, .., 1] to broadcast against X.
    SmallVector<int64_t> others, keptShape(rank, 1);
    keptShape[axis] = channels;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis)
        others.push_back(d);
    Value absX = unaryOp(b, auxLoc(loc, "abs_x"), "Abs", x);
    Value s = reduce(b, auxLoc(loc, "abs_max"), opset(), "ReduceMax", absX,
                     others, /*keepDims=*/true,
                     RankedTensorType::get(keptShape, f32));
    // Paddle's inverse() keeps an all-zero channel finite; its values are 0
    // and quantize to 0 either way.
    Value safe = binaryOp(b, auxLoc(loc, "scale_safe"), "Max", s,
                          constOfType(b, auxLoc(loc, "tiny"), f32, {1e-30}));
    Value inv = unaryOp(b, auxLoc(loc, "inverse"), "Reciprocal", safe);
    Value m = binaryOp(b, auxLoc(loc, "multiplier"), "Mul", inv,
                       constOfType(b, auxLoc(loc, "bin_cnt"), f32, {bin}));
    Value out = emulateQuantDequant(b, resultLoc(op, 0), x, m, s, bin, xType);
    Value absMax = reshapeTo(b, resultLoc(op, 1), s, {channels}, scaleType);
    b.replaceOp(op, {out, absMax});
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxQuantPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {
  patterns.add<FakeQuantDequantMovingAverage, FakeChannelWiseQuantDequant>(
      patterns.getContext(), state);
}
