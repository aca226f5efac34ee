//===- Quant.cpp - pd to onnx: Quant family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxQuantPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
