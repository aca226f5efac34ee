//===- PdFolds.cpp - Folding and canonicalization of pd ops ---------------===//
//
// Removes the redundancy Paddle programs carry at inference: identity scales
// (the `save_infer_model/scale_*` ops), dropout, assign, casts and reshapes
// that change nothing. A fold replaces a result by an operand only when the
// two types are identical, so no shape information is lost.
//
//===----------------------------------------------------------------------===//

#include "dialects/pd/PdOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::oar::pd;

namespace {

/// The operand itself when it has exactly the result's type.
OpFoldResult sameTypeOrNull(Value operand, Value result) {
  if (operand.getType() == result.getType())
    return operand;
  return {};
}

/// True for a static type: a no-op on it cannot hide a dynamic reshape.
bool isStaticNoop(Value operand, Value result) {
  return operand.getType() == result.getType() &&
         cast<RankedTensorType>(result.getType()).hasStaticShape();
}

/// dropout at inference: identity for upscale_in_train, a scale by
/// 1 - dropout_prob for downgrade_in_infer.
struct SimplifyInferenceDropout final : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getIsTest())
      return rewriter.notifyMatchFailure(op, "dropout in training mode");
    if (op.getDropoutImplementation() == "upscale_in_train") {
      rewriter.replaceOp(op, op.getX());
      return success();
    }
    float keep = 1.0f - op.getDropoutProb().convertToFloat();
    rewriter.replaceOpWithNewOp<ScaleOp>(
        op, op.getType(), op.getX(), /*scale_tensor=*/Value(),
        rewriter.getF32FloatAttr(keep), rewriter.getF32FloatAttr(0.0f),
        rewriter.getBoolAttr(true));
    return success();
  }
};

} // namespace

OpFoldResult ScaleOp::fold(FoldAdaptor) {
  if (getScaleTensor() || !getScale().isExactlyValue(1.0) ||
      !getBias().isZero())
    return {};
  return sameTypeOrNull(getX(), getOut());
}

OpFoldResult AssignOp::fold(FoldAdaptor) {
  if (!getX())
    return {};
  return sameTypeOrNull(getX(), getOut());
}

OpFoldResult CastOp::fold(FoldAdaptor) {
  return sameTypeOrNull(getX(), getOut());
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (isStaticNoop(getX(), getOut()))
    return getX();
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  int64_t rank = static_cast<int64_t>(getAxis().size());
  for (auto [i, p] : llvm::enumerate(getAxis()))
    if ((p < 0 ? p + rank : p) != static_cast<int64_t>(i))
      return {};
  return sameTypeOrNull(getX(), getOut());
}

OpFoldResult SqueezeOp::fold(FoldAdaptor) {
  if (isStaticNoop(getX(), getOut()))
    return getX();
  return {};
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor) {
  if (isStaticNoop(getX(), getOut()))
    return getX();
  return {};
}

OpFoldResult FlattenOp::fold(FoldAdaptor) {
  if (isStaticNoop(getX(), getOut()))
    return getX();
  // Flattening a single dim changes nothing, whatever is static.
  if (getStartAxis() == getStopAxis())
    return sameTypeOrNull(getX(), getOut());
  return {};
}

void DropoutOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<SimplifyInferenceDropout>(context);
}
