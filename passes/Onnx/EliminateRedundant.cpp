//===- EliminateRedundant.cpp - The onnx-eliminate-redundant pass ---------===//
//
// Removes ops that compute their input (Identity, Cast to the same type,
// Transpose by the identity, Reshape and Expand to the input's own shape,
// Pad by zeros, Dropout at inference, Squeeze of an Unsqueeze by the same
// axes) and merges pairs (Transpose of Transpose, Reshape of Reshape, Cast
// of a lossless Cast). Each applies only where it is exact.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"
#include "passes/Onnx/Utils.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXELIMINATEREDUNDANT
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::onnx_utils;

namespace {

//===----------------------------------------------------------------------===//
// Identity
//===----------------------------------------------------------------------===//

/// An Identity that gives a graph output its own name stays: its input is
/// a graph input, another output of the graph, or (in a subgraph) a value
/// of the enclosing graph.
bool namesGraphOutput(onnx::IdentityOp op) {
  Value input = op.getInput();
  for (Operation *user : op->getUsers()) {
    if (!user->hasTrait<OpTrait::IsTerminator>())
      continue;
    if (isa<BlockArgument>(input) ||
        llvm::is_contained(user->getOperands(), input))
      return true;
    if (!isa<func::ReturnOp>(user) &&
        input.getParentRegion() != user->getParentRegion())
      return true;
  }
  return false;
}

struct RemoveIdentity final : OpRewritePattern<onnx::IdentityOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::IdentityOp op,
                                PatternRewriter &rewriter) const override {
    if (namesGraphOutput(op))
      return rewriter.notifyMatchFailure(op, "names a graph output");
    return replaceWithValue(rewriter, op, op.getInput());
  }
};

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

int significandBits(Type t) {
  if (t.isF16())
    return 11;
  if (t.isBF16())
    return 8;
  if (t.isF32())
    return 24;
  if (t.isF64())
    return 53;
  return 0;
}

/// Whether every value of `from` is exactly a value of `to`.
bool isLossless(Type from, Type to) {
  if (from == to)
    return true;
  if (!isHostElementType(from) || !isHostElementType(to))
    return false;
  auto fi = dyn_cast<IntegerType>(from);
  auto ti = dyn_cast<IntegerType>(to);
  if (fi && fi.getWidth() == 1)
    return true; // 0 and 1
  if (fi && ti) {
    if (ti.getWidth() == 1)
      return false;
    bool fu = fi.isUnsigned(), tu = ti.isUnsigned();
    if (fu == tu)
      return ti.getWidth() >= fi.getWidth();
    return fu && ti.getWidth() > fi.getWidth();
  }
  if (fi) // integer to float: its magnitude fits the significand
    return static_cast<int>(fi.getWidth() - (fi.isUnsigned() ? 0 : 1)) <=
           significandBits(to);
  if (ti)
    return false;
  // float to float: f16 and bf16 to f32 or f64, f32 to f64
  int fb = significandBits(from), tb = significandBits(to);
  return tb > fb && (to.isF32() || to.isF64());
}

struct RemoveCast final : OpRewritePattern<onnx::CastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::CastOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    Type to = getElementTypeOrSelf(op.getType());
    Type from = getElementTypeOrSelf(input.getType());
    if (from == to)
      return replaceWithValue(rewriter, op, input);

    // Cast(Cast(x, T1), T2) with x: T0 and T0 -> T1 lossless.
    auto inner = input.getDefiningOp<onnx::CastOp>();
    if (!inner)
      return failure();
    Value x = inner.getInput();
    Type t0 = getElementTypeOrSelf(x.getType());
    if (!isLossless(t0, from))
      return failure();
    if (t0 == to)
      return replaceWithValue(rewriter, op, x);
    // Otherwise Cast(x, T2) converts the same value, as long as both casts
    // to T2 convert alike: same kind of source, or a destination that is a
    // float or bool (converting by value), or an integer holding all of T0.
    bool sameKind = isa<FloatType>(t0) == isa<FloatType>(from);
    bool byValue = isa<FloatType>(to) || to.isInteger(1) || isLossless(t0, to);
    if (!sameKind && !byValue)
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op->setOperand(0, x); });
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

