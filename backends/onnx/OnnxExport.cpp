//===- OnnxExport.cpp - Write an onnx-dialect module as ONNX --------------===//
//
// func.func @main of `onnx` ops becomes the ModelProto's main graph: its
// arguments the graph inputs, its results the graph outputs (both named by
// their `pd.name` attribute), each op a NodeProto and large constants
// initializers. See docs/onnx-backend.md for the naming rules, external
// data and fp16.
//
//===----------------------------------------------------------------------===//

#include "backends/onnx/OnnxExport.h"
#include "backends/onnx/OnnxCommon.h"

#include "dialects/onnx/OnnxOps.h"
#include "dialects/onnx/OnnxSchema.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <unistd.h>

using namespace mlir;

namespace {

/// Constants with more elements than this become initializers.
constexpr int64_t kMaxConstantNodeElements = 16;

/// A tensor's data, kept out of the proto until we know whether it goes to
/// the model file or to the external data file: either borrowed (a
/// dense_resource blob) or owned.
struct PendingData {
  ::onnx::TensorProto *tensor;
  ArrayRef<char> borrowed;
  std::string owned;
  ArrayRef<char> bytes() const {
    return borrowed.data() ? borrowed
                           : ArrayRef<char>(owned.data(), owned.size());
  }
};

class Writer {
public:
  Writer(ModuleOp module, const oar::onnx::ExportOptions &options)
      : module(module), options(options) {}

  /// Builds `model`; tensor data of initializers waits in `pending`.
  LogicalResult build();

  ::onnx::ModelProto model;
  std::vector<PendingData> pending;

private:
  LogicalResult writeGraph(Region &region, ::onnx::GraphProto &graph,
                           bool isMain, StringRef graphName);
  LogicalResult writeOp(Operation *op, ::onnx::GraphProto &graph);
  LogicalResult writeConstant(Operation *op, ::onnx::GraphProto &graph,
                              bool &handled);
  LogicalResult writeAttribute(Operation *op, StringRef name, Attribute attr,
                               ::onnx::AttributeProto &proto);
  LogicalResult writeType(Location loc, Type type, StringRef dimPrefix,
                          ::onnx::TypeProto &proto);

  /// Claims `name`, or `name.N` for the first free N; returns it.
  std::string claim(StringRef name);
  /// The name of `v`, assigned when its definition was written.
  std::string nameOf(Value v) const {
    auto it = names.find(v);
    return it == names.end() ? std::string() : it->second;
  }
  /// Names the results of `op` from its location.
  void nameResults(Operation *op);
  std::string generatedName(Operation *op);

  ModuleOp module;
  const oar::onnx::ExportOptions &options;
  int64_t opset = 0;
  llvm::DenseMap<Value, std::string> names;
  llvm::StringSet<> used;
  /// Initializer names already written for a constant op.
  unsigned generatedCount = 0;
  unsigned nodeCount = 0;
};

} // namespace

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

std::string Writer::claim(StringRef name) {
  std::string base = name.empty() ? std::string("value") : name.str();
  if (used.insert(base).second)
    return base;
  for (unsigned i = 1;; ++i) {
    std::string candidate = base + "." + std::to_string(i);
    if (used.insert(candidate).second)
      return candidate;
  }
}

/// The names a location gives the results of its op, in order; empty when
/// it has none. `NameLoc("/what", base)` (an intermediate value, see
/// auxLoc) names "<base name>/what".
static void namesFromLoc(Location loc, SmallVectorImpl<std::string> &out) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    StringRef n = name.getName().getValue();
    if (n.starts_with("/")) {
      SmallVector<std::string> base;
      namesFromLoc(name.getChildLoc(), base);
      out.push_back((base.empty() ? std::string() : base.front()) + n.str());
      if (base.empty())
        out.back() = n.drop_front().str();
      return;
    }
    out.push_back(n.str());
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location l : fused.getLocations())
      namesFromLoc(l, out);
    return;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return namesFromLoc(callSite.getCallee(), out);
  if (auto opaque = dyn_cast<OpaqueLoc>(loc))
    return namesFromLoc(opaque.getFallbackLocation(), out);
}

