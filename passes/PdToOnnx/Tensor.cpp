//===- Tensor.cpp - pd to onnx: Tensor family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxTensorPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
