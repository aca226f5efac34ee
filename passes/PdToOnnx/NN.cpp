//===- NN.cpp - pd to onnx: NN family ----------------------------------===//
//
// softmax, log_softmax, the three matmuls, embedding, pixel_shuffle,
// grid_sample and rnn. Convolutions and pooling live in Conv.cpp, the
// normalizations in Norm.cpp; NNUtils.h holds what they share.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/NNUtils.h"

#include "llvm/ADT/STLExtras.h"

#include <numeric>

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::nn;

//===----------------------------------------------------------------------===//
// Shared helpers (NNUtils.h)
//===----------------------------------------------------------------------===//

SmallVector<int64_t> nn::toChannelsFirst(int64_t rank) {
  SmallVector<int64_t> perm{0, rank - 1};
  for (int64_t i = 1; i < rank - 1; ++i)
    perm.push_back(i);
  return perm;
}

SmallVector<int64_t> nn::toChannelsLast(int64_t rank) {
  return invertPermutation(toChannelsFirst(rank));
}

SmallVector<int64_t> nn::invertPermutation(ArrayRef<int64_t> perm) {
  SmallVector<int64_t> inv(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inv[p] = static_cast<int64_t>(i);
  return inv;
}

Type nn::permuteType(Type type, ArrayRef<int64_t> perm) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return type;
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(ranked.getDimSize(p));
  return RankedTensorType::get(shape, ranked.getElementType());
}

Value nn::transpose(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> perm,
                    Type resultType) {
  if (!resultType)
    resultType = permuteType(x.getType(), perm);
  return createOnnxOp(b, loc, "Transpose", resultType, x,
                      {b.getNamedAttr("perm", b.getDenseI64ArrayAttr(perm))})
      ->getResult(0);
}

std::optional<SmallVector<int64_t>> nn::staticDims(Value v, int64_t start,
                                                   int64_t end) {
  auto ranked = dyn_cast<RankedTensorType>(v.getType());
  if (!ranked)
    return std::nullopt;
  SmallVector<int64_t> dims;
  for (int64_t i = start; i < end; ++i) {
    if (ranked.isDynamicDim(i))
      return std::nullopt;
    dims.push_back(ranked.getDimSize(i));
  }
  return dims;
}

Value nn::shapeValue(OpBuilder &b, Location loc, Value x) {
  if (auto dims = staticDims(x, 0, getRank(x)))
    return constI64(b, auxLoc(loc, "shape"), *dims);
  return shapeOf(b, auxLoc(loc, "shape"), x);
}

Value nn::shapeSlice(OpBuilder &b, Location loc, int64_t opset, Value x,
                     int64_t start, int64_t end) {
  if (auto dims = staticDims(x, start, end))
    return constI64(b, auxLoc(loc, "dims"), *dims);
  Value shape = shapeOf(b, auxLoc(loc, "shape"), x);
  return sliceConst(b, auxLoc(loc, "dims"), opset, shape, {start}, {end}, {0},
                    {1}, RankedTensorType::get({end - start}, b.getI64Type()));
}

Value nn::concat(OpBuilder &b, Location loc, ValueRange parts, int64_t axis,
                 Type resultType) {
  if (parts.size() == 1 && parts[0].getType() == resultType)
    return parts[0];
  return createOnnxOp(b, loc, "Concat", resultType, parts,
                      {b.getNamedAttr("axis", b.getI64IntegerAttr(axis))})
      ->getResult(0);
}

Value nn::binary(OpBuilder &b, Location loc, StringRef opType, Value lhs,
                 Value rhs, Type type) {
  return createOnnxOp(b, loc, opType, type, {lhs, rhs})->getResult(0);
}

std::optional<SmallVector<int64_t>> nn::onnxPads(ArrayRef<int64_t> paddings,
                                                 int64_t n) {
  SmallVector<int64_t> pads(2 * n);
  if (static_cast<int64_t>(paddings.size()) == n) {
    for (int64_t i = 0; i < n; ++i)
      pads[i] = pads[n + i] = paddings[i];
    return pads;
  }
  if (static_cast<int64_t>(paddings.size()) == 2 * n) {
    for (int64_t i = 0; i < n; ++i) {
      pads[i] = paddings[2 * i];
      pads[n + i] = paddings[2 * i + 1];
    }
    return pads;
  }
  return std::nullopt;
}

