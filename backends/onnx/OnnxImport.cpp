//===- OnnxImport.cpp - Read an ONNX model into the onnx dialect ----------===//
//
// The inverse of the writer, for round-trip tests and for inspecting ONNX
// files with Oar's tools: graph inputs become func arguments (`pd.name`
// keeps their names), initializers onnx.Constant ops with a DenseElementsAttr
// at NameLoc(initializer name), each node an op at NameLoc(output name)
// (FusedLoc for several outputs). Types of intermediate values come from the
// model's value_info, completed by ONNX shape inference (opsets the linked
// ONNX library knows).
//
//===----------------------------------------------------------------------===//

#include "backends/onnx/OnnxImport.h"
#include "backends/onnx/OnnxCommon.h"

#include "dialects/onnx/OnnxOps.h"
#include "dialects/onnx/OnnxSchema.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/coded_stream.h>

using namespace mlir;

namespace {

class Reader {
public:
  Reader(StringRef fileName, MLIRContext *ctx)
      : fileName(fileName), ctx(ctx), builder(ctx) {}

  OwningOpRef<ModuleOp> run(::onnx::ModelProto &model);

private:
  Location loc() { return FileLineColLoc::get(ctx, fileName, 0, 0); }
  InFlightDiagnostic error() { return emitError(loc()); }
  Location nameLoc(StringRef name) {
    return NameLoc::get(StringAttr::get(ctx, name), loc());
  }

  FailureOr<Type> readType(const ::onnx::TypeProto &type, StringRef what);
  FailureOr<ElementsAttr> readTensor(const ::onnx::TensorProto &tensor);
  FailureOr<Attribute> readAttribute(const ::onnx::AttributeProto &attr,
                                     StringRef opType);
  LogicalResult readGraph(const ::onnx::GraphProto &graph, Block &block,
                          bool isMain);
  LogicalResult readNode(const ::onnx::NodeProto &node);
  Value lookup(StringRef name) {
    for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
      auto found = it->find(name);
      if (found != it->end())
        return found->second;
    }
    return nullptr;
  }

  StringRef fileName;
  MLIRContext *ctx;
  OpBuilder builder;
  int64_t opset = 0;
  std::vector<llvm::StringMap<Value>> scopes;
  llvm::StringMap<const ::onnx::TypeProto *> valueTypes;
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> externalFiles;
};

} // namespace

FailureOr<Type> Reader::readType(const ::onnx::TypeProto &type,
                                 StringRef what) {
  if (type.has_sequence_type()) {
    FailureOr<Type> elt = readType(type.sequence_type().elem_type(), what);
    if (failed(elt))
      return failure();
    return Type(oar::onnx::SeqType::get(ctx, *elt));
  }
  if (!type.has_tensor_type())
    return error() << "'" << what << "': only tensor and sequence types are "
                   << "read";
  const auto &t = type.tensor_type();
  Type elt = oar::onnx::getTypeForOnnxDataType(ctx, t.elem_type());
  if (!elt)
    return error() << "'" << what << "': unsupported element type "
                   << t.elem_type();
  if (!t.has_shape())
    return Type(UnrankedTensorType::get(elt));
  SmallVector<int64_t> dims;
  for (const auto &d : t.shape().dim())
    dims.push_back(d.has_dim_value() ? d.dim_value() : ShapedType::kDynamic);
  return Type(RankedTensorType::get(dims, elt));
}

