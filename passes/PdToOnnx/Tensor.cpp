//===- Tensor.cpp - pd to onnx: shape manipulation and indexing -----------===//
//
// Paddle takes many of these ops' parameters either as attributes or as
// run-time tensors (docs/dialect-pd.md, "Attribute or tensor"). A tensor
// that folds to a constant is treated like the attribute; a run-time one
// becomes an ONNX input where the ONNX op takes one at the target opset,
// and is reported otherwise.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"

#include <limits>

using namespace mlir;
using namespace mlir::oar;

namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

SmallVector<int64_t> normalizeAxes(ArrayRef<int64_t> axes, int64_t rank) {
  return llvm::map_to_vector(axes,
                             [&](int64_t a) { return normalizeAxis(a, rank); });
}

/// The values of Paddle's "tensor, else list, else attribute" triple when
/// they are constants; nullopt when they are known only at run time.
std::optional<SmallVector<int64_t>> constantOf(Value tensor, ValueRange list,
                                               ArrayRef<int64_t> attr) {
  if (tensor)
    return getConstantInts(tensor);
  if (list.empty())
    return SmallVector<int64_t>(attr);
  SmallVector<int64_t> values;
  for (Value v : list) {
    auto c = getConstantInts(v);
    if (!c || c->size() != 1)
      return std::nullopt;
    values.push_back(c->front());
  }
  return values;
}

/// The run-time value of such a triple whose constantOf is nullopt, as a
/// 1-D i64 tensor.
Value runtimeOf(OpBuilder &b, Location loc, Value tensor, ValueRange list) {
  return tensor ? toI64Vector(b, loc, tensor) : i64VectorFromList(b, loc, list);
}

/// Such a triple as a 1-D i64 value: `constant` when it has one, else the
/// run-time value.
Value valueOf(OpBuilder &b, Location loc,
              const std::optional<SmallVector<int64_t>> &constant, Value tensor,
              ValueRange list) {
  return constant ? constI64(b, loc, *constant)
                  : runtimeOf(b, loc, tensor, list);
}

/// The length of a run-time triple, or kDynamic.
int64_t runtimeLength(Value tensor, ValueRange list) {
  if (!tensor)
    return static_cast<int64_t>(list.size());
  auto type = cast<RankedTensorType>(tensor.getType());
  return type.hasStaticShape() ? type.getNumElements() : ShapedType::kDynamic;
}

/// `type` with dim `axis` set to `size`.
RankedTensorType withDim(Type type, int64_t axis, int64_t size) {
  auto ranked = cast<RankedTensorType>(type);
  SmallVector<int64_t> shape(ranked.getShape());
  shape[axis] = size;
  return RankedTensorType::get(shape, ranked.getElementType());
}

//===----------------------------------------------------------------------===//
// cast, shape
//===----------------------------------------------------------------------===//

struct CastToOnnx : PdToOnnxPattern<pd::CastOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type type = op.getType();
    Value x = adaptor.getX();
    if (getElementType(x) == getElementType(op.getOut())) {
      rewriter.replaceOp(op, identityAs(rewriter, op.getLoc(), x, type));
      return success();
    }
    Type et = getElementType(op.getOut());
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, op.getLoc(), "Cast", type, x,
                         {i64Attr(rewriter, "to", getOnnxDataType(et))})
                ->getResult(0));
    return success();
  }
};

/// Paddle's shape is int32 (legacy `shape`) or int64 (PIR); ONNX's is int64.
struct ShapeToOnnx : PdToOnnxPattern<pd::ShapeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ShapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type et = getElementType(op.getOut());
    if (et.isInteger(64)) {
      rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Shape", op.getType(),
                                          adaptor.getInput())
                                 ->getResult(0));
      return success();
    }
    Value shape = shapeOf(rewriter, auxLoc(loc, "i64"), adaptor.getInput());
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "Cast", op.getType(), shape,
                         {i64Attr(rewriter, "to", getOnnxDataType(et))})
                ->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// reshape, transpose, squeeze, unsqueeze, flatten
//===----------------------------------------------------------------------===//

/// Paddle's 0 (copy the dim) and -1 (infer it) are ONNX Reshape's with
/// allowzero = 0, for the attribute and for run-time shapes alike.
struct ReshapeToOnnx : PdToOnnxPattern<pd::ReshapeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Location shapeLoc = auxLoc(loc, "shape");
    Value shape;
    // reshape: the list overrides the tensor, which overrides the attribute.
    if (!adaptor.getShapeTensorList().empty())
      shape =
          i64VectorFromList(rewriter, shapeLoc, adaptor.getShapeTensorList());
    else if (adaptor.getShapeTensor())
      shape = toI64Vector(rewriter, shapeLoc, adaptor.getShapeTensor());
    else
      shape = constI64(rewriter, shapeLoc, op.getShape());
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Reshape", op.getType(),
                                        {adaptor.getX(), shape})
                               ->getResult(0));
    return success();
  }
};

struct TransposeToOnnx : PdToOnnxPattern<pd::TransposeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> perm =
        normalizeAxes(op.getAxis(), getRank(adaptor.getX()));
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, op.getLoc(), "Transpose", op.getType(),
                         adaptor.getX(),
                         {rewriter.getNamedAttr(
                             "perm", rewriter.getDenseI64ArrayAttr(perm))})
                ->getResult(0));
    return success();
  }
};

