//===- Resize.cpp - pd to onnx: interpolation -----------------------------===//
//
// nearest_interp, bilinear_interp (Paddle's *_interp_v2) and their Paddle 1.x
// forms legacy_nearest_interp, legacy_bilinear_interp, to ONNX Resize.
//
// Paddle's kernel picks the algorithm from `interp_method`, not from the op
// type, and computes source coordinates as (phi interpolate kernels):
//   nearest,  align_corners:  in = int(k * (in-1)/(out-1) + 0.5)
//   nearest, !align_corners:  in = int(k * ratio)
//   bilinear, align_corners:  src = k * (in-1)/(out-1)
//   bilinear, align_mode 0:   src = max((k + 0.5) * ratio - 0.5, 0)
//   bilinear, align_mode 1:   src = k * ratio
// with ratio = 1/scale when the v2 op has a scale, else in/out (always in/out
// for the 1.x ops), and 0 when out is 1. In ONNX terms: align_corners,
// pytorch_half_pixel (which gives 0 for an output of 1) and asymmetric, with
// nearest_mode round_prefer_ceil or floor. A v2 scale goes to Resize's
// `scales`, so that ONNX divides by the scale as Paddle does; sizes go to
// `sizes` (ONNX then uses out/in, as Paddle does).
//
// The output size comes from, in Paddle's order of precedence: SizeTensor,
// then OutSize, then Scale (tensor) or `scale`, then out_h/out_w. The 1.x ops
// compute int(in * scale) and then use the ratio in/out.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"
#include "passes/PdToOnnx/NNUtils.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace mlir::oar;
using mlir::oar::nn::concat;
using mlir::oar::nn::shapeSlice;
using mlir::oar::nn::transpose;

namespace {

/// What the patterns of the four ops share.
struct InterpOperands {
  Value x;
  Value outSize;            // OutSize, or null
  ValueRange sizeTensor;    // SizeTensor (possibly empty)
  Value scaleTensor;        // Scale, or null
  SmallVector<float> scale; // the `scale` attribute as (h, w), or empty
  StringRef dataLayout;
  int64_t outH, outW;
  StringRef method;
  bool alignCorners;
  int64_t alignMode;
  bool legacy; // Paddle 1.x: ratio in/out, out = int(in * scale)
};

/// An empty f32 tensor: Resize-11's `roi`, or its `scales` beside `sizes`.
Value emptyF32(OpBuilder &b, Location loc) {
  auto type = RankedTensorType::get({0}, b.getF32Type());
  return constFromAttr(b, loc,
                       DenseFPElementsAttr::get(type, ArrayRef<float>{}));
}

/// A 1-D i64 tensor of 2 elements from an int tensor of 2 elements (OutSize)
/// or from two 1-element tensors (SizeTensor).
Value sizeHW(OpBuilder &b, Location loc, ValueRange parts) {
  auto i64 = b.getI64Type();
  SmallVector<Value> flat;
  for (Value p : parts) {
    Value v = castTo(b, auxLoc(loc, "size_i64"), p, i64);
    int64_t n = parts.size() == 1 ? 2 : 1;
    if (getRank(v) != 1)
      v = reshapeTo(b, auxLoc(loc, "size_1d"), v, {n},
                    RankedTensorType::get({n}, i64));
    flat.push_back(v);
  }
  if (flat.size() == 1)
    return flat.front();
  return concat(b, auxLoc(loc, "size_hw"), flat, 0,
                RankedTensorType::get({2}, i64));
}

template <typename InterpOp>
class InterpToResize : public PdToOnnxPattern<InterpOp> {
public:
  using PdToOnnxPattern<InterpOp>::PdToOnnxPattern;
  using OpAdaptor = typename InterpOp::Adaptor;

