//===- Importer.cpp - Paddle ProgramDesc to the pd dialect ----------------===//
//
// Block 0 of a ProgramDesc becomes `func.func @main`: the feed ops' variables
// (by `col`) are its arguments and the fetch ops' variables its results.
// Every other op becomes one `pd` op through the generated table (OpTable.h);
// variables are looked up by name as the ops run, so Paddle's in-place writes
// simply rebind a name to a new SSA value. Parameters are materialized at the
// top of the function the first time an op reads them.
//
// Control flow (docs/control-flow.md): sub-blocks are imported recursively
// into the regions of `pd.if` and `pd.while`, each with its own name scope
// over the enclosing ones. A `conditional_block` pair (cond, logical_not)
// and the `select_input`s that merge their outputs become one `pd.if`; a
// `while` becomes a `pd.while` whose loop-carried values are the outer
// variables its body writes and that are read in the body or after it.
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
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
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
  /// Ops of programs translated from PIR keep their index and name in the
  /// source file.
  Location opLoc(int block, int index) {
    return FileLineColLoc::get(
        file, block, block == 0 ? program.sourceOpIndex(index) : index);
  }
  /// An error at op `index` of the block being imported.
  InFlightDiagnostic opError(int index, const proto::OpDesc &op) {
    StringRef source =
        curBlock == 0 ? program.sourceOpName(index) : StringRef();
    return emitError(opLoc(curBlock, index))
           << "op #" << (curBlock == 0 ? program.sourceOpIndex(index) : index)
           << " '" << (source.empty() ? StringRef(op.type()) : source)
           << "': ";
  }

  /// The names bound while importing one Paddle block, over the scopes of
  /// the enclosing blocks.
  struct Scope {
    int block;
    Block *body;
    llvm::StringMap<Value> values;
  };
  /// Binds `name` to `v` in the innermost scope.
  void bind(StringRef name, Value v);
  /// The value `name` has in the innermost scope that binds it, or null.
  Value lookupName(StringRef name) const;
  /// The value of a tensor-array variable; an empty array (created at the
  /// top of the block that declares the variable) when it has none yet.
  FailureOr<Value> getArray(StringRef name, int index,
                            const proto::OpDesc &op);
  FailureOr<pd::TensorArrayType> getArrayType(StringRef name, Location loc);
  bool isArrayVar(StringRef name) const;
  /// Whether `name` has a value before the op being imported: bound, or an
  /// array variable of an enclosing block (empty until written).
  bool hasPriorValue(StringRef name, int subBlock) const;
  /// Whether `name`, written in block `subBlock`, is a variable of the
  /// block being imported (or an enclosing one) rather than a local one.
  bool isOuterVar(StringRef name, int subBlock) const;

  LogicalResult importOps(int block);
  std::unique_ptr<Scope> importRegion(int block, Block *body,
                                      LogicalResult &status);
  LogicalResult importConditional(int index, const proto::OpDesc &op,
                                  bool deferred = false);
  LogicalResult importWhile(int index, const proto::OpDesc &op);
  LogicalResult importArrayOp(int index, const proto::OpDesc &op);
  FailureOr<Value> getCondition(int index, const proto::OpDesc &op);
  /// `v` as type `type` (a pd.assign when the types differ but are
  /// compatible); null and an error at `loc` otherwise.
  Value castTo(Value v, Type type, Location loc, StringRef what);
  void forgetBlock(Block *body);

  LogicalResult checkSupported();
  FailureOr<RankedTensorType> getVarType(int block, StringRef name,
                                         Location loc);
  FailureOr<Value> getValue(StringRef name, int index,
                            const proto::OpDesc &op, StringRef slot);
  FailureOr<Value> getParameter(const proto::VarDesc &var, Location loc);
  FailureOr<Attribute> convertAttr(const proto::OpDesc::Attr &attr,
                                   const AttrSpec &spec, int index,
                                   const proto::OpDesc &op);
  Attribute importThresholds(const proto::OpDesc &op,
                             ArrayRef<std::string> resultSlots);
  LogicalResult convertOp(int index, const proto::OpDesc &op,
                          const LegacyOpSpec &spec);

  MLIRContext *ctx;
  const Program &program;
  const Params *params;
  OpBuilder builder;
  StringAttr file;
  /// Current SSA value of each variable name, one scope per Paddle block
  /// being imported (front: block 0).
  llvm::SmallVector<std::unique_ptr<Scope>> scopes;
  /// The Paddle block being imported.
  int curBlock = 0;
  /// Names that have no value after a control-flow op, and why.
  llvm::StringMap<std::string> undefined;
  /// Values whose static shape Paddle's VarDescs may misstate: loop-carried
  /// values whose shape changes between iterations, and what is computed
  /// from them. Ops computing from them get `?` dims.
  llvm::DenseSet<Value> varying;
  /// select_input ops turned into results of a pd.if.
  llvm::DenseMap<const proto::OpDesc *, Value> selected;
  /// conditional_block ops imported as the else branch of a pd.if.
  llvm::DenseSet<const proto::OpDesc *> consumed;
  /// Lone conditional_blocks imported just before a select_input (their
  /// index), once what the select_input's other input needs is defined.
  llvm::DenseMap<const proto::OpDesc *, int> deferredTo;
  /// The value each fetch op of block 0 reads.
  llvm::DenseMap<const proto::OpDesc *, Value> fetched;
  /// Variables written by output slots Oar drops, with the writing op.
  llvm::StringMap<std::string> dropped;
  llvm::StringMap<Value> parameters;
  Block *entry = nullptr;
  Operation *lastParameter = nullptr;
};

/// The block index of `op`'s `sub_block` attribute, or -1.
int getSubBlock(const proto::OpDesc &op) {
  const proto::OpDesc::Attr *a = findAttr(op, "sub_block");
  return a && a->type() == proto::BLOCK ? a->block_idx() : -1;
}

