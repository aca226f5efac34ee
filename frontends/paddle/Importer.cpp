//===- Importer.cpp - Paddle ProgramDesc to the pd dialect ----------------===//
//
// Block 0 of a ProgramDesc becomes `func.func @main`: the feed ops' variables
// (by `col`) are its arguments and the fetch ops' variables its results.
// Every other op becomes one `pd` op through the generated table (OpTable.h);
// variables are looked up by name as the ops run, so Paddle's in-place writes
// simply rebind a name to a new SSA value. Parameters are materialized at the
// top of the function the first time an op reads them.
//
// Locations: an op's location is the name of its first output variable over
// FileLineColLoc(program file, block index, op index).
//
//===----------------------------------------------------------------------===//

#include "frontends/paddle/Importer.h"

#include "dialects/pd/PdDialect.h"
#include "dialects/pd/PdOps.h"
#include "frontends/paddle/OpTable.h"
#include "frontends/paddle/Params.h"
#include "frontends/paddle/Program.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::oar::paddle;
namespace pd = mlir::oar::pd;
using llvm::StringRef;

namespace {

/// Emits an error built as "FILE: message", located in FILE when FILE is
/// the program or an existing file (the params file), so that the printer
/// does not repeat the path.
void emitFileError(MLIRContext *ctx, StringRef program, llvm::Error error) {
  std::string msg = llvm::toString(std::move(error));
  StringRef file = program, rest = msg;
  auto [prefix, tail] = StringRef(msg).split(": ");
  if (!tail.empty() &&
      (prefix == program || llvm::sys::fs::exists(prefix))) {
    file = prefix;
    rest = tail;
  }
  emitError(FileLineColLoc::get(ctx, file, 0, 0)) << rest;
}

class Importer {
public:
  Importer(MLIRContext *ctx, const Program &program, const Params *params)
      : ctx(ctx), program(program), params(params), builder(ctx),
        file(StringAttr::get(ctx, program.path())) {}

  OwningOpRef<ModuleOp> run();

private:
  Location fileLoc() { return FileLineColLoc::get(file, 0, 0); }
  Location opLoc(int block, int index) {
    return FileLineColLoc::get(file, block, index);
  }
  InFlightDiagnostic opError(int index, const proto::OpDesc &op) {
    return emitError(opLoc(0, index))
           << "op #" << index << " '" << op.type() << "': ";
  }

  LogicalResult checkSupported();
  FailureOr<RankedTensorType> getVarType(int block, StringRef name,
                                         Location loc);
  FailureOr<Value> getValue(StringRef name, int index,
                            const proto::OpDesc &op, StringRef slot);
  FailureOr<Value> getParameter(const proto::VarDesc &var, Location loc);
  FailureOr<Attribute> convertAttr(const proto::OpDesc::Attr &attr,
                                   const AttrSpec &spec, int index,
                                   const proto::OpDesc &op);
  LogicalResult convertOp(int index, const proto::OpDesc &op,
                          const LegacyOpSpec &spec);

