// The printer and parser against PyTorch 1.13's own graph text (tests/oracle/ir_graphs.py):
// constants of every kind printed by both, and traced and scripted programs read back and
// printed again.
#include <limits>
#include <map>

#include "ir/parser.h"
#include "ir/printer.h"
#include "ir/verifier.h"
#include "testing/testing.h"

namespace wick::jit {
namespace {

// name + " " + variant -> graph text, from one python run for the whole test program.
const std::map<std::string, std::string>& oracleSections() {
  static const std::map<std::string, std::string> sections = [] {
    std::string out = testing::runPython("ir_graphs.py", {"constants", "programs"});
    std::map<std::string, std::string> result;
    std::string key;
    size_t pos = 0;
    while (pos < out.size()) {
      size_t eol = out.find('\n', pos);
      if (eol == std::string::npos) eol = out.size();
      std::string line = out.substr(pos, eol - pos);
      if (line.rfind("=== ", 0) == 0) {
        key = line.substr(4);
        result[key];
      } else {
        result[key] += line + "\n";
      }
      pos = eol + 1;
    }
    return result;
  }();
  return sections;
}

Tensor filled(const std::vector<double>& values, const std::vector<int64_t>& sizes, DType dtype) {
  Tensor t = emptyTensor(sizes, dtype);
  WICK_DISPATCH_ALL(dtype, "test", {
    auto* p = t.data_ptr<scalar_t>();
    for (size_t i = 0; i < values.size(); ++i) p[i] = static_cast<scalar_t>(values[i]);
  });
  return t;
}

// Keep in step with constants() in tests/oracle/ir_graphs.py.
std::vector<IValue> constantValues() {
  double inf = std::numeric_limits<double>::infinity();
  std::vector<IValue> v = {int64_t(1),
                           int64_t(-3),
                           int64_t(0),
                           std::numeric_limits<int64_t>::max(),
                           0.5,
                           0.1,
                           1.0,
                           -0.0,
                           1e10,
                           1e20,
                           1e-5,
                           123456789.0,
                           3.14159265358979,
                           inf,
                           -inf,
                           std::numeric_limits<double>::quiet_NaN(),
                           1e300,
                           true,
                           false,
                           std::string("plain"),
                           std::string("a\"b\\c\nd\te'f\x01"),
                           std::string(""),
                           IValue(),
                           std::vector<int64_t>{1, 2},
                           std::vector<double>{0.1, 2.0},
                           std::vector<bool>{true, false},
                           std::vector<std::string>{"a", "b"},
                           Device(kCPU)};
  v.emplace_back(filled({2}, {}, kLong));
  v.emplace_back(filled({2.5}, {}, kFloat));
  v.emplace_back(filled({0.1}, {}, kFloat));
  v.emplace_back(filled({1e-7}, {}, kFloat));
  v.emplace_back(filled({3}, {1}, kFloat));
  v.emplace_back(filled({1}, {1}, kBool));
  v.emplace_back(filled({1, 2, 3}, {3}, kFloat));
  v.emplace_back(filled({1, 2}, {2}, kLong));
  v.emplace_back(filled({1, 0}, {2}, kBool));
  v.emplace_back(filled({1.5, 2, 3, 4}, {2, 2}, kFloat));
  v.emplace_back(filled({1e-5, 1e5, 3}, {3}, kFloat));
  v.emplace_back(filled({0.001, 0.002}, {2}, kFloat));
  v.emplace_back(filled({1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2}, kLong));
  v.emplace_back(filled({1.5, 2.5}, {2}, kDouble));
  v.emplace_back(filled({1e-20, 1e20, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 10}, kFloat));
  v.emplace_back(filled(std::vector<double>(11, 0.0), {11}, kFloat));
  v.push_back(tuple({int64_t(1), std::string("a")}));
  v.push_back(tuple({int64_t(1)}));
  v.push_back(tuple({tuple({int64_t(1), 2.5}), std::vector<int64_t>{1, 2}}));
  auto d = makeDict(StringType::get(), IntType::get());
  d->insert(std::string("a"), int64_t(1));
  d->insert(std::string("b"), int64_t(2));
  v.emplace_back(std::move(d));
  return v;
}

TEST(IrOracle, ConstantsPrintAsPyTorchPrintsThem) {
  Graph g;
  for (const IValue& v : constantValues()) g.insertConstant(v);
  EXPECT_EQ(g.toString(), oracleSections().at("constants full"));
}

TEST(IrOracle, ConstantsReadBack) {
  std::string text = oracleSections().at("constants full");
  // <Tensor> (more than 10 elements) cannot be read back; everything else must be.
  size_t big = text.find("  %43 :");
  std::string readable = text.substr(0, big) + text.substr(text.find('\n', big) + 1);
  std::shared_ptr<Graph> g = parseGraph(readable);
  verify(*g);
  EXPECT_EQ(g->toString(), readable);
  EXPECT_THROW_MSG(parseGraph(text), "prints as <Tensor> and cannot be read back");
}

class IrOracleProgram : public ::testing::TestWithParam<std::string> {};

// A PyTorch graph read by the parser prints again exactly as PyTorch printed it, with and
// without source locations.
TEST_P(IrOracleProgram, PrintsLikePyTorch) {
  const auto& sections = oracleSections();
  const std::string& full = sections.at(GetParam() + " full");
  ParseOptions options;
  // Op coverage is the kernels' business; this test is about the text.
  options.allow_unresolved_ops = true;
  std::shared_ptr<Graph> g = parseGraph(full, options);
  VerifyOptions verify_options;
  verify_options.allow_unresolved_ops = true;
  verify(*g, verify_options);
  EXPECT_EQ(g->toString(), full);
  EXPECT_EQ(g->toString(false), sections.at(GetParam() + " nolocs"));
  // A copy prints alike (cloning keeps names, types, attributes, scopes and locations),
  // up to the numbers of unnamed values.
  std::shared_ptr<Graph> copy = g->copy();
  EXPECT_EQ(parseGraph(copy->toString(), options)->toString(), copy->toString());
}

INSTANTIATE_TEST_SUITE_P(Programs, IrOracleProgram,
                         ::testing::Values("scripted", "scripted_lists", "module", "module_inlined",
                                           "traced_tuple", "traced_view", "traced_unbind"));

}  // namespace
}  // namespace wick::jit