/// Adds the variables `block`'s ops (and those of their sub-blocks) read to
/// `reads` and write to `writes`, in program order.
void collectAccess(const proto::ProgramDesc &d, int block,
                   llvm::SetVector<StringRef> &reads,
                   llvm::SetVector<StringRef> &writes, int from = 0) {
  const proto::BlockDesc &b = d.blocks(block);
  for (int i = from; i < b.ops_size(); ++i) {
    const proto::OpDesc &op = b.ops(i);
    for (const auto &v : op.inputs())
      for (const std::string &n : v.arguments())
        reads.insert(n);
    int sub = getSubBlock(op);
    if (sub > 0)
      collectAccess(d, sub, reads, writes);
    for (const auto &v : op.outputs())
      for (const std::string &n : v.arguments())
        writes.insert(n);
  }
}

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
  // The blocks imported: block 0 and the sub-blocks of the control-flow ops
  // Oar imports, each owned by one op of its parent block. (Program::parse
  // checked that parents come before their children, so there is no cycle.)
  llvm::SmallVector<int> owner(d.blocks_size(), -1);
  llvm::SmallVector<int> depth(d.blocks_size(), 0);
  llvm::SmallVector<int> work = {0};
  while (!work.empty()) {
    int b = work.pop_back_val();
    for (int i = 0; i < d.blocks(b).ops_size(); ++i) {
      const proto::OpDesc &op = d.blocks(b).ops(i);
      bool controlFlow = llvm::any_of(op.attrs(), [](const auto &a) {
        return a.type() == proto::BLOCK || a.type() == proto::BLOCKS;
      });
      bool known = isLegacyControlFlowOp(op.type()) ||
                   (b == 0 && (op.type() == "feed" || op.type() == "fetch")) ||
                   (!controlFlow && lookupLegacyOp(op.type()));
      bool needsBlock = op.type() == "while" ||
                        op.type() == "conditional_block" ||
                        op.type() == "conditional_block_infer";
      if (known && (controlFlow || needsBlock)) {
        int sub = getSubBlock(op);
        auto bad = [&]() {
          return emitError(opLoc(b, i)) << "op #" << i << " '" << op.type()
                                        << "': ";
        };
        if (sub < 0)
          return bad() << "has no 'sub_block' attribute of type BLOCK";
        if (sub == 0 || sub >= d.blocks_size())
          return bad() << "sub_block " << sub
                       << " is out of range (the program has "
                       << d.blocks_size() << " blocks)";
        if (d.blocks(sub).parent_idx() != b)
          return bad() << "sub_block " << sub << " has parent block "
                       << d.blocks(sub).parent_idx() << ", not " << b;
        if (owner[sub] >= 0)
          return bad() << "sub_block " << sub
                       << " is already the sub-block of another op";
        // The import recurses once per level.
        constexpr int kMaxDepth = 256;
        if (depth[b] + 1 > kMaxDepth)
          return bad() << "sub_block " << sub << " is nested more than "
                       << kMaxDepth << " levels deep";
        depth[sub] = depth[b] + 1;
        owner[sub] = b;
        work.push_back(sub);
      }
      if (known)
        continue;
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
         << (u.controlFlow ? "; a control-flow op Oar does not support" : "")
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
  // Any negative dim is unknown: Paddle's static InferShape multiplies
  // unknown dims as numbers (repeat_interleave by 3 on a dim of -1 writes
  // -3) and reads every negative dim as unknown.
  for (int64_t d : t.dims())
    dims.push_back(d < 0 ? ShapedType::kDynamic : d);
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
  if (Value v = lookupName(name))
    return v;
  const proto::VarDesc *var = program.lookupVar(0, name);
  if (var && isParameterVar(*var))
    return getParameter(*var, opLoc(curBlock, index));
  if (isArrayVar(name))
    return getArray(name, index, op);
  auto u = undefined.find(name);
  if (u != undefined.end())
    return opError(index, op) << "input '" << slot << "' reads variable '"
                              << name << "', " << u->second;
  auto d = dropped.find(name);
  if (d != dropped.end())
    return opError(index, op)
           << "input '" << slot << "' reads variable '" << name
           << "', written by " << d->second
           << ", an output Oar does not import";
  return opError(index, op) << "input '" << slot << "' reads variable '"
                            << name << "' before any definition";
}

/// The calibrated abs-max Paddle's quantization passes record on an op's
/// outputs: `<slot><index>_threshold` (e.g. `Out0_threshold`) per output,
/// and `out_threshold`, which names no output and is read only for an op
/// with one (docs/quantization.md). One entry per result, a f32 or unit
/// (none); null when the op carries none.
Attribute Importer::importThresholds(const proto::OpDesc &op,
                                     ArrayRef<std::string> resultSlots) {
  auto value = [](const proto::OpDesc::Attr &a) -> std::optional<double> {
    if (a.type() == proto::FLOAT && a.has_f())
      return a.f();
    if (a.type() == proto::FLOAT64 && a.has_float64())
      return a.float64();
    return std::nullopt;
  };
  Builder b(ctx);
  SmallVector<Attribute> entries(resultSlots.size(), b.getUnitAttr());
  bool any = false;
  for (auto [i, slot] : llvm::enumerate(resultSlots))
    if (const proto::OpDesc::Attr *a = findAttr(op, slot + "_threshold"))
      if (std::optional<double> v = value(*a); v && *v > 0) {
        entries[i] = b.getF32FloatAttr(static_cast<float>(*v));
        any = true;
      }
  if (resultSlots.size() == 1 && !any)
    if (const proto::OpDesc::Attr *a = findAttr(op, "out_threshold"))
      if (std::optional<double> v = value(*a); v && *v > 0) {
        entries[0] = b.getF32FloatAttr(static_cast<float>(*v));
        any = true;
      }
  return any ? b.getArrayAttr(entries) : Attribute();
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

  OperationState state(opLoc(curBlock, index), spec.pdName);
  bool isVarying = false;
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
      if (!isa<RankedTensorType>(v->getType()))
        return opError(index, op)
               << "input '" << slot.paddle << "' reads variable '"
               << it->second->arguments(i) << "', a tensor array";
      isVarying |= varying.contains(*v);
      state.addOperands(*v);
    }
    operandSegments.push_back(n);
  }

  llvm::SmallVector<std::string> resultNames;
  // "<slot><index>" of each result, for its `<slot><index>_threshold`.
  llvm::SmallVector<std::string> resultSlots;
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
      FailureOr<RankedTensorType> t =
          getVarType(curBlock, name, opLoc(curBlock, index));
      if (failed(t))
        return failure();
      RankedTensorType type = *t;
      // In a sub-block an assign copies its operand, whatever the VarDesc of
      // the variable it writes says (while_loop declares loop variables with
      // the shape after one iteration).
      if (scopes.size() > 1 && op.type() == "assign" &&
          state.operands.size() == 1)
        type = cast<RankedTensorType>(state.operands[0].getType());
      // What is computed from a value of varying shape has unknown dims.
      if (isVarying)
        type = RankedTensorType::get(
            SmallVector<int64_t>(type.getRank(), ShapedType::kDynamic),
            type.getElementType());
      state.addTypes(type);
      resultNames.push_back(name);
      resultSlots.push_back(std::string(slot.paddle) + std::to_string(i));
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
  if (Attribute t = importThresholds(op, resultSlots))
    state.addAttribute("pd.thresholds", t);
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
        NameLoc::get(StringAttr::get(ctx, n), opLoc(curBlock, index)));
  state.location = names.size() == 1 ? names.front()
                                     : FusedLoc::get(ctx, names);
  Operation *created = builder.create(state);
  for (auto [name, result] : llvm::zip(resultNames, created->getResults())) {
    bind(name, result);
    if (isVarying)
      varying.insert(result);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Scopes and control flow
//===----------------------------------------------------------------------===//

void Importer::bind(StringRef name, Value v) {
  scopes.back()->values[name] = v;
  dropped.erase(name);
  undefined.erase(name);
}

Value Importer::lookupName(StringRef name) const {
  for (const auto &scope : llvm::reverse(scopes)) {
    auto it = scope->values.find(name);
    if (it != scope->values.end())
      return it->second;
  }
  return {};
}

bool Importer::isArrayVar(StringRef name) const {
  const proto::VarDesc *var = program.lookupVar(curBlock, name);
  return var && var->type().type() == proto::VarType::LOD_TENSOR_ARRAY;
}

bool Importer::isOuterVar(StringRef name, int subBlock) const {
  const proto::VarDesc *outer = program.lookupVar(curBlock, name);
  return outer && program.lookupVar(subBlock, name) == outer;
}

bool Importer::hasPriorValue(StringRef name, int subBlock) const {
  return isOuterVar(name, subBlock) && (lookupName(name) || isArrayVar(name));
}

FailureOr<pd::TensorArrayType> Importer::getArrayType(StringRef name,
                                                      Location loc) {
  const proto::VarDesc *var = program.lookupVar(curBlock, name);
  if (!var || var->type().type() != proto::VarType::LOD_TENSOR_ARRAY)
    return emitError(loc) << "variable '" << name
                          << "' is not a tensor array (LOD_TENSOR_ARRAY)";
  if (!var->type().has_tensor_array())
    return emitError(loc) << "tensor array '" << name
                          << "' has no element description";
  const auto &t = var->type().tensor_array().tensor();
  Type elem = getElementType(ctx, t.data_type());
  if (!elem)
    return emitError(loc) << "tensor array '" << name << "' has dtype "
                          << getDTypeName(t.data_type())
                          << ", which Oar does not support";
  llvm::SmallVector<int64_t> dims;
  for (int64_t d : t.dims()) {
    if (d < -1)
      return emitError(loc) << "tensor array '" << name << "' has dim " << d;
    dims.push_back(d == -1 ? ShapedType::kDynamic : d);
  }
  return pd::TensorArrayType::get(ctx, RankedTensorType::get(dims, elem));
}

FailureOr<Value> Importer::getArray(StringRef name, int index,
                                    const proto::OpDesc &op) {
  if (Value v = lookupName(name)) {
    if (!isa<pd::TensorArrayType>(v.getType()))
      return opError(index, op) << "variable '" << name
                                << "' is used as a tensor array but holds "
                                << v.getType();
    return v;
  }
  FailureOr<pd::TensorArrayType> type =
      getArrayType(name, opLoc(curBlock, index));
  if (failed(type))
    return failure();
  // Paddle creates the array empty in the scope of the block that declares
  // it: create it at the top of that block's region.
  const proto::VarDesc *var = program.lookupVar(curBlock, name);
  Scope *home = scopes.front().get();
  for (const auto &scope : scopes)
    if (program.lookupVar(scope->block, name) == var) {
      home = scope.get();
      break;
    }
  OpBuilder::InsertionGuard guard(builder);
  if (home->body == entry && lastParameter)
    builder.setInsertionPointAfter(lastParameter);
  else
    builder.setInsertionPointToStart(home->body);
  Value v = pd::CreateArrayOp::create(
      builder, NameLoc::get(StringAttr::get(ctx, name), fileLoc()), *type);
  home->values[name] = v;
  return v;
}

/// Paddle 3 writes the data of a legacy `assign_value` as `values`, a list
/// of Scalar attributes, where earlier versions use the list its dtype names
/// (`fp32_values`, `int64_values`, ...). Returns `op` with that list in the
/// typed attribute the pd op takes (unchanged without `values`), or a
/// message saying why it cannot.
static FailureOr<proto::OpDesc> typedAssignValues(const proto::OpDesc &op,
                                                  std::string &error) {
  const proto::OpDesc::Attr *values = findAttr(op, "values");
  if (!values || values->type() != proto::SCALARS ||
      values->scalars_size() == 0)
    return op;
  const proto::OpDesc::Attr *dtype = findAttr(op, "dtype");
  if (!dtype || (dtype->type() != proto::INT && dtype->type() != proto::LONG)) {
    error = "has a 'values' attribute but no integer 'dtype'";
    return failure();
  }
  int64_t dt = dtype->type() == proto::LONG ? dtype->l() : dtype->i();
  StringRef name;
  proto::AttrType kind;
  switch (dt) {
  case proto::VarType::BOOL:
    name = "bool_values";
    kind = proto::BOOLEANS;
    break;
  case proto::VarType::INT32:
    name = "int32_values";
    kind = proto::INTS;
    break;
  case proto::VarType::INT64:
    name = "int64_values";
    kind = proto::LONGS;
    break;
  case proto::VarType::FP32:
    name = "fp32_values";
    kind = proto::FLOATS;
    break;
  case proto::VarType::FP64:
    name = "fp64_values";
    kind = proto::FLOAT64S;
    break;
  default:
    error = "has 'values' of dtype " + std::to_string(dt) + " (" +
            getDTypeName(dt).str() +
            "), which the pd op has no values list for";
    return failure();
  }
  // The typed list replaces an (empty) one of the same name.
  proto::OpDesc out = op;
  proto::OpDesc::Attr *typed = nullptr;
  for (proto::OpDesc::Attr &a : *out.mutable_attrs())
    if (a.name() == name)
      typed = &a;
  if (!typed)
    typed = out.add_attrs();
  typed->Clear();
  typed->set_name(name.str());
  typed->set_type(kind);
  for (int i = 0; i < values->scalars_size(); ++i) {
    const proto::Scalar &v = values->scalars(i);
    double x;
    int64_t n;
    switch (v.type()) {
    case proto::Scalar::BOOLEAN:
      n = v.b();
      x = n;
      break;
    case proto::Scalar::LONG:
      n = v.i();
      x = static_cast<double>(n);
      break;
    case proto::Scalar::FLOAT64:
      x = v.r();
      n = static_cast<int64_t>(x);
      break;
    default:
      error = "has 'values' element " + std::to_string(i) + " of Scalar type " +
              proto::Scalar::Type_Name(v.type()) + "; Oar reads bool, int " +
              "and float scalars";
      return failure();
    }
    switch (typed->type()) {
    case proto::BOOLEANS:
      typed->add_bools(x != 0);
      break;
    case proto::INTS:
      typed->add_ints(static_cast<int32_t>(n));
      break;
    case proto::LONGS:
      typed->add_longs(n);
      break;
    case proto::FLOATS:
      typed->add_floats(static_cast<float>(x));
      break;
    default:
      typed->add_float64s(x);
      break;
    }
  }
  return out;
}

/// `paddle.jit.to_static` gives a variable first assigned inside a loop or
/// branch a placeholder before it (`undefined_var_*`): an `assign_value` of
/// one float32 RETURN_NO_VALUE_MAGIC_NUM, whatever the variable's VarDesc
/// says. Paddle overwrites the placeholder before any use it runs, so Oar
/// imports it as zeros of the VarDesc's dtype and shape (`?` dims as 1):
/// `op` rewritten that way where it is such a placeholder and its attributes
/// disagree with `var`; unchanged otherwise.
static proto::OpDesc undefinedVarAsZeros(const proto::OpDesc &op,
                                         const proto::VarDesc *var) {
  // paddle.jit.dy2static.utils.RETURN_NO_VALUE_MAGIC_NUM.
  const float magic = 1.77113e27f;
  const proto::OpDesc::Attr *fp32 = findAttr(op, "fp32_values");
  const proto::OpDesc::Attr *dtype = findAttr(op, "dtype");
  const proto::OpDesc::Attr *shape = findAttr(op, "shape");
  if (!var || var->type().type() != proto::VarType::LOD_TENSOR ||
      !var->type().has_lod_tensor() || !fp32 || fp32->floats_size() != 1 ||
      fp32->floats(0) != magic || !dtype || !shape)
    return op;
  const auto &t = var->type().lod_tensor().tensor();
  int64_t dt = dtype->type() == proto::LONG ? dtype->l() : dtype->i();
  SmallVector<int64_t> attrDims(shape->ints().begin(), shape->ints().end());
  attrDims.append(shape->longs().begin(), shape->longs().end());
  SmallVector<int64_t> varDims(t.dims().begin(), t.dims().end());
  if (dt == t.data_type() && attrDims == varDims)
    return op;
  int64_t numel = 1;
  for (int64_t &d : varDims) {
    d = d < 0 ? 1 : d;
    numel *= d;
  }
  proto::OpDesc out = op;
  for (proto::OpDesc::Attr &a : *out.mutable_attrs()) {
    if (a.name() == "dtype") {
      a.set_type(proto::INT);
      a.set_i(t.data_type());
    } else if (a.name() == "shape") {
      a.clear_ints();
      a.clear_longs();
      for (int64_t d : varDims) {
        if (a.type() == proto::LONGS)
          a.add_longs(d);
        else
          a.add_ints(static_cast<int32_t>(d));
      }
    } else if (a.name() == "fp32_values") {
      a.clear_floats();
      for (int64_t k = 0; k < numel; ++k)
        a.add_floats(0.0f);
    }
  }
  return out;
}

/// The most specific type both `a` and `b` are compatible with: dims that
/// differ become `?`. Null when they differ in kind, rank or element type.
static Type joinTypes(Type a, Type b) {
  if (a == b)
    return a;
  auto ra = dyn_cast<RankedTensorType>(a), rb = dyn_cast<RankedTensorType>(b);
  if (ra && rb) {
    if (ra.getElementType() != rb.getElementType() ||
        ra.getRank() != rb.getRank())
      return {};
    SmallVector<int64_t> dims;
    for (auto [x, y] : llvm::zip(ra.getShape(), rb.getShape()))
      dims.push_back(x == y ? x : ShapedType::kDynamic);
    return RankedTensorType::get(dims, ra.getElementType());
  }
  auto aa = dyn_cast<pd::TensorArrayType>(a);
  auto ab = dyn_cast<pd::TensorArrayType>(b);
  if (aa && ab) {
    Type e = joinTypes(aa.getElementType(), ab.getElementType());
    return e ? pd::TensorArrayType::get(a.getContext(), cast<TensorType>(e))
             : Type();
  }
  return {};
}

Value Importer::castTo(Value v, Type type, Location loc, StringRef what) {
  if (v.getType() == type)
    return v;
  if (isa<RankedTensorType>(type) && joinTypes(v.getType(), type) == type)
    return pd::AssignOp::create(builder, loc, type, v);
  emitError(loc) << what << " has type " << v.getType()
                 << ", which does not fit " << type;
  return {};
}

void Importer::forgetBlock(Block *body) {
  body->walk([&](Operation *op) {
    for (Value r : op->getResults())
      varying.erase(r);
  });
  for (Value a : body->getArguments())
    varying.erase(a);
  body->dropAllDefinedValueUses();
  body->dropAllReferences();
  delete body;
}

std::unique_ptr<Importer::Scope>
Importer::importRegion(int block, Block *body, LogicalResult &status) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(body);
  int saved = curBlock;
  scopes.push_back(std::make_unique<Scope>(Scope{block, body, {}}));
  curBlock = block;
  status = importOps(block);
  curBlock = saved;
  return scopes.pop_back_val();
}

