//===- NNUtils.h - Helpers shared by the NN-family patterns -----*- C++ -*-===//
//
// Private to the NN family (NN.cpp, Conv.cpp, Norm.cpp), used also by
// Resize.cpp and Detection.cpp: layout permutations, Paddle's
// window padding rules, and small builders the NN lowerings share.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_PASSES_PDTOONNX_NNUTILS_H
#define OAR_PASSES_PDTOONNX_NNUTILS_H

#include "passes/PdToOnnx/Common.h"

#include <optional>

namespace mlir::oar::nn {

void populateConvPatterns(RewritePatternSet &patterns, PdToOnnxState &state);
void populateNormPatterns(RewritePatternSet &patterns, PdToOnnxState &state);

/// Whether a Paddle data format puts channels last (NHWC, NDHWC, NLC).
inline bool isChannelsLast(StringRef format) {
  return format.size() > 1 && format.back() == 'C';
}

/// Permutation taking a channels-last tensor of `rank` to channels-first.
SmallVector<int64_t> toChannelsFirst(int64_t rank);
/// Permutation taking a channels-first tensor of `rank` to channels-last.
SmallVector<int64_t> toChannelsLast(int64_t rank);
/// The inverse of a permutation.
SmallVector<int64_t> invertPermutation(ArrayRef<int64_t> perm);

/// `type` (ranked) with its dims permuted: result dim i = dim perm[i].
Type permuteType(Type type, ArrayRef<int64_t> perm);

/// `onnx.Transpose` of `x` by `perm`; the result type is computed from x's
/// when `resultType` is null.
Value transpose(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> perm,
                Type resultType = nullptr);

/// Runs `build(x, resultType, loc)`, a channels-first lowering, on a
/// channels-last `x` by transposing it to channels-first and the value
/// `build` returns back. Ranks below 3 have no channels to move.
template <typename Build>
Value withLayout(OpBuilder &b, Location loc, bool channelsLast, Value x,
                 Type resultType, Build build) {
  int64_t rank = getRank(x);
  if (!channelsLast || rank < 3)
    return build(x, resultType, loc);
  Value xt = transpose(b, auxLoc(loc, "to_nchw"), x, toChannelsFirst(rank));
  Value y = build(xt, permuteType(resultType, toChannelsFirst(rank)),
                  auxLoc(loc, "nchw"));
  return transpose(b, loc, y, toChannelsLast(rank), resultType);
}

/// (`shapeOf`, `onnx.Shape` of `x`, is in Common.h.)

/// The shape of `x` as a constant when it is static, else `Shape(x)`; for a
/// Reshape back to x's shape.
Value shapeValue(OpBuilder &b, Location loc, Value x);

/// Dims [start, end) of x's shape as an i64 vector: a constant where those
/// dims are static, else Slice(Shape(x)).
Value shapeSlice(OpBuilder &b, Location loc, int64_t opset, Value x,
                 int64_t start, int64_t end);

/// `onnx.Concat` along `axis`.
Value concat(OpBuilder &b, Location loc, ValueRange parts, int64_t axis,
             Type resultType);

/// A binary ONNX op (Add, Mul, Sub, Div, ...) whose result type is `type`.
Value binary(OpBuilder &b, Location loc, StringRef opType, Value lhs, Value rhs,
             Type type);

/// Paddle window paddings (`n` values, one per spatial dim, or 2n values
/// [begin0, end0, begin1, end1, ...]) as ONNX pads [begin..., end...].
std::optional<SmallVector<int64_t>> onnxPads(ArrayRef<int64_t> paddings,
                                             int64_t n);

/// Paddle's SAME padding of one spatial dim (dilation 1): the output is
/// ceil(in / stride); the odd element of padding goes to the end.
std::pair<int64_t, int64_t> samePadding(int64_t in, int64_t stride,
                                        int64_t kernel);

/// The static dims of `v` in [start, end), or nullopt if one is dynamic.
std::optional<SmallVector<int64_t>> staticDims(Value v, int64_t start,
                                               int64_t end);

/// An f-typed constant of `shape` filled with `value`.
Value splatConst(OpBuilder &b, Location loc, Type elementType,
                 ArrayRef<int64_t> shape, double value);

} // namespace mlir::oar::nn

#endif // OAR_PASSES_PDTOONNX_NNUTILS_H