FailureOr<ElementsAttr> Reader::readTensor(const ::onnx::TensorProto &t) {
  Type elt = oar::onnx::getTypeForOnnxDataType(ctx, t.data_type());
  if (!elt)
    return error() << "tensor '" << t.name() << "': unsupported data type "
                   << t.data_type();
  SmallVector<int64_t> dims(t.dims().begin(), t.dims().end());
  auto type = RankedTensorType::get(dims, elt);
  int64_t n = type.getNumElements();
  std::string external;
  const std::string *raw = nullptr;
  if (t.data_location() == ::onnx::TensorProto::EXTERNAL) {
    std::string location;
    uint64_t offset = 0;
    int64_t length = -1;
    for (const auto &e : t.external_data()) {
      if (e.key() == "location")
        location = e.value();
      else if (e.key() == "offset")
        offset = std::stoull(e.value());
      else if (e.key() == "length")
        length = std::stoll(e.value());
    }
    SmallString<256> path(fileName);
    llvm::sys::path::remove_filename(path);
    llvm::sys::path::append(path, location);
    auto &buffer = externalFiles[path];
    if (!buffer) {
      auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
      if (!file)
        return error() << "tensor '" << t.name() << "': cannot read external "
                       << "data '" << path
                       << "': " << file.getError().message();
      buffer = std::move(*file);
    }
    StringRef all = buffer->getBuffer();
    if (length < 0)
      length = all.size() - std::min<uint64_t>(offset, all.size());
    if (offset + length > all.size())
      return error() << "tensor '" << t.name() << "': external data '" << path
                     << "' is too short";
    external = all.substr(offset, length).str();
    raw = &external;
  } else if (t.has_raw_data()) {
    raw = &t.raw_data();
  }

  if (t.data_type() == ::onnx::TensorProto::STRING)
    return error() << "tensor '" << t.name()
                   << "': string tensors are not read";

  if (raw) {
    size_t bytes = oar::onnx::getStorageBytes(elt);
    if (!bytes) { // 4-bit: two to a byte
      SmallVector<APInt> values;
      unsigned w = elt.getIntOrFloatBitWidth();
      for (int64_t i = 0; i < n; ++i) {
        uint8_t byte = static_cast<uint8_t>((*raw)[i / 2]);
        values.push_back(APInt(w, (i % 2) ? byte >> 4 : byte & 0xF));
      }
      return ElementsAttr(DenseElementsAttr::get(type, values));
    }
    if (raw->size() != bytes * n)
      return error() << "tensor '" << t.name() << "': " << raw->size()
                     << " bytes of data for " << n << " elements";
    if (elt.isInteger(1)) {
      SmallVector<bool> values;
      for (char c : *raw)
        values.push_back(c != 0);
      return ElementsAttr(DenseElementsAttr::get(type, values));
    }
    return ElementsAttr(DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(raw->data(), raw->size())));
  }

  // Typed fields.
  auto check = [&](int64_t count) -> LogicalResult {
    if (count != n)
      return error() << "tensor '" << t.name() << "': " << count
                     << " values for " << n << " elements";
    return success();
  };
  if (elt.isF32()) {
    if (failed(check(t.float_data_size())))
      return failure();
    SmallVector<float> v(t.float_data().begin(), t.float_data().end());
    return ElementsAttr(DenseElementsAttr::get(type, ArrayRef<float>(v)));
  }
  if (elt.isF64()) {
    if (failed(check(t.double_data_size())))
      return failure();
    SmallVector<double> v(t.double_data().begin(), t.double_data().end());
    return ElementsAttr(DenseElementsAttr::get(type, ArrayRef<double>(v)));
  }
  if (elt.isInteger(64) && !elt.isUnsignedInteger()) {
    if (failed(check(t.int64_data_size())))
      return failure();
    SmallVector<int64_t> v(t.int64_data().begin(), t.int64_data().end());
    return ElementsAttr(DenseElementsAttr::get(type, ArrayRef<int64_t>(v)));
  }
  if (elt.isUnsignedInteger(64) || elt.isUnsignedInteger(32)) {
    if (failed(check(t.uint64_data_size())))
      return failure();
    SmallVector<APInt> v;
    for (uint64_t x : t.uint64_data())
      v.push_back(APInt(elt.getIntOrFloatBitWidth(), x));
    return ElementsAttr(DenseElementsAttr::get(type, v));
  }
  if (isa<IntegerType>(elt)) {
    // int32 and narrower, bool, and the 16-bit floats are in int32_data.
    if (failed(check(t.int32_data_size())))
      return failure();
    SmallVector<APInt> v;
    for (int32_t x : t.int32_data())
      v.push_back(APInt(elt.getIntOrFloatBitWidth(), x, /*isSigned=*/true,
                        /*implicitTrunc=*/true));
    return ElementsAttr(DenseElementsAttr::get(type, v));
  }
  if (auto f = dyn_cast<FloatType>(elt)) {
    if (failed(check(t.int32_data_size())))
      return failure();
    SmallVector<APFloat> v;
    for (int32_t x : t.int32_data())
      v.push_back(APFloat(f.getFloatSemantics(),
                          APInt(f.getWidth(), static_cast<uint64_t>(x))));
    return ElementsAttr(DenseElementsAttr::get(type, v));
  }
  return error() << "tensor '" << t.name() << "': cannot read its data";
}

FailureOr<Attribute> Reader::readAttribute(const ::onnx::AttributeProto &a,
                                           StringRef opType) {
  using AP = ::onnx::AttributeProto;
  switch (a.type()) {
  case AP::INT:
    return Attribute(builder.getI64IntegerAttr(a.i()));
  case AP::FLOAT:
    return Attribute(builder.getF32FloatAttr(a.f()));
  case AP::STRING:
    return Attribute(builder.getStringAttr(a.s()));
  case AP::INTS:
    return Attribute(builder.getDenseI64ArrayAttr(
        SmallVector<int64_t>(a.ints().begin(), a.ints().end())));
  case AP::FLOATS:
    return Attribute(builder.getDenseF32ArrayAttr(
        SmallVector<float>(a.floats().begin(), a.floats().end())));
  case AP::STRINGS: {
    SmallVector<Attribute> s;
    for (const std::string &x : a.strings())
      s.push_back(builder.getStringAttr(x));
    return Attribute(builder.getArrayAttr(s));
  }
  case AP::TENSOR: {
    FailureOr<ElementsAttr> t = readTensor(a.t());
    if (failed(t))
      return failure();
    return Attribute(*t);
  }
  case AP::TYPE_PROTO: {
    FailureOr<Type> t = readType(a.tp(), a.name());
    if (failed(t))
      return failure();
    return Attribute(TypeAttr::get(*t));
  }
  default:
    return error() << opType << ": attribute '" << a.name()
                   << "' has a type Oar does not read (" << a.type() << ")";
  }
}