FailureOr<Value> Importer::getCondition(int index, const proto::OpDesc &op) {
  llvm::SmallVector<std::string> names;
  for (const auto &v : op.inputs())
    if (v.parameter() == "Cond" || v.parameter() == "Condition")
      names.assign(v.arguments().begin(), v.arguments().end());
  const proto::OpDesc::Attr *scalar = findAttr(op, "is_scalar_condition");
  bool isScalar = op.type() == "while" ||
                  (scalar && scalar->type() == proto::BOOLEAN && scalar->b());
  if (names.empty())
    return opError(index, op) << "has no condition variable";
  if (isScalar) {
    if (names.size() != 1)
      return opError(index, op) << "has " << names.size()
                                << " condition variables, expected 1";
    FailureOr<Value> v = getValue(names[0], index, op, "Cond");
    if (failed(v))
      return failure();
    auto t = dyn_cast<RankedTensorType>(v->getType());
    if (!t || !t.getElementType().isInteger(1) ||
        llvm::any_of(t.getShape(), [](int64_t d) {
          return d != 1 && !ShapedType::isDynamic(d);
        }))
      return opError(index, op)
             << "condition '" << names[0]
             << "' must be a bool tensor with one element, not "
             << v->getType();
    return *v;
  }
  // is_scalar_condition false: the block runs iff every Cond tensor has
  // elements. Oar imports that only when their shapes are known.
  bool run = true;
  for (const std::string &n : names) {
    FailureOr<Value> v = getValue(n, index, op, "Cond");
    if (failed(v))
      return failure();
    auto t = dyn_cast<RankedTensorType>(v->getType());
    if (!t || !t.hasStaticShape())
      return opError(index, op)
             << "is_scalar_condition is false, so the block runs iff every "
                "Cond tensor has elements, but the shape of '"
             << n << "' (" << v->getType()
             << ") is not known statically; Oar cannot express that test";
    run &= t.getNumElements() != 0;
  }
  auto type = RankedTensorType::get({}, builder.getI1Type());
  return Value(arith::ConstantOp::create(
      builder, opLoc(curBlock, index), type,
      DenseElementsAttr::get(type, run)));
}

