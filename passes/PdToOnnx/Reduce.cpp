//===- Reduce.cpp - pd to onnx: Reduce family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxReducePatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
