//===- PdOps.cpp - Paddle dialect ops and verifiers -----------------------===//
//
// Verifiers for what ODS cannot say. Each check cites the constraint it
// implements in docs/dialect-pd.md (`conv_c1`, ...). Dims that are unknown
// (`?`) are never an error: a check applies only where both sides are static.
//
//===----------------------------------------------------------------------===//

#include "dialects/pd/PdOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

#include <cstdlib>

using namespace mlir;
using namespace mlir::oar::pd;

namespace {

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

int64_t rankOf(Value v) { return tensorType(v).getRank(); }

bool isStatic(int64_t d) { return !ShapedType::isDynamic(d); }

/// Checks that `axis` lies in [-rank, rank) (axis_c1), or [-rank, rank] when
/// `inclusive`, for ops that insert a dim.
LogicalResult checkAxis(Operation *op, StringRef what, int64_t axis,
                        int64_t rank, bool inclusive = false) {
  int64_t hi = inclusive ? rank + 1 : rank;
  if (rank == 0 && !inclusive && (axis == 0 || axis == -1))
    return success(); // Paddle treats a 0-D tensor as having one axis.
  if (axis < -hi || axis >= hi)
    return op->emitOpError() << what << " " << axis
                             << " is out of range for rank " << rank;
  return success();
}

/// Paddle's broadcasting of two shapes: right-aligned (numpy) for axis -1
/// (elementwise_c1), aligned at `axis` otherwise (elementwise_c2). A dim of
/// size 1 on either side broadcasts.
LogicalResult checkBroadcast(Operation *op, Value x, Value y, int64_t axis) {
  ArrayRef<int64_t> xs = tensorType(x).getShape();
  ArrayRef<int64_t> ys = tensorType(y).getShape();
  if (xs == ys)
    return success(); // Paddle ignores axis for operands of one shape.
  int64_t xr = xs.size(), yr = ys.size();
  int64_t maxRank = std::max(xr, yr);
  // elementwise_c2: axis lies in [-max_rank, max_rank), and is -1 or 0 when
  // the ranks are equal.
  if (axis < -maxRank || axis >= maxRank)
    return op->emitOpError()
           << "axis " << axis << " is out of range for operands of rank " << xr
           << " and " << yr;
  if (xr == yr && axis != -1 && axis != 0)
    return op->emitOpError()
           << "axis " << axis << " must be -1 or 0 for operands of equal rank";
  if (axis == -1) {
    size_t n = std::min(xs.size(), ys.size());
    for (size_t i = 1; i <= n; ++i) {
      int64_t a = xs[xs.size() - i], b = ys[ys.size() - i];
      if (isStatic(a) && isStatic(b) && a != b && a != 1 && b != 1)
        return op->emitOpError()
               << "operand shapes " << tensorType(x) << " and " << tensorType(y)
               << " do not broadcast";
    }
    return success();
  }
  // elementwise_c2: a negative axis counts from |rank(x) - rank(y)| + 1.
  int64_t given = axis;
  if (axis < 0)
    axis += std::abs(xr - yr) + 1;
  // The operand of lower rank lines up with the other's dims from `axis`;
  // its trailing 1s are ignored (Paddle 1.x kernels trim them).
  ArrayRef<int64_t> big = xs, small = ys;
  if (yr > xr)
    std::swap(big, small);
  while (!small.empty() && small.back() == 1)
    small = small.drop_back();
  if (axis < 0 || axis + small.size() > big.size())
    return op->emitOpError()
           << "axis " << given << " does not place an operand of rank "
           << small.size() << " inside one of rank " << big.size();
  for (auto [i, d] : llvm::enumerate(small)) {
    int64_t b = big[axis + i];
    if (isStatic(d) && isStatic(b) && d != b && d != 1 && b != 1)
      return op->emitOpError() << "dim " << axis + i << " of size " << b
                               << " cannot broadcast with size " << d;
  }
  return success();
}

template <typename OpTy>
LogicalResult verifyElementwise(OpTy op) {
  return checkBroadcast(op, op.getX(), op.getY(),
                        static_cast<int64_t>(op.getAxis()));
}

template <typename OpTy>
LogicalResult verifyCompare(OpTy op) {
  // compare_c1: a comparison yields i1.
  if (!tensorType(op.getOut()).getElementType().isInteger(1))
    return op.emitOpError("result must have element type i1");
  return checkBroadcast(op, op.getX(), op.getY(),
                        static_cast<int64_t>(op.getAxis()));
}

template <typename OpTy>
LogicalResult verifyReduce(OpTy op) {
  if (op.getReduceAll())
    return success();
  int64_t rank = rankOf(op.getX());
  // axis_c1: every reduced dim lies in [-rank, rank).
  for (int64_t d : op.getDim())
    if (failed(checkAxis(op, "reduced dim", d, rank)))
      return failure();
  return success();
}

/// conv_c3: two positive strides, 2 paddings (symmetric) or 4, and a known
/// padding_algorithm; shared by the convolutions and pool2d.
LogicalResult checkWindow(Operation *op, ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> paddings, StringRef algorithm) {
  if (strides.size() != 2)
    return op->emitOpError("expects 2 strides, got ") << strides.size();
  if (llvm::any_of(strides, [](int64_t s) { return s <= 0; }))
    return op->emitOpError("strides must be positive");
  if (paddings.size() != 2 && paddings.size() != 4)
    return op->emitOpError("expects 2 or 4 paddings, got ")
           << paddings.size();
  if (algorithm != "EXPLICIT" && algorithm != "SAME" && algorithm != "VALID")
    return op->emitOpError("unknown padding_algorithm '") << algorithm << "'";
  return success();
}

int64_t channelDim(StringRef format) {
  return format == "NHWC" ? 3 : 1;
}

template <typename OpTy>
LogicalResult verifyConv(OpTy op) {
  // conv_c1: 4-D input and filter.
  if (rankOf(op.getInput()) != 4 || rankOf(op.getFilter()) != 4)
    return op.emitOpError("expects 4-D input and filter");
  if (failed(checkWindow(op, op.getStrides(), op.getPaddings(),
                         op.getPaddingAlgorithm())))
    return failure();
  if (op.getDilations().size() != 2) // conv_c3 as well.
    return op.emitOpError("expects 2 dilations");
  int64_t groups = static_cast<int64_t>(op.getGroups());
  if (groups <= 0)
    return op.emitOpError("groups must be positive");
  // conv_c2: input channels == filter in-channels * groups.
  int64_t c = tensorType(op.getInput())
                  .getDimSize(channelDim(op.getDataFormat()));
  int64_t fc = tensorType(op.getFilter()).getDimSize(1);
  if (isStatic(c) && isStatic(fc) && c != fc * groups)
    return op.emitOpError() << "input has " << c << " channels but filter "
                            << "expects " << fc << " x " << groups
                            << " groups";
  return success();
}

} // namespace