std::pair<int64_t, int64_t> nn::samePadding(int64_t in, int64_t stride,
                                            int64_t kernel) {
  int64_t out = (in + stride - 1) / stride;
  int64_t sum = std::max<int64_t>((out - 1) * stride + kernel - in, 0);
  return {sum / 2, sum - sum / 2};
}

Value nn::splatConst(OpBuilder &b, Location loc, Type elementType,
                     ArrayRef<int64_t> shape, double value) {
  auto type = RankedTensorType::get(shape, elementType);
  Attribute v;
  if (auto ft = dyn_cast<FloatType>(elementType))
    v = FloatAttr::get(ft, value);
  else
    v = IntegerAttr::get(elementType, static_cast<int64_t>(value));
  return constFromAttr(b, loc, DenseElementsAttr::get(type, v));
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// softmax, log_softmax. Before opset 13 ONNX's Softmax coerces its input to
/// 2-D at `axis` (all dims from `axis` on form one row), which equals
/// Paddle's per-axis softmax only for the last axis: other axes are moved
/// last and back.
template <typename OpTy> struct SoftmaxLowering final : PdToOnnxPattern<OpTy> {
  SoftmaxLowering(MLIRContext *ctx, PdToOnnxState &state, StringRef opType)
      : PdToOnnxPattern<OpTy>(ctx, state), opType(opType) {}

  LogicalResult
  matchAndRewrite(OpTy op, typename PdToOnnxPattern<OpTy>::OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    if (rank == 0)
      return this->unsupported(op, "a 0-D input is not supported");
    int64_t axis = normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);
    Location loc = op.getLoc();
    Type resultType = op.getType();
    auto build = [&](Value in, int64_t a, Type t, Location l) {
      return createOnnxOp(
                 rewriter, l, opType, t, in,
                 {rewriter.getNamedAttr("axis", rewriter.getI64IntegerAttr(a))})
          ->getResult(0);
    };
    if (this->opset() >= 13 || axis == rank - 1) {
      rewriter.replaceOp(op, build(x, axis, resultType, loc));
      return success();
    }
    SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    std::swap(perm[axis], perm[rank - 1]);
    Value t = transpose(rewriter, auxLoc(loc, "to_last"), x, perm);
    Value s = build(t, rank - 1, t.getType(), auxLoc(loc, "last"));
    rewriter.replaceOp(op, transpose(rewriter, loc, s, perm, resultType));
    return success();
  }

  std::string opType;
};

/// The permutation swapping the last two dims of a rank-`rank` tensor.
SmallVector<int64_t> swapLastTwo(int64_t rank) {
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(perm[rank - 1], perm[rank - 2]);
  return perm;
}

/// matmul (matmul_v2): numpy semantics, which ONNX's MatMul shares (1-D
/// operands promoted and the added dim removed, batch dims broadcast); the
/// transpose flags swap the last two dims of an operand of rank >= 2.
struct MatmulLowering final : PdToOnnxPattern<pd::MatmulOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), y = adaptor.getY();
    if (op.getTransposeX() && getRank(x) >= 2)
      x = transpose(rewriter, auxLoc(loc, "x_t"), x, swapLastTwo(getRank(x)));
    if (op.getTransposeY() && getRank(y) >= 2)
      y = transpose(rewriter, auxLoc(loc, "y_t"), y, swapLastTwo(getRank(y)));
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "MatMul", op.getType(), {x, y})
                ->getResult(0));
    return success();
  }
};

