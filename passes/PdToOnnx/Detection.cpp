//===- Detection.cpp - pd to onnx: detection heads and NMS ----------------===//
//
// prior_box, yolo_box, multiclass_nms3 (and matrix_nms, which has no ONNX
// counterpart). Each pattern follows Paddle's CPU kernel (phi
// prior_box_kernel.cc, yolo_box_kernel.cc, multiclass_nms3_kernel.cc) in
// its order of float operations, so that the results match, not just agree.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"
#include "passes/PdToOnnx/NNUtils.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/TypeUtilities.h"

#include <cfloat>
#include <cmath>

using namespace mlir;
using namespace mlir::oar;
using mlir::oar::nn::binary;
using mlir::oar::nn::concat;
using mlir::oar::nn::transpose;

namespace {

Value unary(OpBuilder &b, Location loc, StringRef opType, Value x) {
  return createOnnxOp(b, loc, opType, x.getType(), x)->getResult(0);
}

/// The smaller of two i64 tensors (Min takes integers only from opset 12).
Value minI64(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto boolType = withElementType(lhs.getType(), b.getI1Type());
  Value less = binary(b, loc, "Less", lhs, rhs, boolType);
  return createOnnxOp(b, loc, "Where", lhs.getType(), {less, lhs, rhs})
      ->getResult(0);
}

Value constF32(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
               ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  return constFromAttr(b, loc, DenseElementsAttr::get(type, values));
}

//===----------------------------------------------------------------------===//
// prior_box
//===----------------------------------------------------------------------===//

/// Half widths and heights of the priors of one feature-map cell, in
/// Paddle's order (ExpandAspectRatios, then min size, max size, ratios).
SmallVector<std::pair<float, float>> priorHalves(pd::PriorBoxOp op) {
  ArrayRef<float> minSizes = op.getMinSizes();
  ArrayRef<float> maxSizes = op.getMaxSizes();
  // ExpandAspectRatios: 1 first, then each new ratio (and 1/ratio).
  SmallVector<float> ratios{1.0f};
  for (float ar : op.getAspectRatios()) {
    if (llvm::any_of(ratios, [&](float r) { return std::fabs(ar - r) < 1e-6; }))
      continue;
    ratios.push_back(ar);
    if (op.getFlip())
      ratios.push_back(1.0f / ar);
  }
  SmallVector<std::pair<float, float>> halves;
  for (size_t s = 0; s < minSizes.size(); ++s) {
    float minSize = minSizes[s];
    auto square = [&] {
      if (maxSizes.empty())
        return;
      float h = std::sqrt(minSize * maxSizes[s]) / 2.;
      halves.push_back({h, h});
    };
    auto byRatio = [&](bool skipOne) {
      for (float ar : ratios) {
        if (skipOne && std::fabs(ar - 1.) < 1e-6)
          continue;
        halves.push_back({static_cast<float>(minSize * std::sqrt(ar) / 2.),
                          static_cast<float>(minSize / std::sqrt(ar) / 2.)});
      }
    };
    if (op.getMinMaxAspectRatiosOrder()) {
      float h = minSize / 2.;
      halves.push_back({h, h});
      square();
      byRatio(/*skipOne=*/true);
    } else {
      byRatio(/*skipOne=*/false);
      square();
    }
  }
  return halves;
}

/// prior_box's outputs depend only on the shapes of its inputs and on its
/// attributes: constants when those shapes are static; otherwise built from
/// Shape and Range (opset 11), cell centres (k + offset) * step.
struct PriorBoxToOnnx : PdToOnnxPattern<pd::PriorBoxOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult matchAndRewrite(pd::PriorBoxOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    auto in = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto img = dyn_cast<RankedTensorType>(op.getImage().getType());
    if (!in || !img || in.getRank() != 4 || img.getRank() != 4)
      return unsupported(op, "Input and Image must be 4-D");
    ArrayRef<float> minSizes = op.getMinSizes();
    ArrayRef<float> maxSizes = op.getMaxSizes();
    ArrayRef<float> variances = op.getVariances();
    if (!maxSizes.empty() && maxSizes.size() != minSizes.size())
      return unsupported(op, "max_sizes must be empty or as long as "
                             "min_sizes");
    if (variances.size() != 4)
      return unsupported(op, "variances must hold 4 values");
    SmallVector<std::pair<float, float>> halves = priorHalves(op);
    int64_t priors = halves.size();
    float offset = op.getOffset().convertToFloat();
    float stepW = op.getStepW().convertToFloat();
    float stepH = op.getStepH().convertToFloat();
    bool stepFromSizes = stepW == 0 || stepH == 0;

    bool isStatic = !in.isDynamicDim(2) && !in.isDynamicDim(3) &&
                    !img.isDynamicDim(2) && !img.isDynamicDim(3);
    if (!isStatic)
      return lowerDynamic(op, adaptor, b, halves, stepFromSizes);

    int64_t fh = in.getDimSize(2), fw = in.getDimSize(3);
    int64_t ih = img.getDimSize(2), iw = img.getDimSize(3);
    if (stepFromSizes) {
      stepW = static_cast<float>(iw) / fw;
      stepH = static_cast<float>(ih) / fh;
    }
    SmallVector<int64_t> shape{fh, fw, priors, 4};
    auto resultType = cast<RankedTensorType>(op.getBoxes().getType());
    if (failed(verifyCompatibleShape(resultType.getShape(), shape)))
      return unsupported(op, "the Boxes type does not match the priors");

    SmallVector<float> boxes, vars;
    boxes.reserve(fh * fw * priors * 4);
    for (int64_t h = 0; h < fh; ++h) {
      for (int64_t w = 0; w < fw; ++w) {
        float cx = (w + offset) * stepW;
        float cy = (h + offset) * stepH;
        for (auto [hw, hh] : halves) {
          float box[4] = {(cx - hw) / iw, (cy - hh) / ih, (cx + hw) / iw,
                          (cy + hh) / ih};
          for (float v : box)
            boxes.push_back(op.getClip() ? std::min(std::max(v, 0.0f), 1.0f)
                                         : v);
          vars.append(variances.begin(), variances.end());
        }
      }
    }
    Value boxesV = constF32(b, resultLoc(op, 0), shape, boxes);
    Value varsV = constF32(b, resultLoc(op, 1), shape, vars);
    b.replaceOp(op, {boxesV, varsV});
    return success();
  }

private:
  LogicalResult lowerDynamic(pd::PriorBoxOp op, OpAdaptor adaptor,
                             ConversionPatternRewriter &b,
                             ArrayRef<std::pair<float, float>> halves,
                             bool stepFromSizes) const {
    if (opset() < 11)
      return needsOpset(op, 11); // Range
    int64_t opset = this->opset();
    Location loc = op.getLoc();
    Type f32 = b.getF32Type(), i64 = b.getI64Type();
    int64_t dyn = ShapedType::kDynamic;
    int64_t priors = halves.size();
    auto vec1 = [&](Type t) { return RankedTensorType::get({1}, t); };

    // Feature-map and image sizes, as i64 [1] and f32 [1].
    auto dimOf = [&](StringRef what, Value x, int64_t d) {
      Value shape = createOnnxOp(b, auxLoc(loc, what), "Shape",
                                 RankedTensorType::get({4}, i64), x)
                        ->getResult(0);
      return sliceConst(b, auxLoc(loc, what), opset, shape, {d}, {d + 1}, {0},
                        {1}, vec1(i64));
    };
    Value fh = dimOf("feature_h", adaptor.getInput(), 2);
    Value fw = dimOf("feature_w", adaptor.getInput(), 3);
    Value ihF = castTo(b, auxLoc(loc, "image_h"),
                       dimOf("image_h", adaptor.getImage(), 2), f32);
    Value iwF = castTo(b, auxLoc(loc, "image_w"),
                       dimOf("image_w", adaptor.getImage(), 3), f32);
    auto stepOf = [&](StringRef what, Value imgSize, Value featureSize,
                      float attr) -> Value {
      if (!stepFromSizes)
        return constOfType(b, auxLoc(loc, what), f32, {attr},
                           /*scalar=*/false);
      return binary(b, auxLoc(loc, what), "Div", imgSize,
                    castTo(b, auxLoc(loc, what), featureSize, f32), vec1(f32));
    };
    Value stepW = stepOf("step_w", iwF, fw, op.getStepW().convertToFloat());
    Value stepH = stepOf("step_h", ihF, fh, op.getStepH().convertToFloat());

    // Cell centres (k + offset) * step, shaped to broadcast over
    // [H, W, priors].
    float offset = op.getOffset().convertToFloat();
    auto centres = [&](StringRef what, Value count, Value step,
                       ArrayRef<int64_t> shape) {
      Value n = reshapeTo(b, auxLoc(loc, what), count, {},
                          RankedTensorType::get({}, i64));
      Value k = createOnnxOp(b, auxLoc(loc, what), "Range",
                             RankedTensorType::get({dyn}, i64),
                             {constI64(b, auxLoc(loc, "zero"), {0}, true), n,
                              constI64(b, auxLoc(loc, "one"), {1}, true)})
                    ->getResult(0);
      Value c = binary(b, auxLoc(loc, what), "Add",
                       castTo(b, auxLoc(loc, what), k, f32),
                       constOfType(b, auxLoc(loc, "offset"), f32, {offset}),
                       RankedTensorType::get({dyn}, f32));
      c = binary(b, auxLoc(loc, what), "Mul", c, step,
                 RankedTensorType::get({dyn}, f32));
      return reshapeTo(
          b, auxLoc(loc, what), c, shape,
          RankedTensorType::get(
              llvm::map_to_vector(shape,
                                  [&](int64_t d) { return d == -1 ? dyn : d; }),
              f32));
    };
    Value cx = centres("cx", fw, stepW, {1, -1, 1});
    Value cy = centres("cy", fh, stepH, {-1, 1, 1});

    SmallVector<float> hw, hh;
    for (auto [w, h] : halves) {
      hw.push_back(w);
      hh.push_back(h);
    }
    Value hwV = constF32(b, auxLoc(loc, "half_w"), {1, 1, priors}, hw);
    Value hhV = constF32(b, auxLoc(loc, "half_h"), {1, 1, priors}, hh);
    Value gridShape =
        concat(b, auxLoc(loc, "grid_shape"),
               {fh, fw, constI64(b, auxLoc(loc, "priors"), {priors})}, 0,
               RankedTensorType::get({3}, i64));
    auto grid3 = RankedTensorType::get({dyn, dyn, priors}, f32);
    auto grid4 = RankedTensorType::get({dyn, dyn, priors, 1}, f32);
    // (centre -+ half) / image size, clipped, expanded to [H, W, priors, 1].
    auto corner = [&](StringRef what, Value c, StringRef opType, Value half,
                      Value imgSize) {
      Value v = binary(b, auxLoc(loc, what), opType, c, half, unrankedOf(f32));
      v = binary(b, auxLoc(loc, what), "Div", v, imgSize, unrankedOf(f32));
      if (op.getClip())
        v = clip(b, auxLoc(loc, what), opset, v, 0.0, 1.0, v.getType());
      v = createOnnxOp(b, auxLoc(loc, what), "Expand", grid3, {v, gridShape})
              ->getResult(0);
      return unsqueeze(b, auxLoc(loc, what), opset, v, {3}, grid4);
    };
    Value boxes = concat(
        b, resultLoc(op, 0),
        {corner("x1", cx, "Sub", hwV, iwF), corner("y1", cy, "Sub", hhV, ihF),
         corner("x2", cx, "Add", hwV, iwF), corner("y2", cy, "Add", hhV, ihF)},
        3, op.getBoxes().getType());
    Value varShape = concat(b, auxLoc(loc, "variances_shape"),
                            {gridShape, constI64(b, auxLoc(loc, "four"), {4})},
                            0, RankedTensorType::get({4}, i64));
    Value vars =
        createOnnxOp(
            b, resultLoc(op, 1), "Expand", op.getVariancesTensor().getType(),
            {constF32(b, auxLoc(loc, "variances"), {4}, op.getVariances()),
             varShape})
            ->getResult(0);
    b.replaceOp(op, {boxes, vars});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// yolo_box
//===----------------------------------------------------------------------===//

/// X [N, A*(5+C), H, W] (an IoU channel per anchor first when iou_aware)
/// decoded on the 5-D view [N, A, 5+C, H, W]; Boxes [N, A*H*W, 4] and Scores
/// [N, A*H*W, C] in Paddle's (anchor, row, column) order. A prediction whose
/// confidence is below conf_thresh has zero boxes and scores.
struct YoloBoxToOnnx : PdToOnnxPattern<pd::YoloBoxOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult matchAndRewrite(pd::YoloBoxOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    Value x = adaptor.getX();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    Type f32 = b.getF32Type();
    if (!xType || xType.getRank() != 4 || xType.getElementType() != f32 ||
        xType.isDynamicDim(1) || xType.isDynamicDim(2) || xType.isDynamicDim(3))
      return unsupported(op, "X must be a 4-D f32 tensor with static "
                             "channels, height and width");
    ArrayRef<int64_t> anchors = op.getAnchors();
    int64_t numAnchors = anchors.size() / 2;
    int64_t classes = op.getClassNum();
    bool iouAware = op.getIouAware();
    int64_t n = xType.getDimSize(0), h = xType.getDimSize(2),
            w = xType.getDimSize(3);
    int64_t entries = 5 + classes;
    if (anchors.empty() || anchors.size() % 2 ||
        xType.getDimSize(1) != numAnchors * (entries + (iouAware ? 1 : 0)))
      return unsupported(op, "X's channels do not match anchors and "
                             "class_num");
    if (opset() < 9)
      return needsOpset(op, 9); // Where
    int64_t opset = this->opset();
    Location loc = op.getLoc();

    auto t5 = [&](int64_t c) {
      return RankedTensorType::get({n, numAnchors, c, h, w}, f32);
    };
    Value main = x, iou;
    if (iouAware) {
      iou = sliceConst(b, auxLoc(loc, "iou"), opset, x, {0}, {numAnchors}, {1},
                       {1}, RankedTensorType::get({n, numAnchors, h, w}, f32));
      iou = reshapeTo(b, auxLoc(loc, "iou_5d"), iou, {0, numAnchors, 1, h, w},
                      t5(1));
      main = sliceConst(
          b, auxLoc(loc, "pred"), opset, x, {numAnchors},
          {numAnchors * (entries + 1)}, {1}, {1},
          RankedTensorType::get({n, numAnchors * entries, h, w}, f32));
    }
    Value x5 = reshapeTo(b, auxLoc(loc, "pred_5d"), main,
                         {0, numAnchors, entries, h, w}, t5(entries));
    auto entry = [&](StringRef what, int64_t e, int64_t len = 1) {
      return sliceConst(b, auxLoc(loc, what), opset, x5, {e}, {e + len}, {2},
                        {1}, t5(len));
    };
    auto scalar = [&](StringRef what, float v) {
      return constOfType(b, auxLoc(loc, what), f32, {v});
    };

    // Confidence, IoU-weighted when iou_aware.
    Value conf = unary(b, auxLoc(loc, "conf"), "Sigmoid", entry("obj", 4));
    if (iouAware) {
      float factor = op.getIouAwareFactor().convertToFloat();
      Value iouS = unary(b, auxLoc(loc, "iou_sigmoid"), "Sigmoid", iou);
      conf = binary(b, auxLoc(loc, "conf_iou"), "Mul",
                    binary(b, auxLoc(loc, "conf_pow"), "Pow", conf,
                           scalar("conf_exp", 1.0f - factor), t5(1)),
                    binary(b, auxLoc(loc, "iou_pow"), "Pow", iouS,
                           scalar("iou_exp", factor), t5(1)),
                    t5(1));
    }

    // Image size per batch, as [N, 1, 1, 1, 1] floats.
    Value img = castTo(b, auxLoc(loc, "img_size"), adaptor.getImgSize(), f32);
    auto imgDim = [&](StringRef what, int64_t i) {
      Value d = sliceConst(b, auxLoc(loc, what), opset, img, {i}, {i + 1}, {1},
                           {1}, RankedTensorType::get({n, 1}, f32));
      return reshapeTo(b, auxLoc(loc, what), d, {0, 1, 1, 1, 1},
                       RankedTensorType::get({n, 1, 1, 1, 1}, f32));
    };
    Value imgH = imgDim("img_h", 0), imgW = imgDim("img_w", 1);

    // Centres: (grid + sigmoid(t) * scale + bias) * img / grid_size.
    float scale = op.getScaleXY().convertToFloat();
    float bias = -0.5 * (scale - 1.);
    SmallVector<float> gx, gy;
    for (int64_t k = 0; k < h; ++k)
      for (int64_t l = 0; l < w; ++l) {
        gx.push_back(l);
        gy.push_back(k);
      }
    auto gridType = RankedTensorType::get({1, 1, 1, h, w}, f32);
    auto centre = [&](StringRef what, Value t, ArrayRef<float> grid,
                      Value imgSize, int64_t gridSize) {
      Value s = unary(b, auxLoc(loc, what), "Sigmoid", t);
      if (scale != 1.0f)
        s = binary(b, auxLoc(loc, what), "Mul", s, scalar("scale_x_y", scale),
                   t5(1));
      Value c =
          binary(b, auxLoc(loc, what), "Add",
                 constF32(b, auxLoc(loc, "grid"), gridType.getShape(), grid), s,
                 t5(1));
      if (scale != 1.0f)
        c = binary(b, auxLoc(loc, what), "Add", c, scalar("bias", bias), t5(1));
      c = binary(b, auxLoc(loc, what), "Mul", c, imgSize, t5(1));
      return binary(b, auxLoc(loc, what), "Div", c,
                    scalar("grid_size", static_cast<float>(gridSize)), t5(1));
    };
    Value cx = centre("cx", entry("tx", 0), gx, imgW, w);
    Value cy = centre("cy", entry("ty", 1), gy, imgH, h);

    // Sizes: exp(t) * anchor * img / input_size.
    SmallVector<float> aw, ah;
    for (int64_t j = 0; j < numAnchors; ++j) {
      aw.push_back(anchors[2 * j]);
      ah.push_back(anchors[2 * j + 1]);
    }
    int64_t ratio = op.getDownsampleRatio();
    auto extent = [&](StringRef what, Value t, ArrayRef<float> anchor,
                      Value imgSize, int64_t inputSize) {
      Value e = unary(b, auxLoc(loc, what), "Exp", t);
      e = binary(
          b, auxLoc(loc, what), "Mul", e,
          constF32(b, auxLoc(loc, "anchors"), {1, numAnchors, 1, 1, 1}, anchor),
          t5(1));
      e = binary(b, auxLoc(loc, what), "Mul", e, imgSize, t5(1));
      e = binary(b, auxLoc(loc, what), "Div", e,
                 scalar("input_size", static_cast<float>(inputSize)), t5(1));
      return binary(b, auxLoc(loc, what), "Div", e, scalar("two", 2.0f), t5(1));
    };
    Value halfW = extent("half_w", entry("tw", 2), aw, imgW, ratio * w);
    Value halfH = extent("half_h", entry("th", 3), ah, imgH, ratio * h);

    Value x1 = binary(b, auxLoc(loc, "x1"), "Sub", cx, halfW, t5(1));
    Value y1 = binary(b, auxLoc(loc, "y1"), "Sub", cy, halfH, t5(1));
    Value x2 = binary(b, auxLoc(loc, "x2"), "Add", cx, halfW, t5(1));
    Value y2 = binary(b, auxLoc(loc, "y2"), "Add", cy, halfH, t5(1));
    if (op.getClipBbox()) {
      Value zero = scalar("zero", 0.0f), one = scalar("one", 1.0f);
      x1 = binary(b, auxLoc(loc, "x1"), "Max", x1, zero, t5(1));
      y1 = binary(b, auxLoc(loc, "y1"), "Max", y1, zero, t5(1));
      x2 = binary(b, auxLoc(loc, "x2"), "Min", x2,
                  binary(b, auxLoc(loc, "x_max"), "Sub", imgW, one, t5(1)),
                  t5(1));
      y2 = binary(b, auxLoc(loc, "y2"), "Min", y2,
                  binary(b, auxLoc(loc, "y_max"), "Sub", imgH, one, t5(1)),
                  t5(1));
    }

    // Predictions under conf_thresh stay zero.
    Value below =
        binary(b, auxLoc(loc, "below"), "Less", conf,
               scalar("conf_thresh", op.getConfThresh().convertToFloat()),
               RankedTensorType::get({n, numAnchors, 1, h, w}, b.getI1Type()));
    Value keep = unary(b, auxLoc(loc, "keep"), "Not", below);
    Value zero = scalar("zero", 0.0f);
    auto finish = [&](Location at, Value v, int64_t c, Type resultType) {
      v = createOnnxOp(b, auxLoc(at, "masked"), "Where", t5(c), {keep, v, zero})
              ->getResult(0);
      v = transpose(b, auxLoc(at, "anchor_row_col"), v, {0, 1, 3, 4, 2},
                    RankedTensorType::get({n, numAnchors, h, w, c}, f32));
      return reshapeTo(b, at, v, {0, numAnchors * h * w, c}, resultType);
    };
    Value boxes =
        finish(resultLoc(op, 0),
               concat(b, auxLoc(loc, "corners"), {x1, y1, x2, y2}, 2, t5(4)), 4,
               op.getBoxes().getType());
    Value clsS = unary(b, auxLoc(loc, "cls"), "Sigmoid",
                       entry("cls_logits", 5, classes));
    Value scores =
        binary(b, auxLoc(loc, "class_scores"), "Mul", conf, clsS, t5(classes));
    scores =
        finish(resultLoc(op, 1), scores, classes, op.getScores().getType());
    b.replaceOp(op, {boxes, scores});
    return success();
  }
};

/// Why BBoxes and Scores cannot go to the one-image NMS lowerings, or ""
/// when they can: BBoxes [N, M, 4] and Scores [N, C, M] of f32, N 1 or
/// dynamic (then checked at run time).
std::string checkOneImageNms(Value boxes, Value scores) {
  auto boxesType = dyn_cast<RankedTensorType>(boxes.getType());
  auto scoresType = dyn_cast<RankedTensorType>(scores.getType());
  Builder b(boxes.getContext());
  if (!boxesType || !scoresType || boxesType.getRank() != 3 ||
      scoresType.getRank() != 3 ||
      boxesType.getElementType() != b.getF32Type() ||
      scoresType.getElementType() != b.getF32Type())
    return "only BBoxes [N, M, 4] and Scores [N, C, M] of f32 are supported";
  if ((!boxesType.isDynamicDim(0) && boxesType.getDimSize(0) != 1) ||
      (!scoresType.isDynamicDim(0) && scoresType.getDimSize(0) != 1))
    return "only a batch of one image is supported";
  return "";
}

//===----------------------------------------------------------------------===//
// multiclass_nms3
//===----------------------------------------------------------------------===//

/// multiclass_nms3 for one image: BBoxes [1, M, 4], Scores [1, C, M].
///
/// Paddle, per class but background_label: the boxes scoring above
/// score_threshold, best nms_top_k first, greedy NMS at nms_threshold; then
/// the best keep_top_k of all classes, listed by class, then by score. In
/// ONNX: scores outside each class's top nms_top_k (TopK + ScatterElements)
/// and the background's are set to -FLT_MAX; NonMaxSuppression (same
/// threshold and IoU tests, same order: class, then score) selects; TopK
/// on the selected scores keeps keep_top_k and a second TopK on their
/// positions restores the order. Out rows are (label, score, x1, y1, x2, y2).
///
/// Limits, rejected or enforced: batch size 1 (a Squeeze of the batch dim
/// fails at run time otherwise, as keep_top_k would apply to the whole
/// batch); normalized boxes (ONNX's IoU has no +1); nms_eta 1; no RoisNum.
struct MulticlassNms3ToOnnx : PdToOnnxPattern<pd::MulticlassNms3Op> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult matchAndRewrite(pd::MulticlassNms3Op op, OpAdaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    Value boxes = adaptor.getBboxes(), scores = adaptor.getScores();
    auto scoresType = dyn_cast<RankedTensorType>(scores.getType());
    Type f32 = b.getF32Type(), i64 = b.getI64Type();
    if (adaptor.getRoisNum())
      return unsupported(op, "RoisNum (boxes per image in a LoD batch) is "
                             "not supported");
    if (std::string reason = checkOneImageNms(boxes, scores); !reason.empty())
      return unsupported(op, reason);
    if (!op.getNormalized())
      return unsupported(op, "normalized=false (box sizes + 1) is not "
                             "supported");
    if (op.getNmsEta().convertToFloat() < 1.0f)
      return unsupported(op, "nms_eta < 1 (adaptive threshold) is not "
                             "supported");
    if (opset() < 11)
      return needsOpset(op, 11);
    int64_t opset = this->opset();
    Location loc = op.getLoc();
    int64_t numClasses = scoresType.getDimSize(1);
    int64_t numBoxes = scoresType.getDimSize(2);
    int64_t dyn = ShapedType::kDynamic;
    int64_t nmsTopK = op.getNmsTopK(), keepTopK = op.getKeepTopK();
    int64_t background = op.getBackgroundLabel();

    // Batch size 1, checked at run time by Squeeze, restored by Unsqueeze.
    boxes = unsqueeze(
        b, auxLoc(loc, "boxes"), opset,
        squeeze(b, auxLoc(loc, "boxes_one_image"), opset, boxes, {0}), {0});
    scores = unsqueeze(
        b, auxLoc(loc, "scores"), opset,
        squeeze(b, auxLoc(loc, "scores_one_image"), opset, scores, {0}), {0});
    auto scoresT = cast<RankedTensorType>(scores.getType());
    Value lowest = constOfType(b, auxLoc(loc, "lowest"), f32, {-FLT_MAX});

    // Each class's candidates: its best nms_top_k.
    if (nmsTopK > -1 && (numBoxes == dyn || nmsTopK < numBoxes)) {
      Value k = constI64(b, auxLoc(loc, "nms_top_k"), {nmsTopK});
      if (numBoxes == dyn) {
        Value m =
            sliceConst(b, auxLoc(loc, "num_boxes"), opset,
                       createOnnxOp(b, auxLoc(loc, "scores_shape"), "Shape",
                                    RankedTensorType::get({3}, i64), scores)
                           ->getResult(0),
                       {2}, {3}, {0}, {1}, RankedTensorType::get({1}, i64));
        k = minI64(b, auxLoc(loc, "nms_top_k"), k, m);
      }
      int64_t kk = numBoxes == dyn ? dyn : nmsTopK;
      auto topType = RankedTensorType::get({1, numClasses, kk}, f32);
      Operation *top = createOnnxOp(
          b, auxLoc(loc, "candidates"), "TopK",
          {topType, RankedTensorType::get({1, numClasses, kk}, i64)},
          {scores, k},
          {b.getNamedAttr("axis", b.getI64IntegerAttr(2)),
           b.getNamedAttr("largest", b.getI64IntegerAttr(1)),
           b.getNamedAttr("sorted", b.getI64IntegerAttr(1))});
      Value floor =
          createOnnxOp(
              b, auxLoc(loc, "lowest_scores"), "Expand", scoresT,
              {lowest, createOnnxOp(b, auxLoc(loc, "scores_shape"), "Shape",
                                    RankedTensorType::get({3}, i64), scores)
                           ->getResult(0)})
              ->getResult(0);
      scores =
          createOnnxOp(b, auxLoc(loc, "candidate_scores"), "ScatterElements",
                       scoresT, {floor, top->getResult(1), top->getResult(0)},
                       {b.getNamedAttr("axis", b.getI64IntegerAttr(2))})
              ->getResult(0);
    }
    // The background class has no candidates.
    if (background >= 0 && numClasses != dyn && background < numClasses) {
      SmallVector<bool> isBackground(numClasses, false);
      isBackground[background] = true;
      auto maskType = RankedTensorType::get({1, numClasses, 1}, b.getI1Type());
      Value mask = constFromAttr(
          b, auxLoc(loc, "background"),
          DenseElementsAttr::get(maskType, ArrayRef(isBackground)));
      scores = createOnnxOp(b, auxLoc(loc, "foreground_scores"), "Where",
                            scoresT, {mask, lowest, scores})
                   ->getResult(0);
    } else if (background >= 0) {
      return unsupported(op, "background_label needs a static class count");
    }

    // NMS: selected (batch, class, box), by class then score.
    int64_t maxPerClass = nmsTopK > -1      ? nmsTopK
                          : numBoxes != dyn ? numBoxes
                                            : int64_t(1) << 31;
    auto selType = RankedTensorType::get({dyn, 3}, i64);
    Value selected =
        createOnnxOp(
            b, auxLoc(loc, "selected"), "NonMaxSuppression", selType,
            {boxes, scores,
             constI64(b, auxLoc(loc, "max_per_class"), {maxPerClass}),
             constOfType(b, auxLoc(loc, "iou_threshold"), f32,
                         {op.getNmsThreshold().convertToFloat()},
                         /*scalar=*/false),
             constOfType(b, auxLoc(loc, "score_threshold"), f32,
                         {op.getScoreThreshold().convertToFloat()},
                         /*scalar=*/false)},
            {b.getNamedAttr("center_point_box", b.getI64IntegerAttr(0))})
            ->getResult(0);
    auto vecF = RankedTensorType::get({dyn}, f32);
    auto vecI = RankedTensorType::get({dyn}, i64);
    Value selScores = createOnnxOp(b, auxLoc(loc, "selected_scores"),
                                   "GatherND", vecF, {scores, selected})
                          ->getResult(0);

    // keep_top_k over all classes, in the order NMS listed them.
    if (keepTopK > -1) {
      Value count = createOnnxOp(b, auxLoc(loc, "num_selected"), "Shape",
                                 RankedTensorType::get({1}, i64), selScores)
                        ->getResult(0);
      Value k = minI64(b, auxLoc(loc, "keep_top_k"), count,
                       constI64(b, auxLoc(loc, "keep_top_k"), {keepTopK}));
      Value best =
          createOnnxOp(b, auxLoc(loc, "best"), "TopK", {vecF, vecI},
                       {selScores, k},
                       {b.getNamedAttr("axis", b.getI64IntegerAttr(0)),
                        b.getNamedAttr("largest", b.getI64IntegerAttr(1)),
                        b.getNamedAttr("sorted", b.getI64IntegerAttr(1))})
              ->getResult(1);
      Value inOrder =
          createOnnxOp(b, auxLoc(loc, "kept"), "TopK", {vecI, vecI}, {best, k},
                       {b.getNamedAttr("axis", b.getI64IntegerAttr(0)),
                        b.getNamedAttr("largest", b.getI64IntegerAttr(0)),
                        b.getNamedAttr("sorted", b.getI64IntegerAttr(1))})
              ->getResult(0);
      selected = createOnnxOp(b, auxLoc(loc, "kept_selected"), "Gather",
                              selType, {selected, inOrder},
                              {b.getNamedAttr("axis", b.getI64IntegerAttr(0))})
                     ->getResult(0);
      selScores = createOnnxOp(b, auxLoc(loc, "kept_scores"), "Gather", vecF,
                               {selScores, inOrder},
                               {b.getNamedAttr("axis", b.getI64IntegerAttr(0))})
                      ->getResult(0);
    }

    // Out: (label, score, x1, y1, x2, y2).
    auto colType = RankedTensorType::get({dyn, 1}, i64);
    auto column = [&](StringRef what, int64_t c) {
      return sliceConst(b, auxLoc(loc, what), opset, selected, {c}, {c + 1},
                        {1}, {1}, colType);
    };
    Value batchCol = column("batch", 0), classCol = column("label", 1),
          boxCol = column("box", 2);
    Value boxIdx = concat(b, auxLoc(loc, "box_index"), {batchCol, boxCol}, 1,
                          RankedTensorType::get({dyn, 2}, i64));
    Value selBoxes =
        createOnnxOp(b, auxLoc(loc, "selected_boxes"), "GatherND",
                     RankedTensorType::get({dyn, 4}, f32), {boxes, boxIdx})
            ->getResult(0);
    auto colF = RankedTensorType::get({dyn, 1}, f32);
    Value out =
        concat(b, resultLoc(op, 0),
               {castTo(b, auxLoc(loc, "label_f32"), classCol, f32),
                unsqueeze(b, auxLoc(loc, "score"), opset, selScores, {1}, colF),
                selBoxes},
               1, op.getOut().getType());

    // Index: the box's row in the flattened [N * M] boxes; one image, so the
    // box index itself.
    Value index =
        castTo(b, resultLoc(op, 1), boxCol, getElementType(op.getIndex()));
    SmallVector<Value> results{out, index};
    if (Value roisNum = op.getNmsRoisNum()) {
      Value n = createOnnxOp(b, auxLoc(loc, "num_kept"), "Shape",
                             withElementType(roisNum.getType(), i64), selScores)
                    ->getResult(0);
      results.push_back(
          castTo(b, resultLoc(op, 2), n, getElementType(roisNum)));
    }
    b.replaceOp(op, results);
    return success();
  }
};

