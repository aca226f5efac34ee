//===- Elementwise.cpp - pd to onnx: Elementwise family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxElementwisePatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
