//===- PdOps.h - Paddle dialect ops -----------------------------*- C++ -*-===//

#ifndef OAR_DIALECTS_PD_PDOPS_H
#define OAR_DIALECTS_PD_PDOPS_H

#include "dialects/pd/PdDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_TYPEDEF_CLASSES
#include "dialects/pd/PdTypes.h.inc"

#define GET_OP_CLASSES
#include "dialects/pd/PdOps.h.inc"

#endif // OAR_DIALECTS_PD_PDOPS_H
