//===- OnnxDialect.h - ONNX dialect -----------------------------*- C++ -*-===//
//
// The `onnx` dialect: ONNX operators, opsets 7 to 21.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_ONNX_ONNXDIALECT_H
#define OAR_DIALECTS_ONNX_ONNXDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/onnx/OnnxDialect.h.inc"

#endif // OAR_DIALECTS_ONNX_ONNXDIALECT_H
