//===- LiftQuant.cpp - Paddle quantization ops to quant-typed pd ops ------===//
//
// Rewrites the current ("ONNX-like") Paddle quantization format into
// `pd.uniform_quantize` / `pd.uniform_dequantize` on `!quant.uniform`
// tensors (docs/quantization.md):
//
//   dequantize_linear(quantize_linear(x, S), S)  (an activation, or a float
//                                                 weight)
//     -> uniform_dequantize(uniform_quantize(x))
//   dequantize_linear(W: int8 constant, S)       (QuantWeightPass's weights)
//     -> uniform_dequantize(quant.scast(W))
//
// Paddle's Scale is the abs-max s: the type's scale is s / bin with
// bin = 2^(bit_length-1) - 1, zero point 0, storage [-bin, bin] for
// round_type 1 (Paddle clips to [-s, s] first) and [-bin-1, bin] for
// round_type 0. Scales and zero points must be constants (they are
// persistable variables in every exported program); zero points must be 0.
// `only_observer` quantize_linear / dequantize_linear are identities.
//
// The older format's quantized ops,
//
//   fake_channel_wise_dequantize_max_abs(op(fake_quantize_*(x), W_int), ...)
//     -> op(uniform_dequantize(uniform_quantize(x)),
//           uniform_dequantize(quant.scast(W as int8)))
//
// for a conv or matmul `op` whose weight holds integers: the scales move
// from the output to the inputs (the same function up to f32 rounding).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/Pd/QuantUtils.h"

#include "dialects/pd/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mlir::oar {
#define GEN_PASS_DEF_PDLIFTQUANT
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {

/// The `!quant.uniform` element type for Paddle's abs-max `scales` along
/// `axis` (-1: per tensor) of a tensor of `shape`, or a null type with
/// `why` set.
Type quantTypeFor(MLIRContext *ctx, ArrayRef<double> scales, int64_t axis,
                  int64_t bits, int64_t roundType, ArrayRef<int64_t> shape,
                  Type expressed, std::string &why) {
  if (bits < 2 || bits > 8) {
    why = "bit_length " + std::to_string(bits) + " is not 2 to 8";
    return {};
  }
  int64_t bin = (int64_t(1) << (bits - 1)) - 1;
  int64_t storageMin = roundType == 1 ? -bin : -bin - 1;
  Type i8 = IntegerType::get(ctx, 8);
  for (double s : scales)
    if (!(s > 0) || !std::isfinite(s)) {
      why = "a scale is not positive";
      return {};
    }
  // One scale is per tensor whatever quant_axis says; several are along
  // quant_axis, one per index.
  bool perTensor = scales.size() == 1;
  if (!perTensor && (axis < 0 || axis >= static_cast<int64_t>(shape.size()) ||
                     shape[axis] != static_cast<int64_t>(scales.size()))) {
    why = std::to_string(scales.size()) + " scales do not match quant_axis " +
          std::to_string(axis) + " of the tensor";
    return {};
  }
  if (perTensor)
    return quant::UniformQuantizedType::get(
        quant::QuantizationFlags::Signed, i8, expressed, scales[0] / bin, 0,
        storageMin, bin);
  SmallVector<double> steps;
  for (double s : scales)
    steps.push_back(s / bin);
  SmallVector<int64_t> zeros(scales.size(), 0);
  return quant::UniformQuantizedPerAxisType::get(
      quant::QuantizationFlags::Signed, i8, expressed, steps, zeros,
      static_cast<int32_t>(axis), storageMin, bin);
}

template <typename OpT>
LogicalResult readScales(OpT op, SmallVector<double> &scales,
                         PatternRewriter &rewriter) {
  std::optional<SmallVector<double>> s = pd::readConstantValues(op.getScale());
  if (!s)
    return rewriter.notifyMatchFailure(op, "Scale is not a constant");
  std::optional<SmallVector<double>> zp = pd::readConstantValues(op.getZeroPoint());
  if (!zp || llvm::any_of(*zp, [](double z) { return z != 0; }))
    return rewriter.notifyMatchFailure(op, "ZeroPoint is not constant 0");
  scales = std::move(*s);
  return success();
}

/// only_observer: the op passes X through.
template <typename OpT>
struct DropObserver : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    if (!op.getOnlyObserver() || op.getX().getType() != op.getY().getType())
      return failure();
    rewriter.replaceOp(op, op.getX());
    return success();
  }
};

