//===- QuantizeWeights.cpp - Oar's weight-only int8 quantization ----------===//
//
// `pd-quantize-weights` (what `oar quantize` runs before the pd-to-onnx
// pipeline): the constant f32 weight of each conv2d, depthwise_conv2d,
// mul, matmul and matmul_v2 becomes
//
//   uniform_dequantize(quant.scast(W_int8))   !quant.uniform<i8<-127:127>:
//                                              f32:axis, {s_c / 127, ...}>
//
// per output channel (axis 0 of a conv filter, the N axis of a [K, N]
// matmul weight, K of a transposed one), with s_c the channel's abs-max and
// W_int8 = round(127 * W / s_c) (half away from zero, Paddle's rule). No
// data is needed; activations stay float. Ops are chosen by Paddle op type
// (`op-types`) and skipped by the name of the variable they write or of
// their weight (`skip`).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/Pd/QuantUtils.h"

#include "dialects/pd/PdOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <cstring>

namespace mlir::oar {
#define GEN_PASS_DEF_PDQUANTIZEWEIGHTS
#define GEN_PASS_DEF_PDQUANTIZEACTIVATIONS
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {

/// The name a user gives an op or a weight: its location's NameLoc (the
/// Paddle variable it writes), the first of a FusedLoc's.
std::string nameOf(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(l))
        return name.getName().str();
  return "";
}

/// The Paddle op type, weight operand index and output-channel axis of a
/// quantizable op; std::nullopt otherwise.
struct Target {
  StringRef paddleType;
  unsigned weightOperand;
  int64_t axis;
};

std::optional<Target> targetOf(Operation *op) {
  auto rank2 = [&](unsigned i) {
    auto t = dyn_cast<RankedTensorType>(op->getOperand(i).getType());
    return t && t.getRank() == 2;
  };
  if (isa<pd::Conv2dOp>(op))
    return Target{"conv2d", 1, 0};
  if (isa<pd::DepthwiseConv2dOp>(op))
    return Target{"depthwise_conv2d", 1, 0};
  if (auto m = dyn_cast<pd::MatmulWithFlattenOp>(op))
    return rank2(1) && m.getYNumColDims() == 1
               ? std::optional<Target>(Target{"mul", 1, 1})
               : std::nullopt;
  if (auto m = dyn_cast<pd::MatmulOp>(op))
    return rank2(1) ? std::optional<Target>(
                          Target{"matmul_v2", 1, m.getTransposeY() ? 0 : 1})
                    : std::nullopt;
  if (auto m = dyn_cast<pd::LegacyMatmulOp>(op))
    return rank2(1) ? std::optional<Target>(
                          Target{"matmul", 1, m.getTransposeY() ? 0 : 1})
                    : std::nullopt;
  return std::nullopt;
}

struct PdQuantizeWeights
    : mlir::oar::impl::PdQuantizeWeightsBase<PdQuantizeWeights> {
  using PdQuantizeWeightsBase::PdQuantizeWeightsBase;

  void runOnOperation() override {
    llvm::StringSet<> types, skipped;
    for (const std::string &t : opTypes)
      types.insert(t);
    for (const std::string &s : skip)
      skipped.insert(s);
    // elementwise_add, pool2d and concat have no weight: only static
    // quantization (pd-quantize-activations) quantizes them.
    static const char *known[] = {"conv2d",    "depthwise_conv2d",
                                  "mul",       "matmul",
                                  "matmul_v2", "elementwise_add",
                                  "pool2d",    "concat"};
    for (const auto &t : types)
      if (!llvm::is_contained(known, t.getKey())) {
        getOperation().emitError()
            << "op-types: '" << t.getKey()
            << "' is not one Oar quantizes (conv2d, depthwise_conv2d, "
               "mul, matmul, matmul_v2, elementwise_add, pool2d, concat)";
        return signalPassFailure();
      }
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);
    getOperation().walk([&](Operation *op) {
      std::optional<Target> t = targetOf(op);
      if (!t || (!types.empty() && !types.contains(t->paddleType)))
        return;
      Value w = op->getOperand(t->weightOperand);
      if (skipped.contains(nameOf(op->getLoc())) ||
          skipped.contains(nameOf(w.getLoc())))
        return;
      auto wType = dyn_cast<RankedTensorType>(w.getType());
      std::optional<SmallVector<float>> values = pd::readConstantF32(w);
      if (!wType || !wType.hasStaticShape() || !values ||
          t->axis >= wType.getRank())
        return;
      int64_t channels = wType.getDimSize(t->axis), inner = 1;
      for (int64_t d = t->axis + 1; d < wType.getRank(); ++d)
        inner *= wType.getDimSize(d);
      auto channelOf = [&](int64_t i) { return (i / inner) % channels; };
      SmallVector<float> absMax(channels, 0.0f);
      for (int64_t i = 0, e = values->size(); i < e; ++i)
        absMax[channelOf(i)] =
            std::max(absMax[channelOf(i)], std::fabs((*values)[i]));
      SmallVector<int8_t> q(values->size());
      for (int64_t i = 0, e = values->size(); i < e; ++i) {
        float s = absMax[channelOf(i)];
        float r = s > 0 ? std::round(127.0f * (1.0f / s) * (*values)[i]) : 0;
        q[i] = static_cast<int8_t>(std::clamp(r, -127.0f, 127.0f));
      }
      SmallVector<double> steps;
      SmallVector<int64_t> zeros(channels, 0);
      for (float s : absMax)
        steps.push_back(s > 0 ? static_cast<double>(s) / 127 : 1.0);
      Type i8 = IntegerType::get(ctx, 8);
      auto qElem = quant::UniformQuantizedPerAxisType::get(
          quant::QuantizationFlags::Signed, i8, wType.getElementType(), steps,
          zeros, static_cast<int32_t>(t->axis), -127, 127);
      b.setInsertionPoint(op);
      op->setOperand(t->weightOperand,
                     pd::createInt8Weight(b, w.getLoc(), wType, qElem, q));
    });
  }
};