/// Paddle squeezes only the listed dims that are 1 and leaves the others
/// (ONNX fails on them); no axes squeezes every dim that is 1 at run time,
/// as ONNX does.
struct SqueezeToOnnx : PdToOnnxPattern<pd::SqueezeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::SqueezeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    int64_t outRank = getRank(op.getOut());
    if (op.getAxes().empty()) {
      if (rank == outRank) {
        rewriter.replaceOp(op, identityAs(rewriter, loc, x, op.getType()));
        return success();
      }
      rewriter.replaceOp(op,
                         squeeze(rewriter, loc, opset(), x, {}, op.getType()));
      return success();
    }
    SmallVector<int64_t> axes;
    bool dynamic = false;
    for (int64_t a : op.getAxes()) {
      if (rank == 0)
        break;
      int64_t axis = normalizeAxis(a, rank);
      if (llvm::is_contained(axes, axis) || type.getDimSize(axis) > 1 ||
          type.getDimSize(axis) == 0)
        continue;
      dynamic |= type.isDynamicDim(axis);
      axes.push_back(axis);
    }
    // A listed `?` dim is squeezed only if it is 1 at run time; the result
    // rank tells which way the program was saved.
    if (dynamic && rank - static_cast<int64_t>(axes.size()) != outRank)
      return unsupported(op, "squeezes a dim of unknown size that may not be "
                             "1");
    llvm::sort(axes);
    if (axes.empty()) {
      rewriter.replaceOp(op, identityAs(rewriter, loc, x, op.getType()));
      return success();
    }
    rewriter.replaceOp(op,
                       squeeze(rewriter, loc, opset(), x, axes, op.getType()));
    return success();
  }
};

/// Paddle inserts the axes one after the other, each read against the rank
/// reached so far; ONNX reads them all against the result. The positions
/// Paddle's order produces are ONNX's axes.
FailureOr<SmallVector<int64_t>> paddleUnsqueezeAxes(ArrayRef<int64_t> axes,
                                                    int64_t rank) {
  SmallVector<bool> isNew(rank, false);
  for (int64_t a : axes) {
    int64_t size = static_cast<int64_t>(isNew.size());
    int64_t cur = a < 0 ? a + size + 1 : a;
    if (cur < 0 || cur > size)
      return failure();
    isNew.insert(isNew.begin() + cur, true);
  }
  SmallVector<int64_t> result;
  for (auto [i, n] : llvm::enumerate(isNew))
    if (n)
      result.push_back(static_cast<int64_t>(i));
  return result;
}

struct UnsqueezeToOnnx : PdToOnnxPattern<pd::UnsqueezeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::UnsqueezeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto axes = constantOf(adaptor.getAxesTensor(), adaptor.getAxesTensorList(),
                           op.getAxes());
    if (axes) {
      if (axes->empty()) {
        rewriter.replaceOp(op, identityAs(rewriter, loc, x, op.getType()));
        return success();
      }
      auto onnxAxes = paddleUnsqueezeAxes(*axes, getRank(x));
      if (failed(onnxAxes))
        return unsupported(op, "an axis is out of range");
      rewriter.replaceOp(
          op, unsqueeze(rewriter, loc, opset(), x, *onnxAxes, op.getType()));
      return success();
    }
    // One run-time axis reads the same in both orders.
    if (getRank(op.getOut()) != getRank(x) + 1)
      return unsupported(op, "several axes given as run-time tensors");
    if (opset() < 13)
      return needsOpset(op, 13);
    Value runtime =
        runtimeOf(rewriter, auxLoc(loc, "axes"), adaptor.getAxesTensor(),
                  adaptor.getAxesTensorList());
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "Unsqueeze", op.getType(), {x, runtime})
                ->getResult(0));
    return success();
  }
};

struct FlattenToOnnx : PdToOnnxPattern<pd::FlattenOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FlattenOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    Type type = op.getType();
    // A 0-D input flattens to [1].
    if (rank == 0) {
      rewriter.replaceOp(op, reshapeTo(rewriter, loc, x, {1}, type));
      return success();
    }
    int64_t start = normalizeAxis(op.getStartAxis(), rank);
    int64_t stop = normalizeAxis(op.getStopAxis(), rank);
    if (start == stop) {
      rewriter.replaceOp(op, identityAs(rewriter, loc, x, type));
      return success();
    }
    // ONNX Flatten always yields 2-D: [prod(dims[:axis]), prod(dims[axis:])],
    // which is Paddle's flatten only for start 1, stop last.
    if (start == 1 && stop == rank - 1) {
      rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Flatten", type, x,
                                          {i64Attr(rewriter, "axis", 1)})
                                 ->getResult(0));
      return success();
    }
    Value shape = mergeDimsShape(rewriter, loc, opset(), x, start, stop);
    rewriter.replaceOp(
        op,
        createOnnxOp(rewriter, loc, "Reshape", type, {x, shape})->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// concat, split, stack, unstack
//===----------------------------------------------------------------------===//

/// The axis of concat, split and gather: `axis_tensor` when given (it must
/// fold to a constant), else the attribute; normalized against `rank`.
FailureOr<int64_t> axisOf(Value axisTensor, int64_t attr, int64_t rank) {
  int64_t axis = attr;
  if (axisTensor) {
    auto c = getConstantInts(axisTensor);
    if (!c || c->size() != 1)
      return failure();
    axis = c->front();
  }
  return normalizeAxis(axis, rank);
}

struct ConcatToOnnx : PdToOnnxPattern<pd::ConcatOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ValueRange inputs = adaptor.getX();
    FailureOr<int64_t> axis =
        axisOf(adaptor.getAxisTensor(), op.getAxis(), getRank(inputs[0]));
    if (failed(axis))
      return unsupported(op, "axis given as a run-time tensor");
    rewriter.replaceOp(op, createOnnxOp(rewriter, op.getLoc(), "Concat",
                                        op.getType(), inputs,
                                        {i64Attr(rewriter, "axis", *axis)})
                               ->getResult(0));
    return success();
  }
};

