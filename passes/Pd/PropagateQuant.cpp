//===- PropagateQuant.cpp - Fold and propagate quantization parameters ----===//
//
// `pd-propagate-quant` (after pd-lift-quant in the qdq form of the
// pd-to-onnx pipeline) moves dequantizes down through ops that commute
// with them and removes requantizations that change nothing:
//
//   op(uniform_dequantize(q), ...)  -> uniform_dequantize(op'(q), ...)
//   uniform_quantize(uniform_dequantize(q))  -> q
//
// where `op` moves or selects elements without computing new values
// (reshape, transpose, squeeze, unsqueeze, flatten, slice), takes their
// maximum (max pool2d, not global or adaptive), or concatenates several
// such inputs with one scale and zero point (concat), and `op'` is the
// same op on the int8 storage.
//
// Exactness: dequantize is v -> (v - z) * step, elementwise and
// non-decreasing, so it commutes with every op above: op(dq(q)) =
// dq(op'(q)). A quantize after it meets values that are already on its
// grid: when it has q's scale and zero point and its storage range
// contains q's, quantize(dq(v)) = v for every storage value v (the f32
// round trip v * step / step is within an ulp of v, far from a rounding
// boundary; round_type 1's clip to [-s, s] keeps every value of
// [-bin, bin]). So the rewritten program computes the same values, with
// the moved ops on int8 and one quantize and one dequantize fewer per
// folded requantization. Parameters that differ (a real requantization),
// per-axis types through ops that move the quantized axis, and ops that
// compute new values (avg pool, add) are left alone.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/pd/PdOps.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::oar {
#define GEN_PASS_DEF_PDPROPAGATEQUANT
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {

/// Whether every value of quantized element type `from` is the same real
/// number, with the same storage, in `to`: same storage, expressed type,
/// scales, zero points (and axis), and `to`'s storage range contains
/// `from`'s.
bool holds(Type to, Type from) {
  auto t = dyn_cast<quant::QuantizedType>(to);
  auto f = dyn_cast<quant::QuantizedType>(from);
  if (!t || !f || t.getStorageType() != f.getStorageType() ||
      t.getExpressedType() != f.getExpressedType() ||
      t.getFlags() != f.getFlags() ||
      t.getStorageTypeMin() > f.getStorageTypeMin() ||
      t.getStorageTypeMax() < f.getStorageTypeMax())
    return false;
  if (auto tu = dyn_cast<quant::UniformQuantizedType>(t)) {
    auto fu = dyn_cast<quant::UniformQuantizedType>(f);
    return fu && tu.getScale() == fu.getScale() &&
           tu.getZeroPoint() == fu.getZeroPoint();
  }
  auto ta = dyn_cast<quant::UniformQuantizedPerAxisType>(t);
  auto fa = dyn_cast<quant::UniformQuantizedPerAxisType>(f);
  return ta && fa && ta.getQuantizedDimension() == fa.getQuantizedDimension() &&
         ta.getScales() == fa.getScales() &&
         ta.getZeroPoints() == fa.getZeroPoints();
}

/// `q` (a quantized tensor) viewed as its integer storage.
Value toStorage(PatternRewriter &b, Location loc, Value q) {
  Type storage = quant::QuantizedType::castToStorageType(q.getType());
  return quant::StorageCastOp::create(b, loc, storage, q);
}

/// The quantized element type of `v` when it is a uniform_dequantize's
/// result, with the quantized value in `q`.
Type dequantizedFrom(Value v, Value &q) {
  auto d = v.getDefiningOp<pd::UniformDequantizeOp>();
  if (!d)
    return {};
  q = d.getInput();
  return getElementTypeOrSelf(q.getType());
}

/// quantize(dequantize(q)) -> q, when the quantize's type holds q's.
struct FoldRequantize : OpRewritePattern<pd::UniformQuantizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(pd::UniformQuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Value q;
    Type from = dequantizedFrom(op.getInput(), q);
    Type to = op.getOutput().getType().getElementType();
    if (!from || !holds(to, from))
      return rewriter.notifyMatchFailure(op, "not a requantization to the "
                                             "same parameters");
    if (q.getType() == op.getOutput().getType()) {
      rewriter.replaceOp(op, q);
      return success();
    }
    // Same numbers in a wider storage range: reinterpret the storage.
    Value storage = toStorage(rewriter, op.getLoc(), q);
    auto i = cast<RankedTensorType>(storage.getType());
    if (i.getShape() != op.getOutput().getType().getShape())
      return rewriter.notifyMatchFailure(op, "shapes differ");
    rewriter.replaceOpWithNewOp<quant::StorageCastOp>(
        op, op.getOutput().getType(), storage);
    return success();
  }
};