  MLIRContext *ctx;
  const Program &program;
  const Params *params;
  OpBuilder builder;
  StringAttr file;
  /// Current SSA value of each variable name.
  llvm::StringMap<Value> values;
  /// Variables written by output slots Oar drops, with the writing op.
  llvm::StringMap<std::string> dropped;
  llvm::StringMap<Value> parameters;
  Block *entry = nullptr;
  Operation *lastParameter = nullptr;
};

LogicalResult Importer::checkSupported() {
  // Every unsupported op type at once, with counts and the first place.
  struct Unsupported {
    int count = 0;
    int firstBlock = 0;
    int firstOp = 0;
    bool controlFlow = false;
  };
  llvm::MapVector<StringRef, Unsupported> unsupported;
  const proto::ProgramDesc &d = program.desc();
  for (int b = 0; b < d.blocks_size(); ++b) {
    for (int i = 0; i < d.blocks(b).ops_size(); ++i) {
      const proto::OpDesc &op = d.blocks(b).ops(i);
      bool controlFlow = llvm::any_of(op.attrs(), [](const auto &a) {
        return a.type() == proto::BLOCK || a.type() == proto::BLOCKS;
      });
      if (!controlFlow && b == 0 &&
          (op.type() == "feed" || op.type() == "fetch" ||
           lookupLegacyOp(op.type())))
        continue;
      if (!controlFlow && b != 0)
        continue; // Ops inside sub-blocks belong to their control-flow op.
      auto [it, inserted] = unsupported.try_emplace(op.type());
      if (inserted) {
        it->second.firstBlock = b;
        it->second.firstOp = i;
      }
      ++it->second.count;
      it->second.controlFlow |= controlFlow;
    }
  }
  if (unsupported.empty())
    return success();
  auto diag = emitError(fileLoc());
  diag << unsupported.size() << " unsupported op type"
       << (unsupported.size() == 1 ? "" : "s") << ": ";
  llvm::interleaveComma(unsupported, diag, [&](const auto &entry) {
    const Unsupported &u = entry.second;
    diag << entry.first << " (" << u.count << "x, first at block "
         << u.firstBlock << " op #" << u.firstOp
         << (u.controlFlow ? "; control flow is not supported yet" : "")
         << ")";
  });
  return failure();
}

FailureOr<RankedTensorType> Importer::getVarType(int block, StringRef name,
                                                 Location loc) {
  const proto::VarDesc *var = program.lookupVar(block, name);
  if (!var)
    return emitError(loc) << "variable '" << name
                          << "' has no VarDesc in the program";
  if (var->type().type() != proto::VarType::LOD_TENSOR ||
      !var->type().has_lod_tensor())
    return emitError(loc) << "variable '" << name << "' is a "
                          << proto::VarType::Type_Name(var->type().type())
                          << ", not a dense tensor; Oar imports only dense "
                             "tensors so far";
  const auto &t = var->type().lod_tensor().tensor();
  Type elem = getElementType(ctx, t.data_type());
  if (!elem)
    return emitError(loc) << "variable '" << name << "' has dtype "
                          << getDTypeName(t.data_type()) << " ("
                          << static_cast<int>(t.data_type())
                          << "), which Oar does not support";
  llvm::SmallVector<int64_t> dims;
  for (int64_t d : t.dims()) {
    if (d < -1)
      return emitError(loc) << "variable '" << name << "' has dim " << d;
    dims.push_back(d == -1 ? ShapedType::kDynamic : d);
  }
  return RankedTensorType::get(dims, elem);
}

FailureOr<Value> Importer::getParameter(const proto::VarDesc &var,
                                        Location loc) {
  auto it = parameters.find(var.name());
  if (it != parameters.end())
    return it->second;
  FailureOr<RankedTensorType> type = getVarType(0, var.name(), loc);
  if (failed(type))
    return failure();
  OpBuilder::InsertionGuard guard(builder);
  if (lastParameter)
    builder.setInsertionPointAfter(lastParameter);
  else
    builder.setInsertionPointToStart(entry);
  Location ploc = NameLoc::get(StringAttr::get(ctx, var.name()), fileLoc());
  Operation *op;
  if (!params) {
    op = pd::ParameterOp::create(builder, ploc, *type, var.name());
  } else {
    const ParamRecord *rec = params->lookup(var.name());
    if (!rec)
      return emitError(loc) << "no value for parameter '" << var.name() << "'";
    // Parameter types come from the params record, which has every dim.
    llvm::SmallVector<int64_t> dims(rec->dims.begin(), rec->dims.end());
    // The record's dtype: int8 weights keep a float32 VarDesc.
    Type recElem = getElementType(ctx, rec->dtype);
    auto recType = RankedTensorType::get(
        dims, recElem ? recElem : type->getElementType());
    size_t align = std::max<size_t>(1, getDTypeSize(rec->dtype));
    if (rec->dtype == proto::VarType::COMPLEX64 ||
        rec->dtype == proto::VarType::COMPLEX128)
      align /= 2;
    AsmResourceBlob blob;
    if (reinterpret_cast<uintptr_t>(rec->data.data()) % align == 0) {
      // Zero copy: the blob points into the mapped file and keeps it alive.
      blob = UnmanagedAsmResourceBlob::allocateWithAlign(
          rec->data, align,
          [keep = rec->buffer](void *, size_t, size_t) mutable {
            keep.reset();
          });
    } else {
      blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
          rec->data, align, /*dataIsMutable=*/false);
    }
    auto attr = DenseResourceElementsAttr::get(recType, var.name(),
                                               std::move(blob));
    // The record has every dim, where the VarDesc may have unknown ones.
    op = arith::ConstantOp::create(builder, ploc, recType, attr);
  }
  lastParameter = op;
  Value v = op->getResult(0);
  parameters[var.name()] = v;
  return v;
}

