//===- Common.h - Shared pieces of the pd-to-onnx patterns ------*- C++ -*-===//
//
// Every pd-to-onnx pattern derives from PdToOnnxPattern, which knows the
// target opset and how to say why an op could not be converted. The
// builders here hide what changes between opsets (axes as attribute or as
// input, ...) so that a pattern states what it computes once.
//
// Naming: a pattern builds its ops at the pd op's location, so the result
// that replaces the pd op keeps the Paddle variable's name (the location's
// NameLoc). Intermediate values should use `auxLoc(loc, "what")`, which the
// ONNX writer turns into the name "<paddle name>/what".
//
//===----------------------------------------------------------------------===//

#ifndef OAR_PASSES_PDTOONNX_COMMON_H
#define OAR_PASSES_PDTOONNX_COMMON_H

#include "dialects/onnx/OnnxOps.h"
#include "dialects/pd/PdOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Twine.h"

#include <optional>

#include <string>

namespace mlir::oar {

/// The ONNX form of quantized values (docs/quantization.md).
enum class QuantFormat {
  /// QuantizeLinear/DequantizeLinear with int8 weights; Paddle's fused fake
  /// quantize-dequantize ops computed in float, bit for bit.
  QDQ,
  /// TensorRT's explicit quantization: float weights and every quantizer as
  /// a QuantizeLinear/DequantizeLinear pair, opset 13.
  TensorRT,
};

/// What the conversion of one module knows and records.
class PdToOnnxState {
public:
  explicit PdToOnnxState(int64_t opset,
                         QuantFormat quantFormat = QuantFormat::QDQ)
      : opset(opset), quantFormat(quantFormat) {}

  int64_t getOpset() const { return opset; }
  QuantFormat getQuantFormat() const { return quantFormat; }

  /// Whether deformable_conv lowers to ONNX's DeformConv (opset 19) rather
  /// than to its decomposition into Gather and MatMul (the default).
  bool getNativeDeformConv() const { return nativeDeformConv; }
  void setNativeDeformConv(bool native) { nativeDeformConv = native; }

  /// Records that `op` converts only from `needed` on. The pass reports it
  /// (explicit opset) or retries at that opset (automatic opset).
  void recordNeedsOpset(Operation *op, int64_t needed);
  /// Records why `op` was not converted.
  void recordUnsupported(Operation *op, const llvm::Twine &reason);

  /// The highest opset some op asked for; 0 if none.
  int64_t getHighestNeeded() const { return highestNeeded; }
  /// The reason recorded for `op`, or "" if none.
  std::string getReason(Operation *op) const;

private:
  int64_t opset;
  bool nativeDeformConv = false;
  QuantFormat quantFormat;
  int64_t highestNeeded = 0;
  llvm::DenseMap<Operation *, std::string> reasons;
};

/// Base class of the pd-to-onnx patterns.
template <typename SourceOp>
class PdToOnnxPattern : public OpConversionPattern<SourceOp> {
public:
  PdToOnnxPattern(MLIRContext *context, PdToOnnxState &state,
                  PatternBenefit benefit = 1)
      : OpConversionPattern<SourceOp>(context, benefit), state(state) {}

protected:
  int64_t opset() const { return state.getOpset(); }
  bool tensorRT() const {
    return state.getQuantFormat() == QuantFormat::TensorRT;
  }

  /// Fails the match because `op` needs opset `needed` or later.
  LogicalResult needsOpset(Operation *op, int64_t needed) const {
    state.recordNeedsOpset(op, needed);
    return failure();
  }
  /// Fails the match with a reason the user will read, e.g.
  /// "data_format 'NHWC' is not supported".
  LogicalResult unsupported(Operation *op, const llvm::Twine &reason) const {
    state.recordUnsupported(op, reason);
    return failure();
  }