/// Calls `fn(op, index, {x0, x1})` for each `select_input` of `blk` from op
/// `start` on whose Mask is a `cast` of `pred` (the form `cond` and
/// `to_static` merge branch outputs in), up to and including the first op
/// that writes `pred` again.
static void forEachSelectOn(
    const proto::BlockDesc &blk, int start, StringRef pred,
    llvm::function_ref<void(const proto::OpDesc &, int, ArrayRef<StringRef>)>
        fn) {
  llvm::SmallVector<std::string> masks;
  for (int s = start; s < blk.ops_size(); ++s) {
    const proto::OpDesc &o = blk.ops(s);
    bool writesPred = false;
    for (const auto &v : o.outputs())
      writesPred |= llvm::is_contained(v.arguments(), pred);
    if (o.type() == "cast")
      for (const auto &v : o.inputs())
        if (v.parameter() == "X" && v.arguments_size() == 1 &&
            v.arguments(0) == pred)
          for (const auto &w : o.outputs())
            if (w.parameter() == "Out" && w.arguments_size() == 1)
              masks.push_back(w.arguments(0));
    if (o.type() == "select_input") {
      StringRef mask;
      llvm::SmallVector<StringRef> xs;
      for (const auto &v : o.inputs()) {
        if (v.parameter() == "Mask" && v.arguments_size() == 1)
          mask = v.arguments(0);
        if (v.parameter() == "X")
          xs.assign(v.arguments().begin(), v.arguments().end());
      }
      if (xs.size() == 2 && llvm::is_contained(masks, mask))
        fn(o, s, xs);
    }
    if (writesPred)
      break;
  }
}