/// matrix_nms (SOLOv2's Matrix NMS) for one image: BBoxes [1, M, 4],
/// Scores [1, C, M].
///
/// Paddle, per class but background_label: the boxes scoring above
/// score_threshold, best nms_top_k first; each box's score decays by
/// min over better boxes j of f(iou_ij, max_iou_j) (linear
/// (1 - iou) / (1 - max_iou), or gaussian exp((max_iou^2 - iou^2) * sigma)),
/// and stays if the decayed score is above post_threshold; then the best
/// keep_top_k of all classes by decayed score. In ONNX, on [C, K] candidate
/// lists (K the largest candidate count of a class) and [C, K, K] IoU
/// matrices masked to j < i. Out rows are (label, score, x1, y1, x2, y2) by
/// decayed score. Equal decayed scores may be listed in another order than
/// Paddle's (its partial_sort is not stable). Batch size 1 is checked at
/// run time.
struct MatrixNmsToOnnx : PdToOnnxPattern<pd::MatrixNmsOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult matchAndRewrite(pd::MatrixNmsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &b) const override {
    Value boxes = adaptor.getBboxes(), scores = adaptor.getScores();
    auto scoresType = dyn_cast<RankedTensorType>(scores.getType());
    Type f32 = b.getF32Type(), i64 = b.getI64Type(), i1 = b.getI1Type();
    if (std::string reason = checkOneImageNms(boxes, scores); !reason.empty())
      return unsupported(op, reason);
    if (scoresType.isDynamicDim(1))
      return unsupported(op, "the class count C of Scores must be static");
    if (opset() < 11)
      return needsOpset(op, 11);
    int64_t opset = this->opset();
    Location loc = op.getLoc();
    int64_t dyn = ShapedType::kDynamic;
    int64_t numClasses = scoresType.getDimSize(1);
    float norm = op.getNormalized() ? 0.0f : 1.0f;
    // I64Attr getters return uint64_t; -1 means "no limit".
    int64_t nmsTopK = op.getNmsTopK(), keepTopK = op.getKeepTopK();
    auto t = [&](ArrayRef<int64_t> shape, Type e) {
      return RankedTensorType::get(shape, e);
    };
    auto fconst = [&](StringRef what, float v) {
      return constOfType(b, auxLoc(loc, what), f32, {v});
    };
    auto bin = [&](StringRef what, StringRef opType, Value l, Value r,
                   Type type) {
      return binary(b, auxLoc(loc, what), opType, l, r, type);
    };
    auto where = [&](StringRef what, Value c, Value x, Value y, Type type) {
      return createOnnxOp(b, auxLoc(loc, what), "Where", type, {c, x, y})
          ->getResult(0);
    };
    auto countOf = [&](StringRef what, Value mask, ArrayRef<int64_t> axes,
                       Type type) {
      Value n = castTo(b, auxLoc(loc, what), mask, i64);
      return reduce(b, auxLoc(loc, what), opset, "ReduceSum", n, axes,
                    /*keepDims=*/false, type);
    };

