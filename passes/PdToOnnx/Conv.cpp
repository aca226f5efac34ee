//===- Conv.cpp - pd to onnx: convolutions and pooling
//---------------------===//
//
// conv2d, depthwise_conv2d, conv3d, conv2d_transpose, deformable_conv and
// pool2d. Paddle's windows follow UpdatePaddingAndDilation (conv) and
// UpdatePadding (pool) in paddle/phi/kernels/funcs: paddings of one value
// per spatial dim or a [begin, end] pair per dim; SAME pads to an output of
// ceil(in / stride) with the odd element at the end and dilation 1; VALID
// pads nothing. Channels-last layouts are transposed around the op.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/NNUtils.h"

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::nn;

namespace {

NamedAttribute i64s(OpBuilder &b, StringRef name, ArrayRef<int64_t> v) {
  return b.getNamedAttr(name, b.getDenseI64ArrayAttr(v));
}

/// conv2d, depthwise_conv2d, conv3d.
template <typename OpTy> struct ConvLowering final : PdToOnnxPattern<OpTy> {
  using PdToOnnxPattern<OpTy>::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename PdToOnnxPattern<OpTy>::OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getInput(), w = adaptor.getFilter();
    int64_t rank = getRank(x);
    int64_t n = rank - 2;
    if (n < 1 || getRank(w) != rank)
      return this->unsupported(op, "expects input and filter of equal rank");
    StringRef format = op.getDataFormat();
    bool channelsLast = isChannelsLast(format);
    auto kernel = staticDims(w, 2, rank);
    if (!kernel)
      return this->unsupported(op, "a filter with dynamic spatial dims is "
                                   "not supported");
    SmallVector<int64_t> strides(op.getStrides());
    SmallVector<int64_t> dilations(op.getDilations());
    if (static_cast<int64_t>(strides.size()) != n ||
        static_cast<int64_t>(dilations.size()) != n)
      return this->unsupported(op, "expects one stride and dilation per "
                                   "spatial dim");
    auto pads = onnxPads(op.getPaddings(), n);
    if (!pads)
      return this->unsupported(op, "expects " + std::to_string(n) + " or " +
                                       std::to_string(2 * n) + " paddings");
    std::optional<StringRef> autoPad;
    StringRef algorithm = op.getPaddingAlgorithm();
    if (algorithm == "VALID") {
      pads->assign(2 * n, 0);
    } else if (algorithm == "SAME") {
      dilations.assign(n, 1);
      int64_t first = channelsLast ? 1 : 2;
      if (auto in = staticDims(x, first, first + n)) {
        for (int64_t i = 0; i < n; ++i)
          std::tie((*pads)[i], (*pads)[n + i]) =
              samePadding((*in)[i], strides[i], (*kernel)[i]);
      } else {
        autoPad = "SAME_UPPER";
      }
    }
    Location loc = op.getLoc();
    SmallVector<NamedAttribute> attrs{
        i64s(rewriter, "dilations", dilations),
        rewriter.getNamedAttr(
            "group",
            rewriter.getI64IntegerAttr(static_cast<int64_t>(op.getGroups()))),
        i64s(rewriter, "kernel_shape", *kernel),
        i64s(rewriter, "strides", strides)};
    if (autoPad)
      attrs.push_back(
          rewriter.getNamedAttr("auto_pad", rewriter.getStringAttr(*autoPad)));
    else
      attrs.push_back(i64s(rewriter, "pads", *pads));
    Value out =
        withLayout(rewriter, loc, channelsLast, x, op.getType(),
                   [&](Value in, Type t, Location l) {
                     return createOnnxOp(rewriter, l, "Conv", t,
                                         {in, w, noValue(rewriter, l)}, attrs)
                         ->getResult(0);
                   });
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// conv2d_transpose: ONNX's ConvTranspose has Paddle's filter layout
/// [C_in, C_out / groups, kh, kw] and output size formula; output_size
/// becomes the output_padding that reaches it.
struct ConvTransposeLowering final : PdToOnnxPattern<pd::Conv2dTransposeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::Conv2dTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getInput(), w = adaptor.getFilter();
    const int64_t n = 2;
    bool channelsLast = isChannelsLast(op.getDataFormat());
    auto kernel = staticDims(w, 2, 4);
    if (!kernel)
      return unsupported(op, "a filter with dynamic spatial dims is not "
                             "supported");
    SmallVector<int64_t> strides(op.getStrides());
    SmallVector<int64_t> dilations(op.getDilations());
    auto pads = onnxPads(op.getPaddings(), n);
    if (!pads)
      return unsupported(op, "expects 2 or 4 paddings");
    int64_t first = channelsLast ? 1 : 2;
    auto in = staticDims(x, first, first + n);
    StringRef algorithm = op.getPaddingAlgorithm();
    if (algorithm == "VALID") {
      pads->assign(2 * n, 0);
    } else if (algorithm == "SAME") {
      // Paddle pads as a forward convolution of the input would.
      if (!in)
        return unsupported(op, "SAME padding needs static spatial input "
                               "dims");
      dilations.assign(n, 1);
      for (int64_t i = 0; i < n; ++i)
        std::tie((*pads)[i], (*pads)[n + i]) =
            samePadding((*in)[i], strides[i], (*kernel)[i]);
    }
    SmallVector<int64_t> outputPadding(op.getOutputPadding());
    ArrayRef<int64_t> outputSize = op.getOutputSize();
    if (!outputPadding.empty() &&
        static_cast<int64_t>(outputPadding.size()) != n)
      return unsupported(op, "expects 2 output_padding values");
    if (outputPadding.empty() && !outputSize.empty()) {
      if (static_cast<int64_t>(outputSize.size()) != n)
        return unsupported(op, "expects 2 output_size values");
      if (!in)
        return unsupported(op, "output_size needs static spatial input dims");
      for (int64_t i = 0; i < n; ++i) {
        int64_t inferred = (in->begin()[i] - 1) * strides[i] - (*pads)[i] -
                           (*pads)[n + i] + dilations[i] * ((*kernel)[i] - 1) +
                           1;
        int64_t extra = outputSize[i] - inferred;
        if (extra < 0 || extra >= std::max(strides[i], dilations[i]))
          return unsupported(op, "output_size " +
                                     std::to_string(outputSize[i]) +
                                     " is out of reach (inferred " +
                                     std::to_string(inferred) + ")");
        outputPadding.push_back(extra);
      }
    }
    Location loc = op.getLoc();
    SmallVector<NamedAttribute> attrs{
        i64s(rewriter, "dilations", dilations),
        rewriter.getNamedAttr(
            "group",
            rewriter.getI64IntegerAttr(static_cast<int64_t>(op.getGroups()))),
        i64s(rewriter, "kernel_shape", *kernel), i64s(rewriter, "pads", *pads),
        i64s(rewriter, "strides", strides)};
    if (llvm::any_of(outputPadding, [](int64_t p) { return p != 0; }))
      attrs.push_back(i64s(rewriter, "output_padding", outputPadding));
    Value out =
        withLayout(rewriter, loc, channelsLast, x, op.getType(),
                   [&](Value in, Type t, Location l) {
                     return createOnnxOp(rewriter, l, "ConvTranspose", t,
                                         {in, w, noValue(rewriter, l)}, attrs)
                         ->getResult(0);
                   });
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// deformable_conv (v2, with mask): DeformConv, from opset 19. Offsets are
/// (h, w) pairs per kernel position in both.
struct DeformableConvLowering final : PdToOnnxPattern<pd::DeformableConvOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::DeformableConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 19)
      return needsOpset(op, 19);
    Value w = adaptor.getFilter();
    if (getRank(adaptor.getInput()) != 4 || getRank(w) != 4)
      return unsupported(op, "expects 4-D input and filter");
    auto kernel = staticDims(w, 2, 4);
    if (!kernel)
      return unsupported(op, "a filter with dynamic spatial dims is not "
                             "supported");
    auto pads = onnxPads(op.getPaddings(), 2);
    if (!pads || op.getStrides().size() != 2 || op.getDilations().size() != 2)
      return unsupported(op, "expects 2 strides, dilations and paddings");
    Location loc = op.getLoc();
    SmallVector<NamedAttribute> attrs{
        i64s(rewriter, "dilations", op.getDilations()),
        rewriter.getNamedAttr(
            "group",
            rewriter.getI64IntegerAttr(static_cast<int64_t>(op.getGroups()))),
        i64s(rewriter, "kernel_shape", *kernel),
        rewriter.getNamedAttr("offset_group",
                              rewriter.getI64IntegerAttr(static_cast<int64_t>(
                                  op.getDeformableGroups()))),
        i64s(rewriter, "pads", *pads),
        i64s(rewriter, "strides", op.getStrides())};
    rewriter.replaceOp(op,
                       createOnnxOp(rewriter, loc, "DeformConv", op.getType(),
                                    {adaptor.getInput(), w, adaptor.getOffset(),
                                     noValue(rewriter, loc), adaptor.getMask()},
                                    attrs)
                           ->getResult(0));
    return success();
  }
};

