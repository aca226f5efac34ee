//===- QdqInt8Kernels.cpp - The onnx-qdq-int8-kernels pass ----------------===//
//
// Rewrites a QDQ graph into the shapes onnxruntime's CPU QDQ transformer
// turns into int8 kernels (QLinearConv, QLinearMatMul, QGemm, QLinearAdd,
// ...), each rewrite exact or, for the bias, what an int8 kernel computes
// anyway:
//
// - Activations in uint8. onnxruntime's x86 kernels take uint8 activations
//   with int8 weights; its QDQ selectors reject int8 activations there
//   (`session.qdqisint8allowed` is off on x86). QuantizeLinear(x, s, z) to
//   int8 is QuantizeLinear(x, s, z + 128) to uint8 minus 128, so the int8
//   activation pair Q -> DQ becomes the same pair in uint8 with every zero
//   point raised by 128: the values the DequantizeLinear produce do not
//   change. After pd-propagate-quant, int8 values also pass through ops
//   that move them or take their maximum (MaxPool, Reshape, Flatten,
//   Transpose, Squeeze, Unsqueeze, Slice, Concat, Identity), which commute
//   with adding 128; so a whole connected component (its QuantizeLinear
//   ops, those ops, its DequantizeLinear ops) switches together, or stays
//   int8 when any of its values meets another op, a constant or the
//   function boundary, or an op that takes uint8 only at a later opset.
// - Relu and Clip before a QuantizeLinear whose range they do not cut are
//   dropped: with zero point z and step s, Q(x) saturates at qmin for
//   x <= (qmin - z) * s, so Q(max(x, lo)) = Q(x) when lo <= (qmin - z) * s
//   (a Relu, lo = 0, when z = qmin), and likewise at the top. Checked with
//   a quarter step of margin, so that the f32 division of any runtime
//   rounds the same way.
// - Add of a constant per-channel vector after a Conv with a quantized
//   weight becomes the Conv's bias (their sum, in f32).
// - The float bias of a Conv or Gemm whose input and weight are
//   DequantizeLinear and whose output only a QuantizeLinear reads becomes
//   DequantizeLinear of an int32 vector with step s_x * s_w[m], zero point
//   0: the bias an int8 kernel adds to its int32 accumulator
//   (onnxruntime's selectors require it). It moves each bias by at most
//   half that step, far below the output's step. With gemm-float-output
//   (`oar quantize`), a Gemm whose output stays float too (QGemm with a
//   float output); not for Paddle's quantized programs, whose inference
//   adds the bias in float.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"
#include "passes/Onnx/Utils.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>
#include <limits>

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXQDQINT8KERNELS
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::onnx_utils;

