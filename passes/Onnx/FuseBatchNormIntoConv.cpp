//===- FuseBatchNormIntoConv.cpp - The onnx-fuse-bn-into-conv pass --------===//
//
// BatchNormalization(Conv(X, W, B), scale, bias, mean, var) at inference is
// Conv(X, W', B') with, per output channel m and f = scale / sqrt(var + eps):
//   W'[m, ...] = W[m, ...] * f[m]
//   B'[m]      = (B[m] - mean[m]) * f[m] + bias[m]      (B = 0 when absent)
// computed in double and stored in the weight's type. ConvTranspose holds
// its output channels on axis 1 of W, per group: W is [C, M/g, k...] and
// output channel m = (c / (C/g)) * (M/g) + j for W[c, j, ...].
//
// A quantized Conv weight, DequantizeLinear(Q, s, 0) with Q an int8
// constant, per tensor or per output channel (axis 0), folds into the
// scales instead, so that the weight stays int8: s'[m] = s[m] * |f[m]|, and
// channel m of Q is negated where f[m] < 0 (not folded when such a channel
// holds -128, which has no int8 negation, or when some f[m] is 0).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"
#include "passes/Onnx/Utils.h"

#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXFUSEBATCHNORMINTOCONV
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::onnx_utils;

namespace {

/// Weights up to this many elements are rewritten (1 GiB of f32).
constexpr int64_t kMaxWeightElements = int64_t{1} << 28;

/// The name of `value`: its location's name, else its dense_resource key.
std::optional<std::string> nameOf(Value value) {
  if (auto name = dyn_cast<NameLoc>(value.getLoc()))
    return name.getName().str();
  if (auto resource =
          dyn_cast_or_null<DenseResourceElementsAttr>(getConstantAttr(value)))
    return resource.getRawHandle().getKey().str();
  return std::nullopt;
}

/// `<name of value>_fused_bn` (at the place `value` comes from), or
/// `value`'s location when it has no name.
Location fusedName(Value value) {
  Location loc = value.getLoc();
  std::optional<std::string> name = nameOf(value);
  if (!name)
    return loc;
  if (auto named = dyn_cast<NameLoc>(loc))
    loc = named.getChildLoc();
  return NameLoc::get(StringAttr::get(value.getContext(), *name + "_fused_bn"),
                      loc);
}

/// A new constant holding `t`: a dense_resource blob when `like` is one
/// (weights stay out of the IR text), a dense attribute otherwise.
Value makeConstant(PatternRewriter &rewriter, Location loc, const HostTensor &t,
                   ElementsAttr like) {
  ElementsAttr attr;
  if (isa<DenseResourceElementsAttr>(like)) {
    std::string name = "fused_bn";
    if (auto n = dyn_cast<NameLoc>(loc))
      name = n.getName().str();
    attr = toResourceAttr(t, name);
  } else {
    attr = toDenseAttr(t);
  }
  return onnx::ConstantOp::create(rewriter, loc, attr);
}

/// The location of the fused Conv: the batch norm's (its output is the
/// value the fused Conv computes, so that the ONNX value is named after
/// the Paddle variable it holds, which range tables of calibration key
/// on), the Conv's when the batch norm has no name.
Location fusedConvLoc(Operation *conv, onnx::BatchNormalizationOp bn) {
  Location loc = bn.getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    loc = fused.getLocations().empty() ? Location(UnknownLoc::get(
                                             bn.getContext()))
                                       : fused.getLocations().front();
  return isa<NameLoc>(loc) ? loc : conv->getLoc();
}

/// A batch normalization folded per output channel of the conv before it:
/// `bn(conv(x) + b) = conv(x) * factor + shift`, the conv's bias `b` (zero
/// when absent) included in `shift`.
struct FoldedBatchNorm {
  SmallVector<double> factor, shift;
};

/// Reads `bn`'s parameters and the conv bias `bValue` (if any) as constant
/// float vectors of `channels` elements and folds them.
FailureOr<FoldedBatchNorm> foldBatchNorm(onnx::BatchNormalizationOp bn,
                                         Value bValue, int64_t channels,
                                         PatternRewriter &rewriter) {
  auto readVector = [&](Value v) -> std::optional<HostTensor> {
    std::optional<HostTensor> t = readConstant(v);
    if (!t || !t->isFloat() || t->shape.size() != 1 ||
        t->shape[0] != channels)
      return std::nullopt;
    return t;
  };
  std::optional<HostTensor> scale = readVector(bn.getScale());
  std::optional<HostTensor> bias = readVector(bn.getB());
  std::optional<HostTensor> mean = readVector(bn.getInputMean());
  std::optional<HostTensor> var = readVector(bn.getInputVar());
  std::optional<HostTensor> convBias;
  if (bValue && !(convBias = readVector(bValue)))
    return rewriter.notifyMatchFailure(bn, "conv bias is not constant");
  if (!scale || !bias || !mean || !var)
    return rewriter.notifyMatchFailure(bn, "BN parameters are not constant");

  // epsilon is a float attribute: use its float value, as runtimes do.
  double eps = 1e-5;
  if (auto e = bn.getEpsilonAttr())
    eps = e.getValue().convertToFloat();
  FoldedBatchNorm folded;
  folded.factor.resize(channels);
  folded.shift.resize(channels);
  for (int64_t m = 0; m < channels; ++m) {
    double f = scale->floats[m] / std::sqrt(var->floats[m] + eps);
    double b = convBias ? convBias->floats[m] : 0.0;
    folded.factor[m] = f;
    folded.shift[m] = (b - mean->floats[m]) * f + bias->floats[m];
  }
  return folded;
}

struct FuseBatchNorm final : OpRewritePattern<onnx::BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

