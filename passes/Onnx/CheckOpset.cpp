//===- CheckOpset.cpp - The onnx-check-opset pass -------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxSchema.h"

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXCHECKOPSET
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {
class OnnxCheckOpsetPass
    : public mlir::oar::impl::OnnxCheckOpsetBase<OnnxCheckOpsetPass> {
public:
  using OnnxCheckOpsetBase::OnnxCheckOpsetBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<int64_t> opset = onnx::getModuleOpset(module);
    if (!opset) {
      module.emitError() << "module has no '" << onnx::kOpsetAttrName
                         << "' attribute";
      return signalPassFailure();
    }
    bool ok = true;
    module.walk([&](Operation *op) {
      if (failed(onnx::verifyOpAtOpset(op, *opset)))
        ok = false;
    });
    if (!ok)
      signalPassFailure();
  }
};
} // namespace
