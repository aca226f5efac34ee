//===- PdControlFlow.cpp - pd.if, pd.while and tensor arrays --------------===//
//
// Verifiers, region-branch and loop interfaces, and folds of the structured
// control-flow ops and the tensor-array ops. Checks cite the constraints of
// docs/dialect-pd.md, "Control flow and tensor arrays" (`cf_c1`, ...).
//
//===----------------------------------------------------------------------===//

#include "dialects/pd/PdOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::oar::pd;

namespace {

/// cf_c1, cf_c5: true when `type` (a tensor type) may hold exactly one
/// element: every static dim is 1. Dynamic dims cannot be checked statically.
bool isOneElement(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return true;
  return llvm::all_of(ranked.getShape(), [](int64_t d) {
    return d == 1 || ShapedType::isDynamic(d);
  });
}

/// cf_c4, cf_c6: true when a value of type `from` may flow where `to` is
/// expected: the same kind, the same element type, compatible shapes (`?` matches any dim;
/// an unranked tensor matches any rank).
bool isCastCompatible(Type from, Type to) {
  if (from == to)
    return true;
  if (auto a = dyn_cast<TensorArrayType>(from)) {
    auto b = dyn_cast<TensorArrayType>(to);
    return b && isCastCompatible(a.getElementType(), b.getElementType());
  }
  auto a = dyn_cast<TensorType>(from), b = dyn_cast<TensorType>(to);
  return a && b && a.getElementType() == b.getElementType() &&
         succeeded(verifyCompatibleShape(a, b));
}

/// The constant value of a one-element i1 condition, if it is a constant.
std::optional<bool> getConstantCondition(Value cond) {
  DenseElementsAttr attr;
  if (!matchPattern(cond, m_Constant(&attr)) || attr.getNumElements() != 1)
    return std::nullopt;
  return *attr.value_begin<bool>();
}

std::optional<bool> getConstantCondition(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || dense.getNumElements() != 1 ||
      !dense.getElementType().isInteger(1))
    return std::nullopt;
  return *dense.value_begin<bool>();
}

LogicalResult verifyCondition(Operation *op, Type type, StringRef what) {
  if (!isOneElement(type))
    return op->emitOpError() << what << " must have exactly one element, got "
                             << type;
  return success();
}

/// cf_c2, cf_c3: checks that `yield` yields exactly `types`, from `offset`
/// on.
LogicalResult verifyYieldTypes(Operation *op, YieldOp yield, TypeRange types,
                               unsigned offset, StringRef region) {
  if (!yield)
    return op->emitOpError() << region << " must end in 'pd.yield'";
  ValueRange values = yield.getValues();
  if (values.size() != types.size() + offset)
    return op->emitOpError()
           << region << " yields " << values.size() << " values, expected "
           << types.size() + offset;
  for (auto [i, value, type] :
       llvm::enumerate(values.drop_front(offset), types))
    if (value.getType() != type)
      return op->emitOpError()
             << region << " yields " << value.getType() << " as value #"
             << i + offset << ", expected " << type;
  return success();
}

YieldOp getTerminatorYield(Region &region) {
  if (region.empty() || region.front().empty())
    return {};
  return dyn_cast<YieldOp>(region.front().back());
}

} // namespace

//===----------------------------------------------------------------------===//
// TensorArrayType
//===----------------------------------------------------------------------===//

LogicalResult
TensorArrayType::verify(function_ref<InFlightDiagnostic()> emitError,
                        TensorType elementType) {
  if (!elementType)
    return emitError() << "tensor array needs an element type";
  return success();
}

//===----------------------------------------------------------------------===//
// YieldOp
//===----------------------------------------------------------------------===//

MutableOperandRange YieldOp::getMutableSuccessorOperands(RegionSuccessor) {
  // In pd.while the first value is the next condition, not a successor
  // operand.
  if (isa<WhileOp>((*this)->getParentOp()) && !getValues().empty())
    return getValuesMutable().slice(1, getValues().size() - 1);
  return getValuesMutable();
}

//===----------------------------------------------------------------------===//
// IfOp
//===----------------------------------------------------------------------===//

YieldOp IfOp::getThenYield() { return getTerminatorYield(getThenRegion()); }
YieldOp IfOp::getElseYield() { return getTerminatorYield(getElseRegion()); }