  LogicalResult
  matchAndRewrite(InterpOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    InterpOperands in;
    in.x = adaptor.getX();
    in.outSize = adaptor.getOutSize();
    in.sizeTensor = adaptor.getSizeTensor();
    in.scaleTensor = adaptor.getScaleTensor();
    in.dataLayout = op.getDataLayout();
    in.outH = op.getOutH();
    in.outW = op.getOutW();
    in.method = op.getInterpMethod();
    in.alignCorners = op.getAlignCorners();
    in.alignMode = op.getAlignMode();
    in.legacy = std::is_same_v<InterpOp, pd::LegacyNearestInterpOp> ||
                std::is_same_v<InterpOp, pd::LegacyBilinearInterpOp>;
    if constexpr (std::is_same_v<InterpOp, pd::LegacyNearestInterpOp> ||
                  std::is_same_v<InterpOp, pd::LegacyBilinearInterpOp>) {
      float s = op.getScale().convertToFloat();
      if (s > 0)
        in.scale = {s, s};
    } else {
      // Paddle reads the attribute only when it holds (h, w).
      ArrayRef<float> s = op.getScale();
      if (s.size() > 1 && s[0] > 0 && s[1] > 0)
        in.scale = {s[0], s[1]};
    }
    return lower(op, in, rewriter);
  }

private:
  LogicalResult lower(InterpOp op, const InterpOperands &in,
                      ConversionPatternRewriter &b) const {
    int64_t opset = this->opset();
    Location loc = op.getLoc();
    if (getRank(in.x) != 4)
      return this->unsupported(op, "only 4-D inputs are supported");
    bool nhwc = in.dataLayout == "NHWC";
    if (!nhwc && in.dataLayout != "NCHW")
      return this->unsupported(op, "data_layout '" + in.dataLayout +
                                       "' is not supported");
    bool nearest = in.method == "nearest";
    if (!nearest && in.method != "bilinear")
      return this->unsupported(op, "interp_method '" + in.method +
                                       "' is not supported");

    // Where the size comes from.
    bool bySizes = !in.sizeTensor.empty() || in.outSize;
    bool byScaleTensor = !bySizes && in.scaleTensor;
    bool byScaleAttr = !bySizes && !byScaleTensor && !in.scale.empty();
    bool byAttrs = !bySizes && !byScaleTensor && !byScaleAttr;
    if (byAttrs && (in.outH <= 0 || in.outW <= 0))
      return this->unsupported(op, "no output size: out_h/out_w are not "
                                   "positive and no size or scale is given");
    // With OutSize and a scale, Paddle sizes by OutSize but maps coordinates
    // by the scale, which Resize cannot say.
    bool ratioIsScale = !in.legacy && !in.alignCorners && in.sizeTensor.empty();
    if (ratioIsScale && in.outSize && (in.scaleTensor || !in.scale.empty()))
      return this->unsupported(op, "OutSize together with a scale is not "
                                   "supported (Paddle sizes by one and maps "
                                   "coordinates by the other)");

    StringRef ctm, nearestMode;
    if (in.alignCorners)
      ctm = "align_corners";
    else if (!nearest && in.alignMode == 0)
      ctm = "pytorch_half_pixel";
    else
      ctm = "asymmetric";
    if (nearest)
      nearestMode = in.alignCorners ? "round_prefer_ceil" : "floor";

    Value x = in.x;
    if (nhwc)
      x = transpose(b, auxLoc(loc, "nchw"), x, {0, 3, 1, 2});
    auto xType = cast<RankedTensorType>(x.getType());
    Type f32 = b.getF32Type();

    // Resize-10 knows only asymmetric coordinates and scales; its nearest
    // rounds as `floor` only when upsampling.
    if (opset < 11) {
      bool constScales = byScaleAttr && !in.legacy;
      bool floors =
          !nearest || (constScales && in.scale[0] >= 1 && in.scale[1] >= 1);
      if (ctm != "asymmetric" || !constScales || !floors)
        return this->needsOpset(op, 11);
      if (opset < 10)
        return this->needsOpset(op, 10);
    }

    // scales (f32 [4]) or sizes (i64 [4]).
    Value scales, sizes;
    auto i64Vec4 = RankedTensorType::get({4}, b.getI64Type());
    if (bySizes) {
      Value hw = in.sizeTensor.empty() ? sizeHW(b, loc, in.outSize)
                                       : sizeHW(b, loc, in.sizeTensor);
      sizes = concat(b, auxLoc(loc, "sizes"),
                     {shapeSlice(b, auxLoc(loc, "dims"), opset, x, 0, 2), hw},
                     0, i64Vec4);
    } else if (byAttrs) {
      sizes = concat(b, auxLoc(loc, "sizes"),
                     {shapeSlice(b, auxLoc(loc, "dims"), opset, x, 0, 2),
                      constI64(b, auxLoc(loc, "size_hw"), {in.outH, in.outW})},
                     0, i64Vec4);
    } else if (byScaleAttr && !in.legacy) {
      scales = constOfType(b, auxLoc(loc, "scales"), f32,
                           {1.0, 1.0, in.scale[0], in.scale[1]},
                           /*scalar=*/false);
    } else if (byScaleAttr && xType.getDimSize(2) != ShapedType::kDynamic &&
               xType.getDimSize(3) != ShapedType::kDynamic) {
      // 1.x with a static input: int(in * scale), computed in float as Paddle
      // does.
      int64_t h = static_cast<int64_t>(static_cast<float>(xType.getDimSize(2)) *
                                       in.scale[0]);
      int64_t w = static_cast<int64_t>(static_cast<float>(xType.getDimSize(3)) *
                                       in.scale[1]);
      sizes = concat(b, auxLoc(loc, "sizes"),
                     {shapeSlice(b, auxLoc(loc, "dims"), opset, x, 0, 2),
                      constI64(b, auxLoc(loc, "size_hw"), {h, w})},
                     0, i64Vec4);
    } else {
      // A scale known only at run time, or a 1.x scale on a dynamic input.
      auto f32Vec2 = RankedTensorType::get({2}, f32);
      Value s2;
      if (byScaleTensor) {
        // Scale holds (h, w) or one value for both.
        Value s =
            reshapeTo(b, auxLoc(loc, "scale_1d"),
                      castTo(b, auxLoc(loc, "scale_f32"), in.scaleTensor, f32),
                      {-1}, RankedTensorType::get({ShapedType::kDynamic}, f32));
        // The 1.x ops read the first value only.
        if (in.legacy)
          s = sliceConst(b, auxLoc(loc, "scale_first"), opset, s, {0}, {1}, {0},
                         {1}, RankedTensorType::get({1}, f32));
        s2 = createOnnxOp(b, auxLoc(loc, "scale_hw"), "Expand", f32Vec2,
                          {s, constI64(b, auxLoc(loc, "two"), {2})})
                 ->getResult(0);
      } else {
        s2 = constOfType(b, auxLoc(loc, "scale_hw"), f32,
                         {in.scale[0], in.scale[1]}, /*scalar=*/false);
      }
      if (!in.legacy) {
        scales = concat(b, auxLoc(loc, "scales"),
                        {constOfType(b, auxLoc(loc, "scale_nc"), f32,
                                     {1.0, 1.0}, /*scalar=*/false),
                         s2},
                        0, RankedTensorType::get({4}, f32));
      } else {
        // int(in * scale) on the dynamic input.
        Value hw =
            castTo(b, auxLoc(loc, "in_hw_f32"),
                   shapeSlice(b, auxLoc(loc, "dims"), opset, x, 2, 4), f32);
        Value prod =
            createOnnxOp(b, auxLoc(loc, "out_hw_f32"), "Mul", f32Vec2, {hw, s2})
                ->getResult(0);
        Value fl =
            createOnnxOp(b, auxLoc(loc, "out_hw_floor"), "Floor", f32Vec2, prod)
                ->getResult(0);
        sizes = concat(b, auxLoc(loc, "sizes"),
                       {shapeSlice(b, auxLoc(loc, "dims"), opset, x, 0, 2),
                        castTo(b, auxLoc(loc, "out_hw"), fl, b.getI64Type())},
                       0, i64Vec4);
      }
    }

    // Result type in NCHW.
    auto outType = cast<RankedTensorType>(op.getOut().getType());
    if (nhwc)
      outType =
          RankedTensorType::get({outType.getDimSize(0), outType.getDimSize(3),
                                 outType.getDimSize(1), outType.getDimSize(2)},
                                outType.getElementType());

    SmallVector<NamedAttribute> attrs{b.getNamedAttr(
        "mode", b.getStringAttr(nearest ? "nearest" : "linear"))};
    // Operand i is Resize's input i at the target opset: (X, scales) at 10;
    // (X, roi, scales, sizes) from 11, roi and scales optional from 13.
    SmallVector<Value> operands{x};
    if (opset < 11) {
      operands.append({scales, noValue(b, loc), noValue(b, loc)});
    } else {
      attrs.push_back(b.getNamedAttr("coordinate_transformation_mode",
                                     b.getStringAttr(ctm)));
      if (nearest)
        attrs.push_back(
            b.getNamedAttr("nearest_mode", b.getStringAttr(nearestMode)));
      auto absent = [&](StringRef what) {
        return opset < 13 ? emptyF32(b, auxLoc(loc, what)) : noValue(b, loc);
      };
      operands.push_back(absent("roi"));
      operands.push_back(scales ? scales : absent("scales"));
      operands.push_back(sizes ? sizes : noValue(b, loc));
    }
    Location resizeLoc = nhwc ? auxLoc(loc, "resize") : loc;
    Value y = createOnnxOp(b, resizeLoc, "Resize", outType, operands, attrs)
                  ->getResult(0);
    if (nhwc)
      y = transpose(b, loc, y, {0, 2, 3, 1});
    b.replaceOp(op, y);
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxResizePatterns(RewritePatternSet &patterns,
                                               PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<InterpToResize<pd::NearestInterpOp>,
               InterpToResize<pd::BilinearInterpOp>,
               InterpToResize<pd::LegacyNearestInterpOp>,
               InterpToResize<pd::LegacyBilinearInterpOp>>(ctx, state);
}