std::string Writer::generatedName(Operation *op) {
  return op->getName().stripDialect().str() + "_" +
         std::to_string(generatedCount++);
}

void Writer::nameResults(Operation *op) {
  SmallVector<std::string> fromLoc;
  namesFromLoc(op->getLoc(), fromLoc);
  // One name per result; a single name for several results names the
  // first, the others get suffixes.
  std::string fallback;
  for (auto [i, result] : llvm::enumerate(op->getResults())) {
    if (isa<NoneType>(result.getType()) || names.count(result))
      continue;
    std::string wanted;
    if (i < fromLoc.size() && !fromLoc[i].empty())
      wanted = fromLoc[i];
    else if (!fromLoc.empty() && !fromLoc.front().empty())
      wanted = fromLoc.front();
    else {
      if (fallback.empty())
        fallback = generatedName(op);
      wanted = fallback;
    }
    names[result] = claim(wanted);
  }
}

//===----------------------------------------------------------------------===//
// Types and tensors
//===----------------------------------------------------------------------===//

LogicalResult Writer::writeType(Location loc, Type type, StringRef dimPrefix,
                                ::onnx::TypeProto &proto) {
  if (auto seq = dyn_cast<oar::onnx::SeqType>(type))
    return writeType(loc, seq.getElementType(), dimPrefix,
                     *proto.mutable_sequence_type()->mutable_elem_type());
  auto tensor = dyn_cast<TensorType>(type);
  if (!tensor)
    return emitError(loc) << "type " << type << " has no ONNX equivalent";
  int dtype = oar::onnx::getOnnxDataType(tensor.getElementType());
  if (!dtype)
    return emitError(loc) << "element type " << tensor.getElementType()
                          << " has no ONNX equivalent";
  auto *t = proto.mutable_tensor_type();
  t->set_elem_type(dtype);
  if (!tensor.hasRank())
    return success();
  auto *shape = t->mutable_shape();
  for (auto [i, d] : llvm::enumerate(tensor.getShape())) {
    auto *dim = shape->add_dim();
    if (ShapedType::isDynamic(d)) {
      if (!dimPrefix.empty())
        dim->set_dim_param((dimPrefix + "_dim" + Twine(i)).str());
    } else {
      dim->set_dim_value(d);
    }
  }
  return success();
}

/// Appends the little-endian bytes of `attr` to `out`, ONNX's raw_data
/// layout (bool one byte, 4-bit types two to a byte).
static LogicalResult elementsToRawData(Location loc, ElementsAttr attr,
                                       std::string &out,
                                       ArrayRef<char> *borrowed) {
  ShapedType type = attr.getShapedType();
  Type elt = type.getElementType();
  int64_t n = type.getNumElements();
  static_assert(llvm::endianness::native == llvm::endianness::little,
                "the ONNX writer assumes a little-endian host");
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    const AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return emitError(loc) << "tensor '" << resource.getRawHandle().getKey()
                            << "' has no data (its blob was elided or never "
                               "loaded)";
    ArrayRef<char> data = blob->getData();
    size_t eltBytes = oar::onnx::getStorageBytes(elt);
    if (!eltBytes || data.size() != eltBytes * static_cast<size_t>(n))
      return emitError(loc) << "tensor '" << resource.getRawHandle().getKey()
                            << "' holds " << data.size() << " bytes; its type "
                            << type << " needs " << eltBytes * n;
    if (borrowed)
      *borrowed = data;
    else
      out.append(data.data(), data.size());
    return success();
  }
  auto dense = dyn_cast<DenseElementsAttr>(attr);
  if (!dense || isa<DenseStringElementsAttr>(attr))
    return emitError(loc) << "cannot write " << attr << " as raw data";
  unsigned width =
      isa<ComplexType>(elt)
          ? 2 * cast<ComplexType>(elt).getElementType().getIntOrFloatBitWidth()
          : elt.getIntOrFloatBitWidth();
  if (width == 1) {
    out.reserve(out.size() + n);
    for (bool b : dense.getValues<bool>())
      out.push_back(b ? 1 : 0);
    return success();
  }
  if (width == 4) {
    SmallVector<uint8_t> nibbles;
    for (APInt v : dense.getValues<APInt>())
      nibbles.push_back(static_cast<uint8_t>(v.getZExtValue() & 0xF));
    for (size_t i = 0; i < nibbles.size(); i += 2)
      out.push_back(static_cast<char>(
          nibbles[i] | (i + 1 < nibbles.size() ? nibbles[i + 1] << 4 : 0)));
    return success();
  }
  if (width % 8)
    return emitError(loc) << "cannot write " << width << "-bit elements";
  ArrayRef<char> raw = dense.getRawData();
  if (dense.isSplat()) {
    size_t bytes = width / 8;
    out.reserve(out.size() + bytes * n);
    for (int64_t i = 0; i < n; ++i)
      out.append(raw.data(), bytes);
    return success();
  }
  out.append(raw.data(), raw.size());
  return success();
}

