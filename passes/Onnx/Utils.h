//===- Utils.h - Shared pieces of the onnx cleanup passes -------*- C++ -*-===//
//
// Reading `onnx.Constant` values (dense or dense_resource) into host
// vectors, building constants back, and the type rules a rewrite must keep
// when it replaces a value.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_PASSES_ONNX_UTILS_H
#define OAR_PASSES_ONNX_UTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::oar::onnx_utils {

/// Folds stop above this many elements, so that weights are not copied.
constexpr int64_t kMaxFoldElements = 1 << 20;

/// The values of a constant, on the host. Integers (i1 included) are held
/// in `ints`, sign- or zero-extended by the type's signedness; floats in
/// `floats` (exact for f16, bf16, f32 and f64).
struct HostTensor {
  SmallVector<int64_t> shape;
  Type elementType;
  SmallVector<int64_t> ints;
  SmallVector<double> floats;

  bool isFloat() const { return isa<FloatType>(elementType); }
  int64_t size() const;
  /// Element i as a double (integers converted).
  double asDouble(int64_t i) const;
  /// Element i as an integer (floats truncated toward zero; they must be in
  /// the range of int64 or uint64).
  int64_t asInt(int64_t i) const;
};

/// Whether `t` is an element type HostTensor holds: signless, signed or
/// unsigned integers up to 64 bits, f16, bf16, f32, f64.
bool isHostElementType(Type t);

/// The value of `v` when it is defined by `onnx.Constant` (its `value`, or
/// `value_int(s)` / `value_float(s)`), else null.
ElementsAttr getConstantAttr(Value v);

/// Reads `attr` (dense or dense_resource, statically shaped, of a host
/// element type); nothing when it has more than `maxElements` elements or
/// cannot be read.
std::optional<HostTensor> readElements(ElementsAttr attr,
                                       int64_t maxElements = kMaxFoldElements);
/// readElements of the constant defining `v`.
std::optional<HostTensor> readConstant(Value v,
                                       int64_t maxElements = kMaxFoldElements);

/// `t` with its values converted to `elementType` (ints wrap to the width,
/// floats round to nearest, bool is "nonzero"); the values must be in range
/// when converting float to integer (callers check).
HostTensor convertTo(const HostTensor &t, Type elementType);

/// A DenseElementsAttr of `t` (shape and element type from `t`).
DenseElementsAttr toDenseAttr(const HostTensor &t);
/// A dense_resource blob named `name` holding `t` (not for i1).
ElementsAttr toResourceAttr(const HostTensor &t, StringRef name);

/// Whether every user of `v` is an `onnx` op that accepts any type for it
/// (not a terminator, not an op of another dialect).
bool onlyOnnxUsers(Value v);
/// Replaces the single-result `op` by `v` when the types agree, or when
/// `v`'s type differs but only onnx ops use `op` (their types are not
/// pinned). Fails, changing nothing, otherwise.
LogicalResult replaceWithValue(PatternRewriter &rewriter, Operation *op,
                               Value v);

/// Applies `patterns` greedily to `op` as the cleanup passes do: constants
/// are neither merged nor moved, since each one's location names an ONNX
/// initializer, and regions are not simplified (subgraph arguments stay).
LogicalResult applyCleanupPatterns(Operation *op, RewritePatternSet &&patterns);

/// The module's opset (`onnx.opset`), or the highest Oar knows when absent.
int64_t getOpset(Operation *op);

/// The static shape of `v`'s type, if it has one.
std::optional<SmallVector<int64_t>> getStaticShape(Value v);

/// Whether `v` is absent: a `none` value.
inline bool isNone(Value v) { return !v || isa<NoneType>(v.getType()); }

/// Operand `i` of `op`, or null when `op` has fewer operands or it is none.
Value optionalOperand(Operation *op, unsigned i);

/// Integer values of a 0-D or 1-D integer constant.
std::optional<SmallVector<int64_t>> readIntList(Value v);

/// A list that older opsets give as attribute `attrName` and newer ones as
/// operand `index` (Squeeze axes, Slice starts, ...): whichever is present,
/// an empty list when neither is, nothing when the operand is not constant.
std::optional<SmallVector<int64_t>>
readAttrOrOperand(Operation *op, unsigned index, StringRef attrName);

/// `axis` in [-rank, rank) made non-negative; nothing when out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace mlir::oar::onnx_utils

#endif // OAR_PASSES_ONNX_UTILS_H
