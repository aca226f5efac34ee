//===- Params.cpp - Reading Paddle parameter files ------------------------===//

#include "frontends/paddle/Params.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"

using namespace mlir::oar::paddle;
using llvm::StringRef;

namespace {

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

std::string describe(int dtype, llvm::ArrayRef<int64_t> dims) {
  std::string s = getDTypeName(dtype).str() + "[";
  for (auto [i, d] : llvm::enumerate(dims))
    s += (i ? "," : "") + (d < 0 ? std::string("?") : std::to_string(d));
  return s + "]";
}

/// Cursor over the bytes of one file with bounds-checked reads.
class Reader {
public:
  Reader(StringRef path, StringRef bytes, size_t offset, const llvm::Twine &what)
      : path(path), bytes(bytes), pos(offset), start(offset),
        what(what.str()) {}

  llvm::Error fail(const llvm::Twine &msg) const {
    return makeError(path + ": " + what + " (at byte " + llvm::Twine(start) +
                     "): " + msg);
  }

  template <typename T>
  llvm::Error read(T &value, StringRef field) {
    if (bytes.size() - pos < sizeof(T))
      return fail("the file ends inside the record's " + field);
    value = llvm::support::endian::read<T, llvm::endianness::little>(
        bytes.data() + pos);
    pos += sizeof(T);
    return llvm::Error::success();
  }

  llvm::Error take(uint64_t n, StringRef field, StringRef &out) {
    if (bytes.size() - pos < n)
      return fail("the file ends inside the record's " + field + " (needs " +
                  llvm::Twine(n) + " bytes, " +
                  llvm::Twine(bytes.size() - pos) + " left)");
    out = bytes.substr(pos, n);
    pos += n;
    return llvm::Error::success();
  }

  size_t offset() const { return pos; }

private:
  StringRef path;
  StringRef bytes;
  size_t pos;
  size_t start;
  std::string what;
};

llvm::Error checkAgainstVar(StringRef path, const proto::VarDesc &var,
                            const ParamRecord &rec) {
  const auto &t = var.type().lod_tensor().tensor();
  llvm::SmallVector<int64_t> dims(t.dims().begin(), t.dims().end());
  // Paddle's QuantWeightPass stores quantized weights as int8 and leaves
  // their VarDesc float32; Paddle loads the record's dtype, and so does Oar.
  bool sameType = t.data_type() == rec.dtype ||
                  (rec.dtype == proto::VarType::INT8 &&
                   t.data_type() == proto::VarType::FP32);
  bool same = sameType && dims.size() == rec.dims.size();
  for (size_t i = 0; same && i < dims.size(); ++i)
    same = dims[i] < 0 || dims[i] == rec.dims[i];
  // Paddle's quantization passes declare scales as [1] or [C] and save them
  // 0-D or [1, C] (PostTrainingQuantization, onnx_format=True); Paddle loads
  // the record as it is, and so does Oar, when the two shapes differ only by
  // dims of size 1.
  auto squeezed = [](llvm::ArrayRef<int64_t> d) {
    llvm::SmallVector<int64_t> out;
    for (int64_t x : d)
      if (x != 1)
        out.push_back(x);
    return out;
  };
  if (!same && sameType && llvm::none_of(dims, [](int64_t d) {
        return d < 0;
      }) && squeezed(dims) == squeezed(rec.dims))
    same = true;
  if (same)
    return llvm::Error::success();
  return makeError(path + ": parameter '" + var.name() + "' is " +
                   describe(rec.dtype, rec.dims) +
                   " in the parameters file but " +
                   describe(t.data_type(), dims) + " in the program");
}

std::shared_ptr<llvm::MemoryBuffer> openFile(StringRef path,
                                             llvm::Error &err) {
  auto buf = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf) {
    err = makeError(path + ": cannot read the parameters file: " +
                    buf.getError().message());
    return nullptr;
  }
  return std::shared_ptr<llvm::MemoryBuffer>(std::move(*buf));
}

} // namespace

