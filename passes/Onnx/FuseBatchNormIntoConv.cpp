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

struct FuseBatchNorm final : OpRewritePattern<onnx::BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;

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
    SmallVector<double> factor(channels);
    for (int64_t m = 0; m < channels; ++m)
      factor[m] = scale->floats[m] / std::sqrt(var->floats[m] + eps);

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

    HostTensor newB;
    newB.shape = {channels};
    newB.elementType = w->elementType;
    newB.floats.resize(channels);
    for (int64_t m = 0; m < channels; ++m) {
      double b = convBias ? convBias->floats[m] : 0.0;
      newB.floats[m] = (b - mean->floats[m]) * factor[m] + bias->floats[m];
    }

    Value wConst = makeConstant(rewriter, fusedName(wValue), newW, wAttr);
    Value bNamer = bValue ? bValue : bn.getB();
    Value bConst =
        makeConstant(rewriter, fusedName(bNamer), newB, toDenseAttr(newB));

    OperationState state(conv->getLoc(), conv->getName());
    state.addOperands({conv->getOperand(0), wConst, bConst});
    state.addTypes(bn.getY().getType());
    state.addAttributes(conv->getAttrs());
    Operation *fused = rewriter.create(state);
    rewriter.replaceAllUsesWith(bn.getY(), fused->getResult(0));
    rewriter.eraseOp(bn);
    rewriter.eraseOp(conv);
    return success();
  }
};

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