struct SplitToOnnx : PdToOnnxPattern<pd::SplitOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    FailureOr<int64_t> axis =
        axisOf(adaptor.getAxisTensor(), op.getAxis(), type.getRank());
    if (failed(axis))
      return unsupported(op, "axis given as a run-time tensor");
    int64_t dim = type.getDimSize(*axis);
    auto resultTypes = op.getResultTypes();
    int64_t parts = static_cast<int64_t>(resultTypes.size());

    // num > 0 splits into equal parts; else sections, which the tensor
    // list overrides.
    SmallVector<int64_t> sections;
    if (op.getNum() > 0) {
      if (ShapedType::isDynamic(dim)) {
        SmallVector<NamedAttribute> attrs{i64Attr(rewriter, "axis", *axis)};
        if (opset() >= 18)
          attrs.push_back(i64Attr(rewriter, "num_outputs", parts));
        Operation *split =
            createOnnxOp(rewriter, loc, "Split", resultTypes, x, attrs);
        rewriter.replaceOp(op, split->getResults());
        return success();
      }
      sections.assign(parts, dim / parts);
    } else if (!adaptor.getSectionsTensorList().empty()) {
      for (Value v : adaptor.getSectionsTensorList()) {
        auto c = getConstantInts(v);
        if (!c || c->size() != 1)
          return unsupported(op, "sections given as run-time tensors");
        sections.push_back(c->front());
      }
    } else {
      sections.assign(op.getSections().begin(), op.getSections().end());
    }

    if (static_cast<int64_t>(sections.size()) != parts)
      return unsupported(op, "the number of sections differs from the "
                             "number of results");
    // One section may be -1: the rest of the dim.
    auto *inferred = llvm::find(sections, -1);
    if (inferred != sections.end()) {
      int64_t known = 0;
      for (int64_t s : sections)
        known += s == -1 ? 0 : s;
      if (!ShapedType::isDynamic(dim)) {
        *inferred = dim - known;
      } else {
        if (opset() < 13)
          return needsOpset(op, 13);
        // split = [..., dim - known, ...], dim read at run time.
        Value shape = shapeOf(rewriter, auxLoc(loc, "in_shape"), x);
        auto one = RankedTensorType::get({1}, rewriter.getI64Type());
        Value size = sliceConst(rewriter, auxLoc(loc, "dim"), opset(), shape,
                                {*axis}, {*axis + 1}, {0}, {1}, one);
        Value rest =
            createOnnxOp(
                rewriter, auxLoc(loc, "rest"), "Sub", one,
                {size, constI64(rewriter, auxLoc(loc, "known"), {known})})
                ->getResult(0);
        int64_t at = inferred - sections.begin();
        SmallVector<Value> pieces;
        if (at > 0)
          pieces.push_back(constI64(rewriter, auxLoc(loc, "before"),
                                    ArrayRef(sections).take_front(at)));
        pieces.push_back(rest);
        if (at + 1 < parts)
          pieces.push_back(constI64(rewriter, auxLoc(loc, "after"),
                                    ArrayRef(sections).drop_front(at + 1)));
        Value split = concat1D(rewriter, auxLoc(loc, "split"), pieces);
        Operation *op2 =
            createOnnxOp(rewriter, loc, "Split", resultTypes, {x, split},
                         {i64Attr(rewriter, "axis", *axis)});
        rewriter.replaceOp(op, op2->getResults());
        return success();
      }
    }
    rewriter.replaceOp(
        op, splitInto(rewriter, loc, opset(), x, *axis, sections, resultTypes));
    return success();
  }
};

struct StackToOnnx : PdToOnnxPattern<pd::StackOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::StackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t axis = normalizeAxis(op.getAxis(), getRank(op.getY()));
    SmallVector<Value> parts;
    for (auto [i, x] : llvm::enumerate(adaptor.getX()))
      parts.push_back(unsqueeze(rewriter,
                                auxLoc(loc, "item" + std::to_string(i)),
                                opset(), x, {axis}));
    rewriter.replaceOp(op,
                       createOnnxOp(rewriter, loc, "Concat", op.getType(),
                                    parts, {i64Attr(rewriter, "axis", axis)})
                           ->getResult(0));
    return success();
  }
};

struct UnstackToOnnx : PdToOnnxPattern<pd::UnstackOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::UnstackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t axis = normalizeAxis(op.getAxis(), getRank(x));
    int64_t parts = op.getNumResults();
    SmallVector<Type> pieceTypes(parts, withDim(x.getType(), axis, 1));
    SmallVector<Value> pieces =
        splitInto(rewriter, auxLoc(loc, "split"), opset(), x, axis,
                  SmallVector<int64_t>(parts, 1), pieceTypes);
    SmallVector<Value> results;
    for (auto [piece, result] : llvm::zip(pieces, op.getResults()))
      results.push_back(
          squeeze(rewriter, loc, opset(), piece, {axis}, result.getType()));
    rewriter.replaceOp(op, results);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// slice, strided_slice, flip
//===----------------------------------------------------------------------===//

/// The type of a slice before `decrease` axes are squeezed from it into
/// `resultType`.
Type undecreasedType(Value x, ArrayRef<int64_t> decrease, Type resultType) {
  auto in = cast<RankedTensorType>(x.getType());
  auto out = cast<RankedTensorType>(resultType);
  if (out.getRank() != in.getRank() - static_cast<int64_t>(decrease.size()))
    return resultType;
  SmallVector<int64_t> shape;
  int64_t j = 0;
  for (int64_t i = 0; i < in.getRank(); ++i)
    shape.push_back(llvm::is_contained(decrease, i) ? 1 : out.getDimSize(j++));
  return RankedTensorType::get(shape, in.getElementType());
}