/// legacy_matmul (the 1.x `matmul`): a 1-D X is a row [1, K], a 1-D Y a
/// column [K, 1], both before the transpose flags apply; the product is
/// scaled by alpha and takes the shape Paddle inferred.
struct LegacyMatmulLowering final : PdToOnnxPattern<pd::LegacyMatmulOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::LegacyMatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getHeadNumber() != 1)
      return unsupported(op, "head_number " +
                                 std::to_string(op.getHeadNumber()) +
                                 " is not supported");
    Location loc = op.getLoc();
    Value x = adaptor.getX(), y = adaptor.getY();
    if (getRank(x) == 0 || getRank(y) == 0)
      return unsupported(op, "0-D operands are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = std::max<int64_t>({getRank(x), getRank(y), 2});
    bool reshape = rank != resultType.getRank();
    if (reshape && !resultType.hasStaticShape())
      return unsupported(op, "a 1-D operand with a dynamic result shape is "
                             "not supported");
    if (getRank(x) == 1)
      x = unsqueeze(rewriter, auxLoc(loc, "x_row"), opset(), x, {0});
    if (getRank(y) == 1)
      y = unsqueeze(rewriter, auxLoc(loc, "y_col"), opset(), y, {1});
    if (op.getTransposeX())
      x = transpose(rewriter, auxLoc(loc, "x_t"), x, swapLastTwo(getRank(x)));
    if (op.getTransposeY())
      y = transpose(rewriter, auxLoc(loc, "y_t"), y, swapLastTwo(getRank(y)));
    bool scale = op.getAlpha().convertToDouble() != 1.0;
    Type mmType = (reshape || scale)
                      ? Type(unrankedOf(resultType.getElementType()))
                      : Type(resultType);
    Location mmLoc = (reshape || scale) ? auxLoc(loc, "matmul") : loc;
    Value out =
        createOnnxOp(rewriter, mmLoc, "MatMul", mmType, {x, y})->getResult(0);
    if (reshape)
      out = reshapeTo(rewriter, scale ? auxLoc(loc, "reshaped") : loc, out,
                      resultType.getShape(), scale ? mmType : Type(resultType));
    if (scale) {
      Value alpha = constOfType(rewriter, auxLoc(loc, "alpha"),
                                resultType.getElementType(),
                                {op.getAlpha().convertToDouble()});
      out = binary(rewriter, loc, "Mul", out, alpha, resultType);
    }
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// matmul_with_flatten (the legacy `mul`): X flattened to 2-D at
/// x_num_col_dims, Y at y_num_col_dims, multiplied, and the product given
/// the shape X[:x_num_col_dims] + Y[y_num_col_dims:].
struct MatmulWithFlattenLowering final
    : PdToOnnxPattern<pd::MatmulWithFlattenOp> {
  using PdToOnnxPattern::PdToOnnxPattern;

  static int64_t product(ArrayRef<int64_t> dims) {
    return std::accumulate(dims.begin(), dims.end(), int64_t{1},
                           std::multiplies<int64_t>());
  }

  LogicalResult
  matchAndRewrite(pd::MatmulWithFlattenOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX(), y = adaptor.getY();
    int64_t rx = getRank(x), ry = getRank(y);
    int64_t xn = op.getXNumColDims(), yn = op.getYNumColDims();
    if (xn < 1 || xn >= rx || yn < 1 || yn >= ry)
      return unsupported(op, "x_num_col_dims/y_num_col_dims out of range");
    Type et = getElementType(x);
    // The contraction size K, from whichever operand has it static.
    std::optional<int64_t> k;
    if (auto d = staticDims(x, xn, rx))
      k = product(*d);
    else if (auto d = staticDims(y, 0, yn))
      k = product(*d);
    auto xRows = staticDims(x, 0, xn);
    auto yCols = staticDims(y, yn, ry);

    // Every check before the first op is built.
    if (rx != 2 && !k && !xRows)
      return unsupported(op, "X has dynamic dims on both sides of "
                             "x_num_col_dims");
    if (ry != 2 && !yCols && !k)
      return unsupported(op, "Y has dynamic dims on both sides of "
                             "y_num_col_dims");
    Value x2 = x;
    if (rx != 2) {
      SmallVector<int64_t> shape;
      if (k)
        shape = {xRows ? product(*xRows) : -1, *k};
      else
        shape = {product(*xRows), -1};
      x2 = reshapeTo(
          rewriter, auxLoc(loc, "x_2d"), x, shape,
          RankedTensorType::get({xRows ? product(*xRows) : ShapedType::kDynamic,
                                 k ? *k : ShapedType::kDynamic},
                                et));
    }
    Value y2 = y;
    if (ry != 2) {
      SmallVector<int64_t> shape;
      if (yCols)
        shape = {-1, product(*yCols)};
      else
        shape = {*k, -1};
      y2 = reshapeTo(rewriter, auxLoc(loc, "y_2d"), y, shape,
                     RankedTensorType::get(
                         {k ? *k : ShapedType::kDynamic,
                          yCols ? product(*yCols) : ShapedType::kDynamic},
                         et));
    }
    auto resultType = cast<RankedTensorType>(op.getType());
    if (resultType.getRank() == 2) {
      rewriter.replaceOp(
          op, createOnnxOp(rewriter, loc, "MatMul", resultType, {x2, y2})
                  ->getResult(0));
      return success();
    }
    Value mm =
        createOnnxOp(rewriter, auxLoc(loc, "matmul"), "MatMul",
                     RankedTensorType::get(
                         {xRows ? product(*xRows) : ShapedType::kDynamic,
                          yCols ? product(*yCols) : ShapedType::kDynamic},
                         et),
                     {x2, y2})
            ->getResult(0);
    Value shape;
    if (resultType.hasStaticShape()) {
      shape = constI64(rewriter, auxLoc(loc, "shape"), resultType.getShape());
    } else {
      Value lead = shapeSlice(rewriter, auxLoc(loc, "x"), opset(), x, 0, xn);
      Value tail = shapeSlice(rewriter, auxLoc(loc, "y"), opset(), y, yn, ry);
      shape = concat(
          rewriter, auxLoc(loc, "shape"), {lead, tail}, 0,
          RankedTensorType::get({resultType.getRank()}, rewriter.getI64Type()));
    }
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "Reshape", resultType, {mm, shape})
                ->getResult(0));
    return success();
  }
};