// The region checks are in verify(), not verifyRegions(), so that they run
// before the generic RegionBranchOpInterface checks and give the clearer
// message; they look only at the terminators' operand types.
LogicalResult IfOp::verify() {
  if (failed(verifyCondition(*this, getCond().getType(), "condition")))
    return failure();
  if (failed(verifyYieldTypes(*this, getThenYield(), getResultTypes(), 0,
                              "then region")) ||
      failed(verifyYieldTypes(*this, getElseYield(), getResultTypes(), 0,
                              "else region")))
    return failure();
  return success();
}

void IfOp::getSuccessorRegions(RegionBranchPoint point,
                               SmallVectorImpl<RegionSuccessor> &regions) {
  if (!point.isParent()) {
    regions.push_back(RegionSuccessor(getOperation(), getResults()));
    return;
  }
  regions.push_back(RegionSuccessor(&getThenRegion()));
  regions.push_back(RegionSuccessor(&getElseRegion()));
}

void IfOp::getEntrySuccessorRegions(ArrayRef<Attribute> operands,
                                    SmallVectorImpl<RegionSuccessor> &regions) {
  std::optional<bool> cond = getConstantCondition(operands[0]);
  if (!cond) {
    getSuccessorRegions(RegionBranchPoint::parent(), regions);
    return;
  }
  regions.push_back(RegionSuccessor(*cond ? &getThenRegion()
                                          : &getElseRegion()));
}

