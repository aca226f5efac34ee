//===- ControlFlow.cpp - pd to onnx: if, while, tensor arrays -------------===//
//
// Structural conversion of Paddle's control flow (docs/control-flow.md):
//
// - `pd.if` becomes one `onnx.If` whatever the number of results: the
//   condition is reshaped to a 0-D bool, the regions move into the
//   then/else GRAPH attributes as they are (ONNX subgraphs see the outer
//   scope, as `pd.if` regions do).
// - `pd.while` becomes `onnx.Loop` with no trip count (M absent, so no
//   iteration limit) and the condition as its `cond` input. The body gets
//   ONNX's signature (iteration_num, cond, carried...) and yields
//   (cond, carried...). Carried values have dynamic dims in the body
//   signature (their rank from the join of the init, block argument and
//   yielded types): shapes may change between iterations, and Paddle's
//   static shapes hold for one iteration only.
// - Tensor arrays (`!pd.tensor_array<E>`) become ONNX sequences
//   (`!onnx.seq<E>` with E's dims dynamic) and the array ops Sequence ops.
//   If and Loop carry sequences from opset 13; the Sequence ops exist from
//   opset 11.
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"

#include "dialects/pd/PdOps.h"

using namespace mlir;
using namespace mlir::oar;

namespace {

/// The first opset whose If and Loop take sequences.
constexpr int64_t kSequenceControlFlowOpset = 13;
/// The first opset with Sequence ops.
constexpr int64_t kSequenceOpset = 11;

/// `type` with every dim dynamic (the rank kept); other types as they are.
Type withDynamicDims(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return type;
  return RankedTensorType::get(
      SmallVector<int64_t>(ranked.getRank(), ShapedType::kDynamic),
      ranked.getElementType());
}

/// The ONNX type of a control-flow value: a tensor array becomes a sequence
/// of its element type with every dim dynamic (the tensors of one array
/// may differ in shape); a tensor stays as it is.
Type toOnnxType(Type type) {
  auto array = dyn_cast<pd::TensorArrayType>(type);
  if (!array)
    return type;
  return onnx::SeqType::get(type.getContext(),
                            withDynamicDims(array.getElementType()));
}

bool isArray(Type type) { return isa<pd::TensorArrayType>(type); }

/// The most specific type both `a` and `b` are instances of: equal dims
/// stay, differing dims become `?`, differing ranks unranked. Non-tensor
/// types (sequences) must be equal and are returned as they are.
Type join(Type a, Type b) {
  if (a == b)
    return a;
  auto ta = dyn_cast<TensorType>(a);
  auto tb = dyn_cast<TensorType>(b);
  if (!ta || !tb)
    return a;
  auto ra = dyn_cast<RankedTensorType>(a);
  auto rb = dyn_cast<RankedTensorType>(b);
  if (!ra || !rb || ra.getRank() != rb.getRank())
    return UnrankedTensorType::get(ta.getElementType());
  SmallVector<int64_t> shape;
  for (auto [da, db] : llvm::zip(ra.getShape(), rb.getShape()))
    shape.push_back(da == db ? da : ShapedType::kDynamic);
  return RankedTensorType::get(shape, ta.getElementType());
}

/// `cond` (an i1 tensor of one element) as a 0-D bool, as If and Loop
/// want it.
Value scalarCondition(OpBuilder &b, Location loc, Value cond) {
  auto scalar = RankedTensorType::get({}, b.getI1Type());
  if (cond.getType() == scalar)
    return cond;
  return reshapeTo(b, loc, cond, {}, scalar);
}

/// A one-element integer index as a 0-D tensor of its own element type,
/// as the Sequence ops want their position.
Value scalarIndex(OpBuilder &b, Location loc, Value index) {
  auto scalar = RankedTensorType::get({}, getElementType(index));
  if (index.getType() == scalar)
    return index;
  return reshapeTo(b, loc, index, {}, scalar);
}

bool anyArray(TypeRange types) { return llvm::any_of(types, isArray); }

/// Whether the converted array operand `v` is a sequence, i.e. the op that
/// made it was converted.
bool isConverted(Value v) { return isa<onnx::SeqType>(v.getType()); }
constexpr const char *kArrayNotConverted =
    "the op that makes its array was not converted";

//===----------------------------------------------------------------------===//
// if, while, yield
//===----------------------------------------------------------------------===//

struct IfToOnnx : PdToOnnxPattern<pd::IfOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::IfOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (anyArray(op.getResultTypes()) && opset() < kSequenceControlFlowOpset)
      return needsOpset(op, kSequenceControlFlowOpset);
    Location loc = op.getLoc();
    SmallVector<Type> types;
    for (Type t : op.getResultTypes())
      types.push_back(toOnnxType(t));
    Value cond =
        scalarCondition(rewriter, auxLoc(loc, "cond"), adaptor.getCond());
    auto ifOp = onnx::IfOp::create(rewriter, loc, types, cond);
    rewriter.inlineRegionBefore(op.getThenRegion(), ifOp.getThenBranch(),
                                ifOp.getThenBranch().end());
    rewriter.inlineRegionBefore(op.getElseRegion(), ifOp.getElseBranch(),
                                ifOp.getElseBranch().end());
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

struct WhileToOnnx : PdToOnnxPattern<pd::WhileOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::WhileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (anyArray(op.getResultTypes()) && opset() < kSequenceControlFlowOpset)
      return needsOpset(op, kSequenceControlFlowOpset);
    Location loc = op.getLoc();
    Block &body = op.getBody().front();
    Operation *yield = body.getTerminator();
    // Carried types: general enough for every iteration. The rank is kept,
    // the dims are dynamic: Paddle's programs give a variable that grows
    // in a loop the static shape of one iteration (a concat's output
    // [3, 3] where the loop makes [2 + n, 3]), so a static dim of the
    // program says nothing about the other iterations.
    SmallVector<Type> types;
    for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
      Type t = toOnnxType(arg.getType());
      t = join(t, toOnnxType(op->getOperand(i + 1).getType()));
      t = join(t, toOnnxType(yield->getOperand(i + 1).getType()));
      types.push_back(withDynamicDims(t));
    }
    Value cond =
        scalarCondition(rewriter, auxLoc(loc, "cond"), adaptor.getCond());
    Value noTripCount = noValue(rewriter, loc);
    auto loop = onnx::LoopOp::create(rewriter, loc, types, noTripCount, cond,
                                     adaptor.getOperands().drop_front());

    // ONNX's body signature: (iteration_num, cond, carried...).
    SmallVector<Type> argTypes{RankedTensorType::get({}, rewriter.getI64Type()),
                               RankedTensorType::get({}, rewriter.getI1Type())};
    SmallVector<Location> argLocs{auxLoc(loc, "iteration"),
                                  auxLoc(loc, "cond_in")};
    for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
      argTypes.push_back(types[i]);
      argLocs.push_back(arg.getLoc());
    }
    Block *newBody =
        rewriter.createBlock(&loop.getBody(), {}, argTypes, argLocs);
    rewriter.mergeBlocks(&body, newBody, newBody->getArguments().drop_front(2));

    // The results keep the body signature's dynamic dims: pd.while's static
    // result types may hold for one iteration only, and a static type would
    // let the cleanup fold Shape of a value that grew. pd users convert from
    // the dynamic values; others (func.return) get an Identity to the type
    // they declare.
    rewriter.setInsertionPointAfter(loop);
    for (auto [i, r] : llvm::enumerate(loop.getResults())) {
      Type declared = toOnnxType(op.getResult(i).getType());
      if (r.getType() == declared)
        continue;
      for (OpOperand &use :
           llvm::make_early_inc_range(op.getResult(i).getUses())) {
        Operation *user = use.getOwner();
        if (isa_and_nonnull<pd::PdDialect>(user->getDialect()))
          continue;
        Value typed = identityAs(rewriter, resultLoc(op, i), r, declared);
        rewriter.modifyOpInPlace(user, [&] { use.set(typed); });
      }
    }
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

