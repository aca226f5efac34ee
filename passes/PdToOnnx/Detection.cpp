//===- Detection.cpp - pd to onnx: Detection family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxDetectionPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
