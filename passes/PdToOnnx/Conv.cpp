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

#include <type_traits>

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

/// A constant of float type `et` and `shape` holding `values`.
Value floatConst(OpBuilder &b, Location loc, FloatType et,
                 ArrayRef<int64_t> shape, ArrayRef<double> values) {
  SmallVector<APFloat> v;
  v.reserve(values.size());
  for (double d : values) {
    APFloat f(d);
    bool lost = false;
    f.convert(et.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    v.push_back(f);
  }
  return constFromAttr(
      b, loc, DenseFPElementsAttr::get(RankedTensorType::get(shape, et), v));
}

/// deformable_conv as ops every opset from 11 has. Paddle's kernel
/// (deformable_conv_functor) samples, for output pixel (ho, wo), kernel
/// position k = (i, j) and deformable group d, the input channels of d at
///   y = ho * stride_h - pad_h + i * dilation_h + offset[n, (d*K + k)*2, ho, wo]
///   x = wo * stride_w - pad_w + j * dilation_w + offset[.. + 1, ..]
/// bilinearly, with the corners outside the image read as zero (and the
/// whole sample zero unless -1 < y < H and -1 < x < W, which the corner
/// weights already give), times mask[n, d*K + k, ho, wo]; the result is a
/// grouped convolution of these samples with the filter.
///
/// All samples at once: the four corners of every (n, ho*wo, k, d) sample
/// are rows of the input laid out as [N * dg * H * W, C / dg], read by one
/// Gather; their weights (bilinear, zero for corners outside the image,
/// times the mask) multiply them and a ReduceSum over the corners gives the
/// columns [N, Ho*Wo, K, C], which one MatMul with the filter (per group)
/// turns into the output. Needs static C, H, W, Ho and Wo; the batch may be
/// dynamic.
template <typename OpTy>
FailureOr<Value> decomposeDeformableConv(OpBuilder &b, Location loc,
                                         OpTy op, Value x,
                                         Value offset, Value filter,
                                         Value mask, int64_t opset,
                                         std::string &why) {
  auto et = dyn_cast<FloatType>(getElementType(x));
  auto in = staticDims(x, 1, 4);
  auto outType = dyn_cast<RankedTensorType>(op.getType());
  auto fdims = staticDims(filter, 0, 4);
  if (!et || !in || !outType || outType.getRank() != 4 || !fdims ||
      !staticDims(op.getResult(), 1, 4)) {
    why = "the decomposition needs static channels, spatial dims and filter "
          "(use deform-conv=native, opset 19)";
    return failure();
  }
  int64_t c = (*in)[0], h = (*in)[1], w = (*in)[2];
  int64_t ho = outType.getDimSize(2), wo = outType.getDimSize(3);
  int64_t cout = (*fdims)[0], cgc = (*fdims)[1], kh = (*fdims)[2],
          kw = (*fdims)[3];
  int64_t k = kh * kw, l = ho * wo;
  int64_t dg = static_cast<int64_t>(op.getDeformableGroups());
  int64_t g = static_cast<int64_t>(op.getGroups());
  if (dg < 1 || g < 1 || c % dg || c % g || cout % g || c / g != cgc) {
    why = "channels " + std::to_string(c) + " do not split into " +
          std::to_string(g) + " groups of the filter's " +
          std::to_string(cgc) + " and " + std::to_string(dg) +
          " deformable groups";
    return failure();
  }
  auto pads = onnxPads(op.getPaddings(), 2);
  ArrayRef<int64_t> strides = op.getStrides(), dil = op.getDilations();
  int64_t cg = c / dg;
  int64_t n = cast<ShapedType>(x.getType()).getDimSize(0);
  auto f = [&](ArrayRef<int64_t> s) { return RankedTensorType::get(s, et); };
  auto i64 = b.getI64Type();
  auto ti = [&](ArrayRef<int64_t> s) { return RankedTensorType::get(s, i64); };
  auto i1 = [&](ArrayRef<int64_t> s) {
    return RankedTensorType::get(s, b.getI1Type());
  };
  auto aux = [&](StringRef what) { return auxLoc(loc, what); };

  // Sampling positions without offsets, [1, 1, L, K, 1].
  SmallVector<double> baseY, baseX;
  for (int64_t oy = 0; oy < ho; ++oy)
    for (int64_t ox = 0; ox < wo; ++ox)
      for (int64_t i = 0; i < kh; ++i)
        for (int64_t j = 0; j < kw; ++j) {
          baseY.push_back(oy * strides[0] - (*pads)[0] + i * dil[0]);
          baseX.push_back(ox * strides[1] - (*pads)[1] + j * dil[1]);
        }
  // Offsets [N, dg*K*2, Ho, Wo] -> [2, N, L, K, dg], split into dy, dx.
  Value off = reshapeTo(b, aux("offset_groups"), offset, {0, dg, k, 2, l},
                        f({n, dg, k, 2, l}));
  off = transpose(b, aux("offset_yx"), off, {3, 0, 4, 2, 1});
  SmallVector<Value> dyx = splitInto(b, aux("offset_split"), opset, off, 0,
                                     {1, 1}, {f({1, n, l, k, dg}),
                                              f({1, n, l, k, dg})});
  SmallVector<int64_t> s1 = {1, n, l, k, dg}, s4 = {4, n, l, k, dg};
  Value y = binary(b, aux("y"), "Add",
                   floatConst(b, aux("base_y"), et, {1, 1, l, k, 1}, baseY),
                   dyx[0], f(s1));
  Value xs = binary(b, aux("x"), "Add",
                    floatConst(b, aux("base_x"), et, {1, 1, l, k, 1}, baseX),
                    dyx[1], f(s1));
  // The four corners, [4, N, L, K, dg]: (y0, x0), (y0, x0+1), (y0+1, x0),
  // (y0+1, x0+1), each weighted by 1 - |corner - position| per axis.
  auto corners = [&](Value v, ArrayRef<double> steps, StringRef what,
                     double hi, Value &weight, Value &valid) -> Value {
    Value fl = createOnnxOp(b, aux((what + "_floor").str()), "Floor", f(s1), v)
                   ->getResult(0);
    Value cv = binary(b, aux((what + "_corners").str()), "Add", fl,
                      floatConst(b, aux((what + "_steps").str()), et,
                                 {4, 1, 1, 1, 1}, steps),
                      f(s4));
    Value dist = createOnnxOp(
                     b, aux((what + "_dist").str()), "Abs", f(s4),
                     binary(b, aux((what + "_diff").str()), "Sub", cv, v,
                            f(s4)))
                     ->getResult(0);
    weight = binary(b, aux((what + "_weight").str()), "Sub",
                    floatConst(b, aux("one"), et, {}, {1.0}), dist, f(s4));
    Value clamped = clip(b, aux((what + "_clamped").str()), opset, cv, 0.0,
                         hi, f(s4));
    valid = binary(b, aux((what + "_inside").str()), "Equal", clamped, cv,
                   i1(s4));
    return castTo(b, aux((what + "_index").str()), clamped, i64);
  };
  Value wy, wx, vy, vx;
  Value iy = corners(y, {0, 0, 1, 1}, "y", static_cast<double>(h - 1), wy, vy);
  Value ix = corners(xs, {0, 1, 0, 1}, "x", static_cast<double>(w - 1), wx, vx);
  Value inside = binary(b, aux("inside"), "And", vy, vx, i1(s4));
  Value weight = binary(b, aux("bilinear"), "Mul", wy, wx, f(s4));
  weight = binary(b, aux("bilinear_inside"), "Mul", weight,
                  castTo(b, aux("inside_f"), inside, et), f(s4));
  if (mask) {
    // [N, dg*K, Ho, Wo] -> [N, L, K, dg].
    Value m = reshapeTo(b, aux("mask_groups"), mask, {0, dg, k, l},
                        f({n, dg, k, l}));
    m = transpose(b, aux("mask_t"), m, {0, 3, 2, 1});
    weight = binary(b, aux("weight"), "Mul", weight, m, f(s4));
  }
  // Row of each corner in the [N * dg * H * W, C / dg] table.
  Value index = binary(
      b, aux("pixel"), "Add",
      binary(b, aux("row"), "Mul", iy, constI64(b, aux("w"), {w}, true),
             ti(s4)),
      ix, ti(s4));
  Value image;
  if (n != ShapedType::kDynamic) {
    SmallVector<int64_t> base;
    for (int64_t bi = 0; bi < n * dg; ++bi)
      base.push_back(bi * h * w);
    image = constFromAttr(
        b, aux("image_base"),
        DenseIntElementsAttr::get(ti({1, n, 1, 1, dg}), ArrayRef(base)));
  } else {
    Value batch = createOnnxOp(b, aux("batch"), "Gather", ti({}),
                               {shapeOf(b, aux("shape"), x),
                                constI64(b, aux("zero"), {0}, true)},
                               {i64Attr(b, "axis", 0)})
                      ->getResult(0);
    Value nRange =
        createOnnxOp(b, aux("batches"), "Range", ti({n}),
                     {constI64(b, aux("start"), {0}, true), batch,
                      constI64(b, aux("one_i"), {1}, true)})
            ->getResult(0);
    Value nBase = binary(b, aux("batch_base"), "Mul", nRange,
                         constI64(b, aux("batch_stride"), {dg * h * w}, true),
                         ti({n}));
    nBase = reshapeTo(b, aux("batch_base_5d"), nBase, {1, -1, 1, 1, 1},
                      ti({1, n, 1, 1, 1}));
    SmallVector<int64_t> gBase;
    for (int64_t d = 0; d < dg; ++d)
      gBase.push_back(d * h * w);
    image = binary(b, aux("image_base"), "Add", nBase,
                   constI64(b, aux("group_base"), gBase), ti({1, n, 1, 1, dg}));
  }
  index = binary(b, aux("table_index"), "Add", index, image, ti(s4));
  // The table: [N, C, H, W] -> [N, dg, H*W, C/dg] -> [N*dg*H*W, C/dg].
  Value table = reshapeTo(b, aux("image_groups"), x, {0, dg, cg, h * w},
                          f({n, dg, cg, h * w}));
  table = transpose(b, aux("image_t"), table, {0, 1, 3, 2});
  table = reshapeTo(b, aux("table"), table, {-1, cg},
                    f({ShapedType::kDynamic, cg}));
  Value samples =
      createOnnxOp(b, aux("corners"), "Gather", f({4, n, l, k, dg, cg}),
                   {table, index}, {i64Attr(b, "axis", 0)})
          ->getResult(0);
  weight = unsqueeze(b, aux("weight_c"), opset, weight, {5},
                     f({4, n, l, k, dg, 1}));
  samples = binary(b, aux("weighted"), "Mul", samples, weight,
                   f({4, n, l, k, dg, cg}));
  Value cols = reduce(b, aux("sampled"), opset, "ReduceSum", samples, {0},
                      /*keepDims=*/false, f({n, l, k, dg, cg}));
  // Columns [N, g, L, K * C/g] times filter [g, K * C/g, Cout/g].
  int64_t coutg = cout / g;
  if (g > 1) {
    cols = reshapeTo(b, aux("cols_groups"), cols, {0, l, k, g, cgc},
                     f({n, l, k, g, cgc}));
    cols = transpose(b, aux("cols_t"), cols, {0, 3, 1, 2, 4});
  }
  cols = reshapeTo(b, aux("cols"), cols, {0, g, l, k * cgc},
                   f({n, g, l, k * cgc}));
  Value wm = reshapeTo(b, aux("filter_groups"), filter, {g, coutg, cgc, k},
                       f({g, coutg, cgc, k}));
  wm = transpose(b, aux("filter_t"), wm, {0, 3, 2, 1});
  wm = reshapeTo(b, aux("filter_matrix"), wm, {g, k * cgc, coutg},
                 f({g, k * cgc, coutg}));
  Value out = createOnnxOp(b, aux("matmul"), "MatMul", f({n, g, l, coutg}),
                           {cols, wm})
                  ->getResult(0);
  out = transpose(b, aux("out_t"), out, {0, 1, 3, 2});
  return reshapeTo(b, loc, out, {0, cout, ho, wo}, op.getType());
}

/// deformable_conv (v2, with mask) and deformable_conv_v1 (no mask). By
/// default decomposed (see decomposeDeformableConv); with
/// deform-conv=native DeformConv, from opset 19 (onnxruntime 1.20 has no
/// kernel for it). Offsets are (h, w) pairs per kernel position in both.
template <typename OpTy>
struct DeformableConvLowering final : PdToOnnxPattern<OpTy> {
  using PdToOnnxPattern<OpTy>::PdToOnnxPattern;
  using PdToOnnxPattern<OpTy>::unsupported;
  using PdToOnnxPattern<OpTy>::needsOpset;
  using PdToOnnxPattern<OpTy>::opset;
  using PdToOnnxPattern<OpTy>::state;
  LogicalResult
  matchAndRewrite(OpTy op, typename PdToOnnxPattern<OpTy>::OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value mask;
    if constexpr (std::is_same_v<OpTy, pd::DeformableConvOp>)
      mask = adaptor.getMask();
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
    if (!state.getNativeDeformConv()) {
      if (opset() < 11)
        return needsOpset(op, 11);
      std::string why;
      FailureOr<Value> out = decomposeDeformableConv(
          rewriter, loc, op, adaptor.getInput(), adaptor.getOffset(), w, mask,
          opset(), why);
      if (failed(out))
        return unsupported(op, why);
      rewriter.replaceOp(op, *out);
      return success();
    }
    if (opset() < 19)
      return needsOpset(op, 19);
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
                                     noValue(rewriter, loc),
                                     mask ? mask : noValue(rewriter, loc)},
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
    // int8 max pooling (pd-propagate-quant): MaxPool takes int8 from
    // opset 12; GlobalMaxPool and the adaptive forms take floats only.
    if (getElementType(x).isInteger(8)) {
      if (!isMax || global || op.getAdaptive())
        return unsupported(op, "int8 pooling is max pooling with a kernel");
      if (opset() < 12)
        return needsOpset(op, 12);
    }
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
               DeformableConvLowering<pd::DeformableConvOp>,
               DeformableConvLowering<pd::DeformableConvV1Op>, Pool2dLowering>(
      ctx, state);
}
