// The op conformance harness: replays every case of tests/ops/conformance_cases.txt through
// the registry's boxed kernels and compares with what PyTorch 1.13 produced for the same
// inputs (tests/oracle/conformance.py runs the whole table once per test process). A failure
// prints the table line, e.g. `line 12: aten::add.Tensor self=f32[2,3] other=f32[3] alpha=2`.
// The coverage test also counts the ops that the other oracle tables (reductions, TorchScript
// scalar ops, dense/NN ops) run against PyTorch.
//
// WICK_CONFORMANCE_FILTER=text limits the run to cases whose line contains `text`.
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "ops/conformance_data.h"
#include "testing/testing.h"
#include "wick/ops/registry.h"

namespace wick::testing {
namespace {

const char* kTable = "tests/ops/conformance_cases.txt";

const std::vector<ConformanceCase>& allCases() {
  static const std::vector<ConformanceCase> cases = [] {
    std::string out = tempDir("conformance") + "/cases.bin";
    const char* filter = std::getenv("WICK_CONFORMANCE_FILTER");
    std::vector<std::string> args = {sourcePath(kTable), out};
    if (filter != nullptr) args.emplace_back(filter);
    runPython("conformance.py", args);
    return readConformanceFile(out);
  }();
  return cases;
}

// ---- comparing values ----

std::string describe(const ConformanceCase& c) {
  return "line " + std::to_string(c.line) + ": " + c.text;
}

::testing::AssertionResult compareTensors(const Tensor& actual, const Tensor& expected,
                                          const ConformanceCase& c, const std::string& what) {
  auto fail = [&]() { return ::testing::AssertionFailure() << what << ": "; };
  if (actual.dtype() != expected.dtype()) {
    return fail() << "dtype " << actual.dtype() << ", expected " << expected.dtype();
  }
  if (!(actual.sizes() == expected.sizes())) {
    return fail() << "shape " << actual.sizes() << ", expected " << expected.sizes();
  }
  // Strides decide graph types and later layouts; dims of size 1 may have any stride.
  if (!c.any_strides && actual.impl()->numel() > 0) {
    for (int64_t d = 0; d < actual.dim(); ++d) {
      if (actual.impl()->sizes()[d] > 1 && actual.stride(d) != expected.stride(d)) {
        return fail() << "strides " << actual.strides() << ", expected " << expected.strides();
      }
    }
  }
  if (c.no_values) return ::testing::AssertionSuccess();
  if (!isFloatingType(actual.dtype())) {
    // Bools are compared as their bytes: a kernel must write 0 or 1 where PyTorch does.
    auto values = [](const Tensor& t) {
      return (t.dtype() == kBool ? t.view(kByte) : t).to_vector<int64_t>();
    };
    std::vector<int64_t> a = values(actual), e = values(expected);
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != e[i]) return fail() << "element " << i << " is " << a[i] << ", expected " << e[i];
    }
    return ::testing::AssertionSuccess();
  }
  std::vector<double> a = actual.to_vector<double>(), e = expected.to_vector<double>();
  for (size_t i = 0; i < a.size(); ++i) {
    bool same = (std::isnan(a[i]) && std::isnan(e[i])) || a[i] == e[i] ||
                std::abs(a[i] - e[i]) <= c.atol + c.rtol * std::abs(e[i]);
    if (!same) {
      return fail() << "element " << i << " is " << a[i] << ", expected " << e[i] << " (rtol "
                    << c.rtol << ", atol " << c.atol << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult compareValues(const IValue& actual, const IValue& expected,
                                         const ConformanceCase& c, const std::string& what) {
  if (expected.isTensor()) {
    if (!actual.isTensor()) {
      return ::testing::AssertionFailure()
             << what << ": got " << actual.typeName() << ", expected a Tensor";
    }
    return compareTensors(actual.toTensor(), expected.toTensor(), c, what);
  }
  if (expected.isDouble() && (actual.isDouble() || actual.isInt())) {
    double a = actual.isInt() ? static_cast<double>(actual.toInt()) : actual.toDouble();
    double e = expected.toDouble();
    if ((std::isnan(a) && std::isnan(e)) || a == e ||
        std::abs(a - e) <= c.atol + c.rtol * std::abs(e)) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << what << ": got " << a << ", expected " << e;
  }
  if ((expected.isList() && actual.isList()) || (expected.isTuple() && actual.isTuple())) {
    const auto& ae = actual.isList() ? actual.toList().elems : actual.toTuple().elems;
    const auto& ee = expected.isList() ? expected.toList().elems : expected.toTuple().elems;
    if (ae.size() != ee.size()) {
      return ::testing::AssertionFailure()
             << what << ": " << ae.size() << " elements, expected " << ee.size();
    }
    for (size_t i = 0; i < ae.size(); ++i) {
      auto r = compareValues(ae[i], ee[i], c, what + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (actual == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << ": got " << actual << ", expected " << expected;
}

// ---- running a case ----

// Runs c's op through its boxed kernel; returns the outputs, or the error message.
Stack runBoxed(const OpInfo& info, const ConformanceCase& c) {
  Stack stack(c.args.begin(), c.args.end());
  if (c.seed >= 0) manual_seed(static_cast<uint64_t>(c.seed));
  info.kernel(stack, c.args.size());
  return stack;
}

// The result views argument `index`: it (or each non-empty tensor of it, for a list) shares
// that argument's storage.
::testing::AssertionResult viewsArgument(const IValue& result, const ConformanceCase& c,
                                         const OpInfo& info, int32_t index) {
  const auto& storage = c.args[index].toTensor().impl()->storage();
  std::vector<IValue> views = result.isList() ? result.toList().elems : std::vector{result};
  for (size_t i = 0; i < views.size(); ++i) {
    const Tensor& t = views[i].toTensor();
    if (t.numel() > 0 && t.impl()->storage() != storage) {
      return ::testing::AssertionFailure()
             << "result " << (result.isList() ? "[" + std::to_string(i) + "] " : "")
             << "should view argument " << info.schema.arguments[index].name;
    }
  }
  return ::testing::AssertionSuccess();
}

void checkCase(const ConformanceCase& c) {
  SCOPED_TRACE(describe(c));
  const OpInfo* info = findOp(c.op);
  ASSERT_NE(info, nullptr) << "no op " << c.op << " in ops.def";
  ASSERT_FALSE(c.torch_raised) << "PyTorch raised `" << c.torch_message
                               << "`; mark the case !error or fix its arguments";
  Stack out;
  try {
    out = runBoxed(*info, c);
  } catch (const std::exception& e) {
    FAIL() << "wick raised: " << e.what();
  }
  // !outputs=K: PyTorch leaves the later results uninitialised; compare the first K only.
  if (c.text.find("!outputs=") != std::string::npos) {
    ASSERT_GE(out.size(), c.results.size()) << "number of results";
  } else {
    ASSERT_EQ(out.size(), c.results.size()) << "number of results";
  }
  for (size_t i = 0; i < c.results.size(); ++i) {
    EXPECT_TRUE(compareValues(out[i], c.results[i], c, "result " + std::to_string(i)));
  }
  for (const auto& [index, expected] : c.written) {
    const std::string& name = info->schema.arguments[index].name;
    EXPECT_TRUE(compareValues(c.args[index], expected, c, "argument " + name + " after the call"));
  }
  if (c.result_is_arg >= 0) {
    EXPECT_TRUE(out[0].toTensor().is_same(c.args[c.result_is_arg].toTensor()))
        << "the result should be argument " << info->schema.arguments[c.result_is_arg].name
        << " itself";
  } else if (c.result_shares_storage >= 0) {
    EXPECT_TRUE(viewsArgument(out[0], c, *info, c.result_shares_storage));
  }
}

// An expected error: PyTorch raised, and wick raises a wick::Error naming the op.
void checkErrorCase(const ConformanceCase& c) {
  SCOPED_TRACE(describe(c));
  const OpInfo* info = findOp(c.op);
  ASSERT_NE(info, nullptr) << "no op " << c.op << " in ops.def";
  ASSERT_TRUE(c.torch_raised) << "PyTorch accepted this case; it should not be !error";
  std::string message;
  try {
    runBoxed(*info, c);
  } catch (const Error& e) {
    message = e.what();
  } catch (const std::exception& e) {
    FAIL() << "raised something other than wick::Error: " << e.what();
  }
  ASSERT_FALSE(message.empty()) << "wick accepted it; PyTorch raised `" << c.torch_message << "`";
  EXPECT_NE(message.find(info->schema.name), std::string::npos)
      << "the message should name " << info->schema.name << ": " << message;
  if (!c.error_substring.empty()) {
    EXPECT_NE(message.find(c.error_substring), std::string::npos)
        << "expected `" << c.error_substring << "` in: " << message;
  }
}

TEST(Conformance, CasesMatchPyTorch) {
  // Resizing non-empty out= tensors warns, as in PyTorch; the cases do it on purpose.
  WarningHandler previous = setWarningHandler([](const Warning&) {});
  size_t n = 0;
  for (const ConformanceCase& c : allCases()) {
    if (c.expect_error) continue;
    checkCase(c);
    ++n;
  }
  setWarningHandler(previous);
  EXPECT_GT(n, 0u);
}

TEST(Conformance, ExpectedErrorsRaiseWickErrorNamingTheOp) {
  for (const ConformanceCase& c : allCases()) {
    if (c.expect_error) checkErrorCase(c);
  }
}

// Every typed op in ops.def has a case here or in another oracle table, or an exemption with
// a reason; exemptions name ops in ops.def that have no case anywhere.
TEST(Conformance, EveryTypedOpHasACase) {
  ConformanceTable table = readConformanceTable(sourcePath(kTable));
  std::set<std::string> covered(table.case_ops.begin(), table.case_ops.end());
  std::multimap<std::string, std::string> elsewhere = otherOracleTableOps();
  std::map<std::string, std::string> exempt(table.exemptions.begin(), table.exemptions.end());
  for (const auto& [op, reason] : table.exemptions) {
    EXPECT_FALSE(reason.empty()) << "exemption of " << op << " needs a reason";
    EXPECT_NE(findOp(op), nullptr) << "exempt op " << op << " is not in ops.def";
    EXPECT_FALSE(covered.count(op)) << op << " is exempt but has cases in " << kTable;
    if (auto other = elsewhere.find(op); other != elsewhere.end()) {
      ADD_FAILURE() << op << " is exempt but has cases in " << other->second
                    << "; drop the exemption";
    }
  }
  for (const std::string& op : covered) {
    EXPECT_NE(findOp(op), nullptr) << kTable << " has cases for " << op << ", not in ops.def";
  }
  for (const OpInfo& info : allOps()) {
    if (!info.typed) continue;
    std::string name = info.schema.qualifiedName();
    EXPECT_TRUE(covered.count(name) || elsewhere.count(name) || exempt.count(name))
        << name << " has no case in " << kTable
        << ", tests/reduce/reduce_cases.txt, tests/script_ops/script_cases.txt or "
           "tests/oracle/k3_cases_*.py (add one, or an `exempt` line in "
        << kTable << " with a reason)";
  }
}

}  // namespace
}  // namespace wick::testing
