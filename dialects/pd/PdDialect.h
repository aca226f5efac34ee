//===- PdDialect.h - Paddle dialect -----------------------------*- C++ -*-===//
//
// The `pd` dialect: Paddle operators before lowering.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_PD_PDDIALECT_H
#define OAR_DIALECTS_PD_PDDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Dialect.h"

#include "dialects/pd/PdDialect.h.inc"

#endif // OAR_DIALECTS_PD_PDDIALECT_H