/// Fills `tensor` (dims, type; raw data into `data`, or string_data).
static LogicalResult fillTensor(Location loc, ElementsAttr attr,
                                ::onnx::TensorProto &tensor,
                                PendingData *data) {
  ShapedType type = attr.getShapedType();
  int dtype = oar::onnx::getOnnxDataType(type.getElementType());
  if (!dtype)
    return emitError(loc) << "element type " << type.getElementType()
                          << " has no ONNX equivalent";
  tensor.set_data_type(dtype);
  for (int64_t d : type.getShape())
    tensor.add_dims(d);
  if (auto strings = dyn_cast<DenseStringElementsAttr>(attr)) {
    for (StringRef s : strings.getValues<StringRef>())
      tensor.add_string_data(s.str());
    return success();
  }
  if (data) {
    data->tensor = &tensor;
    return elementsToRawData(loc, attr, data->owned, &data->borrowed);
  }
  return elementsToRawData(loc, attr, *tensor.mutable_raw_data(), nullptr);
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

LogicalResult Writer::writeAttribute(Operation *op, StringRef name,
                                     Attribute attr,
                                     ::onnx::AttributeProto &proto) {
  using AP = ::onnx::AttributeProto;
  proto.set_name(name.str());
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    proto.set_type(AP::INT);
    proto.set_i(i.getType().isInteger(1) ? i.getValue().getZExtValue()
                                         : i.getInt());
    return success();
  }
  if (auto b = dyn_cast<BoolAttr>(attr)) {
    proto.set_type(AP::INT);
    proto.set_i(b.getValue());
    return success();
  }
  if (auto f = dyn_cast<FloatAttr>(attr)) {
    proto.set_type(AP::FLOAT);
    proto.set_f(static_cast<float>(f.getValueAsDouble()));
    return success();
  }
  if (auto s = dyn_cast<StringAttr>(attr)) {
    proto.set_type(AP::STRING);
    proto.set_s(s.str());
    return success();
  }
  if (auto ints = dyn_cast<DenseI64ArrayAttr>(attr)) {
    proto.set_type(AP::INTS);
    for (int64_t v : ints.asArrayRef())
      proto.add_ints(v);
    return success();
  }
  if (auto floats = dyn_cast<DenseF32ArrayAttr>(attr)) {
    proto.set_type(AP::FLOATS);
    for (float v : floats.asArrayRef())
      proto.add_floats(v);
    return success();
  }
  if (auto elements = dyn_cast<ElementsAttr>(attr)) {
    proto.set_type(AP::TENSOR);
    return fillTensor(op->getLoc(), elements, *proto.mutable_t(), nullptr);
  }
  if (auto type = dyn_cast<TypeAttr>(attr)) {
    proto.set_type(AP::TYPE_PROTO);
    return writeType(op->getLoc(), type.getValue(), "", *proto.mutable_tp());
  }
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    if (llvm::all_of(array, [](Attribute a) { return isa<StringAttr>(a); })) {
      proto.set_type(AP::STRINGS);
      for (Attribute a : array)
        proto.add_strings(cast<StringAttr>(a).str());
      return success();
    }
    if (llvm::all_of(array, [](Attribute a) { return isa<IntegerAttr>(a); })) {
      proto.set_type(AP::INTS);
      for (Attribute a : array)
        proto.add_ints(cast<IntegerAttr>(a).getInt());
      return success();
    }
    if (llvm::all_of(array, [](Attribute a) { return isa<FloatAttr>(a); })) {
      proto.set_type(AP::FLOATS);
      for (Attribute a : array)
        proto.add_floats(
            static_cast<float>(cast<FloatAttr>(a).getValueAsDouble()));
      return success();
    }
  }
  return op->emitOpError() << "attribute '" << name << "' (" << attr
                           << ") has no ONNX attribute type";
}

