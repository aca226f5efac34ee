//===- FuseGemm.cpp - The onnx-fuse-gemm pass -----------------------------===//
//
// Add(MatMul(A, B), C) -> Gemm(A, B, C) where Gemm computes the same: A and
// B of rank 2, C unidirectionally broadcastable to [M, N] (scalar, [N],
// [1, N], [M, 1], [M, N]), the MatMul used only by the Add, and the element
// type one that Gemm takes at the module's opset.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/onnx/OnnxOps.h"
#include "passes/Onnx/Utils.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::oar {
#define GEN_PASS_DEF_ONNXFUSEGEMM
#include "passes/Passes.h.inc"
} // namespace mlir::oar

using namespace mlir;
using namespace mlir::oar;
using namespace mlir::oar::onnx_utils;

namespace {

/// Whether Gemm takes `t` at `opset`: floats from 7, 32/64-bit integers
/// from 9, bf16 from 13.
bool gemmTakes(Type t, int64_t opset) {
  if (t.isF16() || t.isF32() || t.isF64())
    return true;
  if (t.isBF16())
    return opset >= 13;
  if (auto it = dyn_cast<IntegerType>(t))
    return opset >= 9 && (it.getWidth() == 32 || it.getWidth() == 64) &&
           !it.isSigned(); // int32 is i32, uint32 ui32
  return false;
}

/// Whether `c` broadcasts to [m, n] one way (dims 1 or equal, static where
/// they must be checked).
bool broadcastsTo(RankedTensorType c, int64_t m, int64_t n) {
  if (c.getRank() > 2)
    return false;
  int64_t target[2] = {m, n};
  for (int64_t i = 0; i < c.getRank(); ++i) {
    int64_t d = c.getDimSize(i);
    int64_t t = target[2 - c.getRank() + i];
    if (d == 1)
      continue;
    if (ShapedType::isDynamic(d) || ShapedType::isDynamic(t) || d != t)
      return false;
  }
  return true;
}

struct MatMulAddToGemm final : OpRewritePattern<onnx::AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(onnx::AddOp add,
                                PatternRewriter &rewriter) const override {
    for (int side = 0; side < 2; ++side) {
      auto matmul = add->getOperand(side).getDefiningOp<onnx::MatMulOp>();
      if (!matmul || !matmul->hasOneUse())
        continue;
      Value c = add->getOperand(1 - side);
      auto a = dyn_cast<RankedTensorType>(matmul.getA().getType());
      auto b = dyn_cast<RankedTensorType>(matmul.getB().getType());
      auto cType = dyn_cast<RankedTensorType>(c.getType());
      auto y = dyn_cast<RankedTensorType>(add.getType());
      if (!a || !b || !cType || !y || a.getRank() != 2 || b.getRank() != 2 ||
          y.getRank() != 2)
        continue;
      Type element = a.getElementType();
      if (b.getElementType() != element || cType.getElementType() != element ||
          y.getElementType() != element || !gemmTakes(element, getOpset(add)))
        continue;
      if (!broadcastsTo(cType, a.getDimSize(0), b.getDimSize(1)))
        continue;
      auto gemm = onnx::GemmOp::create(
          rewriter, add.getLoc(), add.getType(), matmul.getA(), matmul.getB(),
          c, /*alpha=*/nullptr, /*beta=*/nullptr, /*transA=*/nullptr,
          /*transB=*/nullptr);
      rewriter.replaceOp(add, gemm);
      rewriter.eraseOp(matmul);
      return success();
    }
    return failure();
  }
};

class OnnxFuseGemmPass final
    : public mlir::oar::impl::OnnxFuseGemmBase<OnnxFuseGemmPass> {
public:
  using OnnxFuseGemmBase::OnnxFuseGemmBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<MatMulAddToGemm>(&getContext());
    if (failed(applyCleanupPatterns(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
