// The eager math API (include/wick/ops/api_math.h): operators and methods compute the right
// values, and when traced they record the same ops with the same operand types as PyTorch
// 1.13 records for the equivalent Python (x * 2 -> aten::mul with a Long constant tensor,
// x == 2 -> aten::eq with an int, 2 - x -> aten::rsub, ...).
#include <functional>
#include <map>
#include <sstream>

#include "ir/ir.h"
#include "ops/conformance_data.h"
#include "testing/testing.h"
#include "wick/jit/trace.h"

namespace wick {
namespace {

using Sizes = std::vector<int64_t>;

Tensor floats(const std::vector<float>& values) {
  Tensor t = emptyTensor(Sizes{static_cast<int64_t>(values.size())}, kFloat);
  std::copy(values.begin(), values.end(), t.data_ptr<float>());
  return t;
}

// The trace of fn as `op(type, ...) ...`, constants left out, as k1_facts.py prints it.
std::string tracedOps(const std::function<Tensor(const Tensor&, const Tensor&)>& fn) {
  Tensor x = floats({-1.5f, 0.5f, 2.0f}), y = floats({1.0f, -2.0f, 3.0f});
  jit::ScriptFunction f = jit::trace_function(
      [&fn](const std::vector<IValue>& in) {
        return IValue(fn(in[0].toTensor(), in[1].toTensor()));
      },
      {x, y}, jit::TraceOptions().check_trace(false));
  auto typeName = [](const jit::Value* v) {
    if (const auto* t = v->type()->cast<TensorType>()) {
      return t->dtype ? "Tensor:" + std::string(graphName(*t->dtype)) : std::string("Tensor");
    }
    return v->type()->str();
  };
  std::string out;
  for (const jit::Node* n : *f.graph().block()) {
    if (n->kind().toQualString() == "prim::Constant") continue;
    out += (out.empty() ? "" : " ") + n->kind().toQualString() + "(";
    for (size_t i = 0; i < n->inputs().size(); ++i) {
      out += (i ? ", " : "") + typeName(n->inputs()[i]);
    }
    out += ")";
  }
  return out;
}

const std::map<std::string, std::function<Tensor(const Tensor&, const Tensor&)>>& expressions() {
  static const std::map<std::string, std::function<Tensor(const Tensor&, const Tensor&)>> e = {
      {"mul", [](const Tensor& x, const Tensor&) { return x * 2; }},
      {"rmul", [](const Tensor& x, const Tensor&) { return 2 * x; }},
      {"add", [](const Tensor& x, const Tensor&) { return x + 2.5; }},
      {"radd", [](const Tensor& x, const Tensor&) { return 2 + x; }},
      {"sub", [](const Tensor& x, const Tensor&) { return x - 2; }},
      {"rsub", [](const Tensor& x, const Tensor&) { return 2 - x; }},
      {"div", [](const Tensor& x, const Tensor&) { return x / 2; }},
      {"rdiv", [](const Tensor& x, const Tensor&) { return 2 / x; }},
      {"mod", [](const Tensor& x, const Tensor&) { return x % 2; }},
      {"rmod", [](const Tensor& x, const Tensor&) { return 2 % x; }},
      {"floordiv", [](const Tensor& x, const Tensor&) { return floor_divide(x, 2); }},
      {"pow", [](const Tensor& x, const Tensor&) { return x.pow(2); }},
      {"eq", [](const Tensor& x, const Tensor&) { return x == 2; }},
      {"lt", [](const Tensor& x, const Tensor&) { return x < 2; }},
      {"rlt", [](const Tensor& x, const Tensor&) { return 2 < x; }},
      {"ne", [](const Tensor& x, const Tensor& y) { return x != y; }},
      {"neg", [](const Tensor& x, const Tensor&) { return -x; }},
      {"and", [](const Tensor& x, const Tensor& y) { return (x > 0) & (y > 0); }},
      {"inv", [](const Tensor& x, const Tensor&) { return ~(x > 0); }},
      {"iadd",
       [](const Tensor& x, const Tensor&) {
         Tensor c = x.clone();
         c += 2;
         return c;
       }},
      {"imul",
       [](const Tensor& x, const Tensor& y) {
         Tensor c = x.clone();
         c *= y;
         return c;
       }},
      {"where", [](const Tensor& x, const Tensor&) { return where(x > 0, x, 0.0); }},
      {"clamp", [](const Tensor& x, const Tensor&) { return clamp(x, 0); }},
      {"to", [](const Tensor& x, const Tensor&) { return x.to(kDouble); }},
      {"gelu", [](const Tensor& x, const Tensor&) { return gelu(x, "tanh"); }},
      {"relu", [](const Tensor& x, const Tensor& y) { return relu(x + y); }},
  };
  return e;
}

TEST(ApiMath, OperatorsRecordWhatPyTorchRecords) {
  std::istringstream expected(testing::pytorchFacts("api_trace"));
  size_t n = 0;
  for (std::string line; std::getline(expected, line);) {
    size_t tab = line.find('\t');
    std::string name = line.substr(0, tab), ops = line.substr(tab + 1);
    auto it = expressions().find(name);
    ASSERT_NE(it, expressions().end()) << "no C++ expression for " << name;
    EXPECT_EQ(tracedOps(it->second), ops) << name;
    ++n;
  }
  EXPECT_EQ(n, expressions().size());
}

TEST(ApiMath, OperatorsComputeTheRightValues) {
  Tensor x = floats({-1.5f, 0.5f, 2.0f});
  EXPECT_EQ((x * 2 + 1).to_vector<float>(), (std::vector<float>{-2, 2, 5}));
  EXPECT_EQ((1 - x).to_vector<float>(), (std::vector<float>{2.5f, 0.5f, -1}));
  EXPECT_EQ((2 / x).to_vector<float>(), (std::vector<float>{-4.0f / 3, 4, 1}));
  EXPECT_EQ((x % 1).to_vector<float>(), (std::vector<float>{0.5f, 0.5f, 0}));
  EXPECT_EQ((x >= 0.5).to_vector<bool>(), (std::vector<bool>{false, true, true}));
  EXPECT_EQ(relu(x).to_vector<float>(), (std::vector<float>{0, 0.5f, 2}));
  EXPECT_EQ(clamp(x, -1, 1).to_vector<float>(), (std::vector<float>{-1, 0.5f, 1}));
  EXPECT_EQ(where(x > 0, x, -x).to_vector<float>(), (std::vector<float>{1.5f, 0.5f, 2}));
  Tensor i = x.to(kLong);
  EXPECT_EQ(i.dtype(), kLong);
  EXPECT_EQ((i * 2.5).dtype(), kFloat);
  EXPECT_TRUE(x.to(kFloat).is_same(x));
  EXPECT_FALSE(x.to(kFloat, false, true).is_same(x));
  Tensor c = x.clone();
  c -= 1;
  c /= 2;
  EXPECT_EQ(c.to_vector<float>(), (std::vector<float>{-1.25f, -0.25f, 0.5f}));
  EXPECT_EQ(x.to_vector<float>()[0], -1.5f);
}

TEST(ApiMath, ErrorsNameTheOp) {
  Tensor x = floats({1, 2, 3});
  Tensor i = x.to(kLong);
  EXPECT_THROW_MSG(i += 0.5, "aten::add_: result type Float can't be cast");
  EXPECT_THROW_MSG(x + floats({1, 2}), "aten::add: The size of tensor a (3)");
  EXPECT_THROW_MSG(div(i, i * 0, "floor"), "aten::div: ZeroDivisionError");
  EXPECT_THROW_MSG(gelu(x, "fast"), "aten::gelu: approximate argument must be either none or tanh");
}

}  // namespace
}  // namespace wick