/// Whether `decrease` below can make `resultType` from a slice of `x`:
/// Paddle 2.6 drops the decreased dims (0-D when all are); older programs
/// kept [1] when all were, or kept every dim.
bool decreaseFits(Value x, ArrayRef<int64_t> axes, Type resultType) {
  int64_t rank = getRank(x);
  int64_t outRank = cast<RankedTensorType>(resultType).getRank();
  int64_t n = static_cast<int64_t>(axes.size());
  return outRank == rank - n || outRank == rank || (outRank == 1 && n == rank);
}

Value decrease(OpBuilder &b, Location loc, int64_t opset, Value sliced,
               ArrayRef<int64_t> axes, Type resultType) {
  if (sliced.getType() == resultType)
    return sliced;
  int64_t rank = getRank(sliced);
  int64_t outRank = cast<RankedTensorType>(resultType).getRank();
  int64_t n = static_cast<int64_t>(axes.size());
  if (outRank == rank - n) {
    SmallVector<int64_t> sorted(axes);
    llvm::sort(sorted);
    return squeeze(b, loc, opset, sliced, sorted, resultType);
  }
  if (outRank == rank)
    return identityAs(b, loc, sliced, resultType);
  return reshapeTo(b, loc, sliced, {1}, resultType);
}

/// Slice with 1-D i64 bounds `starts` and `ends` (opset 10 on), then
/// `decrease` into `resultType`.
Value sliceAndDecrease(OpBuilder &b, Location loc, int64_t opset, Value x,
                       Value starts, Value ends, ArrayRef<int64_t> axes,
                       ArrayRef<int64_t> steps, ArrayRef<int64_t> dec,
                       Type resultType) {
  bool decreased = !dec.empty();
  SmallVector<Value> operands{x, starts, ends,
                              constI64(b, auxLoc(loc, "axes"), axes)};
  if (llvm::any_of(steps, [](int64_t st) { return st != 1; }))
    operands.push_back(constI64(b, auxLoc(loc, "steps"), steps));
  Value sliced =
      createOnnxOp(b, decreased ? auxLoc(loc, "slice") : loc, "Slice",
                   decreased ? undecreasedType(x, dec, resultType) : resultType,
                   operands)
          ->getResult(0);
  return decrease(b, loc, opset, sliced, dec, resultType);
}

struct SliceToOnnx : PdToOnnxPattern<pd::SliceOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    int64_t rank = getRank(x);
    SmallVector<int64_t> axes = normalizeAxes(op.getAxes(), rank);
    SmallVector<int64_t> dec = normalizeAxes(op.getDecreaseAxis(), rank);
    auto starts = constantOf(adaptor.getStartsTensor(),
                             adaptor.getStartsTensorList(), op.getStarts());
    auto ends = constantOf(adaptor.getEndsTensor(), adaptor.getEndsTensorList(),
                           op.getEnds());
    if ((!starts || !ends) && opset() < 10)
      return needsOpset(op, 10);
    if (!decreaseFits(x, dec, op.getType()))
      return unsupported(op, "decrease_axis does not match the result rank");
    // Paddle clamps starts and ends into [0, dim] as ONNX does.
    if (starts && ends) {
      bool decreased = !dec.empty();
      Value sliced = sliceConst(
          rewriter, decreased ? auxLoc(loc, "slice") : loc, opset(), x, *starts,
          *ends, axes, SmallVector<int64_t>(axes.size(), 1),
          decreased ? undecreasedType(x, dec, op.getType()) : op.getType());
      rewriter.replaceOp(
          op, decrease(rewriter, loc, opset(), sliced, dec, op.getType()));
      return success();
    }
    Value s = valueOf(rewriter, auxLoc(loc, "starts"), starts,
                      adaptor.getStartsTensor(), adaptor.getStartsTensorList());
    Value e = valueOf(rewriter, auxLoc(loc, "ends"), ends,
                      adaptor.getEndsTensor(), adaptor.getEndsTensorList());
    rewriter.replaceOp(op, sliceAndDecrease(rewriter, loc, opset(), x, s, e,
                                            axes, {}, dec, op.getType()));
    return success();
  }
};