FailureOr<Value> Importer::getValue(StringRef name, int index,
                                    const proto::OpDesc &op, StringRef slot) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  const proto::VarDesc *var = program.lookupVar(0, name);
  if (var && isParameterVar(*var))
    return getParameter(*var, opLoc(0, index));
  auto d = dropped.find(name);
  if (d != dropped.end())
    return opError(index, op)
           << "input '" << slot << "' reads variable '" << name
           << "', written by " << d->second
           << ", an output Oar does not import";
  return opError(index, op) << "input '" << slot << "' reads variable '"
                            << name << "' before any definition";
}

FailureOr<Attribute> Importer::convertAttr(const proto::OpDesc::Attr &a,
                                           const AttrSpec &spec, int index,
                                           const proto::OpDesc &op) {
  Builder &b = builder;
  auto mismatch = [&]() -> FailureOr<Attribute> {
    return opError(index, op)
           << "attribute '" << a.name() << "' has type "
           << proto::AttrType_Name(a.type()) << ", which does not fit";
  };
  auto isInt = [&] {
    return a.type() == proto::INT || a.type() == proto::LONG;
  };
  auto intValue = [&]() -> int64_t {
    return a.type() == proto::LONG ? a.l() : a.i();
  };
  auto isFloat = [&] {
    return a.type() == proto::FLOAT || a.type() == proto::FLOAT64;
  };
  auto floatValue = [&]() -> double {
    return a.type() == proto::FLOAT64 ? a.float64() : a.f();
  };
  switch (spec.kind) {
  case AttrKind::I64:
    if (isInt())
      return b.getI64IntegerAttr(intValue());
    if (a.type() == proto::BOOLEAN)
      return b.getI64IntegerAttr(a.b());
    return mismatch();
  case AttrKind::F32:
    if (isFloat())
      return b.getF32FloatAttr(static_cast<float>(floatValue()));
    if (isInt())
      return b.getF32FloatAttr(static_cast<float>(intValue()));
    return mismatch();
  case AttrKind::F64:
    if (isFloat())
      return b.getF64FloatAttr(floatValue());
    if (isInt())
      return b.getF64FloatAttr(static_cast<double>(intValue()));
    return mismatch();
  case AttrKind::Str:
    if (a.type() == proto::STRING)
      return b.getStringAttr(a.s());
    return mismatch();
  case AttrKind::Bool:
    if (a.type() == proto::BOOLEAN)
      return b.getBoolAttr(a.b());
    if (isInt())
      return b.getBoolAttr(intValue() != 0);
    return mismatch();
  case AttrKind::I64Array: {
    llvm::SmallVector<int64_t> v;
    if (a.type() == proto::INTS)
      v.assign(a.ints().begin(), a.ints().end());
    else if (a.type() == proto::LONGS)
      v.assign(a.longs().begin(), a.longs().end());
    else if (a.type() == proto::BOOLEANS)
      v.assign(a.bools().begin(), a.bools().end());
    else
      return mismatch();
    return b.getDenseI64ArrayAttr(v);
  }
  case AttrKind::F32Array: {
    llvm::SmallVector<float> v;
    if (a.type() == proto::FLOATS)
      v.assign(a.floats().begin(), a.floats().end());
    else if (a.type() == proto::FLOAT64S)
      for (double x : a.float64s())
        v.push_back(static_cast<float>(x));
    else if (a.type() == proto::INTS)
      for (int32_t x : a.ints())
        v.push_back(static_cast<float>(x));
    else
      return mismatch();
    return b.getDenseF32ArrayAttr(v);
  }
  case AttrKind::F64Array: {
    llvm::SmallVector<double> v;
    if (a.type() == proto::FLOAT64S)
      v.assign(a.float64s().begin(), a.float64s().end());
    else if (a.type() == proto::FLOATS)
      v.assign(a.floats().begin(), a.floats().end());
    else
      return mismatch();
    return b.getDenseF64ArrayAttr(v);
  }
  case AttrKind::BoolArray: {
    llvm::SmallVector<bool> v;
    if (a.type() == proto::BOOLEANS)
      v.assign(a.bools().begin(), a.bools().end());
    else if (a.type() == proto::INTS)
      for (int32_t x : a.ints())
        v.push_back(x != 0);
    else
      return mismatch();
    return b.getDenseBoolArrayAttr(v);
  }
  case AttrKind::StrArray: {
    if (a.type() != proto::STRINGS)
      return mismatch();
    llvm::SmallVector<StringRef> v(a.strings().begin(), a.strings().end());
    return b.getStrArrayAttr(v);
  }
  case AttrKind::DType: {
    if (!isInt())
      return mismatch();
    int64_t dtype = intValue();
    if (dtype == -1)
      return Attribute(); // Unset: the op follows its input.
    Type t = getElementType(ctx, static_cast<int>(dtype));
    if (!t)
      return opError(index, op) << "attribute '" << a.name()
                                << "' names dtype " << dtype << " ("
                                << getDTypeName(dtype)
                                << "), which Oar does not support";
    return TypeAttr::get(t);
  }
  }
  llvm_unreachable("unknown attribute kind");
}

