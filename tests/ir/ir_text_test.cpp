// Runs the IR text files of tests/ir: each graph must parse, print back to the same text,
// pass the verifier and satisfy its CHECK lines; files with EXPECT-ERROR must fail so.
#include "ir/ir_test_file.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "testing/file_check.h"

namespace wick::jit {
namespace {

class IrTextFile : public ::testing::TestWithParam<std::string> {};

TEST_P(IrTextFile, ParsesPrintsAndVerifies) {
  testing::IrTestFile f = testing::readIrTestFile(GetParam());
  ParseOptions parse_options;
  parse_options.allow_unresolved_ops = f.allow_unresolved;
  VerifyOptions verify_options;
  verify_options.allow_unresolved_ops = f.allow_unresolved;
  if (!f.expect_error.empty()) {
    EXPECT_THROW_MSG(verify(*parseGraph(f.graph, parse_options), verify_options), f.expect_error);
    return;
  }
  std::shared_ptr<Graph> g = parseGraph(f.graph, parse_options);
  EXPECT_EQ(g->toString(), f.graph) << "printing the parsed graph does not give the text back";
  verify(*g, verify_options);
  if (testing::hasCheckDirectives(f.directives)) {
    EXPECT_TRUE(testing::fileCheck(f.directives, g->toString()));
  }
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, IrTextFile, ::testing::ValuesIn(testing::irTestFiles("tests/ir")),
                         testName);

}  // namespace
}  // namespace wick::jit
