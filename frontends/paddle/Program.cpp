//===- Program.cpp - Reading Paddle ProgramDesc files ---------------------===//

#include "frontends/paddle/Program.h"
#include "frontends/paddle/PirProgram.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::oar::paddle;
using llvm::StringRef;

Type mlir::oar::paddle::getElementType(MLIRContext *ctx, int dtype) {
  Builder b(ctx);
  switch (dtype) {
  case proto::VarType::BOOL:
    return b.getI1Type();
  case proto::VarType::INT16:
    return b.getI16Type();
  case proto::VarType::INT32:
    return b.getI32Type();
  case proto::VarType::INT64:
    return b.getI64Type();
  case proto::VarType::FP16:
    return b.getF16Type();
  case proto::VarType::FP32:
    return b.getF32Type();
  case proto::VarType::FP64:
    return b.getF64Type();
  case proto::VarType::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case proto::VarType::INT8:
    return b.getI8Type();
  case proto::VarType::BF16:
    return b.getBF16Type();
  case proto::VarType::COMPLEX64:
    return ComplexType::get(b.getF32Type());
  case proto::VarType::COMPLEX128:
    return ComplexType::get(b.getF64Type());
  default:
    return {};
  }
}

StringRef mlir::oar::paddle::getDTypeName(int dtype) {
  switch (dtype) {
  case proto::VarType::BOOL:
    return "bool";
  case proto::VarType::INT16:
    return "int16";
  case proto::VarType::INT32:
    return "int32";
  case proto::VarType::INT64:
    return "int64";
  case proto::VarType::FP16:
    return "float16";
  case proto::VarType::FP32:
    return "float32";
  case proto::VarType::FP64:
    return "float64";
  case proto::VarType::UINT8:
    return "uint8";
  case proto::VarType::INT8:
    return "int8";
  case proto::VarType::BF16:
    return "bfloat16";
  case proto::VarType::COMPLEX64:
    return "complex64";
  case proto::VarType::COMPLEX128:
    return "complex128";
  case proto::VarType::FP8_E4M3FN:
    return "float8_e4m3fn";
  case proto::VarType::FP8_E5M2:
    return "float8_e5m2";
  case proto::VarType::UINT32:
    return "uint32";
  case proto::VarType::UINT64:
    return "uint64";
  default:
    return "?";
  }
}

unsigned mlir::oar::paddle::getDTypeSize(int dtype) {
  switch (dtype) {
  case proto::VarType::BOOL:
  case proto::VarType::UINT8:
  case proto::VarType::INT8:
  case proto::VarType::FP8_E4M3FN:
  case proto::VarType::FP8_E5M2:
    return 1;
  case proto::VarType::INT16:
  case proto::VarType::FP16:
  case proto::VarType::BF16:
    return 2;
  case proto::VarType::INT32:
  case proto::VarType::FP32:
  case proto::VarType::UINT32:
    return 4;
  case proto::VarType::INT64:
  case proto::VarType::FP64:
  case proto::VarType::COMPLEX64:
  case proto::VarType::UINT64:
    return 8;
  case proto::VarType::COMPLEX128:
    return 16;
  default:
    return 0;
  }
}

std::optional<std::string>
mlir::oar::paddle::getPaddleVersion(int64_t v) {
  if (v <= 0)
    return std::nullopt;
  return std::to_string(v / 1000000) + "." +
         std::to_string(v / 1000 % 1000) + "." + std::to_string(v % 1000);
}

bool mlir::oar::paddle::isParameterVar(const proto::VarDesc &var) {
  if (!var.persistable())
    return false;
  switch (var.type().type()) {
  case proto::VarType::FEED_MINIBATCH:
  case proto::VarType::FETCH_LIST:
  case proto::VarType::RAW:
  case proto::VarType::READER:
    return false;
  default:
    return true;
  }
}

const proto::OpDesc::Attr *
mlir::oar::paddle::findAttr(const proto::OpDesc &op, StringRef name) {
  for (const auto &a : op.attrs())
    if (a.name() == name)
      return &a;
  return nullptr;
}

llvm::Expected<Program> Program::parse(StringRef path, StringRef bytes) {
  auto fail = [&](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": " + msg);
  };
  if (bytes.empty())
    return fail("the file is empty; expected a Paddle ProgramDesc "
                "(.pdmodel or __model__)");
  if (bytes.ltrim().starts_with("{"))
    return parsePirProgram(path, bytes);
  auto desc = std::make_shared<proto::ProgramDesc>();
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !desc->ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return fail("neither a Paddle ProgramDesc (the protobuf message does "
                "not decode: truncated or corrupt file?) nor a Paddle 3.x "
                "PIR program (JSON)");
  return fromDesc(path, std::move(desc));
}