    Value bx = squeeze(b, auxLoc(loc, "boxes_one_image"), opset, boxes, {0});
    Value sc = squeeze(b, auxLoc(loc, "scores_one_image"), opset, scores, {0});
    auto cm = t({numClasses, dyn}, f32);
    Value lowest = fconst("lowest", -FLT_MAX);

    // Candidates: above score_threshold, not background, best nms_top_k.
    Value above =
        bin("above", "Greater", sc,
            fconst("score_threshold", op.getScoreThreshold().convertToFloat()),
            t({numClasses, dyn}, i1));
    int64_t background = op.getBackgroundLabel();
    if (background >= 0 && background < numClasses) {
      SmallVector<bool> fg(numClasses, true);
      fg[background] = false;
      above = bin("foreground", "And", above,
                  constFromAttr(b, auxLoc(loc, "foreground_classes"),
                                DenseElementsAttr::get(t({numClasses, 1}, i1),
                                                       ArrayRef(fg))),
                  t({numClasses, dyn}, i1));
    }
    Value count = countOf("candidates", above, {1}, t({numClasses}, i64));
    if (nmsTopK > -1)
      count = minI64(b, auxLoc(loc, "candidates"), count,
                     constI64(b, auxLoc(loc, "nms_top_k"), {nmsTopK}));
    Value k = reduce(b, auxLoc(loc, "k"), opset, "ReduceMax", count, {},
                     /*keepDims=*/true, t({1}, i64));
    Operation *top = createOnnxOp(
        b, auxLoc(loc, "sorted"), "TopK", {cm, t({numClasses, dyn}, i64)},
        {where("candidate_scores", above, sc, lowest, cm), k},
        {b.getNamedAttr("axis", b.getI64IntegerAttr(1)),
         b.getNamedAttr("largest", b.getI64IntegerAttr(1)),
         b.getNamedAttr("sorted", b.getI64IntegerAttr(1))});
    Value vals = top->getResult(0), idx = top->getResult(1);
    Value rank =
        createOnnxOp(b, auxLoc(loc, "rank"), "Range", t({dyn}, i64),
                     {constI64(b, auxLoc(loc, "zero"), {0}, true),
                      reshapeTo(b, auxLoc(loc, "k_scalar"), k, {}, t({}, i64)),
                      constI64(b, auxLoc(loc, "one"), {1}, true)})
            ->getResult(0);
    Value valid = bin("valid", "Less",
                      unsqueeze(b, auxLoc(loc, "rank_row"), opset, rank, {0}),
                      unsqueeze(b, auxLoc(loc, "count_col"), opset, count, {1}),
                      t({numClasses, dyn}, i1));

