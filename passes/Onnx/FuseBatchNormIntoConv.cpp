//===- FuseBatchNormIntoConv.cpp ---------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXFUSEBATCHNORMINTOCONV
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {
class OnnxFuseBatchNormIntoConvPass : public mlir::oar::impl::OnnxFuseBatchNormIntoConvBase<OnnxFuseBatchNormIntoConvPass> {
public:
  using OnnxFuseBatchNormIntoConvBase::OnnxFuseBatchNormIntoConvBase;
  void runOnOperation() override {}
};
} // namespace