/// embedding (lookup_table_v2): Gather of rows; ids equal to padding_idx
/// give zero rows (padding_idx -1: none).
struct EmbeddingLowering final : PdToOnnxPattern<pd::EmbeddingOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::EmbeddingOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value ids = adaptor.getIds(), w = adaptor.getW();
    Type resultType = op.getType();
    auto gatherAttrs =
        rewriter.getNamedAttr("axis", rewriter.getI64IntegerAttr(0));
    int64_t padding = op.getPaddingIdx();
    if (padding == -1) {
      rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Gather", resultType,
                                          {w, ids}, gatherAttrs)
                                 ->getResult(0));
      return success();
    }
    if (padding < 0) {
      auto rows = staticDims(w, 0, 1);
      if (!rows)
        return unsupported(op, "a negative padding_idx needs a static "
                               "vocabulary size");
      padding += (*rows)[0];
    }
    if (opset() < 9)
      return needsOpset(op, 9);
    Value rowsOut = createOnnxOp(rewriter, auxLoc(loc, "rows"), "Gather",
                                 resultType, {w, ids}, gatherAttrs)
                        ->getResult(0);
    Type idType = getElementType(ids);
    Value pad = constOfType(rewriter, auxLoc(loc, "padding_idx"), idType,
                            {static_cast<double>(padding)});
    Value isPad =
        createOnnxOp(rewriter, auxLoc(loc, "is_padding"), "Equal",
                     withElementType(ids.getType(), rewriter.getI1Type()),
                     {ids, pad})
            ->getResult(0);
    isPad = unsqueeze(rewriter, auxLoc(loc, "is_padding_row"), opset(), isPad,
                      {getRank(ids)});
    Value zero =
        constOfType(rewriter, auxLoc(loc, "zero"), getElementType(w), {0.0});
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Where", resultType,
                                        {isPad, zero, rowsOut})
                               ->getResult(0));
    return success();
  }
};

