//===- Importer.h - Paddle ProgramDesc to the pd dialect ---------*- C++ -*-===//

#ifndef OAR_FRONTENDS_PADDLE_IMPORTER_H
#define OAR_FRONTENDS_PADDLE_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::oar::paddle {

struct ImportOptions {
  /// The parameters file; found beside the program when empty.
  std::string paramsPath;
  /// Import without parameter values: parameters become pd.parameter ops.
  bool noParams = false;
};

/// Imports the ProgramDesc `bytes` read from `path` into a module holding
/// `func.func @main`. Reports errors as diagnostics located in the file and
/// returns null.
OwningOpRef<ModuleOp> importPaddleProgram(llvm::StringRef path,
                                          llvm::StringRef bytes,
                                          MLIRContext *context,
                                          const ImportOptions &options);

/// Reads `path` and imports it.
OwningOpRef<ModuleOp> importPaddleProgramFile(llvm::StringRef path,
                                              MLIRContext *context,
                                              const ImportOptions &options);

/// Registers the dialects an imported module uses.
void registerImportDialects(DialectRegistry &registry);

/// Prints diagnostics as `file: block B, op #N: error: message`, reading the
/// file, block and op index from the FileLineColLoc the importer attaches.
/// Returns a handler id to pass to DiagEngine::eraseHandler.
uint64_t installDiagnosticPrinter(MLIRContext *context,
                                  llvm::raw_ostream &os);

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_IMPORTER_H