    // IoU of candidates i (rows) and j (columns), as Paddle's JaccardOverlap.
    Value cand = createOnnxOp(b, auxLoc(loc, "candidate_boxes"), "Gather",
                              t({numClasses, dyn, 4}, f32), {bx, idx},
                              {b.getNamedAttr("axis", b.getI64IntegerAttr(0))})
                     ->getResult(0);
    auto colT = t({numClasses, dyn, 1}, f32),
         rowT = t({numClasses, 1, dyn}, f32);
    auto sq = t({numClasses, dyn, dyn}, f32),
         sqB = t({numClasses, dyn, dyn}, i1);
    Value ci[4], cj[4];
    const char *names[4] = {"x1", "y1", "x2", "y2"};
    for (int c = 0; c < 4; ++c) {
      ci[c] = sliceConst(b, auxLoc(loc, names[c]), opset, cand, {c}, {c + 1},
                         {2}, {1}, colT);
      cj[c] = transpose(b, auxLoc(loc, names[c]), ci[c], {0, 2, 1}, rowT);
    }
    Value disjoint =
        bin("disjoint", "Or",
            bin("disjoint", "Or", bin("disjoint", "Greater", cj[0], ci[2], sqB),
                bin("disjoint", "Less", cj[2], ci[0], sqB), sqB),
            bin("disjoint", "Or", bin("disjoint", "Greater", cj[1], ci[3], sqB),
                bin("disjoint", "Less", cj[3], ci[1], sqB), sqB),
            sqB);
    Value normV = fconst("norm", norm);
    auto side = [&](StringRef what, Value lo1, Value lo2, Value hi1,
                    Value hi2) {
      Value v = bin(what, "Sub", bin(what, "Min", hi1, hi2, sq),
                    bin(what, "Max", lo1, lo2, sq), sq);
      return norm != 0 ? bin(what, "Add", v, normV, sq) : v;
    };
    Value inter =
        bin("inter", "Mul", side("inter_w", ci[0], cj[0], ci[2], cj[2]),
            side("inter_h", ci[1], cj[1], ci[3], cj[3]), sq);
    auto area = [&](StringRef what, Value x1, Value y1, Value x2, Value y2,
                    Type type) {
      Type boolType = withElementType(type, i1);
      Value w = bin(what, "Sub", x2, x1, type),
            h = bin(what, "Sub", y2, y1, type);
      if (norm != 0) {
        w = bin(what, "Add", w, normV, type);
        h = bin(what, "Add", h, normV, type);
      }
      Value invalid = bin(what, "Or", bin(what, "Less", x2, x1, boolType),
                          bin(what, "Less", y2, y1, boolType), boolType);
      return where(what, invalid, fconst("zero", 0.0f),
                   bin(what, "Mul", w, h, type), type);
    };
    Value areaI = area("area_i", ci[0], ci[1], ci[2], ci[3], colT);
    Value areaJ = area("area_j", cj[0], cj[1], cj[2], cj[3], rowT);
    Value iou = bin(
        "iou", "Div", inter,
        bin("union", "Sub", bin("union", "Add", areaI, areaJ, sq), inter, sq),
        sq);
    iou = where("iou", disjoint, fconst("zero", 0.0f), iou, sq);

