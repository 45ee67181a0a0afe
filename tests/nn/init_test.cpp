// nn::init and the layers' default initialisation against PyTorch's: gains exactly, and the
// distributions' bounds and moments (from the same shapes initialised in PyTorch 1.13).
#include <cmath>
#include <fstream>
#include <sstream>

#include "nn_oracle.h"
#include "wick/wick.h"

namespace wick::testing {
namespace {

struct Stats {
  double min = 0, max = 0, mean = 0, std = 0;
};

Stats statsOf(const Tensor& t) {
  std::vector<double> v = t.to_vector<double>();
  Stats s{v[0], v[0], 0, 0};
  for (double x : v) {
    s.min = std::min(s.min, x);
    s.max = std::max(s.max, x);
    s.mean += x;
  }
  s.mean /= static_cast<double>(v.size());
  for (double x : v) s.std += (x - s.mean) * (x - s.mean);
  s.std = std::sqrt(s.std / static_cast<double>(v.size() - 1));
  return s;
}

const std::map<std::string, Stats>& pytorchStats() {
  static const std::map<std::string, Stats> stats = [] {
    std::map<std::string, Stats> m;
    std::istringstream in(readFile(nnOracleDir() + "/init.txt"));
    std::string name;
    Stats s;
    while (in >> name >> s.min >> s.max >> s.mean >> s.std) m[name] = s;
    return m;
  }();
  return stats;
}

// Same distribution as PyTorch's sample of the same shape: moments within six standard
// errors, and for bounded (uniform-like) distributions the same support. The extremes of a
// normal sample are too noisy to compare; a uniform sample's spread is about 3.5 std, a
// normal one's well above 4.
void expectSameDistribution(const std::string& name, const Tensor& t) {
  const Stats& want = pytorchStats().at(name);
  Stats got = statsOf(t);
  double n = static_cast<double>(t.numel());
  double spread = want.max - want.min;
  EXPECT_NEAR(got.mean, want.mean, 6 * want.std * std::sqrt(2 / n)) << name << " mean";
  EXPECT_NEAR(got.std, want.std, 6 * want.std / std::sqrt(n)) << name << " std";
  if (spread < 4 * want.std) {
    double edge = spread * std::max(0.05, 4 / n);
    EXPECT_NEAR(got.min, want.min, edge) << name << " min";
    EXPECT_NEAR(got.max, want.max, edge) << name << " max";
  }
}

TEST(Init, LayerDefaultsMatchPyTorch) {
  nn::Linear lin(400, 300);
  expectSameDistribution("linear.weight", lin->weight);
  expectSameDistribution("linear.bias", lin->bias);
  nn::Conv2d conv(16, 32, 5);
  expectSameDistribution("conv.weight", conv->weight);
  expectSameDistribution("conv.bias", conv->bias);
  nn::ConvTranspose2d convt(16, 32, 3);
  expectSameDistribution("convt.weight", convt->weight);
  expectSameDistribution("convt.bias", convt->bias);
  expectSameDistribution("embedding.weight", nn::Embedding(500, 64)->weight);
  nn::LSTM lstm(30, 50);
  expectSameDistribution("lstm.weight_ih_l0", lstm->named_parameters()["weight_ih_l0"]);
  expectSameDistribution("bilinear.weight", nn::Bilinear(20, 30, 40)->weight);
  expectSameDistribution("mha.in_proj_weight", nn::MultiheadAttention(64, 4)->in_proj_weight);
}

TEST(Init, NormalisationStartsAtIdentity) {
  nn::BatchNorm2d bn(4);
  EXPECT_EQ(bn->weight.to_vector<float>(), std::vector<float>(4, 1.0f));
  EXPECT_EQ(bn->bias.to_vector<float>(), std::vector<float>(4, 0.0f));
  EXPECT_EQ(bn->running_mean.to_vector<float>(), std::vector<float>(4, 0.0f));
  EXPECT_EQ(bn->running_var.to_vector<float>(), std::vector<float>(4, 1.0f));
  EXPECT_EQ(bn->num_batches_tracked.dtype(), kLong);
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 0);
  nn::LayerNorm ln(6);
  EXPECT_EQ(ln->weight.to_vector<float>(), std::vector<float>(6, 1.0f));
  nn::Embedding emb(nn::EmbeddingOptions(5, 3).padding_idx(2));
  std::vector<float> w = emb->weight.to_vector<float>();
  EXPECT_EQ(std::vector<float>(w.begin() + 6, w.begin() + 9), std::vector<float>(3, 0.0f));
  nn::MultiheadAttention mha(8, 2);
  EXPECT_EQ(mha->in_proj_bias.to_vector<float>(), std::vector<float>(24, 0.0f));
  EXPECT_EQ(mha->out_proj->bias.to_vector<float>(), std::vector<float>(8, 0.0f));
}

TEST(Init, FunctionsMatchPyTorch) {
  auto w = [] { return emptyTensor({300, 200}, kFloat); };
  expectSameDistribution("xavier_uniform", nn::init::xavier_uniform_(w(), 2.0));
  expectSameDistribution("xavier_normal", nn::init::xavier_normal_(w()));
  expectSameDistribution("kaiming_uniform", nn::init::kaiming_uniform_(w(), 0, "fan_out", "relu"));
  expectSameDistribution("kaiming_normal", nn::init::kaiming_normal_(w(), 0.1));
  expectSameDistribution("trunc_normal", nn::init::trunc_normal_(w(), 0.5, 2.0, -1.0, 1.5));
  expectSameDistribution("uniform", nn::init::uniform_(w(), -3, 1));
  expectSameDistribution("normal", nn::init::normal_(w(), 2, 0.5));
}

TEST(Init, GainsMatchPyTorch) {
  std::istringstream in(readFile(nnOracleDir() + "/gains.txt"));
  std::string name, param;
  double expected = 0;
  int n = 0;
  while (in >> name >> param >> expected) {
    std::optional<double> p;
    if (param != "none") p = std::stod(param);
    EXPECT_DOUBLE_EQ(nn::init::calculate_gain(name, p), expected) << name << " " << param;
    ++n;
  }
  EXPECT_EQ(n, 8);
  EXPECT_THROW_MSG(nn::init::calculate_gain("swish"), "Unsupported nonlinearity swish");
}

TEST(Init, FansAndShapes) {
  Tensor conv_w = emptyTensor({32, 16, 5, 3}, kFloat);
  EXPECT_EQ(nn::init::calculate_fan_in_and_fan_out(conv_w),
            std::make_pair(int64_t(240), int64_t(480)));
  EXPECT_THROW_MSG(
      nn::init::calculate_fan_in_and_fan_out(emptyTensor({4}, kFloat)),
      "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  EXPECT_THROW_MSG(nn::init::kaiming_uniform_(conv_w, 0, "fan_avg"),
                   "Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']");
  EXPECT_THROW_MSG(nn::init::eye_(conv_w), "Only tensors with 2 dimensions are supported");
}

TEST(Init, EyeConstantAndOrthogonal) {
  Tensor e = nn::init::eye_(emptyTensor({2, 3}, kFloat));
  EXPECT_EQ(e.to_vector<float>(), (std::vector<float>{1, 0, 0, 0, 1, 0}));
  EXPECT_EQ(nn::init::constant_(emptyTensor({3}, kFloat), 2.5).to_vector<float>(),
            std::vector<float>(3, 2.5f));
  for (auto shape : {std::vector<int64_t>{6, 4}, std::vector<int64_t>{3, 2, 4}}) {
    Tensor q = nn::init::orthogonal_(emptyTensor(shape, kDouble), 2.0);
    int64_t rows = shape[0], cols = q.impl()->numel() / rows;
    std::vector<double> v = q.to_vector<double>();
    // The shorter side's vectors are orthogonal with norm `gain`.
    bool wide = rows < cols;
    int64_t n = wide ? rows : cols, len = wide ? cols : rows;
    for (int64_t a = 0; a < n; ++a) {
      for (int64_t b = 0; b < n; ++b) {
        double dot = 0;
        for (int64_t i = 0; i < len; ++i) {
          double x = wide ? v[a * cols + i] : v[i * cols + a];
          double y = wide ? v[b * cols + i] : v[i * cols + b];
          dot += x * y;
        }
        EXPECT_NEAR(dot, a == b ? 4.0 : 0.0, 1e-9);
      }
    }
  }
}

}  // namespace
}  // namespace wick::testing