namespace {

/// `<name of v>` + `suffix` at `v`'s place, or `fallback`'s location with
/// the suffix when `v` has no name.
Location derivedName(Value v, StringRef suffix, Location fallback) {
  Location loc = v ? v.getLoc() : fallback;
  std::string name;
  if (auto n = dyn_cast<NameLoc>(loc)) {
    name = n.getName().str();
    loc = n.getChildLoc();
  } else if (auto n = dyn_cast<NameLoc>(fallback)) {
    name = n.getName().str();
  } else {
    name = "qdq";
  }
  return NameLoc::get(StringAttr::get(loc.getContext(), name + suffix), loc);
}

Value makeConstant(PatternRewriter &rewriter, Location loc,
                   const HostTensor &t) {
  return onnx::ConstantOp::create(rewriter, loc, toDenseAttr(t));
}

/// Scale, zero point and storage range of a per-tensor QuantizeLinear.
struct PerTensor {
  double scale;
  int64_t zeroPoint, qmin, qmax;
};

std::optional<PerTensor> perTensorParams(onnx::QuantizeLinearOp q) {
  auto type = dyn_cast<IntegerType>(getElementTypeOrSelf(q.getY().getType()));
  if (!type || type.getWidth() != 8)
    return std::nullopt;
  std::optional<HostTensor> s = readConstant(q.getYScale());
  if (!s || !s->isFloat() || s->size() != 1 || !(s->floats[0] > 0))
    return std::nullopt;
  PerTensor p;
  p.scale = s->floats[0];
  p.zeroPoint = 0;
  if (!isNone(q.getYZeroPoint())) {
    std::optional<HostTensor> z = readConstant(q.getYZeroPoint());
    if (!z || z->isFloat() || z->size() != 1)
      return std::nullopt;
    p.zeroPoint = z->ints[0];
  }
  bool isUnsigned = type.isUnsigned();
  p.qmin = isUnsigned ? 0 : -128;
  p.qmax = isUnsigned ? 255 : 127;
  return p;
}

/// The constant scalar bound of a Clip (operand `i`, or the opset 6
/// attribute `attr`), `dflt` when absent, nothing when it is not a
/// constant.
std::optional<double> clipBound(Operation *clip, unsigned i, StringRef attr,
                                double dflt) {
  if (auto a = clip->getAttrOfType<FloatAttr>(attr))
    return a.getValueAsDouble();
  Value v = optionalOperand(clip, i);
  if (isNone(v))
    return dflt;
  std::optional<HostTensor> t = readConstant(v);
  if (!t || !t->isFloat() || t->size() != 1)
    return std::nullopt;
  return t->floats[0];
}

/// Q(Relu(x)) -> Q(x) and Q(Clip(x, lo, hi)) -> Q(x) when the clamp lies
/// outside the range Q saturates to (see the file comment).
struct DropClampBeforeQuantize final
    : OpRewritePattern<onnx::QuantizeLinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::QuantizeLinearOp q,
                                PatternRewriter &rewriter) const override {
    Operation *clamp = q.getX().getDefiningOp();
    if (!clamp || !clamp->hasOneUse() ||
        !isa<onnx::ReluOp, onnx::ClipOp>(clamp))
      return failure();
    std::optional<PerTensor> p = perTensorParams(q);
    if (!p)
      return rewriter.notifyMatchFailure(q, "not per-tensor constant params");
    constexpr double inf = std::numeric_limits<double>::infinity();
    double lo = 0, hi = inf;
    if (isa<onnx::ClipOp>(clamp)) {
      std::optional<double> l = clipBound(clamp, 1, "min", -inf);
      std::optional<double> h = clipBound(clamp, 2, "max", inf);
      if (!l || !h)
        return rewriter.notifyMatchFailure(q, "Clip bounds not constant");
      lo = *l;
      hi = *h;
    }
    // Q saturates to qmin below (qmin - z) * s and to qmax above
    // (qmax - z) * s; a quarter step of margin absorbs the f32 division.
    if (lo != -inf && !(lo / p->scale <= p->qmin - p->zeroPoint + 0.25))
      return rewriter.notifyMatchFailure(q, "the clamp cuts below");
    if (hi != inf && !(hi / p->scale >= p->qmax - p->zeroPoint - 0.25))
      return rewriter.notifyMatchFailure(q, "the clamp cuts above");
    rewriter.modifyOpInPlace(q, [&] { q->setOperand(0, clamp->getOperand(0)); });
    rewriter.eraseOp(clamp);
    return success();
  }
};

