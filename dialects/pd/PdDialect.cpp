//===- PdDialect.cpp - Paddle dialect -------------------------------------===//

#include "dialects/pd/PdDialect.h"
#include "dialects/pd/PdOps.h"

using namespace mlir;
using namespace mlir::oar::pd;

#include "dialects/pd/PdDialect.cpp.inc"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#define GET_TYPEDEF_CLASSES
#include "dialects/pd/PdTypes.cpp.inc"

void PdDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/pd/PdOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/pd/PdTypes.cpp.inc"
      >();
}

Operation *PdDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type)
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}
