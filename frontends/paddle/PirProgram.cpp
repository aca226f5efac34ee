//===- PirProgram.cpp - Reading Paddle 3.x PIR programs (.json) -----------===//
//
// The reader (readModule) decodes the JSON with llvm::json and checks its
// shape; the translator (parsePirProgram) builds the ProgramDesc. The
// format: docs/pir-import.md.
//
//===----------------------------------------------------------------------===//

#include "frontends/paddle/PirProgram.h"

#include "frontends/paddle/OpTable.h"
#include "frontends/paddle/PirOpTable.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace mlir::oar::paddle;
using llvm::StringRef;
using llvm::json::Array;
using llvm::json::Object;
namespace json = llvm::json;

const Object *pir::Op::findAttr(StringRef name) const {
  for (const auto &[n, a] : attrs)
    if (n == name)
      return a;
  return nullptr;
}

namespace {

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// "1.conv2d" -> "pd_op.conv2d" (Paddle's DialectIdMap); other names are
/// kept.
std::string expandName(StringRef name) {
  auto [dialect, rest] = name.split('.');
  if (rest.empty())
    return name.str();
  StringRef full = llvm::StringSwitch<StringRef>(dialect)
                       .Case("0", "builtin")
                       .Case("1", "pd_op")
                       .Case("2", "cf")
                       .Case("3", "custom_op")
                       .Case("4", "pd_dist")
                       .Default(dialect);
  return (full + "." + rest).str();
}

/// The part after the dialect: "builtin.t_f32" -> "t_f32".
StringRef shortName(StringRef id) { return id.split('.').second; }

/// Paddle VarType numbers of the builtin element types.
int elementDType(StringRef shortId) {
  return llvm::StringSwitch<int>(shortId)
      .Case("t_bool", 0)
      .Case("t_i16", 1)
      .Case("t_i32", 2)
      .Case("t_i64", 3)
      .Case("t_f16", 4)
      .Case("t_f32", 5)
      .Case("t_f64", 6)
      .Case("t_ui8", 20)
      .Case("t_i8", 21)
      .Case("t_bf16", 22)
      .Case("t_c64", 23)
      .Case("t_c128", 24)
      .Default(-1);
}

/// Paddle VarType numbers of phi dtype names (`1.a_dtype`); -1 for
/// "undefined", -2 for a name Oar does not know.
int phiDType(StringRef name) {
  return llvm::StringSwitch<int>(name)
      .Case("bool", 0)
      .Case("int16", 1)
      .Case("int32", 2)
      .Case("int64", 3)
      .Case("float16", 4)
      .Case("float32", 5)
      .Case("float64", 6)
      .Case("uint8", 20)
      .Case("int8", 21)
      .Case("bfloat16", 22)
      .Case("complex64", 23)
      .Case("complex128", 24)
      .Cases({"undefined", "Undefined(ALL_DTYPE)", ""}, -1)
      .Default(-2);
}

//===----------------------------------------------------------------------===//
// Reader
//===----------------------------------------------------------------------===//

class Reader {
public:
  explicit Reader(StringRef path) : path(path) {}

  llvm::Error fail(const llvm::Twine &msg) {
    return makeError(path + ": " + msg);
  }

  llvm::Expected<pir::Type> readType(const json::Value &v,
                                     const llvm::Twine &where) {
    const Object *o = v.getAsObject();
    std::optional<StringRef> id = o ? o->getString("#") : std::nullopt;
    if (!id)
      return fail(where + ": a type is not an object with a string \"#\"");
    pir::Type t;
    t.id = expandName(*id);
    StringRef s = shortName(t.id);
    if (s == "t_dtensor" || s == "t_dense_tensor_array" ||
        s == "t_selected_rows") {
      const Array *d = o->getArray("D");
      if (!d || d->size() < 2)
        return fail(where + ": type " + t.id +
                    " needs \"D\": [element type, dims, ...]");
      const Object *elem = (*d)[0].getAsObject();
      std::optional<StringRef> eid = elem ? elem->getString("#") : std::nullopt;
      if (!eid)
        return fail(where + ": type " + t.id + " has no element type");
      t.dtypeId = expandName(*eid);
      t.dtype = elementDType(shortName(t.dtypeId));
      const Array *dims = (*d)[1].getAsArray();
      if (!dims)
        return fail(where + ": type " + t.id + " has no dims list");
      for (const json::Value &dim : *dims) {
        std::optional<int64_t> n = dim.getAsInteger();
        if (!n || *n < -1)
          return fail(where + ": type " + t.id +
                      " has a dim that is not an integer >= -1");
        t.dims.push_back(*n);
      }
      t.kind = s == "t_dtensor" ? pir::Type::Kind::DenseTensor
               : s == "t_dense_tensor_array" ? pir::Type::Kind::TensorArray
                                             : pir::Type::Kind::Other;
      return t;
    }
    if (s == "t_vec") {
      const Array *d = o->getArray("D");
      if (!d)
        return fail(where + ": type " + t.id + " needs \"D\": [types]");
      t.kind = pir::Type::Kind::Vector;
      for (const json::Value &e : *d) {
        auto et = readType(e, where);
        if (!et)
          return et.takeError();
        t.elements.push_back(std::move(*et));
      }
      return t;
    }
    return t; // Other types: rejected where a tensor is needed.
  }

