//===- Params.h - Reading Paddle parameter files -----------------*- C++ -*-===//
//
// Combined parameter files (`.pdiparams`, `__params__`, save_combine) hold one
// record per parameter, in the byte-wise sorted order of the parameter names;
// legacy programs may instead keep one file per parameter. The layout:
// docs/architecture.md, "Parameters".
//
//===----------------------------------------------------------------------===//

#ifndef OAR_FRONTENDS_PADDLE_PARAMS_H
#define OAR_FRONTENDS_PADDLE_PARAMS_H

#include "frontends/paddle/Program.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>

namespace mlir::oar::paddle {

/// One tensor record: its dtype, dims and raw little-endian data, which
/// points into the (memory-mapped) file.
struct ParamRecord {
  int dtype = 0;
  llvm::SmallVector<int64_t, 4> dims;
  llvm::ArrayRef<char> data;
  /// The buffer `data` points into; keeps it alive.
  std::shared_ptr<llvm::MemoryBuffer> buffer;
};

/// Decodes one record at `offset` of `bytes` (the file `path`), returning
/// the offset just past it. `what` names the record in messages.
llvm::Expected<size_t> readParamRecord(llvm::StringRef path,
                                       llvm::StringRef bytes, size_t offset,
                                       const llvm::Twine &what,
                                       ParamRecord &out);

/// The parameters of a program, read and checked against its VarDescs.
class Params {
public:
  /// Reads a combined params file holding `params` (sorted by name).
  static llvm::Expected<Params>
  loadCombined(llvm::StringRef path,
               llvm::ArrayRef<const proto::VarDesc *> params);

  /// Reads one file per parameter from `dir` (legacy `save_vars` layout).
  static llvm::Expected<Params>
  loadSeparate(llvm::StringRef dir,
               llvm::ArrayRef<const proto::VarDesc *> params);

  /// True when `dir` holds a file for every parameter.
  static bool hasSeparateFiles(llvm::StringRef dir,
                               llvm::ArrayRef<const proto::VarDesc *> params);

  const ParamRecord *lookup(llvm::StringRef name) const {
    auto it = records_.find(name);
    return it == records_.end() ? nullptr : &it->second;
  }

private:
  llvm::StringMap<ParamRecord> records_;
};

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_PARAMS_H
