//===- Creation.cpp - pd to onnx: Creation family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxCreationPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