  llvm::Error readValue(const json::Value &v, pir::Value &out,
                        const llvm::Twine &where) {
    const Object *o = v.getAsObject();
    std::optional<int64_t> id = o ? o->getInteger("%") : std::nullopt;
    if (!id)
      id = o ? o->getInteger("#") : std::nullopt; // block arguments
    if (!id)
      return fail(where + ": a value is not an object with an integer "
                          "\"%\" id");
    const json::Value *tt = o->get("TT");
    if (!tt)
      return fail(where + ": value %" + llvm::Twine(*id) +
                  " has no type (\"TT\")");
    auto t = readType(*tt, where + ": value %" + llvm::Twine(*id));
    if (!t)
      return t.takeError();
    out.id = *id;
    out.type = std::move(*t);
    if (!seen.insert(out.id).second)
      return fail(where + ": value %" + llvm::Twine(out.id) +
                  " is defined twice");
    return llvm::Error::success();
  }

  llvm::Error readOp(const json::Value &v, pir::Op &op, int depth) {
    llvm::SmallString<64> where;
    const Object *o = v.getAsObject();
    std::optional<StringRef> name = o ? o->getString("#") : std::nullopt;
    if (!name)
      return fail("op #" + llvm::Twine(op.index) +
                  ": not an object with a string \"#\" (the op name)");
    bool compressedParam = *name == "p";
    op.name = compressedParam ? "builtin.parameter" : expandName(*name);
    std::string at = ("op #" + llvm::Twine(op.index) + " '" + op.name + "'")
                         .str();
    // Operands.
    if (const json::Value *in = o->get("I")) {
      const Array *a = in->getAsArray();
      if (!a)
        return fail(at + ": \"I\" (operands) is not a list");
      for (const json::Value &e : *a) {
        const Object *eo = e.getAsObject();
        std::optional<int64_t> id = eo ? eo->getInteger("%") : std::nullopt;
        if (!id)
          return fail(at + ": an operand is not an object with an integer "
                           "\"%\" id");
        op.operands.push_back(*id);
      }
    }
    // Results: a list, or one object for the compressed parameter.
    if (const json::Value *out = o->get("O")) {
      if (const Array *a = out->getAsArray()) {
        for (const json::Value &e : *a) {
          if (auto err = readValue(e, op.results.emplace_back(), at))
            return err;
        }
      } else if (out->getAsObject()) {
        if (auto err = readValue(*out, op.results.emplace_back(), at))
          return err;
      } else {
        return fail(at + ": \"O\" (results) is neither a list nor a value");
      }
    }
    // Attributes.
    if (const json::Value *attrs = o->get("A")) {
      const Array *a = attrs->getAsArray();
      if (!a)
        return fail(at + ": \"A\" (attributes) is not a list");
      if (compressedParam) {
        // [is_distributed, is_parameter, need_clip, parameter_name]
        std::optional<StringRef> pname =
            a->size() == 4 ? (*a)[3].getAsString() : std::nullopt;
        if (!pname || pname->empty())
          return fail(at + ": a compressed parameter needs \"A\": "
                           "[is_distributed, is_parameter, need_clip, "
                           "\"name\"]");
        op.parameterName = pname->str();
      } else {
        for (const json::Value &e : *a) {
          const Object *eo = e.getAsObject();
          std::optional<StringRef> n = eo ? eo->getString("N") : std::nullopt;
          const Object *atObj = eo ? eo->getObject("AT") : nullptr;
          if (!n || !atObj || !atObj->getString("#"))
            return fail(at + ": an attribute is not {\"N\": name, \"AT\": "
                             "{\"#\": id, ...}}");
          op.attrs.emplace_back(n->str(), atObj);
        }
      }
    }
    if (op.name == "builtin.parameter" && !compressedParam) {
      const Object *p = op.findAttr("parameter_name");
      std::optional<StringRef> pname =
          p ? p->getString("D") : std::nullopt;
      if (!pname || pname->empty())
        return fail(at + ": the parameter has no string parameter_name");
      op.parameterName = pname->str();
    }
    if (op.name == "builtin.parameter" && op.results.size() != 1)
      return fail(at + ": a parameter needs exactly one result");
    // Regions (control flow).
    if (const json::Value *regions = o->get("regions")) {
      const Array *a = regions->getAsArray();
      if (!a)
        return fail(at + ": \"regions\" is not a list");
      if (depth > 64)
        return fail(at + ": regions nest deeper than 64");
      for (const json::Value &r : *a)
        if (auto err = readRegion(r, op.regions.emplace_back(), depth + 1))
          return err;
    }
    return llvm::Error::success();
  }

  llvm::Error readRegion(const json::Value &v, pir::Region &region,
                         int depth) {
    const Object *o = v.getAsObject();
    const Array *blocks = o ? o->getArray("blocks") : nullptr;
    if (!blocks)
      return fail("a region is not an object with a \"blocks\" list");
    for (const json::Value &b : *blocks) {
      const Object *bo = b.getAsObject();
      const Array *ops = bo ? bo->getArray("ops") : nullptr;
      if (!ops)
        return fail("a block is not an object with an \"ops\" list");
      pir::Block &block = region.blocks.emplace_back();
      for (StringRef key : {"args", "kwargs"}) {
        const json::Value *args = bo->get(key);
        if (!args)
          continue;
        const Array *a = args->getAsArray();
        if (!a)
          return fail(llvm::Twine("block \"") + key + "\" is not a list");
        for (const json::Value &arg : *a)
          if (auto err = readValue(arg, block.args.emplace_back(),
                                   "a block argument"))
            return err;
      }
      for (const json::Value &opv : *ops) {
        pir::Op &op = block.ops.emplace_back();
        op.index = static_cast<int>(block.ops.size()) - 1;
        if (auto err = readOp(opv, op, depth))
          return err;
      }
    }
    return llvm::Error::success();
  }

private:
  StringRef path;
  llvm::DenseSet<int64_t> seen;
};

} // namespace