/// The name of value `v` in the Paddle program: a function argument's
/// pd.name, or the NameLoc its op gives result `i`.
std::string valueName(Value v) {
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    auto func = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
    if (!func)
      return "";
    if (auto name = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                      "pd.name"))
      return name.str();
    return "";
  }
  Operation *op = v.getDefiningOp();
  unsigned i = cast<OpResult>(v).getResultNumber();
  if (auto fused = dyn_cast<FusedLoc>(op->getLoc())) {
    ArrayRef<Location> locs = fused.getLocations();
    if (i < locs.size())
      if (auto name = dyn_cast<NameLoc>(locs[i]))
        return name.getName().str();
    return "";
  }
  return i == 0 ? nameOf(op->getLoc()) : "";
}

LogicalResult readRangeTableFile(StringRef path,
                                 llvm::StringMap<double> &ranges,
                                 Operation *anchor, bool requireTensorRT);

/// A range table file (readRangeTableFile), or a directory holding Paddle
/// Inference's TensorRT calibration tables: `trt_calib_<engine key>` files,
/// one TensorRT cache per TensorRT subgraph, which Paddle writes into the
/// model's `_opt_cache` directory and names tensors by Paddle variable. A
/// variable two engines both calibrated gets the larger range.
LogicalResult readRangeTable(StringRef path, llvm::StringMap<double> &ranges,
                             Operation *anchor) {
  if (!llvm::sys::fs::is_directory(path))
    return readRangeTableFile(path, ranges, anchor, /*requireTensorRT=*/false);
  std::error_code ec;
  SmallVector<std::string> files;
  for (llvm::sys::fs::directory_iterator it(path, ec), end; it != end && !ec;
       it.increment(ec))
    if (llvm::sys::path::filename(it->path()).starts_with("trt_calib_"))
      files.push_back(it->path());
  if (ec)
    return anchor->emitError()
           << "calibration table directory '" << path << "': " << ec.message();
  if (files.empty())
    return anchor->emitError()
           << "calibration table directory '" << path
           << "' holds no trt_calib_* file (Paddle Inference's TensorRT "
              "calibration tables, in the model's _opt_cache directory)";
  llvm::sort(files);
  for (const std::string &file : files) {
    llvm::StringMap<double> one;
    if (failed(readRangeTableFile(file, one, anchor,
                                  /*requireTensorRT=*/true)))
      return failure();
    for (const auto &entry : one) {
      auto [it, inserted] = ranges.try_emplace(entry.getKey(), entry.second);
      if (!inserted)
        it->second = std::max(it->second, entry.second);
    }
  }
  return success();
}

