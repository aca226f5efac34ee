//===- Quant.cpp - pd to onnx: fake quantize-dequantize -------------------===//
//
// Paddle's QAT fake-quant pairs (paddle/fluid/operators/fake_quantize_op.*)
// to ONNX QuantizeLinear + DequantizeLinear, int8 with zero point 0 and step
// scale / (2^(bit_length-1) - 1). Paddle's scale is the abs-max, not the
// step (docs: shared/reference/paddle-quantization-ops.md).
//
// Paddle clips to [-scale, scale] before rounding (round_type 1, the only
// behaviour before Paddle 2.4 and the default after), so the int8 range
// used is [-bin, bin], never -bin-1: the per-tensor lowering clips first.
// Rounding ties differ: Paddle rounds half away from zero, QuantizeLinear
// half to even. The importer does not carry round_type (its op tables date
// from before it), so round_type 0's [-bin-1, bin] range is not modelled.
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

Value int8Zeros(OpBuilder &b, Location loc, int64_t n, bool scalar) {
  return constOfType(b, loc, b.getI8Type(), SmallVector<double>(n, 0.0),
                     scalar);
}

/// QuantizeLinear then DequantizeLinear of `x` by `step` (0-D, or 1-D along
/// `axis` when set).
Value quantDequant(OpBuilder &b, Location loc, Value x, Value step,
                   Value zeroPoint, std::optional<int64_t> axis,
                   Type resultType) {
  SmallVector<NamedAttribute> attrs;
  if (axis)
    attrs.push_back(b.getNamedAttr("axis", b.getI64IntegerAttr(*axis)));
  Value q = createOnnxOp(b, auxLoc(loc, "quantized"), "QuantizeLinear",
                         withElementType(x.getType(), b.getI8Type()),
                         {x, step, zeroPoint}, attrs)
                ->getResult(0);
  return createOnnxOp(b, loc, "DequantizeLinear", resultType,
                      {q, step, zeroPoint}, attrs)
      ->getResult(0);
}

LogicalResult
checkBits(int64_t bits,
          llvm::function_ref<LogicalResult(const llvm::Twine &)> unsupported) {
  if (bits < 2 || bits > 8)
    return unsupported("bit_length " + llvm::Twine(bits) +
                       " is not supported (int8 holds 2 to 8 bits)");
  return success();
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
    if (opset() < 10)
      return needsOpset(op, 10);

    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Value inScale = adaptor.getInScale();
    Type f32 = b.getF32Type();
    if (getElementType(x) != f32 || getElementType(inScale) != f32)
      return unsupported(op, "only f32 inputs are supported");
    float bin = binCount(bits);

    Value clipped, step;
    if (std::optional<SmallVector<float>> s = getConstF32(inScale)) {
      if (s->size() != 1)
        return unsupported(op, "InScale must hold one value");
      float abs = (*s)[0];
      if (!(abs > 0))
        return unsupported(op, "InScale is not positive");
      clipped =
          clip(b, auxLoc(loc, "clipped"), opset(), x, -abs, abs, x.getType());
      step = constOfType(b, auxLoc(loc, "step"), f32, {abs / bin});
    } else {
      // A scale known at run time: clip by Min/Max, which broadcast.
      Value s0 = reshapeTo(b, auxLoc(loc, "scale_0d"), inScale, {},
                           RankedTensorType::get({}, f32));
      Value neg =
          createOnnxOp(b, auxLoc(loc, "neg_scale"), "Neg", s0.getType(), s0)
              ->getResult(0);
      Value hi =
          createOnnxOp(b, auxLoc(loc, "clip_hi"), "Min", x.getType(), {x, s0})
              ->getResult(0);
      clipped =
          createOnnxOp(b, auxLoc(loc, "clipped"), "Max", x.getType(), {hi, neg})
              ->getResult(0);
      step = createOnnxOp(b, auxLoc(loc, "step"), "Div", s0.getType(),
                          {s0, constOfType(b, auxLoc(loc, "bin"), f32, {bin})})
                 ->getResult(0);
    }
    Value zp = int8Zeros(b, auxLoc(loc, "zero_point"), 1, /*scalar=*/true);
    Value out = quantDequant(b, resultLoc(op, 0), clipped, step, zp,
                             std::nullopt, op.getOut().getType());
    // At inference OutScale is InScale.
    b.replaceOp(op, {out, inScale});
    return success();
  }
};