llvm::Expected<pir::Module> pir::readModule(StringRef path, StringRef bytes) {
  Reader reader(path);
  auto parsed = json::parse(bytes);
  if (!parsed)
    return reader.fail("not valid JSON: " +
                       llvm::toString(parsed.takeError()) +
                       "; a Paddle 3.x PIR program is a JSON document");
  Module m;
  m.path = path.str();
  m.root = std::make_shared<json::Value>(std::move(*parsed));
  const Object *root = m.root->getAsObject();
  const Object *base = root ? root->getObject("base_code") : nullptr;
  if (!base || base->getString("magic") != StringRef("pir"))
    return reader.fail("a JSON file, but not a Paddle PIR program (no "
                       "\"base_code\": {\"magic\": \"pir\"})");
  std::optional<int64_t> version = base->getInteger("version");
  if (!version || *version < 0)
    return reader.fail("\"base_code\" has no integer \"version\"");
  m.version = *version;
  m.trainable = base->getBoolean("trainable").value_or(false);
  const Object *program = root->getObject("program");
  const Array *regions = program ? program->getArray("regions") : nullptr;
  if (!regions)
    return reader.fail("no \"program\": {\"regions\": [...]}");
  for (const json::Value &r : *regions)
    if (auto err = reader.readRegion(r, m.regions.emplace_back(), 0))
      return std::move(err);
  return m;
}

//===----------------------------------------------------------------------===//
// Translator
//===----------------------------------------------------------------------===//

namespace {

/// A constant produced by pd_op.full / pd_op.full_int_array.
struct Constant {
  std::vector<double> values;
  bool isInt = false;
  int dtype = 5;
  std::vector<int64_t> shape;
};

class Translator {
public:
  Translator(const pir::Module &module) : module(module) {}

  llvm::Expected<Program> run();

private:
  llvm::Error fail(const pir::Op &op, const llvm::Twine &msg) {
    return makeError(module.path + ": op #" + llvm::Twine(op.index) + " '" +
                     op.name + "': " + msg);
  }
  llvm::Error failFile(const llvm::Twine &msg) {
    return makeError(module.path + ": " + msg);
  }

  llvm::Error checkSupported(const pir::Block &block);
  llvm::Error define(const pir::Op &op);
  llvm::Expected<std::string> varOf(const pir::Op &op, unsigned i);
  llvm::Error addVar(const std::string &name, const pir::Type &type,
                     const pir::Op &op, bool persistable);
  llvm::Error translateOp(const pir::Op &op, const PirOpSpec &spec);
  llvm::Error translateConstant(const pir::Op &op);
  llvm::Error setAttr(proto::OpDesc::Attr &out, const AttrSpec &spec,
                      const Object &at, const pir::Op &op, StringRef pirName);
  llvm::Error setConstAttr(proto::OpDesc::Attr &out, const AttrSpec &spec,
                           const Constant &c, const pir::Op &op,
                           StringRef pirName);
  /// The constant an operand carries (full, full_int_array, or a combine
  /// of one-element constants), or null.
  const Constant *constantOf(int64_t id, Constant &scratch) const;
  proto::OpDesc &newOp(const pir::Op &op, StringRef type) {
    sourceIndices.push_back(op.index);
    sourceNames.push_back(op.name);
    return *block->add_ops();
  }