/// Imports a conditional_block, with its else partner and their
/// select_inputs when it is the first of a cond pair, as one pd.if.
LogicalResult Importer::importConditional(int index,
                                          const proto::OpDesc &op,
                                          bool deferred) {
  const proto::ProgramDesc &d = program.desc();
  const proto::BlockDesc &blk = d.blocks(curBlock);
  const int cbSub = getSubBlock(op);
  int thenSub = cbSub;
  FailureOr<Value> cond = getCondition(index, op);
  if (failed(cond))
    return failure();
  StringRef condName;
  for (const auto &v : op.inputs())
    if (v.parameter() == "Cond" && v.arguments_size() == 1)
      condName = v.arguments(0);
  const proto::OpDesc::Attr *scalar = findAttr(op, "is_scalar_condition");
  bool isScalar = scalar && scalar->type() == proto::BOOLEAN && scalar->b();

  llvm::SetVector<StringRef> thenReads, thenWrites, elseReads, elseWrites;
  collectAccess(d, thenSub, thenReads, thenWrites);

  // The else branch: a later conditional_block on logical_not(cond), with
  // nothing in between that touches what the branches read or write.
  int elseIndex = -1, elseSub = -1;
  if (isScalar && !condName.empty()) {
    llvm::SmallVector<std::string> notNames;
    for (int j = index + 1; j < blk.ops_size(); ++j) {
      const proto::OpDesc &o = blk.ops(j);
      if (o.type() == "logical_not" && o.inputs_size() >= 1) {
        for (const auto &v : o.inputs())
          if (v.parameter() == "X" && v.arguments_size() == 1 &&
              v.arguments(0) == condName)
            for (const auto &w : o.outputs())
              if (w.parameter() == "Out" && w.arguments_size() == 1)
                notNames.push_back(w.arguments(0));
        continue;
      }
      if (o.type() == "conditional_block" ||
          o.type() == "conditional_block_infer") {
        const proto::OpDesc::Attr *s2 = findAttr(o, "is_scalar_condition");
        for (const auto &v : o.inputs())
          if (v.parameter() == "Cond" && v.arguments_size() == 1 &&
              llvm::is_contained(notNames, v.arguments(0)) && s2 &&
              s2->type() == proto::BOOLEAN && s2->b())
            elseIndex = j;
        break;
      }
      // Anything else between the two ends the search.
      break;
    }
  }
  if (elseIndex >= 0) {
    elseSub = getSubBlock(blk.ops(elseIndex));
    collectAccess(d, elseSub, elseReads, elseWrites);
  }

  // The select_inputs merging the branches: X = [else var, then var], Mask
  // = cast(cond). Each becomes a result of the pd.if.
  struct Result {
    StringRef thenName, elseName; // branch-local names
    StringRef outer;              // or an outer variable written in place
    const proto::OpDesc *select = nullptr;
    int selectIndex = -1;
  };
  llvm::SmallVector<Result> results;
  // The values the pd.if yields on the side without a block, by result.
  llvm::DenseMap<size_t, StringRef> others;
  if (elseIndex < 0 && isScalar && !condName.empty()) {
    // A lone block whose outputs a select_input merges with a value of the
    // enclosing block (to_static's `break`): the block is the then branch
    // of `p` when its condition is p, the else branch when it is
    // logical_not(p); the select_input's other input is the other branch.
    StringRef pred = condName;
    bool isElse = false;
    for (int j = index - 1; j >= 0; --j) {
      const proto::OpDesc &o = blk.ops(j);
      bool writes = false;
      for (const auto &v : o.outputs())
        writes |= llvm::is_contained(v.arguments(), condName);
      if (!writes)
        continue;
      if (o.type() == "logical_not" && o.inputs_size() == 1 &&
          o.inputs(0).arguments_size() == 1) {
        StringRef q = o.inputs(0).arguments(0);
        bool rewritten = false;
        for (int k = j + 1; k < index; ++k)
          for (const auto &v : blk.ops(k).outputs())
            rewritten |= llvm::is_contained(v.arguments(), q);
        if (!rewritten) {
          pred = q;
          isElse = true;
        }
      }
      break;
    }
    int firstSelect = -1;
    int side = isElse ? 0 : 1;
    forEachSelectOn(
        blk, index + 1, pred,
        [&](const proto::OpDesc &o, int s, ArrayRef<StringRef> xs) {
          if (!thenWrites.contains(xs[side]) ||
              thenWrites.contains(xs[1 - side]))
            return;
          if (firstSelect < 0)
            firstSelect = s;
          others[results.size()] = xs[1 - side];
          results.push_back({isElse ? StringRef() : xs[side],
                             isElse ? xs[side] : StringRef(), {}, &o, s});
        });
    if (!results.empty()) {
      // Import the block just before the first select_input, when nothing
      // in between touches what the block reads or writes.
      if (!deferred && firstSelect > index + 1) {
        bool clean = true;
        for (int k = index + 1; k < firstSelect && clean; ++k) {
          const proto::OpDesc &o = blk.ops(k);
          if (getSubBlock(o) >= 0)
            clean = false;
          for (const auto &v : o.outputs())
            for (const std::string &n : v.arguments())
              clean &= !thenReads.contains(n) && !thenWrites.contains(n) &&
                       n != pred;
          for (const auto &v : o.inputs())
            for (const std::string &n : v.arguments())
              clean &= !thenWrites.contains(n);
        }
        if (clean) {
          deferredTo[&blk.ops(firstSelect)] = index;
          return success();
        }
      }
      FailureOr<Value> p = getValue(pred, index, op, "Cond");
      if (failed(p))
        return failure();
      cond = *p;
      if (isElse) {
        std::swap(thenSub, elseSub);
        std::swap(thenReads, elseReads);
        std::swap(thenWrites, elseWrites);
      }
    }
  }
  if (elseIndex >= 0) {
    forEachSelectOn(
        blk, elseIndex + 1, condName,
        [&](const proto::OpDesc &o, int s, ArrayRef<StringRef> xs) {
          if (elseWrites.contains(xs[0]) && thenWrites.contains(xs[1]))
            results.push_back({xs[1], xs[0], {}, &o, s});
        });
  }
  // Outer variables written in place by either branch, with a value before.
  auto addOuter = [&](StringRef n, int sub) {
    // Without a value before the if, a variable is a result only when both
    // branches write it.
    bool both = elseSub > 0 && thenWrites.contains(n) &&
                elseWrites.contains(n) && isOuterVar(n, thenSub) &&
                isOuterVar(n, elseSub);
    if (!isOuterVar(n, sub) || (!hasPriorValue(n, sub) && !both))
      return;
    for (const Result &r : results)
      if (r.outer == n)
        return;
    results.push_back({{}, {}, n, nullptr, -1});
  };
  if (thenSub > 0)
    for (StringRef n : thenWrites)
      addOuter(n, thenSub);
  if (elseSub > 0)
    for (StringRef n : elseWrites)
      addOuter(n, elseSub);

  // The prior values of the outer variables (an array gets its empty value
  // now, before the branches).
  llvm::SmallVector<Value> prior(results.size());
  for (auto [k, r] : llvm::enumerate(results)) {
    auto other = others.find(k);
    if (other != others.end()) {
      FailureOr<Value> v = getValue(other->second, index, op, "X");
      if (failed(v))
        return failure();
      prior[k] = *v;
      continue;
    }
    if (r.outer.empty() || !hasPriorValue(r.outer, cbSub))
      continue;
    FailureOr<Value> v = getValue(r.outer, index, op, "Out");
    if (failed(v))
      return failure();
    prior[k] = *v;
  }

  Location loc = opLoc(curBlock, index);
  auto importBranch = [&](int sub, Block *body,
                          std::unique_ptr<Scope> &scope) -> LogicalResult {
    if (sub < 0)
      return success();
    LogicalResult status = success();
    scope = importRegion(sub, body, status);
    return status;
  };
  Block *thenBody = new Block(), *elseBody = new Block();
  std::unique_ptr<Scope> thenScope, elseScope;
  auto fail = [&]() {
    forgetBlock(thenBody);
    forgetBlock(elseBody);
    return failure();
  };
  if (failed(importBranch(thenSub, thenBody, thenScope)) ||
      failed(importBranch(elseSub, elseBody, elseScope)))
    return fail();

  auto branchValue = [&](const std::unique_ptr<Scope> &scope, StringRef local,
                         StringRef outer, Value priorValue) -> Value {
    StringRef n = outer.empty() ? local : outer;
    if (scope) {
      auto it = scope->values.find(n);
      if (it != scope->values.end())
        return it->second;
    }
    return priorValue;
  };
  SmallVector<Value> thenVals, elseVals;
  SmallVector<Type> types;
  for (auto [k, r] : llvm::enumerate(results)) {
    Value t = branchValue(thenScope, r.thenName, r.outer, prior[k]);
    Value e = branchValue(elseScope, r.elseName, r.outer, prior[k]);
    StringRef what = r.outer.empty() ? r.thenName : r.outer;
    if (!t || !e) {
      emitError(loc) << "op #" << index << " '" << op.type()
                     << "': a branch does not define '"
                     << (t ? r.elseName : r.thenName) << "'";
      return fail();
    }
    Type type = joinTypes(t.getType(), e.getType());
    if (!type) {
      emitError(loc) << "op #" << index << " '" << op.type()
                     << "': the branches give '" << what << "' the types "
                     << t.getType() << " and " << e.getType()
                     << ", which no one type covers";
      return fail();
    }
    thenVals.push_back(t);
    elseVals.push_back(e);
    types.push_back(type);
  }
  auto finish = [&](Block *body, SmallVector<Value> &vals) -> LogicalResult {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    for (auto [k, v] : llvm::enumerate(vals)) {
      v = castTo(v, types[k], loc, "a branch result");
      if (!v)
        return failure();
    }
    pd::YieldOp::create(builder, loc, vals);
    return success();
  };
  if (failed(finish(thenBody, thenVals)) ||
      failed(finish(elseBody, elseVals)))
    return fail();

  auto ifOp = pd::IfOp::create(builder, loc, types, *cond);
  ifOp.getThenRegion().push_back(thenBody);
  ifOp.getElseRegion().push_back(elseBody);
  for (auto [k, r] : llvm::enumerate(results)) {
    Value v = ifOp.getResult(k);
    if (varying.contains(thenVals[k]) || varying.contains(elseVals[k]))
      varying.insert(v);
    if (r.select)
      selected[r.select] = v;
    else
      bind(r.outer, v);
  }
  if (elseIndex >= 0)
    consumed.insert(&blk.ops(elseIndex));

  // Variables of the enclosing blocks that only a branch defines have no
  // value after the if.
  auto markUndefined = [&](const llvm::SetVector<StringRef> &writes, int sub) {
    for (StringRef n : writes)
      if (isOuterVar(n, sub) && !lookupName(n) && !isArrayVar(n))
        undefined[n] = ("defined only inside the conditional_block at block " +
                        llvm::Twine(curBlock) + " op #" + llvm::Twine(index) +
                        ", which may not run")
                           .str();
  };
  if (thenSub > 0)
    markUndefined(thenWrites, thenSub);
  if (elseSub > 0)
    markUndefined(elseWrites, elseSub);
  return success();
}