    // j < i; max IoU of each candidate with the better ones.
    Value earlier = bin("earlier", "Less",
                        reshapeTo(b, auxLoc(loc, "rank_j"), rank, {1, 1, -1},
                                  t({1, 1, dyn}, i64)),
                        reshapeTo(b, auxLoc(loc, "rank_i"), rank, {1, -1, 1},
                                  t({1, dyn, 1}, i64)),
                        t({1, dyn, dyn}, i1));
    Value zero = fconst("zero", 0.0f), one = fconst("one", 1.0f);
    Value maxIou = reduce(b, auxLoc(loc, "max_iou"), opset, "ReduceMax",
                          where("iou_earlier", earlier, iou, zero, sq), {2},
                          /*keepDims=*/false, cm);
    Value maxJ =
        unsqueeze(b, auxLoc(loc, "max_iou_j"), opset, maxIou, {1}, rowT);
    Value decay;
    if (op.getUseGaussian()) {
      Value d = bin("decay", "Sub", bin("decay", "Mul", maxJ, maxJ, rowT),
                    bin("decay", "Mul", iou, iou, sq), sq);
      d = bin("decay", "Mul", d,
              fconst("sigma", op.getGaussianSigma().convertToFloat()), sq);
      decay = unary(b, auxLoc(loc, "decay"), "Exp", d);
    } else {
      decay = bin("decay", "Div", bin("decay", "Sub", one, iou, sq),
                  bin("decay", "Sub", one, maxJ, rowT), sq);
    }
    Value minDecay = reduce(b, auxLoc(loc, "min_decay"), opset, "ReduceMin",
                            where("decay_earlier", earlier, decay, one, sq),
                            {2}, /*keepDims=*/false, cm);
    Value decayed = bin("decayed", "Mul", minDecay, vals, cm);
    Value keep = bin(
        "keep", "And", valid,
        bin("keep", "Greater", decayed,
            fconst("post_threshold", op.getPostThreshold().convertToFloat()),
            t({numClasses, dyn}, i1)),
        t({numClasses, dyn}, i1));