LogicalResult Importer::convertOp(int index, const proto::OpDesc &op,
                                  const LegacyOpSpec &spec) {
  // Arguments of each slot in the file, by slot name.
  llvm::StringMap<const proto::OpDesc::Var *> inputs, outputs;
  for (const auto &v : op.inputs())
    inputs[v.parameter()] = &v;
  for (const auto &v : op.outputs())
    outputs[v.parameter()] = &v;

  auto checkKnown = [&](const llvm::StringMap<const proto::OpDesc::Var *> &m,
                        const SlotSpec *slots, unsigned n,
                        StringRef what) -> LogicalResult {
    for (const auto &entry : m) {
      bool known = llvm::any_of(llvm::ArrayRef(slots, n), [&](auto &s) {
        return entry.getKey() == s.paddle;
      });
      if (!known && entry.getValue()->arguments_size() > 0)
        return opError(index, op) << what << " slot '" << entry.getKey()
                                  << "' is not one Oar knows for this op";
    }
    return success();
  };
  if (failed(checkKnown(inputs, spec.inputs, spec.numInputs, "input")) ||
      failed(checkKnown(outputs, spec.outputs, spec.numOutputs, "output")))
    return failure();

  OperationState state(opLoc(0, index), spec.pdName);
  llvm::SmallVector<int32_t> operandSegments, resultSegments;
  for (const SlotSpec &slot : llvm::ArrayRef(spec.inputs, spec.numInputs)) {
    auto it = inputs.find(slot.paddle);
    int n = it == inputs.end() ? 0 : it->second->arguments_size();
    if (slot.kind == SlotKind::Ignored)
      continue;
    if (slot.kind == SlotKind::Dropped) {
      if (n > 0)
        return opError(index, op) << "input '" << slot.paddle
                                  << "' is set, but Oar does not support it";
      continue;
    }
    if ((slot.kind == SlotKind::Required && n != 1) ||
        (slot.kind == SlotKind::Optional && n > 1))
      return opError(index, op)
             << "input '" << slot.paddle << "' has " << n << " variables, "
             << (slot.kind == SlotKind::Required ? "expected 1"
                                                 : "expected at most 1");
    for (int i = 0; i < n; ++i) {
      FailureOr<Value> v =
          getValue(it->second->arguments(i), index, op, slot.paddle);
      if (failed(v))
        return failure();
      state.addOperands(*v);
    }
    operandSegments.push_back(n);
  }

  llvm::SmallVector<std::string> resultNames;
  for (const SlotSpec &slot :
       llvm::ArrayRef(spec.outputs, spec.numOutputs)) {
    auto it = outputs.find(slot.paddle);
    int n = it == outputs.end() ? 0 : it->second->arguments_size();
    if (slot.kind == SlotKind::Dropped) {
      for (int i = 0; i < n; ++i)
        dropped[it->second->arguments(i)] =
            "output '" + std::string(slot.paddle) + "' of op #" +
            std::to_string(index) + " '" + op.type() + "'";
      continue;
    }
    if ((slot.kind == SlotKind::Required && n != 1) ||
        (slot.kind == SlotKind::Optional && n > 1))
      return opError(index, op)
             << "output '" << slot.paddle << "' has " << n << " variables, "
             << (slot.kind == SlotKind::Required ? "expected 1"
                                                 : "expected at most 1");
    for (int i = 0; i < n; ++i) {
      const std::string &name = it->second->arguments(i);
      FailureOr<RankedTensorType> t = getVarType(0, name, opLoc(0, index));
      if (failed(t))
        return failure();
      state.addTypes(*t);
      resultNames.push_back(name);
    }
    resultSegments.push_back(n);
  }
  if (resultNames.empty())
    return opError(index, op) << "has no outputs";

  for (const auto &a : op.attrs()) {
    if (!a.has_type())
      return opError(index, op) << "attribute '" << a.name()
                                << "' has an unknown or missing type";
  }
  for (const AttrSpec &spec : llvm::ArrayRef(spec.attrs, spec.numAttrs)) {
    const proto::OpDesc::Attr *a = findAttr(op, spec.paddle);
    if (!a) {
      if (spec.kind == AttrKind::DType && spec.defaultDType >= 0)
        state.addAttribute(spec.mlir, TypeAttr::get(getElementType(
                                          ctx, spec.defaultDType)));
      continue;
    }
    FailureOr<Attribute> attr = convertAttr(*a, spec, index, op);
    if (failed(attr))
      return failure();
    if (*attr)
      state.addAttribute(spec.mlir, *attr);
  }
  if (spec.operandSegments)
    state.addAttribute("operandSegmentSizes",
                       builder.getDenseI32ArrayAttr(operandSegments));
  if (spec.resultSegments)
    state.addAttribute("resultSegmentSizes",
                       builder.getDenseI32ArrayAttr(resultSegments));

  // Name the op after its outputs, over its place in the file.
  llvm::SmallVector<Location> names;
  for (const std::string &n : resultNames)
    names.push_back(
        NameLoc::get(StringAttr::get(ctx, n), opLoc(0, index)));
  state.location = names.size() == 1 ? names.front()
                                     : FusedLoc::get(ctx, names);
  Operation *created = builder.create(state);
  for (auto [name, result] : llvm::zip(resultNames, created->getResults())) {
    values[name] = result;
    dropped.erase(name);
  }
  return success();
}