struct LiftDequantizeLinear : OpRewritePattern<pd::DequantizeLinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pd::DequantizeLinearOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getOnlyObserver())
      return failure();
    auto resultType = cast<RankedTensorType>(op.getY().getType());
    if (!isa<FloatType>(resultType.getElementType()))
      return rewriter.notifyMatchFailure(op, "Y is not float");
    SmallVector<double> scales;
    if (failed(readScales(op, scales, rewriter)))
      return failure();
    Value src = op.getX();
    auto srcType = cast<RankedTensorType>(src.getType());
    int64_t roundType = 0;
    auto q = src.getDefiningOp<pd::QuantizeLinearOp>();
    if (q) {
      SmallVector<double> qScales;
      if (q.getOnlyObserver() || failed(readScales(q, qScales, rewriter)) ||
          qScales != scales || q.getBitLength() != op.getBitLength() ||
          q.getQuantAxis() != op.getQuantAxis())
        return rewriter.notifyMatchFailure(
            op, "X comes from a quantize_linear with other parameters");
      roundType = q.getRoundType();
    } else if (!srcType.getElementType().isInteger(8) ||
               !matchPattern(src, m_Constant())) {
      return rewriter.notifyMatchFailure(
          op, "X is neither a quantize_linear nor an int8 constant");
    }
    std::string why;
    Type elem = quantTypeFor(getContext(), scales, op.getQuantAxis(),
                             op.getBitLength(), roundType,
                             resultType.getShape(),
                             resultType.getElementType(), why);
    if (!elem)
      return rewriter.notifyMatchFailure(op, why);
    auto qType = RankedTensorType::get(resultType.getShape(), elem);
    Value quantized;
    if (q) {
      Value x = q.getX();
      if (cast<RankedTensorType>(x.getType()).getElementType() !=
          resultType.getElementType())
        return rewriter.notifyMatchFailure(op, "X and Y types differ");
      quantized = pd::UniformQuantizeOp::create(rewriter, q.getLoc(), qType,
                                                x, roundType);
    } else {
      quantized =
          quant::StorageCastOp::create(rewriter, src.getLoc(), qType, src);
    }
    rewriter.replaceOpWithNewOp<pd::UniformDequantizeOp>(op, resultType,
                                                         quantized);
    return success();
  }
};

