//===- Creation.cpp - pd to onnx: full*, assign_value, arange -------------===//
//
// A tensor filled with one value becomes an `onnx.Constant` when its shape
// is known at conversion time, ConstantOfShape (opset 9) when the shape is
// a tensor, and Expand (opset 8) of the value when the value is a tensor.
// `full`'s `str_value` carries int64 and non-finite values exactly and
// overrides `value` (docs/dialect-pd.md, "Attribute or tensor").
//
//===----------------------------------------------------------------------===//

#include "passes/PdToOnnx/Common.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>

using namespace mlir;
using namespace mlir::oar;

namespace {

Value onnxOp(OpBuilder &b, Location loc, StringRef type, Type resultType,
             ValueRange operands, ArrayRef<NamedAttribute> attrs = {}) {
  return createOnnxOp(b, loc, type, resultType, operands, attrs)->getResult(0);
}

/// A fill value: exact as an integer when it came as one.
struct FillValue {
  double f = 0.0;
  std::optional<int64_t> i;
};

FillValue fromFloat(double f) { return FillValue{f, std::nullopt}; }

/// Paddle's str_value: an integer ("9223372036854775807"), or a float as
/// Python prints it ("1.5", "1e+20", "inf", "-inf", "nan").
std::optional<FillValue> parseStrValue(StringRef s) {
  s = s.trim();
  FillValue v;
  int64_t i;
  if (!s.getAsInteger(10, i)) {
    v.i = i;
    v.f = static_cast<double>(i);
    return v;
  }
  std::string str = s.str();
  char *end = nullptr;
  double d = std::strtod(str.c_str(), &end);
  if (end == str.c_str() || *end != '\0')
    return std::nullopt;
  v.f = d;
  return v;
}

/// The scalar attribute of element type `et` holding `v`; null when `et`
/// is not a float or integer type.
TypedAttr scalarAttr(Type et, const FillValue &v) {
  if (auto ft = dyn_cast<FloatType>(et))
    return FloatAttr::get(ft, v.f);
  auto it = dyn_cast<IntegerType>(et);
  if (!it)
    return nullptr;
  if (it.getWidth() == 1)
    return IntegerAttr::get(it, APInt(1, (v.i ? *v.i != 0 : v.f != 0.0)));
  // Paddle casts the float value to the integer type (truncation).
  int64_t i = v.i ? *v.i : static_cast<int64_t>(std::trunc(v.f));
  return IntegerAttr::get(it, APInt(it.getWidth(), static_cast<uint64_t>(i),
                                    /*isSigned=*/!it.isUnsigned(),
                                    /*implicitTrunc=*/true));
}

/// The value of `full`-like ops: str_value when non-empty, else value.
template <typename OpTy>
std::optional<FillValue> fillValueOf(OpTy op) {
  StringRef str = op.getStrValue();
  if (!str.empty())
    return parseStrValue(str);
  return fromFloat(op.getValueAttr().getValueAsDouble());
}

/// `onnx.Constant` splat of `value` with a static `type`; when the pd
/// result type `resultType` says less (a `?` dim), an Identity to it keeps
/// the users' types.
Value splatConst(OpBuilder &b, Location loc, RankedTensorType type,
                 TypedAttr value, Type resultType) {
  if (type == resultType)
    return constFromAttr(b, loc, DenseElementsAttr::get(type, value));
  Value c = constFromAttr(b, auxLoc(loc, "value"),
                          DenseElementsAttr::get(type, value));
  return onnxOp(b, loc, "Identity", resultType, c);
}

/// ConstantOfShape(shape) filled with `value` (opset 9).
Value constantOfShape(OpBuilder &b, Location loc, Value shape, Type resultType,
                      TypedAttr value) {
  auto valueType = RankedTensorType::get({1}, value.getType());
  return onnxOp(b, loc, "ConstantOfShape", resultType, shape,
                {b.getNamedAttr("value",
                                DenseElementsAttr::get(valueType, value))});
}

bool isStaticShape(ArrayRef<int64_t> shape) {
  return llvm::all_of(shape, [](int64_t d) { return d >= 0; });
}

std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

struct FullToOnnx : PdToOnnxPattern<pd::FullOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FullOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type et = resultType.getElementType();
    // The shape: shape_tensor, shape_tensor_list, then the attribute.
    Value shape;
    SmallVector<int64_t> staticShape;
    if (Value st = adaptor.getShapeTensor()) {
      shape = castTo(rewriter, auxLoc(loc, "shape_i64"), st,
                     rewriter.getI64Type());
    } else if (!adaptor.getShapeTensorList().empty()) {
      SmallVector<Value> dims;
      for (auto [i, d] : llvm::enumerate(adaptor.getShapeTensorList())) {
        std::string what = "dim" + std::to_string(i);
        Value v = castTo(rewriter, auxLoc(loc, what + "_i64"), d,
                         rewriter.getI64Type());
        if (getRank(v) != 1 ||
            cast<RankedTensorType>(v.getType()).getDimSize(0) != 1)
          v = reshapeTo(rewriter, auxLoc(loc, what), v, {1},
                        RankedTensorType::get({1}, rewriter.getI64Type()));
        dims.push_back(v);
      }
      shape = onnxOp(
          rewriter, auxLoc(loc, "shape"), "Concat",
          RankedTensorType::get({static_cast<int64_t>(dims.size())},
                                rewriter.getI64Type()),
          dims, {rewriter.getNamedAttr("axis", rewriter.getI64IntegerAttr(0))});
    } else {
      staticShape.assign(op.getShape().begin(), op.getShape().end());
      if (!isStaticShape(staticShape))
        return unsupported(op, "a negative dim in the shape attribute");
    }