/// The ranges Paddle's quantization passes recorded on the ops
/// (`out_threshold`, `<slot><i>_threshold`, imported as `pd.thresholds`, one
/// entry per result), for the variables `ranges` has no entry for.
void addThresholds(Operation *root, llvm::StringMap<double> &ranges) {
  root->walk([&](Operation *op) {
    auto entries = op->getAttrOfType<ArrayAttr>("pd.thresholds");
    if (!entries || entries.size() != op->getNumResults())
      return;
    for (auto [result, entry] : llvm::zip(op->getResults(), entries))
      if (auto f = dyn_cast<FloatAttr>(entry); f && f.getValueAsDouble() > 0)
        if (std::string name = valueName(result); !name.empty())
          ranges.try_emplace(name, f.getValueAsDouble());
  });
}

/// Reads a range table: `NAME ABS_MAX` per line (Oar's, written by
/// tools/oar-calibrate), or a TensorRT calibration cache (a
/// `TRT-...Calibration...` header, then `NAME: HEX` with HEX the f32 step,
/// big-endian, so that the abs-max is step * 127). `#` starts a comment.
/// `requireTensorRT`: the file must be a TensorRT cache.
LogicalResult readRangeTableFile(StringRef path,
                                 llvm::StringMap<double> &ranges,
                                 Operation *anchor, bool requireTensorRT) {
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buf)
    return anchor->emitError() << "calibration table '" << path
                               << "': " << buf.getError().message();
  SmallVector<StringRef> lines;
  (*buf)->getBuffer().split(lines, '\n');
  bool tensorRT = false, first = true;
  for (auto [n, raw] : llvm::enumerate(lines)) {
    StringRef line = raw.split('#').first.trim();
    if (line.empty())
      continue;
    auto bad = [&](const Twine &why) {
      return anchor->emitError()
             << "calibration table '" << path << "', line " << n + 1 << ": "
             << why;
    };
    if (first) {
      first = false;
      if (line.starts_with("TRT-")) {
        tensorRT = true;
        continue;
      }
      if (requireTensorRT)
        return bad("expected a TensorRT calibration cache header "
                   "('TRT-<version>-<calibrator>')");
    }
    if (tensorRT) {
      auto [name, hex] = line.rsplit(':');
      uint32_t bits;
      if (hex.trim().getAsInteger(16, bits))
        return bad("expected 'NAME: HEX' (a TensorRT calibration cache)");
      float step;
      std::memcpy(&step, &bits, 4);
      if (!(step > 0) || !std::isfinite(step))
        return bad("the scale is not positive");
      ranges[name.trim()] = static_cast<double>(step) * 127;
      continue;
    }
    auto [name, value] = line.rsplit(' ');
    double absMax;
    if (name.trim().empty() || value.trim().getAsDouble(absMax))
      return bad("expected 'NAME ABS_MAX'");
    if (!(absMax > 0) || !std::isfinite(absMax))
      return bad("the range of '" + name.trim() + "' is not positive");
    ranges[name.trim()] = absMax;
  }
  return success();
}