llvm::Expected<size_t>
mlir::oar::paddle::readParamRecord(StringRef path, StringRef bytes,
                                   size_t offset, const llvm::Twine &what,
                                   ParamRecord &out) {
  Reader r(path, bytes, offset, what);
  uint32_t version = 0;
  if (auto e = r.read(version, "version"))
    return std::move(e);
  if (version != 0)
    return r.fail("unsupported tensor version " + llvm::Twine(version) +
                  " (expected 0)");
  uint64_t lodLevel = 0;
  if (auto e = r.read(lodLevel, "LoD level count"))
    return std::move(e);
  if (lodLevel > 32)
    return r.fail("implausible LoD level count " + llvm::Twine(lodLevel));
  for (uint64_t i = 0; i < lodLevel; ++i) {
    uint64_t size = 0;
    StringRef skipped;
    if (auto e = r.read(size, "LoD level size"))
      return std::move(e);
    if (auto e = r.take(size, "LoD level", skipped))
      return std::move(e);
  }
  uint32_t tensorVersion = 0;
  if (auto e = r.read(tensorVersion, "tensor version"))
    return std::move(e);
  if (tensorVersion != 0)
    return r.fail("unsupported tensor version " + llvm::Twine(tensorVersion));
  int32_t descSize = 0;
  if (auto e = r.read(descSize, "TensorDesc size"))
    return std::move(e);
  if (descSize < 0)
    return r.fail("negative TensorDesc size " + llvm::Twine(descSize));
  StringRef descBytes;
  if (auto e = r.take(descSize, "TensorDesc", descBytes))
    return std::move(e);
  proto::VarType::TensorDesc desc;
  if (!desc.ParseFromArray(descBytes.data(), descBytes.size()) ||
      !desc.has_data_type())
    return r.fail("the TensorDesc does not decode");
  unsigned elemSize = getDTypeSize(desc.data_type());
  if (elemSize == 0)
    return r.fail("unsupported dtype " + llvm::Twine(desc.data_type()));
  uint64_t numel = 1;
  for (int64_t d : desc.dims()) {
    if (d < 0)
      return r.fail("negative dim " + llvm::Twine(d));
    bool overflow = false;
    numel = llvm::SaturatingMultiply(numel, static_cast<uint64_t>(d),
                                     &overflow);
    if (overflow)
      return r.fail("the tensor's size overflows");
  }
  bool overflow = false;
  uint64_t size = llvm::SaturatingMultiply(numel, uint64_t(elemSize),
                                           &overflow);
  if (overflow)
    return r.fail("the tensor's size overflows");
  StringRef data;
  if (auto e = r.take(size, "data", data))
    return std::move(e);
  out.dtype = desc.data_type();
  out.dims.assign(desc.dims().begin(), desc.dims().end());
  out.data = llvm::ArrayRef<char>(data.data(), data.size());
  return r.offset();
}

llvm::Expected<Params>
Params::loadCombined(StringRef path,
                     llvm::ArrayRef<const proto::VarDesc *> params) {
  llvm::Error err = llvm::Error::success();
  auto buffer = openFile(path, err);
  if (!buffer)
    return std::move(err);
  llvm::consumeError(std::move(err));
  StringRef bytes = buffer->getBuffer();
  Params result;
  size_t offset = 0;
  for (auto [i, var] : llvm::enumerate(params)) {
    if (offset == bytes.size())
      return makeError(path + ": the parameters file ends after " +
                       llvm::Twine(i) + " records, but the program has " +
                       llvm::Twine(params.size()) +
                       " parameters (the next is '" + var->name() + "')");
    ParamRecord rec;
    auto next = readParamRecord(path, bytes, offset,
                                "record " + llvm::Twine(i) + " ('" +
                                    var->name() + "')",
                                rec);
    if (!next)
      return next.takeError();
    offset = *next;
    if (auto e = checkAgainstVar(path, *var, rec))
      return std::move(e);
    rec.buffer = buffer;
    result.records_[var->name()] = std::move(rec);
  }
  if (offset != bytes.size())
    return makeError(path + ": " + llvm::Twine(bytes.size() - offset) +
                     " bytes follow the last of the program's " +
                     llvm::Twine(params.size()) +
                     " parameters; the file does not belong to this "
                     "program");
  return result;
}

bool Params::hasSeparateFiles(StringRef dir,
                              llvm::ArrayRef<const proto::VarDesc *> params) {
  if (params.empty())
    return false;
  for (const proto::VarDesc *var : params) {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, var->name());
    if (!llvm::sys::fs::is_regular_file(p))
      return false;
  }
  return true;
}

llvm::Expected<Params>
Params::loadSeparate(StringRef dir,
                     llvm::ArrayRef<const proto::VarDesc *> params) {
  Params result;
  for (const proto::VarDesc *var : params) {
    llvm::SmallString<256> p(dir);
    llvm::sys::path::append(p, var->name());
    llvm::Error err = llvm::Error::success();
    auto buffer = openFile(p, err);
    if (!buffer)
      return std::move(err);
    llvm::consumeError(std::move(err));
    ParamRecord rec;
    auto next = readParamRecord(p, buffer->getBuffer(), 0, "the record", rec);
    if (!next)
      return next.takeError();
    if (*next != buffer->getBuffer().size())
      return makeError(p + ": " +
                       llvm::Twine(buffer->getBuffer().size() - *next) +
                       " bytes follow the tensor record");
    if (auto e = checkAgainstVar(p, *var, rec))
      return std::move(e);
    rec.buffer = buffer;
    result.records_[var->name()] = std::move(rec);
  }
  return result;
}