LogicalResult Importer::importWhile(int index, const proto::OpDesc &op) {
  const proto::ProgramDesc &d = program.desc();
  int sub = getSubBlock(op);
  FailureOr<Value> cond = getCondition(index, op);
  if (failed(cond))
    return failure();
  StringRef condName;
  for (const auto &v : op.inputs())
    if (v.parameter() == "Condition")
      condName = v.arguments(0);

  // Loop-carried: outer variables the body writes that are read in the body
  // or after the loop.
  llvm::SetVector<StringRef> reads, writes, after, ignored;
  collectAccess(d, sub, reads, writes);
  collectAccess(d, curBlock, after, ignored, index + 1);
  for (const auto &scope : llvm::ArrayRef(scopes).drop_back())
    collectAccess(d, scope->block, after, ignored);
  llvm::SmallVector<StringRef> carried, uncarried;
  llvm::SmallVector<Value> inits;
  for (StringRef n : writes) {
    if (n == condName || !isOuterVar(n, sub))
      continue;
    if (!reads.contains(n) && !after.contains(n))
      continue;
    if (!hasPriorValue(n, sub)) {
      if (after.contains(n))
        uncarried.push_back(n);
      continue;
    }
    FailureOr<Value> v = getValue(n, index, op, "X");
    if (failed(v))
      return failure();
    carried.push_back(n);
    inits.push_back(*v);
  }

  Location loc = opLoc(curBlock, index);
  SmallVector<Type> types;
  for (Value v : inits)
    types.push_back(v.getType());
  // Import the body with the types of the inits; where a carried value
  // comes back with another type, generalize (dims that differ become `?`)
  // and import again. Each round makes a type strictly more dynamic.
  OpBuilder::InsertPoint outer = builder.saveInsertionPoint();
  for (int round = 0;; ++round) {
    builder.restoreInsertionPoint(outer);
    Block *body = new Block();
    SmallVector<Value> args;
    for (auto [k, t] : llvm::enumerate(types)) {
      Value a = body->addArgument(t, loc);
      if (t != inits[k].getType() || varying.contains(inits[k]))
        varying.insert(a);
      args.push_back(a);
    }
    // Bind the block arguments in the body's scope.
    builder.setInsertionPointToEnd(body);
    int saved = curBlock;
    scopes.push_back(std::make_unique<Scope>(Scope{sub, body, {}}));
    for (auto [n, a] : llvm::zip(carried, args))
      scopes.back()->values[n] = a;
    curBlock = sub;
    LogicalResult status = importOps(sub);
    Value next = status.succeeded() ? lookupName(condName) : Value();
    SmallVector<Value> yields;
    if (status.succeeded())
      for (StringRef n : carried)
        yields.push_back(lookupName(n));
    curBlock = saved;
    scopes.pop_back();
    if (failed(status)) {
      forgetBlock(body);
      builder.restoreInsertionPoint(outer);
      return failure();
    }
    if (!next) {
      forgetBlock(body);
      builder.restoreInsertionPoint(outer);
      return opError(index, op) << "condition '" << condName
                                << "' has no value in the loop body";
    }
    bool changed = false;
    SmallVector<Type> joined;
    for (auto [k, v] : llvm::enumerate(yields)) {
      Type vt = v.getType();
      Type t = joinTypes(types[k], vt);
      if (!t) {
        forgetBlock(body); // v is gone from here on
        builder.restoreInsertionPoint(outer);
        return opError(index, op)
               << "loop variable '" << carried[k] << "' enters the loop as "
               << types[k] << " and leaves an iteration as " << vt
               << "; Oar cannot carry a value whose rank or element type "
                  "changes";
      }
      changed |= t != types[k];
      joined.push_back(t);
    }
    if (changed && round < 8) {
      forgetBlock(body);
      types = joined;
      continue;
    }
    SmallVector<Value> yielded = {next};
    for (auto [k, v] : llvm::enumerate(yields)) {
      Value c = castTo(v, types[k], loc, "a loop-carried value");
      if (!c) {
        forgetBlock(body);
        builder.restoreInsertionPoint(outer);
        return failure();
      }
      yielded.push_back(c);
    }
    pd::YieldOp::create(builder, loc, yielded);
    builder.restoreInsertionPoint(outer);
    auto whileOp = pd::WhileOp::create(builder, loc, types, *cond, inits);
    whileOp.getBody().push_back(body);
    for (auto [k, n] : llvm::enumerate(carried)) {
      Value r = whileOp.getResult(k);
      if (varying.contains(args[k]))
        varying.insert(r);
      bind(n, r);
    }
    break;
  }
  builder.restoreInsertionPoint(outer);
  for (StringRef n : uncarried)
    undefined[n] = ("written by the while loop at block " +
                    llvm::Twine(curBlock) + " op #" + llvm::Twine(index) +
                    " but without a value before it; Oar cannot carry it "
                    "out of the loop")
                       .str();
  // After the loop the condition is false.
  if (after.contains(condName)) {
    auto type = cast<RankedTensorType>(cond->getType());
    bind(condName, arith::ConstantOp::create(
                       builder, loc, type, DenseElementsAttr::get(type, false)));
  }
  return success();
}