/// pixel_shuffle: DepthToSpace in CRD order (channel c*r*r + i*r + j goes to
/// row offset i, column offset j), which ONNX has from opset 11.
struct PixelShuffleLowering final : PdToOnnxPattern<pd::PixelShuffleOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::PixelShuffleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 11)
      return needsOpset(op, 11);
    Value x = adaptor.getX();
    if (getRank(x) != 4)
      return unsupported(op, "expects a 4-D input");
    Location loc = op.getLoc();
    bool nhwc = isChannelsLast(op.getDataFormat());
    Type resultType = op.getType();
    if (nhwc) {
      x = transpose(rewriter, auxLoc(loc, "nchw"), x, toChannelsFirst(4));
      resultType = permuteType(resultType, toChannelsFirst(4));
    }
    Value out =
        createOnnxOp(
            rewriter, nhwc ? auxLoc(loc, "shuffled") : loc, "DepthToSpace",
            resultType, x,
            {rewriter.getNamedAttr("blocksize", rewriter.getI64IntegerAttr(
                                                    op.getUpscaleFactor())),
             rewriter.getNamedAttr("mode", rewriter.getStringAttr("CRD"))})
            ->getResult(0);
    if (nhwc)
      out = transpose(rewriter, loc, out, toChannelsLast(4), op.getType());
    rewriter.replaceOp(op, out);
    return success();
  }
};

/// grid_sample (grid_sampler): GridSample from opset 16 (4-D), 20 (5-D,
/// where "bilinear" became "linear").
struct GridSampleLowering final : PdToOnnxPattern<pd::GridSampleOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::GridSampleOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    StringRef mode = op.getMode();
    if (mode != "bilinear" && mode != "nearest")
      return unsupported(op, "mode '" + mode + "' is not supported");
    StringRef padding = op.getPaddingMode();
    if (padding != "zeros" && padding != "border" && padding != "reflection")
      return unsupported(op, "padding_mode '" + padding + "' is not supported");
    int64_t rank = getRank(adaptor.getX());
    if (rank != 4 && rank != 5)
      return unsupported(op, "expects a 4-D or 5-D input");
    int64_t needed = rank == 5 ? 20 : 16;
    if (opset() < needed)
      return needsOpset(op, needed);
    std::string onnxMode = mode.str();
    if (mode == "bilinear" && opset() >= 20)
      onnxMode = "linear";
    rewriter.replaceOp(
        op,
        createOnnxOp(
            rewriter, op.getLoc(), "GridSample", op.getType(),
            {adaptor.getX(), adaptor.getGrid()},
            {rewriter.getNamedAttr(
                 "align_corners",
                 rewriter.getI64IntegerAttr(op.getAlignCorners() ? 1 : 0)),
             rewriter.getNamedAttr("mode", rewriter.getStringAttr(onnxMode)),
             rewriter.getNamedAttr("padding_mode",
                                   rewriter.getStringAttr(padding))})
            ->getResult(0));
    return success();
  }
};