/// Paddle's strided_slice reads two values its own way: an end of -1 with
/// a negative stride runs to the front (Python's None), and start -1,
/// end 0 on a decreased axis with infer flag -1 takes the last element. An
/// end below -dim with a negative stride stops before index 0 (ONNX
/// includes it). Strides must be constants; run-time starts and ends are
/// taken with positive strides, the last-element rule applied with Where.
struct StridedSliceToOnnx : PdToOnnxPattern<pd::StridedSliceOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::StridedSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    int64_t rank = type.getRank();
    SmallVector<int64_t> axes = normalizeAxes(op.getAxes(), rank);
    SmallVector<int64_t> dec = normalizeAxes(op.getDecreaseAxis(), rank);
    auto starts = constantOf(adaptor.getStartsTensor(),
                             adaptor.getStartsTensorList(), op.getStarts());
    auto ends = constantOf(adaptor.getEndsTensor(), adaptor.getEndsTensorList(),
                           op.getEnds());
    auto strides = constantOf(adaptor.getStridesTensor(),
                              adaptor.getStridesTensorList(), op.getStrides());
    if (!strides)
      return unsupported(op, "strides given as run-time tensors");
    size_t n = axes.size();
    if (!starts || !ends)
      return runtimeBounds(op, adaptor, rewriter, axes, dec, *strides, starts,
                           ends);
    if (starts->size() != n || ends->size() != n || strides->size() != n)
      return unsupported(op, "starts, ends and strides must list one value "
                             "per axis");
    ArrayRef<int64_t> flags = op.getInferFlags();
    for (size_t i = 0; i < n; ++i) {
      int64_t &start = (*starts)[i], &end = (*ends)[i];
      int64_t stride = (*strides)[i];
      int64_t dim = type.getDimSize(axes[i]);
      if (stride == 0)
        return unsupported(op, "a stride is 0");
      bool lastElement = start == -1 && end == 0 && i < flags.size() &&
                         flags[i] == -1 && llvm::is_contained(dec, axes[i]);
      if (lastElement) {
        end = stride > 0 ? kInt64Max : -2;
        continue;
      }
      if (stride > 0)
        continue;
      if (end == -1) {
        end = kInt64Min;
      } else if (end < -1) {
        if (ShapedType::isDynamic(dim))
          return unsupported(op, "a negative stride with an end below -1 on "
                                 "a dim of unknown size");
        end = std::max<int64_t>(end + dim, 0);
      }
    }
    bool decreased = !dec.empty();
    Type slicedType =
        decreased ? undecreasedType(x, dec, op.getType()) : op.getType();
    bool unit = llvm::all_of(*strides, [](int64_t s) { return s == 1; });
    if (!unit && opset() < 10)
      return needsOpset(op, 10);
    if (!decreaseFits(x, dec, op.getType()))
      return unsupported(op, "decrease_axis does not match the result rank");
    Value sliced =
        sliceConst(rewriter, decreased ? auxLoc(loc, "slice") : loc, opset(), x,
                   *starts, *ends, axes, *strides, slicedType);
    rewriter.replaceOp(
        op, decrease(rewriter, loc, opset(), sliced, dec, op.getType()));
    return success();
  }

private:
  LogicalResult
  runtimeBounds(pd::StridedSliceOp op, OpAdaptor adaptor,
                ConversionPatternRewriter &rewriter, ArrayRef<int64_t> axes,
                ArrayRef<int64_t> dec, ArrayRef<int64_t> strides,
                const std::optional<SmallVector<int64_t>> &starts,
                const std::optional<SmallVector<int64_t>> &ends) const {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    int64_t n = static_cast<int64_t>(axes.size());
    if (llvm::any_of(strides, [](int64_t s) { return s <= 0; }))
      return unsupported(op, "run-time starts or ends with a stride that is "
                             "not positive");
    if (static_cast<int64_t>(strides.size()) != n ||
        (starts && static_cast<int64_t>(starts->size()) != n) ||
        (ends && static_cast<int64_t>(ends->size()) != n))
      return unsupported(op, "starts, ends and strides must list one value "
                             "per axis");
    if (opset() < 10)
      return needsOpset(op, 10);
    if (!decreaseFits(x, dec, op.getType()))
      return unsupported(op, "decrease_axis does not match the result rank");
    Value s = valueOf(rewriter, auxLoc(loc, "starts"), starts,
                      adaptor.getStartsTensor(), adaptor.getStartsTensorList());
    Value e = valueOf(rewriter, auxLoc(loc, "ends"), ends,
                      adaptor.getEndsTensor(), adaptor.getEndsTensorList());
    // Axes where start -1, end 0 means the last element.
    ArrayRef<int64_t> flags = op.getInferFlags();
    SmallVector<bool> last;
    for (int64_t i = 0; i < n; ++i)
      last.push_back(i < static_cast<int64_t>(flags.size()) && flags[i] == -1 &&
                     llvm::is_contained(dec, axes[i]));
    if (llvm::is_contained(last, true)) {
      auto i64 = rewriter.getI64Type();
      auto vecType = RankedTensorType::get({n}, i64);
      auto boolType = RankedTensorType::get({n}, rewriter.getI1Type());
      auto binary = [&](StringRef opType, StringRef what, Type t, Value l,
                        Value r) {
        return createOnnxOp(rewriter, auxLoc(loc, what), opType, t, {l, r})
            ->getResult(0);
      };
      Value minusOne = constI64(rewriter, auxLoc(loc, "minus_one"), {-1});
      Value zero = constI64(rewriter, auxLoc(loc, "zero"), {0});
      Value mask = constFromAttr(rewriter, auxLoc(loc, "last_mask"),
                                 DenseElementsAttr::get(boolType, last));
      Value startLast = binary("Equal", "start_is_last", boolType, s, minusOne);
      Value endZero = binary("Equal", "end_is_zero", boolType, e, zero);
      Value pair = binary("And", "last_pair", boolType, startLast, endZero);
      Value cond = binary("And", "last", boolType, pair, mask);
      e = createOnnxOp(
              rewriter, auxLoc(loc, "ends_last"), "Where", vecType,
              {cond, constI64(rewriter, auxLoc(loc, "max"), {kInt64Max}), e})
              ->getResult(0);
    }
    rewriter.replaceOp(op, sliceAndDecrease(rewriter, loc, opset(), x, s, e,
                                            axes, strides, dec, op.getType()));
    return success();
  }
};