#define ELEMENTWISE_VERIFIER(OP)                                               \
  LogicalResult OP::verify() { return verifyElementwise(*this); }
ELEMENTWISE_VERIFIER(AddOp)
ELEMENTWISE_VERIFIER(SubtractOp)
ELEMENTWISE_VERIFIER(MultiplyOp)
ELEMENTWISE_VERIFIER(DivideOp)
ELEMENTWISE_VERIFIER(ElementwisePowOp)
ELEMENTWISE_VERIFIER(MaximumOp)
ELEMENTWISE_VERIFIER(MinimumOp)
ELEMENTWISE_VERIFIER(RemainderOp)
ELEMENTWISE_VERIFIER(FloorDivideOp)
#undef ELEMENTWISE_VERIFIER

#define COMPARE_VERIFIER(OP)                                                   \
  LogicalResult OP::verify() { return verifyCompare(*this); }
COMPARE_VERIFIER(EqualOp)
COMPARE_VERIFIER(NotEqualOp)
COMPARE_VERIFIER(LessThanOp)
COMPARE_VERIFIER(LessEqualOp)
COMPARE_VERIFIER(GreaterThanOp)
COMPARE_VERIFIER(GreaterEqualOp)
#undef COMPARE_VERIFIER

#define REDUCE_VERIFIER(OP)                                                    \
  LogicalResult OP::verify() { return verifyReduce(*this); }
