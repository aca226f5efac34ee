//===- Norm.cpp - pd to onnx: normalizations
//-------------------------------===//
//
// batch_norm (inference), layer_norm, instance_norm, group_norm. Paddle's
// variances are biased (the mean of squared deviations) in all four, as
// ONNX's are.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/NNUtils.h"

#include "llvm/ADT/STLExtras.h"

#include <numeric>

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::nn;

namespace {

NamedAttribute epsilonAttr(OpBuilder &b, const APFloat &eps) {
  return b.getNamedAttr("epsilon", b.getF32FloatAttr(eps.convertToFloat()));
}

/// The channel count of a channels-first `x`, if static.
std::optional<int64_t> channels(Value x) {
  auto d = staticDims(x, 1, 2);
  if (!d)
    return std::nullopt;
  return (*d)[0];
}

/// `v`, or a [c] constant of `fill` when `v` is absent.
Value orSplat(OpBuilder &b, Location loc, Value v, Type et, int64_t c,
              double fill) {
  return v ? v : splatConst(b, loc, et, {c}, fill);
}

/// batch_norm with the running statistics (is_test or use_global_stats):
/// BatchNormalization with its Y output only.
struct BatchNormLowering final : PdToOnnxPattern<pd::BatchNormOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!op.getIsTest() && !op.getUseGlobalStats())
      return unsupported(op, "training mode (is_test and use_global_stats "
                             "false) normalizes with batch statistics; "
                             "export the program for inference");
    Location loc = op.getLoc();
    Value x = adaptor.getX(), mean = adaptor.getMean(),
          var = adaptor.getVariance();
    Type et = getElementType(x);
    Value scale = adaptor.getScale(), bias = adaptor.getBias();
    if (!scale || !bias) {
      auto c = staticDims(mean, 0, 1);
      if (!c)
        return unsupported(op, "absent scale or bias need a static channel "
                               "count");
      scale = orSplat(rewriter, auxLoc(loc, "scale"), scale, et, (*c)[0], 1);
      bias = orSplat(rewriter, auxLoc(loc, "bias"), bias, et, (*c)[0], 0);
    }
    Type none = rewriter.getNoneType();
    Value out = withLayout(
        rewriter, loc, isChannelsLast(op.getDataLayout()), x, op.getType(),
        [&](Value v, Type t, Location l) {
          return createOnnxOp(rewriter, l, "BatchNormalization",
                              {t, none, none, none, none},
                              {v, scale, bias, mean, var},
                              {epsilonAttr(rewriter, op.getEpsilon())})
              ->getResult(0);
        });
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// layer_norm: normalizes over dims [begin_norm_axis, rank); Paddle's scale
/// and bias are flat ([prod of those dims]) and are reshaped to them.
/// LayerNormalization from opset 17, ReduceMean/Sub/Mul/Sqrt/Div before.
struct LayerNormLowering final : PdToOnnxPattern<pd::LayerNormOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    int64_t axis = static_cast<int64_t>(op.getBeginNormAxis());
    if (axis < 0 || axis >= rank)
      return unsupported(op, "begin_norm_axis out of range");
    Type et = getElementType(x);
    Type resultType = op.getType();
    auto normDims = staticDims(x, axis, rank);
    SmallVector<int64_t> paramShape;
    for (int64_t i = axis; i < rank; ++i)
      paramShape.push_back(cast<RankedTensorType>(x.getType()).getDimSize(i));
    auto paramType = RankedTensorType::get(paramShape, et);
    // Scale and bias with the shape of the normalized dims.
    auto shaped = [&](Value v, StringRef what) -> Value {
      if (!v)
        return v;
      if (rank - axis == 1 && getRank(v) == 1)
        return v;
      Value shape = shapeSlice(rewriter, auxLoc(loc, (what + "_shape").str()),
                               opset(), x, axis, rank);
      return createOnnxOp(rewriter, auxLoc(loc, what), "Reshape", paramType,
                          {v, shape})
          ->getResult(0);
    };
    Value scale = shaped(adaptor.getScale(), "scale");
    Value bias = shaped(adaptor.getBias(), "bias");

    if (opset() >= 17 && (scale || normDims)) {
      if (!scale)
        scale = splatConst(rewriter, auxLoc(loc, "scale"), et, *normDims, 1);
      Type none = rewriter.getNoneType();
      rewriter.replaceOp(
          op,
          createOnnxOp(
              rewriter, loc, "LayerNormalization", {resultType, none, none},
              {x, scale, bias ? bias : noValue(rewriter, loc)},
              {rewriter.getNamedAttr("axis", rewriter.getI64IntegerAttr(axis)),
               epsilonAttr(rewriter, op.getEpsilon())})
              ->getResult(0));
      return success();
    }

    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(axis, rank));
    SmallVector<int64_t> statShape(
        cast<RankedTensorType>(x.getType()).getShape());
    for (int64_t a : axes)
      statShape[a] = 1;
    auto statType = RankedTensorType::get(statShape, et);
    Type xType = x.getType();
    Value mean = reduce(rewriter, auxLoc(loc, "mean"), opset(), "ReduceMean", x,
                        axes, /*keepDims=*/true, statType);
    Value d = binary(rewriter, auxLoc(loc, "centered"), "Sub", x, mean, xType);
    Value sq = binary(rewriter, auxLoc(loc, "squared"), "Mul", d, d, xType);
    Value var = reduce(rewriter, auxLoc(loc, "variance"), opset(), "ReduceMean",
                       sq, axes, /*keepDims=*/true, statType);
    Value eps = constOfType(rewriter, auxLoc(loc, "epsilon"), et,
                            {op.getEpsilon().convertToDouble()});
    Value std = createOnnxOp(rewriter, auxLoc(loc, "std"), "Sqrt", statType,
                             binary(rewriter, auxLoc(loc, "var_eps"), "Add",
                                    var, eps, statType))
                    ->getResult(0);
    bool last = !scale && !bias;
    Value y = binary(rewriter, last ? loc : auxLoc(loc, "normalized"), "Div", d,
                     std, last ? resultType : xType);
    if (scale)
      y = binary(rewriter, bias ? auxLoc(loc, "scaled") : loc, "Mul", y, scale,
                 bias ? xType : resultType);
    if (bias)
      y = binary(rewriter, loc, "Add", y, bias, resultType);
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// instance_norm: InstanceNormalization (scale 1 and bias 0 when absent).
struct InstanceNormLowering final : PdToOnnxPattern<pd::InstanceNormOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::InstanceNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    if (getRank(x) < 3)
      return unsupported(op, "expects an input of rank >= 3");
    Type et = getElementType(x);
    Value scale = adaptor.getScale(), bias = adaptor.getBias();
    if (!scale || !bias) {
      auto c = channels(x);
      if (!c)
        return unsupported(op, "absent scale or bias need a static channel "
                               "count");
      scale = orSplat(rewriter, auxLoc(loc, "scale"), scale, et, *c, 1);
      bias = orSplat(rewriter, auxLoc(loc, "bias"), bias, et, *c, 0);
    }
    rewriter.replaceOp(op,
                       createOnnxOp(rewriter, loc, "InstanceNormalization",
                                    op.getType(), {x, scale, bias},
                                    {epsilonAttr(rewriter, op.getEpsilon())})
                           ->getResult(0));
    return success();
  }
};