  /// Replaces `bn` and the `conv` it reads by one conv of `conv`'s input
  /// and attributes with weight `weight` and the folded shift as its bias
  /// (of `elementType`, named after the conv's bias `bValue`, else the
  /// batch norm's B).
  void replaceByFusedConv(onnx::BatchNormalizationOp bn, Operation *conv,
                          Value weight, Value bValue, Type elementType,
                          const FoldedBatchNorm &folded,
                          PatternRewriter &rewriter) const {
    HostTensor newB;
    newB.shape = {static_cast<int64_t>(folded.shift.size())};
    newB.elementType = elementType;
    newB.floats.assign(folded.shift.begin(), folded.shift.end());
    Value bConst =
        makeConstant(rewriter, fusedName(bValue ? bValue : bn.getB()), newB,
                     toDenseAttr(newB));
    OperationState state(fusedConvLoc(conv, bn), conv->getName());
    state.addOperands({conv->getOperand(0), weight, bConst});
    state.addTypes(bn.getY().getType());
    state.addAttributes(conv->getAttrs());
    Operation *fused = rewriter.create(state);
    rewriter.replaceAllUsesWith(bn.getY(), fused->getResult(0));
    rewriter.eraseOp(bn);
    rewriter.eraseOp(conv);
  }

  /// The quantized-weight case (see the file comment).
  LogicalResult fuseQuantized(onnx::BatchNormalizationOp bn, Operation *conv,
                              onnx::DequantizeLinearOp dq, Value bValue,
                              PatternRewriter &rewriter) const;

  LogicalResult matchAndRewrite(onnx::BatchNormalizationOp bn,
                                PatternRewriter &rewriter) const override {
    for (Value r : bn->getResults().drop_front())
      if (!r.use_empty())
        return rewriter.notifyMatchFailure(bn, "statistics outputs are used");
    if (bn.getTrainingMode().value_or(0) != 0 ||
        bn.getSpatial().value_or(1) != 1)
      return rewriter.notifyMatchFailure(bn, "not an inference, spatial BN");

    Operation *conv = bn.getX().getDefiningOp();
    bool transposed = isa_and_nonnull<onnx::ConvTransposeOp>(conv);
    if (!conv || !(isa<onnx::ConvOp>(conv) || transposed) || !conv->hasOneUse())
      return rewriter.notifyMatchFailure(bn, "input is not a Conv used once");
    Value wValue = conv->getOperand(1);
    Value bValue = optionalOperand(conv, 2);
    auto dq = wValue.getDefiningOp<onnx::DequantizeLinearOp>();
    if (dq && !transposed)
      return fuseQuantized(bn, conv, dq, bValue, rewriter);
    ElementsAttr wAttr = getConstantAttr(wValue);
    std::optional<HostTensor> w = readElements(wAttr, kMaxWeightElements);
    if (!w || !w->isFloat() || w->shape.size() < 2)
      return rewriter.notifyMatchFailure(bn, "conv weight is not constant");

    int64_t group = 1;
    if (auto g = conv->getAttrOfType<IntegerAttr>("group"))
      group = g.getInt();
    int64_t channels = transposed ? w->shape[1] * group : w->shape[0];
    if (group <= 0 || (transposed && w->shape[0] % group != 0))
      return failure();

    FailureOr<FoldedBatchNorm> folded =
        foldBatchNorm(bn, bValue, channels, rewriter);
    if (failed(folded))
      return failure();
    ArrayRef<double> factor = folded->factor;

    HostTensor newW = *w;
    int64_t kernel = 1;
    for (size_t i = 2; i < w->shape.size(); ++i)
      kernel *= w->shape[i];
    int64_t perGroupIn = w->shape[0] / group; // ConvTranspose: C/g
    int64_t perGroupOut = w->shape[1];        // ConvTranspose: M/g
    for (int64_t i = 0, n = w->size(); i < n; ++i) {
      int64_t m;
      if (transposed) {
        int64_t c = i / (perGroupOut * kernel);
        int64_t j = (i / kernel) % perGroupOut;
        m = (c / perGroupIn) * perGroupOut + j;
      } else {
        m = i / (w->shape[1] * kernel);
      }
      newW.floats[i] = w->floats[i] * factor[m];
    }

    Value wConst = makeConstant(rewriter, fusedName(wValue), newW, wAttr);
    replaceByFusedConv(bn, conv, wConst, bValue, w->elementType, *folded,
                       rewriter);
    return success();
  }
};