REDUCE_VERIFIER(MeanOp)
REDUCE_VERIFIER(SumOp)
REDUCE_VERIFIER(MaxOp)
REDUCE_VERIFIER(MinOp)
REDUCE_VERIFIER(AllOp)
REDUCE_VERIFIER(AnyOp)
REDUCE_VERIFIER(ProdOp)
#undef REDUCE_VERIFIER

LogicalResult Conv2dOp::verify() { return verifyConv(*this); }
LogicalResult DepthwiseConv2dOp::verify() { return verifyConv(*this); }

LogicalResult Conv2dTransposeOp::verify() {
  if (rankOf(getInput()) != 4 || rankOf(getFilter()) != 4)
    return emitOpError("expects 4-D input and filter");
  if (failed(checkWindow(*this, getStrides(), getPaddings(),
                         getPaddingAlgorithm())))
    return failure();
  if (getDilations().size() != 2)
    return emitOpError("expects 2 dilations");
  if (static_cast<int64_t>(getGroups()) <= 0)
    return emitOpError("groups must be positive");
  // conv_c4: the filter of a transposed convolution is [C_in, C_out/g, ...].
  int64_t c = tensorType(getInput()).getDimSize(channelDim(getDataFormat()));
  int64_t fc = tensorType(getFilter()).getDimSize(0);
  if (isStatic(c) && isStatic(fc) && c != fc)
    return emitOpError() << "input has " << c << " channels but filter "
                         << "expects " << fc;
  return success();
}

LogicalResult Pool2dOp::verify() {
  // pool_c1: a 4-D input, two window sizes, max or avg pooling.
  if (rankOf(getX()) != 4)
    return emitOpError("expects a 4-D input");
  if (getKsize().size() != 2)
    return emitOpError("expects 2 window sizes (ksize), got ")
           << getKsize().size();
  if (getPoolingType() != "max" && getPoolingType() != "avg")
    return emitOpError("unknown pooling_type '") << getPoolingType() << "'";
  return checkWindow(*this, getStrides(), getPaddings(),
                     getPaddingAlgorithm());
}

LogicalResult BatchNormOp::verify() {
  int64_t rank = rankOf(getX());
  // batch_norm_c1: an input of rank >= 2 whose channel dim is C.
  if (rank < 2)
    return emitOpError("expects an input of rank >= 2");
  int64_t c = tensorType(getX()).getDimSize(
      getDataLayout() == "NHWC" ? rank - 1 : 1);
  // batch_norm_c1: scale, bias, mean and variance are [C].
  for (Value v : {getScale(), getBias(), getMean(), getVariance()}) {
    if (!v)
      continue;
    auto t = tensorType(v);
    if (t.getRank() != 1)
      return emitOpError("expects 1-D scale, bias, mean and variance");
    if (isStatic(c) && isStatic(t.getDimSize(0)) && t.getDimSize(0) != c)
      return emitOpError() << "statistics have " << t.getDimSize(0)
                           << " channels, input has " << c;
  }
  return success();
}

LogicalResult LayerNormOp::verify() {
  int64_t rank = rankOf(getX());
  int64_t axis = static_cast<int64_t>(getBeginNormAxis());
  // layer_norm_c1: begin_norm_axis lies in [0, rank).
  if (axis < 0 || (rank > 0 && axis >= rank))
    return emitOpError() << "begin_norm_axis " << axis
                         << " is out of range for rank " << rank;
  return success();
}

LogicalResult SoftmaxOp::verify() {
  return checkAxis(*this, "axis", static_cast<int64_t>(getAxis()),
                   rankOf(getX()));
}

