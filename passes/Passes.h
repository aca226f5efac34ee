//===- Passes.h - Oar's passes ----------------------------------*- C++ -*-===//

#ifndef OAR_PASSES_PASSES_H
#define OAR_PASSES_PASSES_H

#include "dialects/onnx/OnnxDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir::oar {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// Options of the pipeline `oar convert` runs after import.
struct OnnxPipelineOptions {
  int64_t opset = 0;       // 0: the lowest that works, at least 11
  bool optimize = true;    // the onnx-* cleanup passes
  std::string deformConv = "decompose"; // deformable_conv: decompose|native
  std::string quantFormat = "qdq"; // qdq | tensorrt (docs/quantization.md)
  /// oar quantize --weights-only: pd-quantize-weights with these options.
  bool quantizeWeights = false;
  std::vector<std::string> quantizeOpTypes, quantizeSkip;
  /// oar quantize --calibration-table: pd-quantize-activations reads it.
  std::string calibrationTable;
  /// oar quantize --program-thresholds: ranges from the program's
  /// out_threshold attributes too (pd-quantize-activations use-thresholds).
  bool useThresholds = false;
  /// oar convert --fake-quant: pd-lift-quant fake-quant (exact | qdq).
  std::string fakeQuant = "exact";
};

/// pd canonicalization, convert-pd-to-onnx, the cleanup passes, then
/// onnx-check-opset.
void buildPdToOnnxPipeline(OpPassManager &pm,
                           const OnnxPipelineOptions &options);

/// Registers the pipeline as `pd-to-onnx-pipeline`.
void registerOarPipelines();

} // namespace mlir::oar

#endif // OAR_PASSES_PASSES_H
