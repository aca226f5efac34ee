//===- FoldConstants.cpp - The onnx-fold-constants pass -------------------===//
//
// Evaluates shape computations on the host: Shape and Size of static shapes,
// and the small integer and float ops that shape computations are made of
// when their inputs are `onnx.Constant`. Results above kMaxFoldElements are
// left alone, and a dense_resource constant or one with other users (a
// weight) is only read when it and the result are small, so that no weight
// is copied or turned into an inline attribute.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"
#include "passes/Onnx/Utils.h"

#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <limits>

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXFOLDCONSTANTS
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::onnx_utils;

namespace {

/// A constant operand with other users, or a dense_resource one (a weight),
/// is read only up to this size, and then only for a result up to this size:
/// weights stay resources, and are not copied.
constexpr int64_t kMaxWeightElements = 4096;

using Shape = SmallVector<int64_t>;
using MaybeTensor = std::optional<HostTensor>;

/// The element count of `shape`; over kMaxFoldElements when it is over the
/// cap (or a dim is negative), without overflowing.
int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && n > kMaxFoldElements / d))
      return kMaxFoldElements + 1;
    n *= d;
  }
  return n;
}

Shape stridesOf(ArrayRef<int64_t> shape) {
  Shape strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Steps the row-major multi-index `index` to the next element of `shape`.
void advance(MutableArrayRef<int64_t> index, ArrayRef<int64_t> shape) {
  for (int64_t i = static_cast<int64_t>(shape.size()) - 1; i >= 0; --i) {
    if (++index[i] < shape[i])
      return;
    index[i] = 0;
  }
}

/// An empty tensor of `shape` and `elementType`, its storage sized.
HostTensor makeTensor(ArrayRef<int64_t> shape, Type elementType) {
  HostTensor t;
  t.shape.assign(shape.begin(), shape.end());
  t.elementType = elementType;
  if (t.isFloat())
    t.floats.resize(t.size());
  else
    t.ints.resize(t.size());
  return t;
}

/// Copies element `from` of `src` to element `to` of `dst` (same kind).
void copyElement(HostTensor &dst, int64_t to, const HostTensor &src,
                 int64_t from) {
  if (dst.isFloat())
    dst.floats[to] = src.floats[from];
  else
    dst.ints[to] = src.ints[from];
}

/// Multidirectional (numpy) broadcast of `shapes`.
std::optional<Shape> broadcastShapes(ArrayRef<Shape> shapes) {
  size_t rank = 0;
  for (const Shape &s : shapes)
    rank = std::max(rank, s.size());
  Shape out(rank, 1);
  for (const Shape &s : shapes) {
    size_t offset = rank - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      int64_t &o = out[offset + i];
      if (s[i] == o || s[i] == 1)
        continue;
      if (o != 1)
        return std::nullopt;
      o = s[i];
    }
  }
  return out;
}

/// For each element of `out` (row-major), the index of the element of `in`
/// that broadcasting maps to it.
SmallVector<int64_t> broadcastIndices(ArrayRef<int64_t> out,
                                      ArrayRef<int64_t> in) {
  size_t offset = out.size() - in.size();
  Shape inStrides = stridesOf(in);
  int64_t n = numElements(out);
  SmallVector<int64_t> result(n);
  Shape index(out.size(), 0);
  for (int64_t k = 0; k < n; ++k) {
    int64_t src = 0;
    for (size_t i = 0; i < in.size(); ++i)
      if (in[i] != 1)
        src += index[offset + i] * inStrides[i];
    result[k] = src;
    advance(index, out);
  }
  return result;
}

Type resultElementType(Operation *op) {
  return cast<ShapedType>(op->getResult(0).getType()).getElementType();
}

//===----------------------------------------------------------------------===//
// Folders: each evaluates one op type, or returns nothing.
//===----------------------------------------------------------------------===//

