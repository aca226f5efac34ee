//===- PirProgram.h - Reading Paddle 3.x PIR programs (.json) ----*- C++ -*-===//
//
// Paddle 3.x saves programs as PIR serialized to JSON (docs/pir-import.md).
// The reader decodes the JSON into regions, blocks and ops with value ids,
// types and attributes (PirModule), checking it as it goes; the translator
// turns the top-level block into the equivalent ProgramDesc through the
// generated PIR op table (PirOpTable.h), so that the importer, `oar inspect`
// and the parameter reader are shared with the legacy format:
//
//  * each `pd_op` op becomes the legacy op its `pd` op imports, its
//    positional operands, results and attributes renamed to the legacy
//    slots and attributes;
//  * operands that PIR passes as values but the legacy format keeps as
//    attributes (shapes, axes, scales: "mutable attributes") become the
//    attribute when a `pd_op.full`, `pd_op.full_int_array` or a
//    `builtin.combine` of them produces them, and the legacy tensor slot
//    otherwise;
//  * `builtin.combine` / `builtin.split` become the variable lists of
//    variadic slots; `pd_op.data`, `pd_op.fetch` and `builtin.shadow_output`
//    become feed and fetch ops; parameters become persistable variables
//    named after `parameter_name`, the key of their `.pdiparams` record.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_FRONTENDS_PADDLE_PIRPROGRAM_H
#define OAR_FRONTENDS_PADDLE_PIRPROGRAM_H

#include "frontends/paddle/Program.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir::oar::paddle::pir {

/// A value type. Dense tensors carry their element dtype (a Paddle
/// VarType number, -1 when Oar has none) and dims (-1 = dynamic).
struct Type {
  enum class Kind { DenseTensor, Vector, TensorArray, Other };
  Kind kind = Kind::Other;
  /// The type id, dialect expanded: "builtin.t_dtensor", ... (kept in
  /// Module::ids, as are all ids).
  llvm::StringRef id;
  int dtype = -1;
  llvm::StringRef dtypeId;
  /// Inline: a model has thousands of values, most of rank <= 4.
  llvm::SmallVector<int64_t, 4> dims;
  /// Vector elements.
  std::vector<Type> elements;
};

struct Value {
  int64_t id = 0;
  Type type;
};

/// An attribute (`{"#": id, "D": payload}`), decoded: Paddle writes
/// scalars (bool, integers, floats, and "VD" spellings of non-finite
/// floats), strings, and lists of attributes or of bare values.
struct Attr {
  /// The attribute id, dialect expanded ("builtin.a_f32"); empty for a bare
  /// value inside a list.
  llvm::StringRef id;
  enum class Kind { None, Bool, Int, Float, String, List };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;
  std::string string;
  std::vector<Attr> list;

  /// The value of a bool, integer or float attribute.
  std::optional<double> asNumber() const;
  /// The value of a string attribute.
  std::optional<llvm::StringRef> asString() const;
  /// The values of a list of numbers.
  std::optional<std::vector<double>> asNumbers() const;
};

struct Region;

struct Op {
  /// The op name with its dialect expanded: "pd_op.conv2d" (in
  /// Module::ids).
  llvm::StringRef name;
  /// Index in its block.
  int index = 0;
  /// Operand value ids; 0 = absent optional operand.
  std::vector<int64_t> operands;
  std::vector<Value> results;
  /// Attributes in file order, by name (in Module::ids).
  std::vector<std::pair<llvm::StringRef, Attr>> attrs;
  /// For parameters (`builtin.parameter`, compressed `p`): the name.
  std::string parameterName;
  std::vector<Region> regions;

  const Attr *findAttr(llvm::StringRef name) const;
};

struct Block {
  std::vector<Value> args;
  std::vector<Op> ops;
};

struct Region {
  std::vector<Block> blocks;
};

/// A decoded PIR program. Movable, not copyable: its ops' ids point into
/// its `ids`.
struct Module {
  Module() = default;
  Module(Module &&) = default;
  Module &operator=(Module &&) = default;
  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;

  std::string path;
  int64_t version = 0;
  bool trainable = false;
  std::vector<Region> regions;
  /// The expanded op, type and attribute ids and the attribute names the
  /// module's StringRefs point to (a few dozen distinct ones: interned
  /// rather than one string each).
  llvm::StringSet<> ids;
};

/// Decodes and checks the JSON `bytes` of `path` (with simdjson: llvm::json
/// builds a DenseMap of 64 buckets per JSON object, ~100x slower and 30x
/// larger on the tens of thousands of small objects of a model; see
/// docs/pir-import.md).
llvm::Expected<Module> readModule(llvm::StringRef path, llvm::StringRef bytes);

} // namespace mlir::oar::paddle::pir

namespace mlir::oar::paddle {

/// Whether the translator takes op `name` ("pd_op.conv2d", in-place
/// variants included) in a program's top-level block.
bool isImportablePirOp(llvm::StringRef name);

/// Reads a PIR program and translates it into a ProgramDesc-backed Program.
/// Errors name the file, the op (index and name) and the value.
llvm::Expected<Program> parsePirProgram(llvm::StringRef path,
                                        llvm::StringRef bytes);

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_PIRPROGRAM_H