/// The older format's quantized op: `dequant(op(fake_quantize(x), W))`,
/// where `op` is a conv or matmul, W a constant holding integers and
/// `dequant` fake_channel_wise_dequantize_max_abs with the weight's and the
/// activation's scales, becomes `op(dq(q(x)), dq(scast(W as int8)))`: the
/// same function, with the scales moved from the output to the inputs.
struct LiftFakeQuantizedOp
    : OpRewritePattern<pd::FakeChannelWiseDequantizeMaxAbsOp> {
  using OpRewritePattern::OpRewritePattern;

  /// The activation quantizer feeding `v`, its scale and bits, if any.
  static Operation *fakeQuantizer(Value v, double &scale, int64_t &bits,
                                  int64_t &roundType) {
    Operation *def = v.getDefiningOp();
    Value inScale;
    if (auto q = dyn_cast_or_null<pd::FakeQuantizeRangeAbsMaxOp>(def)) {
      inScale = q.getInScale();
      bits = q.getBitLength();
      roundType = q.getRoundType();
    } else if (auto q = dyn_cast_or_null<pd::FakeQuantizeMovingAverageAbsMaxOp>(
                   def)) {
      inScale = q.getInScale();
      bits = q.getBitLength();
      roundType = q.getRoundType();
    } else {
      return nullptr;
    }
    if (v != def->getResult(0))
      return nullptr;
    std::optional<SmallVector<double>> s = pd::readConstantValues(inScale);
    if (!s || s->size() != 1)
      return nullptr;
    scale = (*s)[0];
    return def;
  }

  LogicalResult matchAndRewrite(pd::FakeChannelWiseDequantizeMaxAbsOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getScales().size() != 2 || op.getQuantBits().size() != 2)
      return rewriter.notifyMatchFailure(op, "not an op output's dequantize");
    Operation *mid = op.getX().getDefiningOp();
    if (!mid || mid->getNumResults() != 1 || !mid->hasOneUse() ||
        !isa<pd::Conv2dOp, pd::DepthwiseConv2dOp, pd::MatmulWithFlattenOp,
             pd::MatmulOp, pd::LegacyMatmulOp>(mid))
      return rewriter.notifyMatchFailure(op, "X is not a conv or matmul");
    if (mid->getResult(0).getType() != op.getOut().getType())
      return rewriter.notifyMatchFailure(op, "types differ");
    // One operand from an activation quantizer, one integer weight.
    Operation *quantizer = nullptr;
    Value act, weight;
    double actScale = 0;
    int64_t actBits = 0, roundType = 1;
    for (Value v : mid->getOperands()) {
      double s;
      int64_t b, rt;
      if (Operation *q = fakeQuantizer(v, s, b, rt)) {
        quantizer = q, act = v, actScale = s, actBits = b, roundType = rt;
        continue;
      }
      if (matchPattern(v, m_Constant()))
        weight = v;
    }
    if (!quantizer || !weight)
      return rewriter.notifyMatchFailure(op, "no quantized input or weight");
    std::optional<SmallVector<double>> sw = pd::readConstantValues(op.getScales()[0]);
    // The activation scale is usually the quantizer's OutScale, which is
    // its InScale at inference.
    Value saValue = op.getScales()[1];
    if (auto r = dyn_cast<OpResult>(saValue);
        r && r.getOwner() == quantizer && r.getResultNumber() == 1)
      saValue = quantizer->getOperand(1);
    std::optional<SmallVector<double>> sa = pd::readConstantValues(saValue);
    std::optional<SmallVector<double>> w = pd::readConstantValues(weight);
    if (!sw || !sa || sa->size() != 1 || (*sa)[0] != actScale || !w)
      return rewriter.notifyMatchFailure(op, "scales or weight not constant");
    int64_t wBits = op.getQuantBits()[0];
    if (op.getQuantBits()[1] != actBits)
      return rewriter.notifyMatchFailure(op, "activation bits differ");
    auto wType = cast<RankedTensorType>(weight.getType());
    if (!wType.getElementType().isF32() || !wType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "weight not static f32");
    int64_t bin = (int64_t(1) << (wBits - 1)) - 1;
    SmallVector<int8_t> ints;
    for (double x : *w) {
      if (x != std::nearbyint(x) || x < -bin - 1 || x > bin)
        return rewriter.notifyMatchFailure(op, "weight not integer-valued");
      ints.push_back(static_cast<int8_t>(x));
    }
    std::string why;
    auto xType = cast<RankedTensorType>(act.getType());
    Operation *qDef = quantizer;
    Value x = qDef->getOperand(0);
    Type aElem = quantTypeFor(getContext(), {actScale}, -1, actBits,
                              roundType, xType.getShape(),
                              xType.getElementType(), why);
    Type wElem = quantTypeFor(getContext(), *sw, op.getQuantAxis(), wBits,
                              /*roundType=*/0, wType.getShape(),
                              wType.getElementType(), why);
    if (!aElem || !wElem)
      return rewriter.notifyMatchFailure(op, why);

    rewriter.setInsertionPoint(mid);
    Location loc = qDef->getLoc();
    Value xq = pd::UniformQuantizeOp::create(
        rewriter, loc, RankedTensorType::get(xType.getShape(), aElem), x,
        roundType);
    Value xd = pd::UniformDequantizeOp::create(rewriter, loc, xType, xq);
    auto i8Type = RankedTensorType::get(wType.getShape(),
                                        IntegerType::get(getContext(), 8));
    Value wi8 = arith::ConstantOp::create(
        rewriter, weight.getLoc(), i8Type,
        DenseElementsAttr::get(i8Type, ArrayRef(ints)));
    Value wq = quant::StorageCastOp::create(
        rewriter, weight.getLoc(),
        RankedTensorType::get(wType.getShape(), wElem), wi8);
    Value wd = pd::UniformDequantizeOp::create(rewriter, weight.getLoc(),
                                               wType, wq);
    IRMapping map;
    map.map(act, xd);
    map.map(weight, wd);
    Operation *lifted = rewriter.clone(*mid, map);
    lifted->setLoc(op.getLoc());
    rewriter.replaceOp(op, lifted->getResults());
    rewriter.eraseOp(mid);
    return success();
  }
};

