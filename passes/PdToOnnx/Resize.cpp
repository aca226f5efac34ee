//===- Resize.cpp - pd to onnx: Resize family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxResizePatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
