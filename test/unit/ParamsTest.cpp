//===- ParamsTest.cpp - Parameter record decoding -------------------------===//
//
// Records are built byte by byte after the documented save_combine layout
// (version, LoD, tensor version, TensorDesc, data); the e2e tests check the
// same reader against files Paddle itself wrote.
//
//===----------------------------------------------------------------------===//

#include "frontends/paddle/Params.h"

#include "gtest/gtest.h"

#include <cstring>
#include <string>

using namespace mlir::oar::paddle;

namespace {

template <typename T>
void put(std::string &s, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T)); // Little-endian hosts only, as Paddle.
  s.append(buf, sizeof(T));
}

std::string tensorDesc(int dtype, std::initializer_list<int64_t> dims) {
  proto::VarType::TensorDesc d;
  d.set_data_type(static_cast<proto::VarType::Type>(dtype));
  for (int64_t x : dims)
    d.add_dims(x);
  return d.SerializeAsString();
}

std::string record(int dtype, std::initializer_list<int64_t> dims,
                   const std::string &data, uint64_t lodLevels = 0) {
  std::string s;
  put<uint32_t>(s, 0);
  put<uint64_t>(s, lodLevels);
  for (uint64_t i = 0; i < lodLevels; ++i) {
    put<uint64_t>(s, 16);
    put<uint64_t>(s, 0);
    put<uint64_t>(s, 3);
  }
  put<uint32_t>(s, 0);
  std::string desc = tensorDesc(dtype, dims);
  put<int32_t>(s, static_cast<int32_t>(desc.size()));
  return s + desc + data;
}

std::string floats(std::initializer_list<float> v) {
  std::string s;
  for (float f : v)
    put(s, f);
  return s;
}

std::string message(llvm::Error e) { return llvm::toString(std::move(e)); }

TEST(ParamRecord, DecodesDtypeDimsAndData) {
  std::string bytes = record(proto::VarType::FP32, {2, 2},
                             floats({1, 2, 3, 4}));
  ParamRecord rec;
  auto end = readParamRecord("p", bytes, 0, "record 0", rec);
  ASSERT_TRUE(static_cast<bool>(end)) << message(end.takeError());
  EXPECT_EQ(*end, bytes.size());
  EXPECT_EQ(rec.dtype, proto::VarType::FP32);
  EXPECT_EQ(rec.dims, (llvm::SmallVector<int64_t, 4>{2, 2}));
  ASSERT_EQ(rec.data.size(), 16u);
  float third;
  std::memcpy(&third, rec.data.data() + 8, 4);
  EXPECT_EQ(third, 3.0f);
}

TEST(ParamRecord, SkipsLoDLevels) {
  std::string bytes = record(proto::VarType::INT64, {1}, std::string(8, 'x'),
                             /*lodLevels=*/2);
  ParamRecord rec;
  auto end = readParamRecord("p", bytes, 0, "record 0", rec);
  ASSERT_TRUE(static_cast<bool>(end)) << message(end.takeError());
  EXPECT_EQ(*end, bytes.size());
  EXPECT_EQ(rec.data.size(), 8u);
}

TEST(ParamRecord, ScalarHasOneElement) {
  std::string bytes = record(proto::VarType::FP64, {}, std::string(8, '\0'));
  ParamRecord rec;
  auto end = readParamRecord("p", bytes, 0, "record 0", rec);
  ASSERT_TRUE(static_cast<bool>(end)) << message(end.takeError());
  EXPECT_TRUE(rec.dims.empty());
  EXPECT_EQ(rec.data.size(), 8u);
}

TEST(ParamRecord, ReadsASecondRecordAtItsOffset) {
  std::string first = record(proto::VarType::INT8, {3}, "abc");
  std::string bytes = first + record(proto::VarType::UINT8, {1}, "z");
  ParamRecord rec;
  auto end = readParamRecord("p", bytes, first.size(), "record 1", rec);
  ASSERT_TRUE(static_cast<bool>(end)) << message(end.takeError());
  EXPECT_EQ(rec.dtype, proto::VarType::UINT8);
  EXPECT_EQ(std::string(rec.data.data(), 1), "z");
}

struct BadRecord {
  const char *name;
  std::string bytes;
  const char *expected;
};

class BadRecordTest : public testing::TestWithParam<BadRecord> {};

TEST_P(BadRecordTest, IsRejectedWithAClearMessage) {
  ParamRecord rec;
  auto end = readParamRecord("w.pdiparams", GetParam().bytes, 0,
                             "record 0 ('w')", rec);
  ASSERT_FALSE(static_cast<bool>(end));
  std::string msg = message(end.takeError());
  EXPECT_NE(msg.find("w.pdiparams: record 0 ('w')"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find(GetParam().expected), std::string::npos) << msg;
}

std::string good() {
  return record(proto::VarType::FP32, {4}, floats({1, 2, 3, 4}));
}

std::string withVersion(uint32_t v) {
  std::string s = good();
  std::memcpy(&s[0], &v, 4);
  return s;
}

std::string withDescSize(int32_t n) {
  std::string s = good();
  std::memcpy(&s[16], &n, 4);
  return s;
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, BadRecordTest,
    testing::Values(
        BadRecord{"empty", "", "ends inside the record's version"},
        BadRecord{"header", good().substr(0, 6),
                  "ends inside the record's LoD level count"},
        BadRecord{"desc", good().substr(0, 22),
                  "ends inside the record's TensorDesc"},
        BadRecord{"data", good().substr(0, good().size() - 1),
                  "ends inside the record's data (needs 16 bytes, 15 left)"},
        BadRecord{"version", withVersion(7), "unsupported tensor version 7"},
        BadRecord{"negative_desc", withDescSize(-3),
                  "negative TensorDesc size"},
        BadRecord{"huge_desc", withDescSize(1 << 30),
                  "ends inside the record's TensorDesc"},
        BadRecord{"dtype", record(proto::VarType::LOD_TENSOR, {1}, "x"),
                  "unsupported dtype 7"},
        BadRecord{"negative_dim", record(proto::VarType::FP32, {-1}, ""),
                  "negative dim -1"},
        BadRecord{"overflow",
                  record(proto::VarType::FP64, {1LL << 40, 1LL << 40}, ""),
                  "size overflows"}),
    [](const testing::TestParamInfo<BadRecord> &info) {
      return std::string(info.param.name);
    });

} // namespace
