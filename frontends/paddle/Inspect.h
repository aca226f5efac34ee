//===- Inspect.h - Summaries of Paddle programs ------------------*- C++ -*-===//
//
// What `oar inspect` reports about a program: how it was saved, its feeds and
// fetches, op types, and parameters. Read straight from the ProgramDesc; no
// import into MLIR is needed.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_FRONTENDS_PADDLE_INSPECT_H
#define OAR_FRONTENDS_PADDLE_INSPECT_H

#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::oar::paddle {

struct InspectReport {
  struct Port {
    std::string name;
    std::string dtype;
    std::vector<int64_t> shape;
  };
  std::string file;
  /// "ProgramDesc", or "PIR" for a Paddle 3.x `.json` program. The op
  /// types of a PIR program Oar imports are its pd_op ops (constants that
  /// become attributes, combine/split and parameters are not counted); of
  /// one it does not (unsupported ops, control flow), every op as the file
  /// names it, nested regions included.
  std::string format = "ProgramDesc";
  int64_t pirVersion = 0;
  int64_t programVersion = 0;
  std::optional<std::string> paddleVersion;
  int blocks = 0;
  int ops = 0;
  std::vector<Port> feeds, fetches;
  /// Op types (feed and fetch excluded) by decreasing count, then name.
  std::vector<std::pair<std::string, int>> opTypes;
  /// Op types Oar does not import, in the same order.
  std::vector<std::string> unsupported;
  int64_t paramCount = 0, paramElements = 0, paramBytes = 0;
  std::optional<std::string> paramsFile;
  std::optional<uint64_t> paramsFileBytes;
};

/// Summarizes the program at `path`; the params file is `paramsPath` or
/// found beside the program.
llvm::Expected<InspectReport> inspectPaddleProgram(llvm::StringRef path,
                                                   llvm::StringRef paramsPath);

void printInspectReport(const InspectReport &report, llvm::raw_ostream &os);
llvm::json::Value toJSON(const InspectReport &report);

} // namespace mlir::oar::paddle

#endif // OAR_FRONTENDS_PADDLE_INSPECT_H