/// `pd.yield` in a converted If branch or Loop body: `onnx.Yield`. In a
/// Loop body the condition becomes a 0-D bool and the carried values take
/// the body signature's types.
struct YieldToOnnx : PdToOnnxPattern<pd::YieldOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::YieldOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Operation *parent = op->getParentOp();
    SmallVector<Value> values(adaptor.getValues());
    if (auto loop = dyn_cast<onnx::LoopOp>(parent)) {
      Location loc = loop.getLoc();
      Block &body = loop.getBody().front();
      values[0] = scalarCondition(rewriter, auxLoc(loc, "cond_out"), values[0]);
      for (unsigned i = 1; i < values.size(); ++i)
        values[i] = identityAs(rewriter, auxLoc(loc, "next"), values[i],
                               body.getArgument(i + 1).getType());
    } else if (auto ifOp = dyn_cast<onnx::IfOp>(parent)) {
      for (auto [i, t] : llvm::enumerate(ifOp.getResultTypes()))
        values[i] =
            identityAs(rewriter, auxLoc(ifOp.getLoc(), "out"), values[i], t);
    } else {
      return unsupported(op, "its parent '" + parent->getName().getStringRef() +
                                 "' was not converted");
    }
    rewriter.replaceOpWithNewOp<onnx::YieldOp>(op, values);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Tensor arrays
//===----------------------------------------------------------------------===//