/// Whether `w` is DequantizeLinear of an int8 constant, its scales per
/// tensor or along `axis`; returns them (one per tensor, or per index).
std::optional<SmallVector<double>> weightScales(Value w, int64_t axis) {
  auto dq = w.getDefiningOp<onnx::DequantizeLinearOp>();
  if (!dq)
    return std::nullopt;
  Value q = dq->getOperand(0);
  ElementsAttr qAttr = getConstantAttr(q);
  auto qType = dyn_cast<RankedTensorType>(q.getType());
  if (!qAttr || !qType || !qType.getElementType().isInteger(8) ||
      qType.isDynamicDim(axis < qType.getRank() ? axis : 0))
    return std::nullopt;
  std::optional<HostTensor> s = readConstant(dq->getOperand(1));
  if (!s || !s->isFloat())
    return std::nullopt;
  int64_t dqAxis = 1;
  if (auto a = dq->getAttrOfType<IntegerAttr>("axis"))
    dqAxis = a.getInt();
  if (s->size() == 1 && s->shape.size() <= 1)
    return SmallVector<double>(s->floats.begin(), s->floats.end());
  if (s->shape.size() != 1 || dqAxis != axis || axis >= qType.getRank() ||
      s->shape[0] != qType.getDimSize(axis))
    return std::nullopt;
  return SmallVector<double>(s->floats.begin(), s->floats.end());
}

/// The scale of a per-tensor DequantizeLinear `x`.
std::optional<double> activationScale(Value x) {
  auto dq = x.getDefiningOp<onnx::DequantizeLinearOp>();
  if (!dq)
    return std::nullopt;
  std::optional<HostTensor> s = readConstant(dq->getOperand(1));
  if (!s || !s->isFloat() || s->size() != 1 || !(s->floats[0] > 0))
    return std::nullopt;
  return s->floats[0];
}

/// Add(Conv(x, DQ(w)[, b]), c) with c a constant per output channel (or a
/// scalar) -> Conv(x, DQ(w), b + c).
struct FoldAddIntoQuantizedConv final : OpRewritePattern<onnx::AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::AddOp add,
                                PatternRewriter &rewriter) const override {
    for (int side = 0; side < 2; ++side) {
      auto conv = add->getOperand(side).getDefiningOp<onnx::ConvOp>();
      Value cValue = add->getOperand(1 - side);
      if (!conv || !conv->hasOneUse() ||
          !conv->getOperand(1).getDefiningOp<onnx::DequantizeLinearOp>() ||
          conv->getResult(0).getType() != add->getResult(0).getType())
        continue;
      auto outType = dyn_cast<RankedTensorType>(conv->getResult(0).getType());
      std::optional<HostTensor> c = readConstant(cValue);
      std::optional<SmallVector<int64_t>> wShape =
          getStaticShape(conv->getOperand(1));
      if (!outType || outType.getRank() < 3 || !c || !c->isFloat() ||
          !c->elementType.isF32() || !wShape)
        continue;
      int64_t m = (*wShape)[0], rank = outType.getRank();
      // c broadcasts per channel: a scalar, or [.., M, 1, ..., 1] with M on
      // the channel axis (1).
      bool perChannel = c->size() == m;
      if (c->size() != 1 && !perChannel)
        continue;
      if (perChannel) {
        int64_t cRank = c->shape.size();
        if (cRank > rank || cRank < rank - 1)
          continue;
        bool ok = true;
        for (int64_t d = 0; d < cRank; ++d) {
          int64_t outAxis = d + (rank - cRank);
          if (c->shape[d] != (outAxis == 1 ? m : 1))
            ok = false;
        }
        if (!ok)
          continue;
      }
      HostTensor bias;
      bias.shape = {m};
      bias.elementType = c->elementType;
      bias.floats.assign(m, 0.0);
      Value old = optionalOperand(conv, 2);
      if (!isNone(old)) {
        std::optional<HostTensor> b = readConstant(old);
        if (!b || !b->isFloat() || b->size() != m)
          continue;
        bias.floats.assign(b->floats.begin(), b->floats.end());
      }
      for (int64_t i = 0; i < m; ++i)
        bias.floats[i] = static_cast<float>(
            static_cast<float>(bias.floats[i]) +
            static_cast<float>(c->floats[perChannel ? i : 0]));
      Value b = makeConstant(
          rewriter, derivedName(cValue, "_conv_bias", conv.getLoc()), bias);
      OperationState state(conv.getLoc(), conv->getName());
      state.addOperands({conv->getOperand(0), conv->getOperand(1), b});
      state.addTypes(add->getResult(0).getType());
      state.addAttributes(conv->getAttrs());
      Operation *fused = rewriter.create(state);
      rewriter.replaceOp(add, fused->getResults());
      rewriter.eraseOp(conv);
      return success();
    }
    return failure();
  }
};