MaybeTensor foldShape(Operation *op) {
  auto type = dyn_cast<RankedTensorType>(op->getOperand(0).getType());
  if (!type)
    return std::nullopt;
  int64_t rank = type.getRank();
  auto clampDim = [&](int64_t d) {
    if (d < 0)
      d += rank;
    return std::clamp<int64_t>(d, 0, rank);
  };
  int64_t start = 0, end = rank;
  if (auto s = op->getAttrOfType<IntegerAttr>("start"))
    start = clampDim(s.getInt());
  if (auto e = op->getAttrOfType<IntegerAttr>("end"))
    end = clampDim(e.getInt());
  HostTensor t;
  t.elementType = IntegerType::get(op->getContext(), 64);
  for (int64_t i = start; i < end; ++i) {
    if (type.isDynamicDim(i))
      return std::nullopt;
    t.ints.push_back(type.getDimSize(i));
  }
  t.shape = {static_cast<int64_t>(t.ints.size())};
  return t;
}

MaybeTensor foldSize(Operation *op) {
  std::optional<Shape> shape = getStaticShape(op->getOperand(0));
  if (!shape)
    return std::nullopt;
  HostTensor t;
  t.elementType = IntegerType::get(op->getContext(), 64);
  int64_t n = 1;
  for (int64_t d : *shape)
    n *= d;
  t.ints = {n};
  return t;
}

MaybeTensor foldIdentity(Operation *op) {
  return readConstant(op->getOperand(0));
}

MaybeTensor foldGather(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  MaybeTensor indices = readConstant(op->getOperand(1));
  if (!data || !indices || indices->isFloat() || data->shape.empty())
    return std::nullopt;
  int64_t rank = data->shape.size();
  int64_t axisAttr = 0;
  if (auto a = op->getAttrOfType<IntegerAttr>("axis"))
    axisAttr = a.getInt();
  std::optional<int64_t> axis = normalizeAxis(axisAttr, rank);
  if (!axis)
    return std::nullopt;
  int64_t dim = data->shape[*axis];
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < *axis; ++i)
    outer *= data->shape[i];
  for (int64_t i = *axis + 1; i < rank; ++i)
    inner *= data->shape[i];
  Shape outShape(data->shape.begin(), data->shape.begin() + *axis);
  outShape.append(indices->shape);
  outShape.append(data->shape.begin() + *axis + 1, data->shape.end());
  if (numElements(outShape) > kMaxFoldElements)
    return std::nullopt;
  HostTensor out = makeTensor(outShape, data->elementType);
  int64_t count = indices->size(), k = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < count; ++j) {
      int64_t idx = indices->ints[j];
      if (idx < 0)
        idx += dim;
      if (idx < 0 || idx >= dim)
        return std::nullopt;
      for (int64_t i = 0; i < inner; ++i)
        copyElement(out, k++, *data, (o * dim + idx) * inner + i);
    }
  return out;
}

MaybeTensor foldConcat(Operation *op) {
  SmallVector<HostTensor> inputs;
  for (Value v : op->getOperands()) {
    MaybeTensor t = readConstant(v);
    if (!t)
      return std::nullopt;
    inputs.push_back(std::move(*t));
  }
  if (inputs.empty())
    return std::nullopt;
  int64_t rank = inputs[0].shape.size();
  std::optional<int64_t> axis =
      normalizeAxis(op->getAttrOfType<IntegerAttr>("axis").getInt(), rank);
  if (!axis)
    return std::nullopt;
  Shape outShape = inputs[0].shape;
  outShape[*axis] = 0;
  for (const HostTensor &t : inputs) {
    if (static_cast<int64_t>(t.shape.size()) != rank ||
        t.elementType != inputs[0].elementType)
      return std::nullopt;
    for (int64_t i = 0; i < rank; ++i)
      if (i != *axis && t.shape[i] != outShape[i])
        return std::nullopt;
    outShape[*axis] += t.shape[*axis];
  }
  if (numElements(outShape) > kMaxFoldElements)
    return std::nullopt;
  HostTensor out = makeTensor(outShape, inputs[0].elementType);
  int64_t outer = 1;
  for (int64_t i = 0; i < *axis; ++i)
    outer *= outShape[i];
  int64_t k = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const HostTensor &t : inputs) {
      int64_t chunk = t.size() / outer;
      for (int64_t i = 0; i < chunk; ++i)
        copyElement(out, k++, t, o * chunk + i);
    }
  return out;
}

