//===- FuseGemm.cpp ---------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXFUSEGEMM
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {
class OnnxFuseGemmPass : public mlir::oar::impl::OnnxFuseGemmBase<OnnxFuseGemmPass> {
public:
  using OnnxFuseGemmBase::OnnxFuseGemmBase;
  void runOnOperation() override {}
};
} // namespace
