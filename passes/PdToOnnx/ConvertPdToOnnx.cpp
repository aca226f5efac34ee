//===- ConvertPdToOnnx.cpp - The convert-pd-to-onnx pass ------------------===//
//
// Drives the per-family patterns (Activation.cpp, Tensor.cpp, ...) with a
// partial DialectConversion: pd ops are neither legal nor illegal, so an op
// that no pattern converts stays where it is, and the pass then reports all
// such ops at once with the reasons the patterns recorded.
//
// With opset=0 the pass converts at opset 11 and, when a pattern asks for a
// later opset, starts again from the unconverted module at that opset.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/PdToOnnx/Common.h"

#include "dialects/onnx/OnnxSchema.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Support/DebugStringHelper.h"
#include "llvm/ADT/MapVector.h"

namespace mlir::oar {
#define GEN_PASS_DEF_CONVERTPDTOONNX
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {

/// Parameters and folded constants: arith.constant to onnx.Constant, the
/// value (a dense_resource blob for parameters) kept as it is.
struct ConstantToOnnx : PdToOnnxPattern<arith::ConstantOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(arith::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto value = dyn_cast<ElementsAttr>(op.getValue());
    if (!value)
      return unsupported(op, "only tensor constants convert to ONNX");
    rewriter.replaceOpWithNewOp<onnx::ConstantOp>(op, value);
    return success();
  }
};

struct ParameterToOnnx : PdToOnnxPattern<pd::ParameterOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ParameterOp op, OpAdaptor,
                  ConversionPatternRewriter &) const override {
    return unsupported(op, "parameter '" + op.getName() +
                               "' has no value; convert with the program's "
                               "parameters file");
  }
};

/// One failed conversion attempt's leftovers, grouped by op name.
struct Leftover {
  Operation *first = nullptr;
  unsigned count = 0;
  std::string reason;
};

class ConvertPdToOnnxPass
    : public mlir::oar::impl::ConvertPdToOnnxBase<ConvertPdToOnnxPass> {
public:
  using ConvertPdToOnnxBase::ConvertPdToOnnxBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    int64_t requested = opset;
    bool automatic = requested == 0;
    if (!automatic &&
        (requested < onnx::kMinOpset || requested > onnx::kMaxOpset)) {
      module.emitError() << "opset " << requested << " is out of range; Oar "
                         << "writes opsets " << onnx::kMinOpset << " to "
                         << onnx::kMaxOpset;
      return signalPassFailure();
    }
    if (deformConv != "decompose" && deformConv != "native") {
      module.emitError() << "deform-conv must be 'decompose' or 'native', "
                         << "not '" << deformConv << "'";
      return signalPassFailure();
    }
    if (quantFormat != "qdq" && quantFormat != "tensorrt") {
      module.emitError() << "quant-format '" << quantFormat
                         << "' is not one of qdq, tensorrt";
      return signalPassFailure();
    }
    QuantFormat format =
        quantFormat == "tensorrt" ? QuantFormat::TensorRT : QuantFormat::QDQ;
    int64_t target = automatic ? 11 : requested;
    while (true) {
      OwningOpRef<ModuleOp> work = module.clone();
      PdToOnnxState state(target, format);
      state.setNativeDeformConv(deformConv == "native");
      llvm::MapVector<OperationName, Leftover> leftovers;
      if (failed(convert(*work, state, leftovers)))
        return signalPassFailure();
      if (leftovers.empty()) {
        // Take the converted body.
        module.getBody()->getOperations().clear();
        module.getBody()->getOperations().splice(
            module.getBody()->end(), work->getBody()->getOperations());
        module->setAttr(onnx::kOpsetAttrName,
                        IntegerAttr::get(IntegerType::get(&getContext(), 64),
                                         target));
        return;
      }
      int64_t needed = state.getHighestNeeded();
      if (automatic && needed > target && needed <= onnx::kMaxOpset) {
        target = needed;
        continue;
      }
      report(module, leftovers, target, automatic);
      return signalPassFailure();
    }
  }

private:
  LogicalResult convert(ModuleOp module, PdToOnnxState &state,
                        llvm::MapVector<OperationName, Leftover> &leftovers) {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<ConstantToOnnx, ParameterToOnnx>(ctx, state);
    populatePdToOnnxActivationPatterns(patterns, state);
    populatePdToOnnxElementwisePatterns(patterns, state);
    populatePdToOnnxCreationPatterns(patterns, state);
    populatePdToOnnxTensorPatterns(patterns, state);
    populatePdToOnnxReducePatterns(patterns, state);
    populatePdToOnnxNNPatterns(patterns, state);
    populatePdToOnnxResizePatterns(patterns, state);
    populatePdToOnnxDetectionPatterns(patterns, state);
    populatePdToOnnxQuantPatterns(patterns, state);
    populatePdToOnnxControlFlowPatterns(patterns, state);

    ConversionTarget target(*ctx);
    target.addLegalDialect<onnx::OnnxDialect, func::FuncDialect>();
    // pd and arith ops are left unknown: a partial conversion converts
    // what it can and keeps the rest, which is reported below.
    // A converted value (a tensor array become a sequence) whose user did
    // not convert is bridged by an unrealized_conversion_cast, so that the
    // user is reported below rather than the conversion failing.
    ConversionConfig config;
    config.buildMaterializations = false;
    if (failed(applyPartialConversion(module, target, std::move(patterns),
                                      config)))
      return failure();

    SmallVector<Operation *> casts;
    module.walk([&](Operation *op) {
      Dialect *d = op->getDialect();
      if (!d || isa<onnx::OnnxDialect, func::FuncDialect>(d) ||
          isa<ModuleOp>(op))
        return;
      // Casts between a converted value and a user that did not convert
      // are no ops of the program: the user is reported.
      if (isa<UnrealizedConversionCastOp>(op)) {
        casts.push_back(op);
        return;
      }
      Leftover &l = leftovers[op->getName()];
      if (!l.first)
        l.first = op;
      ++l.count;
      if (l.reason.empty())
        l.reason = state.getReason(op);
    });
    // Only casts left: a converted value reaches a user that takes no ONNX
    // value of its type (a tensor array returned by the function). The
    // user is reported.
    if (leftovers.empty() && !casts.empty()) {
      for (Operation *cast : casts) {
        for (Operation *user : cast->getUsers()) {
          Leftover &l = leftovers[user->getName()];
          if (!l.first) {
            l.first = user;
            l.reason = "it uses a value of type '" +
                       debugString(cast->getOperand(0).getType()) +
                       "' (a converted tensor array), which it cannot take";
          }
          ++l.count;
        }
      }
    }
    return success();
  }

  void report(ModuleOp module,
              const llvm::MapVector<OperationName, Leftover> &leftovers,
              int64_t target, bool automatic) {
    unsigned total = 0;
    for (auto &[name, l] : leftovers) {
      total += l.count;
      InFlightDiagnostic diag = l.first->emitError();
      diag << "cannot convert '" << name.getStringRef() << "' to ONNX";
      if (!automatic || l.reason.find("needs opset") == std::string::npos)
        diag << " at opset " << target;
      diag << ": "
           << (l.reason.empty() ? "no conversion to ONNX exists yet"
                                : l.reason);
      if (l.count > 1)
        diag << " (" << l.count << " ops; this is the first)";
    }
    module.emitError() << total << " op" << (total == 1 ? "" : "s") << " of "
                       << leftovers.size() << " type"
                       << (leftovers.size() == 1 ? "" : "s")
                       << " could not be converted to ONNX";
  }
};

} // namespace