  const pir::Module &module;
  std::shared_ptr<proto::ProgramDesc> desc;
  proto::BlockDesc *block = nullptr;
  std::vector<int> sourceIndices;
  std::vector<std::string> sourceNames;
  /// Value id -> variable name (vectors: their elements' names).
  llvm::DenseMap<int64_t, std::string> names;
  llvm::DenseMap<int64_t, std::vector<int64_t>> combines;
  llvm::DenseMap<int64_t, std::vector<std::string>> vectors;
  llvm::DenseMap<int64_t, Constant> constants;
  /// Constants already materialized as legacy ops.
  llvm::DenseSet<int64_t> emitted;
  llvm::DenseMap<int64_t, const pir::Op *> producers;
  /// Values fetched, named after their fetch (the model's output names).
  llvm::DenseMap<int64_t, std::string> preferred;
  llvm::DenseMap<std::pair<int64_t, unsigned>, std::string> preferredElements;
  llvm::StringSet<> varNames;
  std::vector<std::pair<int, std::string>> feeds, fetches;
};

llvm::Error Translator::checkSupported(const pir::Block &block) {
  struct Unsupported {
    int count = 0;
    int first = 0;
    bool controlFlow = false;
  };
  llvm::MapVector<StringRef, Unsupported> unsupported;
  for (const pir::Op &op : block.ops) {
    StringRef name = op.name;
    bool known =
        llvm::is_contained({"builtin.parameter", "builtin.combine",
                            "builtin.split", "builtin.shadow_output",
                            "pd_op.data", "pd_op.fetch", "pd_op.full_int_array",
                            "pd_op.assign_value", "pd_op.assign_value_"},
                           name);
    if (!known && name.consume_front("pd_op.") && op.regions.empty())
      known = lookupPirOp(name) ||
              (name.ends_with("_") && lookupPirOp(name.drop_back()));
    if (known)
      continue;
    auto [it, inserted] = unsupported.try_emplace(op.name);
    if (inserted)
      it->second.first = op.index;
    ++it->second.count;
    it->second.controlFlow |= !op.regions.empty();
  }
  if (unsupported.empty())
    return llvm::Error::success();
  std::string msg;
  llvm::raw_string_ostream os(msg);
  os << unsupported.size() << " unsupported op type"
     << (unsupported.size() == 1 ? "" : "s") << ": ";
  llvm::interleaveComma(unsupported, os, [&](const auto &entry) {
    const Unsupported &u = entry.second;
    os << entry.first << " (" << u.count << "x, first at op #" << u.first
       << (u.controlFlow ? "; control flow is not supported yet" : "")
       << ")";
  });
  return failFile(msg);
}

const Constant *Translator::constantOf(int64_t id, Constant &scratch) const {
  auto c = constants.find(id);
  if (c != constants.end())
    return &c->second;
  auto comb = combines.find(id);
  if (comb == combines.end())
    return nullptr;
  scratch = Constant();
  scratch.isInt = true;
  for (int64_t e : comb->second) {
    auto ec = constants.find(e);
    if (ec == constants.end() || ec->second.values.size() != 1)
      return nullptr;
    scratch.values.push_back(ec->second.values[0]);
    scratch.isInt &= ec->second.isInt || ec->second.dtype == 2 ||
                     ec->second.dtype == 3;
  }
  return &scratch;
}

llvm::Error Translator::addVar(const std::string &name, const pir::Type &type,
                               const pir::Op &op, bool persistable) {
  if (!varNames.insert(name).second)
    return fail(op, "two values are named '" + name + "'");
  proto::VarDesc *var = block->add_vars();
  var->set_name(name);
  var->set_persistable(persistable);
  proto::VarType *vt = var->mutable_type();
  if (type.kind == pir::Type::Kind::TensorArray) {
    vt->set_type(proto::VarType::LOD_TENSOR_ARRAY);
    auto *t = vt->mutable_tensor_array()->mutable_tensor();
    t->set_data_type(static_cast<proto::VarType::Type>(
        type.dtype < 0 ? 5 : type.dtype));
    for (int64_t d : type.dims)
      t->add_dims(d);
    return llvm::Error::success();
  }
  if (type.kind != pir::Type::Kind::DenseTensor) {
    // Non-tensor values (selected rows, sparse, ...): a RAW variable, which
    // the importer rejects by name if an imported op reads it.
    vt->set_type(proto::VarType::RAW);
    return llvm::Error::success();
  }
  if (type.dtype < 0)
    return fail(op, "value '" + name + "' has element type " + type.dtypeId +
                        ", which Oar does not support");
  vt->set_type(proto::VarType::LOD_TENSOR);
  auto *t = vt->mutable_lod_tensor()->mutable_tensor();
  t->set_data_type(static_cast<proto::VarType::Type>(type.dtype));
  for (int64_t d : type.dims)
    t->add_dims(d);
  return llvm::Error::success();
}

llvm::Error Translator::define(const pir::Op &op) {
  for (unsigned i = 0; i < op.results.size(); ++i) {
    const pir::Value &r = op.results[i];
    if (r.id <= 0)
      return fail(op, "result #" + llvm::Twine(i) + " has id %" +
                          llvm::Twine(r.id) + "; op results have ids > 0");
    producers[r.id] = &op;
  }
  return llvm::Error::success();
}

/// The variable of operand `i` of `op`, materializing a constant it reads.
llvm::Expected<std::string> Translator::varOf(const pir::Op &op, unsigned i) {
  int64_t id = op.operands[i];
  auto it = names.find(id);
  if (it == names.end()) {
    if (combines.count(id) || vectors.count(id))
      return fail(op, "operand #" + llvm::Twine(i) + " (value %" +
                          llvm::Twine(id) +
                          ") is a list where one tensor is expected");
    return fail(op, "operand #" + llvm::Twine(i) + " reads value %" +
                        llvm::Twine(id) + ", which no earlier op defines");
  }
  if (constants.count(id) && !emitted.count(id)) {
    emitted.insert(id);
    if (auto err = translateConstant(*producers[id]))
      return std::move(err);
  }
  return it->second;
}

llvm::Error Translator::translateConstant(const pir::Op &op) {
  // A constant used as a tensor: fill_constant (full) or assign_value.
  const Constant &c = constants[op.results[0].id];
  const std::string &out = names[op.results[0].id];
  bool scalarFill = op.name == "pd_op.full";
  proto::OpDesc &d = newOp(op, scalarFill ? "fill_constant" : "assign_value");
  d.set_type(scalarFill ? "fill_constant" : "assign_value");
  auto *o = d.add_outputs();
  o->set_parameter("Out");
  o->add_arguments(out);
  auto addLongs = [&](StringRef name, llvm::ArrayRef<int64_t> v) {
    auto *a = d.add_attrs();
    a->set_name(name.str());
    a->set_type(proto::LONGS);
    for (int64_t x : v)
      a->add_longs(x);
  };
  auto *dt = d.add_attrs();
  dt->set_name("dtype");
  dt->set_type(proto::INT);
  dt->set_i(c.dtype);
  if (scalarFill) {
    addLongs("shape", c.shape);
    auto *v = d.add_attrs();
    v->set_name("value");
    v->set_type(proto::FLOAT64);
    v->set_float64(c.values.empty() ? 0.0 : c.values[0]);
    return llvm::Error::success();
  }
  addLongs("shape", c.shape);
  auto *v = d.add_attrs();
  switch (c.dtype) {
  case 0:
  case 2:
    v->set_name(c.dtype == 0 ? "bool_values" : "int32_values");
    v->set_type(proto::INTS);
    for (double x : c.values)
      v->add_ints(static_cast<int32_t>(x));
    break;
  case 3:
    v->set_name("int64_values");
    v->set_type(proto::LONGS);
    for (double x : c.values)
      v->add_longs(static_cast<int64_t>(x));
    break;
  case 5:
    v->set_name("fp32_values");
    v->set_type(proto::FLOATS);
    for (double x : c.values)
      v->add_floats(static_cast<float>(x));
    break;
  case 6:
    v->set_name("fp64_values");
    v->set_type(proto::FLOAT64S);
    for (double x : c.values)
      v->add_float64s(x);
    break;
  default:
    return fail(op, "a constant of dtype " + llvm::Twine(c.dtype) +
                        " used as a tensor is not supported");
  }
  return llvm::Error::success();
}

/// Reads a number from an attribute payload: a JSON number, a bool, or the
/// non-finite spellings ("NaN", "INF", "-INF") in "VD" or "D".
std::optional<double> attrNumber(const Object &at) {
  const json::Value *d = at.get("D");
  if (d) {
    if (auto n = d->getAsNumber())
      return n;
    if (auto b = d->getAsBoolean())
      return *b ? 1.0 : 0.0;
  }
  const json::Value *vd = at.get("VD");
  std::optional<StringRef> s =
      vd ? vd->getAsString() : (d ? d->getAsString() : std::nullopt);
  if (!s)
    return std::nullopt;
  if (*s == "NaN" || *s == "nan")
    return std::numeric_limits<double>::quiet_NaN();
  if (*s == "INF" || *s == "inf")
    return std::numeric_limits<double>::infinity();
  if (*s == "-INF" || *s == "-inf")
    return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

/// The numbers of a list attribute (`a_array` of scalars, `a_intarray`).
std::optional<std::vector<double>> attrNumbers(const Object &at) {
  const Array *d = at.getArray("D");
  if (!d)
    return std::nullopt;
  std::vector<double> out;
  for (const json::Value &e : *d) {
    if (auto n = e.getAsNumber()) {
      out.push_back(*n);
      continue;
    }
    const Object *eo = e.getAsObject();
    std::optional<double> n = eo ? attrNumber(*eo) : std::nullopt;
    if (!n)
      return std::nullopt;
    out.push_back(*n);
  }
  return out;
}

llvm::Error Translator::setConstAttr(proto::OpDesc::Attr &a,
                                     const AttrSpec &spec, const Constant &c,
                                     const pir::Op &op, StringRef pirName) {
  a.set_name(spec.paddle);
  auto scalar = [&]() -> std::optional<double> {
    if (c.values.size() == 1)
      return c.values[0];
    return std::nullopt;
  };
  switch (spec.kind) {
  case AttrKind::I64:
  case AttrKind::Bool:
    if (!scalar())
      break;
    a.set_type(proto::LONG);
    a.set_l(static_cast<int64_t>(*scalar()));
    return llvm::Error::success();
  case AttrKind::F32:
    if (!scalar())
      break;
    a.set_type(proto::FLOAT);
    a.set_f(static_cast<float>(*scalar()));
    return llvm::Error::success();
  case AttrKind::F64:
    if (!scalar())
      break;
    a.set_type(proto::FLOAT64);
    a.set_float64(*scalar());
    return llvm::Error::success();
  case AttrKind::I64Array:
  case AttrKind::BoolArray:
    a.set_type(proto::LONGS);
    for (double x : c.values)
      a.add_longs(static_cast<int64_t>(x));
    return llvm::Error::success();
  case AttrKind::F32Array:
    a.set_type(proto::FLOATS);
    for (double x : c.values)
      a.add_floats(static_cast<float>(x));
    return llvm::Error::success();
  case AttrKind::F64Array:
    a.set_type(proto::FLOAT64S);
    for (double x : c.values)
      a.add_float64s(x);
    return llvm::Error::success();
  default:
    break;
  }
  return fail(op, "operand '" + pirName + "' holds " +
                      llvm::Twine(c.values.size()) +
                      " values, which do not fit attribute '" + spec.paddle +
                      "'");
}

llvm::Error Translator::setAttr(proto::OpDesc::Attr &a, const AttrSpec &spec,
                                const Object &at, const pir::Op &op,
                                StringRef pirName) {
  a.set_name(spec.paddle);
  std::string id = expandName(*at.getString("#"));
  StringRef kind = shortName(id);
  auto mismatch = [&]() {
    return fail(op, "attribute '" + pirName + "' is a " + id +
                        ", which does not fit legacy attribute '" +
                        spec.paddle + "'");
  };
  switch (spec.kind) {
  case AttrKind::I64:
  case AttrKind::F32:
  case AttrKind::F64:
  case AttrKind::Bool: {
    std::optional<double> n;
    if (kind == "a_scalar") {
      // ["dtype", value]
      const Array *d = at.getArray("D");
      if (d && d->size() >= 2)
        n = (*d)[1].getAsNumber();
    } else {
      n = attrNumber(at);
    }
    if (!n)
      return mismatch();
    if (spec.kind == AttrKind::I64) {
      a.set_type(proto::LONG);
      a.set_l(static_cast<int64_t>(*n));
    } else if (spec.kind == AttrKind::Bool) {
      a.set_type(proto::BOOLEAN);
      a.set_b(*n != 0);
    } else if (spec.kind == AttrKind::F32) {
      a.set_type(proto::FLOAT);
      a.set_f(static_cast<float>(*n));
    } else {
      a.set_type(proto::FLOAT64);
      a.set_float64(*n);
    }
    return llvm::Error::success();
  }
  case AttrKind::Str: {
    std::optional<StringRef> s = at.getString("D");
    if (!s)
      return mismatch();
    a.set_type(proto::STRING);
    a.set_s(s->str());
    return llvm::Error::success();
  }
  case AttrKind::StrArray: {
    const Array *d = at.getArray("D");
    if (!d)
      return mismatch();
    a.set_type(proto::STRINGS);
    for (const json::Value &e : *d) {
      const Object *eo = e.getAsObject();
      std::optional<StringRef> s = eo ? eo->getString("D") : e.getAsString();
      if (!s)
        return mismatch();
      a.add_strings(s->str());
    }
    return llvm::Error::success();
  }
  case AttrKind::I64Array:
  case AttrKind::F32Array:
  case AttrKind::F64Array:
  case AttrKind::BoolArray: {
    auto v = attrNumbers(at);
    if (!v)
      return mismatch();
    Constant c;
    c.values = std::move(*v);
    return setConstAttr(a, spec, c, op, pirName);
  }
  case AttrKind::DType: {
    std::optional<StringRef> s = at.getString("D");
    if (!s || kind != "a_dtype")
      return mismatch();
    int dtype = phiDType(*s);
    if (dtype == -2)
      return fail(op, "attribute '" + pirName + "' names dtype '" + *s +
                          "', which Oar does not support");
    a.set_type(proto::INT);
    a.set_i(dtype);
    return llvm::Error::success();
  }
  }
  return mismatch();
}

llvm::Error Translator::translateOp(const pir::Op &op, const PirOpSpec &spec) {
  const LegacyOpSpec *legacy = lookupLegacyOp(spec.legacyType);
  if (!legacy)
    return fail(op, "the op table names legacy type '" +
                        StringRef(spec.legacyType) + "', which Oar lacks");
  if (op.operands.size() > spec.numOperands)
    return fail(op, "has " + llvm::Twine(op.operands.size()) +
                        " operands; Paddle's definition has " +
                        llvm::Twine(spec.numOperands));
  if (op.results.size() > spec.numResults)
    return fail(op, "has " + llvm::Twine(op.results.size()) +
                        " results; Paddle's definition has " +
                        llvm::Twine(spec.numResults));
  auto findSlot = [&](StringRef slot) -> const SlotSpec * {
    for (const SlotSpec &s : llvm::ArrayRef(legacy->inputs, legacy->numInputs))
      if (slot == s.paddle)
        return &s;
    return nullptr;
  };
  auto attrSpec = [&](StringRef name) -> const AttrSpec * {
    for (const AttrSpec &s : llvm::ArrayRef(legacy->attrs, legacy->numAttrs))
      if (name == s.paddle)
        return &s;
    return nullptr;
  };

  // Inputs first (constants they read are materialized before the op).
  llvm::MapVector<StringRef, std::vector<std::string>> inputs;
  std::vector<proto::OpDesc::Attr> attrs;
  for (unsigned i = 0; i < op.operands.size(); ++i) {
    const PirOperandSpec &os = spec.operands[i];
    int64_t id = op.operands[i];
    if (id == 0)
      continue; // an absent optional operand
    Constant scratch;
    const Constant *c = os.attr ? constantOf(id, scratch) : nullptr;
    if (c) {
      const AttrSpec *as = attrSpec(os.attr);
      if (!as)
        continue; // Oar does not import this attribute.
      proto::OpDesc::Attr &a = attrs.emplace_back();
      if (auto err = setConstAttr(a, *as, *c, op, os.name))
        return err;
      // reduce ops: PIR's empty axis list means all axes.
      if (c->values.empty() && attrSpec("reduce_all")) {
        proto::OpDesc::Attr &r = attrs.emplace_back();
        r.set_name("reduce_all");
        r.set_type(proto::BOOLEAN);
        r.set_b(true);
      }
      continue;
    }
    // A value computed at run time: the legacy tensor slot, a list slot for
    // a combine.
    bool isList = combines.count(id) || vectors.count(id);
    StringRef slot;
    if (os.attr) {
      std::string base = os.attr;
      base[0] = llvm::toUpper(base[0]);
      std::string camel;
      for (StringRef part : llvm::split(StringRef(os.name), '_'))
        if (!part.empty()) {
          camel += llvm::toUpper(part.front());
          camel += part.drop_front().str();
        }
      for (std::string cand :
           {std::string(os.slot ? os.slot : ""), camel + "Tensor", camel,
            camel + "TensorList", base + "Tensor", base,
            base + "TensorList"}) {
        const SlotSpec *ss = findSlot(cand);
        if (!ss || ss->kind == SlotKind::Dropped ||
            ss->kind == SlotKind::Ignored || inputs.count(ss->paddle))
          continue;
        if ((ss->kind == SlotKind::Variadic) == isList) {
          slot = ss->paddle;
          break;
        }
      }
      if (slot.empty())
        return fail(op, "operand '" + StringRef(os.name) + "' (value %" +
                            llvm::Twine(id) +
                            ") is computed at run time; Oar imports it only "
                            "as a constant here");
    } else {
      if (!os.slot)
        return fail(op, "operand '" + StringRef(os.name) +
                            "' has no legacy counterpart Oar imports");
      slot = os.slot;
    }
    std::vector<std::string> &vars = inputs[slot];
    if (isList) {
      auto comb = combines.find(id);
      if (comb != combines.end()) {
        for (int64_t e : comb->second) {
          pir::Op fake = op;
          fake.operands = {e};
          auto v = varOf(fake, 0);
          if (!v)
            return v.takeError();
          vars.push_back(*v);
        }
      } else {
        for (const std::string &v : vectors[id])
          vars.push_back(v);
      }
    } else {
      auto v = varOf(op, i);
      if (!v)
        return v.takeError();
      vars.push_back(*v);
    }
  }

  proto::OpDesc &d = newOp(op, spec.legacyType);
  d.set_type(spec.legacyType);
  for (auto &[slot, vars] : inputs) {
    auto *in = d.add_inputs();
    in->set_parameter(slot.str());
    for (const std::string &v : vars)
      in->add_arguments(v);
  }
  for (unsigned i = 0; i < op.results.size(); ++i) {
    const PirResultSpec &rs = spec.results[i];
    const pir::Value &r = op.results[i];
    if (!rs.slot)
      continue;
    auto *out = d.add_outputs();
    out->set_parameter(rs.slot);
    if (r.type.kind == pir::Type::Kind::Vector) {
      for (const std::string &v : vectors[r.id])
        out->add_arguments(v);
    } else {
      out->add_arguments(names[r.id]);
    }
  }
  for (const auto &[name, at] : op.attrs) {
    const PirAttrSpec *ps = nullptr;
    for (const PirAttrSpec &s : llvm::ArrayRef(spec.attrs, spec.numAttrs))
      if (name == s.name)
        ps = &s;
    // Attributes Paddle's op definition lacks (struct_name, op_callstack,
    // dist attributes) and PIR-only ones (place) carry nothing Oar needs.
    if (!ps || !ps->legacy)
      continue;
    const AttrSpec *as = attrSpec(ps->legacy);
    if (!as)
      continue;
    proto::OpDesc::Attr &a = attrs.emplace_back();
    if (auto err = setAttr(a, *as, *at, op, name))
      return err;
  }
  if (spec.fixedBoolAttr) {
    proto::OpDesc::Attr &a = attrs.emplace_back();
    a.set_name(spec.fixedBoolAttr);
    a.set_type(proto::BOOLEAN);
    a.set_b(spec.fixedBoolValue);
  }
  // PIR's cast has only the result dtype; the legacy op also names the
  // input's.
  if (StringRef(spec.legacyType) == "cast" && !op.operands.empty()) {
    auto p = producers.find(op.operands[0]);
    const pir::Op *src = p == producers.end() ? nullptr : p->second;
    for (const pir::Value &r : src ? src->results : std::vector<pir::Value>())
      if (r.id == op.operands[0] && r.type.dtype >= 0) {
        proto::OpDesc::Attr &a = attrs.emplace_back();
        a.set_name("in_dtype");
        a.set_type(proto::INT);
        a.set_i(r.type.dtype);
      }
  }
  for (proto::OpDesc::Attr &a : attrs)
    *d.add_attrs() = std::move(a);
  return llvm::Error::success();
}

llvm::Expected<Program> Translator::run() {
  if (module.regions.size() != 1 || module.regions[0].blocks.size() != 1)
    return failFile("the program has " + llvm::Twine(module.regions.size()) +
                    " top-level regions; expected one with one block");
  const pir::Block &top = module.regions[0].blocks[0];
  if (auto err = checkSupported(top))
    return std::move(err);

  desc = std::make_shared<proto::ProgramDesc>();
  block = desc->add_blocks();
  block->set_idx(0);
  block->set_parent_idx(-1);
  for (StringRef holder : {"feed", "fetch"}) {
    proto::VarDesc *v = block->add_vars();
    v->set_name(holder.str());
    v->set_persistable(true);
    v->mutable_type()->set_type(holder == "feed"
                                    ? proto::VarType::FEED_MINIBATCH
                                    : proto::VarType::FETCH_LIST);
    varNames.insert(holder);
  }

  auto check = [&](const pir::Op &op) -> llvm::Error {
    for (unsigned i = 0; i < op.operands.size(); ++i) {
      int64_t id = op.operands[i];
      if (id != 0 && !producers.count(id))
        return fail(op, "operand #" + llvm::Twine(i) + " reads value %" +
                            llvm::Twine(id) +
                            ", which no earlier op defines");
    }
    return define(op);
  };

  for (const pir::Op &op : top.ops) {
    bool isFetch = op.name == "pd_op.fetch";
    if (!isFetch && op.name != "builtin.shadow_output")
      continue;
    const Object *a = op.findAttr(isFetch ? "name" : "output_name");
    std::optional<StringRef> n = a ? a->getString("D") : std::nullopt;
    if (n && !n->empty() && op.operands.size() == 1)
      preferred.try_emplace(op.operands[0], n->str());
  }
  // Fetched elements of a list (builtin.split results) name the list's
  // variables.
  for (const pir::Op &op : top.ops) {
    if (op.name != "builtin.split" || op.operands.size() != 1)
      continue;
    for (unsigned i = 0; i < op.results.size(); ++i) {
      auto it = preferred.find(op.results[i].id);
      if (it != preferred.end())
        preferredElements.try_emplace({op.operands[0], i}, it->second);
    }
  }

  int feedCol = 0;
  for (const pir::Op &op : top.ops) {
    if (auto err = check(op))
      return std::move(err);
    StringRef name = op.name;
    auto strAttr = [&](StringRef n) -> std::optional<StringRef> {
      const Object *a = op.findAttr(n);
      return a ? a->getString("D") : std::nullopt;
    };
    auto oneResult = [&]() -> llvm::Error {
      if (op.results.size() != 1)
        return fail(op, "expected one result, got " +
                            llvm::Twine(op.results.size()));
      return llvm::Error::success();
    };

    if (name == "builtin.parameter") {
      const pir::Value &r = op.results[0];
      names[r.id] = op.parameterName;
      if (varNames.contains(op.parameterName))
        continue; // the same parameter again
      if (auto err = addVar(op.parameterName, r.type, op, true))
        return std::move(err);
      continue;
    }
    if (name == "pd_op.data") {
      std::optional<StringRef> n = strAttr("name");
      if (!n || n->empty())
        return fail(op, "has no string attribute 'name'");
      if (auto err = oneResult())
        return std::move(err);
      names[op.results[0].id] = n->str();
      if (auto err = addVar(n->str(), op.results[0].type, op, false))
        return std::move(err);
      proto::OpDesc &d = newOp(op, "feed");
      d.set_type("feed");
      auto *in = d.add_inputs();
      in->set_parameter("X");
      in->add_arguments("feed");
      auto *out = d.add_outputs();
      out->set_parameter("Out");
      out->add_arguments(n->str());
      auto *col = d.add_attrs();
      col->set_name("col");
      col->set_type(proto::INT);
      col->set_i(feedCol++);
      continue;
    }
    if (name == "pd_op.fetch" || name == "builtin.shadow_output") {
      std::optional<StringRef> n =
          strAttr(name == "pd_op.fetch" ? "name" : "output_name");
      if (!n || n->empty())
        return fail(op, "has no output name attribute");
      if (op.operands.size() != 1 || op.operands[0] == 0)
        return fail(op, "expected one operand");
      fetches.emplace_back(op.index, n->str());
      auto v = varOf(op, 0);
      if (!v)
        return v.takeError();
      proto::OpDesc &d = newOp(op, "fetch");
      d.set_type("fetch");
      auto *in = d.add_inputs();
      in->set_parameter("X");
      in->add_arguments(*v);
      auto *out = d.add_outputs();
      out->set_parameter("Out");
      out->add_arguments("fetch");
      auto *col = d.add_attrs();
      col->set_name("col");
      col->set_type(proto::INT);
      col->set_i(static_cast<int>(fetches.size()) - 1);
      continue;
    }
    if (name == "builtin.combine") {
      if (auto err = oneResult())
        return std::move(err);
      for (int64_t id : op.operands)
        if (id == 0)
          return fail(op, "combines an absent value");
      combines[op.results[0].id] = op.operands;
      continue;
    }
    if (name == "builtin.split") {
      if (op.operands.size() != 1)
        return fail(op, "expected one operand");
      auto it = vectors.find(op.operands[0]);
      if (it == vectors.end())
        return fail(op, "splits value %" + llvm::Twine(op.operands[0]) +
                            ", which is not a list an imported op produced");
      if (it->second.size() != op.results.size())
        return fail(op, "splits a list of " +
                            llvm::Twine(it->second.size()) + " into " +
                            llvm::Twine(op.results.size()) + " values");
      for (unsigned i = 0; i < op.results.size(); ++i)
        names[op.results[i].id] = it->second[i];
      continue;
    }
    if (name == "pd_op.full" || name == "pd_op.full_int_array" ||
        name == "pd_op.assign_value" || name == "pd_op.assign_value_") {
      if (auto err = oneResult())
        return std::move(err);
      Constant c;
      const Object *dt = op.findAttr("dtype");
      std::optional<StringRef> dts = dt ? dt->getString("D") : std::nullopt;
      c.dtype = dts ? phiDType(*dts) : (name == "pd_op.full" ? 5 : 3);
      if (c.dtype < 0)
        return fail(op, "has an unknown or missing dtype");
      c.isInt = c.dtype == 2 || c.dtype == 3;
      const Object *vals = op.findAttr(
          name == "pd_op.full" ? "value"
          : name == "pd_op.full_int_array" ? "value"
                                           : "values");
      if (!vals)
        return fail(op, "has no value attribute");
      if (name == "pd_op.full") {
        std::optional<double> n = attrNumber(*vals);
        if (!n)
          return fail(op, "attribute 'value' is not a number");
        c.values = {*n};
        const Object *shape = op.findAttr("shape");
        auto dims = shape ? attrNumbers(*shape) : std::nullopt;
        if (!dims)
          return fail(op, "has no shape attribute");
        for (double x : *dims)
          c.shape.push_back(static_cast<int64_t>(x));
      } else {
        auto v = attrNumbers(*vals);
        if (!v)
          return fail(op, "the value attribute is not a list of numbers");
        c.values = std::move(*v);
        if (name == "pd_op.full_int_array") {
          c.shape = {static_cast<int64_t>(c.values.size())};
        } else {
          const Object *shape = op.findAttr("shape");
          auto dims = shape ? attrNumbers(*shape) : std::nullopt;
          if (!dims)
            return fail(op, "has no shape attribute");
          for (double x : *dims)
            c.shape.push_back(static_cast<int64_t>(x));
        }
      }
      std::string var =
          llvm::formatv("{0}_{1}", shortName(op.name), op.results[0].id)
              .str();
      names[op.results[0].id] = var;
      if (auto err = addVar(var, op.results[0].type, op, false))
        return std::move(err);
      constants[op.results[0].id] = std::move(c);
      continue;
    }

    StringRef pirName = name.drop_front(strlen("pd_op."));
    const PirOpSpec *spec = lookupPirOp(pirName);
    if (!spec) {
      pirName = pirName.drop_back(); // in-place: relu_ -> relu
      spec = lookupPirOp(pirName);
    }
    for (unsigned i = 0; i < op.results.size(); ++i) {
      const pir::Value &r = op.results[i];
      std::string var = llvm::formatv("{0}_{1}", pirName, r.id).str();
      auto pref = preferred.find(r.id);
      if (pref != preferred.end() && !varNames.contains(pref->second))
        var = pref->second;
      if (r.type.kind == pir::Type::Kind::Vector) {
        std::vector<std::string> &elems = vectors[r.id];
        for (unsigned e = 0; e < r.type.elements.size(); ++e) {
          auto pe = preferredElements.find({r.id, e});
          elems.push_back(pe != preferredElements.end() &&
                                  !varNames.contains(pe->second)
                              ? pe->second
                              : llvm::formatv("{0}_{1}", var, e).str());
          if (auto err = addVar(elems.back(), r.type.elements[e], op, false))
            return std::move(err);
        }
        continue;
      }
      names[r.id] = var;
      if (auto err = addVar(var, r.type, op, false))
        return std::move(err);
    }
    if (auto err = translateOp(op, *spec))
      return std::move(err);
  }
  if (fetches.empty())
    return failFile("the program has no pd_op.fetch or "
                    "builtin.shadow_output: it computes nothing to return");
  if (feedCol == 0)
    return failFile("the program has no pd_op.data input");

  auto program = Program::fromDesc(module.path, desc);
  if (!program)
    return program.takeError();
  program->setSource(Program::Format::Pir, module.version,
                     std::move(sourceIndices), std::move(sourceNames));
  return program;
}

} // namespace

llvm::Expected<Program> mlir::oar::paddle::parsePirProgram(StringRef path,
                                                           StringRef bytes) {
  auto module = pir::readModule(path, bytes);
  if (!module)
    return module.takeError();
  Translator translator(*module);
  return translator.run();
}