/// The float bias (operand 2) of a Conv or Gemm with DequantizeLinear
/// input and int8 weight becomes DequantizeLinear of int32 (file comment).
/// `wAxis` is the weight's output-channel axis.
LogicalResult quantizeBias(Operation *op, int64_t wAxis, bool floatOutput,
                           PatternRewriter &rewriter) {
  Value bValue = optionalOperand(op, 2);
  if (isNone(bValue) || bValue.getDefiningOp<onnx::DequantizeLinearOp>())
    return failure();
  // Only where an int8 kernel forms, DequantizeLinear -> op ->
  // QuantizeLinear: elsewhere the op runs in float and a float bias is
  // exact (as Paddle's quantized inference computes it).
  // With `floatOutput` (a Gemm under gemm-float-output), onnxruntime's
  // QGemm with a float output forms too.
  if (!floatOutput &&
      (!op->hasOneUse() || !isa<onnx::QuantizeLinearOp>(*op->user_begin())))
    return rewriter.notifyMatchFailure(op, "output not quantized");
  std::optional<double> sx = activationScale(op->getOperand(0));
  std::optional<SmallVector<double>> sw = weightScales(op->getOperand(1), wAxis);
  std::optional<HostTensor> b = readConstant(bValue);
  if (!sx || !sw || !b || !b->isFloat() || !b->elementType.isF32() ||
      b->shape.size() != 1)
    return rewriter.notifyMatchFailure(op, "not a quantized input, int8 "
                                           "weight and constant f32 bias");
  int64_t m = b->shape[0];
  if (sw->size() != 1 && static_cast<int64_t>(sw->size()) != m)
    return rewriter.notifyMatchFailure(op, "bias and weight scales differ "
                                           "in length");
  HostTensor q, s, z;
  q.shape = s.shape = z.shape = {m};
  q.elementType = z.elementType = rewriter.getI32Type();
  s.elementType = rewriter.getF32Type();
  z.ints.assign(m, 0);
  for (int64_t i = 0; i < m; ++i) {
    // The step in f32, as the kernels compute it: s_x * s_w.
    float step = static_cast<float>(*sx) *
                 static_cast<float>((*sw)[sw->size() == 1 ? 0 : i]);
    double v = std::nearbyint(b->floats[i] / step);
    if (!(step > 0) || !std::isfinite(step) || !(std::fabs(v) < 2147483647.0))
      return rewriter.notifyMatchFailure(op, "bias out of int32 range");
    q.ints.push_back(static_cast<int64_t>(v));
    s.floats.push_back(step);
  }
  Location loc = op->getLoc();
  Value qc = makeConstant(rewriter, derivedName(bValue, "_int32", loc), q);
  Value sc =
      makeConstant(rewriter, derivedName(bValue, "_int32/scale", loc), s);
  Value zc =
      makeConstant(rewriter, derivedName(bValue, "_int32/zero_point", loc), z);
  Value dq = onnx::DequantizeLinearOp::create(
      rewriter, derivedName(bValue, "_dequantized", loc), bValue.getType(),
      qc, sc, zc, rewriter.getI64IntegerAttr(0), IntegerAttr());
  rewriter.modifyOpInPlace(op, [&] { op->setOperand(2, dq); });
  return success();
}

struct QuantizeConvBias final : OpRewritePattern<onnx::ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::ConvOp conv,
                                PatternRewriter &rewriter) const override {
    return quantizeBias(conv, /*wAxis=*/0, /*floatOutput=*/false, rewriter);
  }
};