/// Paddle's quantization of one f32 element to an integer (its CPU kernels'
/// arithmetic): round_type 1 clips to [-s, s] and rounds bin * inverse(s) *
/// x half away from zero; round_type 0 rounds half to even and clamps to
/// [-bin - 1, bin].
float paddleQuantize(float x, float s, float bin, int64_t roundType) {
  float m = bin * (s <= 1e-30f ? 1.0f / (s + 1e-6f) : 1.0f / s);
  if (roundType == 1)
    return std::round(m * (x > s ? s : (x < -s ? -s : x)));
  return std::clamp(std::nearbyint(m * x), -bin - 1, bin);
}

/// `fake-quant=qdq`: a fused fake quantize-dequantize op with a scale known
/// at conversion becomes uniform_dequantize(uniform_quantize(x)) (an
/// activation, scale from InScale) or uniform_dequantize(quant.scast(W as
/// int8)) (a constant weight, abs-max scales computed here, per channel
/// for the channel-wise op), so that ONNX runs it as QuantizeLinear /
/// DequantizeLinear. Not exact: QuantizeLinear rounds half to even where
/// Paddle's round_type 1 rounds half away from zero, and dequantizes
/// q * (s / bin) where Paddle computes (q * s) / bin (docs/quantization.md).
struct LiftFusedMovingAverage
    : OpRewritePattern<pd::FakeQuantizeDequantizeMovingAverageAbsMaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult
  matchAndRewrite(pd::FakeQuantizeDequantizeMovingAverageAbsMaxOp op,
                  PatternRewriter &rewriter) const override {
    std::optional<SmallVector<double>> s = pd::readConstantValues(op.getInScale());
    if (!s || s->size() != 1)
      return rewriter.notifyMatchFailure(op, "InScale is not one constant");
    auto xType = cast<RankedTensorType>(op.getX().getType());
    std::string why;
    Type elem = quantTypeFor(getContext(), *s, -1, op.getBitLength(),
                             op.getRoundType(), xType.getShape(),
                             xType.getElementType(), why);
    if (!elem)
      return rewriter.notifyMatchFailure(op, why);
    if (op.getRoundType() != 0 && op.getRoundType() != 1)
      return rewriter.notifyMatchFailure(op, "round_type is not 0 or 1");
    // At inference OutScale is InScale.
    if (op.getOut().getType() != xType ||
        op.getOutScale().getType() != op.getInScale().getType())
      return rewriter.notifyMatchFailure(op, "result types differ");
    Value q = pd::UniformQuantizeOp::create(
        rewriter, op.getLoc(), RankedTensorType::get(xType.getShape(), elem),
        op.getX(), op.getRoundType());
    Value d = pd::UniformDequantizeOp::create(rewriter, op.getLoc(), xType, q);
    rewriter.replaceOp(op, {d, op.getInScale()});
    return success();
  }
};