/// The Paddle type (for `op-types`) of an op static quantization handles:
/// the five weighted ops of targetOf, and elementwise_add of two tensors,
/// pool2d and concat, which read activations only.
std::optional<StringRef> activationOpType(Operation *op) {
  if (std::optional<Target> t = targetOf(op))
    return t->paddleType;
  if (auto add = dyn_cast<pd::AddOp>(op))
    // A bias add (a constant operand) is part of the op before it.
    return matchPattern(add.getX(), m_Constant()) ||
                   matchPattern(add.getY(), m_Constant())
               ? std::nullopt
               : std::optional<StringRef>("elementwise_add");
  if (isa<pd::Pool2dOp>(op))
    return StringRef("pool2d");
  if (isa<pd::ConcatOp>(op))
    return StringRef("concat");
  return std::nullopt;
}

/// The activation operands an op of activationOpType quantizes.
SmallVector<Value> activationInputs(Operation *op) {
  if (targetOf(op))
    return {op->getOperand(0)};
  if (auto concat = dyn_cast<pd::ConcatOp>(op))
    return SmallVector<Value>(concat.getX());
  if (auto add = dyn_cast<pd::AddOp>(op))
    return {add.getX(), add.getY()};
  return {op->getOperand(0)};
}

/// Ops whose output holds only values of their input (max pooling,
/// reshapes): the output is quantized exactly with the input's parameters.
Value passthroughInput(Operation *op) {
  if (!op)
    return nullptr;
  if (auto pool = dyn_cast<pd::Pool2dOp>(op))
    return pool.getPoolingType() == "max" ? pool->getOperand(0) : nullptr;
  if (isa<pd::FlattenOp, pd::ReshapeOp, pd::TransposeOp, pd::SqueezeOp,
          pd::UnsqueezeOp>(op))
    return op->getOperand(0);
  return nullptr;
}

/// Whether `v` is non-negative by construction: the output of relu, relu6,
/// sigmoid or hard sigmoid, or of a max or average pooling, reshape or
/// concatenation of such values.
bool isNonNegative(Value v, int depth = 0) {
  Operation *op = v.getDefiningOp();
  if (!op || depth > 64)
    return false;
  if (isa<pd::ReluOp, pd::Relu6Op, pd::SigmoidOp, pd::HardsigmoidOp>(op))
    return true;
  if (Value in = passthroughInput(op))
    return isNonNegative(in, depth + 1);
  if (auto pool = dyn_cast<pd::Pool2dOp>(op))
    return isNonNegative(pool->getOperand(0), depth + 1);
  if (auto concat = dyn_cast<pd::ConcatOp>(op))
    return llvm::all_of(concat.getX(), [&](Value x) {
      return isNonNegative(x, depth + 1);
    });
  return false;
}

