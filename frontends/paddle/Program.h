//===- Program.h - Reading Paddle ProgramDesc files --------------*- C++ -*-===//
//
// Decoding of a ProgramDesc (`.pdmodel`, `__model__`) and the facts about it
// that both the importer and `oar inspect` need: dtypes, variables by name,
// feeds and fetches, persistable variables, the params file.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_FRONTENDS_PADDLE_PROGRAM_H
#define OAR_FRONTENDS_PADDLE_PROGRAM_H

#include "frontends/paddle/framework.pb.h"

#include "mlir/IR/Types.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace mlir::oar::paddle {

namespace proto = ::oar::paddle::proto;

/// The MLIR element type of a Paddle dtype (VarType.Type), or null when it is
/// not a tensor element type Oar supports.
Type getElementType(MLIRContext *ctx, int dtype);

/// Paddle's name of a dtype ("float32", "int64", ...), "?" when unknown.
llvm::StringRef getDTypeName(int dtype);

/// Bytes per element of a POD dtype, 0 when not a POD dtype.
unsigned getDTypeSize(int dtype);

/// "2.6.2" for 2006002; std::nullopt for 0 (development or 1.x builds).
std::optional<std::string> getPaddleVersion(int64_t programVersion);

/// True for the variables stored in a params file (persistable, and neither
/// the feed/fetch holders nor raw/reader variables).
bool isParameterVar(const proto::VarDesc &var);

/// A decoded program with per-block variable lookup.
class Program {
public:
  /// Decodes `bytes`, the content of the file `path`: a ProgramDesc
  /// (protobuf), or a Paddle 3.x PIR program (JSON), which is translated
  /// into a ProgramDesc (PirProgram.h). The format is told by the content.
  static llvm::Expected<Program> parse(llvm::StringRef path,
                                       llvm::StringRef bytes);

  /// Wraps an already decoded ProgramDesc, checking its blocks.
  static llvm::Expected<Program>
  fromDesc(llvm::StringRef path, std::shared_ptr<proto::ProgramDesc> desc);

  enum class Format { ProgramDesc, Pir };
  Format format() const { return format_; }
  /// The PIR serialization version (`base_code.version`); 0 for a
  /// ProgramDesc.
  int64_t pirVersion() const { return pirVersion_; }

  /// Where op `index` of block 0 comes from in the file: its index there
  /// and, for a translated program, the source op's name ("" otherwise).
  int sourceOpIndex(int index) const {
    return index < static_cast<int>(sourceIndices_.size())
               ? sourceIndices_[index]
               : index;
  }
  llvm::StringRef sourceOpName(int index) const {
    return index < static_cast<int>(sourceNames_.size())
               ? llvm::StringRef(sourceNames_[index])
               : llvm::StringRef();
  }
  /// Records the source of the next op appended to block 0.
  void setSource(Format format, int64_t pirVersion, std::vector<int> indices,
                 std::vector<std::string> names) {
    format_ = format;
    pirVersion_ = pirVersion;
    sourceIndices_ = std::move(indices);
    sourceNames_ = std::move(names);
  }

  const proto::ProgramDesc &desc() const { return *desc_; }
  llvm::StringRef path() const { return path_; }

  /// The variable `name` as seen from block `block` (walking up parents),
  /// or null.
  const proto::VarDesc *lookupVar(int block, llvm::StringRef name) const;

  /// Parameter variables of block 0, sorted by name as Paddle writes them
  /// to a combined params file.
  std::vector<const proto::VarDesc *> getSortedParameters() const;

  struct Port {
    int col;
    std::string var;
  };
  /// Feed targets ordered by `col`; error on duplicate or missing cols.
  llvm::Expected<std::vector<Port>> getFeeds() const;
  /// Fetch targets ordered by `col`.
  llvm::Expected<std::vector<Port>> getFetches() const;

private:
  std::string path_;
  std::shared_ptr<proto::ProgramDesc> desc_;
  std::vector<llvm::StringMap<const proto::VarDesc *>> vars_;
  Format format_ = Format::ProgramDesc;
  int64_t pirVersion_ = 0;
  std::vector<int> sourceIndices_;
  std::vector<std::string> sourceNames_;
};

/// Finds the params file of `modelPath`: `X.pdiparams` beside `X.pdmodel`
/// or `X.json`,
/// `__params__` or `params` beside `__model__`. Returns "" when none exists.
std::string findParamsFile(llvm::StringRef modelPath);

/// Reads an attribute of an op, or null.
const proto::OpDesc::Attr *findAttr(const proto::OpDesc &op,
                                    llvm::StringRef name);

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_PROGRAM_H