/// The data operands of an op that moves, selects or takes the maximum of
/// elements (so that it commutes with dequantize), or nothing.
SmallVector<unsigned> dataOperands(Operation *op) {
  if (isa<pd::ReshapeOp, pd::TransposeOp, pd::SqueezeOp, pd::UnsqueezeOp,
          pd::FlattenOp, pd::SliceOp>(op))
    return {0};
  if (auto pool = dyn_cast<pd::Pool2dOp>(op)) {
    // Max only (monotone); global and adaptive max pooling lower to ONNX
    // ops without int8 kernels (GlobalMaxPool) or through slices.
    if (pool.getPoolingType() == "max" && !pool.getGlobalPooling() &&
        !pool.getAdaptive())
      return {0};
    return {};
  }
  if (auto concat = dyn_cast<pd::ConcatOp>(op)) {
    SmallVector<unsigned> all;
    for (OpOperand &x : concat.getXMutable())
      all.push_back(x.getOperandNumber());
    return all;
  }
  return {};
}

/// op(dequantize(q_1), ..., other operands) -> dequantize(op on the
/// storage of q_1, ...), for an op of dataOperands whose data operands are
/// all dequantized per tensor with one scale and zero point (the widest
/// storage range of theirs is the result's). A quantize after it then
/// folds (FoldRequantize), and a consumer (a conv) reads a dequantize.
struct SinkDequantize : RewritePattern {
  SinkDequantize(MLIRContext *ctx)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 || op->getNumRegions() != 0)
      return failure();
    SmallVector<unsigned> data = dataOperands(op);
    if (data.empty())
      return failure();
    auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType)
      return failure();
    SmallVector<Value> quantized;
    quant::UniformQuantizedType widest;
    for (unsigned i : data) {
      Value q;
      auto t = dyn_cast_or_null<quant::UniformQuantizedType>(
          dequantizedFrom(op->getOperand(i), q));
      if (!t)
        return rewriter.notifyMatchFailure(
            op, "an input is not dequantized per tensor");
      if (!widest || holds(t, widest))
        widest = t;
      quantized.push_back(q);
    }
    for (Value q : quantized)
      if (!holds(widest, getElementTypeOrSelf(q.getType())))
        return rewriter.notifyMatchFailure(op, "inputs' parameters differ");
    if (resultType.getElementType() != widest.getExpressedType())
      return rewriter.notifyMatchFailure(op, "result type is not expressed");
    Location loc = op->getLoc();
    IRMapping map;
    for (auto [i, q] : llvm::zip(data, quantized))
      map.map(op->getOperand(i), toStorage(rewriter, loc, q));
    Operation *onStorage = rewriter.clone(*op, map);
    onStorage->getResult(0).setType(
        RankedTensorType::get(resultType.getShape(),
                              widest.getStorageType()));
    Value view = quant::StorageCastOp::create(
        rewriter, loc, RankedTensorType::get(resultType.getShape(), widest),
        onStorage->getResult(0));
    rewriter.replaceOpWithNewOp<pd::UniformDequantizeOp>(op, resultType,
                                                         view);
    return success();
  }
};

struct PdPropagateQuant
    : mlir::oar::impl::PdPropagateQuantBase<PdPropagateQuant> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldRequantize, SinkDequantize>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
