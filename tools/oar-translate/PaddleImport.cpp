//===- PaddleImport.cpp - --import-paddle ---------------------------------===//
//
// `oar-translate --import-paddle model.pdmodel` prints the program as `pd`
// MLIR. Parameter blobs longer than 64 bytes are elided in the text unless
// --paddle-full-weights is given; --emit-bytecode writes MLIR bytecode, which
// keeps them all.
//
//===----------------------------------------------------------------------===//

#include "frontends/paddle/Importer.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace {

llvm::cl::OptionCategory category("Paddle import options");

llvm::cl::opt<std::string>
    paramsPath("paddle-params",
               llvm::cl::desc("Parameters file of the program (default: "
                              "found beside it)"),
               llvm::cl::value_desc("file"), llvm::cl::cat(category));

llvm::cl::opt<bool> noParams(
    "paddle-no-params",
    llvm::cl::desc("Import without parameter values (pd.parameter ops)"),
    llvm::cl::cat(category));

llvm::cl::opt<bool> fullWeights(
    "paddle-full-weights",
    llvm::cl::desc("Print every parameter blob in full in textual output"),
    llvm::cl::cat(category));

llvm::cl::opt<bool> emitBytecode("emit-bytecode",
                                 llvm::cl::desc("Write MLIR bytecode"),
                                 llvm::cl::cat(category));

LogicalResult importPaddle(const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
                           llvm::raw_ostream &output, MLIRContext *context) {
  // Print importer errors in the file/block/op form rather than through the
  // source manager, which would quote the binary file.
  uint64_t handler =
      oar::paddle::installDiagnosticPrinter(context, llvm::errs());
  const llvm::MemoryBuffer *buffer =
      sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID());
  oar::paddle::ImportOptions options;
  options.paramsPath = paramsPath;
  options.noParams = noParams;
  OwningOpRef<ModuleOp> module = oar::paddle::importPaddleProgram(
      buffer->getBufferIdentifier(), buffer->getBuffer(), context, options);
  context->getDiagEngine().eraseHandler(handler);
  if (!module)
    return failure();
  if (emitBytecode)
    return writeBytecodeToFile(*module, output);
  OpPrintingFlags flags;
  if (!fullWeights)
    flags.elideLargeResourceString(64);
  module->print(output, flags);
  return success();
}

} // namespace

namespace oar {
void registerPaddleImport() {
  static TranslateRegistration registration(
      "import-paddle",
      "Import a Paddle program: a ProgramDesc (.pdmodel, __model__) or a "
      "Paddle 3.x PIR program (.json)",
      importPaddle);
}
} // namespace oar