struct QuantizeGemmBias final : OpRewritePattern<onnx::GemmOp> {
  QuantizeGemmBias(MLIRContext *ctx, bool floatOutput)
      : OpRewritePattern(ctx), floatOutput(floatOutput) {}
  bool floatOutput;
  LogicalResult matchAndRewrite(onnx::GemmOp gemm,
                                PatternRewriter &rewriter) const override {
    auto intAttr = [&](StringRef name, int64_t dflt) {
      auto a = gemm->getAttrOfType<IntegerAttr>(name);
      return a ? a.getInt() : dflt;
    };
    auto floatAttr = [&](StringRef name) {
      auto a = gemm->getAttrOfType<FloatAttr>(name);
      return a ? a.getValueAsDouble() : 1.0;
    };
    if (intAttr("transA", 0) != 0 || floatAttr("alpha") != 1.0 ||
        floatAttr("beta") != 1.0)
      return rewriter.notifyMatchFailure(gemm, "transA, alpha or beta");
    return quantizeBias(gemm, intAttr("transB", 0) ? 0 : 1, floatOutput,
                        rewriter);
  }
};

/// The opset from which `op`, an op that moves or selects int8 values
/// without computing new ones, takes uint8 as well (ONNX's type
/// constraints); nothing for any other op.
std::optional<int64_t> uint8MoverSince(Operation *op) {
  if (isa<onnx::TransposeOp, onnx::SqueezeOp, onnx::UnsqueezeOp,
          onnx::SliceOp, onnx::IdentityOp>(op))
    return 1;
  if (isa<onnx::ConcatOp>(op))
    return 4;
  if (isa<onnx::ReshapeOp>(op))
    return 5;
  if (isa<onnx::FlattenOp>(op))
    return 9;
  if (isa<onnx::MaxPoolOp>(op))
    return 12;
  return std::nullopt;
}

/// Whether `v` is a tensor of signless or signed 8-bit integers.
bool isInt8Tensor(Value v) {
  auto elem = dyn_cast<IntegerType>(getElementTypeOrSelf(v.getType()));
  return isa<ShapedType>(v.getType()) && elem && elem.getWidth() == 8 &&
         !elem.isUnsigned();
}

/// A constant int8 zero point raised by 128, as uint8; nothing when `zp`
/// is absent or not such a constant.
std::optional<HostTensor> raisedZeroPoint(Value zp) {
  if (isNone(zp))
    return std::nullopt;
  std::optional<HostTensor> z = readConstant(zp);
  if (!z || z->isFloat() || !z->elementType.isInteger(8))
    return std::nullopt;
  HostTensor u = *z;
  u.elementType =
      IntegerType::get(zp.getContext(), 8, IntegerType::Unsigned);
  for (int64_t &v : u.ints)
    v += 128;
  return u;
}

/// The int8 activation values connected to one QuantizeLinear: the
/// QuantizeLinear ops that produce them, the data-movement ops that carry
/// them (uint8MoverSince) and the DequantizeLinear ops that read them.
struct Int8Component {
  SetVector<Operation *> quantizes, movers, dequantizes;
};