/// Number of operands (results) the op of `opType` declares; -1 when the
/// last one is variadic.
static int declaredCount(StringRef opType, bool outputs) {
  const oar::onnx::OpArity *arity = oar::onnx::lookupOpArity(opType);
  if (!arity)
    return -1;
  return outputs ? arity->numResults : arity->numOperands;
}

/// The GRAPH attribute names of the ops with regions, in region order.
static int regionIndex(StringRef opType, StringRef attr) {
  if (opType == "If")
    return attr == "else_branch" ? 0 : attr == "then_branch" ? 1 : -1;
  if (opType == "Loop" || opType == "Scan" || opType == "SequenceMap")
    return attr == "body" ? 0 : -1;
  return -1;
}

LogicalResult Reader::readNode(const ::onnx::NodeProto &node) {
  StringRef opType = node.op_type();
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return error() << "node '" << node.name() << "': domain '" << node.domain()
                   << "' is not read";
  std::string opName = ("onnx." + opType).str();
  if (!RegisteredOperationName::lookup(opName, ctx))
    return error() << "node '" << node.name() << "': op type '" << opType
                   << "' is not in the onnx dialect";

  SmallVector<Location> locs;
  for (const std::string &out : node.output())
    if (!out.empty())
      locs.push_back(nameLoc(out));
  Location opLoc = locs.empty()       ? nameLoc(node.name())
                   : locs.size() == 1 ? locs.front()
                                      : FusedLoc::get(ctx, locs);
  OperationState state(opLoc, opName);

  int inputs = declaredCount(opType, false);
  Value none;
  auto noValue = [&]() {
    if (!none)
      none = oar::onnx::NoValueOp::create(builder, opLoc).getResult();
    return none;
  };
  for (const std::string &in : node.input()) {
    if (in.empty()) {
      state.operands.push_back(noValue());
      continue;
    }
    Value v = lookup(in);
    if (!v)
      return error() << "node '" << node.name() << "': input '" << in
                     << "' is not defined before it";
    state.operands.push_back(v);
  }
  if (inputs >= 0)
    while (static_cast<int>(state.operands.size()) < inputs)
      state.operands.push_back(noValue());

  int outputs = declaredCount(opType, true);
  SmallVector<std::string> outNames(node.output().begin(), node.output().end());
  if (outputs >= 0)
    while (static_cast<int>(outNames.size()) < outputs)
      outNames.push_back("");
  for (const std::string &out : outNames) {
    if (out.empty()) {
      state.types.push_back(builder.getNoneType());
      continue;
    }
    auto it = valueTypes.find(out);
    if (it == valueTypes.end()) {
      // No type known: an unranked tensor of the first input's element type
      // (most operators keep it) is the best guess.
      Type elt = builder.getF32Type();
      for (Value v : state.operands)
        if (auto t = dyn_cast<TensorType>(v.getType())) {
          elt = t.getElementType();
          break;
        }
      state.types.push_back(UnrankedTensorType::get(elt));
      continue;
    }
    FailureOr<Type> t = readType(*it->second, out);
    if (failed(t))
      return failure();
    state.types.push_back(*t);
  }

  SmallVector<const ::onnx::AttributeProto *> graphs;
  for (const auto &a : node.attribute()) {
    if (a.type() == ::onnx::AttributeProto::GRAPH) {
      graphs.push_back(&a);
      continue;
    }
    FailureOr<Attribute> attr = readAttribute(a, opType);
    if (failed(attr))
      return failure();
    state.addAttribute(a.name(), *attr);
  }
  int numRegions = opType == "If" ? 2 : graphs.empty() ? 0 : 1;
  for (int i = 0; i < numRegions; ++i)
    state.addRegion();

  Operation *op = builder.create(state);
  for (const auto *g : graphs) {
    int index = regionIndex(opType, g->name());
    if (index < 0 || index >= static_cast<int>(op->getNumRegions()))
      return error() << "node '" << node.name() << "': graph attribute '"
                     << g->name() << "' is not read";
    Region &region = op->getRegion(index);
    Block *block = new Block();
    region.push_back(block);
    OpBuilder::InsertionGuard guard(builder);
    if (failed(readGraph(g->g(), *block, /*isMain=*/false)))
      return failure();
  }
  for (auto [name, result] : llvm::zip(outNames, op->getResults()))
    if (!name.empty())
      scopes.back()[name] = result;
  return success();
}