llvm::Expected<Program>
Program::fromDesc(StringRef path, std::shared_ptr<proto::ProgramDesc> desc) {
  auto fail = [&](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": " + msg);
  };
  Program p;
  p.path_ = path.str();
  p.desc_ = std::move(desc);
  const proto::ProgramDesc &d = *p.desc_;
  if (d.blocks_size() == 0)
    return fail("not a Paddle ProgramDesc: the program has no blocks");
  for (int i = 0; i < d.blocks_size(); ++i) {
    const proto::BlockDesc &b = d.blocks(i);
    if (b.idx() != i)
      return fail("block " + llvm::Twine(i) + " has index " +
                  llvm::Twine(b.idx()));
    if (i == 0 ? (b.has_parent_idx() && b.parent_idx() != -1)
               : (b.parent_idx() < 0 || b.parent_idx() >= i))
      return fail("block " + llvm::Twine(i) + " has an invalid parent " +
                  llvm::Twine(b.parent_idx()));
    auto &map = p.vars_.emplace_back();
    for (const proto::VarDesc &v : b.vars()) {
      if (!v.has_name() || v.name().empty())
        return fail("block " + llvm::Twine(i) + " has a variable without a "
                    "name");
      map[v.name()] = &v;
    }
  }
  return p;
}

const proto::VarDesc *Program::lookupVar(int block, StringRef name) const {
  while (block >= 0 && block < static_cast<int>(vars_.size())) {
    auto it = vars_[block].find(name);
    if (it != vars_[block].end())
      return it->second;
    block = block == 0 ? -1 : desc_->blocks(block).parent_idx();
  }
  return nullptr;
}

std::vector<const proto::VarDesc *> Program::getSortedParameters() const {
  std::vector<const proto::VarDesc *> params;
  for (const proto::VarDesc &v : desc_->blocks(0).vars())
    if (isParameterVar(v))
      params.push_back(&v);
  // Byte-wise order, as std::sort on std::string and Python's sorted().
  std::sort(params.begin(), params.end(),
            [](const proto::VarDesc *a, const proto::VarDesc *b) {
              return a->name() < b->name();
            });
  return params;
}

static llvm::Expected<std::vector<Program::Port>>
collectPorts(const Program &p, StringRef opType, StringRef slot, bool input) {
  std::vector<Program::Port> ports;
  const proto::BlockDesc &b = p.desc().blocks(0);
  for (int i = 0; i < b.ops_size(); ++i) {
    const proto::OpDesc &op = b.ops(i);
    if (op.type() != opType)
      continue;
    const proto::OpDesc::Attr *col = findAttr(op, "col");
    std::string var;
    for (const auto &v : input ? op.inputs() : op.outputs())
      if (v.parameter() == slot && v.arguments_size() == 1)
        var = v.arguments(0);
    if (!col || var.empty())
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          p.path() + ": op #" + llvm::Twine(i) + " '" + opType +
              "' (block 0) lacks its 'col' attribute or its variable");
    ports.push_back({col->i(), var});
  }
  llvm::sort(ports, [](const Program::Port &a, const Program::Port &b) {
    return a.col < b.col;
  });
  for (auto [i, port] : llvm::enumerate(ports))
    if (port.col != static_cast<int>(i))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          p.path() + ": the " + opType + " ops' cols are not 0.." +
              llvm::Twine(ports.size() - 1) + " (variable '" + port.var +
              "' has col " + llvm::Twine(port.col) + ")");
  return ports;
}

llvm::Expected<std::vector<Program::Port>> Program::getFeeds() const {
  return collectPorts(*this, "feed", "Out", /*input=*/false);
}

llvm::Expected<std::vector<Program::Port>> Program::getFetches() const {
  return collectPorts(*this, "fetch", "X", /*input=*/true);
}

std::string mlir::oar::paddle::findParamsFile(StringRef modelPath) {
  llvm::SmallString<256> candidate(modelPath);
  if (llvm::sys::path::extension(modelPath) == ".pdmodel" ||
      llvm::sys::path::extension(modelPath) == ".json") {
    llvm::sys::path::replace_extension(candidate, ".pdiparams");
    if (llvm::sys::fs::is_regular_file(candidate))
      return std::string(candidate);
    return "";
  }
  StringRef dir = llvm::sys::path::parent_path(modelPath);
  for (StringRef name : {"__params__", "params"}) {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, name);
    if (llvm::sys::fs::is_regular_file(p))
      return std::string(p);
  }
  return "";
}