struct FlipToOnnx : PdToOnnxPattern<pd::FlipOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FlipOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    SmallVector<int64_t> axes = normalizeAxes(op.getAxis(), getRank(x));
    if (axes.empty()) {
      rewriter.replaceOp(op,
                         identityAs(rewriter, op.getLoc(), x, op.getType()));
      return success();
    }
    if (opset() < 10)
      return needsOpset(op, 10);
    size_t n = axes.size();
    rewriter.replaceOp(op,
                       sliceConst(rewriter, op.getLoc(), opset(), x,
                                  SmallVector<int64_t>(n, -1),
                                  SmallVector<int64_t>(n, kInt64Min), axes,
                                  SmallVector<int64_t>(n, -1), op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// expand, expand_as, tile, repeat_interleave
//===----------------------------------------------------------------------===//

/// Paddle's -1 keeps the input dim; ONNX Expand broadcasts, so 1 does the
/// same, and Abs turns a run-time -1 into 1 (the other entries are >= 0).
struct ExpandToOnnx : PdToOnnxPattern<pd::ExpandOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ExpandOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 8)
      return needsOpset(op, 8);
    Location loc = op.getLoc();
    auto shape = constantOf(adaptor.getShapeTensor(),
                            adaptor.getExpandShapesTensor(), op.getShape());
    Value s;
    if (shape) {
      SmallVector<int64_t> dims = llvm::map_to_vector(
          *shape, [](int64_t d) { return d == -1 ? int64_t(1) : d; });
      s = constI64(rewriter, auxLoc(loc, "shape"), dims);
    } else {
      Value rt =
          runtimeOf(rewriter, auxLoc(loc, "shape"), adaptor.getShapeTensor(),
                    adaptor.getExpandShapesTensor());
      s = createOnnxOp(rewriter, auxLoc(loc, "shape"), "Abs", rt.getType(), rt)
              ->getResult(0);
    }
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Expand", op.getType(),
                                        {adaptor.getX(), s})
                               ->getResult(0));
    return success();
  }
};

struct ExpandAsToOnnx : PdToOnnxPattern<pd::ExpandAsOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ExpandAsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 8)
      return needsOpset(op, 8);
    Location loc = op.getLoc();
    Value s;
    if (adaptor.getY()) {
      s = shapeOf(rewriter, auxLoc(loc, "shape"), adaptor.getY());
    } else {
      SmallVector<int64_t> dims =
          llvm::map_to_vector(op.getTargetShape(), [](int64_t d) {
            return d == -1 ? int64_t(1) : d;
          });
      s = constI64(rewriter, auxLoc(loc, "shape"), dims);
    }
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Expand", op.getType(),
                                        {adaptor.getX(), s})
                               ->getResult(0));
    return success();
  }
};

/// Paddle pads repeat_times with leading 1s up to the input rank, or the
/// input with leading 1 dims up to the length of repeat_times; ONNX wants
/// one repeat per dim.
struct TileToOnnx : PdToOnnxPattern<pd::TileOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    int64_t rank = getRank(x);
    Value tensor = adaptor.getRepeatTimesTensor();
    ValueRange list = adaptor.getRepeatTimesTensorList();
    auto repeats = constantOf(tensor, list, op.getRepeatTimes());
    int64_t n = repeats ? static_cast<int64_t>(repeats->size())
                        : runtimeLength(tensor, list);
    if (ShapedType::isDynamic(n))
      return unsupported(op, "repeat_times of unknown length");
    if (n > rank) {
      SmallVector<int64_t> lead =
          llvm::to_vector(llvm::seq<int64_t>(0, n - rank));
      x = unsqueeze(rewriter, auxLoc(loc, "unsqueeze"), opset(), x, lead);
    }
    Value r;
    int64_t pad = std::max<int64_t>(rank - n, 0);
    if (repeats) {
      SmallVector<int64_t> all(pad, 1);
      llvm::append_range(all, *repeats);
      r = constI64(rewriter, auxLoc(loc, "repeats"), all);
    } else {
      r = runtimeOf(rewriter, auxLoc(loc, "repeat_times"), tensor, list);
      if (pad > 0)
        r = concat1D(rewriter, auxLoc(loc, "repeats"),
                     {constI64(rewriter, auxLoc(loc, "ones"),
                               SmallVector<int64_t>(pad, 1)),
                      r});
    }
    rewriter.replaceOp(op,
                       createOnnxOp(rewriter, loc, "Tile", op.getType(), {x, r})
                           ->getResult(0));
    return success();
  }
};

/// With a static dim and constant repeats, a Gather by the repeated
/// indices; with one repeat count on a dim of unknown size, a Tile of a new
/// dim merged into `dim`.
struct RepeatInterleaveToOnnx : PdToOnnxPattern<pd::RepeatInterleaveOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::RepeatInterleaveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    if (type.getRank() == 0)
      return unsupported(op, "0-D input");
    int64_t axis = normalizeAxis(op.getDim(), type.getRank());
    SmallVector<int64_t> repeats{static_cast<int64_t>(op.getRepeats())};
    if (adaptor.getRepeatsTensor()) {
      auto c = getConstantInts(adaptor.getRepeatsTensor());
      if (!c)
        return unsupported(op, "repeats given as a run-time tensor");
      repeats = *c;
    }
    int64_t dim = type.getDimSize(axis);
    if (!ShapedType::isDynamic(dim)) {
      if (repeats.size() != 1 && static_cast<int64_t>(repeats.size()) != dim)
        return unsupported(op, "repeats must have one entry per element");
      SmallVector<int64_t> index;
      for (int64_t i = 0; i < dim; ++i)
        index.append(repeats.size() == 1 ? repeats[0] : repeats[i], i);
      Value idx = constI64(rewriter, auxLoc(loc, "index"), index);
      rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Gather", op.getType(),
                                          {x, idx},
                                          {i64Attr(rewriter, "axis", axis)})
                                 ->getResult(0));
      return success();
    }
    if (repeats.size() != 1)
      return unsupported(op, "per-element repeats on a dim of unknown size");
    Value u =
        unsqueeze(rewriter, auxLoc(loc, "unsqueeze"), opset(), x, {axis + 1});
    SmallVector<int64_t> reps(type.getRank() + 1, 1);
    reps[axis + 1] = repeats[0];
    Value tiled =
        createOnnxOp(rewriter, auxLoc(loc, "tile"), "Tile",
                     withDim(u.getType(), axis + 1,
                             repeats[0] == 1 ? 1 : ShapedType::kDynamic),
                     {u, constI64(rewriter, auxLoc(loc, "repeats"), reps)})
            ->getResult(0);
    Value shape = mergeDimsShape(rewriter, loc, opset(), tiled, axis, axis + 1);
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "Reshape", op.getType(), {tiled, shape})
                ->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// gather, gather_nd, index_select
