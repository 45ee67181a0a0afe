// The in-tree FileCheck: each directive passing and failing.
#include "testing/file_check.h"

namespace wick::testing {
namespace {

const char* kInput = R"(graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]()
  %2 : Tensor = aten::add(%x, %x, %1)
  %3 : Tensor = aten::mul(%2, %2)
  %4 : Tensor = aten::add(%3, %x, %1)
  return (%4)
)";

::testing::AssertionResult check(const std::string& checks) { return fileCheck(checks, kInput); }

TEST(FileCheck, Check) {
  EXPECT_TRUE(check("# CHECK: aten::add\n# CHECK: aten::mul\n# CHECK: return"));
  EXPECT_FALSE(check("# CHECK: aten::mul\n# CHECK: prim::Constant"));  // order matters
  EXPECT_FALSE(check("# CHECK: aten::sub"));
}

TEST(FileCheck, Next) {
  EXPECT_TRUE(check("# CHECK: prim::Constant\n# CHECK-NEXT: aten::add\n# CHECK-NEXT: aten::mul"));
  EXPECT_FALSE(check("# CHECK: prim::Constant\n# CHECK-NEXT: aten::mul"));
}

TEST(FileCheck, Same) {
  EXPECT_TRUE(check("# CHECK: aten::mul\n# CHECK-SAME: (%2, %2)"));
  EXPECT_FALSE(check("# CHECK: aten::mul\n# CHECK-SAME: %x"));
}

TEST(FileCheck, Not) {
  EXPECT_TRUE(check("# CHECK-NOT: aten::sub\n# CHECK: aten::mul"));
  EXPECT_FALSE(check("# CHECK-NOT: aten::add\n# CHECK: aten::mul"));
  EXPECT_TRUE(check("# CHECK: aten::mul\n# CHECK-NOT: aten::mul"));
  EXPECT_FALSE(check("# CHECK: aten::mul\n# CHECK-NOT: aten::add"));  // up to the end
}

TEST(FileCheck, Count) {
  EXPECT_TRUE(check("# CHECK-COUNT-2: aten::add"));
  EXPECT_FALSE(check("# CHECK-COUNT-1: aten::add"));  // a second one follows
  EXPECT_FALSE(check("# CHECK-COUNT-3: aten::add"));
  EXPECT_TRUE(check("# CHECK-COUNT-1: aten::add\n# CHECK: aten::mul"));
}

TEST(FileCheck, Dag) {
  EXPECT_TRUE(check("# CHECK-DAG: aten::mul\n# CHECK-DAG: prim::Constant\n# CHECK: return"));
  EXPECT_FALSE(check("# CHECK-DAG: aten::mul\n# CHECK-DAG: aten::sub"));
  // Two DAG lines may not both take the same occurrence.
  EXPECT_FALSE(check("# CHECK-DAG: aten::mul\n# CHECK-DAG: aten::mul"));
}

TEST(FileCheck, RegexAndCaptures) {
  EXPECT_TRUE(
      check("# CHECK: %[[A:[0-9]+]] : Tensor = aten::add\n# CHECK: aten::mul(%[[A]], %[[A]])"));
  EXPECT_FALSE(check("# CHECK: %[[A:[0-9]+]] : Tensor = aten::mul\n# CHECK: aten::mul(%[[A]]"));
  EXPECT_TRUE(check("# CHECK: aten::{{add|sub}}(%x, %x, %{{[0-9]+}})"));
}

TEST(FileCheck, FailureNamesTheDirective) {
  auto r = check("# CHECK: aten::mul\n# CHECK-NEXT: return");
  ASSERT_FALSE(r);
  std::string msg = r.message();
  EXPECT_NE(msg.find("check line 2: CHECK-NEXT: return"), std::string::npos) << msg;
  EXPECT_NE(msg.find("not on the line after the previous match"), std::string::npos) << msg;
  EXPECT_FALSE(fileCheck("no directives here", kInput));
}

}  // namespace
}  // namespace wick::testing