struct CreateArrayToOnnx : PdToOnnxPattern<pd::CreateArrayOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::CreateArrayOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < kSequenceOpset)
      return needsOpset(op, kSequenceOpset);
    auto type = cast<pd::TensorArrayType>(op.getType());
    int64_t dtype = getOnnxDataType(type.getElementType().getElementType());
    if (!dtype)
      return unsupported(op, "the array's element type has no ONNX type");
    Operation *seq =
        createOnnxOp(rewriter, op.getLoc(), "SequenceEmpty", toOnnxType(type),
                     {}, {i64Attr(rewriter, "dtype", dtype)});
    rewriter.replaceOp(op, seq->getResults());
    return success();
  }
};

/// `array_write(a, x, i)`: `i < length` overwrites (SequenceErase, then
/// SequenceInsert at i), else SequenceInsert at i (appends when
/// `i == length`; onnxruntime rejects `i > length`, where Paddle would pad
/// the array). The choice is an `onnx.If` yielding a sequence: opset 13.
struct ArrayWriteToOnnx : PdToOnnxPattern<pd::ArrayWriteOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ArrayWriteOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isConverted(adaptor.getArray()))
      return unsupported(op, kArrayNotConverted);
    if (opset() < kSequenceControlFlowOpset)
      return needsOpset(op, kSequenceControlFlowOpset);
    Location loc = op.getLoc();
    Type seqType = toOnnxType(op.getType());
    Value array = adaptor.getArray();
    Value x = adaptor.getX();
    Value i = scalarIndex(rewriter, auxLoc(loc, "index"), adaptor.getI());
    auto i64Scalar = RankedTensorType::get({}, rewriter.getI64Type());
    auto boolScalar = RankedTensorType::get({}, rewriter.getI1Type());
    Value length = createOnnxOp(rewriter, auxLoc(loc, "length"),
                                "SequenceLength", i64Scalar, array)
                       ->getResult(0);
    Value i64 = castTo(rewriter, auxLoc(loc, "index_i64"), i,
                       i64Scalar.getElementType());
    Value overwrite = createOnnxOp(rewriter, auxLoc(loc, "overwrite"), "Less",
                                   boolScalar, {i64, length})
                          ->getResult(0);
    auto ifOp =
        onnx::IfOp::create(rewriter, loc, TypeRange{seqType}, overwrite);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.createBlock(&ifOp.getThenBranch());
      Value erased = createOnnxOp(rewriter, auxLoc(loc, "erased"),
                                  "SequenceErase", seqType, {array, i})
                         ->getResult(0);
      Value inserted = createOnnxOp(rewriter, auxLoc(loc, "overwritten"),
                                    "SequenceInsert", seqType, {erased, x, i})
                           ->getResult(0);
      onnx::YieldOp::create(rewriter, loc, inserted);

      rewriter.createBlock(&ifOp.getElseBranch());
      Value appended = createOnnxOp(rewriter, auxLoc(loc, "appended"),
                                    "SequenceInsert", seqType, {array, x, i})
                           ->getResult(0);
      onnx::YieldOp::create(rewriter, loc, appended);
    }
    rewriter.replaceOp(op, ifOp.getResults());
    return success();
  }
};

struct ArrayReadToOnnx : PdToOnnxPattern<pd::ArrayReadOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ArrayReadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isConverted(adaptor.getArray()))
      return unsupported(op, kArrayNotConverted);
    if (opset() < kSequenceOpset)
      return needsOpset(op, kSequenceOpset);
    Location loc = op.getLoc();
    Value i = scalarIndex(rewriter, auxLoc(loc, "index"), adaptor.getI());
    Operation *at = createOnnxOp(rewriter, loc, "SequenceAt", op.getType(),
                                 {adaptor.getArray(), i});
    rewriter.replaceOp(op, at->getResults());
    return success();
  }
};

struct ArrayLengthToOnnx : PdToOnnxPattern<pd::ArrayLengthOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ArrayLengthOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isConverted(adaptor.getArray()))
      return unsupported(op, kArrayNotConverted);
    if (opset() < kSequenceOpset)
      return needsOpset(op, kSequenceOpset);
    Location loc = op.getLoc();
    Value length =
        createOnnxOp(rewriter, auxLoc(loc, "scalar"), "SequenceLength",
                     RankedTensorType::get({}, rewriter.getI64Type()),
                     adaptor.getArray())
            ->getResult(0);
    auto type = cast<TensorType>(op.getType());
    if (type.hasRank() && type.getRank() == 0) {
      rewriter.replaceOp(op, identityAs(rewriter, loc, length, type));
      return success();
    }
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, length, {1}, type));
    return success();
  }
};

/// `tensor_array_to_tensor`: ConcatFromSequence, with `new_axis` when
/// stacking. `out_index`, each tensor's size along the axis, when used:
/// ones when stacking, else a Loop over the sequence.
struct ArrayToTensorToOnnx : PdToOnnxPattern<pd::ArrayToTensorOp> {
  using PdToOnnxPattern::PdToOnnxPattern;