LogicalResult MatmulOp::verify() {
  auto x = tensorType(getX()), y = tensorType(getY());
  // matmul_c1: operands of rank >= 1 ...
  if (x.getRank() == 0 || y.getRank() == 0)
    return emitOpError("operands must have rank >= 1");
  // ... whose contraction dims agree.
  int64_t kx = x.getRank() == 1 ? x.getDimSize(0)
                                : x.getDimSize(getTransposeX()
                                                   ? x.getRank() - 2
                                                   : x.getRank() - 1);
  int64_t ky = y.getRank() == 1 ? y.getDimSize(0)
                                : y.getDimSize(getTransposeY()
                                                   ? y.getRank() - 1
                                                   : y.getRank() - 2);
  if (isStatic(kx) && isStatic(ky) && kx != ky)
    return emitOpError() << "contraction dims differ: " << kx << " vs " << ky;
  return success();
}

LogicalResult ReshapeOp::verify() {
  if (getShapeTensor() || !getShapeTensorList().empty())
    return success(); // The shape attribute is overridden.
  ArrayRef<int64_t> shape = getShape();
  // reshape_c1: at most one -1; no value below -1.
  if (llvm::count(shape, -1) > 1)
    return emitOpError("shape has more than one -1");
  if (llvm::any_of(shape, [](int64_t d) { return d < -1; }))
    return emitOpError("shape has a dim below -1");
  auto in = tensorType(getX()), out = tensorType(getOut());
  // reshape_c2: the result rank is the length of shape, and static sizes
  // agree.
  if (out.getRank() != static_cast<int64_t>(shape.size()))
    return emitOpError() << "result rank " << out.getRank()
                         << " differs from the shape's length "
                         << shape.size();
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << in << " into " << out;
  return success();
}

LogicalResult TransposeOp::verify() {
  ArrayRef<int64_t> perm = getAxis();
  int64_t rank = rankOf(getX());
  // transpose_c1: axis is a permutation of the dims.
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOpError() << "permutation of size " << perm.size()
                         << " for rank " << rank;
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t p : perm) {
    int64_t q = p < 0 ? p + rank : p;
    if (q < 0 || q >= rank || !seen.insert(q).second)
      return emitOpError("axis is not a permutation");
  }
  if (rankOf(getOut()) != rank) // transpose_c1 as well.
    return emitOpError("result rank differs from the input's");
  return success();
}

LogicalResult FlattenOp::verify() {
  int64_t rank = rankOf(getX());
  if (rank == 0)
    return success();
  // The I64Attr getters return uint64_t: read the attributes signed.
  const int64_t startAttr = getStartAxisAttr().getInt();
  const int64_t stopAttr = getStopAxisAttr().getInt();
  // flatten_c1: -rank <= start_axis <= stop_axis < rank, after wrapping.
  int64_t start = startAttr < 0 ? startAttr + rank : startAttr;
  int64_t stop = stopAttr < 0 ? stopAttr + rank : stopAttr;
  if (start < 0 || stop >= rank || start > stop)
    return emitOpError() << "bad axis range [" << startAttr << ", "
                         << stopAttr << "] for rank " << rank;
  return success();
}

LogicalResult ConcatOp::verify() {
  // concat_c1: one input or more, all of one rank; axis_c1 for axis.
  if (getX().empty())
    return emitOpError("expects at least one input");
  int64_t rank = rankOf(getX().front());
  for (Value v : getX())
    if (rankOf(v) != rank)
      return emitOpError("inputs differ in rank");
  if (getAxisTensor())
    return success();
  return checkAxis(*this, "axis", static_cast<int64_t>(getAxis()), rank);
}