/// rnn (LSTM, GRU, RNN_TANH, RNN_RELU), time-major: one ONNX LSTM/GRU/RNN
/// per layer. Paddle's WeightList holds every weight_ih, weight_hh (layer
/// by layer, forward then backward) and then every bias_ih, bias_hh in the
/// same order. Gates are reordered from Paddle's (LSTM i,f,g,o; GRU r,z,c)
/// to ONNX's (LSTM i,o,f,c; GRU z,r,h); Paddle's GRU applies the reset gate
/// after the hidden matmul, ONNX's linear_before_reset=1. SequenceLength is
/// each layer's sequence_lens (int32): both zero the outputs past a
/// sequence's length, keep its state at its last step, and run the
/// backward direction from that step.
struct RnnLowering final : PdToOnnxPattern<pd::RnnOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::RnnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    StringRef mode = op.getMode();
    StringRef onnxType;
    SmallVector<int64_t> gateOrder; // ONNX gate j = Paddle gate order[j]
    if (mode == "LSTM") {
      onnxType = "LSTM";
      gateOrder = {0, 3, 1, 2};
    } else if (mode == "GRU") {
      onnxType = "GRU";
      gateOrder = {1, 0, 2};
    } else if (mode == "RNN_TANH" || mode == "RNN_RELU") {
      onnxType = "RNN";
      gateOrder = {0};
    } else {
      return unsupported(op, "mode '" + mode + "' is not supported");
    }
    bool lstm = mode == "LSTM";
    int64_t gates = static_cast<int64_t>(gateOrder.size());
    int64_t dirs = op.getIsBidirec() ? 2 : 1;
    int64_t layers = op.getNumLayers();
    int64_t hidden = op.getHiddenSize();
    ValueRange weights = adaptor.getWeightList();
    if (static_cast<int64_t>(weights.size()) != 4 * layers * dirs)
      return unsupported(op, "expects " + std::to_string(4 * layers * dirs) +
                                 " weights (weight_ih, weight_hh, bias_ih, "
                                 "bias_hh per layer and direction), got " +
                                 std::to_string(weights.size()));
    ValueRange preState = adaptor.getPreState();
    size_t nStates = lstm ? 2 : 1;
    if (!preState.empty() && preState.size() != nStates)
      return unsupported(op, "expects " + std::to_string(nStates) +
                                 " initial states");
    Value x = adaptor.getInput();
    if (getRank(x) != 3)
      return unsupported(op, "expects a 3-D time-major input");
    if (adaptor.getSequenceLength() &&
        getRank(adaptor.getSequenceLength()) != 1)
      return unsupported(op, "expects a 1-D sequence_length");

    for (auto [i, w] : llvm::enumerate(weights))
      if (getRank(w) != (static_cast<int64_t>(i) < 2 * layers * dirs ? 2 : 1))
        return unsupported(op, "expects 2-D weights and 1-D biases");
    if (op.getState().size() > nStates)
      return unsupported(op, "expects at most " + std::to_string(nStates) +
                                 " state results");

    Location loc = op.getLoc();
    auto xType = cast<RankedTensorType>(x.getType());
    Type et = xType.getElementType();
    int64_t steps = xType.getDimSize(0), batch = xType.getDimSize(1);
    auto i64 = [&](int64_t v) { return rewriter.getI64IntegerAttr(v); };

    // A [gates*H, ...] weight or [gates*H] bias with its gate blocks in ONNX
    // order.
    auto reorder = [&](Value v, Location l) -> Value {
      if (gates == 1)
        return v;
      auto t = cast<RankedTensorType>(v.getType());
      SmallVector<int64_t> partShape(t.getShape());
      partShape[0] = hidden;
      SmallVector<Type> partTypes(gates, RankedTensorType::get(partShape, et));
      SmallVector<Value> parts =
          splitInto(rewriter, auxLoc(l, "gates"), opset(), v, 0,
                    SmallVector<int64_t>(gates, hidden), partTypes);
      SmallVector<Value> ordered;
      for (int64_t g : gateOrder)
        ordered.push_back(parts[g]);
      return concat(rewriter, auxLoc(l, "reordered"), ordered, 0, t);
    };
    auto stack = [&](ArrayRef<Value> perDir, Location l) -> Value {
      if (perDir.size() == 1)
        return unsqueeze(rewriter, l, opset(), perDir.front(), {0});
      SmallVector<Value> parts;
      for (Value v : perDir)
        parts.push_back(unsqueeze(rewriter, auxLoc(l, "dir"), opset(), v, {0}));
      auto t = cast<RankedTensorType>(parts[0].getType());
      SmallVector<int64_t> shape(t.getShape());
      shape[0] = dirs;
      return concat(rewriter, auxLoc(l, "dirs"), parts, 0,
                    RankedTensorType::get(shape, et));
    };

    // ONNX's sequence_lens is int32.
    Value seqLens = adaptor.getSequenceLength();
    if (seqLens &&
        !cast<RankedTensorType>(seqLens.getType()).getElementType().isInteger(
            32))
      seqLens = castTo(rewriter, auxLoc(loc, "lens"), seqLens,
                       rewriter.getI32Type());

    int64_t biasStart = 2 * layers * dirs;
    auto stateType = RankedTensorType::get({dirs, batch, hidden}, et);
    SmallVector<Value> lastH, lastC;
    for (int64_t l = 0; l < layers; ++l) {
      Location ll = auxLoc(loc, "l" + std::to_string(l));
      SmallVector<Value> ws, rs, bs;
      for (int64_t d = 0; d < dirs; ++d) {
        int64_t idx = l * 2 * dirs + d * 2;
        Value wih = weights[idx], whh = weights[idx + 1];
        Value bih = weights[biasStart + idx],
              bhh = weights[biasStart + idx + 1];
        Location dl = auxLoc(ll, d ? "bw" : "fw");
        ws.push_back(reorder(wih, auxLoc(dl, "W")));
        rs.push_back(reorder(whh, auxLoc(dl, "R")));
        Value b1 = reorder(bih, auxLoc(dl, "Wb"));
        Value b2 = reorder(bhh, auxLoc(dl, "Rb"));
        bs.push_back(concat(rewriter, auxLoc(dl, "B"), {b1, b2}, 0,
                            RankedTensorType::get({2 * gates * hidden}, et)));
      }
      Value w = stack(ws, auxLoc(ll, "W"));
      Value r = stack(rs, auxLoc(ll, "R"));
      Value bias = stack(bs, auxLoc(ll, "B"));
      Value none = noValue(rewriter, loc);
      Value lens = seqLens ? seqLens : none;
      auto initial = [&](size_t i, StringRef what) -> Value {
        if (preState.empty())
          return none;
        if (layers == 1)
          return preState[i];
        return sliceConst(rewriter, auxLoc(ll, what), opset(), preState[i],
                          {l * dirs}, {(l + 1) * dirs}, {0}, {1}, stateType);
      };
      SmallVector<Value> operands{x, w, r, bias, lens, initial(0, "h0")};
      SmallVector<Type> resultTypes{
          RankedTensorType::get({steps, dirs, batch, hidden}, et), stateType};
      if (lstm) {
        operands.push_back(initial(1, "c0"));
        operands.push_back(none); // P
        resultTypes.push_back(stateType);
      }
      SmallVector<NamedAttribute> attrs{
          rewriter.getNamedAttr("hidden_size", i64(hidden)),
          rewriter.getNamedAttr(
              "direction",
              rewriter.getStringAttr(dirs == 2 ? "bidirectional" : "forward"))};
      if (mode == "GRU")
        attrs.push_back(rewriter.getNamedAttr("linear_before_reset", i64(1)));
      if (onnxType == "RNN") {
        StringRef act = mode == "RNN_RELU" ? "Relu" : "Tanh";
        SmallVector<StringRef> acts(dirs, act);
        attrs.push_back(rewriter.getNamedAttr("activations",
                                              rewriter.getStrArrayAttr(acts)));
      }
      Operation *cell = createOnnxOp(rewriter, auxLoc(ll, onnxType), onnxType,
                                     resultTypes, operands, attrs);
      lastH.push_back(cell->getResult(1));
      if (lstm)
        lastC.push_back(cell->getResult(2));
      // Y [T, D, N, H] to Paddle's [T, N, D*H].
      Value y = transpose(rewriter, auxLoc(ll, "Y_t"), cell->getResult(0),
                          {0, 2, 1, 3});
      bool last = l == layers - 1;
      x = reshapeTo(rewriter, last ? loc : auxLoc(ll, "out"), y, {0, 0, -1},
                    last ? op.getOut().getType()
                         : Type(RankedTensorType::get(
                               {steps, batch, dirs * hidden}, et)));
    }
    SmallVector<Value> results{x};
    auto states = op.getState();
    for (auto [i, s] : llvm::enumerate(states)) {
      SmallVector<Value> &parts = i == 0 ? lastH : lastC;
      results.push_back(
          concat(rewriter, auxLoc(loc, i ? "c" : "h"), parts, 0, s.getType()));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxNNPatterns(RewritePatternSet &patterns,
                                           PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<SoftmaxLowering<pd::SoftmaxOp>>(ctx, state, "Softmax");
  patterns.add<SoftmaxLowering<pd::LogSoftmaxOp>>(ctx, state, "LogSoftmax");
  patterns.add<MatmulLowering, LegacyMatmulLowering, MatmulWithFlattenLowering,
               EmbeddingLowering, PixelShuffleLowering, GridSampleLowering,
               RnnLowering>(ctx, state);
  nn::populateConvPatterns(patterns, state);
  nn::populateNormPatterns(patterns, state);
}