  static Value lengthOf(OpBuilder &b, Location loc, Value array) {
    return createOnnxOp(b, auxLoc(loc, "length"), "SequenceLength",
                        RankedTensorType::get({}, b.getI64Type()), array)
        ->getResult(0);
  }

  /// Stacking: one 1 per tensor.
  static Value stackedSizes(OpBuilder &b, Location loc, Value array,
                            pd::ArrayToTensorOp op) {
    Value shape =
        reshapeTo(b, auxLoc(loc, "length_1d"), lengthOf(b, loc, array), {1},
                  RankedTensorType::get({1}, b.getI64Type()));
    auto one =
        DenseElementsAttr::get(RankedTensorType::get({1}, b.getI32Type()),
                               b.getI32IntegerAttr(1).getValue());
    return createOnnxOp(b, resultLoc(op, 1), "ConstantOfShape",
                        op.getOutIndex().getType(), shape,
                        {b.getNamedAttr("value", one)})
        ->getResult(0);
  }

  /// Concatenating: a Loop of SequenceLength trips whose scan output is
  /// Shape(SequenceAt(array, i))[axis].
  static Value concatenatedSizes(OpBuilder &b, Location loc, Value array,
                                 pd::ArrayToTensorOp op) {
    auto i64Scalar = RankedTensorType::get({}, b.getI64Type());
    auto i1Scalar = RankedTensorType::get({}, b.getI1Type());
    auto sizes = RankedTensorType::get({ShapedType::kDynamic}, b.getI64Type());
    Value trips = lengthOf(b, loc, array);
    Value none = noValue(b, loc);
    auto loop = onnx::LoopOp::create(b, auxLoc(loc, "sizes"), TypeRange{sizes},
                                     trips, none, ValueRange{});
    OpBuilder::InsertionGuard guard(b);
    Block *body = b.createBlock(
        &loop.getBody(), {}, {i64Scalar, i1Scalar},
        {auxLoc(loc, "sizes_iteration"), auxLoc(loc, "sizes_cond")});
    auto element = cast<onnx::SeqType>(array.getType()).getElementType();
    Value item = createOnnxOp(b, auxLoc(loc, "item"), "SequenceAt", element,
                              {array, body->getArgument(0)})
                     ->getResult(0);
    Value shape = shapeOf(b, auxLoc(loc, "item_shape"), item);
    Value axis = constI64(b, auxLoc(loc, "axis"), {op.getAxis()},
                          /*scalar=*/true);
    Value size = createOnnxOp(b, auxLoc(loc, "item_size"), "Gather", i64Scalar,
                              {shape, axis})
                     ->getResult(0);
    onnx::YieldOp::create(b, loc, ValueRange{body->getArgument(1), size});
    b.setInsertionPointAfter(loop);
    return castTo(b, resultLoc(op, 1), loop.getResult(0), b.getI32Type());
  }

  LogicalResult
  matchAndRewrite(pd::ArrayToTensorOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isConverted(adaptor.getArray()))
      return unsupported(op, kArrayNotConverted);
    if (opset() < kSequenceOpset)
      return needsOpset(op, kSequenceOpset);
    bool stack = op.getUseStack();
    Location loc = op.getLoc();
    Value array = adaptor.getArray();
    Value out = createOnnxOp(rewriter, resultLoc(op, 0), "ConcatFromSequence",
                             op.getOut().getType(), array,
                             {i64Attr(rewriter, "axis", op.getAxis()),
                              i64Attr(rewriter, "new_axis", stack ? 1 : 0)})
                    ->getResult(0);
    Value index;
    if (!op.getOutIndex().use_empty())
      index = stack ? stackedSizes(rewriter, loc, array, op)
                    : concatenatedSizes(rewriter, loc, array, op);
    rewriter.replaceOp(op, {out, index});
    return success();
  }
};

/// `increment`: x + step.
struct IncrementToOnnx : PdToOnnxPattern<pd::IncrementOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::IncrementOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    Value step = constOfType(rewriter, auxLoc(loc, "step"), getElementType(x),
                             {op.getStep().convertToDouble()});
    Operation *add =
        createOnnxOp(rewriter, loc, "Add", op.getType(), {x, step});
    rewriter.replaceOp(op, add->getResults());
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxControlFlowPatterns(RewritePatternSet &patterns,
                                                    PdToOnnxState &state) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<IfToOnnx, WhileToOnnx, YieldToOnnx, CreateArrayToOnnx,
               ArrayWriteToOnnx, ArrayReadToOnnx, ArrayLengthToOnnx,
               ArrayToTensorToOnnx, IncrementToOnnx>(ctx, state);
}
