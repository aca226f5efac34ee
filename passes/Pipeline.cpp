//===- Pipeline.cpp - The pd-to-onnx pipeline -----------------------------===//

#include "passes/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::oar;

void mlir::oar::buildPdToOnnxPipeline(OpPassManager &pm,
                                      const OnnxPipelineOptions &options) {
  // pd folds (dropout at inference, no-op reshapes, ...) first: fewer ops
  // to convert.
  pm.addPass(createCanonicalizerPass());
  // Loop-invariant ops out of pd.while bodies (LoopLikeOpInterface), so
  // that they run once in the ONNX model, not once per Loop iteration.
  pm.addPass(createLoopInvariantCodeMotionPass());
  if (!options.calibrationTable.empty() || options.useThresholds) {
    PdQuantizeActivationsOptions a;
    a.table = options.calibrationTable;
    a.useThresholds = options.useThresholds;
    a.opTypes.assign(options.quantizeOpTypes.begin(),
                     options.quantizeOpTypes.end());
    a.skip.assign(options.quantizeSkip.begin(), options.quantizeSkip.end());
    // The TensorRT form stays symmetric, Q/DQ on op inputs (its rules).
    a.asymmetric = a.outputs = options.quantFormat == "qdq";
    pm.nest<func::FuncOp>().addPass(createPdQuantizeActivations(a));
  }
  if (options.quantizeWeights) {
    PdQuantizeWeightsOptions q;
    q.opTypes.assign(options.quantizeOpTypes.begin(),
                     options.quantizeOpTypes.end());
    q.skip.assign(options.quantizeSkip.begin(), options.quantizeSkip.end());
    pm.nest<func::FuncOp>().addPass(createPdQuantizeWeights(q));
  }
  PdLiftQuantOptions lift;
  lift.fakeQuant = options.fakeQuant;
  pm.nest<func::FuncOp>().addPass(createPdLiftQuant(lift));
  // Requantizations that change nothing go; the TensorRT form keeps every
  // quantizer a QuantizeLinear/DequantizeLinear pair (its rule 2).
  if (options.quantFormat != "tensorrt")
    pm.nest<func::FuncOp>().addPass(createPdPropagateQuant());
  ConvertPdToOnnxOptions convert;
  convert.opset = options.opset;
  convert.deformConv = options.deformConv;
  convert.quantFormat = options.quantFormat;
  pm.addPass(createConvertPdToOnnx(convert));
  if (options.optimize) {
    OpPassManager &fn = pm.nest<func::FuncOp>();
    fn.addPass(createOnnxFoldConstants());
    fn.addPass(createOnnxEliminateRedundant());
    fn.addPass(createOnnxFuseBatchNormIntoConv());
    fn.addPass(createOnnxFuseGemm());
    // int8 QDQ in the shapes onnxruntime's CPU kernels take.
    if (options.quantFormat == "qdq") {
      OnnxQdqInt8KernelsOptions k;
      // Oar's own static quantization (no Paddle numbers to reproduce).
      k.gemmFloatOutput = !options.calibrationTable.empty();
      fn.addPass(createOnnxQdqInt8Kernels(k));
    }
    fn.addPass(createCanonicalizerPass());
    fn.addPass(createCSEPass());
  }
  pm.addPass(createOnnxCheckOpset());
}

namespace {
struct PipelineOptions : public PassPipelineOptions<PipelineOptions> {
  Option<int64_t> opset{*this, "opset",
                        llvm::cl::desc("Target opset (0: automatic)"),
                        llvm::cl::init(0)};
  Option<bool> optimize{*this, "optimize",
                        llvm::cl::desc("Run the onnx cleanup passes"),
                        llvm::cl::init(true)};
  Option<std::string> deformConv{
      *this, "deform-conv",
      llvm::cl::desc("deformable_conv: 'decompose' (any opset) or 'native' "
                     "(DeformConv, opset 19)"),
      llvm::cl::init("decompose")};
  Option<std::string> quantFormat{
      *this, "quant-format",
      llvm::cl::desc("Quantized ops: qdq or tensorrt"), llvm::cl::init("qdq")};
  Option<std::string> fakeQuant{
      *this, "fake-quant",
      llvm::cl::desc("Fused fake quantize-dequantize ops: exact or qdq"),
      llvm::cl::init("exact")};
};
} // namespace

void mlir::oar::registerOarPipelines() {
  PassPipelineRegistration<PipelineOptions>(
      "pd-to-onnx-pipeline",
      "Lower pd to onnx and clean up, as `oar convert` does",
      [](OpPassManager &pm, const PipelineOptions &o) {
        OnnxPipelineOptions options;
        options.opset = o.opset;
        options.optimize = o.optimize;
        options.deformConv = o.deformConv;
        options.quantFormat = o.quantFormat;
        options.fakeQuant = o.fakeQuant;
        buildPdToOnnxPipeline(pm, options);
      });
}