/// Collects the component of `root`'s output; fails when one of its values
/// is produced or read by anything else (a constant, a function argument
/// or result, an op that computes on int8, a mover that takes uint8 only
/// from a later opset, a zero point that is not an int8 constant): such a
/// component stays int8.
FailureOr<Int8Component> collectInt8Component(onnx::QuantizeLinearOp root) {
  int64_t opset = getOpset(root);
  auto isMover = [&](Operation *op) {
    std::optional<int64_t> since = uint8MoverSince(op);
    return since && *since <= opset;
  };
  // The operands of a mover that carry the moved values: every input of a
  // Concat, the first of the others (the rest are shapes, axes, indices).
  auto isDataOperand = [](OpOperand &use) {
    return isa<onnx::ConcatOp>(use.getOwner()) || use.getOperandNumber() == 0;
  };
  Int8Component c;
  DenseSet<Value> seen;
  SmallVector<Value> worklist;
  auto push = [&](Value v) {
    if (seen.insert(v).second)
      worklist.push_back(v);
  };
  push(root.getY());
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!isInt8Tensor(v))
      return failure();
    Operation *def = v.getDefiningOp();
    if (auto q = dyn_cast_if_present<onnx::QuantizeLinearOp>(def)) {
      if (getConstantAttr(q.getX()) || !raisedZeroPoint(q.getYZeroPoint()))
        return failure();
      c.quantizes.insert(q);
    } else if (def && isMover(def) && v == def->getResult(0)) {
      if (c.movers.insert(def))
        for (OpOperand &operand : def->getOpOperands())
          if (isDataOperand(operand))
            push(operand.get());
    } else {
      return failure();
    }
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (auto dq = dyn_cast<onnx::DequantizeLinearOp>(user)) {
        if (use.getOperandNumber() != 0 || !raisedZeroPoint(dq->getOperand(2)))
          return failure();
        c.dequantizes.insert(dq);
      } else if (isMover(user) && isDataOperand(use)) {
        push(user->getResult(0));
      } else {
        return failure();
      }
    }
  }
  return c;
}

/// `t` with its element type `elem`.
Type withElementType(Type t, Type elem) {
  return cast<ShapedType>(t).clone(elem);
}

/// An int8 activation component (collectInt8Component) becomes uint8 as a
/// whole: every zero point raised by 128, the movers retyped. Each value
/// v of the component becomes v + 128, which the movers carry unchanged
/// (they only move values, or take their maximum, which commutes with
/// adding 128), so every DequantizeLinear produces the same floats.
struct ActivationsToUint8 final : OpRewritePattern<onnx::QuantizeLinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::QuantizeLinearOp root,
                                PatternRewriter &rewriter) const override {
    if (!isInt8Tensor(root.getY()) || root.getY().use_empty())
      return failure();
    FailureOr<Int8Component> c = collectInt8Component(root);
    if (failed(c))
      return rewriter.notifyMatchFailure(
          root, "an int8 value of its component is produced or read by an "
                "op that cannot take uint8");
    Type u8 = IntegerType::get(root.getContext(), 8, IntegerType::Unsigned);
    // The raised zero point (operand 2) of a QuantizeLinear or
    // DequantizeLinear, a new constant before it.
    auto raiseZeroPoint = [&](Operation *op) {
      Value old = op->getOperand(2);
      rewriter.setInsertionPoint(op);
      Value zp = makeConstant(rewriter,
                              derivedName(old, "_u8", op->getLoc()),
                              *raisedZeroPoint(old));
      rewriter.modifyOpInPlace(op, [&] { op->setOperand(2, zp); });
    };
    auto retype = [&](Operation *op) {
      rewriter.modifyOpInPlace(op, [&] {
        Value r = op->getResult(0);
        r.setType(withElementType(r.getType(), u8));
      });
    };
    for (Operation *q : c->quantizes) {
      raiseZeroPoint(q);
      retype(q);
    }
    for (Operation *m : c->movers)
      retype(m);
    for (Operation *dq : c->dequantizes)
      raiseZeroPoint(dq);
    return success();
  }
};

class OnnxQdqInt8KernelsPass final
    : public mlir::oar::impl::OnnxQdqInt8KernelsBase<OnnxQdqInt8KernelsPass> {
public:
  using OnnxQdqInt8KernelsBase::OnnxQdqInt8KernelsBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DropClampBeforeQuantize, FoldAddIntoQuantizedConv,
                 QuantizeConvBias, ActivationsToUint8>(&getContext());
    patterns.add<QuantizeGemmBias>(&getContext(), gemmFloatOutput);
    if (failed(applyCleanupPatterns(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
