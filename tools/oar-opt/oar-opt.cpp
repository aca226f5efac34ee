//===- oar-opt.cpp - Oar's pass driver ------------------------------------===//
//
// mlir-opt with Oar's dialects and passes and the upstream ones Oar uses.
//
//===----------------------------------------------------------------------===//

#include "dialects/onnx/OnnxDialect.h"
#include "dialects/pd/PdDialect.h"
#include "passes/Passes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  mlir::oar::registerOarPasses();
  mlir::oar::registerOarPipelines();
  mlir::DialectRegistry registry;
  registry.insert<mlir::oar::pd::PdDialect, mlir::oar::onnx::OnnxDialect,
                  mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::tensor::TensorDialect,
                  mlir::quant::QuantDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Oar optimizer driver\n", registry));
}