    // The best keep_top_k of all classes.
    Value flat = reshapeTo(b, auxLoc(loc, "all_scores"),
                           where("kept_scores", keep, decayed, lowest, cm),
                           {-1}, t({dyn}, f32));
    Value numDet = reshapeTo(b, auxLoc(loc, "num_det"),
                             countOf("num_det", keep, {0, 1}, t({}, i64)), {1},
                             t({1}, i64));
    if (keepTopK > -1)
      numDet = minI64(b, auxLoc(loc, "num_det"), numDet,
                      constI64(b, auxLoc(loc, "keep_top_k"), {keepTopK}));
    Operation *best =
        createOnnxOp(b, auxLoc(loc, "best"), "TopK",
                     {t({dyn}, f32), t({dyn}, i64)}, {flat, numDet},
                     {b.getNamedAttr("axis", b.getI64IntegerAttr(0)),
                      b.getNamedAttr("largest", b.getI64IntegerAttr(1)),
                      b.getNamedAttr("sorted", b.getI64IntegerAttr(1))});
    Value bestScore = best->getResult(0), bestPos = best->getResult(1);
    Value label = bin("label", "Div", bestPos, k, t({dyn}, i64));
    Value boxIdx =
        createOnnxOp(
            b, auxLoc(loc, "box_index"), "Gather", t({dyn}, i64),
            {reshapeTo(b, auxLoc(loc, "all_indices"), idx, {-1}, t({dyn}, i64)),
             bestPos},
            {b.getNamedAttr("axis", b.getI64IntegerAttr(0))})
            ->getResult(0);
    auto col = [&](StringRef what, Value v, Type e) {
      return unsqueeze(b, auxLoc(loc, what), opset, v, {1}, t({dyn, 1}, e));
    };
    Value selBoxes =
        createOnnxOp(b, auxLoc(loc, "selected_boxes"), "Gather",
                     t({dyn, 4}, f32), {bx, boxIdx},
                     {b.getNamedAttr("axis", b.getI64IntegerAttr(0))})
            ->getResult(0);
    Value out = concat(
        b, resultLoc(op, 0),
        {col("label", castTo(b, auxLoc(loc, "label_f32"), label, f32), f32),
         col("score", bestScore, f32), selBoxes},
        1, op.getOut().getType());
    Value index = castTo(b, resultLoc(op, 1), col("index", boxIdx, i64),
                         getElementType(op.getIndex()));
    SmallVector<Value> results{out, index};
    if (Value roisNum = op.getRoisNum())
      results.push_back(
          castTo(b, resultLoc(op, 2), numDet, getElementType(roisNum)));
    // The replacements take the pd results' types: the importer may give
    // Out and Index the static shapes of their variables' descs.
    for (auto [v, r] : llvm::zip(results, op->getResults()))
      if (v.getType() != r.getType())
        v.setType(r.getType());
    b.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxDetectionPatterns(RewritePatternSet &patterns,
                                                  PdToOnnxState &state) {
  patterns.add<PriorBoxToOnnx, YoloBoxToOnnx, MulticlassNms3ToOnnx,
               MatrixNmsToOnnx>(patterns.getContext(), state);
}
