//===- ProgramTest.cpp - ProgramDesc decoding -----------------------------===//

#include "frontends/paddle/Program.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir::oar::paddle;

namespace {

std::string message(llvm::Error e) { return llvm::toString(std::move(e)); }

TEST(PaddleVersion, DecodesMajorMinorPatch) {
  EXPECT_EQ(getPaddleVersion(2006002), "2.6.2");
  EXPECT_EQ(getPaddleVersion(1008004), "1.8.4");
  EXPECT_EQ(getPaddleVersion(3000000), "3.0.0");
  EXPECT_FALSE(getPaddleVersion(0).has_value());
}

TEST(DType, MapsEveryPaddleTensorDtype) {
  mlir::MLIRContext ctx;
  EXPECT_TRUE(getElementType(&ctx, proto::VarType::BOOL).isInteger(1));
  EXPECT_TRUE(getElementType(&ctx, proto::VarType::UINT8).isUnsignedInteger(8));
  EXPECT_TRUE(getElementType(&ctx, proto::VarType::INT8).isSignlessInteger(8));
  EXPECT_TRUE(getElementType(&ctx, proto::VarType::BF16).isBF16());
  EXPECT_TRUE(mlir::isa<mlir::ComplexType>(
      getElementType(&ctx, proto::VarType::COMPLEX128)));
  EXPECT_FALSE(getElementType(&ctx, proto::VarType::LOD_TENSOR));
  EXPECT_EQ(getDTypeName(proto::VarType::FP16), "float16");
  EXPECT_EQ(getDTypeSize(proto::VarType::COMPLEX64), 8u);
}

proto::ProgramDesc twoFeeds() {
  proto::ProgramDesc p;
  proto::BlockDesc *b = p.add_blocks();
  b->set_idx(0);
  b->set_parent_idx(-1);
  for (const char *name : {"w_b", "w_a", "x"}) {
    proto::VarDesc *v = b->add_vars();
    v->set_name(name);
    v->mutable_type()->set_type(proto::VarType::LOD_TENSOR);
    v->set_persistable(name[0] == 'w');
  }
  proto::VarDesc *feed = b->add_vars();
  feed->set_name("feed");
  feed->mutable_type()->set_type(proto::VarType::FEED_MINIBATCH);
  feed->set_persistable(true);
  // Feeds in reverse col order, as real exports prepend them.
  for (int col : {1, 0}) {
    proto::OpDesc *op = b->add_ops();
    op->set_type("feed");
    proto::OpDesc::Var *out = op->add_outputs();
    out->set_parameter("Out");
    out->add_arguments(col ? "y" : "x");
    proto::OpDesc::Attr *a = op->add_attrs();
    a->set_name("col");
    a->set_type(proto::INT);
    a->set_i(col);
  }
  return p;
}

TEST(Program, OrdersFeedsByColAndParametersByName) {
  std::string bytes = twoFeeds().SerializeAsString();
  auto p = Program::parse("m.pdmodel", bytes);
  ASSERT_TRUE(static_cast<bool>(p)) << message(p.takeError());
  auto feeds = p->getFeeds();
  ASSERT_TRUE(static_cast<bool>(feeds));
  ASSERT_EQ(feeds->size(), 2u);
  EXPECT_EQ((*feeds)[0].var, "x");
  EXPECT_EQ((*feeds)[1].var, "y");
  auto params = p->getSortedParameters();
  ASSERT_EQ(params.size(), 2u); // The feed holder is not a parameter.
  EXPECT_EQ(params[0]->name(), "w_a");
  EXPECT_EQ(params[1]->name(), "w_b");
}

TEST(Program, RejectsDuplicateFeedCols) {
  proto::ProgramDesc d = twoFeeds();
  d.mutable_blocks(0)->mutable_ops(0)->mutable_attrs(0)->set_i(0);
  std::string bytes = d.SerializeAsString();
  auto p = Program::parse("m.pdmodel", bytes);
  ASSERT_TRUE(static_cast<bool>(p));
  auto feeds = p->getFeeds();
  ASSERT_FALSE(static_cast<bool>(feeds));
  EXPECT_NE(message(feeds.takeError()).find("cols are not 0..1"),
            std::string::npos);
}

TEST(Program, RejectsWhatIsNotAProgram) {
  for (const char *bytes : {"", "\xff\xff\xff\xff garbage", "{\"ops\": []}"}) {
    auto p = Program::parse("bad.pdmodel", bytes);
    ASSERT_FALSE(static_cast<bool>(p)) << bytes;
    std::string msg = message(p.takeError());
    EXPECT_EQ(msg.rfind("bad.pdmodel: ", 0), 0u) << msg;
  }
}

TEST(Program, LooksUpVariablesThroughParentBlocks) {
  proto::ProgramDesc d = twoFeeds();
  proto::BlockDesc *sub = d.add_blocks();
  sub->set_idx(1);
  sub->set_parent_idx(0);
  sub->add_vars()->set_name("local");
  std::string bytes = d.SerializeAsString();
  auto p = Program::parse("m.pdmodel", bytes);
  ASSERT_TRUE(static_cast<bool>(p)) << message(p.takeError());
  EXPECT_NE(p->lookupVar(1, "x"), nullptr);
  EXPECT_NE(p->lookupVar(1, "local"), nullptr);
  EXPECT_EQ(p->lookupVar(0, "local"), nullptr);
}

} // namespace
