// Tracing modules: ScriptModule structure, GetAttr/CallMethod graphs, respect_mode, shared
// tensors, checks and concurrency.
#include <thread>

#include "testing/testing.h"
#include "trace/warning_capture.h"
#include "wick/jit/trace.h"

namespace wick {
namespace {

using testing::allClose;
using testing::WarningCapture;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// A dense layer written against the op API (independent of nn's layers).
struct DenseImpl : nn::Module {
  Tensor weight, bias;
  DenseImpl(int64_t in, int64_t out) : nn::Module("Dense") {
    weight = register_parameter("weight", randn({out, in}));
    bias = register_parameter("bias", zeros({out}));
  }
  Tensor forward(const Tensor& x) { return matmul(x, weight.t()) + bias; }
};
WICK_MODULE(Dense);

// Returns abs(x) in training mode and -abs(x) in eval mode.
struct ModeImpl : nn::Module {
  ModeImpl() : nn::Module("ModeDependent") {}
  Tensor forward(const Tensor& x) { return is_training() ? x.abs() : -x.abs(); }
};
WICK_MODULE(Mode);

struct Net : nn::Module {
  Dense fc1{nullptr}, fc2{nullptr};
  Mode mode{nullptr};
  Tensor scale;
  Net() : nn::Module("Net") {
    fc1 = register_module("fc1", Dense(4, 8));
    fc2 = register_module("fc2", Dense(8, 2));
    mode = register_module("mode", Mode());
    scale = register_buffer("scale", ones({2}));
  }
  Tensor forward(const Tensor& x) { return mode(fc2(relu(fc1(x)))) * scale; }
  Tensor encode(const Tensor& x) { return fc1(x); }
};

TEST(TraceModule, HierarchyAndCallMethodGraph) {
  auto net = std::make_shared<Net>();
  net->eval();
  jit::ScriptModule m = jit::trace(net, {randn({3, 4})});
  EXPECT_EQ(m.type_name(), "__torch__.Net");
  EXPECT_EQ(m.named_parameters().keys(),
            (std::vector<std::string>{"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}));
  EXPECT_EQ(m.named_buffers().keys(), std::vector<std::string>{"scale"});
  EXPECT_EQ(m.modules().size(), 4u);
  std::string g = jit::toString(m.graph());
  EXPECT_TRUE(contains(g, "prim::GetAttr[name=\"fc1\"](%self)")) << g;
  EXPECT_TRUE(contains(g, "prim::CallMethod[name=\"evalforward\"]")) << g;
  std::string sub = jit::toString(m.submodule("fc1").graph("evalforward"));
  EXPECT_TRUE(contains(sub, "prim::GetAttr[name=\"weight\"](%self)")) << sub;
  Tensor x = randn({5, 4});
  EXPECT_TRUE(allClose(m.forward({x}).toTensor(), net->forward(x)));
}

TEST(TraceModule, RespectModeDispatchesOnTraining) {
  Mode net;
  jit::ScriptModule m = jit::trace(net, {randn({3})});
  EXPECT_TRUE(net->is_training());  // the eager module's mode is restored
  EXPECT_TRUE(m.has_method("trainforward"));
  EXPECT_TRUE(m.has_method("evalforward"));
  Tensor x = randn({3});
  m.train();
  EXPECT_TRUE(allClose(m.forward({x}).toTensor(), x.abs()));
  EXPECT_TRUE(contains(jit::toString(m.graph()), "aten::abs"));
  m.eval();
  EXPECT_TRUE(allClose(m.forward({x}).toTensor(), -x.abs()));
  EXPECT_TRUE(contains(jit::toString(m.graph()), "aten::neg"));
}

TEST(TraceModule, WithoutRespectModeTheCurrentModeIsBakedIn) {
  auto n1 = Mode();
  jit::ScriptModule m1 = jit::trace(n1, {randn({3})}, jit::TraceOptions{}.respect_mode(false));
  m1.eval();
  Tensor x = randn({3});
  EXPECT_TRUE(allClose(m1.forward({x}).toTensor(), x.abs()));
  auto n2 = Mode();
  n2->eval();
  jit::ScriptModule m2 = jit::trace(n2, {randn({3})}, jit::TraceOptions{}.respect_mode(false));
  m2.train();
  EXPECT_TRUE(allClose(m2.forward({x}).toTensor(), -x.abs()));
}

TEST(TraceModule, ParametersAreSharedWithTheEagerModule) {
  auto net = std::make_shared<Net>();
  jit::ScriptModule m = jit::trace(net, {randn({2, 4})});
  m.eval();
  {
    NoGradGuard g;
    net->fc2->bias.fill_(3.0);
    net->fc2->weight.zero_();
  }
  Tensor out = m.forward({randn({2, 4})}).toTensor();
  EXPECT_TRUE(allClose(out, full({2, 2}, -3.0)));
  m.parameters()[0].requires_grad();
  EXPECT_TRUE(m.named_parameters()["fc2.bias"].is_same(net->fc2->bias));
}

TEST(TraceModule, SeveralMethods) {
  auto net = std::make_shared<Net>();
  net->register_method("encode", &Net::encode);
  net->register_method("forward", &Net::forward);
  jit::ScriptModule m =
      jit::trace_module(net, {{"forward", {randn({2, 4})}}, {"encode", {randn({3, 4})}}});
  Tensor x = randn({6, 4});
  EXPECT_TRUE(allClose(m.run_method("encode", {x}).toTensor(), net->encode(x)));
  EXPECT_THROW_MSG(jit::trace_module(net, {{"decode", {x}}}), "Method 'decode' does not exist");
  EXPECT_THROW_MSG(jit::trace_module(net, {{"trainforward", {x}}}),
                   "Methods `evalforward` and `trainforward` are reserved.");
}

TEST(TraceModule, RetracingTheSameModuleWorks) {
  auto net = std::make_shared<Net>();
  jit::ScriptModule a = jit::trace(net, {randn({2, 4})});
  jit::ScriptModule b = jit::trace(net, {randn({2, 4})});
  EXPECT_EQ(a.type_name(), b.type_name());
}

TEST(TraceModule, StateDictRoundTrip) {
  auto net = std::make_shared<Net>();
  jit::ScriptModule m = jit::trace(net, {randn({2, 4})});
  auto sd = m.state_dict();
  EXPECT_EQ(sd.keys(), (std::vector<std::string>{"scale", "fc1.weight", "fc1.bias", "fc2.weight",
                                                 "fc2.bias"}));
  nn::StateDict bad;
  bad.insert("fc1.weight", zeros({3, 3}));
  bad.insert("nope", zeros({1}));
  std::string msg = testing::errorOf([&] { m.load_state_dict(bad); });
  EXPECT_TRUE(contains(msg, "Missing key(s) in state_dict: \"scale\"")) << msg;
  EXPECT_TRUE(contains(msg, "Unexpected key(s) in state_dict: \"nope\"")) << msg;
  EXPECT_TRUE(contains(msg, "size mismatch for fc1.weight")) << msg;
}

TEST(TraceModule, ManyThreadsCallOneModule) {
  auto net = std::make_shared<Net>();
  jit::ScriptModule m = jit::trace(net, {randn({2, 4})});
  m.eval();
  std::vector<Tensor> inputs, expected;
  for (int i = 0; i < 8; ++i) {
    inputs.push_back(randn({16, 4}));
    expected.push_back(m.forward({inputs.back()}).toTensor());
  }
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      bool good = true;
      for (int k = 0; k < 50; ++k) {
        good = good && allClose(m.forward({inputs[t]}).toTensor(), expected[t], 0, 0);
      }
      if (good) ++ok;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 8);
}

TEST(TraceModule, CheckTraceCatchesDataDependentControlFlow) {
  auto fn = [](const Tensor& x) {
    Tensor y = x;
    int64_t n = x.size(0);  // baked into the trace
    for (int64_t i = 0; i < n; ++i) y = y + 1;
    return y;
  };
  WarningCapture w;
  std::string msg = testing::errorOf(
      [&] { jit::trace(fn, {randn({2})}, jit::TraceOptions{}.check_inputs({{randn({3})}})); });
  EXPECT_TRUE(contains(msg, "Tracing failed sanity checks!")) << msg;
  EXPECT_TRUE(contains(msg, "Graphs differed across invocations!")) << msg;
}

TEST(TraceModule, SubmoduleWithoutTracedMethodGivesAClearError) {
  auto net = std::make_shared<Net>();
  jit::ScriptModule m = jit::trace(net, {randn({2, 4})}, jit::TraceOptions{}.respect_mode(false));
  EXPECT_THROW_MSG(m.submodule("fc1").run_method("encode", {randn({2, 4})}),
                   "has no method 'encode'");
}

}  // namespace
}  // namespace wick
