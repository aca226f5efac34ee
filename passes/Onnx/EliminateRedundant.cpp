//===- EliminateRedundant.cpp ---------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXELIMINATEREDUNDANT
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;

namespace {
class OnnxEliminateRedundantPass : public mlir::oar::impl::OnnxEliminateRedundantBase<OnnxEliminateRedundantPass> {
public:
  using OnnxEliminateRedundantBase::OnnxEliminateRedundantBase;
  void runOnOperation() override {}
};
} // namespace
