// nn::functional behaviour that is random or structural rather than numeric: dropout rates
// and scaling, train/eval switching, and traces that stay shape-generic.
#include "testing/testing.h"
#include "wick/jit/trace.h"
#include "wick/wick.h"

namespace wick::testing {
namespace {

namespace F = nn::functional;

Tensor ones(std::vector<int64_t> sizes) { return emptyTensor(sizes, kFloat).fill_(1.0); }
Tensor randn(std::vector<int64_t> sizes) { return emptyTensor(sizes, kFloat).normal_(); }

TEST(Dropout, TrainZeroesWithProbabilityPAndScales) {
  manual_seed(7);
  const double p = 0.3;
  std::vector<float> v = F::dropout(ones({200000}), p, true).to_vector<float>();
  size_t zeros = 0;
  for (float x : v) {
    if (x == 0) {
      ++zeros;
    } else {
      EXPECT_NEAR(x, 1.0 / (1.0 - p), 1e-6);
    }
  }
  EXPECT_NEAR(static_cast<double>(zeros) / static_cast<double>(v.size()), p, 0.005);
}

TEST(Dropout, EvalIsIdentityAndModuleFollowsMode) {
  nn::Dropout drop(0.5);
  Tensor x = randn({50, 40});
  drop->eval();
  EXPECT_TRUE(allClose(drop(x), x, 0, 0));
  drop->train();
  std::vector<float> out = drop(x).to_vector<float>();
  size_t zeros = 0;
  for (float y : out) zeros += y == 0;
  EXPECT_GT(zeros, out.size() / 4);
  EXPECT_TRUE(allClose(F::dropout(x, 1.0), emptyTensor({50, 40}, kFloat).fill_(0.0)));
}

TEST(Dropout, Dropout2dZeroesWholeChannels) {
  manual_seed(3);
  nn::Dropout2d drop(0.5);
  Tensor out = drop(ones({8, 16, 5, 5}));
  std::vector<float> v = out.to_vector<float>();
  size_t dropped = 0;
  for (size_t ch = 0; ch < 8 * 16; ++ch) {
    float first = v[ch * 25];
    for (size_t i = 1; i < 25; ++i) ASSERT_EQ(v[ch * 25 + i], first);
    EXPECT_TRUE(first == 0.0f || first == 2.0f);
    dropped += first == 0.0f;
  }
  EXPECT_GT(dropped, 30u);
  EXPECT_LT(dropped, 98u);
}

TEST(Functional, InplaceActivationsWriteTheirInput) {
  Tensor x = randn({10});
  Tensor y = F::relu(x, /*inplace=*/true);
  EXPECT_TRUE(y.is_same(x));
  for (float v : x.to_vector<float>()) EXPECT_GE(v, 0.0f);
}

TEST(Functional, SoftmaxWithoutDimWarnsAndPicksPyTorchsDim) {
  std::vector<std::string> warnings;
  WarningHandler old = setWarningHandler([&](const Warning& w) { warnings.push_back(w.message); });
  Tensor x = randn({3, 4});
  Tensor y = F::softmax(x, std::nullopt);
  setWarningHandler(old);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("Implicit dimension choice for softmax"), std::string::npos);
  EXPECT_TRUE(allClose(y, F::softmax(x, 1)));
}

TEST(Trace, RecurrentStateSizesStaySymbolic) {
  nn::LSTM lstm(3, 4);
  lstm->eval();
  jit::ScriptModule traced = jit::trace(lstm, {randn({5, 2, 3})},
                                        jit::TraceOptions().respect_mode(false).check_trace(false));
  Tensor x = randn({7, 6, 3});
  IValue got = traced.forward({x});
  auto [out, state] = lstm(x);
  ASSERT_TRUE(got.isTuple());
  EXPECT_TRUE(allClose(got.toTuple().elems[0].toTensor(), out, 1e-5, 1e-6));
}

TEST(Trace, AttentionHeadsStaySymbolic) {
  nn::MultiheadAttention mha(8, 2);
  mha->eval();
  Tensor q = randn({3, 2, 8});
  jit::ScriptModule traced =
      jit::trace(mha, {q, q, q}, jit::TraceOptions().respect_mode(false).check_trace(false));
  Tensor q2 = randn({5, 4, 8});
  IValue got = traced.forward({q2, q2, q2});
  auto [out, weights] = mha(q2, q2, q2);
  ASSERT_TRUE(got.isTuple());
  EXPECT_TRUE(allClose(got.toTuple().elems[0].toTensor(), out, 1e-5, 1e-6));
}

TEST(Trace, FlattenAndAdaptivePoolingStaySymbolic) {
  nn::Sequential net(nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions({std::nullopt, 2})),
                     nn::Flatten());
  jit::ScriptModule traced = jit::trace(net, {randn({2, 3, 4, 6})},
                                        jit::TraceOptions().respect_mode(false).check_trace(false));
  Tensor x = randn({3, 2, 5, 8});
  EXPECT_TRUE(allClose(traced.forward({x}).toTensor(), net(x)));
}

}  // namespace
}  // namespace wick::testing
