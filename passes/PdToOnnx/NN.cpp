//===- NN.cpp - pd to onnx: NN family ----------------------------------===//

#include "passes/PdToOnnx/Common.h"

using namespace mlir;
using namespace mlir::oar;

namespace {} // namespace

void mlir::oar::populatePdToOnnxNNPatterns(RewritePatternSet &patterns,
                                              PdToOnnxState &state) {}