/// Adaptive average pooling of a channels-first or channels-last 4-D `x`
/// with static spatial dims `in` to `out`, for sizes that do not divide:
/// Paddle's bin i of a dim covers [floor(i * in / out), ceil((i + 1) * in /
/// out)), and a mean over a rectangle is the mean over rows of the means
/// over columns, so the op is two MatMuls with averaging matrices.
Value adaptiveAvgByMatMul(OpBuilder &b, Location loc, Value x,
                          ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                          bool channelsLast, Type resultType) {
  auto et = cast<FloatType>(getElementType(x));
  // [out, in] averaging matrix (transposed when `transposed`).
  auto matrix = [&](int64_t inSize, int64_t outSize, bool transposed,
                    StringRef what) -> Value {
    SmallVector<int64_t> shape = transposed
                                     ? SmallVector<int64_t>{inSize, outSize}
                                     : SmallVector<int64_t>{outSize, inSize};
    SmallVector<APFloat> values(inSize * outSize, APFloat(0.0));
    for (int64_t o = 0; o < outSize; ++o) {
      int64_t start = o * inSize / outSize;
      int64_t end = ((o + 1) * inSize + outSize - 1) / outSize;
      for (int64_t i = start; i < end; ++i)
        values[transposed ? i * outSize + o : o * inSize + i] =
            APFloat(1.0 / static_cast<double>(end - start));
    }
    for (APFloat &v : values) {
      bool lost = false;
      v.convert(et.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    }
    return constFromAttr(
        b, auxLoc(loc, what),
        DenseFPElementsAttr::get(RankedTensorType::get(shape, et), values));
  };
  return withLayout(
      b, loc, channelsLast, x, resultType,
      [&](Value v, Type t, Location l) -> Value {
        auto vt = cast<RankedTensorType>(v.getType());
        // Columns: [N, C, H, W] x [W, out_w].
        SmallVector<int64_t> midShape(vt.getShape());
        midShape[3] = out[1];
        Value cols = matrix(in[1], out[1], /*transposed=*/true, "avg_w");
        Value mid = createOnnxOp(b, auxLoc(l, "pool_w"), "MatMul",
                                 RankedTensorType::get(midShape, et), {v, cols})
                        ->getResult(0);
        // Rows: [out_h, H] x [N, C, H, out_w].
        Value rows = matrix(in[0], out[0], /*transposed=*/false, "avg_h");
        return createOnnxOp(b, l, "MatMul", t, {rows, mid})->getResult(0);
      });
}

/// Adaptive max pooling for sizes that do not divide: per dim, the maximum
/// of each of Paddle's bins (a Slice and a ReduceMax), concatenated.
Value adaptiveMaxBySlices(OpBuilder &b, Location loc, int64_t opset, Value x,
                          ArrayRef<int64_t> in, ArrayRef<int64_t> out,
                          bool channelsLast, Type resultType) {
  return withLayout(
      b, loc, channelsLast, x, resultType,
      [&](Value v, Type t, Location l) -> Value {
        for (int64_t d = 0; d < 2; ++d) {
          int64_t axis = 2 + d;
          if (in[d] == out[d])
            continue;
          auto vt = cast<RankedTensorType>(v.getType());
          SmallVector<int64_t> binShape(vt.getShape());
          binShape[axis] = 1;
          auto binType = RankedTensorType::get(binShape, vt.getElementType());
          SmallVector<Value> bins;
          for (int64_t o = 0; o < out[d]; ++o) {
            int64_t start = o * in[d] / out[d];
            int64_t end = ((o + 1) * in[d] + out[d] - 1) / out[d];
            Location bl =
                auxLoc(l, (d ? "bin_w" : "bin_h") + std::to_string(o));
            SmallVector<int64_t> sliceShape(vt.getShape());
            sliceShape[axis] = end - start;
            Value slice = sliceConst(
                b, bl, opset, v, {start}, {end}, {axis}, {1},
                RankedTensorType::get(sliceShape, vt.getElementType()));
            bins.push_back(reduce(b, auxLoc(bl, "max"), opset, "ReduceMax",
                                  slice, {axis}, /*keepDims=*/true, binType));
          }
          SmallVector<int64_t> outShape(vt.getShape());
          outShape[axis] = out[d];
          bool last = d == 1 || in[1] == out[1];
          v = concat(b, last ? l : auxLoc(l, "pool_h"), bins, axis,
                     last ? t
                          : Type(RankedTensorType::get(outShape,
                                                       vt.getElementType())));
        }
        return v;
      });
}

/// pool2d: max or avg. Global pooling and adaptive pooling to 1x1 become
/// GlobalMaxPool/GlobalAveragePool; other adaptive pooling converts where
/// the output size divides the input size (Paddle's bins are then the
/// windows of kernel = stride = in / out), to other sizes through
/// adaptiveAvgByMatMul and adaptiveMaxBySlices. Paddle's exclusive is ONNX's
/// count_include_pad = 0.
struct Pool2dLowering final : PdToOnnxPattern<pd::Pool2dOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::Pool2dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    const int64_t n = 2;
    if (getRank(x) != 4)
      return unsupported(op, "expects a 4-D input");
    bool channelsLast = isChannelsLast(op.getDataFormat());
    bool isMax = op.getPoolingType() == "max";
    if (!isMax && op.getPoolingType() != "avg")
      return unsupported(op, "pooling_type '" + op.getPoolingType() +
                                 "' is not supported");
    int64_t first = channelsLast ? 1 : 2;
    auto in = staticDims(x, first, first + n);
    SmallVector<int64_t> ksize(op.getKsize());
    Location loc = op.getLoc();

    bool global = op.getGlobalPooling() ||
                  (op.getAdaptive() &&
                   llvm::all_of(ksize, [](int64_t k) { return k == 1; }));
    if (global) {
      Value out = withLayout(rewriter, loc, channelsLast, x, op.getType(),
                             [&](Value v, Type t, Location l) {
                               return createOnnxOp(rewriter, l,
                                                   isMax ? "GlobalMaxPool"
                                                         : "GlobalAveragePool",
                                                   t, v)
                                   ->getResult(0);
                             });
      rewriter.replaceOp(op, out);
      return success();
    }

    SmallVector<int64_t> strides(op.getStrides());
    SmallVector<int64_t> pads(2 * n, 0);
    bool ceil = op.getCeilMode();
    std::optional<StringRef> autoPad;
    if (op.getAdaptive()) {
      if (!in)
        return unsupported(op, "adaptive pooling needs static spatial dims");
      if (llvm::any_of(ksize, [](int64_t k) { return k <= 0; }))
        return unsupported(op, "adaptive pooling needs positive output sizes");
      bool divisible = true;
      for (int64_t i = 0; i < n; ++i)
        divisible &= (*in)[i] % ksize[i] == 0;
      if (!divisible) {
        Value out = isMax
                        ? adaptiveMaxBySlices(rewriter, loc, opset(), x, *in,
                                              ksize, channelsLast, op.getType())
                        : adaptiveAvgByMatMul(rewriter, loc, x, *in, ksize,
                                              channelsLast, op.getType());
        rewriter.replaceOp(op, out);
        return success();
      }
      for (int64_t i = 0; i < n; ++i)
        ksize[i] = strides[i] = (*in)[i] / ksize[i];
      ceil = false;
    } else {
      auto p = onnxPads(op.getPaddings(), n);
      if (!p)
        return unsupported(op, "expects 2 or 4 paddings");
      pads = *p;
      StringRef algorithm = op.getPaddingAlgorithm();
      if (algorithm == "VALID") {
        pads.assign(2 * n, 0);
      } else if (algorithm == "SAME") {
        if (in) {
          for (int64_t i = 0; i < n; ++i)
            std::tie(pads[i], pads[n + i]) =
                samePadding((*in)[i], strides[i], ksize[i]);
        } else {
          autoPad = "SAME_UPPER";
        }
      }
    }
    // Before opset 10 there is no ceil_mode: with static dims, padding the
    // end by what the last, partial window needs gives the same windows for
    // max pooling and for exclusive average pooling.
    if (ceil && opset() < 10) {
      if (!in || autoPad || (!isMax && !op.getExclusive()))
        return needsOpset(op, 10);
      for (int64_t i = 0; i < n; ++i) {
        int64_t span = (*in)[i] + pads[i] + pads[n + i] - ksize[i];
        int64_t outCeil = (span + strides[i] - 1) / strides[i] + 1;
        int64_t need = (outCeil - 1) * strides[i] + ksize[i] -
                       ((*in)[i] + pads[i] + pads[n + i]);
        pads[n + i] += std::max<int64_t>(need, 0);
      }
      ceil = false;
    }

    SmallVector<NamedAttribute> attrs{i64s(rewriter, "kernel_shape", ksize),
                                      i64s(rewriter, "strides", strides)};
    if (autoPad)
      attrs.push_back(
          rewriter.getNamedAttr("auto_pad", rewriter.getStringAttr(*autoPad)));
    else
      attrs.push_back(i64s(rewriter, "pads", pads));
    if (ceil)
      attrs.push_back(
          rewriter.getNamedAttr("ceil_mode", rewriter.getI64IntegerAttr(1)));
    if (!isMax)
      attrs.push_back(rewriter.getNamedAttr(
          "count_include_pad",
          rewriter.getI64IntegerAttr(op.getExclusive() ? 0 : 1)));
    Value out = withLayout(
        rewriter, loc, channelsLast, x, op.getType(),
        [&](Value v, Type t, Location l) -> Value {
          if (isMax)
            return createOnnxOp(rewriter, l, "MaxPool",
                                {t, rewriter.getNoneType()}, v, attrs)
                ->getResult(0);
          return createOnnxOp(rewriter, l, "AveragePool", t, v, attrs)
              ->getResult(0);
        });
    rewriter.replaceOp(op, out);
    return success();
  }
};

} // namespace

void nn::populateConvPatterns(RewritePatternSet &patterns,
                              PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ConvLowering<pd::Conv2dOp>, ConvLowering<pd::DepthwiseConv2dOp>,
               ConvLowering<pd::Conv3dOp>, ConvTransposeLowering,
               DeformableConvLowering, Pool2dLowering>(ctx, state);
}