OwningOpRef<ModuleOp> Importer::run() {
  if (failed(checkSupported()))
    return nullptr;
  auto report = [&](llvm::Error e) {
    emitFileError(ctx, program.path(), std::move(e));
    return nullptr;
  };
  auto feeds = program.getFeeds();
  if (!feeds)
    return report(feeds.takeError());
  auto fetches = program.getFetches();
  if (!fetches)
    return report(fetches.takeError());

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  module->getOperation()->setAttr(
      "pd.program_version",
      builder.getI64IntegerAttr(program.desc().version().version()));

  llvm::SmallVector<Type> argTypes;
  for (const Program::Port &feed : *feeds) {
    FailureOr<RankedTensorType> t = getVarType(0, feed.var, fileLoc());
    if (failed(t))
      return nullptr;
    argTypes.push_back(*t);
  }
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, fileLoc(), "main",
                                   builder.getFunctionType(argTypes, {}));
  entry = func.addEntryBlock();
  for (auto [i, feed] : llvm::enumerate(*feeds)) {
    func.setArgAttr(i, "pd.name", builder.getStringAttr(feed.var));
    values[feed.var] = entry->getArgument(i);
  }
  builder.setInsertionPointToEnd(entry);

  llvm::SmallVector<Value> results(fetches->size());
  const proto::BlockDesc &block = program.desc().blocks(0);
  for (int i = 0; i < block.ops_size(); ++i) {
    const proto::OpDesc &op = block.ops(i);
    if (op.type() == "feed")
      continue;
    if (op.type() == "fetch") {
      const proto::OpDesc::Attr *col = findAttr(op, "col");
      const std::string &var = op.inputs(0).arguments(0);
      FailureOr<Value> v = getValue(var, i, op, "X");
      if (failed(v))
        return nullptr;
      results[col->i()] = *v;
      continue;
    }
    if (failed(convertOp(i, op, *lookupLegacyOp(op.type()))))
      return nullptr;
  }

  llvm::SmallVector<Type> resultTypes;
  for (Value v : results)
    resultTypes.push_back(v.getType());
  func.setFunctionType(builder.getFunctionType(argTypes, resultTypes));
  for (auto [i, fetch] : llvm::enumerate(*fetches))
    func.setResultAttr(i, "pd.name", builder.getStringAttr(fetch.var));
  func::ReturnOp::create(builder, fileLoc(), results);

  if (failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

void mlir::oar::paddle::registerImportDialects(DialectRegistry &registry) {
  registry.insert<pd::PdDialect, arith::ArithDialect, func::FuncDialect>();
}

OwningOpRef<ModuleOp>
mlir::oar::paddle::importPaddleProgram(StringRef path, StringRef bytes,
                                       MLIRContext *context,
                                       const ImportOptions &options) {
  context->loadDialect<pd::PdDialect, arith::ArithDialect,
                       func::FuncDialect>();
  auto program = Program::parse(path, bytes);
  if (!program) {
    emitFileError(context, path, program.takeError());
    return nullptr;
  }
  std::vector<const proto::VarDesc *> paramVars =
      program->getSortedParameters();

  std::optional<Params> params;
  if (!options.noParams && !paramVars.empty()) {
    StringRef dir = llvm::sys::path::parent_path(path);
    if (dir.empty())
      dir = ".";
    std::string paramsPath =
        options.paramsPath.empty() ? findParamsFile(path) : options.paramsPath;
    auto load = [&]() -> llvm::Expected<Params> {
      if (!paramsPath.empty()) {
        if (!llvm::sys::fs::is_regular_file(paramsPath))
          return llvm::createStringError(
              llvm::inconvertibleErrorCode(),
              "the parameters file '" + paramsPath +
                  "' does not exist or is not a file");
        return Params::loadCombined(paramsPath, paramVars);
      }
      if (Params::hasSeparateFiles(dir, paramVars))
        return Params::loadSeparate(dir, paramVars);
      std::string expected =
          llvm::sys::path::extension(path) == ".pdmodel"
              ? (llvm::sys::path::parent_path(path) +
                 (llvm::sys::path::parent_path(path).empty() ? "" : "/") +
                 llvm::sys::path::stem(path) + ".pdiparams")
                    .str()
              : (dir + "/__params__").str();
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "the program has " + std::to_string(paramVars.size()) +
              " parameters but no parameters file was found (looked for '" +
              expected +
              "'); pass --paddle-params=FILE, or --paddle-no-params to "
              "import without weights");
    };
    llvm::Expected<Params> loaded = load();
    if (!loaded) {
      emitFileError(context, path, loaded.takeError());
      return nullptr;
    }
    params = std::move(*loaded);
  }
  Importer importer(context, *program, params ? &*params : nullptr);
  return importer.run();
}