/// group_norm: statistics per (sample, group of C / groups channels), then
/// Paddle's per-channel scale and bias. GroupNormalization-21 has exactly
/// that; earlier opsets (GroupNormalization-18 scales per group) go through
/// InstanceNormalization of x reshaped to [N, groups, -1].
struct GroupNormLowering final : PdToOnnxPattern<pd::GroupNormOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::GroupNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    int64_t groups = static_cast<int64_t>(op.getGroups());
    if (rank < 2)
      return unsupported(op, "expects an input of rank >= 2");
    if (groups <= 0)
      return unsupported(op, "groups must be positive");
    Type et = getElementType(x);
    Value scale = adaptor.getScale(), bias = adaptor.getBias();
    bool channelsLast = isChannelsLast(op.getDataLayout());
    auto eps = epsilonAttr(rewriter, op.getEpsilon());

    Value out;
    if (opset() >= 21) {
      if (!scale || !bias) {
        auto c =
            staticDims(x, channelsLast ? rank - 1 : 1, channelsLast ? rank : 2);
        if (!c)
          return unsupported(op, "absent scale or bias need a static channel "
                                 "count");
        scale = orSplat(rewriter, auxLoc(loc, "scale"), scale, et, (*c)[0], 1);
        bias = orSplat(rewriter, auxLoc(loc, "bias"), bias, et, (*c)[0], 0);
      }
      out = withLayout(
          rewriter, loc, channelsLast, x, op.getType(),
          [&](Value v, Type t, Location l) {
            return createOnnxOp(rewriter, l, "GroupNormalization", t,
                                {v, scale, bias},
                                {eps, rewriter.getNamedAttr(
                                          "num_groups",
                                          rewriter.getI64IntegerAttr(groups))})
                ->getResult(0);
          });
      rewriter.replaceOp(op, out);
      return success();
    }

    out = withLayout(
        rewriter, loc, channelsLast, x, op.getType(),
        [&](Value v, Type t, Location l) -> Value {
          auto vType = cast<RankedTensorType>(v.getType());
          int64_t n = vType.getDimSize(0);
          auto groupedType =
              RankedTensorType::get({n, groups, ShapedType::kDynamic}, et);
          Value grouped = reshapeTo(rewriter, auxLoc(l, "grouped"), v,
                                    {0, groups, -1}, groupedType);
          Value ones = splatConst(rewriter, auxLoc(l, "ones"), et, {groups}, 1);
          Value zeros =
              splatConst(rewriter, auxLoc(l, "zeros"), et, {groups}, 0);
          Value normed = createOnnxOp(rewriter, auxLoc(l, "normalized"),
                                      "InstanceNormalization", groupedType,
                                      {grouped, ones, zeros}, {eps})
                             ->getResult(0);
          bool last = !scale && !bias;
          Value y = createOnnxOp(rewriter, last ? l : auxLoc(l, "ungrouped"),
                                 "Reshape", last ? t : vType,
                                 {normed, shapeValue(rewriter, l, v)})
                        ->getResult(0);
          // [C] to [C, 1, ...] against [N, C, spatial...].
          SmallVector<int64_t> axes =
              llvm::to_vector(llvm::seq<int64_t>(1, rank - 1));
          auto perChannel = [&](Value p, StringRef what) {
            return axes.empty()
                       ? p
                       : unsqueeze(rewriter, auxLoc(l, what), opset(), p, axes);
          };
          if (scale) {
            Value s = perChannel(scale, "scale");
            y = binary(rewriter, bias ? auxLoc(l, "scaled") : l, "Mul", y, s,
                       bias ? Type(vType) : t);
          }
          if (bias) {
            Value bb = perChannel(bias, "bias");
            y = binary(rewriter, l, "Add", y, bb, t);
          }
          return y;
        });
    rewriter.replaceOp(op, out);
    return success();
  }
};

} // namespace

void nn::populateNormPatterns(RewritePatternSet &patterns,
                              PdToOnnxState &state) {
  patterns.add<BatchNormLowering, LayerNormLowering, InstanceNormLowering,
               GroupNormLowering>(patterns.getContext(), state);
}