    // A value tensor: Expand it to the shape.
    if (Value vt = adaptor.getValueTensor()) {
      if (opset() < 8)
        return needsOpset(op, 8); // Expand
      Value v = vt;
      if (getRank(v) != 0)
        v = reshapeTo(rewriter, auxLoc(loc, "value_scalar"), v, {},
                      RankedTensorType::get({}, getElementType(vt)));
      v = castTo(rewriter, auxLoc(loc, "value_cast"), v, et);
      if (!shape)
        shape = constI64(rewriter, auxLoc(loc, "shape"), staticShape);
      rewriter.replaceOp(op, onnxOp(rewriter, loc, "Expand", resultType,
                                    {v, shape}));
      return success();
    }

    std::optional<FillValue> value = fillValueOf(op);
    if (!value)
      return unsupported(op, "str_value '" + op.getStrValue() +
                                 "' is not a number");
    TypedAttr attr = scalarAttr(et, *value);
    if (!attr)
      return unsupported(op, "dtype " + typeString(et) + " is not supported");
    if (!shape) {
      rewriter.replaceOp(
          op, splatConst(rewriter, loc,
                         RankedTensorType::get(staticShape, et), attr,
                         resultType));
      return success();
    }
    if (opset() < 9)
      return needsOpset(op, 9); // ConstantOfShape
    rewriter.replaceOp(op,
                       constantOfShape(rewriter, loc, shape, resultType, attr));
    return success();
  }
};

struct FullBatchSizeLikeToOnnx : PdToOnnxPattern<pd::FullBatchSizeLikeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FullBatchSizeLikeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type et = resultType.getElementType();
    Value input = adaptor.getInput();
    SmallVector<int64_t> shape(op.getShape());
    int64_t inRank = getRank(input);
    int64_t inIdx = op.getInputDimIdx(), outIdx = op.getOutputDimIdx();
    if (inIdx < 0 || inIdx >= inRank || outIdx < 0 ||
        outIdx >= static_cast<int64_t>(shape.size()))
      return unsupported(op, "input_dim_idx or output_dim_idx is out of "
                             "range");
    std::optional<FillValue> value = fillValueOf(op);
    if (!value)
      return unsupported(op, "str_value '" + op.getStrValue() +
                                 "' is not a number");
    TypedAttr attr = scalarAttr(et, *value);
    if (!attr)
      return unsupported(op, "dtype " + typeString(et) + " is not supported");
    int64_t batch = cast<RankedTensorType>(input.getType()).getDimSize(inIdx);
    if (!ShapedType::isDynamic(batch)) {
      shape[outIdx] = batch;
      if (!isStaticShape(shape))
        return unsupported(op, "a negative dim in the shape attribute");
      rewriter.replaceOp(
          op, splatConst(rewriter, loc, RankedTensorType::get(shape, et),
                         attr, resultType));
      return success();
    }
    for (auto [i, d] : llvm::enumerate(shape))
      if (static_cast<int64_t>(i) != outIdx && d < 0)
        return unsupported(op, "a negative dim in the shape attribute");
    if (opset() < 9)
      return needsOpset(op, 9); // ConstantOfShape
    Type i64 = rewriter.getI64Type();
    Value inShape = onnxOp(rewriter, auxLoc(loc, "input_shape"), "Shape",
                           RankedTensorType::get({inRank}, i64), input);
    Value dim = sliceConst(rewriter, auxLoc(loc, "batch"), opset(), inShape,
                           {inIdx}, {inIdx + 1}, {0}, {1},
                           RankedTensorType::get({1}, i64));
    SmallVector<Value> parts;
    ArrayRef<int64_t> s(shape);
    if (outIdx > 0)
      parts.push_back(constI64(rewriter, auxLoc(loc, "shape_head"),
                               s.take_front(outIdx)));
    parts.push_back(dim);
    if (outIdx + 1 < static_cast<int64_t>(s.size()))
      parts.push_back(constI64(rewriter, auxLoc(loc, "shape_tail"),
                               s.drop_front(outIdx + 1)));
    Value outShape = dim;
    if (parts.size() > 1)
      outShape = onnxOp(
          rewriter, auxLoc(loc, "shape"), "Concat",
          RankedTensorType::get({static_cast<int64_t>(s.size())}, i64), parts,
          {rewriter.getNamedAttr("axis", rewriter.getI64IntegerAttr(0))});
    rewriter.replaceOp(
        op, constantOfShape(rewriter, loc, outShape, resultType, attr));
    return success();
  }
};