//===----------------------------------------------------------------------===//
// Graphs and nodes
//===----------------------------------------------------------------------===//

/// The GRAPH attribute names of the ops with regions, in region order.
static ArrayRef<StringRef> regionNames(StringRef opType) {
  static const StringRef ifNames[] = {"else_branch", "then_branch"};
  static const StringRef bodyNames[] = {"body"};
  if (opType == "If")
    return ifNames;
  if (opType == "Loop" || opType == "Scan" || opType == "SequenceMap")
    return bodyNames;
  return {};
}

static bool isLargeConstant(ElementsAttr value) {
  return isa<DenseResourceElementsAttr>(value) ||
         value.getShapedType().getNumElements() > kMaxConstantNodeElements;
}

LogicalResult Writer::writeConstant(Operation *op, ::onnx::GraphProto &graph,
                                    bool &handled) {
  handled = false;
  auto constant = dyn_cast<oar::onnx::ConstantOp>(op);
  if (!constant)
    return success();
  auto value = constant.getValueAttr();
  if (!value || !isLargeConstant(value) || isa<DenseStringElementsAttr>(value))
    return success();
  handled = true;
  if (op->use_empty())
    return success();
  // Initializers go to the main graph, whatever region the constant is in:
  // subgraphs see the outer scope.
  std::string name;
  SmallVector<std::string> fromLoc;
  namesFromLoc(op->getLoc(), fromLoc);
  if (!fromLoc.empty() && !fromLoc.front().empty())
    name = fromLoc.front();
  else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    name = resource.getRawHandle().getKey().str();
  else
    name = generatedName(op);
  name = claim(name);
  names[op->getResult(0)] = name;
  ::onnx::TensorProto *tensor = model.mutable_graph()->add_initializer();
  tensor->set_name(name);
  pending.emplace_back();
  return fillTensor(op->getLoc(), value, *tensor, &pending.back());
}

LogicalResult Writer::writeOp(Operation *op, ::onnx::GraphProto &graph) {
  // Unused constants are not written (folding leaves some behind).
  if (isa<oar::onnx::NoValueOp>(op) ||
      (isa<oar::onnx::ConstantOp>(op) && op->use_empty()))
    return success();
  bool handled;
  if (failed(writeConstant(op, graph, handled)))
    return failure();
  if (handled)
    return success();

  nameResults(op);
  StringRef opType = op->getName().stripDialect();
  ::onnx::NodeProto *node = graph.add_node();
  node->set_op_type(opType.str());

  // Optional inputs and outputs: "" for an absent one before a given one,
  // nothing for trailing absent ones.
  auto fill = [&](ValueRange values, auto add) {
    size_t given = 0;
    for (auto [i, v] : llvm::enumerate(values))
      if (!isa<NoneType>(v.getType()))
        given = i + 1;
    for (Value v : values.take_front(given))
      add(isa<NoneType>(v.getType()) ? std::string() : nameOf(v));
  };
  for (Value v : op->getOperands())
    if (!isa<NoneType>(v.getType()) && !names.count(v))
      return op->emitOpError() << "uses a value the writer has not named "
                                  "(defined by an op it does not write)";
  fill(op->getOperands(), [&](std::string s) { node->add_input(s); });
  fill(op->getResults(), [&](std::string s) { node->add_output(s); });

  std::string nodeName;
  for (const std::string &out : node->output())
    if (!out.empty()) {
      nodeName = out;
      break;
    }
  if (nodeName.empty())
    nodeName = opType.str() + "_node" + std::to_string(nodeCount);
  ++nodeCount;
  node->set_name(nodeName);

  if (const auto &info = op->getRegisteredInfo()) {
    for (StringAttr name : info->getAttributeNames()) {
      Attribute attr = op->getAttr(name);
      if (!attr || name.getValue() == "operandSegmentSizes" ||
          name.getValue() == "resultSegmentSizes")
        continue;
      if (failed(writeAttribute(op, name.getValue(), attr,
                                *node->add_attribute())))
        return failure();
    }
  }

  ArrayRef<StringRef> graphNames = regionNames(opType);
  if (op->getNumRegions() && graphNames.size() != op->getNumRegions())
    return op->emitOpError() << "has regions the writer does not know";
  for (auto [region, gname] : llvm::zip(op->getRegions(), graphNames)) {
    ::onnx::AttributeProto *attr = node->add_attribute();
    attr->set_name(gname.str());
    attr->set_type(::onnx::AttributeProto::GRAPH);
    if (failed(writeGraph(region, *attr->mutable_g(), /*isMain=*/false,
                          nodeName + "/" + gname.str())))
      return failure();
  }
  // Keep the attributes in name order, graphs included.
  auto *attrs = node->mutable_attribute();
  std::stable_sort(
      attrs->begin(), attrs->end(),
      [](const ::onnx::AttributeProto &a, const ::onnx::AttributeProto &b) {
        return a.name() < b.name();
      });
  return success();
}