/// The abs-max quantize-dequantize of a constant weight, per tensor
/// (axis -1) or per channel along `axis`.
template <typename OpT>
LogicalResult liftFusedWeight(OpT op, int64_t axis, PatternRewriter &rewriter) {
  if (!op.getOutScale().use_empty())
    return rewriter.notifyMatchFailure(op, "OutScale is used");
  auto wType = cast<RankedTensorType>(op.getX().getType());
  std::optional<SmallVector<double>> w = pd::readConstantValues(op.getX());
  int64_t bits = op.getBitLength(), roundType = op.getRoundType();
  if (!w || !wType.getElementType().isF32() || !wType.hasStaticShape() ||
      (roundType != 0 && roundType != 1) || bits < 2 || bits > 8 ||
      op.getOut().getType() != wType ||
      (axis >= 0 && axis >= wType.getRank()))
    return rewriter.notifyMatchFailure(op, "not a static f32 weight");
  int64_t channels = axis < 0 ? 1 : wType.getDimSize(axis), inner = 1;
  for (int64_t d = axis + 1; axis >= 0 && d < wType.getRank(); ++d)
    inner *= wType.getDimSize(d);
  auto channelOf = [&](int64_t i) { return (i / inner) % channels; };
  SmallVector<float> absMax(channels, 0.0f);
  for (int64_t i = 0, e = w->size(); i < e; ++i)
    absMax[channelOf(i)] = std::max(absMax[channelOf(i)],
                                    std::fabs(static_cast<float>((*w)[i])));
  float bin = static_cast<float>((int64_t(1) << (bits - 1)) - 1);
  SmallVector<int8_t> q(w->size());
  for (int64_t i = 0, e = w->size(); i < e; ++i)
    q[i] = static_cast<int8_t>(paddleQuantize(
        static_cast<float>((*w)[i]), absMax[channelOf(i)], bin, roundType));
  SmallVector<double> scales(absMax.begin(), absMax.end());
  std::string why;
  Type elem = quantTypeFor(rewriter.getContext(), scales, axis, bits,
                           roundType, wType.getShape(),
                           wType.getElementType(), why);
  if (!elem) // e.g. an all-zero channel: no positive scale
    return rewriter.notifyMatchFailure(op, why);
  Value d = pd::createInt8Weight(rewriter, op.getLoc(), wType, elem, q);
  rewriter.replaceAllUsesWith(op.getOut(), d);
  rewriter.eraseOp(op);
  return success();
}

struct LiftFusedChannelWise
    : OpRewritePattern<pd::FakeChannelWiseQuantizeDequantizeAbsMaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult
  matchAndRewrite(pd::FakeChannelWiseQuantizeDequantizeAbsMaxOp op,
                  PatternRewriter &rewriter) const override {
    return liftFusedWeight(op, op.getQuantAxis(), rewriter);
  }
};

struct LiftFusedAbsMax : OpRewritePattern<pd::FakeQuantizeDequantizeAbsMaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pd::FakeQuantizeDequantizeAbsMaxOp op,
                                PatternRewriter &rewriter) const override {
    return liftFusedWeight(op, -1, rewriter);
  }
};

struct PdLiftQuant : mlir::oar::impl::PdLiftQuantBase<PdLiftQuant> {
  using PdLiftQuantBase::PdLiftQuantBase;
  void runOnOperation() override {
    if (fakeQuant != "exact" && fakeQuant != "qdq") {
      getOperation().emitError()
          << "fake-quant: '" << fakeQuant << "' is not exact or qdq";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    patterns.add<LiftDequantizeLinear, LiftFakeQuantizedOp,
                 DropObserver<pd::QuantizeLinearOp>,
                 DropObserver<pd::DequantizeLinearOp>>(&getContext());
    if (fakeQuant == "qdq")
      patterns.add<LiftFusedMovingAverage, LiftFusedChannelWise,
                   LiftFusedAbsMax>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