MaybeTensor foldSlice(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  if (!data)
    return std::nullopt;
  std::optional<Shape> starts = readAttrOrOperand(op, 1, "starts");
  std::optional<Shape> ends = readAttrOrOperand(op, 2, "ends");
  std::optional<Shape> axes = readAttrOrOperand(op, 3, "axes");
  Value stepsIn = optionalOperand(op, 4);
  std::optional<Shape> steps = stepsIn ? readIntList(stepsIn) : Shape();
  if (!starts || !ends || !axes || !steps || starts->size() != ends->size())
    return std::nullopt;
  int64_t rank = data->shape.size();
  size_t n = starts->size();
  if (axes->empty())
    for (size_t i = 0; i < n; ++i)
      axes->push_back(i);
  if (steps->empty())
    steps->assign(n, 1);
  if (axes->size() != n || steps->size() != n)
    return std::nullopt;
  Shape begin(rank, 0), step(rank, 1), outShape = data->shape;
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < n; ++i) {
    std::optional<int64_t> axis = normalizeAxis((*axes)[i], rank);
    if (!axis || seen[*axis] || (*steps)[i] == 0)
      return std::nullopt;
    seen[*axis] = true;
    int64_t dim = data->shape[*axis], s = (*steps)[i];
    int64_t b = (*starts)[i], e = (*ends)[i];
    if (b < 0)
      b += dim;
    if (e < 0)
      e += dim;
    // Counts written so that huge steps (INT64_MIN included) cannot overflow.
    int64_t count;
    if (s > 0) {
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      count = e > b ? (e - b - 1) / s + 1 : 0;
    } else {
      b = std::clamp<int64_t>(b, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      count = b > e ? (s == std::numeric_limits<int64_t>::min()
                           ? 1
                           : (b - e - 1) / -s + 1)
                    : 0;
    }
    begin[*axis] = b;
    step[*axis] = s;
    outShape[*axis] = count;
  }
  HostTensor out = makeTensor(outShape, data->elementType);
  Shape inStrides = stridesOf(data->shape);
  Shape index(rank, 0);
  for (int64_t k = 0, total = out.size(); k < total; ++k) {
    int64_t src = 0;
    for (int64_t i = 0; i < rank; ++i)
      src += (begin[i] + index[i] * step[i]) * inStrides[i];
    copyElement(out, k, *data, src);
    advance(index, outShape);
  }
  return out;
}

MaybeTensor foldUnsqueeze(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  std::optional<Shape> axes = readAttrOrOperand(op, 1, "axes");
  if (!data || !axes || axes->empty())
    return std::nullopt;
  int64_t outRank = data->shape.size() + axes->size();
  SmallVector<bool> inserted(outRank, false);
  for (int64_t a : *axes) {
    std::optional<int64_t> axis = normalizeAxis(a, outRank);
    if (!axis || inserted[*axis])
      return std::nullopt;
    inserted[*axis] = true;
  }
  Shape shape;
  for (int64_t i = 0, src = 0; i < outRank; ++i)
    shape.push_back(inserted[i] ? 1 : data->shape[src++]);
  data->shape = shape;
  return data;
}

MaybeTensor foldSqueeze(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  std::optional<Shape> axes = readAttrOrOperand(op, 1, "axes");
  if (!data || !axes)
    return std::nullopt;
  int64_t rank = data->shape.size();
  SmallVector<bool> dropped(rank, false);
  for (int64_t a : *axes) {
    std::optional<int64_t> axis = normalizeAxis(a, rank);
    if (!axis || data->shape[*axis] != 1)
      return std::nullopt;
    dropped[*axis] = true;
  }
  Shape shape;
  for (int64_t i = 0; i < rank; ++i)
    if (!(axes->empty() ? data->shape[i] == 1 : dropped[i]))
      shape.push_back(data->shape[i]);
  data->shape = shape;
  return data;
}

MaybeTensor foldReshape(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  std::optional<Shape> shape = readIntList(op->getOperand(1));
  if (!data || !shape)
    return std::nullopt;
  bool allowZero = false;
  if (auto a = op->getAttrOfType<IntegerAttr>("allowzero"))
    allowZero = a.getInt() != 0;
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < shape->size(); ++i) {
    int64_t &d = (*shape)[i];
    if (d == 0 && !allowZero) {
      if (i >= data->shape.size())
        return std::nullopt;
      d = data->shape[i];
    }
    if (d == -1) {
      if (inferred >= 0)
        return std::nullopt;
      inferred = i;
      continue;
    }
    if (d < 0 || (d != 0 && known > std::numeric_limits<int64_t>::max() / d))
      return std::nullopt;
    known *= d;
  }
  int64_t total = data->size();
  if (inferred >= 0) {
    if (known == 0 || total % known != 0)
      return std::nullopt;
    (*shape)[inferred] = total / known;
  } else if (known != total) {
    return std::nullopt;
  }
  data->shape = *shape;
  return data;
}