/// fake_channel_wise_quantize_dequantize_abs_max: per-channel abs-max scales
/// computed from X (a weight). A constant X is quantized here to an int8
/// constant and a DequantizeLinear, the usual QDQ form of a weight.
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
    if (opset() < 13)
      return needsOpset(op, 13); // per-axis (De)QuantizeLinear
    int64_t channels = xType.getDimSize(axis);
    float bin = binCount(bits);
    auto scaleType = RankedTensorType::get({channels}, f32);
    Value zp = int8Zeros(b, auxLoc(loc, "zero_point"), channels,
                         /*scalar=*/false);

    if (std::optional<SmallVector<float>> w = getConstF32(x)) {
      // Paddle: s = max |x| per channel; q = round(bin * (1/s) * x), ties
      // away from zero; out = q * s / bin.
      int64_t inner = 1;
      for (int64_t d = axis + 1; d < rank; ++d)
        inner *= xType.getDimSize(d);
      auto channelOf = [&](int64_t i) { return (i / inner) % channels; };
      SmallVector<float> scales(channels, 0.0f);
      for (int64_t i = 0, e = w->size(); i < e; ++i)
        scales[channelOf(i)] =
            std::max(scales[channelOf(i)], std::fabs((*w)[i]));
      SmallVector<int8_t> q(w->size());
      for (int64_t i = 0, e = w->size(); i < e; ++i) {
        float s = scales[channelOf(i)];
        // Paddle's inverse(): 1 / (s + 1e-6) for s <= 1e-30.
        float inv = s <= 1e-30f ? 1.0f / (s + 1e-6f) : 1.0f / s;
        float v = std::round(bin * inv * (*w)[i]);
        q[i] = static_cast<int8_t>(std::clamp(v, -bin, bin));
      }
      SmallVector<double> steps;
      for (float s : scales)
        steps.push_back(s > 0 ? s / bin : 1.0); // an all-zero channel: q = 0
      auto qType = RankedTensorType::get(xType.getShape(), b.getI8Type());
      Value qv = constFromAttr(b, auxLoc(loc, "quantized"),
                               DenseElementsAttr::get(qType, ArrayRef(q)));
      Value step = constOfType(b, auxLoc(loc, "step"), f32, steps,
                               /*scalar=*/false);
      Value out =
          createOnnxOp(b, resultLoc(op, 0), "DequantizeLinear", xType,
                       {qv, step, zp},
                       {b.getNamedAttr("axis", b.getI64IntegerAttr(axis))})
              ->getResult(0);
      SmallVector<double> absMax(scales.begin(), scales.end());
      b.replaceOp(op, {out, constOfType(b, resultLoc(op, 1), f32, absMax,
                                        /*scalar=*/false)});
      return success();
    }

    // X known at run time: the abs-max over every axis but quant_axis.
    SmallVector<int64_t> others;
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis)
        others.push_back(d);
    Value absX =
        createOnnxOp(b, auxLoc(loc, "abs"), "Abs", xType, x)->getResult(0);
    Value absMax = reduce(b, resultLoc(op, 1), opset(), "ReduceMax", absX,
                          others, /*keepDims=*/false, scaleType);
    // Keeps an all-zero channel's step positive (its values quantize to 0).
    Value safe = createOnnxOp(b, auxLoc(loc, "scale_safe"), "Max", scaleType,
                              {absMax, constOfType(b, auxLoc(loc, "tiny"), f32,
                                                   {1e-30})})
                     ->getResult(0);
    Value step =
        createOnnxOp(b, auxLoc(loc, "step"), "Div", scaleType,
                     {safe, constOfType(b, auxLoc(loc, "bin"), f32, {bin})})
            ->getResult(0);
    Value out = quantDequant(b, resultLoc(op, 0), x, step, zp, axis, xType);
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