/// The permutation of `op`, the reversal when absent; nothing when the rank
/// is needed and unknown.
std::optional<SmallVector<int64_t>> getPerm(onnx::TransposeOp op) {
  if (auto perm = op.getPermAttr())
    return SmallVector<int64_t>(perm.asArrayRef());
  auto type = dyn_cast<RankedTensorType>(op.getData().getType());
  if (!type)
    return std::nullopt;
  SmallVector<int64_t> perm;
  for (int64_t i = type.getRank() - 1; i >= 0; --i)
    perm.push_back(i);
  return perm;
}

bool isIdentityPerm(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (p != static_cast<int64_t>(i))
      return false;
  return true;
}

struct SimplifyTranspose final : OpRewritePattern<onnx::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<int64_t>> perm = getPerm(op);
    if (!perm)
      return failure();
    if (isIdentityPerm(*perm))
      return replaceWithValue(rewriter, op, op.getData());

    auto inner = op.getData().getDefiningOp<onnx::TransposeOp>();
    if (!inner)
      return failure();
    std::optional<SmallVector<int64_t>> innerPerm = getPerm(inner);
    if (!innerPerm || innerPerm->size() != perm->size())
      return failure();
    // out[i] = mid[perm[i]] = x[innerPerm[perm[i]]]
    SmallVector<int64_t> composed;
    for (int64_t p : *perm) {
      if (p < 0 || p >= static_cast<int64_t>(innerPerm->size()))
        return failure();
      composed.push_back((*innerPerm)[p]);
    }
    if (isIdentityPerm(composed))
      return replaceWithValue(rewriter, op, inner.getData());
    rewriter.modifyOpInPlace(op, [&] {
      op->setOperand(0, inner.getData());
      op.setPermAttr(rewriter.getDenseI64ArrayAttr(composed));
    });
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reshape, Expand, Squeeze/Unsqueeze, Pad, Dropout
//===----------------------------------------------------------------------===//

/// Whether `a` and `b` have the same static shape.
bool sameStaticShape(Value a, Value b) {
  std::optional<SmallVector<int64_t>> sa = getStaticShape(a);
  std::optional<SmallVector<int64_t>> sb = getStaticShape(b);
  return sa && sb && *sa == *sb;
}

struct SimplifyReshape final : OpRewritePattern<onnx::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    if (sameStaticShape(op.getData(), op.getReshaped()))
      return replaceWithValue(rewriter, op, op.getData());

    auto inner = op.getData().getDefiningOp<onnx::ReshapeOp>();
    if (!inner)
      return failure();
    // The outer shape may read the inner result's dims (0 entries) only
    // when allowzero makes 0 literal, or when that shape is known.
    bool allowZero = op.getAllowzero().value_or(0) != 0;
    std::optional<SmallVector<int64_t>> shape = readIntList(op.getShape());
    bool readsDims =
        !shape || (!allowZero && llvm::is_contained(*shape, int64_t{0}));
    if (!readsDims) {
      rewriter.modifyOpInPlace(op, [&] { op->setOperand(0, inner.getData()); });
      return success();
    }
    // A 0 dim would read as "copy" without allowzero.
    std::optional<SmallVector<int64_t>> outShape =
        getStaticShape(op.getReshaped());
    if (!outShape || llvm::is_contained(*outShape, int64_t{0}))
      return failure();
    auto shapeType = RankedTensorType::get(
        {static_cast<int64_t>(outShape->size())}, rewriter.getI64Type());
    Value newShape = onnx::ConstantOp::create(
        rewriter, op.getShape().getLoc(),
        DenseElementsAttr::get(shapeType, ArrayRef<int64_t>(*outShape)));
    rewriter.modifyOpInPlace(op, [&] {
      op->setOperand(0, inner.getData());
      op->setOperand(1, newShape);
      op.removeAllowzeroAttr();
    });
    return success();
  }
};