//===----------------------------------------------------------------------===//

/// Paddle's index is 1-D, 0-D (the axis goes away, as in ONNX) or [N, 1],
/// read as [N].
struct GatherToOnnx : PdToOnnxPattern<pd::GatherOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    FailureOr<int64_t> axis =
        axisOf(adaptor.getAxisTensor(), op.getAxis(), getRank(x));
    if (failed(axis))
      return unsupported(op, "axis given as a run-time tensor");
    Value index = adaptor.getIndex();
    if (getRank(index) == 2) {
      auto it = cast<RankedTensorType>(index.getType());
      index = reshapeTo(
          rewriter, auxLoc(loc, "index"), index, {-1},
          RankedTensorType::get({it.getDimSize(0)}, it.getElementType()));
    }
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "Gather", op.getType(),
                                        {x, index},
                                        {i64Attr(rewriter, "axis", *axis)})
                               ->getResult(0));
    return success();
  }
};

struct GatherNdToOnnx : PdToOnnxPattern<pd::GatherNdOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::GatherNdOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 11)
      return needsOpset(op, 11);
    Location loc = op.getLoc();
    auto it = cast<RankedTensorType>(adaptor.getIndex().getType());
    if (it.getRank() == 0 || it.getDimSize(it.getRank() - 1) == 0)
      return unsupported(op, "an index whose last dim is 0");
    Value index = castTo(rewriter, auxLoc(loc, "index"), adaptor.getIndex(),
                         rewriter.getI64Type());
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "GatherND", op.getType(),
                                        {adaptor.getX(), index})
                               ->getResult(0));
    return success();
  }
};

struct IndexSelectToOnnx : PdToOnnxPattern<pd::IndexSelectOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::IndexSelectOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    int64_t axis = normalizeAxis(op.getDim(), getRank(adaptor.getX()));
    rewriter.replaceOp(op, createOnnxOp(rewriter, op.getLoc(), "Gather",
                                        op.getType(),
                                        {adaptor.getX(), adaptor.getIndex()},
                                        {i64Attr(rewriter, "axis", axis)})
                               ->getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// pad3d, one_hot, tril_triu
//===----------------------------------------------------------------------===//

/// paddings = [left, right, top, bottom, front, back] pads W, H, D.
struct Pad3dToOnnx : PdToOnnxPattern<pd::Pad3dOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::Pad3dOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    if (getRank(x) != 5)
      return unsupported(op, "input must be 5-D");
    StringRef format = op.getDataFormat();
    if (format != "NCDHW" && format != "NDHWC")
      return unsupported(op, "data_format '" + format + "' is not supported");
    StringRef mode = op.getMode();
    StringRef onnxMode;
    if (mode == "constant")
      onnxMode = "constant";
    else if (mode == "reflect")
      onnxMode = "reflect";
    else if (mode == "replicate")
      onnxMode = "edge";
    else if (mode == "circular")
      onnxMode = "wrap";
    else
      return unsupported(op, "mode '" + mode + "' is not supported");
    if (onnxMode == "wrap" && opset() < 19)
      return needsOpset(op, 19);
    // Position of D, H, W in the 10 ONNX pads [begins..., ends...].
    int64_t d = format == "NCDHW" ? 2 : 1;
    auto onnxPads = [&](ArrayRef<int64_t> p) {
      SmallVector<int64_t> pads(10, 0);
      pads[d] = p[4], pads[d + 1] = p[2], pads[d + 2] = p[0];
      pads[5 + d] = p[5], pads[5 + d + 1] = p[3], pads[5 + d + 2] = p[1];
      return pads;
    };
    Value tensor = adaptor.getPaddingsTensor();
    auto paddings = constantOf(tensor, {}, op.getPaddings());
    if (paddings ? paddings->size() != 6 : runtimeLength(tensor, {}) != 6)
      return unsupported(op, "expects 6 paddings");
    if (!paddings && opset() < 11)
      return needsOpset(op, 11);
    SmallVector<NamedAttribute> attrs{
        rewriter.getNamedAttr("mode", rewriter.getStringAttr(onnxMode))};
    if (opset() < 11) {
      attrs.push_back(rewriter.getNamedAttr(
          "pads", rewriter.getDenseI64ArrayAttr(onnxPads(*paddings))));
      if (onnxMode == "constant")
        attrs.push_back(rewriter.getNamedAttr(
            "value", rewriter.getF32FloatAttr(op.getValue().convertToFloat())));
      rewriter.replaceOp(
          op, createOnnxOp(rewriter, loc, "Pad", op.getType(), x, attrs)
                  ->getResult(0));
      return success();
    }
    Value pads;
    if (paddings) {
      pads = constI64(rewriter, auxLoc(loc, "pads"), onnxPads(*paddings));
    } else {
      Value rt = toI64Vector(rewriter, auxLoc(loc, "paddings"), tensor);
      // Reorder the run-time paddings with one Gather.
      SmallVector<int64_t> order(10, 6); // index 6 reads a 0 appended below.
      order[d] = 4, order[d + 1] = 2, order[d + 2] = 0;
      order[5 + d] = 5, order[5 + d + 1] = 3, order[5 + d + 2] = 1;
      auto i64 = rewriter.getI64Type();
      Value withZero =
          concat1D(rewriter, auxLoc(loc, "paddings0"),
                   {rt, constI64(rewriter, auxLoc(loc, "zero"), {0})});
      pads = createOnnxOp(
                 rewriter, auxLoc(loc, "pads"), "Gather",
                 RankedTensorType::get({10}, i64),
                 {withZero, constI64(rewriter, auxLoc(loc, "order"), order)},
                 {i64Attr(rewriter, "axis", 0)})
                 ->getResult(0);
    }
    SmallVector<Value> operands{x, pads};
    if (onnxMode == "constant")
      operands.push_back(constOfType(rewriter, auxLoc(loc, "value"),
                                     getElementType(x),
                                     {op.getValue().convertToFloat()}));
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "Pad", op.getType(), operands, attrs)
                ->getResult(0));
    return success();
  }
};