struct FullLikeToOnnx : PdToOnnxPattern<pd::FullLikeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::FullLikeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type et = resultType.getElementType();
    Value x = adaptor.getX();
    TypedAttr attr =
        scalarAttr(et, fromFloat(op.getValueAttr().getValueAsDouble()));
    if (!attr)
      return unsupported(op, "dtype " + typeString(et) + " is not supported");
    auto xType = cast<RankedTensorType>(x.getType());
    if (xType.hasStaticShape()) {
      rewriter.replaceOp(
          op, splatConst(rewriter, loc,
                         RankedTensorType::get(xType.getShape(), et), attr,
                         resultType));
      return success();
    }
    if (opset() < 9)
      return needsOpset(op, 9); // ConstantOfShape
    Value shape = onnxOp(
        rewriter, auxLoc(loc, "shape"), "Shape",
        RankedTensorType::get({xType.getRank()}, rewriter.getI64Type()), x);
    rewriter.replaceOp(op,
                       constantOfShape(rewriter, loc, shape, resultType, attr));
    return success();
  }
};

struct AssignValueToOnnx : PdToOnnxPattern<pd::AssignValueOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::AssignValueOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> shape(op.getShape());
    if (!isStaticShape(shape))
      return unsupported(op, "a negative dim in the shape attribute");
    Type et = op.getDtype();
    auto type = RankedTensorType::get(shape, et);
    SmallVector<FillValue> values;
    for (int64_t v : op.getBoolValues())
      values.push_back(FillValue{static_cast<double>(v), v});
    for (float v : op.getFp32Values())
      values.push_back(fromFloat(v));
    for (double v : op.getFp64Values())
      values.push_back(fromFloat(v));
    for (int64_t v : op.getInt32Values())
      values.push_back(FillValue{static_cast<double>(v), v});
    for (int64_t v : op.getInt64Values())
      values.push_back(FillValue{static_cast<double>(v), v});
    if (static_cast<int64_t>(values.size()) != type.getNumElements())
      return unsupported(op, "the values do not fill the shape");
    SmallVector<Attribute> attrs;
    for (const FillValue &v : values) {
      TypedAttr a = scalarAttr(et, v);
      if (!a)
        return unsupported(op,
                           "dtype " + typeString(et) + " is not supported");
      attrs.push_back(a);
    }
    Location loc = op.getLoc();
    auto value = DenseElementsAttr::get(type, attrs);
    if (type == op.getType()) {
      rewriter.replaceOp(op, constFromAttr(rewriter, loc, value));
      return success();
    }
    Value c = constFromAttr(rewriter, auxLoc(loc, "value"), value);
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Identity", op.getType(), c));
    return success();
  }
};

struct ArangeToOnnx : PdToOnnxPattern<pd::ArangeOp> {
  using PdToOnnxPattern::PdToOnnxPattern;
  LogicalResult
  matchAndRewrite(pd::ArangeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (opset() < 11)
      return needsOpset(op, 11); // Range
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type et = resultType.getElementType();
    if (!(et.isF32() || et.isF64() || et.isSignlessInteger(16) ||
          et.isSignlessInteger(32) || et.isSignlessInteger(64)))
      return unsupported(op, "dtype " + typeString(et) +
                                 " is not supported by ONNX's Range");
    auto scalar = [&](Value v, StringRef what) {
      if (getRank(v) != 0)
        v = reshapeTo(rewriter, auxLoc(loc, (what + "_scalar").str()), v, {},
                      RankedTensorType::get({}, getElementType(v)));
      return castTo(rewriter, auxLoc(loc, (what + "_cast").str()), v, et);
    };
    Value start = scalar(adaptor.getStart(), "start");
    Value end = scalar(adaptor.getEnd(), "end");
    Value step = scalar(adaptor.getStep(), "step");
    rewriter.replaceOp(op, onnxOp(rewriter, loc, "Range", resultType,
                                  {start, end, step}));
    return success();
  }
};

} // namespace

void mlir::oar::populatePdToOnnxCreationPatterns(RewritePatternSet &patterns,
                                                 PdToOnnxState &state) {
  patterns.add<FullToOnnx, FullBatchSizeLikeToOnnx, FullLikeToOnnx,
               AssignValueToOnnx, ArangeToOnnx>(patterns.getContext(), state);
}
