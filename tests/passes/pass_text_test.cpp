// Runs the pass test files of tests/passes: parse (and check the text round-trips), run the
// `# RUN:` passes with the verifier after each, match the CHECK lines against the result, and
// where the graph can be evaluated, compare its results before and after on example inputs.
#include "ir/ir_test_file.h"
#include "ir/parser.h"
#include "ir/verifier.h"
#include "passes/graph_eval.h"
#include "passes/passes.h"
#include "testing/file_check.h"

namespace wick::jit {
namespace {

// What running the graph on example inputs gives: its results, or the error it raised;
// `ran` is false when the graph cannot be evaluated here.
struct Outcome {
  bool ran = false;
  std::vector<IValue> values;
  std::string error;
};

Outcome results(const Graph& g) {
  Outcome o;
  std::optional<std::vector<IValue>> inputs = testing::exampleInputs(g);
  if (!inputs) return o;
  try {
    std::optional<std::vector<IValue>> values = testing::evalGraph(g, *inputs);
    if (!values) return o;
    o.values = std::move(*values);
  } catch (const Error& e) {
    o.error = e.what();
  }
  o.ran = true;
  return o;
}

class PassFile : public ::testing::TestWithParam<std::string> {};

TEST_P(PassFile, RunsPassesAndChecks) {
  testing::IrTestFile f = testing::readIrTestFile(GetParam());
  ASSERT_FALSE(f.passes.empty()) << "a pass test needs a '# RUN: <passes>' line";
  ParseOptions parse_options;
  parse_options.allow_unresolved_ops = f.allow_unresolved;
  VerifyOptions verify_options;
  verify_options.allow_unresolved_ops = f.allow_unresolved;
  std::shared_ptr<Graph> g = parseGraph(f.graph, parse_options);
  EXPECT_EQ(g->toString(), f.graph) << "printing the parsed graph does not give the text back";
  verify(*g, verify_options);
  Outcome before = results(*g);
  auto run = [&] {
    bool any_changed = false;
    for (const std::string& pass : f.passes) {
      bool changed = runPass(pass, *g);
      if (f.unchanged) {
        EXPECT_FALSE(changed) << pass << " reported a change";
      }
      any_changed |= changed;
      verify(*g, verify_options);
    }
    if (!f.unchanged) {
      EXPECT_TRUE(any_changed) << "no pass reported a change";
    }
  };
  if (!f.expect_error.empty()) {
    EXPECT_THROW_MSG(run(), f.expect_error);
    return;
  }
  run();
  std::string after_text = g->toString();
  EXPECT_TRUE(testing::fileCheck(f.directives, after_text));
  // The result must print in canonical form too.
  EXPECT_EQ(parseGraph(after_text, parse_options)->toString(), after_text);
  if (before.ran) {
    Outcome after = results(*g);
    ASSERT_TRUE(after.ran) << "the graph could be run before the passes but not after";
    EXPECT_EQ(after.error, before.error);
    EXPECT_TRUE(testing::sameResults(before.values, after.values));
  }
}

std::string testName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = std::filesystem::path(info.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, PassFile, ::testing::ValuesIn(testing::irTestFiles("tests/passes")),
                         testName);

}  // namespace
}  // namespace wick::jit