LogicalResult FuseBatchNorm::fuseQuantized(onnx::BatchNormalizationOp bn,
                                           Operation *conv,
                                           onnx::DequantizeLinearOp dq,
                                           Value bValue,
                                           PatternRewriter &rewriter) const {
  if (!dq->hasOneUse())
    return rewriter.notifyMatchFailure(bn, "quantized weight is shared");
  ElementsAttr qAttr = getConstantAttr(dq->getOperand(0));
  std::optional<HostTensor> q = readElements(qAttr, kMaxWeightElements);
  std::optional<HostTensor> s = readConstant(dq->getOperand(1));
  std::optional<HostTensor> zp =
      isNone(optionalOperand(dq, 2)) ? std::optional<HostTensor>()
                                     : readConstant(optionalOperand(dq, 2));
  if (!q || q->isFloat() || !q->elementType.isInteger(8) ||
      q->shape.size() < 2 || !s || !s->isFloat())
    return rewriter.notifyMatchFailure(bn, "weight is not a constant int8 "
                                           "DequantizeLinear");
  if (zp)
    for (int64_t i = 0; i < zp->size(); ++i)
      if (zp->asInt(i) != 0)
        return rewriter.notifyMatchFailure(bn, "zero point is not 0");
  int64_t channels = q->shape[0];
  int64_t axis = 1;
  if (auto a = dq->getAttrOfType<IntegerAttr>("axis"))
    axis = a.getInt();
  bool perTensor = s->size() == 1 && s->shape.size() <= 1;
  if (!perTensor && (s->shape.size() != 1 || s->shape[0] != channels ||
                     axis != 0))
    return rewriter.notifyMatchFailure(bn, "scales are not per output "
                                           "channel");
  FailureOr<FoldedBatchNorm> folded =
      foldBatchNorm(bn, bValue, channels, rewriter);
  if (failed(folded))
    return failure();
  int64_t perChannel = q->size() / channels;
  HostTensor newQ = *q, newS;
  newS.shape = {channels};
  newS.elementType = s->elementType;
  newS.floats.resize(channels);
  for (int64_t m = 0; m < channels; ++m) {
    double f = folded->factor[m];
    if (!(f != 0) || !std::isfinite(f))
      return rewriter.notifyMatchFailure(bn, "a BN factor is 0");
    newS.floats[m] = s->floats[perTensor ? 0 : m] * std::fabs(f);
    if (f < 0)
      for (int64_t i = m * perChannel; i < (m + 1) * perChannel; ++i) {
        if (q->ints[i] == -128)
          return rewriter.notifyMatchFailure(bn, "-128 cannot be negated");
        newQ.ints[i] = -q->ints[i];
      }
  }
  Value qConst =
      makeConstant(rewriter, fusedName(dq->getOperand(0)), newQ, qAttr);
  Value sConst = makeConstant(rewriter, fusedName(dq->getOperand(1)), newS,
                              toDenseAttr(newS));
  HostTensor zeros;
  zeros.shape = {channels};
  zeros.elementType = q->elementType;
  zeros.ints.assign(channels, 0);
  Value zConst = makeConstant(rewriter, fusedName(dq->getOperand(1)), zeros,
                              toDenseAttr(zeros));
  OperationState dqState(dq->getLoc(), dq->getName());
  dqState.addOperands({qConst, sConst, zConst});
  dqState.addTypes(dq->getResult(0).getType());
  dqState.addAttribute("axis", rewriter.getI64IntegerAttr(0));
  Operation *newDq = rewriter.create(dqState);
  replaceByFusedConv(bn, conv, newDq->getResult(0), bValue, s->elementType,
                     *folded, rewriter);
  rewriter.eraseOp(dq);
  return success();
}

class OnnxFuseBatchNormIntoConvPass final
    : public mlir::oar::impl::OnnxFuseBatchNormIntoConvBase<
          OnnxFuseBatchNormIntoConvPass> {
public:
  using OnnxFuseBatchNormIntoConvBase::OnnxFuseBatchNormIntoConvBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseBatchNorm>(&getContext());
    if (failed(applyCleanupPatterns(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
