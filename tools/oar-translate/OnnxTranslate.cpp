//===- OnnxTranslate.cpp - --export-onnx and --import-onnx ----------------===//
//
// `oar-translate --export-onnx model.mlir -o model.onnx` writes a module of
// `onnx` ops (with its `onnx.opset` attribute) as an ONNX ModelProto;
// `oar-translate --import-onnx model.onnx` reads one back as `onnx` MLIR.
//
//===----------------------------------------------------------------------===//

#include "backends/onnx/OnnxExport.h"
#include "backends/onnx/OnnxImport.h"

#include "dialects/onnx/OnnxDialect.h"
#include "frontends/paddle/Importer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace {

llvm::cl::OptionCategory category("ONNX export options");

llvm::cl::opt<bool> fp16("onnx-fp16",
                         llvm::cl::desc("Export float32 as float16"),
                         llvm::cl::cat(category));

llvm::cl::opt<bool> check("onnx-check",
                          llvm::cl::desc("Run the ONNX checker on the result"),
                          llvm::cl::cat(category));

LogicalResult exportOnnx(ModuleOp module, llvm::raw_ostream &output) {
  oar::onnx::ExportOptions options;
  options.fp16 = fp16;
  options.check = check;
  std::string bytes;
  if (failed(oar::onnx::serializeOnnxModel(module, bytes, options)))
    return failure();
  output << bytes;
  return success();
}

OwningOpRef<Operation *>
importOnnx(const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
           MLIRContext *context) {
  const llvm::MemoryBuffer *buffer =
      sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID());
  OwningOpRef<ModuleOp> module = oar::onnx::importOnnxModel(
      buffer->getBufferIdentifier(), buffer->getBuffer(), context);
  if (!module)
    return nullptr;
  return OwningOpRef<Operation *>(module.release().getOperation());
}

} // namespace

namespace oar {
void registerOnnxTranslations() {
  static TranslateFromMLIRRegistration exportRegistration(
      "export-onnx", "Write a module of onnx ops as an ONNX model", exportOnnx,
      [](DialectRegistry &registry) {
        // pd and arith too, so that an unconverted op is reported as such.
        mlir::oar::paddle::registerImportDialects(registry);
        registry.insert<mlir::oar::onnx::OnnxDialect, func::FuncDialect>();
      });
  static TranslateToMLIRRegistration importRegistration(
      "import-onnx", "Read an ONNX model into onnx ops", importOnnx,
      [](DialectRegistry &registry) {
        registry.insert<mlir::oar::onnx::OnnxDialect, func::FuncDialect>();
      });
}
} // namespace oar