struct RemoveExpand final : OpRewritePattern<onnx::ExpandOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ExpandOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<int64_t>> in = getStaticShape(op.getInput());
    std::optional<SmallVector<int64_t>> shape = readIntList(op.getShape());
    if (!in || !shape || shape->size() > in->size())
      return failure();
    // The broadcast of the input's shape and `shape` is the input's shape.
    size_t offset = in->size() - shape->size();
    for (auto [i, d] : llvm::enumerate(*shape))
      if (d != 1 && d != (*in)[offset + i])
        return failure();
    return replaceWithValue(rewriter, op, op.getInput());
  }
};

/// `axes` made non-negative and sorted; nothing when one is out of range
/// or repeated.
std::optional<SmallVector<int64_t>> normalizeAxes(ArrayRef<int64_t> axes,
                                                  int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t a : axes) {
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis)
      return std::nullopt;
    result.push_back(*axis);
  }
  llvm::sort(result);
  if (std::adjacent_find(result.begin(), result.end()) != result.end())
    return std::nullopt;
  return result;
}

/// Squeeze(Unsqueeze(x, axes), axes) and Unsqueeze(Squeeze(x, axes), axes)
/// are x. Both sets of axes index the tensor of the higher rank.
struct RemoveSqueezeUnsqueeze final : RewritePattern {
  RemoveSqueezeUnsqueeze(StringRef outer, StringRef inner, MLIRContext *ctx)
      : RewritePattern(outer, /*benefit=*/1, ctx), innerName(inner.str()) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    Operation *inner = op->getOperand(0).getDefiningOp();
    if (!inner || inner->getName().getStringRef() != innerName)
      return failure();
    Value x = inner->getOperand(0);
    Value high = innerName == "onnx.Unsqueeze" ? inner->getResult(0) : x;
    auto highType = dyn_cast<RankedTensorType>(high.getType());
    std::optional<SmallVector<int64_t>> outerAxes =
        readAttrOrOperand(op, 1, "axes");
    std::optional<SmallVector<int64_t>> innerAxes =
        readAttrOrOperand(inner, 1, "axes");
    if (!highType || !outerAxes || !innerAxes || outerAxes->empty() ||
        innerAxes->empty())
      return failure();
    std::optional<SmallVector<int64_t>> a =
        normalizeAxes(*outerAxes, highType.getRank());
    std::optional<SmallVector<int64_t>> b =
        normalizeAxes(*innerAxes, highType.getRank());
    if (!a || !b || *a != *b)
      return failure();
    return replaceWithValue(rewriter, op, x);
  }

private:
  std::string innerName;
};

struct RemovePad final : OpRewritePattern<onnx::PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::PadOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SmallVector<int64_t>> pads = readAttrOrOperand(op, 1, "pads");
    if (!pads || pads->empty() ||
        llvm::any_of(*pads, [](int64_t p) { return p != 0; }))
      return failure();
    return replaceWithValue(rewriter, op, op.getData());
  }
};

struct RemoveDropout final : OpRewritePattern<onnx::DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getMask().use_empty())
      return rewriter.notifyMatchFailure(op, "the mask is used");
    if (Value training = optionalOperand(op, 2)) {
      std::optional<SmallVector<int64_t>> mode = readIntList(training);
      if (!mode || mode->size() != 1 || (*mode)[0] != 0)
        return rewriter.notifyMatchFailure(op, "may be in training mode");
    }
    Value data = op.getData();
    Value output = op.getOutput();
    if (data.getType() != output.getType() && !onlyOnnxUsers(output))
      return failure();
    rewriter.replaceAllUsesWith(output, data);
    rewriter.eraseOp(op);
    return success();
  }
};

class OnnxEliminateRedundantPass final
    : public mlir::oar::impl::OnnxEliminateRedundantBase<
          OnnxEliminateRedundantPass> {
public:
  using OnnxEliminateRedundantBase::OnnxEliminateRedundantBase;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    patterns.add<RemoveIdentity, RemoveCast, SimplifyTranspose, SimplifyReshape,
                 RemoveExpand, RemovePad, RemoveDropout>(context);
    patterns.add<RemoveSqueezeUnsqueeze>("onnx.Squeeze", "onnx.Unsqueeze",
                                         context);
    patterns.add<RemoveSqueezeUnsqueeze>("onnx.Unsqueeze", "onnx.Squeeze",
                                         context);
    if (failed(applyCleanupPatterns(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
