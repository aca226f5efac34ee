//===- oar-translate.cpp - Oar's translation driver -----------------------===//
//
// mlir-translate with Oar's import and export registrations.
//
//===----------------------------------------------------------------------===//

#include "tools/MallocTuning.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

namespace oar {
void registerPaddleImport();
void registerOnnxTranslations();
} // namespace oar

int main(int argc, char **argv) {
  oar::tuneMalloc();
  oar::registerPaddleImport();
  oar::registerOnnxTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "Oar translation driver\n"));
}