MaybeTensor foldCast(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  Type to = resultElementType(op);
  if (!data || !isHostElementType(to))
    return std::nullopt;
  if (data->isFloat()) {
    if (auto it = dyn_cast<IntegerType>(to); it && it.getWidth() > 1) {
      // Out of range (and NaN) is undefined in ONNX: leave it to the runtime.
      double lo = it.isUnsigned() ? 0.0 : -std::ldexp(1.0, it.getWidth() - 1);
      double hi =
          std::ldexp(1.0, it.isUnsigned() ? it.getWidth() : it.getWidth() - 1);
      for (double v : data->floats)
        if (!(std::trunc(v) >= lo && std::trunc(v) < hi))
          return std::nullopt;
    }
  }
  return convertTo(*data, to);
}

/// Integer and float arithmetic of the binary ops.
enum class BinaryKind { Add, Sub, Mul, Div, Equal };

MaybeTensor foldBinary(Operation *op, BinaryKind kind) {
  MaybeTensor a = readConstant(op->getOperand(0));
  MaybeTensor b = readConstant(op->getOperand(1));
  if (!a || !b || a->elementType != b->elementType)
    return std::nullopt;
  std::optional<Shape> outShape = broadcastShapes({a->shape, b->shape});
  if (!outShape || numElements(*outShape) > kMaxFoldElements)
    return std::nullopt;
  SmallVector<int64_t> ia = broadcastIndices(*outShape, a->shape);
  SmallVector<int64_t> ib = broadcastIndices(*outShape, b->shape);
  HostTensor out = makeTensor(*outShape, a->elementType);
  int64_t n = out.size();
  if (a->isFloat()) {
    for (int64_t k = 0; k < n; ++k) {
      double x = a->floats[ia[k]], y = b->floats[ib[k]];
      switch (kind) {
      case BinaryKind::Add:
        out.floats[k] = x + y;
        break;
      case BinaryKind::Sub:
        out.floats[k] = x - y;
        break;
      case BinaryKind::Mul:
        out.floats[k] = x * y;
        break;
      case BinaryKind::Div:
        out.floats[k] = x / y;
        break;
      case BinaryKind::Equal:
        out.floats[k] = x == y;
        break;
      }
    }
  } else {
    bool isUnsigned = cast<IntegerType>(a->elementType).isUnsigned();
    for (int64_t k = 0; k < n; ++k) {
      int64_t x = a->ints[ia[k]], y = b->ints[ib[k]];
      uint64_t ux = x, uy = y;
      switch (kind) {
      case BinaryKind::Add:
        out.ints[k] = ux + uy;
        break;
      case BinaryKind::Sub:
        out.ints[k] = ux - uy;
        break;
      case BinaryKind::Mul:
        out.ints[k] = ux * uy;
        break;
      case BinaryKind::Div:
        // C++ division truncates toward zero, as onnxruntime's integer Div.
        if (y == 0 || (!isUnsigned &&
                       x == std::numeric_limits<int64_t>::min() && y == -1))
          return std::nullopt;
        out.ints[k] = isUnsigned ? static_cast<int64_t>(ux / uy) : x / y;
        break;
      case BinaryKind::Equal:
        out.ints[k] = x == y;
        break;
      }
    }
  }
  // Integer results wrap to the width, float results round once more,
  // Equal's 0/1 become bools.
  Type resultType = kind == BinaryKind::Equal
                        ? IntegerType::get(op->getContext(), 1)
                        : a->elementType;
  return convertTo(out, resultType);
}

