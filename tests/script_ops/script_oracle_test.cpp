// Every case of script_cases.txt: PyTorch runs a small TorchScript function calling the
// operator; wick calls the same operator overload through the registry's boxed kernel with
// the same arguments (schema defaults filling the rest) and must give the same result, the
// same change to a mutated argument, or an error.
#include <sstream>

#include "testing/testing.h"
#include "value_io.h"
#include "wick/ops/registry.h"

namespace wick::testing {
namespace {

struct ScriptCase {
  std::string line;
  std::string op;
  std::vector<IValue> args;
  std::vector<IValue> expected;
  std::string error;
};

std::vector<ScriptCase> readCases(const std::string& text) {
  std::vector<ScriptCase> cases;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream in(line);
    std::string tag;
    in >> tag;
    if (tag == "case") {
      cases.emplace_back();
      std::string lineno;
      in >> lineno >> cases.back().op >> std::ws;
      std::getline(in, cases.back().line);
      cases.back().line = "line " + lineno + ": " + cases.back().line;
    } else if (tag == "arg") {
      cases.back().args.push_back(readScriptValue(in));
    } else if (tag == "out") {
      cases.back().expected.push_back(readScriptValue(in));
    } else if (tag == "error") {
      in >> std::ws;
      std::getline(in, cases.back().error);
    }
  }
  return cases;
}

std::string runCase(const ScriptCase& c) {
  const OpInfo* info = findOp(c.op);
  if (!info) return "operator " + c.op + " is not registered";
  Stack stack(c.args.begin(), c.args.end());
  const auto& params = info->schema.arguments;
  for (size_t i = stack.size(); i < params.size(); ++i) {
    if (!params[i].default_value) return "missing argument " + params[i].name;
    stack.push_back(*params[i].default_value);
  }
  size_t n = stack.size();
  // aten::set_grad_enabled's case switches grad mode; later cases run with the default.
  struct GradModeRestore {
    bool saved = GradMode::isEnabled();
    ~GradModeRestore() { GradMode::setEnabled(saved); }
  } restore;
  try {
    info->kernel(stack, n);
  } catch (const Error& e) {
    if (c.error.empty()) return std::string("unexpected error: ") + e.what();
    if (std::string(e.what()).find(c.error) == std::string::npos) {
      return "error \"" + std::string(e.what()) + "\" does not contain \"" + c.error + "\"";
    }
    return "";
  }
  if (!c.error.empty()) return "expected an error containing \"" + c.error + "\"";
  // Ops without results are checked through the argument they change.
  std::vector<IValue> got = info->schema.returns.empty() ? std::vector<IValue>{c.args[0]} : stack;
  if (got.size() == 1 && got[0].isTuple() && c.expected.size() > 1) got = got[0].toTuple().elems;
  if (got.size() != c.expected.size()) {
    return "expected " + std::to_string(c.expected.size()) + " results, got " +
           std::to_string(got.size());
  }
  for (size_t i = 0; i < got.size(); ++i) {
    std::string r = compareScriptValues(got[i], c.expected[i]);
    if (!r.empty()) return "result " + std::to_string(i) + ": " + r;
  }
  return "";
}

TEST(ScriptOpsOracle, MatchTorchScript) {
  std::string out =
      runPython("k4_script_ops.py", {sourcePath("tests/script_ops/script_cases.txt")});
  std::vector<ScriptCase> cases = readCases(out);
  ASSERT_GT(cases.size(), 200u);
  for (const ScriptCase& c : cases) {
    EXPECT_EQ(runCase(c), "") << c.op << " (" << c.line << ")";
  }
}

}  // namespace
}  // namespace wick::testing
