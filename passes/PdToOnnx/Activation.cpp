//===- Activation.cpp - pd to onnx: Activation family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxActivationPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
