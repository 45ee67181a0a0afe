// Tracing functions: graphs, symbolic sizes, inputs and outputs, errors and warnings.
#include <atomic>
#include <thread>

#include "testing/testing.h"
#include "trace/warning_capture.h"
#include "wick/jit/trace.h"

namespace wick {
namespace {

using testing::allClose;
using testing::WarningCapture;

std::string graphText(const jit::ScriptFunction& f) { return jit::toString(f.graph()); }
bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(TraceFunction, ReluMatchesEagerOnNewInputs) {
  Tensor x = tensor({-1.0f, 0.0f, 1.0f});
  auto f = jit::trace([](const Tensor& a) { return relu(a); }, {x});
  std::string g = graphText(f);
  EXPECT_TRUE(contains(g, "graph(%0 : Float(3, strides=[1], requires_grad=0, device=cpu)):")) << g;
  EXPECT_TRUE(contains(g, "aten::relu(%0)")) << g;
  Tensor y = randn({7});
  EXPECT_TRUE(allClose(f({y}).toTensor(), relu(y)));
}

// Aliases are recorded as the op PyTorch's tracer leaves after NormalizeOps: torch.absolute,
// arccos and clip trace to aten::abs, aten::acos and aten::clamp.
TEST(TraceFunction, AliasesRecordTheirCanonicalOps) {
  auto f = jit::trace(
      [](const Tensor& x) {
        return ops::clip(ops::absolute(ops::arccos(x)), Scalar(0.1), Scalar(0.9));
      },
      {tensor({0.5f, -0.25f})});
  std::string g = graphText(f);
  EXPECT_TRUE(contains(g, "aten::acos(%0)")) << g;
  EXPECT_TRUE(contains(g, "aten::abs(")) << g;
  EXPECT_TRUE(contains(g, "aten::clamp(")) << g;
  EXPECT_FALSE(contains(g, "absolute") || contains(g, "arccos") || contains(g, "clip")) << g;
  Tensor y = tensor({0.75f, 0.0f, -0.5f});
  EXPECT_TRUE(allClose(f({y}).toTensor(), clamp(abs(acos(y)), 0.1, 0.9)));
}

TEST(TraceFunction, SizesStaySymbolic) {
  auto f = jit::trace(
      [](const Tensor& x) {
        return x.view({x.size(1) * 2, x.size(0), 2});
      },
      {randn({5, 2, 4})});
  std::string g = graphText(f);
  EXPECT_TRUE(contains(g, "aten::size")) << g;
  EXPECT_TRUE(contains(g, "prim::NumToTensor")) << g;
  EXPECT_TRUE(contains(g, "aten::Int")) << g;
  Tensor y = randn({4, 8, 4});
  Tensor out = f({y}).toTensor();
  EXPECT_EQ(out.sizes().vec(), (std::vector<int64_t>{16, 4, 2}));
}

TEST(TraceFunction, NumelAndFactoriesFollowTheInputShape) {
  auto f = jit::trace(
      [](const Tensor& x) {
        return std::make_tuple(arange(x.size(0)), full(x.sizes(), 2.0), x.reshape({x.numel()}));
      },
      {randn({3, 2})});
  IValue out = f({randn({5, 4})});
  const auto& e = out.toTuple().elems;
  EXPECT_EQ(e[0].toTensor().sizes().vec(), std::vector<int64_t>{5});
  EXPECT_EQ(e[1].toTensor().sizes().vec(), (std::vector<int64_t>{5, 4}));
  EXPECT_EQ(e[2].toTensor().sizes().vec(), std::vector<int64_t>{20});
}

TEST(TraceFunction, UnbindGeneralisationErrorIsPyTorchs) {
  auto f = jit::trace(
      [](const Tensor& x) {
        std::vector<Tensor> parts = x.unbind(0);
        for (Tensor& p : parts) p = p * 2;
        return stack(parts);
      },
      {randn({10, 5, 5})});
  Tensor x = randn({10, 5, 5});
  EXPECT_TRUE(allClose(f({x}).toTensor(), x * 2));
  EXPECT_THROW_MSG(f({randn({11, 5, 5})}), "Expected 10 elements in a list but found 11");
}

TEST(TraceFunction, ConvertingToCppNumbersWarnsWithTheCallSite) {
  WarningCapture w;
  int line = __LINE__ + 3;
  auto f = jit::trace(
      [](const Tensor& x) {
        int64_t n = x.size(0);
        return x * static_cast<double>(n);
      },
      {randn({3})}, jit::TraceOptions{}.check_trace(false));
  ASSERT_TRUE(
      w.contains("Converting a tensor to a C++ integer might cause the trace to be incorrect"));
  bool located = false;
  for (const auto& warning : w.warnings) {
    located =
        located || (warning.has_location && warning.where.line() == static_cast<unsigned>(line));
  }
  EXPECT_TRUE(located);
  (void)f;
}

TEST(TraceFunction, ItemWarns) {
  WarningCapture w;
  jit::trace([](const Tensor& x) { return x * x.sum().item<double>(); }, {randn({3})},
             jit::TraceOptions{}.check_trace(false));
  EXPECT_TRUE(w.contains("Converting a tensor to a C++ float"));
}

TEST(TraceFunction, TupleAndNestedOutputs) {
  auto f = jit::trace(
      [](const Tensor& x, const Tensor& y) {
        return std::make_tuple(x + y, std::make_tuple(x * y, y.sin()));
      },
      {randn({3}), randn({3})});
  std::string g = graphText(f);
  EXPECT_TRUE(contains(g, "prim::TupleConstruct")) << g;
  Tensor a = randn({3}), b = randn({3});
  IValue out = f({a, b});
  EXPECT_TRUE(allClose(out.toTuple().elems[0].toTensor(), a + b));
  EXPECT_TRUE(allClose(out.toTuple().elems[1].toTuple().elems[1].toTensor(), b.sin()));
}

TEST(TraceFunction, ListOutputWarnsInStrictMode) {
  WarningCapture w;
  auto fn = [](const Tensor& x) { return std::vector<Tensor>{x, x + 1}; };
  jit::trace(fn, {randn({2})});
  EXPECT_TRUE(w.contains(
      "Encountering a list at the output of the tracer might cause the trace to be incorrect"));
  WarningCapture quiet;
  auto f = jit::trace(fn, {randn({2})}, jit::TraceOptions{}.strict(false));
  EXPECT_FALSE(quiet.contains("Encountering a list"));
  Tensor x = randn({2});
  IValue out = f({x});
  EXPECT_TRUE(allClose(out.toList().elems[1].toTensor(), x + 1));
}

TEST(TraceFunction, DictOutputNeedsNonStrict) {
  auto fn = [](const Tensor& x) { return std::map<std::string, Tensor>{{"a", x}, {"b", x * 2}}; };
  EXPECT_THROW_MSG(jit::trace(fn, {randn({2})}), "Encountering a dict at the output of the tracer");
  auto f = jit::trace(fn, {randn({2})}, jit::TraceOptions{}.strict(false));
  Tensor x = randn({2});
  IValue out = f({x});
  EXPECT_TRUE(allClose(out.toDict().find(IValue("b"))->toTensor(), x * 2));
}

TEST(TraceFunction, NonTensorOutputsAreErrors) {
  EXPECT_THROW_MSG(jit::trace([](const Tensor& x) { return x.dim(); }, {randn({2})}),
                   "Only tensors, lists, tuples of tensors, or dictionary of tensors can be output "
                   "from traced functions");
}

TEST(TraceFunction, NonTensorInputsAreErrors) {
  EXPECT_THROW_MSG(jit::trace([](const Tensor& x, int64_t) { return x; }, {randn({2}), IValue(3)}),
                   "Type 'int' cannot be traced");
}

TEST(TraceFunction, CapturedTensorsBecomeConstantsUnlessTheyRequireGrad) {
  Tensor w = tensor({1.0f, 2.0f});
  auto f = jit::trace([w](const Tensor& x) { return x * w; }, {randn({2})});
  EXPECT_TRUE(contains(graphText(f), "prim::Constant[value= 1  2 [ CPUFloatType{2} ]]()"))
      << graphText(f);
  Tensor p = randn({2}).requires_grad_(true);
  EXPECT_THROW_MSG(jit::trace([p](const Tensor& x) { return x * p; }, {randn({2})}),
                   "Cannot insert a Tensor that requires grad as a constant. Consider making it a "
                   "parameter or input, or detaching the gradient");
}

TEST(TraceFunction, UserErrorsPropagateAndTheTracerStaysUsable) {
  auto bad = [](const Tensor& x) -> Tensor {
    WICK_FAIL("The error abcde");
    return x;
  };
  EXPECT_THROW_MSG(jit::trace(bad, {randn({2})}), "The error abcde");
  auto f = jit::trace([](const Tensor& x) { return x + 1; }, {randn({2})});
  EXPECT_TRUE(f.defined());
}

TEST(TraceFunction, NestedTracingIsAnError) {
  EXPECT_THROW_MSG(jit::trace(
                       [](const Tensor& x) {
                         jit::trace([](const Tensor& y) { return y; }, {x});
                         return x;
                       },
                       {randn({2})}),
                   "Tracing can't be nested");
}

TEST(TraceFunction, SameTensorTwiceStaysTwoInputs) {
  Tensor x = randn({3});
  auto f = jit::trace([](const Tensor& a, const Tensor& b) { return a * b; }, {x, x});
  EXPECT_EQ(graphText(f).find("graph(%0"), 0u);
  Tensor a = randn({3}), b = randn({3});
  EXPECT_TRUE(allClose(f({a, b}).toTensor(), a * b));
}

TEST(TraceFunction, TupleListAndDictInputsAreFlattened) {
  auto f = jit::trace(
      [](const std::tuple<Tensor, Tensor>& t, const std::vector<Tensor>& l,
         const std::map<std::string, Tensor>& d) {
        return std::get<0>(t) + std::get<1>(t) + l[0] + d.at("k");
      },
      {jit::tuple({randn({2}), randn({2})}), jit::list({randn({2})}),
       jit::dict({{"k", randn({2})}})});
  std::string g = graphText(f);
  EXPECT_TRUE(contains(g, "prim::TupleUnpack")) << g;
  EXPECT_TRUE(contains(g, "prim::ListUnpack")) << g;
  EXPECT_TRUE(contains(g, "aten::__getitem__")) << g;
  Tensor a = randn({2}), b = randn({2}), c = randn({2}), d = randn({2});
  // Dict keys are looked up by name: extra keys are fine.
  IValue out = f({jit::tuple({a, b}), jit::list({c}), jit::dict({{"z", randn({2})}, {"k", d}})});
  EXPECT_TRUE(allClose(out.toTensor(), a + b + c + d));
}

TEST(TraceFunction, WrongInputsNameTheProblem) {
  auto f = jit::trace([](const Tensor& x) { return x + 1; }, {randn({2})});
  EXPECT_THROW_MSG(f({randn({2}), randn({2})}), "expected at most 1 argument(s) but received 2");
  EXPECT_THROW_MSG(f({IValue(3)}), "Expected a value of type 'Tensor' for argument");
}

TEST(TraceFunction, ExampleInputsByName) {
  auto fn = [](const Tensor& x, const Tensor& y) { return x - y; };
  auto f =
      jit::trace(fn, {},
                 jit::TraceOptions{}
                     .arg_names({"x", "y"})
                     .example_kwarg_inputs({{"y", IValue(randn({2}))}, {"x", IValue(randn({2}))}}));
  EXPECT_TRUE(contains(graphText(f), "graph(%x : Float(2")) << graphText(f);
  EXPECT_THROW_MSG(jit::trace(fn, {},
                              jit::TraceOptions{}
                                  .arg_names({"x", "y"})
                                  .example_kwarg_inputs({{"z", IValue(randn({2}))}})),
                   "'z' is not in the function's arguments: x, y");
}

TEST(TraceFunction, TracingFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto f = jit::trace([t](const Tensor& x) { return x * (t + 1); }, {randn({4})});
      Tensor y = randn({4});
      if (allClose(f({y}).toTensor(), y * (t + 1))) ++ok;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 4);
}

}  // namespace
}  // namespace wick
