//===- Inspect.cpp - Summaries of Paddle programs -------------------------===//

#include "frontends/paddle/Inspect.h"

#include "frontends/paddle/OpTable.h"
#include "frontends/paddle/PirProgram.h"
#include "frontends/paddle/Program.h"

#include "llvm/ADT/DenseMap.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"

#include <functional>

using namespace mlir::oar::paddle;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

static void sortOpTypes(InspectReport &r, const llvm::StringMap<int> &counts) {
  for (const auto &e : counts)
    r.opTypes.emplace_back(e.getKey().str(), e.getValue());
  llvm::sort(r.opTypes, [](const auto &a, const auto &b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
}

static llvm::Error addParamsFile(InspectReport &r, StringRef path,
                                 StringRef paramsPath) {
  std::string pp = paramsPath.empty() ? findParamsFile(path) : paramsPath.str();
  if (!pp.empty()) {
    uint64_t size = 0;
    if (llvm::sys::fs::file_size(pp, size))
      return makeError(pp + ": cannot read the parameters file");
    r.paramsFile = pp;
    r.paramsFileBytes = size;
  }
  return llvm::Error::success();
}

/// The report of a PIR program the translator does not take (ops Oar does
/// not import, control flow): read from the decoded JSON.
static llvm::Expected<InspectReport>
inspectPirModule(const pir::Module &m, StringRef paramsPath) {
  InspectReport r;
  r.file = m.path;
  r.format = "PIR";
  r.pirVersion = m.version;
  llvm::DenseMap<int64_t, const pir::Type *> types;
  llvm::StringMap<int> counts;
  std::function<void(const pir::Region &)> walk = [&](const pir::Region &rg) {
    for (const pir::Block &b : rg.blocks) {
      ++r.blocks;
      for (const pir::Op &op : b.ops) {
        for (const pir::Value &v : op.results)
          types[v.id] = &v.type;
        for (const pir::Region &inner : op.regions)
          walk(inner);
      }
    }
  };
  for (const pir::Region &rg : m.regions)
    walk(rg);
  auto port = [&](StringRef name, const pir::Type *t) {
    InspectReport::Port p{name.str(), "?", {}};
    if (t && t->kind == pir::Type::Kind::DenseTensor) {
      p.dtype = getDTypeName(t->dtype).str();
      p.shape.assign(t->dims.begin(), t->dims.end());
    }
    return p;
  };
  std::function<void(const pir::Region &, bool)> visit =
      [&](const pir::Region &rg, bool top) {
        for (const pir::Block &b : rg.blocks)
          for (const pir::Op &op : b.ops) {
            for (const pir::Region &inner : op.regions)
              visit(inner, false);
            auto str = [&](StringRef n) -> std::string {
              const pir::Attr *a = op.findAttr(n);
              auto s = a ? a->asString() : std::nullopt;
              return s ? s->str() : "";
            };
            if (top && (op.name == "pd_op.data" || op.name == "pd_op.feed")) {
              r.feeds.push_back(port(str("name"), op.results.empty()
                                                      ? nullptr
                                                      : &op.results[0].type));
              continue;
            }
            if (top && (op.name == "pd_op.fetch" ||
                        op.name == "builtin.shadow_output")) {
              auto it = op.operands.empty() ? types.end()
                                            : types.find(op.operands[0]);
              r.fetches.push_back(port(
                  str(op.name == "pd_op.fetch" ? "name" : "output_name"),
                  it == types.end() ? nullptr : it->second));
              continue;
            }
            if (op.name == "builtin.parameter") {
              const pir::Type &t = op.results[0].type;
              int64_t numel = 1;
              for (int64_t d : t.dims)
                numel *= d < 0 ? 0 : d;
              ++r.paramCount;
              r.paramElements += numel;
              r.paramBytes += numel * getDTypeSize(t.dtype);
              continue;
            }
            ++r.ops;
            ++counts[op.name];
          }
      };
  for (const pir::Region &rg : m.regions)
    visit(rg, true);
  sortOpTypes(r, counts);
  for (const auto &[type, count] : r.opTypes)
    if (!isImportablePirOp(type))
      r.unsupported.push_back(type);
  if (auto err = addParamsFile(r, m.path, paramsPath))
    return std::move(err);
  return r;
}

llvm::Expected<InspectReport>
mlir::oar::paddle::inspectPaddleProgram(StringRef path, StringRef paramsPath) {
  if (llvm::sys::fs::is_directory(path))
    return makeError(path + ": is a directory; pass the program file "
                            "(.pdmodel or __model__)");
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf)
    return makeError(path + ": cannot read the program: " +
                     buf.getError().message());
  auto program = Program::parse(path, (*buf)->getBuffer());
  if (!program) {
    // A PIR program with ops Oar cannot import: report what is in it.
    if ((*buf)->getBuffer().ltrim().starts_with("{")) {
      auto m = pir::readModule(path, (*buf)->getBuffer());
      bool unsupported =
          m && llvm::any_of(m->regions, [](const pir::Region &rg) {
            return llvm::any_of(rg.blocks, [](const pir::Block &b) {
              return llvm::any_of(b.ops, [](const pir::Op &op) {
                return !op.regions.empty() || !isImportablePirOp(op.name);
              });
            });
          });
      if (unsupported) {
        llvm::consumeError(program.takeError());
        return inspectPirModule(*m, paramsPath);
      }
      if (!m)
        llvm::consumeError(m.takeError());
    }
    return program.takeError();
  }
  const proto::ProgramDesc &d = program->desc();

  InspectReport r;
  r.file = path.str();
  r.programVersion = d.version().version();
  r.paddleVersion = getPaddleVersion(r.programVersion);
  r.blocks = d.blocks_size();
  if (program->format() == Program::Format::Pir) {
    r.format = "PIR";
    r.pirVersion = program->pirVersion();
  }

  auto port = [&](const Program::Port &p) {
    InspectReport::Port out{p.var, "?", {}};
    const proto::VarDesc *v = program->lookupVar(0, p.var);
    if (v && v->type().has_lod_tensor()) {
      const auto &t = v->type().lod_tensor().tensor();
      out.dtype = getDTypeName(t.data_type()).str();
      out.shape.assign(t.dims().begin(), t.dims().end());
    }
    return out;
  };
  auto feeds = program->getFeeds();
  if (!feeds)
    return feeds.takeError();
  auto fetches = program->getFetches();
  if (!fetches)
    return fetches.takeError();
  for (const Program::Port &p : *feeds)
    r.feeds.push_back(port(p));
  for (const Program::Port &p : *fetches)
    r.fetches.push_back(port(p));

  llvm::StringMap<int> counts;
  for (const proto::BlockDesc &b : d.blocks())
    for (const auto &[i, op] : llvm::enumerate(b.ops())) {
      if (op.type() == "feed" || op.type() == "fetch")
        continue;
      ++r.ops;
      // PIR programs: the op as the file names it (pd_op.conv2d).
      StringRef source = b.idx() == 0 ? program->sourceOpName(i) : "";
      ++counts[source.empty() ? StringRef(op.type()) : source];
    }
  sortOpTypes(r, counts);
  for (const auto &[type, count] : r.opTypes)
    if (r.format == "ProgramDesc" && !lookupLegacyOp(type) &&
        !isLegacyControlFlowOp(type))
      r.unsupported.push_back(type);

  for (const proto::VarDesc *v : program->getSortedParameters()) {
    ++r.paramCount;
    int64_t numel = 1;
    const auto &t = v->type().lod_tensor().tensor();
    for (int64_t dim : t.dims())
      numel *= dim < 0 ? 0 : dim;
    r.paramElements += numel;
    r.paramBytes += numel * getDTypeSize(t.data_type());
  }
  if (auto err = addParamsFile(r, path, paramsPath))
    return std::move(err);
  return r;
}

static std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") +
         (shape[i] < 0 ? std::string("?") : std::to_string(shape[i]));
  return s + "]";
}