LogicalResult Writer::writeGraph(Region &region, ::onnx::GraphProto &graph,
                                 bool isMain, StringRef graphName) {
  graph.set_name(graphName.str());
  if (!region.hasOneBlock())
    return emitError(region.getLoc()) << "a graph must have exactly one block";
  Block &block = region.front();
  auto func = isMain ? cast<func::FuncOp>(region.getParentOp()) : nullptr;

  // Inputs.
  for (BlockArgument arg : block.getArguments()) {
    std::string wanted;
    if (func) {
      if (auto n =
              func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "pd.name"))
        wanted = n.str();
    } else {
      SmallVector<std::string> fromLoc;
      namesFromLoc(arg.getLoc(), fromLoc);
      if (!fromLoc.empty())
        wanted = fromLoc.front();
    }
    if (wanted.empty())
      wanted = (isMain ? std::string("input") : graphName.str() + "/in") + "_" +
               std::to_string(arg.getArgNumber());
    std::string name = claim(wanted);
    names[arg] = name;
    ::onnx::ValueInfoProto *info = graph.add_input();
    info->set_name(name);
    if (isa<NoneType>(arg.getType()))
      continue;
    if (failed(writeType(arg.getLoc(), arg.getType(),
                         isMain ? StringRef(name) : StringRef(),
                         *info->mutable_type())))
      return failure();
  }

  Operation *terminator = block.getTerminator();
  if (!terminator ||
      !(isa<func::ReturnOp>(terminator) || isa<oar::onnx::YieldOp>(terminator)))
    return emitError(region.getLoc())
           << "a graph must end in func.return or onnx.Yield";

  // Output names: the results' `pd.name`s (main graph) are claimed first so
  // that the value they name gets them, not an earlier value of the same
  // Paddle name (Paddle reuses names in place).
  SmallVector<std::string> outputNames;
  SmallVector<bool> needsIdentity;
  llvm::DenseSet<Value> claimedOutputs;
  for (auto [i, v] : llvm::enumerate(terminator->getOperands())) {
    std::string wanted;
    if (func)
      if (auto n = func.getResultAttrOfType<StringAttr>(i, "pd.name"))
        wanted = n.str();
    Operation *def = v.getDefiningOp();
    bool insideOp = def && def->getParentRegion() == &region;
    bool initializer = false;
    if (auto c = dyn_cast_or_null<oar::onnx::ConstantOp>(def))
      initializer = c.getValueAttr() && isLargeConstant(c.getValueAttr()) &&
                    !isa<DenseStringElementsAttr>(c.getValueAttr());
    bool own =
        insideOp && !initializer && !claimedOutputs.count(v) && !names.count(v);
    if (wanted.empty()) {
      if (own) {
        // Named from its location when written.
        outputNames.push_back("");
        needsIdentity.push_back(false);
        claimedOutputs.insert(v);
        continue;
      }
      wanted = (isMain ? std::string("output") : graphName.str() + "/out") +
               "_" + std::to_string(i);
    }
    std::string name = claim(wanted);
    outputNames.push_back(name);
    needsIdentity.push_back(!own);
    if (own) {
      names[v] = name;
      claimedOutputs.insert(v);
    }
  }

  for (Operation &op : block.without_terminator())
    if (failed(writeOp(&op, graph)))
      return failure();

  for (auto [i, v] : llvm::enumerate(terminator->getOperands())) {
    std::string name = outputNames[i];
    if (needsIdentity[i]) {
      ::onnx::NodeProto *node = graph.add_node();
      node->set_op_type("Identity");
      node->set_name(name);
      node->add_input(nameOf(v));
      node->add_output(name);
    } else if (name.empty()) {
      name = nameOf(v);
    }
    ::onnx::ValueInfoProto *info = graph.add_output();
    info->set_name(name);
    if (failed(writeType(terminator->getLoc(), v.getType(),
                         isMain ? StringRef(name) : StringRef(),
                         *info->mutable_type())))
      return failure();
  }
  return success();
}