OwningOpRef<ModuleOp>
mlir::oar::paddle::importPaddleProgramFile(StringRef path,
                                           MLIRContext *context,
                                           const ImportOptions &options) {
  Location loc = FileLineColLoc::get(context, path, 0, 0);
  if (llvm::sys::fs::is_directory(path)) {
    emitError(loc) << "is a directory; pass the program file (.pdmodel or "
                      "__model__)";
    return nullptr;
  }
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf) {
    emitError(loc) << "cannot read the program: " << buf.getError().message();
    return nullptr;
  }
  return importPaddleProgram(path, (*buf)->getBuffer(), context, options);
}

uint64_t mlir::oar::paddle::installDiagnosticPrinter(MLIRContext *context,
                                                     llvm::raw_ostream &os) {
  return context->getDiagEngine().registerHandler([&os](Diagnostic &diag) {
    auto print = [&os](Location loc, DiagnosticSeverity severity,
                       const llvm::Twine &message) {
      if (auto fl = loc->findInstanceOf<FileLineColLoc>()) {
        os << fl.getFilename().getValue();
        if (fl.getLine() != 0 || fl.getColumn() != 0)
          os << ": block " << fl.getLine() << ", op #" << fl.getColumn();
        os << ": ";
      }
      switch (severity) {
      case DiagnosticSeverity::Error:
        os << "error: ";
        break;
      case DiagnosticSeverity::Warning:
        os << "warning: ";
        break;
      case DiagnosticSeverity::Note:
        os << "note: ";
        break;
      case DiagnosticSeverity::Remark:
        os << "remark: ";
        break;
      }
      os << message << "\n";
    };
    print(diag.getLocation(), diag.getSeverity(), diag.str());
    for (Diagnostic &note : diag.getNotes())
      print(note.getLocation(), note.getSeverity(), note.str());
    os.flush();
    return success();
  });
}