LogicalResult Importer::importArrayOp(int index, const proto::OpDesc &op) {
  auto slot = [&](bool input, StringRef name) -> StringRef {
    for (const auto &v : input ? op.inputs() : op.outputs())
      if (v.parameter() == name && v.arguments_size() == 1)
        return v.arguments(0);
    return {};
  };
  auto need = [&](bool input, StringRef name) -> FailureOr<StringRef> {
    StringRef n = slot(input, name);
    if (n.empty())
      return opError(index, op) << (input ? "input '" : "output '") << name
                                << "' must have exactly one variable";
    return n;
  };
  auto tensor = [&](StringRef slotName) -> FailureOr<Value> {
    FailureOr<StringRef> n = need(true, slotName);
    if (failed(n))
      return failure();
    FailureOr<Value> v = getValue(*n, index, op, slotName);
    if (failed(v))
      return failure();
    if (!isa<RankedTensorType>(v->getType()))
      return opError(index, op) << "input '" << slotName << "' ('" << *n
                                << "') must be a tensor, not "
                                << v->getType();
    return v;
  };
  auto array = [&](StringRef slotName) -> FailureOr<Value> {
    FailureOr<StringRef> n = need(true, slotName);
    if (failed(n))
      return failure();
    if (!isArrayVar(*n) && !lookupName(*n))
      return opError(index, op) << "input '" << slotName << "' ('" << *n
                                << "') is not a tensor array";
    return getArray(*n, index, op);
  };
  auto index1 = [&](Value i) -> LogicalResult {
    auto t = cast<RankedTensorType>(i.getType());
    if (!t.getElementType().isInteger(32) && !t.getElementType().isInteger(64))
      return opError(index, op) << "index must be int32 or int64, not "
                                << t.getElementType();
    if (llvm::any_of(t.getShape(), [](int64_t d) {
          return d != 1 && !ShapedType::isDynamic(d);
        }))
      return opError(index, op) << "index must have one element, not " << t;
    return success();
  };
  auto fits = [&](Value arrayValue, Type t) -> LogicalResult {
    TensorType e =
        cast<pd::TensorArrayType>(arrayValue.getType()).getElementType();
    auto r = dyn_cast<RankedTensorType>(t);
    if (e.getElementType() != cast<TensorType>(t).getElementType() ||
        (e.hasRank() && r && failed(verifyCompatibleShape(e, r))))
      return opError(index, op) << "tensor " << t
                                << " does not fit the array's element type "
                                << e;
    return success();
  };
  Location loc = opLoc(curBlock, index);
  StringRef type = op.type();
  auto named = [&](StringRef n) {
    return NameLoc::get(StringAttr::get(ctx, n), loc);
  };

  if (type == "write_to_array") {
    FailureOr<Value> x = tensor("X"), i = tensor("I");
    FailureOr<StringRef> out = need(false, "Out");
    if (failed(x) || failed(i) || failed(out) || failed(index1(*i)))
      return failure();
    FailureOr<Value> arr = getArray(*out, index, op);
    if (failed(arr) || failed(fits(*arr, x->getType())))
      return failure();
    bind(*out, pd::ArrayWriteOp::create(builder, named(*out), arr->getType(),
                                        *arr, *x, *i));
    return success();
  }
  if (type == "read_from_array") {
    FailureOr<Value> arr = array("X"), i = tensor("I");
    FailureOr<StringRef> out = need(false, "Out");
    if (failed(arr) || failed(i) || failed(out) || failed(index1(*i)))
      return failure();
    FailureOr<RankedTensorType> t = getVarType(curBlock, *out, loc);
    if (failed(t) || failed(fits(*arr, *t)))
      return failure();
    bind(*out, pd::ArrayReadOp::create(builder, named(*out), *t, *arr, *i));
    return success();
  }
  if (type == "lod_array_length" || type == "array_length") {
    FailureOr<Value> arr = array("X");
    FailureOr<StringRef> out = need(false, "Out");
    if (failed(arr) || failed(out))
      return failure();
    auto t = RankedTensorType::get({1}, builder.getI64Type());
    bind(*out, pd::ArrayLengthOp::create(builder, named(*out), t, *arr));
    return success();
  }
  if (type == "tensor_array_to_tensor") {
    FailureOr<Value> arr = array("X");
    FailureOr<StringRef> out = need(false, "Out");
    if (failed(arr) || failed(out))
      return failure();
    const proto::OpDesc::Attr *axisAttr = findAttr(op, "axis");
    const proto::OpDesc::Attr *stackAttr = findAttr(op, "use_stack");
    int64_t axis = axisAttr ? axisAttr->i() : 1;
    bool stack = stackAttr && stackAttr->b();
    TensorType e = cast<pd::TensorArrayType>(arr->getType()).getElementType();
    FailureOr<RankedTensorType> t = getVarType(curBlock, *out, loc);
    if (failed(t))
      return failure();
    if (e.hasRank() && t->getRank() != e.getRank() + (stack ? 1 : 0))
      return opError(index, op) << "output '" << *out << "' has rank "
                                << t->getRank() << ", the array's elements "
                                << e.getRank();
    auto indexType =
        RankedTensorType::get({ShapedType::kDynamic}, builder.getI32Type());
    auto o = pd::ArrayToTensorOp::create(
        builder, named(*out), *t, indexType, *arr,
        builder.getI32IntegerAttr(axis), builder.getBoolAttr(stack));
    bind(*out, o.getOut());
    StringRef outIndex = slot(false, "OutIndex");
    if (!outIndex.empty())
      bind(outIndex, o.getOutIndex());
    return success();
  }
  if (type == "increment") {
    FailureOr<Value> x = tensor("X");
    FailureOr<StringRef> out = need(false, "Out");
    if (failed(x) || failed(out))
      return failure();
    const proto::OpDesc::Attr *step = findAttr(op, "step");
    float s = step ? (step->type() == proto::FLOAT64 ? step->float64()
                                                      : step->f())
                   : 1.0f;
    Value r = pd::IncrementOp::create(builder, named(*out), x->getType(), *x,
                                      builder.getF32FloatAttr(s));
    if (varying.contains(*x))
      varying.insert(r);
    bind(*out, r);
    return success();
  }
  llvm_unreachable("not an array op");
}