LogicalResult Writer::build() {
  std::optional<int64_t> maybeOpset = oar::onnx::getModuleOpset(module);
  if (!maybeOpset)
    return emitError(module.getLoc())
           << "the module has no '" << oar::onnx::kOpsetAttrName
           << "' attribute; convert it with convert-pd-to-onnx first";
  opset = *maybeOpset;
  if (opset < oar::onnx::kMinOpset || opset > oar::onnx::kMaxOpset)
    return emitError(module.getLoc())
           << "opset " << opset << " is out of range; Oar "
           << "writes opsets " << oar::onnx::kMinOpset << " to "
           << oar::onnx::kMaxOpset;
  func::FuncOp main;
  for (auto f : module.getOps<func::FuncOp>())
    if (f.getSymName() == "main" || !main)
      main = f;
  if (!main || main.isExternal())
    return emitError(module.getLoc())
           << "the module has no func.func @main to write";

  // Every op must be an ONNX op valid at the opset.
  WalkResult checked = main.walk([&](Operation *op) {
    if (isa<func::ReturnOp>(op) || op == main.getOperation())
      return WalkResult::advance();
    if (!isa<oar::onnx::OnnxDialect>(op->getDialect())) {
      op->emitOpError() << "is not an ONNX op; it was not converted";
      return WalkResult::interrupt();
    }
    if (failed(oar::onnx::verifyOpAtOpset(op, opset)))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  if (checked.wasInterrupted())
    return failure();

  model.set_ir_version(oar::onnx::irVersionForOpset(opset));
  model.set_producer_name(options.producerName);
  if (!options.producerVersion.empty())
    model.set_producer_version(options.producerVersion);
  auto *imp = model.add_opset_import();
  imp->set_domain("");
  imp->set_version(opset);
  return writeGraph(main.getBody(), *model.mutable_graph(), /*isMain=*/true,
                    "main");
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

namespace {
/// A temporary file beside its destination, removed unless committed.
class TempFile {
public:
  ~TempFile() {
    if (!path.empty()) {
      if (fd >= 0)
        ::close(fd);
      llvm::sys::fs::remove(path);
      llvm::sys::DontRemoveFileOnSignal(path);
    }
  }
  std::error_code create(StringRef dest) {
    SmallString<256> model(dest);
    model += ".tmp-%%%%%%%%";
    std::error_code ec = llvm::sys::fs::createUniqueFile(model, fd, path);
    if (!ec)
      llvm::sys::RemoveFileOnSignal(path);
    return ec;
  }
  std::error_code write(const char *data, size_t size) {
    while (size) {
      ssize_t n = ::write(fd, data, std::min<size_t>(size, 1 << 30));
      if (n < 0) {
        if (errno == EINTR)
          continue;
        return std::error_code(errno, std::generic_category());
      }
      data += n;
      size -= n;
    }
    return {};
  }
  std::error_code pad(size_t count) {
    static const char zeros[4096] = {};
    while (count) {
      size_t n = std::min(count, sizeof(zeros));
      if (auto ec = write(zeros, n))
        return ec;
      count -= n;
    }
    return {};
  }
  /// Serializes `message` (deterministically) at the current position.
  std::error_code writeMessage(const google::protobuf::MessageLite &message) {
    google::protobuf::io::FileOutputStream stream(fd);
    {
      google::protobuf::io::CodedOutputStream coded(&stream);
      coded.SetSerializationDeterministic(true);
      message.SerializeWithCachedSizes(&coded);
      if (coded.HadError())
        return std::make_error_code(std::errc::io_error);
    }
    if (!stream.Flush())
      return std::error_code(stream.GetErrno() ? stream.GetErrno() : EIO,
                             std::generic_category());
    return {};
  }
  /// fsync, close.
  std::error_code finish() {
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      fd = -1;
      return std::error_code(errno, std::generic_category());
    }
    fd = -1;
    return {};
  }
  StringRef getPath() const { return path; }
  std::error_code commit(StringRef dest) {
    if (auto ec = llvm::sys::fs::rename(path, dest))
      return ec;
    llvm::sys::DontRemoveFileOnSignal(path);
    path.clear();
    return {};
  }

private:
  int fd = -1;
  SmallString<256> path;
};
} // namespace

static bool serialize(const ::onnx::ModelProto &model, std::string &bytes) {
  bytes.clear();
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    model.SerializeToCodedStream(&coded);
    if (coded.HadError())
      return false;
  }
  return true;
}

/// Size of the model with all pending data inside it.
static uint64_t modelSize(const ::onnx::ModelProto &model,
                          ArrayRef<PendingData> pending) {
  uint64_t size = model.ByteSizeLong();
  for (const PendingData &p : pending)
    size += p.bytes().size() + 16;
  return size;
}

static LogicalResult runChecker(ModuleOp module, ::onnx::ModelProto &model,
                                StringRef modelDir) {
  std::string error;
  int maxOpset = oar::onnx::checkerMaxOpset();
  int64_t opset = model.opset_import(0).version();
  if (opset > maxOpset) {
    emitWarning(module.getLoc())
        << "the ONNX checker linked into Oar knows opsets up "
           "to "
        << maxOpset << "; opset " << opset << " is not checked";
    return success();
  }
  if (!oar::onnx::checkModel(model, modelDir, error))
    return emitError(module.getLoc())
           << "the ONNX checker rejects the model: " << error;
  return success();
}

LogicalResult
mlir::oar::onnx::serializeOnnxModel(ModuleOp module, std::string &bytes,
                                    const ExportOptions &options) {
  OwningOpRef<ModuleOp> converted;
  ModuleOp input = module;
  if (options.fp16) {
    converted = module.clone();
    if (failed(convertToFloat16(*converted)))
      return failure();
    input = *converted;
  }
  Writer writer(input, options);
  if (failed(writer.build()))
    return failure();
  if (modelSize(writer.model, writer.pending) >= options.maxModelBytes)
    return emitError(module.getLoc())
           << "the model exceeds protobuf's 2 GB limit; "
              "write it with external data";
  for (PendingData &p : writer.pending) {
    ArrayRef<char> b = p.bytes();
    p.tensor->set_raw_data(b.data(), b.size());
  }
  if (options.check && failed(runChecker(module, writer.model, "")))
    return failure();
  if (!serialize(writer.model, bytes))
    return emitError(module.getLoc()) << "cannot serialize the model";
  return success();
}

LogicalResult mlir::oar::onnx::exportOnnxModel(ModuleOp module, StringRef path,
                                               const ExportOptions &options,
                                               ExportStats *stats) {
  OwningOpRef<ModuleOp> converted;
  ModuleOp input = module;
  if (options.fp16) {
    converted = module.clone();
    if (failed(convertToFloat16(*converted)))
      return failure();
    input = *converted;
  }
  Writer writer(input, options);
  if (failed(writer.build()))
    return failure();

  SmallString<256> dir(path);
  llvm::sys::path::remove_filename(dir);
  std::string dataName = options.externalFileName;
  if (dataName.empty())
    dataName = (llvm::sys::path::filename(path) + ".data").str();
  if (llvm::sys::path::filename(dataName) != dataName)
    return emitError(module.getLoc())
           << "the external data file name '" << dataName
           << "' must be a plain file name (it is written "
              "beside the model)";
  SmallString<256> dataPath(dir);
  llvm::sys::path::append(dataPath, dataName);

  bool external =
      options.externalData ||
      modelSize(writer.model, writer.pending) >= options.maxModelBytes;
  TempFile dataFile;
  uint64_t externalBytes = 0;
  auto fileError = [&](StringRef what, StringRef file, std::error_code ec) {
    return emitError(module.getLoc())
           << "cannot " << what << " '" << file << "': " << ec.message();
  };
  if (external) {
    if (auto ec = dataFile.create(dataPath))
      return fileError("create", dataPath, ec);
    uint64_t offset = 0;
    for (PendingData &p : writer.pending) {
      ArrayRef<char> b = p.bytes();
      if (static_cast<int64_t>(b.size()) < options.externalThreshold) {
        p.tensor->set_raw_data(b.data(), b.size());
        continue;
      }
      // Page-align large tensors (mmap), 64 bytes for the others (SIMD).
      uint64_t align = b.size() >= (1u << 20) ? 4096 : 64;
      uint64_t aligned = (offset + align - 1) / align * align;
      if (auto ec = dataFile.pad(aligned - offset))
        return fileError("write", dataPath, ec);
      if (auto ec = dataFile.write(b.data(), b.size()))
        return fileError("write", dataPath, ec);
      p.tensor->set_data_location(::onnx::TensorProto::EXTERNAL);
      auto add = [&](StringRef key, std::string value) {
        auto *entry = p.tensor->add_external_data();
        entry->set_key(key.str());
        entry->set_value(value);
      };
      // The checker reads the data: point at the temporary file until then.
      add("location", llvm::sys::path::filename(dataFile.getPath()).str());
      add("offset", std::to_string(aligned));
      add("length", std::to_string(b.size()));
      offset = aligned + b.size();
    }
    externalBytes = offset;
    if (auto ec = dataFile.finish())
      return fileError("write", dataPath, ec);
  } else {
    for (PendingData &p : writer.pending) {
      ArrayRef<char> b = p.bytes();
      p.tensor->set_raw_data(b.data(), b.size());
    }
  }
  writer.pending.clear();

  if (options.check && failed(runChecker(module, writer.model, dir)))
    return failure();
  if (external)
    for (auto &tensor : *writer.model.mutable_graph()->mutable_initializer())
      for (auto &entry : *tensor.mutable_external_data())
        if (entry.key() == "location")
          entry.set_value(dataName);

  if (writer.model.ByteSizeLong() >= options.maxModelBytes)
    return emitError(module.getLoc())
           << "the model exceeds protobuf's 2 GB limit even with its "
              "initializers in external data";
  // Serialized straight into the file: no second copy of the weights.
  TempFile modelFile;
  if (auto ec = modelFile.create(path))
    return fileError("create", path, ec);
  if (auto ec = modelFile.writeMessage(writer.model))
    return fileError("write", path, ec);
  if (auto ec = modelFile.finish())
    return fileError("write", path, ec);
  if (external)
    if (auto ec = dataFile.commit(dataPath))
      return fileError("write", dataPath, ec);
  if (auto ec = modelFile.commit(path)) {
    if (external)
      llvm::sys::fs::remove(dataPath);
    return fileError("write", path, ec);
  }
  if (stats) {
    stats->nodes = writer.model.graph().node_size();
    stats->initializers = writer.model.graph().initializer_size();
    stats->modelBytes = writer.model.ByteSizeLong();
    stats->externalBytes = external ? externalBytes : 0;
    stats->externalPath = external ? std::string(dataPath) : std::string();
  }
  return success();
}
