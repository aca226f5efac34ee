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
    if (llvm::any_of(p->zeroPoints, [](int64_t z) { return z != 0; }))
      return unsupported(op, "only zero point 0 is supported");
    if (opset() < quantOpset(*p))
      return needsOpset(op, quantOpset(*p));
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
    if (std::optional<SmallVector<float>> x = getConstF32(adaptor.getInput());
        x && inType && inType.hasStaticShape()) {
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
    if (narrow && p->axis < 0) {
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
    if (opset() < quantOpset(*p))
      return needsOpset(op, quantOpset(*p));
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

/// quant.scast of int8 storage to a quantized type: the storage itself.
struct StorageCast : PdToOnnxPattern<quant::StorageCastOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(quant::StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &b) const override {
    std::optional<QuantParams> p = getQuantParams(
        getElementTypeOrSelf(op.getResult().getType()));
    if (!p)
      return unsupported(op, "only !quant.uniform types are supported");
    if (opset() < quantOpset(*p))
      return needsOpset(op, quantOpset(*p));
    Value in = adaptor.getInput();
    if (auto cast = in.getDefiningOp<UnrealizedConversionCastOp>();
        cast && cast.getNumOperands() == 1)
      in = cast.getOperand(0);
    auto t = dyn_cast<RankedTensorType>(in.getType());
    if (!t || !t.getElementType().isInteger(8))
      return failure();
    b.replaceOp(op, in);
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxQuantPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {
  patterns.add<FakeQuantDequantMovingAverage, FakeChannelWiseQuantDequant,
               UniformQuantize, UniformDequantize, StorageCast>(
      patterns.getContext(), state);
}