MaybeTensor foldWhere(Operation *op) {
  MaybeTensor c = readConstant(op->getOperand(0));
  MaybeTensor x = readConstant(op->getOperand(1));
  MaybeTensor y = readConstant(op->getOperand(2));
  if (!c || !x || !y || c->isFloat() || x->elementType != y->elementType)
    return std::nullopt;
  std::optional<Shape> outShape =
      broadcastShapes({c->shape, x->shape, y->shape});
  if (!outShape || numElements(*outShape) > kMaxFoldElements)
    return std::nullopt;
  SmallVector<int64_t> ic = broadcastIndices(*outShape, c->shape);
  SmallVector<int64_t> ix = broadcastIndices(*outShape, x->shape);
  SmallVector<int64_t> iy = broadcastIndices(*outShape, y->shape);
  HostTensor out = makeTensor(*outShape, x->elementType);
  for (int64_t k = 0, n = out.size(); k < n; ++k) {
    if (c->ints[ic[k]])
      copyElement(out, k, *x, ix[k]);
    else
      copyElement(out, k, *y, iy[k]);
  }
  return out;
}

/// Integer Range only: float Range accumulates rounding in the runtime.
MaybeTensor foldRange(Operation *op) {
  MaybeTensor start = readConstant(op->getOperand(0));
  MaybeTensor limit = readConstant(op->getOperand(1));
  MaybeTensor delta = readConstant(op->getOperand(2));
  if (!start || !limit || !delta || start->isFloat() || start->size() != 1 ||
      limit->size() != 1 || delta->size() != 1 ||
      start->elementType != limit->elementType ||
      start->elementType != delta->elementType)
    return std::nullopt;
  int64_t s = start->ints[0], l = limit->ints[0], d = delta->ints[0];
  if (d == 0)
    return std::nullopt;
  __int128 span = static_cast<__int128>(l) - s;
  __int128 count = 0;
  if (d > 0 && span > 0)
    count = (span + d - 1) / d;
  else if (d < 0 && span < 0)
    count =
        (-span + (-static_cast<__int128>(d)) - 1) / -static_cast<__int128>(d);
  if (count > kMaxFoldElements)
    return std::nullopt;
  HostTensor out =
      makeTensor({static_cast<int64_t>(count)}, start->elementType);
  for (int64_t i = 0; i < count; ++i) // wraps, as the runtime's would
    out.ints[i] = static_cast<int64_t>(static_cast<uint64_t>(s) +
                                       static_cast<uint64_t>(i) *
                                           static_cast<uint64_t>(d));
  return convertTo(out, start->elementType);
}

MaybeTensor foldConstantOfShape(Operation *op) {
  std::optional<Shape> shape = readIntList(op->getOperand(0));
  Type elementType = resultElementType(op);
  if (!shape || !isHostElementType(elementType) ||
      numElements(*shape) > kMaxFoldElements)
    return std::nullopt;
  HostTensor value;
  value.shape = {};
  value.elementType = elementType;
  if (auto attr = op->getAttrOfType<ElementsAttr>("value")) {
    MaybeTensor v = readElements(attr, 1);
    if (!v || v->size() != 1 || v->elementType != elementType)
      return std::nullopt;
    value = *v;
  } else if (elementType.isF32()) {
    value.floats = {0.0};
  } else {
    return std::nullopt;
  }
  HostTensor out = makeTensor(*shape, elementType);
  for (int64_t k = 0, n = out.size(); k < n; ++k)
    copyElement(out, k, value, 0);
  return out;
}

MaybeTensor foldExpand(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  std::optional<Shape> shape = readIntList(op->getOperand(1));
  if (!data || !shape)
    return std::nullopt;
  std::optional<Shape> outShape = broadcastShapes({data->shape, *shape});
  if (!outShape || numElements(*outShape) > kMaxFoldElements)
    return std::nullopt;
  SmallVector<int64_t> indices = broadcastIndices(*outShape, data->shape);
  HostTensor out = makeTensor(*outShape, data->elementType);
  for (int64_t k = 0, n = out.size(); k < n; ++k)
    copyElement(out, k, *data, indices[k]);
  return out;
}

