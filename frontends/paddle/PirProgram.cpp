//===- PirProgram.cpp - Reading Paddle 3.x PIR programs (.json) -----------===//
//
// The reader (readModule) decodes the JSON with simdjson and checks its
// shape; the translator (parsePirProgram) builds the ProgramDesc. The
// format and the import speed: docs/pir-import.md.
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
#include "llvm/Support/Allocator.h"
#include "llvm/Support/JSON.h"

#include <google/protobuf/arena.h>
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using namespace mlir::oar::paddle;
using llvm::StringRef;


const pir::Attr *pir::Op::findAttr(StringRef name) const {
  for (const auto &[n, a] : attrs)
    if (n == name)
      return &a;
  return nullptr;
}

namespace {

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// The dialect of a compressed id: "1" -> "pd_op" (Paddle's DialectIdMap);
/// other dialects are kept.
StringRef expandDialect(StringRef dialect) {
  return llvm::StringSwitch<StringRef>(dialect)
      .Case("0", "builtin")
      .Case("1", "pd_op")
      .Case("2", "cf")
      .Case("3", "custom_op")
      .Case("4", "pd_dist")
      .Default(dialect);
}

/// "1.conv2d" -> "pd_op.conv2d"; other names are kept.
std::string expandName(StringRef name) {
  auto [dialect, rest] = name.split('.');
  if (rest.empty())
    return name.str();
  return (expandDialect(dialect) + "." + rest).str();
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

/// Expanded op, type and attribute ids, kept once in the module: a model
/// has tens of thousands of them and a few dozen distinct ones, so each is
/// one hash lookup of the id as written rather than a string of its own.
class Interner {
public:
  struct Entry {
    /// expandName of the id, in Module::ids.
    StringRef name;
    /// elementDType of it (-1 when not an element type).
    int dtype = -1;
    /// As a type id: a tensor type ("D": [element type, dims, ...]) of
    /// this kind (t_dtensor, t_dense_tensor_array, t_selected_rows: Other),
    /// or else a vector type (t_vec), or neither.
    bool tensorType = false;
    bool vectorType = false;
    pir::Type::Kind kind = pir::Type::Kind::Other;
  };

  explicit Interner(llvm::StringSet<> &ids) : ids(ids) {}

  const Entry &get(StringRef raw) {
    // The ids recently looked up first: values alternate between a few
    // (a dense tensor type and its element type), and comparing a short id
    // costs less than hashing it.
    for (const llvm::StringMapEntry<Entry> *r : recent)
      if (r && r->getKey() == raw)
        return r->second;
    auto [it, inserted] = cache.try_emplace(raw);
    if (inserted) {
      Entry &e = it->second;
      e.name = ids.insert(expandName(raw)).first->getKey();
      StringRef s = shortName(e.name);
      e.dtype = elementDType(s);
      e.tensorType = s == "t_dtensor" || s == "t_dense_tensor_array" ||
                     s == "t_selected_rows";
      e.vectorType = s == "t_vec";
      e.kind = s == "t_dtensor"              ? pir::Type::Kind::DenseTensor
               : s == "t_dense_tensor_array" ? pir::Type::Kind::TensorArray
               : s == "t_vec"                ? pir::Type::Kind::Vector
                                             : pir::Type::Kind::Other;
    }
    // StringMap entries do not move when the map grows.
    recent[next] = &*it;
    next = (next + 1) % std::size(recent);
    return it->second;
  }
  StringRef name(StringRef raw) { return get(raw).name; }
  /// `raw` itself (an attribute name), kept in the module's ids.
  StringRef intern(StringRef raw) {
    return ids.insert(raw).first->getKey();
  }

private:
  llvm::StringSet<> &ids;
  llvm::StringMap<Entry> cache;
  const llvm::StringMapEntry<Entry> *recent[4] = {};
  unsigned next = 0;
};

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::optional<element> field(object o, const char *key) {
  element e;
  if (o[key].get(e))
    return std::nullopt;
  return e;
}
std::optional<object> asObject(element e) {
  object o;
  if (e.get_object().get(o))
    return std::nullopt;
  return o;
}
std::optional<object> objectField(object o, const char *key) {
  auto f = field(o, key);
  return f ? asObject(*f) : std::nullopt;
}
std::optional<array> asArray(element e) {
  array a;
  if (e.get_array().get(a))
    return std::nullopt;
  return a;
}
std::optional<array> arrayField(object o, const char *key) {
  auto f = field(o, key);
  return f ? asArray(*f) : std::nullopt;
}
std::optional<StringRef> asString(element e) {
  std::string_view s;
  if (e.get_string().get(s))
    return std::nullopt;
  return StringRef(s.data(), s.size());
}
std::optional<StringRef> stringField(object o, const char *key) {
  auto f = field(o, key);
  return f ? asString(*f) : std::nullopt;
}
std::optional<int64_t> asInt(element e) {
  int64_t i;
  if (e.get_int64().get(i))
    return std::nullopt;
  return i;
}
std::optional<int64_t> intField(object o, const char *key) {
  auto f = field(o, key);
  return f ? asInt(*f) : std::nullopt;
}

/// The first value of each of `keys` in `o`, as `field` gives it, in one
/// pass over the object (each `field` call scans it again); none when `o`
/// is none.
template <size_t N>
std::array<std::optional<element>, N> fields(std::optional<object> o,
                                             const StringRef (&keys)[N]) {
  std::array<std::optional<element>, N> out;
  if (!o)
    return out;
  for (simdjson::dom::key_value_pair kv : *o) {
    StringRef key(kv.key.data(), kv.key.size());
    for (size_t i = 0; i < N; ++i)
      if (!out[i] && key == keys[i]) {
        out[i] = kv.value;
        break;
      }
  }
  return out;
}

/// A JSON payload as an attribute value (bare values in lists, `D`).
pir::Attr decodeValue(element e, int depth, Interner &ids);

/// `hasId`: whether `o` has a string "#".
pir::Attr decodeAttr(object o, int depth, Interner &ids,
                     bool *hasId = nullptr) {
  static constexpr StringRef keys[] = {"D", "VD", "#"};
  auto [d, vdField, idField] = fields(std::optional<object>(o), keys);
  pir::Attr a;
  if (d)
    a = decodeValue(*d, depth + 1, ids);
  if (auto vd = vdField ? asString(*vdField) : std::nullopt) {
    a.kind = pir::Attr::Kind::Float;
    a.number = *vd == "NaN" || *vd == "nan"
                   ? std::numeric_limits<double>::quiet_NaN()
               : *vd == "INF" || *vd == "inf"
                   ? std::numeric_limits<double>::infinity()
               : *vd == "-INF" || *vd == "-inf"
                   ? -std::numeric_limits<double>::infinity()
                   : a.number;
    if (!std::isnan(a.number) && !std::isinf(a.number))
      a.kind = pir::Attr::Kind::None; // an unknown spelling
  }
  std::optional<StringRef> id = idField ? asString(*idField) : std::nullopt;
  if (id)
    a.id = ids.name(*id);
  if (hasId)
    *hasId = id.has_value();
  return a;
}

pir::Attr decodeValue(element e, int depth, Interner &ids) {
  pir::Attr a;
  if (depth > 64)
    return a;
  switch (e.type()) {
  case simdjson::dom::element_type::BOOL:
    a.kind = pir::Attr::Kind::Bool;
    a.boolean = bool(e.get_bool().value_unsafe());
    break;
  case simdjson::dom::element_type::INT64:
    a.kind = pir::Attr::Kind::Int;
    a.integer = e.get_int64().value_unsafe();
    a.number = static_cast<double>(a.integer);
    break;
  case simdjson::dom::element_type::UINT64:
    a.kind = pir::Attr::Kind::Float;
    a.number = static_cast<double>(e.get_uint64().value_unsafe());
    break;
  case simdjson::dom::element_type::DOUBLE:
    a.kind = pir::Attr::Kind::Float;
    a.number = e.get_double().value_unsafe();
    break;
  case simdjson::dom::element_type::STRING: {
    a.kind = pir::Attr::Kind::String;
    std::string_view s = e.get_string().value_unsafe();
    a.string.assign(s.data(), s.size());
    break;
  }
  case simdjson::dom::element_type::ARRAY: {
    a.kind = pir::Attr::Kind::List;
    array elems;
    if (e.get_array().get(elems))
      break;
    a.list.reserve(elems.size());
    for (element x : elems)
      a.list.push_back(decodeValue(x, depth + 1, ids));
    break;
  }
  case simdjson::dom::element_type::OBJECT: {
    // A nested attribute ({"#": ...}); a type (a_type) stays None.
    object o;
    if (!e.get_object().get(o))
      a = decodeAttr(o, depth + 1, ids);
    break;
  }
  case simdjson::dom::element_type::NULL_VALUE:
    break;
  }
  return a;
}

class Reader {
public:
  Reader(StringRef path, llvm::StringSet<> &ids) : path(path), ids(ids) {}

  llvm::Error fail(const llvm::Twine &msg) {
    return makeError(path + ": " + msg);
  }

  /// Reads type `v` into `t` (a default-constructed Type).
  llvm::Error readType(element v, const llvm::Twine &where, pir::Type &t) {
    static constexpr StringRef keys[] = {"#", "D"};
    auto o = asObject(v);
    auto [idField, dField] = fields(o, keys);
    std::optional<StringRef> id = idField ? asString(*idField) : std::nullopt;
    if (!id)
      return fail(where + ": a type is not an object with a string \"#\"");
    const Interner::Entry &te = ids.get(*id);
    t.id = te.name;
    if (te.tensorType) {
      auto d = dField ? asArray(*dField) : std::nullopt;
      if (!d || d->size() < 2)
        return fail(where + ": type " + t.id +
                    " needs \"D\": [element type, dims, ...]");
      auto elem = asObject(d->at(0).value_unsafe());
      std::optional<StringRef> eid =
          elem ? stringField(*elem, "#") : std::nullopt;
      if (!eid)
        return fail(where + ": type " + t.id + " has no element type");
      const Interner::Entry &e = ids.get(*eid);
      t.dtypeId = e.name;
      t.dtype = e.dtype;
      auto dims = asArray(d->at(1).value_unsafe());
      if (!dims)
        return fail(where + ": type " + t.id + " has no dims list");
      t.dims.reserve(dims->size());
      for (element dim : *dims) {
        std::optional<int64_t> n = asInt(dim);
        if (!n)
          return fail(where + ": type " + t.id +
                      " has a dim that is not an integer");
        // Paddle's shape inference writes the product of a dynamic (-1) dim
        // and static ones for some results (layer_norm's mean of a
        // [-1, 200, 64] input is [-200]): any negative dim is dynamic.
        t.dims.push_back(*n < 0 ? -1 : *n);
      }
      t.kind = te.kind;
      return llvm::Error::success();
    }
    if (te.vectorType) {
      auto d = dField ? asArray(*dField) : std::nullopt;
      if (!d)
        return fail(where + ": type " + t.id + " needs \"D\": [types]");
      t.kind = pir::Type::Kind::Vector;
      t.elements.resize(d->size());
      size_t i = 0;
      for (element e : *d)
        if (auto err = readType(e, where, t.elements[i++]))
          return err;
      return llvm::Error::success();
    }
    // Other types: rejected where a tensor is needed.
    return llvm::Error::success();
  }

  llvm::Error readValue(element v, pir::Value &out, const llvm::Twine &where) {
    static constexpr StringRef keys[] = {"%", "#", "TT"};
    auto o = asObject(v);
    auto [pct, hash, tt] = fields(o, keys);
    std::optional<int64_t> id = pct ? asInt(*pct) : std::nullopt;
    if (!id)
      id = hash ? asInt(*hash) : std::nullopt; // block arguments
    if (!id)
      return fail(where + ": a value is not an object with an integer "
                          "\"%\" id");
    if (!tt)
      return fail(where + ": value %" + llvm::Twine(*id) +
                  " has no type (\"TT\")");
    if (auto err = readType(*tt, where + ": value %" + llvm::Twine(*id),
                            out.type))
      return err;
    out.id = *id;
    if (!seen.insert(out.id).second)
      return fail(where + ": value %" + llvm::Twine(out.id) +
                  " is defined twice");
    return llvm::Error::success();
  }

  llvm::Error readOp(element v, pir::Op &op, int depth) {
    static constexpr StringRef keys[] = {"#", "I", "O", "A", "regions"};
    auto o = asObject(v);
    auto [nameField, in, out, attrs, regions] = fields(o, keys);
    std::optional<StringRef> name =
        nameField ? asString(*nameField) : std::nullopt;
    if (!name)
      return fail("op #" + llvm::Twine(op.index) +
                  ": not an object with a string \"#\" (the op name)");
    bool compressedParam = *name == "p";
    op.name =
        compressedParam ? StringRef("builtin.parameter") : ids.name(*name);
    // "op #N 'name'", built only for a message.
    auto failAt = [&](const llvm::Twine &msg) {
      return fail("op #" + llvm::Twine(op.index) + " '" + op.name +
                  "': " + msg);
    };
    // Operands.
    if (in) {
      auto a = asArray(*in);
      if (!a)
        return failAt("\"I\" (operands) is not a list");
      op.operands.reserve(a->size());
      for (element e : *a) {
        auto eo = asObject(e);
        std::optional<int64_t> id = eo ? intField(*eo, "%") : std::nullopt;
        if (!id)
          return failAt("an operand is not an object with an integer "
                        "\"%\" id");
        op.operands.push_back(*id);
      }
    }
    // Results: a list, or one object for the compressed parameter.
    if (out) {
      if (auto a = asArray(*out)) {
        op.results.reserve(a->size());
        for (element e : *a)
          if (auto err = readValue(e, op.results.emplace_back(),
                                   "op #" + llvm::Twine(op.index) + " '" +
                                       op.name + "'"))
            return err;
      } else if (asObject(*out)) {
        if (auto err = readValue(*out, op.results.emplace_back(),
                                 "op #" + llvm::Twine(op.index) + " '" +
                                     op.name + "'"))
          return err;
      } else {
        return failAt("\"O\" (results) is neither a list nor a value");
      }
    }
    // Attributes.
    if (attrs) {
      auto a = asArray(*attrs);
      if (!a)
        return failAt("\"A\" (attributes) is not a list");
      if (compressedParam) {
        // [is_distributed, is_parameter, need_clip, parameter_name]
        std::optional<StringRef> pname =
            a->size() == 4 ? asString(a->at(3).value_unsafe()) : std::nullopt;
        if (!pname || pname->empty())
          return failAt("a compressed parameter needs \"A\": "
                        "[is_distributed, is_parameter, need_clip, "
                        "\"name\"]");
        op.parameterName = pname->str();
      } else {
        op.attrs.reserve(a->size());
        static constexpr StringRef attrKeys[] = {"N", "AT"};
        for (element e : *a) {
          auto eo = asObject(e);
          auto [nField, atField] = fields(eo, attrKeys);
          std::optional<StringRef> n =
              nField ? asString(*nField) : std::nullopt;
          auto atObj = atField ? asObject(*atField) : std::nullopt;
          // struct_name (the layer path of the op, one per op) is read by
          // nothing: checked, not kept.
          bool kept = !n || *n != "struct_name";
          bool hasId = false;
          pir::Attr at;
          if (atObj && kept)
            at = decodeAttr(*atObj, depth, ids, &hasId);
          else if (atObj)
            hasId = stringField(*atObj, "#").has_value();
          if (!n || !atObj || !hasId)
            return failAt("an attribute is not {\"N\": name, \"AT\": "
                          "{\"#\": id, ...}}");
          if (kept)
            op.attrs.emplace_back(ids.intern(*n), std::move(at));
        }
      }
    }
    if (op.name == "builtin.parameter" && !compressedParam) {
      const pir::Attr *p = op.findAttr("parameter_name");
      std::optional<StringRef> pname = p ? p->asString() : std::nullopt;
      if (!pname || pname->empty())
        return failAt("the parameter has no string parameter_name");
      op.parameterName = pname->str();
    }
    if (op.name == "builtin.parameter" && op.results.size() != 1)
      return failAt("a parameter needs exactly one result");
    // Regions (control flow).
    if (regions) {
      auto a = asArray(*regions);
      if (!a)
        return failAt("\"regions\" is not a list");
      if (depth > 64)
        return failAt("regions nest deeper than 64");
      for (element r : *a)
        if (auto err = readRegion(r, op.regions.emplace_back(), depth + 1))
          return err;
    }
    return llvm::Error::success();
  }

  llvm::Error readRegion(element v, pir::Region &region, int depth) {
    auto o = asObject(v);
    auto blocks = o ? arrayField(*o, "blocks") : std::nullopt;
    if (!blocks)
      return fail("a region is not an object with a \"blocks\" list");
    for (element b : *blocks) {
      auto bo = asObject(b);
      auto ops = bo ? arrayField(*bo, "ops") : std::nullopt;
      if (!ops)
        return fail("a block is not an object with an \"ops\" list");
      pir::Block &block = region.blocks.emplace_back();
      // Paddle's writer puts the arguments under "kwargs" too (a bug of
      // its own): read "kwargs" only when "args" has none.
      for (const char *key : {"args", "kwargs"}) {
        auto args = field(*bo, key);
        if (!args || (!block.args.empty() && StringRef(key) == "kwargs"))
          continue;
        auto a = asArray(*args);
        if (!a)
          return fail(llvm::Twine("block \"") + key + "\" is not a list");
        for (element arg : *a)
          if (auto err = readValue(arg, block.args.emplace_back(),
                                   "a block argument"))
            return err;
      }
      block.ops.reserve(ops->size());
      for (element opv : *ops) {
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
  Interner ids;
  llvm::DenseSet<int64_t> seen;
};

} // namespace

std::optional<double> pir::Attr::asNumber() const {
  switch (kind) {
  case Kind::Bool:
    return boolean ? 1.0 : 0.0;
  case Kind::Int:
  case Kind::Float:
    return number;
  default:
    return std::nullopt;
  }
}

std::optional<StringRef> pir::Attr::asString() const {
  if (kind != Kind::String)
    return std::nullopt;
  return StringRef(string);
}

std::optional<std::vector<double>> pir::Attr::asNumbers() const {
  if (kind != Kind::List)
    return std::nullopt;
  std::vector<double> out;
  out.reserve(list.size());
  for (const Attr &e : list) {
    std::optional<double> n = e.asNumber();
    if (!n)
      return std::nullopt;
    out.push_back(*n);
  }
  return out;
}

llvm::Expected<pir::Module> pir::readModule(StringRef path, StringRef bytes) {
  Module m;
  Reader reader(path, m.ids);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(bytes.data(), bytes.size());
  element root;
  if (auto error = parser.parse(padded).get(root)) {
    // llvm::json says where the document goes wrong; simdjson only what.
    auto slow = llvm::json::parse(bytes);
    std::string why = slow ? simdjson::error_message(error)
                           : llvm::toString(slow.takeError());
    return reader.fail("not valid JSON: " + why +
                       "; a Paddle 3.x PIR program is a JSON document");
  }
  m.path = path.str();
  auto rootObj = asObject(root);
  auto base = rootObj ? objectField(*rootObj, "base_code") : std::nullopt;
  if (!base || stringField(*base, "magic") != StringRef("pir"))
    return reader.fail("a JSON file, but not a Paddle PIR program (no "
                       "\"base_code\": {\"magic\": \"pir\"})");
  std::optional<int64_t> version = intField(*base, "version");
  if (!version || *version < 0)
    return reader.fail("\"base_code\" has no integer \"version\"");
  m.version = *version;
  if (auto t = field(*base, "trainable")) {
    bool b = false;
    if (!t->get_bool().get(b))
      m.trainable = b;
  }
  auto program = objectField(*rootObj, "program");
  auto regions = program ? arrayField(*program, "regions") : std::nullopt;
  if (!regions)
    return reader.fail("no \"program\": {\"regions\": [...]}");
  for (element r : *regions)
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
  llvm::Expected<std::string> varOf(const pir::Op &op, unsigned i) {
    return varOf(op, i, op.operands[i]);
  }
  /// The variable of value `id`, operand `i` of `op` (or an element of it).
  llvm::Expected<std::string> varOf(const pir::Op &op, unsigned i,
                                    int64_t id);
  llvm::Error addVar(const std::string &name, const pir::Type &type,
                     const pir::Op &op, bool persistable);
  /// Translates the ops of `blk` into `block`.
  llvm::Error translateBlock(const pir::Block &blk);
  /// pd_op.if: the legacy conditional_block pair on the condition and its
  /// logical_not, one sub-block per region, merged by select_inputs on
  /// cast(cond) (the form paddle.static.nn.cond writes).
  llvm::Error translateIf(const pir::Op &op);
  /// pd_op.while: a legacy `while` on a condition variable, the loop
  /// variables (the body's block arguments) assigned from the operands
  /// before it, the body a sub-block that ends by assigning the yielded
  /// condition and values to them.
  llvm::Error translateWhile(const pir::Op &op);
  /// PIR's tensor-array ops, as the legacy ones the importer takes:
  /// create_array declares the array variable (it starts empty),
  /// array_write_ writes it in place (write_to_array), array_read,
  /// array_length and array_to_tensor are read_from_array,
  /// lod_array_length and tensor_array_to_tensor.
  llvm::Error translateArrayOp(const pir::Op &op);
  /// pd_op.pylayer (a paddle.autograd.PyLayer in a to_static program): its
  /// forward region inlined into the current block, its cf.yield assigning
  /// the op's results (inference runs only the forward function).
  llvm::Error translatePylayer(const pir::Op &op);
  /// cf.yield of a pd_op.if, pd_op.while or pd_op.pylayer region: assigns
  /// to the region's variables (a while's: the condition, then the loop
  /// variables).
  llvm::Error translateYield(const pir::Op &op);
  /// Emits `assign(x) -> out` in `block`.
  void assign(const pir::Op &op, StringRef x, StringRef out) {
    proto::OpDesc &d = newOp(op, "assign");
    d.set_type("assign");
    auto *in = d.add_inputs();
    in->set_parameter("X");
    in->add_arguments(x.str());
    auto *o = d.add_outputs();
    o->set_parameter("Out");
    o->add_arguments(out.str());
  }
  /// A variable of `block` that is not a tensor (the conditional_block's
  /// scope).
  void addScopeVar(const std::string &name) {
    varNames.insert(name);
    proto::VarDesc *v = block->add_vars();
    v->set_name(name);
    v->mutable_type()->set_type(proto::VarType::STEP_SCOPES);
  }
  /// The type of value `id` (an op result or a while body's block
  /// argument), or null.
  const pir::Type *typeOf(int64_t id) const {
    for (const pir::Value &a : blockArgs)
      if (a.id == id)
        return &a.type;
    auto p = producers.find(id);
    if (p == producers.end())
      return nullptr;
    for (const pir::Value &r : p->second->results)
      if (r.id == id)
        return &r.type;
    return nullptr;
  }
  llvm::Error translateOp(const pir::Op &op, const PirOpSpec &spec);
  llvm::Error translateConstant(const pir::Op &op);
  llvm::Error setAttr(proto::OpDesc::Attr &out, const AttrSpec &spec,
                      const pir::Attr &at, const pir::Op &op,
                      StringRef pirName);
  llvm::Error setConstAttr(proto::OpDesc::Attr &out, const AttrSpec &spec,
                           const Constant &c, const pir::Op &op,
                           StringRef pirName);
  /// The constant an operand carries (full, full_int_array, or a combine
  /// of one-element constants), or null.
  const Constant *constantOf(int64_t id, Constant &scratch) const;
  /// "<base>_<n>", made unique against the names taken so far (a feed
  /// may already be called "relu_5").
  std::string freshName(StringRef base, int64_t n) {
    // "<base>_<n>" (one per result: not through Twine::str, which is slow).
    char digits[24];
    char *end = std::to_chars(digits, std::end(digits), n).ptr;
    std::string name;
    name.reserve(base.size() + 1 + (end - digits));
    name.append(base.data(), base.size()).append(1, '_').append(digits, end);
    for (int k = 1; varNames.contains(name); ++k)
      name = (base + "_" + llvm::Twine(n) + "." + llvm::Twine(k)).str();
    return name;
  }
  /// The variable for result `id`: the fetch name it is saved under when
  /// that is still free, else a fresh "<base>_<id>".
  std::string resultName(StringRef base, int64_t id) {
    auto pref = preferred.find(id);
    if (pref != preferred.end() && !varNames.contains(pref->second))
      return pref->second;
    return freshName(base, id);
  }
  /// Declares the variable of result `r` of a region op (pd_op.if, while,
  /// pylayer), which must be a dense tensor (`what`: the results' name in
  /// the message).
  llvm::Expected<std::string> declareRegionResult(const pir::Op &op,
                                                  const pir::Value &r,
                                                  StringRef base,
                                                  StringRef what) {
    if (r.type.kind != pir::Type::Kind::DenseTensor)
      return fail(op, "result %" + llvm::Twine(r.id) +
                          " is not a dense tensor; Oar imports " + what +
                          " that are tensors");
    std::string var = resultName(base, r.id);
    if (auto err = addVar(var, r.type, op, false))
      return std::move(err);
    return var;
  }
  /// A new, empty sub-block of the current block.
  proto::BlockDesc *newSubBlock() {
    proto::BlockDesc *blk = desc->add_blocks();
    blk->set_idx(desc->blocks_size() - 1);
    blk->set_parent_idx(block->idx());
    return blk;
  }
  /// Translates region block `body` into `into` (the current block when
  /// null), its cf.yield assigning `targets`; true when the block ended
  /// with that cf.yield.
  llvm::Expected<bool> translateRegion(const pir::Block &body,
                                       proto::BlockDesc *into,
                                       const std::vector<std::string> &targets) {
    proto::BlockDesc *savedBlock = block;
    const std::vector<std::string> *savedTargets = yieldTargets;
    bool savedYielded = yielded;
    if (into)
      block = into;
    yieldTargets = &targets;
    yielded = false;
    llvm::Error err = translateBlock(body);
    bool ended = yielded;
    block = savedBlock;
    yieldTargets = savedTargets;
    yielded = savedYielded;
    if (err)
      return std::move(err);
    return ended;
  }
  proto::OpDesc &newOp(const pir::Op &op, StringRef type) {
    // Locations of ops in sub-blocks are their index there; ops of an
    // inlined pylayer region are located at the pylayer, named
    // "pd_op.tanh in pd_op.pylayer".
    if (block->idx() == 0) {
      sourceIndices.push_back(inlinedIn ? inlinedIn->index : op.index);
      sourceNames.push_back(inlinedIn
                                ? (op.name + " in " + inlinedIn->name).str()
                                : op.name.str());
    }
    return *block->add_ops();
  }

  const pir::Module &module;
  /// The ProgramDesc and its messages live in one arena (owned by the
  /// Program through `desc`): building them one heap allocation each cost
  /// more than the protobuf decoding of the legacy format.
  std::shared_ptr<google::protobuf::Arena> arena;
  std::shared_ptr<proto::ProgramDesc> desc;
  proto::BlockDesc *block = nullptr;
  std::vector<int> sourceIndices;
  std::vector<std::string> sourceNames;
  /// Value id -> variable name (vectors: their elements' names).
  llvm::DenseMap<int64_t, std::string> names;
  llvm::DenseMap<int64_t, std::vector<int64_t>> combines;
  llvm::DenseMap<int64_t, std::vector<std::string>> vectors;
  llvm::DenseMap<int64_t, Constant> constants;
  /// Constants already materialized as legacy ops, with the blocks they
  /// were materialized in (a sub-block's copy is not seen by its parent).
  llvm::DenseMap<int64_t, llvm::SmallVector<int, 1>> emitted;
  /// The variables the cf.yield of the region being translated assigns,
  /// and whether it has been seen; null outside an if region.
  const std::vector<std::string> *yieldTargets = nullptr;
  bool yielded = false;
  /// The outermost pd_op.pylayer whose region is being inlined, or null.
  const pir::Op *inlinedIn = nullptr;
  /// Block arguments of the while bodies translated so far.
  std::vector<pir::Value> blockArgs;
  llvm::DenseMap<int64_t, const pir::Op *> producers;
  /// Values fetched, named after their fetch (the model's output names).
  llvm::DenseMap<int64_t, std::string> preferred;
  llvm::DenseMap<std::pair<int64_t, unsigned>, std::string> preferredElements;
  /// Bump-allocated: thousands of names, freed together.
  llvm::StringSet<llvm::BumpPtrAllocator> varNames;
  std::vector<std::pair<int, std::string>> feeds, fetches;
  int feedCol = 0;

  // Op table lookups, once per distinct op. Op names are interned in the
  // module (pir::Module::ids), so their data pointer identifies them.
  /// isImportablePirOp of op name `name`.
  bool isImportable(StringRef name) {
    auto [it, inserted] = importable.try_emplace(name.data());
    if (inserted)
      it->second = isImportablePirOp(name);
    return it->second;
  }
  /// The op table row of `pd_op` op `name` and its name there (an in-place
  /// op's without the trailing `_`); a null row when the table lacks it.
  std::pair<StringRef, const PirOpSpec *> pirOpOf(StringRef name) {
    auto [it, inserted] = pirOps.try_emplace(name.data());
    if (inserted) {
      StringRef pirName = name.drop_front(strlen("pd_op."));
      const PirOpSpec *spec = lookupPirOp(pirName);
      if (!spec) {
        pirName = pirName.drop_back(); // in-place: relu_ -> relu
        spec = lookupPirOp(pirName);
      }
      it->second = {pirName, spec};
    }
    return it->second;
  }
  llvm::DenseMap<const char *, bool> importable;
  llvm::DenseMap<const char *, std::pair<StringRef, const PirOpSpec *>>
      pirOps;
  llvm::DenseMap<const PirOpSpec *, const LegacyOpSpec *> legacyOps;
};

llvm::Error Translator::checkSupported(const pir::Block &block) {
  struct Unsupported {
    int count = 0;
    int first = 0;
    bool controlFlow = false;
  };
  llvm::MapVector<StringRef, Unsupported> unsupported;
  // pd_op.if is translated with its regions (which end with cf.yield).
  std::function<void(const pir::Block &)> scan =
      [&](const pir::Block &blk) {
        for (const pir::Op &op : blk.ops) {
          if (op.name == "pd_op.if" || op.name == "pd_op.while" ||
              op.name == "pd_op.pylayer") {
            for (const pir::Region &r : op.regions)
              for (const pir::Block &b : r.blocks)
                scan(b);
            continue;
          }
          if (op.regions.empty() && isImportable(op.name))
            continue;
          auto [it, inserted] = unsupported.try_emplace(op.name);
          if (inserted)
            it->second.first = op.index;
          ++it->second.count;
          it->second.controlFlow |= !op.regions.empty();
        }
      };
  scan(block);
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

/// Whether value `id` is read somewhere in `ops` (nested regions included)
/// other than as a loop-variable operand of a pd_op.while; `used` is set
/// when it is read at all.
static bool hasNonLoopVarUse(llvm::ArrayRef<pir::Op> ops, int64_t id,
                             bool &used) {
  for (const pir::Op &op : ops) {
    for (unsigned i = 0; i < op.operands.size(); ++i) {
      if (op.operands[i] != id)
        continue;
      used = true;
      if (op.name != "pd_op.while" || i == 0)
        return true;
    }
    for (const pir::Region &r : op.regions)
      for (const pir::Block &b : r.blocks)
        if (hasNonLoopVarUse(b.ops, id, used))
          return true;
  }
  return false;
}

/// Whether `op`, a pd_op.full of `blk` whose constant is `c`, is the
/// placeholder Paddle 3's to_static gives a variable first assigned inside a
/// `while` (`create_fake_value_for_undefined_var` in
/// paddle/static/nn/control_flow.py): `full(shape=[], fill_value=0)` of the
/// variable's dtype whose result type is then set to the variable's type,
/// passed to the pd_op.while as the loop variable's initial value. So: shape
/// `[]`, value 0, a dense tensor result of rank >= 1 and the same dtype,
/// read only as loop-variable operands of pd_op.while ops.
static bool isWhilePlaceholder(const pir::Op &op, const pir::Block &blk,
                               const Constant &c) {
  const pir::Type &t = op.results[0].type;
  if (!c.shape.empty() || c.values.size() != 1 || c.values[0] != 0.0 ||
      t.kind != pir::Type::Kind::DenseTensor || t.dims.empty() ||
      t.dtype != c.dtype)
    return false;
  bool used = false;
  return !hasNonLoopVarUse(blk.ops, op.results[0].id, used) && used;
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
    t->mutable_dims()->Add(type.dims.begin(), type.dims.end());
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
  t->mutable_dims()->Add(type.dims.begin(), type.dims.end());
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
llvm::Expected<std::string> Translator::varOf(const pir::Op &op, unsigned i,
                                              int64_t id) {
  auto it = names.find(id);
  if (it == names.end()) {
    if (combines.count(id) || vectors.count(id))
      return fail(op, "operand #" + llvm::Twine(i) + " (value %" +
                          llvm::Twine(id) +
                          ") is a list where one tensor is expected");
    return fail(op, "operand #" + llvm::Twine(i) + " reads value %" +
                        llvm::Twine(id) + ", which no earlier op defines");
  }
  if (constants.count(id)) {
    // Materialized where this block, or a block enclosing it, sees it.
    llvm::SmallVector<int, 1> &in = emitted[id];
    bool seen = false;
    for (int b = block->idx(); b >= 0 && !seen;
         b = desc->blocks(b).parent_idx())
      seen = llvm::is_contained(in, b);
    if (!seen) {
      in.push_back(block->idx());
      if (auto err = translateConstant(*producers[id]))
        return std::move(err);
    }
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
                                const pir::Attr &at, const pir::Op &op,
                                StringRef pirName) {
  a.set_name(spec.paddle);
  StringRef id = at.id;
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
      if (at.kind == pir::Attr::Kind::List && at.list.size() >= 2)
        n = at.list[1].asNumber();
    } else {
      n = at.asNumber();
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
    std::optional<StringRef> s = at.asString();
    if (!s)
      return mismatch();
    a.set_type(proto::STRING);
    a.set_s(s->str());
    return llvm::Error::success();
  }
  case AttrKind::StrArray: {
    if (at.kind != pir::Attr::Kind::List)
      return mismatch();
    a.set_type(proto::STRINGS);
    for (const pir::Attr &e : at.list) {
      std::optional<StringRef> s = e.asString();
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
    auto v = at.asNumbers();
    if (!v)
      return mismatch();
    Constant c;
    c.values = std::move(*v);
    return setConstAttr(a, spec, c, op, pirName);
  }
  case AttrKind::DType: {
    std::optional<StringRef> s = at.asString();
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

namespace {
/// The variables of an op's input slots, in the order the slots are first
/// named (a MapVector's order; an op has a handful of slots, so a linear
/// scan, without hashing).
class SlotVars {
public:
  using Entry = std::pair<StringRef, std::vector<std::string>>;
  bool count(StringRef slot) const {
    return llvm::any_of(entries,
                        [&](const Entry &e) { return e.first == slot; });
  }
  std::vector<std::string> &operator[](StringRef slot) {
    for (Entry &e : entries)
      if (e.first == slot)
        return e.second;
    return entries.emplace_back(slot, std::vector<std::string>()).second;
  }
  Entry *begin() { return entries.begin(); }
  Entry *end() { return entries.end(); }

private:
  llvm::SmallVector<Entry, 4> entries;
};
} // namespace

llvm::Error Translator::translateOp(const pir::Op &op, const PirOpSpec &spec) {
  auto [legacyIt, newSpec] = legacyOps.try_emplace(&spec);
  if (newSpec)
    legacyIt->second = lookupLegacyOp(spec.legacyType);
  const LegacyOpSpec *legacy = legacyIt->second;
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
      if (!name.empty() && name[0] == s.paddle[0] && name == s.paddle)
        return &s;
    return nullptr;
  };

  // Inputs first (constants they read are materialized before the op).
  SlotVars inputs;
  // In the arena, so that the OpDesc takes them without a copy.
  llvm::SmallVector<proto::OpDesc::Attr *, 8> attrs;
  auto newAttr = [&]() -> proto::OpDesc::Attr & {
    return *attrs.emplace_back(
        google::protobuf::Arena::CreateMessage<proto::OpDesc::Attr>(
            arena.get()));
  };
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
      proto::OpDesc::Attr &a = newAttr();
      if (auto err = setConstAttr(a, *as, *c, op, os.name))
        return err;
      // reduce ops: PIR's empty axis list means all axes.
      if (c->values.empty() && attrSpec("reduce_all")) {
        proto::OpDesc::Attr &r = newAttr();
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
      // A list whose legacy slot op_compat.yaml names otherwise
      // (`tensors_name`: expand_v2's shape list is `expand_shapes_tensor`,
      // tile's `repeat_times_tensor`): the free list slot whose name holds
      // the operand's, underscores and case aside.
      if (slot.empty() && isList) {
        auto squash = [](StringRef n) {
          std::string out;
          for (char ch : n)
            if (ch != '_')
              out += llvm::toLower(ch);
          return out;
        };
        std::string want = squash(os.name);
        for (const SlotSpec &ss :
             llvm::ArrayRef(legacy->inputs, legacy->numInputs))
          if (ss.kind == SlotKind::Variadic && !inputs.count(ss.paddle) &&
              StringRef(squash(ss.paddle)).contains(want)) {
            slot = ss.paddle;
            break;
          }
      }
      if (slot.empty())
        return fail(op, "operand '" + StringRef(os.name) + "' (value %" +
                            llvm::Twine(id) +
                            ") is computed at run time; Oar imports it only "
                            "as a constant here");
    } else {
      // PIR-only operands that inference does not read (rnn's
      // dropout_state_in): the table maps them to no slot.
      if (!os.slot)
        continue;
      slot = os.slot;
    }
    std::vector<std::string> &vars = inputs[slot];
    if (isList) {
      auto comb = combines.find(id);
      if (comb != combines.end()) {
        for (int64_t e : comb->second) {
          auto v = varOf(op, i, e);
          if (!v)
            return v.takeError();
          vars.push_back(std::move(*v));
        }
      } else {
        for (const std::string &v : vectors[id])
          vars.push_back(v);
      }
    } else {
      auto v = varOf(op, i);
      if (!v)
        return v.takeError();
      vars.push_back(std::move(*v));
    }
  }

  // PIR's deformable_conv has an optional mask; without one it is the
  // legacy deformable_conv_v1 (same slots and attributes, no Mask).
  StringRef type = spec.legacyType;
  if (type == "deformable_conv" && !inputs.count("Mask"))
    type = "deformable_conv_v1";
  proto::OpDesc &d = newOp(op, type);
  d.set_type(type.str());
  for (auto &[slot, vars] : inputs) {
    auto *in = d.add_inputs();
    in->set_parameter(slot.str());
    for (std::string &v : vars)
      in->add_arguments(std::move(v));
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
    // The first character before the whole name: most differ there.
    for (const PirAttrSpec &s : llvm::ArrayRef(spec.attrs, spec.numAttrs))
      if (!name.empty() && name[0] == s.name[0] && name == s.name)
        ps = &s;
    // Attributes Paddle's op definition lacks (struct_name, op_callstack,
    // dist attributes) and PIR-only ones (place) carry nothing Oar needs.
    if (!ps || !ps->legacy)
      continue;
    const AttrSpec *as = attrSpec(ps->legacy);
    if (!as)
      continue;
    proto::OpDesc::Attr &a = newAttr();
    if (auto err = setAttr(a, *as, at, op, name))
      return err;
  }
  if (spec.fixedBoolAttr) {
    proto::OpDesc::Attr &a = newAttr();
    a.set_name(spec.fixedBoolAttr);
    a.set_type(proto::BOOLEAN);
    a.set_b(spec.fixedBoolValue);
  }
  // PIR's cast has only the result dtype; the legacy op also names the
  // input's.
  if (StringRef(spec.legacyType) == "cast" && !op.operands.empty()) {
    const pir::Type *t = typeOf(op.operands[0]);
    if (t && t->dtype >= 0) {
      proto::OpDesc::Attr &a = newAttr();
      a.set_name("in_dtype");
      a.set_type(proto::INT);
      a.set_i(t->dtype);
    }
  }
  for (proto::OpDesc::Attr *a : attrs)
    d.mutable_attrs()->AddAllocated(a);
  return llvm::Error::success();
}

llvm::Error Translator::translateYield(const pir::Op &op) {
  if (!yieldTargets)
    return fail(op, "is not the end of a pd_op.if, pd_op.while or "
                    "pd_op.pylayer region");
  if (op.operands.size() != yieldTargets->size())
    return fail(op, "yields " + llvm::Twine(op.operands.size()) +
                        " values; its region expects " +
                        llvm::Twine(yieldTargets->size()));
  // A yielded block argument is a loop variable, which an earlier assign
  // may overwrite: it goes through a copy first.
  std::vector<std::string> from;
  for (unsigned i = 0; i < op.operands.size(); ++i) {
    if (op.operands[i] == 0)
      return fail(op, "yields an absent value");
    auto v = varOf(op, i);
    if (!v)
      return v.takeError();
    from.push_back(*v);
    if (op.operands[i] < 0) {
      const proto::VarDesc *src = nullptr;
      for (const proto::BlockDesc &b : desc->blocks())
        for (const proto::VarDesc &var : b.vars())
          if (var.name() == *v)
            src = &var;
      std::string copy = freshName(*v, -op.operands[i]);
      varNames.insert(copy);
      proto::VarDesc *var = block->add_vars();
      if (src)
        *var = *src;
      var->set_name(copy);
      assign(op, *v, copy);
      from.back() = copy;
    }
  }
  for (unsigned i = 0; i < from.size(); ++i)
    assign(op, from[i], (*yieldTargets)[i]);
  yielded = true;
  return llvm::Error::success();
}

llvm::Error Translator::translateWhile(const pir::Op &op) {
  if (op.operands.empty() || op.operands[0] == 0)
    return fail(op, "expected the condition as operand #0");
  if (op.regions.size() != 1 || op.regions[0].blocks.size() != 1)
    return fail(op, "expected one region of one block");
  const pir::Block &body = op.regions[0].blocks[0];
  size_t n = op.operands.size() - 1;
  if (body.args.size() != n || op.results.size() != n)
    return fail(op, "has " + llvm::Twine(n) + " loop values, " +
                        llvm::Twine(body.args.size()) +
                        " block arguments and " +
                        llvm::Twine(op.results.size()) + " results");
  const pir::Type *condType = typeOf(op.operands[0]);
  if (!condType || condType->kind != pir::Type::Kind::DenseTensor)
    return fail(op, "the condition is not a tensor");
  int64_t tag = op.results.empty() ? op.operands[0] : op.results[0].id;

  // The condition and loop variables, assigned their initial values.
  std::vector<std::string> targets;
  targets.push_back(freshName("while_cond", tag));
  if (auto err = addVar(targets[0], *condType, op, false))
    return err;
  for (size_t k = 0; k < n; ++k) {
    auto var = declareRegionResult(op, op.results[k], "while", "loop values");
    if (!var)
      return var.takeError();
    targets.push_back(*var);
  }
  for (size_t k = 0; k <= n; ++k) {
    if (op.operands[k] == 0)
      return fail(op, "operand #" + llvm::Twine(k) + " is absent");
    auto v = varOf(op, k);
    if (!v)
      return v.takeError();
    assign(op, *v, targets[k]);
  }
  for (size_t k = 0; k < n; ++k) {
    names[body.args[k].id] = targets[k + 1];
    blockArgs.push_back(body.args[k]);
  }

  proto::BlockDesc *blk = newSubBlock();
  auto ended = translateRegion(body, blk, targets);
  if (!ended)
    return ended.takeError();
  if (!*ended)
    return fail(op, "the body does not end with cf.yield");

  std::string scope = freshName("while_scope", tag);
  addScopeVar(scope);
  proto::OpDesc &d = newOp(op, "while");
  d.set_type("while");
  auto *x = d.add_inputs();
  x->set_parameter("X");
  for (size_t k = 1; k <= n; ++k)
    x->add_arguments(targets[k]);
  auto *c = d.add_inputs();
  c->set_parameter("Condition");
  c->add_arguments(targets[0]);
  auto *out = d.add_outputs();
  out->set_parameter("Out");
  for (size_t k = 1; k <= n; ++k)
    out->add_arguments(targets[k]);
  auto *sc = d.add_outputs();
  sc->set_parameter("StepScopes");
  sc->add_arguments(scope);
  auto *sub = d.add_attrs();
  sub->set_name("sub_block");
  sub->set_type(proto::BLOCK);
  sub->set_block_idx(blk->idx());
  auto *test = d.add_attrs();
  test->set_name("is_test");
  test->set_type(proto::BOOLEAN);
  test->set_b(true);
  // After the loop the results are the loop variables.
  for (size_t k = 0; k < n; ++k)
    names[op.results[k].id] = targets[k + 1];
  return llvm::Error::success();
}

llvm::Error Translator::translateArrayOp(const pir::Op &op) {
  StringRef name = op.name.drop_front(strlen("pd_op."));
  if (name == "create_array") {
    if (op.results.size() != 1 ||
        op.results[0].type.kind != pir::Type::Kind::TensorArray)
      return fail(op, "expected one tensor-array result");
    std::string var = freshName("array", op.results[0].id);
    names[op.results[0].id] = var;
    return addVar(var, op.results[0].type, op, false);
  }
  // Operands (by PIR position) and their legacy slots; results likewise.
  struct Slots {
    StringRef legacy;
    std::vector<StringRef> in, out;
  };
  Slots s = llvm::StringSwitch<Slots>(name)
                .Case("array_write_", {"write_to_array", {"", "X", "I"},
                                       {"Out"}})
                .Case("array_read", {"read_from_array", {"X", "I"}, {"Out"}})
                .Case("array_length", {"lod_array_length", {"X"}, {"Out"}})
                .Case("array_to_tensor", {"tensor_array_to_tensor", {"X"},
                                          {"Out", "OutIndex"}})
                .Default({});
  if (op.operands.size() != s.in.size() || op.results.size() != s.out.size())
    return fail(op, "has " + llvm::Twine(op.operands.size()) +
                        " operands and " + llvm::Twine(op.results.size()) +
                        " results; expected " + llvm::Twine(s.in.size()) +
                        " and " + llvm::Twine(s.out.size()));
  std::vector<std::string> ins;
  for (unsigned i = 0; i < op.operands.size(); ++i) {
    if (op.operands[i] == 0)
      return fail(op, "operand #" + llvm::Twine(i) + " is absent");
    auto v = varOf(op, i);
    if (!v)
      return v.takeError();
    ins.push_back(*v);
  }
  std::vector<std::string> outs;
  for (unsigned i = 0; i < op.results.size(); ++i) {
    const pir::Value &r = op.results[i];
    if (name == "array_write_") {
      // In place: the result is the array variable itself.
      names[r.id] = ins[0];
      outs.push_back(ins[0]);
      continue;
    }
    std::string var = resultName(name, r.id);
    names[r.id] = var;
    if (auto err = addVar(var, r.type, op, false))
      return err;
    outs.push_back(var);
  }
  proto::OpDesc &d = newOp(op, s.legacy);
  d.set_type(s.legacy.str());
  for (unsigned i = 0; i < ins.size(); ++i) {
    if (s.in[i].empty())
      continue;
    auto *in = d.add_inputs();
    in->set_parameter(s.in[i].str());
    in->add_arguments(ins[i]);
  }
  for (unsigned i = 0; i < outs.size(); ++i) {
    auto *out = d.add_outputs();
    out->set_parameter(s.out[i].str());
    out->add_arguments(outs[i]);
  }
  for (StringRef attr : {"axis", "use_stack"}) {
    const pir::Attr *a = op.findAttr(attr);
    if (!a)
      continue;
    proto::OpDesc::Attr &o = *d.add_attrs();
    o.set_name(attr.str());
    if (attr == "axis") {
      std::optional<double> n = a->asNumber();
      if (!n)
        return fail(op, "attribute 'axis' is not a number");
      o.set_type(proto::INT);
      o.set_i(static_cast<int>(*n));
    } else {
      if (a->kind != pir::Attr::Kind::Bool)
        return fail(op, "attribute 'use_stack' is not a bool");
      o.set_type(proto::BOOLEAN);
      o.set_b(a->boolean);
    }
  }
  return llvm::Error::success();
}

llvm::Error Translator::translatePylayer(const pir::Op &op) {
  if (op.regions.size() != 1 || op.regions[0].blocks.size() != 1)
    return fail(op, "expected one region (the forward function) of one "
                    "block");
  if (!op.regions[0].blocks[0].args.empty())
    return fail(op, "the forward region has " +
                        llvm::Twine(op.regions[0].blocks[0].args.size()) +
                        " block arguments; Paddle writes none (the region "
                        "reads the enclosing values)");
  std::vector<std::string> outs;
  for (const pir::Value &r : op.results) {
    auto var = declareRegionResult(op, r, "pylayer", "pylayer results");
    if (!var)
      return var.takeError();
    names[r.id] = *var;
    outs.push_back(*var);
  }
  // The region reads the enclosing values by id, as the op's operands list
  // them: its ops go where the pylayer is.
  const pir::Op *savedInlined = inlinedIn;
  if (!inlinedIn)
    inlinedIn = &op;
  auto ended = translateRegion(op.regions[0].blocks[0], nullptr, outs);
  inlinedIn = savedInlined;
  if (!ended)
    return ended.takeError();
  if (!*ended)
    return fail(op, "the forward region does not end with cf.yield");
  return llvm::Error::success();
}

llvm::Error Translator::translateIf(const pir::Op &op) {
  if (op.operands.size() != 1 || op.operands[0] == 0)
    return fail(op, "expected one operand, the condition");
  if (op.regions.size() != 2 || op.regions[0].blocks.size() != 1 ||
      op.regions[1].blocks.size() != 1)
    return fail(op, "expected two regions of one block each");
  const pir::Type *condType = typeOf(op.operands[0]);
  if (!condType || condType->kind != pir::Type::Kind::DenseTensor)
    return fail(op, "the condition is not a tensor an op produces");
  auto cond = varOf(op, 0);
  if (!cond)
    return cond.takeError();
  int64_t n = op.results.empty() ? op.operands[0] : op.results[0].id;

  // The results, and each branch's variables for them (in this block, as
  // paddle.static.nn.cond declares them).
  std::vector<std::string> outs, branch[2];
  for (const pir::Value &r : op.results) {
    auto var = declareRegionResult(op, r, "if", "if results");
    if (!var)
      return var.takeError();
    names[r.id] = *var;
    outs.push_back(*var);
    for (int b = 0; b < 2; ++b) {
      branch[b].push_back(freshName(b == 0 ? "if_true" : "if_false", r.id));
      if (auto err = addVar(branch[b].back(), r.type, op, false))
        return err;
    }
  }
  std::string notCond = freshName("if_not", n);
  if (auto err = addVar(notCond, *condType, op, false))
    return err;
  pir::Type maskType = *condType;
  maskType.dtype = 2; // int32
  std::string mask = freshName("if_mask", n);
  if (auto err = addVar(mask, maskType, op, false))
    return err;

  // The branches.
  int sub[2];
  for (int b = 0; b < 2; ++b) {
    proto::BlockDesc *blk = newSubBlock();
    sub[b] = blk->idx();
    auto ended = translateRegion(op.regions[b].blocks[0], blk, branch[b]);
    if (!ended)
      return ended.takeError();
    if (!*ended && !op.results.empty())
      return fail(op, llvm::Twine(b == 0 ? "the true" : "the false") +
                          " region does not end with cf.yield");
  }

  auto conditional = [&](StringRef c, int b) {
    std::string scope = freshName("if_scope", n);
    addScopeVar(scope);
    proto::OpDesc &d = newOp(op, "conditional_block");
    d.set_type("conditional_block");
    auto *in = d.add_inputs();
    in->set_parameter("Cond");
    in->add_arguments(c.str());
    auto *out = d.add_outputs();
    out->set_parameter("Out");
    for (const std::string &v : branch[b])
      out->add_arguments(v);
    auto *sc = d.add_outputs();
    sc->set_parameter("Scope");
    sc->add_arguments(scope);
    auto *isScalar = d.add_attrs();
    isScalar->set_name("is_scalar_condition");
    isScalar->set_type(proto::BOOLEAN);
    isScalar->set_b(true);
    auto *blk = d.add_attrs();
    blk->set_name("sub_block");
    blk->set_type(proto::BLOCK);
    blk->set_block_idx(sub[b]);
  };
  auto unary = [&](StringRef type, StringRef x, StringRef out) {
    proto::OpDesc &d = newOp(op, type);
    d.set_type(type.str());
    auto *in = d.add_inputs();
    in->set_parameter("X");
    in->add_arguments(x.str());
    auto *o = d.add_outputs();
    o->set_parameter("Out");
    o->add_arguments(out.str());
    return &d;
  };
  conditional(*cond, 0);
  unary("logical_not", *cond, notCond);
  conditional(notCond, 1);
  proto::OpDesc *cast = unary("cast", *cond, mask);
  for (auto [name, value] : {std::pair<StringRef, int>{"in_dtype", 0},
                             {"out_dtype", 2}}) {
    auto *a = cast->add_attrs();
    a->set_name(name.str());
    a->set_type(proto::INT);
    a->set_i(value);
  }
  for (unsigned i = 0; i < outs.size(); ++i) {
    proto::OpDesc &d = newOp(op, "select_input");
    d.set_type("select_input");
    auto *m = d.add_inputs();
    m->set_parameter("Mask");
    m->add_arguments(mask);
    auto *x = d.add_inputs();
    x->set_parameter("X");
    x->add_arguments(branch[1][i]);
    x->add_arguments(branch[0][i]);
    auto *o = d.add_outputs();
    o->set_parameter("Out");
    o->add_arguments(outs[i]);
  }
  return llvm::Error::success();
}

llvm::Error Translator::translateBlock(const pir::Block &blk) {
  auto check = [&](const pir::Op &op) -> llvm::Error {
    for (unsigned i = 0; i < op.operands.size(); ++i) {
      int64_t id = op.operands[i];
      if (id != 0 && !producers.count(id) && !(id < 0 && names.count(id)))
        return fail(op, "operand #" + llvm::Twine(i) + " reads value %" +
                            llvm::Twine(id) +
                            ", which no earlier op defines");
    }
    return define(op);
  };

  for (const pir::Op &op : blk.ops) {
    if (auto err = check(op))
      return std::move(err);
    StringRef name = op.name;
    auto strAttr = [&](StringRef n) -> std::optional<StringRef> {
      const pir::Attr *a = op.findAttr(n);
      return a ? a->asString() : std::nullopt;
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
    // pd_op.feed: what Paddle's legacy-to-PIR translator writes for a feed
    // (a program converted from a .pdmodel and saved as .json).
    if (name == "pd_op.data" || name == "pd_op.feed") {
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
      // pd_op.data feeds in file order; a translated pd_op.feed keeps its
      // legacy column (legacy programs list their feeds last column
      // first).
      const pir::Attr *colAttr =
          name == "pd_op.feed" ? op.findAttr("col") : nullptr;
      std::optional<double> colNum =
          colAttr ? colAttr->asNumber() : std::nullopt;
      col->set_i(colNum ? static_cast<int>(*colNum) : feedCol);
      ++feedCol;
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
    if (name == "builtin.slice") {
      // One element of a list (the translator's form of a one-result
      // split).
      if (auto err = oneResult())
        return std::move(err);
      if (op.operands.size() != 1)
        return fail(op, "expected one operand");
      const pir::Attr *index = op.findAttr("index");
      std::optional<double> k = index ? index->asNumber() : std::nullopt;
      if (!k)
        return fail(op, "has no integer attribute 'index'");
      auto it = vectors.find(op.operands[0]);
      if (it == vectors.end())
        return fail(op, "slices value %" + llvm::Twine(op.operands[0]) +
                            ", which is not a list an imported op produced");
      if (*k < 0 || *k >= it->second.size())
        return fail(op, "index " + llvm::Twine(static_cast<int64_t>(*k)) +
                            " is out of a list of " +
                            llvm::Twine(it->second.size()));
      names[op.results[0].id] = it->second[static_cast<size_t>(*k)];
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
      const pir::Attr *dt = op.findAttr("dtype");
      std::optional<StringRef> dts = dt ? dt->asString() : std::nullopt;
      c.dtype = dts ? phiDType(*dts) : (name == "pd_op.full" ? 5 : 3);
      if (c.dtype < 0)
        return fail(op, "has an unknown or missing dtype");
      c.isInt = c.dtype == 2 || c.dtype == 3;
      const pir::Attr *vals = op.findAttr(
          name == "pd_op.full" ? "value"
          : name == "pd_op.full_int_array" ? "value"
                                           : "values");
      if (!vals)
        return fail(op, "has no value attribute");
      if (name == "pd_op.full") {
        std::optional<double> n = vals->asNumber();
        if (!n)
          return fail(op, "attribute 'value' is not a number");
        c.values = {*n};
        const pir::Attr *shape = op.findAttr("shape");
        auto dims = shape ? shape->asNumbers() : std::nullopt;
        if (!dims)
          return fail(op, "has no shape attribute");
        for (double x : *dims)
          c.shape.push_back(static_cast<int64_t>(x));
        // Paddle overwrites a to_static placeholder before any use it runs:
        // import it as zeros of its result type, `?` dims as 1, as the
        // legacy importer does with the legacy form (an assign_value of
        // RETURN_NO_VALUE_MAGIC_NUM), docs/control-flow.md.
        const pir::Type &t = op.results[0].type;
        if (isWhilePlaceholder(op, blk, c))
          for (int64_t d : t.dims)
            c.shape.push_back(d < 0 ? 1 : d);
        else if (t.kind == pir::Type::Kind::DenseTensor &&
                 c.shape.size() != t.dims.size())
          return fail(
              op, "attribute 'shape' has " + llvm::Twine(c.shape.size()) +
                      " dims, but result %" + llvm::Twine(op.results[0].id) +
                      " has rank " + llvm::Twine(t.dims.size()) +
                      " (not a to_static placeholder: those have "
                      "value 0 and are only a pd_op.while's "
                      "loop-variable operands)");
      } else {
        auto v = vals->asNumbers();
        if (!v)
          return fail(op, "the value attribute is not a list of numbers");
        c.values = std::move(*v);
        if (name == "pd_op.full_int_array") {
          c.shape = {static_cast<int64_t>(c.values.size())};
        } else {
          const pir::Attr *shape = op.findAttr("shape");
          auto dims = shape ? shape->asNumbers() : std::nullopt;
          if (!dims)
            return fail(op, "has no shape attribute");
          for (double x : *dims)
            c.shape.push_back(static_cast<int64_t>(x));
        }
      }
      std::string var = freshName(shortName(op.name), op.results[0].id);
      names[op.results[0].id] = var;
      if (auto err = addVar(var, op.results[0].type, op, false))
        return std::move(err);
      constants[op.results[0].id] = std::move(c);
      continue;
    }

    if (name == "pd_op.if") {
      if (auto err = translateIf(op))
        return std::move(err);
      continue;
    }
    if (name == "pd_op.create_array" || name == "pd_op.array_write_" ||
        name == "pd_op.array_read" || name == "pd_op.array_length" ||
        name == "pd_op.array_to_tensor") {
      if (auto err = translateArrayOp(op))
        return std::move(err);
      continue;
    }
    if (name == "pd_op.while") {
      if (auto err = translateWhile(op))
        return std::move(err);
      continue;
    }
    if (name == "pd_op.pylayer") {
      if (auto err = translatePylayer(op))
        return std::move(err);
      continue;
    }
    if (name == "cf.yield") {
      if (auto err = translateYield(op))
        return std::move(err);
      continue;
    }

    auto [pirName, spec] = pirOpOf(name);
    for (unsigned i = 0; i < op.results.size(); ++i) {
      const pir::Value &r = op.results[i];
      std::string var = resultName(pirName, r.id);
      if (r.type.kind == pir::Type::Kind::Vector) {
        std::vector<std::string> &elems = vectors[r.id];
        for (unsigned e = 0; e < r.type.elements.size(); ++e) {
          auto pe = preferredElements.find({r.id, e});
          elems.push_back(pe != preferredElements.end() &&
                                  !varNames.contains(pe->second)
                              ? pe->second
                              : freshName(var, e));
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
  return llvm::Error::success();
}

llvm::Expected<Program> Translator::run() {
  if (module.regions.size() != 1 || module.regions[0].blocks.size() != 1)
    return failFile("the program has " + llvm::Twine(module.regions.size()) +
                    " top-level regions; expected one with one block");
  const pir::Block &top = module.regions[0].blocks[0];
  if (auto err = checkSupported(top))
    return std::move(err);

  arena = std::make_shared<google::protobuf::Arena>();
  desc = std::shared_ptr<proto::ProgramDesc>(
      arena,
      google::protobuf::Arena::CreateMessage<proto::ProgramDesc>(arena.get()));
  block = desc->add_blocks();
  block->set_idx(0);
  block->set_parent_idx(-1);
  // Most values are top-level op results: the maps sized once for them.
  size_t numResults = 0;
  for (const pir::Op &op : top.ops)
    numResults += op.results.size();
  names.reserve(numResults);
  producers.reserve(numResults);
  block->mutable_vars()->Reserve(numResults + 2);
  block->mutable_ops()->Reserve(top.ops.size());
  for (StringRef holder : {"feed", "fetch"}) {
    proto::VarDesc *v = block->add_vars();
    v->set_name(holder.str());
    v->set_persistable(true);
    v->mutable_type()->set_type(holder == "feed"
                                    ? proto::VarType::FEED_MINIBATCH
                                    : proto::VarType::FETCH_LIST);
    varNames.insert(holder);
  }


  for (const pir::Op &op : top.ops) {
    bool isFetch = op.name == "pd_op.fetch";
    if (!isFetch && op.name != "builtin.shadow_output")
      continue;
    const pir::Attr *a = op.findAttr(isFetch ? "name" : "output_name");
    std::optional<StringRef> n = a ? a->asString() : std::nullopt;
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

  if (auto err = translateBlock(top))
    return std::move(err);
  if (fetches.empty())
    return failFile("the program has no pd_op.fetch or "
                    "builtin.shadow_output: it computes nothing to return");
  if (feedCol == 0)
    return failFile("the program has no pd_op.data (or pd_op.feed) input");

  auto program = Program::fromDesc(module.path, desc);
  if (!program)
    return program.takeError();
  program->setSource(Program::Format::Pir, module.version,
                     std::move(sourceIndices), std::move(sourceNames));
  return program;
}

} // namespace

bool mlir::oar::paddle::isImportablePirOp(StringRef name) {
  if (llvm::is_contained({"builtin.parameter", "builtin.combine",
                          "builtin.split", "builtin.slice",
                          "builtin.shadow_output", "pd_op.data", "pd_op.feed",
                          "pd_op.fetch", "pd_op.full_int_array",
                          "pd_op.assign_value", "pd_op.assign_value_",
                          "pd_op.if", "pd_op.while", "pd_op.pylayer",
                          "cf.yield", "pd_op.create_array",
                          "pd_op.array_write_", "pd_op.array_read",
                          "pd_op.array_length", "pd_op.array_to_tensor"},
                         name))
    return true;
  if (!name.consume_front("pd_op."))
    return false;
  return lookupPirOp(name) ||
         (name.ends_with("_") && lookupPirOp(name.drop_back()));
}

llvm::Expected<Program> mlir::oar::paddle::parsePirProgram(StringRef path,
                                                           StringRef bytes) {
  auto module = pir::readModule(path, bytes);
  if (!module)
    return module.takeError();
  Translator translator(*module);
  return translator.run();
}