/// With allow_out_of_range, Paddle's attribute promises zeros for indices
/// outside [0, depth) (Paddle 2.6's CPU kernel rejects them whatever the
/// flag). ONNX OneHot yields zeros for indices >= depth but wraps negative
/// ones (from opset 11; onnxruntime does at 9 too), so those are moved out
/// of range first.
struct OneHotToOnnx : PdToOnnxPattern<pd::OneHotOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::OneHotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 9)
      return needsOpset(op, 9);
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Type xt = getElementType(x);
    Value depth;
    if (adaptor.getDepthTensor())
      depth =
          toI64Vector(rewriter, auxLoc(loc, "depth"), adaptor.getDepthTensor());
    else
      depth = constI64(rewriter, auxLoc(loc, "depth"),
                       {static_cast<int64_t>(op.getDepth())});
    if (op.getAllowOutOfRange()) {
      auto boolType = withElementType(x.getType(), rewriter.getI1Type());
      Value zero = constOfType(rewriter, auxLoc(loc, "zero"), xt, {0});
      Value neg = createOnnxOp(rewriter, auxLoc(loc, "negative"), "Less",
                               boolType, {x, zero})
                      ->getResult(0);
      Value depthX = castTo(rewriter, auxLoc(loc, "depth_x"), depth, xt);
      x = createOnnxOp(rewriter, auxLoc(loc, "indices"), "Where", x.getType(),
                       {neg, depthX, x})
              ->getResult(0);
    }
    Value values = constOfType(rewriter, auxLoc(loc, "values"),
                               getElementType(op.getOut()), {0, 1},
                               /*scalar=*/false);
    rewriter.replaceOp(op, createOnnxOp(rewriter, loc, "OneHot", op.getType(),
                                        {x, depth, values},
                                        {i64Attr(rewriter, "axis", -1)})
                               ->getResult(0));
    return success();
  }
};

/// Trilu from opset 14; before, a constant mask over static matrix dims.
struct TrilTriuToOnnx : PdToOnnxPattern<pd::TrilTriuOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::TrilTriuOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    if (type.getRank() < 2)
      return unsupported(op, "input must have rank 2 or more");
    int64_t k = op.getDiagonal();
    bool lower = op.getLower();
    if (opset() >= 14) {
      rewriter.replaceOp(
          op, createOnnxOp(rewriter, loc, "Trilu", op.getType(),
                           {x, constI64(rewriter, auxLoc(loc, "k"), {k},
                                        /*scalar=*/true)},
                           {i64Attr(rewriter, "upper", lower ? 0 : 1)})
                  ->getResult(0));
      return success();
    }
    int64_t m = type.getDimSize(type.getRank() - 2);
    int64_t n = type.getDimSize(type.getRank() - 1);
    if (ShapedType::isDynamic(m) || ShapedType::isDynamic(n))
      return needsOpset(op, 14);
    if (opset() < 9)
      return needsOpset(op, 9);
    SmallVector<bool> mask;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        mask.push_back(lower ? j - i <= k : j - i >= k);
    auto maskType = RankedTensorType::get({m, n}, rewriter.getI1Type());
    Value cond = constFromAttr(rewriter, auxLoc(loc, "mask"),
                               DenseElementsAttr::get(maskType, mask));
    Value zero =
        constOfType(rewriter, auxLoc(loc, "zero"), type.getElementType(), {0});
    rewriter.replaceOp(
        op, createOnnxOp(rewriter, loc, "Where", op.getType(), {cond, x, zero})
                ->getResult(0));
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxTensorPatterns(RewritePatternSet &patterns,
                                               PdToOnnxState &state) {
  patterns.add<CastToOnnx, ShapeToOnnx, ReshapeToOnnx, TransposeToOnnx,
               SqueezeToOnnx, UnsqueezeToOnnx, FlattenToOnnx, ConcatToOnnx,
               SplitToOnnx, StackToOnnx, UnstackToOnnx, SliceToOnnx,
               StridedSliceToOnnx, FlipToOnnx, ExpandToOnnx, ExpandAsToOnnx,
               TileToOnnx, RepeatInterleaveToOnnx, GatherToOnnx, GatherNdToOnnx,
               IndexSelectToOnnx, Pad3dToOnnx, OneHotToOnnx, TrilTriuToOnnx>(
      patterns.getContext(), state);
}