void mlir::oar::paddle::printInspectReport(const InspectReport &r,
                                           llvm::raw_ostream &os) {
  os << r.file << "\n";
  if (r.format == "PIR")
    os << "  format:   Paddle 3.x PIR program (JSON), serialization version "
       << r.pirVersion << "\n";
  else
    os << "  format:   Paddle ProgramDesc, saved by Paddle "
       << (r.paddleVersion ? *r.paddleVersion
                           : std::string("1.x or a development build"))
       << " (program version " << r.programVersion << ")\n";
  os << "  blocks:   " << r.blocks << ", ops: " << r.ops << "\n";
  auto ports = [&](StringRef title, const auto &list) {
    os << "  " << title << ":\n";
    for (size_t i = 0; i < list.size(); ++i)
      os << "    " << i << "  " << list[i].name << "  " << list[i].dtype
         << shapeString(list[i].shape) << "\n";
  };
  ports("feeds", r.feeds);
  ports("fetches", r.fetches);
  os << "  op types (" << r.opTypes.size() << "):\n";
  for (const auto &[type, count] : r.opTypes) {
    bool unsupported = llvm::is_contained(r.unsupported, type);
    os << "    " << llvm::format("%6d", count) << "  " << type
       << (unsupported ? "  (not supported by Oar yet)" : "") << "\n";
  }
  os << "  parameters: " << r.paramCount << " tensors, " << r.paramElements
     << " elements, " << r.paramBytes << " bytes\n";
  if (r.paramsFile)
    os << "  params file: " << *r.paramsFile << " (" << *r.paramsFileBytes
       << " bytes)\n";
  else
    os << "  params file: none found\n";
}

llvm::json::Value mlir::oar::paddle::toJSON(const InspectReport &r) {
  auto ports = [](const std::vector<InspectReport::Port> &list) {
    llvm::json::Array a;
    for (const auto &p : list)
      a.push_back(llvm::json::Object{
          {"name", p.name},
          {"dtype", p.dtype},
          {"shape", llvm::json::Array(p.shape)}});
    return a;
  };
  llvm::json::Object types;
  for (const auto &[type, count] : r.opTypes)
    types[type] = count;
  llvm::json::Object params{{"count", r.paramCount},
                            {"elements", r.paramElements},
                            {"bytes", r.paramBytes}};
  params["file"] = r.paramsFile ? llvm::json::Value(*r.paramsFile) : nullptr;
  params["file_bytes"] = r.paramsFileBytes
                             ? llvm::json::Value(int64_t(*r.paramsFileBytes))
                             : nullptr;
  llvm::json::Object o{
      {"file", r.file},
      {"format", r.format},
      {"program_version", r.programVersion},
      {"blocks", r.blocks},
      {"ops", r.ops},
      {"feeds", ports(r.feeds)},
      {"fetches", ports(r.fetches)},
      {"op_types", std::move(types)},
      {"unsupported_op_types",
       llvm::json::Array(r.unsupported)},
      {"parameters", std::move(params)}};
  if (r.format == "PIR")
    o["pir_version"] = r.pirVersion;
  o["paddle_version"] =
      r.paddleVersion ? llvm::json::Value(*r.paddleVersion) : nullptr;
  return o;
}