  PdToOnnxState &state;
};

//===----------------------------------------------------------------------===//
// Types and locations
//===----------------------------------------------------------------------===//

/// ONNX's TensorProto.DataType for an element type; 0 if it has none.
int64_t getOnnxDataType(Type elementType);
/// The element type of an ONNX data type; null if Oar does not model it.
Type getTypeForOnnxDataType(MLIRContext *context, int64_t dataType);

/// `tensor<*xelementType>`: for intermediates whose shape a pattern does not
/// know. Prefer ranked types where they are cheap to compute.
TensorType unrankedOf(Type elementType);
/// `type` (a tensor type) with its element type replaced.
TensorType withElementType(Type type, Type elementType);
Type getElementType(Value v);
/// The rank of `v`'s type, or -1 when unranked.
int64_t getRank(Value v);

/// A location for an intermediate value of the op at `loc`: the writer
/// names its value "<paddle name>/<what>".
Location auxLoc(Location loc, StringRef what);
/// The location naming result `i` of `op` (the importer gives a
/// multi-result op a FusedLoc of one NameLoc per result); `op`'s own
/// location otherwise.
Location resultLoc(Operation *op, unsigned i);

//===----------------------------------------------------------------------===//
// Builders
//===----------------------------------------------------------------------===//

/// `onnx.NoValue`, for an absent optional input.
Value noValue(OpBuilder &b, Location loc);

/// `onnx.Constant` of an i64 tensor of shape [values.size()], or a 0-D one
/// when `scalar` is set (values must then hold one element).
Value constI64(OpBuilder &b, Location loc, ArrayRef<int64_t> values,
               bool scalar = false);
/// `onnx.Constant` of a 0-D or 1-D tensor of `elementType` (float or int)
/// holding `values`.
Value constOfType(OpBuilder &b, Location loc, Type elementType,
                  ArrayRef<double> values, bool scalar = true);
/// `onnx.Constant` from any elements attribute.
Value constFromAttr(OpBuilder &b, Location loc, ElementsAttr value);

/// `onnx.Cast` of `x` to `elementType`; `x` itself when it already has it.
Value castTo(OpBuilder &b, Location loc, Value x, Type elementType);

/// Unsqueeze, Squeeze: axes as attribute before opset 13, as input from 13.
/// `resultType` null: computed when `x` is ranked, else unranked.
Value unsqueeze(OpBuilder &b, Location loc, int64_t opset, Value x,
                ArrayRef<int64_t> axes, Type resultType = nullptr);
Value squeeze(OpBuilder &b, Location loc, int64_t opset, Value x,
              ArrayRef<int64_t> axes, Type resultType = nullptr);

/// Reshape to a constant shape (0 copies a dim, -1 infers one).
Value reshapeTo(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> shape,
                Type resultType);

/// Split into `splits.size()` parts along `axis` (split sizes as attribute
/// before opset 13, as input from 13).
SmallVector<Value> splitInto(OpBuilder &b, Location loc, int64_t opset,
                             Value x, int64_t axis, ArrayRef<int64_t> splits,
                             TypeRange resultTypes);

/// A reduction (ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd,
/// ReduceL1, ReduceL2, ReduceLogSumExp, ...) by ONNX op type. Axes are an
/// attribute before the opset where the op takes them as input (13 for
/// ReduceSum, 18 for the others). Empty `axes` reduces all dims.
Value reduce(OpBuilder &b, Location loc, int64_t opset, StringRef opType,
             Value x, ArrayRef<int64_t> axes, bool keepDims, Type resultType);

/// Slice along `axes` with constant bounds (attributes before opset 10).
Value sliceConst(OpBuilder &b, Location loc, int64_t opset, Value x,
                 ArrayRef<int64_t> starts, ArrayRef<int64_t> ends,
                 ArrayRef<int64_t> axes, ArrayRef<int64_t> steps,
                 Type resultType);

/// Clip to [lo, hi] (bounds as attributes before opset 11, as inputs from
/// 11; an absent bound when std::nullopt).
Value clip(OpBuilder &b, Location loc, int64_t opset, Value x,
           std::optional<double> lo, std::optional<double> hi,
           Type resultType);

/// Builds an `onnx` op by ONNX op type name: `onnx.<opType>` with
/// `operands` and `attrs`. Trailing optional inputs left out are filled
/// with `onnx.NoValue`, and trailing optional outputs left out get type
/// `none`, so `createOnnxOp(b, loc, "Squeeze", t, {x, axes})` and
/// `createOnnxOp(b, loc, "Dropout", t, {x})` build valid ops.
Operation *createOnnxOp(OpBuilder &b, Location loc, StringRef opType,
                        TypeRange resultTypes, ValueRange operands,
                        ArrayRef<NamedAttribute> attrs = {});

/// Normalizes an axis in [-rank, rank) to [0, rank).
inline int64_t normalizeAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

//===----------------------------------------------------------------------===//
// Pattern sets, one per op family (one .cpp file each)
//===----------------------------------------------------------------------===//

#define OAR_PD_TO_ONNX_FAMILY(name)                                          \
  void populatePdToOnnx##name##Patterns(RewritePatternSet &patterns,       \
                                         PdToOnnxState &state);