MaybeTensor foldTranspose(Operation *op) {
  MaybeTensor data = readConstant(op->getOperand(0));
  if (!data)
    return std::nullopt;
  int64_t rank = data->shape.size();
  Shape perm;
  if (auto p = op->getAttrOfType<DenseI64ArrayAttr>("perm"))
    perm.assign(p.asArrayRef().begin(), p.asArrayRef().end());
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  if (static_cast<int64_t>(perm.size()) != rank)
    return std::nullopt;
  Shape outShape;
  SmallVector<bool> seen(rank, false);
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return std::nullopt;
    seen[p] = true;
    outShape.push_back(data->shape[p]);
  }
  Shape inStrides = stridesOf(data->shape);
  HostTensor out = makeTensor(outShape, data->elementType);
  Shape index(rank, 0);
  for (int64_t k = 0, n = out.size(); k < n; ++k) {
    int64_t src = 0;
    for (int64_t i = 0; i < rank; ++i)
      src += index[i] * inStrides[perm[i]];
    copyElement(out, k, *data, src);
    advance(index, outShape);
  }
  return out;
}

//===----------------------------------------------------------------------===//
// The pattern
//===----------------------------------------------------------------------===//

using Folder = std::function<MaybeTensor(Operation *)>;

/// Replaces an op by `onnx.Constant` of what `folder` computes.
class FoldToConstant final : public RewritePattern {
public:
  FoldToConstant(StringRef opName, Folder folder, bool readsData,
                 MLIRContext *context)
      : RewritePattern(opName, /*benefit=*/1, context),
        folder(std::move(folder)), readsData(readsData) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1)
      return failure();
    auto resultType = dyn_cast<TensorType>(op->getResult(0).getType());
    if (!resultType || !isHostElementType(resultType.getElementType()))
      return failure();
    int64_t maxResult = kMaxFoldElements;
    if (readsData)
      for (Value v : op->getOperands()) {
        ElementsAttr attr = getConstantAttr(v);
        bool weight = isa_and_nonnull<DenseResourceElementsAttr>(attr);
        if (!attr || (!weight && v.hasOneUse()))
          continue;
        if (attr.getNumElements() > kMaxWeightElements)
          return rewriter.notifyMatchFailure(op, "reads a weight");
        if (weight)
          maxResult = kMaxWeightElements;
      }
    MaybeTensor value = folder(op);
    if (!value || value->size() > maxResult ||
        value->elementType != resultType.getElementType())
      return rewriter.notifyMatchFailure(op, "not folded");
    auto type = RankedTensorType::get(value->shape, value->elementType);
    if (failed(verifyCompatibleShape(type, resultType)))
      return rewriter.notifyMatchFailure(op, "folded shape contradicts type");
    if (type != resultType && !onlyOnnxUsers(op->getResult(0)))
      return rewriter.notifyMatchFailure(op, "result type is pinned");
    Value constant =
        onnx::ConstantOp::create(rewriter, op->getLoc(), toDenseAttr(*value));
    rewriter.replaceOp(op, constant);
    return success();
  }

private:
  Folder folder;
  bool readsData;
};

class OnnxFoldConstantsPass final
    : public mlir::oar::impl::OnnxFoldConstantsBase<OnnxFoldConstantsPass> {
public:
  using OnnxFoldConstantsBase::OnnxFoldConstantsBase;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    auto add = [&](StringRef op, Folder folder, bool readsData = true) {
      patterns.add<FoldToConstant>(("onnx." + op).str(), std::move(folder),
                                   readsData, context);
    };
    add("Shape", foldShape, /*readsData=*/false);
    add("Size", foldSize, /*readsData=*/false);
    add("Identity", foldIdentity);
    add("Gather", foldGather);
    add("Concat", foldConcat);
    add("Slice", foldSlice);
    add("Unsqueeze", foldUnsqueeze);
    add("Squeeze", foldSqueeze);
    add("Reshape", foldReshape);
    add("Cast", foldCast);
    add("Add", [](Operation *op) { return foldBinary(op, BinaryKind::Add); });
    add("Sub", [](Operation *op) { return foldBinary(op, BinaryKind::Sub); });
    add("Mul", [](Operation *op) { return foldBinary(op, BinaryKind::Mul); });
    add("Div", [](Operation *op) { return foldBinary(op, BinaryKind::Div); });
    add("Equal",
        [](Operation *op) { return foldBinary(op, BinaryKind::Equal); });
    add("Where", foldWhere);
    add("Range", foldRange);
    add("ConstantOfShape", foldConstantOfShape);
    add("Expand", foldExpand);
    add("Transpose", foldTranspose);

    if (failed(applyCleanupPatterns(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