LogicalResult Reader::readGraph(const ::onnx::GraphProto &graph, Block &block,
                                bool isMain) {
  scopes.emplace_back();
  for (const auto &vi : graph.value_info())
    valueTypes[vi.name()] = &vi.type();
  for (const auto &vi : graph.output())
    valueTypes[vi.name()] = &vi.type();

  llvm::StringSet<> initialized;
  for (const auto &t : graph.initializer())
    initialized.insert(t.name());
  // Inputs (minus initializers, which old models list as inputs too).
  for (const auto &in : graph.input()) {
    if (initialized.count(in.name()))
      continue;
    FailureOr<Type> t = readType(in.type(), in.name());
    if (failed(t))
      return failure();
    scopes.back()[in.name()] = block.addArgument(*t, nameLoc(in.name()));
  }
  builder.setInsertionPointToEnd(&block);
  for (const auto &t : graph.initializer()) {
    FailureOr<ElementsAttr> value = readTensor(t);
    if (failed(value))
      return failure();
    auto c = oar::onnx::ConstantOp::create(builder, nameLoc(t.name()), *value);
    scopes.back()[t.name()] = c.getResult();
  }
  for (const auto &node : graph.node())
    if (failed(readNode(node)))
      return failure();
  SmallVector<Value> results;
  for (const auto &out : graph.output()) {
    Value v = lookup(out.name());
    if (!v)
      return error() << "graph output '" << out.name() << "' is not defined";
    results.push_back(v);
  }
  if (isMain)
    func::ReturnOp::create(builder, loc(), results);
  else
    oar::onnx::YieldOp::create(builder, loc(), results);
  scopes.pop_back();
  return success();
}

OwningOpRef<ModuleOp> Reader::run(::onnx::ModelProto &model) {
  for (const auto &imp : model.opset_import())
    if (imp.domain().empty() || imp.domain() == "ai.onnx")
      opset = imp.version();
  if (!opset) {
    error() << "the model imports no default-domain opset";
    return nullptr;
  }
  // Types of intermediate values: ONNX shape inference fills value_info.
  // Later opsets than the library knows are inferred as its last one: most
  // operators did not change, and a node whose inference fails only keeps
  // its types unknown.
  {
    int known = oar::onnx::checkerMaxOpset();
    std::vector<int64_t> saved;
    for (auto &imp : *model.mutable_opset_import()) {
      saved.push_back(imp.version());
      if ((imp.domain().empty() || imp.domain() == "ai.onnx") &&
          imp.version() > known)
        imp.set_version(known);
    }
    std::string ignored;
    (void)oar::onnx::inferShapes(model, ignored);
    for (auto [imp, version] : llvm::zip(*model.mutable_opset_import(), saved))
      imp.set_version(version);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(loc());
  (*module)->setAttr(oar::onnx::kOpsetAttrName,
                     builder.getI64IntegerAttr(opset));
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, loc(), "main",
                                   builder.getFunctionType({}, {}));
  Block *entry = new Block();
  func.getBody().push_back(entry);
  if (failed(readGraph(model.graph(), *entry, /*isMain=*/true)))
    return nullptr;
  auto ret = cast<func::ReturnOp>(entry->getTerminator());
  func.setFunctionType(builder.getFunctionType(entry->getArgumentTypes(),
                                               ret.getOperandTypes()));
  unsigned argIndex = 0;
  llvm::StringSet<> initialized;
  for (const auto &t : model.graph().initializer())
    initialized.insert(t.name());
  for (const auto &in : model.graph().input())
    if (!initialized.count(in.name()))
      func.setArgAttr(argIndex++, "pd.name", builder.getStringAttr(in.name()));
  for (auto [i, out] : llvm::enumerate(model.graph().output()))
    func.setResultAttr(i, "pd.name", builder.getStringAttr(out.name()));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> mlir::oar::onnx::importOnnxModel(StringRef fileName,
                                                       StringRef bytes,
                                                       MLIRContext *context) {
  context->loadDialect<OnnxDialect, func::FuncDialect>();
  ::onnx::ModelProto model;
  google::protobuf::io::CodedInputStream stream(
      reinterpret_cast<const uint8_t *>(bytes.data()),
      static_cast<int>(bytes.size()));
  stream.SetTotalBytesLimit(std::numeric_limits<int>::max());
  if (!model.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage()) {
    emitError(FileLineColLoc::get(context, fileName, 0, 0))
        << "not an ONNX model (ModelProto does not parse)";
    return nullptr;
  }
  Reader reader(fileName, context);
  return reader.run(model);
}