/// Static activation quantization: each activation operand of the chosen
/// ops (conv2d, depthwise_conv2d, mul, matmul, matmul_v2: their activation
/// input; elementwise_add of two tensors, pool2d, concat: every input)
/// whose Paddle variable the range table lists goes through
/// uniform_quantize / uniform_dequantize, per tensor, round half to even
/// (ONNX's and round_type 0's rule); each value once, for all its users.
/// Symmetric: scale abs-max / 127, zero point 0. With `asymmetric`, a value
/// non-negative by construction (isNonNegative) takes [0, abs-max]: scale
/// abs-max / 255, zero point -128, twice the resolution, and Q(relu(x)) =
/// Q(x), so that the relu can go. With `outputs`, the output of each chosen
/// op is quantized too, after the bias add, batch_norm and relu/relu6 that
/// follow it alone, so that int8 kernels (onnxruntime's QDQ fusions) see
/// DequantizeLinear -> op -> QuantizeLinear; the output of a max pooling
/// or reshape of a quantized value takes that value's parameters (exact).
struct PdQuantizeActivations
    : mlir::oar::impl::PdQuantizeActivationsBase<PdQuantizeActivations> {
  using PdQuantizeActivationsBase::PdQuantizeActivationsBase;

  /// The abs-max and sign of the range to quantize `v` with.
  struct Range {
    double absMax;
    bool nonNegative;
  };

  std::optional<Range> rangeOf(Value v, const llvm::StringMap<double> &ranges,
                               int depth = 0) {
    if (outputs && depth < 64)
      if (Value in = passthroughInput(v.getDefiningOp()))
        if (std::optional<Range> r = rangeOf(in, ranges, depth + 1))
          return r;
    auto it = ranges.find(valueName(v));
    if (it == ranges.end())
      return std::nullopt;
    return Range{it->second, asymmetric && isNonNegative(v)};
  }

  /// The value after the bias add, batch_norm and relu that alone follow
  /// `v` (a chosen op's output).
  static Value chainEnd(Value v) {
    for (int i = 0; i < 8 && v.hasOneUse(); ++i) {
      Operation *user = *v.getUsers().begin();
      if (auto add = dyn_cast<pd::AddOp>(user)) {
        Value other = add.getX() == v ? add.getY() : add.getX();
        if (!matchPattern(other, m_Constant()))
          break;
      } else if (auto bn = dyn_cast<pd::BatchNormOp>(user)) {
        if (bn.getX() != v)
          break;
      } else if (!isa<pd::ReluOp, pd::Relu6Op>(user)) {
        break;
      }
      v = user->getResult(0);
    }
    return v;
  }

  void runOnOperation() override {
    llvm::StringMap<double> ranges;
    if ((!table.empty() || !useThresholds) &&
        failed(readRangeTable(table, ranges, getOperation())))
      return signalPassFailure();
    if (useThresholds)
      addThresholds(getOperation(), ranges);
    llvm::StringSet<> types, skipped;
    for (const std::string &t : opTypes)
      types.insert(t);
    for (const std::string &s : skip)
      skipped.insert(s);
    // The values to quantize, in program order, each once.
    llvm::SetVector<Value> values;
    getOperation().walk([&](Operation *op) {
      std::optional<StringRef> type = activationOpType(op);
      if (!type || (!types.empty() && !types.contains(*type)) ||
          skipped.contains(nameOf(op->getLoc())))
        return;
      for (Value x : activationInputs(op))
        if (!matchPattern(x, m_Constant()))
          values.insert(x);
      if (outputs)
        values.insert(chainEnd(op->getResult(0)));
    });
    // Ranges first: rangeOf reads the program before Q/DQ go in.
    SmallVector<std::pair<Value, Range>> chosen;
    for (Value x : values) {
      auto xType = dyn_cast<RankedTensorType>(x.getType());
      if (!xType || !xType.getElementType().isF32() ||
          x.getDefiningOp<pd::UniformDequantizeOp>() ||
          llvm::any_of(x.getUsers(), [](Operation *user) {
            return user->hasTrait<OpTrait::IsTerminator>();
          }))
        continue;
      if (std::optional<Range> r = rangeOf(x, ranges))
        chosen.push_back({x, *r});
    }
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);
    Type i8 = IntegerType::get(ctx, 8);
    for (auto &[x, range] : chosen) {
      auto xType = cast<RankedTensorType>(x.getType());
      const Range *r = &range;
      auto qElem =
          r->nonNegative
              ? quant::UniformQuantizedType::get(
                    quant::QuantizationFlags::Signed, i8,
                    xType.getElementType(), r->absMax / 255, -128, -128, 127)
              : quant::UniformQuantizedType::get(
                    quant::QuantizationFlags::Signed, i8,
                    xType.getElementType(), r->absMax / 127, 0, -128, 127);
      Location loc = x.getLoc();
      if (auto arg = dyn_cast<BlockArgument>(x))
        b.setInsertionPointToStart(arg.getOwner());
      else
        b.setInsertionPointAfter(x.getDefiningOp());
      auto q = pd::UniformQuantizeOp::create(
          b, loc, RankedTensorType::get(xType.getShape(), qElem), x,
          /*round_type=*/0);
      Value d = pd::UniformDequantizeOp::create(b, loc, xType, q);
      x.replaceAllUsesExcept(d, q);
    }
  }
};

} // namespace