OAR_PD_TO_ONNX_FAMILY(Activation)  // Activation.cpp
OAR_PD_TO_ONNX_FAMILY(Elementwise) // Elementwise.cpp: arithmetic, compare,
                                   // logical, where
OAR_PD_TO_ONNX_FAMILY(Creation)    // Creation.cpp: full*, assign_value,
                                   // arange, parameters
OAR_PD_TO_ONNX_FAMILY(Tensor)      // Tensor.cpp: shape manipulation,
                                   // indexing
OAR_PD_TO_ONNX_FAMILY(Reduce)      // Reduce.cpp: reductions, arg*, topk,
                                   // cumsum
OAR_PD_TO_ONNX_FAMILY(NN)          // NN.cpp: matmul, conv, pool, norms,
                                   // softmax, embedding, rnn
OAR_PD_TO_ONNX_FAMILY(Resize)      // Resize.cpp: interpolation
OAR_PD_TO_ONNX_FAMILY(Detection)   // Detection.cpp: prior_box, yolo_box,
                                   // NMS
OAR_PD_TO_ONNX_FAMILY(Quant)       // Quant.cpp: fake quantize-dequantize
OAR_PD_TO_ONNX_FAMILY(ControlFlow) // ControlFlow.cpp: if, while, tensor
                                   // arrays, increment
#undef OAR_PD_TO_ONNX_FAMILY

//===----------------------------------------------------------------------===//
// Shape computations (Tensor.cpp, Reduce.cpp)
//===----------------------------------------------------------------------===//

/// An INT attribute of an `onnx` op: `name = value : i64`.
inline NamedAttribute i64Attr(OpBuilder &b, StringRef name, int64_t value) {
  return b.getNamedAttr(name, b.getI64IntegerAttr(value));
}

/// The values of `v` when it is a constant integer tensor (onnx.Constant,
/// arith.constant, or anything constant-like that folds), else nullopt.
std::optional<SmallVector<int64_t>> getConstantInts(Value v);

/// `x` as a value of `type`: `x` itself when it has that type, else an
/// onnx.Identity typed `type` (a result type that is more or less static
/// than the operand's).
Value identityAs(OpBuilder &b, Location loc, Value x, Type type);

/// `onnx.Shape` of `x`: a 1-D i64 tensor.
Value shapeOf(OpBuilder &b, Location loc, Value x);

/// `v` (an integer tensor of any rank) as a 1-D i64 tensor: Cast, and a
/// Reshape to [-1] unless it is 1-D already.
Value toI64Vector(OpBuilder &b, Location loc, Value v);

/// Concatenation of 1-D tensors along axis 0; the only part when there is
/// one.
Value concat1D(OpBuilder &b, Location loc, ValueRange parts);

/// A 1-D i64 tensor from Paddle's list of one-element integer tensors
/// (`shape_tensor_list`, `starts_tensor_list`, ...).
Value i64VectorFromList(OpBuilder &b, Location loc, ValueRange elems);

/// The ONNX Reshape target that merges dims [start, stop] of `x` into one
/// and keeps the others. A constant when the dims after `stop` are static
/// (0 copies a leading dim, -1 infers the merged one), else computed from
/// Shape(x).
Value mergeDimsShape(OpBuilder &b, Location loc, int64_t opset, Value x,
                     int64_t start, int64_t stop);

} // namespace mlir::oar

#endif // OAR_PASSES_PDTOONNX_COMMON_H