LogicalResult SplitOp::verify() {
  int64_t num = getNum();
  ArrayRef<int64_t> sections = getSections();
  // split_c1: num >= 0; num > 0 or sections; one result per part.
  if (num < 0)
    return emitOpError("num must not be negative");
  if (num == 0 && sections.empty() && getSectionsTensorList().empty())
    return emitOpError("expects num > 0 or sections");
  size_t expected = num > 0 ? num : sections.size();
  if (getSectionsTensorList().empty() && expected != getOut().size())
    return emitOpError() << "expects " << expected << " results, has "
                         << getOut().size();
  if (getAxisTensor())
    return success();
  return checkAxis(*this, "axis", static_cast<int64_t>(getAxis()),
                   rankOf(getX()));
}

LogicalResult SliceOp::verify() {
  size_t n = getAxes().size();
  bool starts = !getStartsTensor() && getStartsTensorList().empty();
  bool ends = !getEndsTensor() && getEndsTensorList().empty();
  // slice_c1: starts and ends given as attributes list one value per axis.
  if ((starts && getStarts().size() != n) || (ends && getEnds().size() != n))
    return emitOpError() << "expects as many starts and ends as axes (" << n
                         << ")";
  int64_t rank = rankOf(getInput());
  for (int64_t a : getAxes()) // axis_c1
    if (failed(checkAxis(*this, "axis", a, rank)))
      return failure();
  return success();
}

LogicalResult ShapeOp::verify() {
  auto out = tensorType(getOut());
  // shape_c1: a 1-D integer tensor with one element per input dim.
  if (out.getRank() != 1 || !out.getElementType().isSignlessInteger())
    return emitOpError("result must be a 1-D integer tensor");
  int64_t n = out.getDimSize(0);
  if (isStatic(n) && n != rankOf(getInput()))
    return emitOpError() << "result has " << n << " elements for rank "
                         << rankOf(getInput());
  return success();
}

LogicalResult CastOp::verify() {
  // dtype_c1: a dtype attribute names the result element type.
  if (getOutDtype() != tensorType(getOut()).getElementType())
    return emitOpError() << "out_dtype " << getOutDtype()
                         << " differs from the result element type";
  return success();
}

LogicalResult FullOp::verify() {
  auto out = tensorType(getOut());
  // dtype_c1.
  if (getDtype() != out.getElementType())
    return emitOpError() << "dtype " << getDtype()
                         << " differs from the result element type";
  if (getShapeTensor() || !getShapeTensorList().empty())
    return success();
  ArrayRef<int64_t> shape = getShape();
  // full_c1: without shape tensors, the shape attribute is the result shape.
  if (static_cast<int64_t>(shape.size()) != out.getRank())
    return emitOpError() << "shape has " << shape.size()
                         << " dims, result rank is " << out.getRank();
  for (auto [d, r] : llvm::zip(shape, out.getShape()))
    if (d >= 0 && isStatic(r) && d != r)
      return emitOpError("result shape differs from the shape attribute");
  return success();
}

LogicalResult AssignValueOp::verify() {
  auto out = tensorType(getOut());
  // dtype_c1.
  if (getDtype() != out.getElementType())
    return emitOpError() << "dtype " << getDtype()
                         << " differs from the result element type";
  int64_t numel = 1;
  for (int64_t d : getShape())
    numel *= d;
  size_t lists[] = {getBoolValues().size(), getFp32Values().size(),
                    getFp64Values().size(), getInt32Values().size(),
                    getInt64Values().size()};
  // assign_value_c1: exactly one values list, holding numel(shape) values.
  if (llvm::count_if(lists, [](size_t n) { return n != 0; }) > 1)
    return emitOpError("has values in more than one list");
  size_t n = llvm::sum_of(lists);
  if (static_cast<int64_t>(n) != numel)
    return emitOpError() << "has " << n << " values for shape of " << numel
                         << " elements";
  return success();
}

LogicalResult ParameterOp::verify() {
  // parameter_c1: a parameter names its Paddle variable.
  if (getName().empty())
    return emitOpError("needs a name");
  return success();
}

#define GET_OP_CLASSES
#include "dialects/pd/PdOps.cpp.inc"