namespace {

/// Replaces a `pd.if` whose condition is a constant by the branch taken.
struct InlineConstantIf final : OpRewritePattern<IfOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(IfOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<bool> cond = getConstantCondition(op.getCond());
    if (!cond)
      return rewriter.notifyMatchFailure(op, "condition is not a constant");
    Block &block = *cond ? op.getThenBlock() : op.getElseBlock();
    auto yield = cast<YieldOp>(block.getTerminator());
    SmallVector<Value> results(yield.getValues());
    rewriter.inlineBlockBefore(&block, op);
    rewriter.eraseOp(yield);
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void IfOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                       MLIRContext *context) {
  results.add<InlineConstantIf>(context);
}

//===----------------------------------------------------------------------===//
// WhileOp
//===----------------------------------------------------------------------===//

YieldOp WhileOp::getYield() { return getTerminatorYield(getBody()); }

LogicalResult WhileOp::verify() {
  // The region checks come first, for the reason given at IfOp::verify.
  if (failed(verifyBody()))
    return failure();
  if (failed(verifyCondition(*this, getCond().getType(), "condition")))
    return failure();
  if (getInitValues().size() != getNumResults())
    return emitOpError() << "has " << getInitValues().size()
                         << " loop-carried inits but " << getNumResults()
                         << " results";
  for (auto [i, init, result] :
       llvm::enumerate(getInitValues().getTypes(), getResultTypes()))
    if (!isCastCompatible(init, result))
      return emitOpError() << "loop-carried init #" << i << " of type " << init
                           << " is not compatible with result type " << result;
  return success();
}

LogicalResult WhileOp::verifyBody() {
  Block &body = getBodyBlock();
  if (body.getNumArguments() != getNumResults())
    return emitOpError() << "body has " << body.getNumArguments()
                         << " arguments, expected one per loop-carried value ("
                         << getNumResults() << ")";
  for (auto [i, arg, result] :
       llvm::enumerate(body.getArgumentTypes(), getResultTypes()))
    if (arg != result)
      return emitOpError() << "body argument #" << i << " has type " << arg
                           << ", expected the result type " << result;
  YieldOp yield = getYield();
  if (failed(verifyYieldTypes(*this, yield, getResultTypes(), 1, "body")))
    return failure();
  Type next = yield.getValues().front().getType();
  auto nextCond = dyn_cast<TensorType>(next);
  if (!nextCond || !nextCond.getElementType().isInteger(1))
    return emitOpError() << "body must yield an i1 tensor as the next "
                            "condition, got "
                         << next;
  return verifyCondition(*this, next, "next condition");
}

void WhileOp::getSuccessorRegions(RegionBranchPoint point,
                                  SmallVectorImpl<RegionSuccessor> &regions) {
  // From the parent and from the body alike: run the body (again), or exit.
  regions.push_back(RegionSuccessor(&getBody(), getBodyBlock().getArguments()));
  regions.push_back(RegionSuccessor(getOperation(), getResults()));
}

void WhileOp::getEntrySuccessorRegions(
    ArrayRef<Attribute> operands, SmallVectorImpl<RegionSuccessor> &regions) {
  std::optional<bool> cond = getConstantCondition(operands[0]);
  if (!cond) {
    getSuccessorRegions(RegionBranchPoint::parent(), regions);
    return;
  }
  if (*cond)
    regions.push_back(
        RegionSuccessor(&getBody(), getBodyBlock().getArguments()));
  else
    regions.push_back(RegionSuccessor(getOperation(), getResults()));
}

OperandRange WhileOp::getEntrySuccessorOperands(RegionSuccessor) {
  return getInitValues();
}

bool WhileOp::areTypesCompatible(Type lhs, Type rhs) {
  return isCastCompatible(lhs, rhs) || isCastCompatible(rhs, lhs);
}

SmallVector<Region *> WhileOp::getLoopRegions() { return {&getBody()}; }

LogicalResult WhileOp::fold(FoldAdaptor adaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  std::optional<bool> cond = getConstantCondition(adaptor.getCond());
  if (!cond || *cond)
    return failure();
  if (getInitValues().getTypes() != getResultTypes())
    return failure(); // Folding would lose the more dynamic result types.
  for (Value init : getInitValues())
    results.push_back(init);
  return success();
}

//===----------------------------------------------------------------------===//
// Tensor arrays
//===----------------------------------------------------------------------===//

namespace {

LogicalResult verifyIndex(Operation *op, Value index) {
  if (!isOneElement(index.getType()))
    return op->emitOpError() << "index must have exactly one element, got "
                             << index.getType();
  return success();
}

/// Checks that a tensor read from or written to `array` fits its element
/// type.
LogicalResult verifyElement(Operation *op, TensorArrayType array, Type tensor,
                            StringRef what) {
  if (!isCastCompatible(tensor, array.getElementType()))
    return op->emitOpError() << what << " type " << tensor
                             << " is not compatible with the array's element "
                                "type "
                             << array.getElementType();
  return success();
}

} // namespace

LogicalResult ArrayWriteOp::verify() {
  if (getOut().getType() != getArray().getType())
    return emitOpError() << "result type " << getOut().getType()
                         << " differs from the array type "
                         << getArray().getType();
  if (failed(verifyIndex(*this, getI())))
    return failure();
  return verifyElement(*this, getArray().getType(), getX().getType(),
                       "written");
}

LogicalResult ArrayReadOp::verify() {
  if (failed(verifyIndex(*this, getI())))
    return failure();
  return verifyElement(*this, getArray().getType(), getOut().getType(),
                       "read");
}

LogicalResult ArrayLengthOp::verify() {
  auto type = cast<TensorType>(getOut().getType());
  if (!type.hasRank() || type.getRank() != 1 || type.getDimSize(0) != 1)
    return emitOpError() << "result must be tensor<1xi64>, got " << type;
  return success();
}

LogicalResult ArrayToTensorOp::verify() {
  TensorType elem = getArray().getType().getElementType();
  auto out = cast<RankedTensorType>(getOut().getType());
  if (elem.getElementType() != out.getElementType())
    return emitOpError() << "result element type " << out.getElementType()
                         << " differs from the array's "
                         << elem.getElementType();
  auto index = cast<TensorType>(getOutIndex().getType());
  if (!index.hasRank() || index.getRank() != 1)
    return emitOpError() << "out_index must be a 1-D tensor, got " << index;
  if (!elem.hasRank())
    return success();
  int64_t rank = elem.getRank();
  int64_t outRank = getUseStack() ? rank + 1 : rank;
  if (out.getRank() != outRank)
    return emitOpError() << "result rank " << out.getRank() << " should be "
                         << outRank << " for elements of rank " << rank
                         << (getUseStack() ? " stacked" : " concatenated");
  int64_t axis = getAxis();
  if (axis < -outRank || axis >= outRank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << outRank;
  return success();
}