LogicalResult Importer::importOps(int block) {
  const proto::BlockDesc &blk = program.desc().blocks(block);
  for (int i = 0; i < blk.ops_size(); ++i) {
    const proto::OpDesc &op = blk.ops(i);
    StringRef type = op.type();
    if (type == "feed")
      continue;
    if (type == "fetch") {
      FailureOr<Value> v = getValue(op.inputs(0).arguments(0), i, op, "X");
      if (failed(v))
        return failure();
      fetched[&op] = *v;
      continue;
    }
    if (consumed.contains(&op))
      continue;
    auto deferredIt = deferredTo.find(&op);
    if (deferredIt != deferredTo.end() &&
        failed(importConditional(deferredIt->second,
                                 blk.ops(deferredIt->second),
                                 /*deferred=*/true)))
      return failure();
    LogicalResult status = success();
    if (type == "conditional_block" || type == "conditional_block_infer") {
      status = importConditional(i, op);
    } else if (type == "while") {
      status = importWhile(i, op);
    } else if (type == "select_input") {
      auto it = selected.find(&op);
      if (it == selected.end())
        return opError(i, op)
               << "its inputs are not the outputs of a conditional_block pair "
                  "on a condition and its logical_not, with a mask cast from "
                  "that condition; Oar imports select_input only in that "
                  "pattern (paddle.static.nn.cond)";
      for (const auto &v : op.outputs())
        if (v.parameter() == "Out" && v.arguments_size() == 1)
          bind(v.arguments(0), it->second);
    } else if (type == "assign" && op.inputs_size() >= 1 &&
               op.inputs(0).arguments_size() == 1 &&
               isa_and_nonnull<pd::TensorArrayType>(
                   lookupName(op.inputs(0).arguments(0))
                       ? lookupName(op.inputs(0).arguments(0)).getType()
                       : Type())) {
      // An assign of a tensor array is the same (immutable) array.
      for (const auto &v : op.outputs())
        if (v.parameter() == "Out" && v.arguments_size() == 1)
          bind(v.arguments(0), lookupName(op.inputs(0).arguments(0)));
    } else if (isLegacyControlFlowOp(type)) {
      status = importArrayOp(i, op);
    } else if (type == "assign_value") {
      std::string error;
      FailureOr<proto::OpDesc> typed = typedAssignValues(op, error);
      if (failed(typed))
        return opError(i, op) << error;
      const proto::VarDesc *var = nullptr;
      for (const auto &v : op.outputs())
        if (v.parameter() == "Out" && v.arguments_size() == 1)
          var = program.lookupVar(curBlock, v.arguments(0));
      status = convertOp(i, undefinedVarAsZeros(*typed, var),
                         *lookupLegacyOp(type));
    } else {
      status = convertOp(i, op, *lookupLegacyOp(type));
    }
    if (failed(status))
      return failure();
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
  if (program.format() == Program::Format::Pir)
    module->getOperation()->setAttr(
        "pd.pir_version", builder.getI64IntegerAttr(program.pirVersion()));

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
  scopes.push_back(std::make_unique<Scope>(Scope{0, entry, {}}));
  for (auto [i, feed] : llvm::enumerate(*feeds)) {
    func.setArgAttr(i, "pd.name", builder.getStringAttr(feed.var));
    bind(feed.var, entry->getArgument(i));
  }
  builder.setInsertionPointToEnd(entry);

  llvm::SmallVector<Value> results(fetches->size());
  if (failed(importOps(0)))
    return nullptr;
  const proto::BlockDesc &block = program.desc().blocks(0);
  for (int i = 0; i < block.ops_size(); ++i) {
    const proto::OpDesc &op = block.ops(i);
    if (op.type() != "fetch")
      continue;
    const proto::OpDesc::Attr *col = findAttr(op, "col");
    Value v = fetched.lookup(&op);
    if (!isa<RankedTensorType>(v.getType())) {
      opError(i, op) << "fetches a tensor array; Oar's programs return "
                        "tensors";
      return nullptr;
    }
    results[col->i()] = v;
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
      // One file per parameter, but not for all of them: name one missing.
      const proto::VarDesc *missing = nullptr;
      size_t present = 0;
      for (const proto::VarDesc *var : paramVars) {
        llvm::SmallString<256> p(dir);
        llvm::sys::path::append(p, var->name());
        if (llvm::sys::fs::is_regular_file(p))
          ++present;
        else if (!missing)
          missing = var;
      }
      if (present > 0 && missing)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "the program has " + std::to_string(paramVars.size()) +
                " parameters; '" + dir.str() + "' holds one file per " +
                "parameter for " + std::to_string(present) +
                " of them, but none for '" + missing->name() + "'");
      std::string expected =
          (llvm::sys::path::extension(path) == ".pdmodel" ||
           llvm::sys::path::extension(path) == ".json")
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
