// Random ops: for the same seed wick reproduces PyTorch 1.13's CPU streams exactly (rand,
// randn on every code path, randint, randperm, bernoulli, dropout, normal, ...), generators are
// independent, and the statistics hold.
#include <cmath>

#include "oracle_batch.h"

namespace wick {
namespace {

using testing::iota;
using testing::OracleBatch;

// Seeds the default generator and runs f, like k2_eval.py's seeded(seed, f).
template <class F>
auto seeded(uint64_t seed, F f) {
  manual_seed(seed);
  return f();
}

TEST(Random, SameStreamsAsPyTorch) {
  OracleBatch b("random");
  Tensor base = iota({2, 3, 4});
  Tensor p = base.permute({2, 0, 1});
  b.add("rand", {}, "seeded(0, lambda: torch.rand(3, 4))", [] {
    return seeded(0, [] { return rand({3, 4}); });
  });
  b.add("rand double", {}, "seeded(1, lambda: torch.rand(5, dtype=torch.float64))",
        [] { return seeded(1, [] { return rand({5}, kDouble); }); });
  b.add("rand half", {}, "seeded(2, lambda: torch.rand(6, dtype=torch.half))",
        [] { return seeded(2, [] { return rand({6}, kHalf); }); });
  b.add("rand bfloat16", {}, "seeded(2, lambda: torch.rand(6, dtype=torch.bfloat16))",
        [] { return seeded(2, [] { return rand({6}, kBFloat16); }); });
  b.add("uniform_", {}, "seeded(3, lambda: torch.empty(40).uniform_(-3, 7))",
        [] { return seeded(3, [] { return empty({40}).uniform_(-3, 7); }); });
  b.add("randn small", {}, "seeded(4, lambda: torch.randn(7))",
        [] { return seeded(4, [] { return randn({7}); }); });
  b.add("randn blocks", {}, "seeded(5, lambda: torch.randn(64))",
        [] { return seeded(5, [] { return randn({64}); }); });
  b.add("randn tail", {}, "seeded(6, lambda: torch.randn(1000, 3))", [] {
    return seeded(6, [] { return randn({1000, 3}); });
  });
  b.add("randn double", {}, "seeded(7, lambda: torch.randn(37, dtype=torch.float64))",
        [] { return seeded(7, [] { return randn({37}, kDouble); }); });
  b.add("randn_like permuted", {base}, "seeded(8, lambda: torch.randn_like(a.permute(2, 0, 1)))",
        [&] { return seeded(8, [&] { return randn_like(p); }); });
  b.add(
      "rand_like channels_last", {},
      "seeded(8, lambda: torch.rand_like(torch.zeros(2, 3, 4, "
      "5).contiguous(memory_format=torch.channels_last)))",
      [] {
        return seeded(8, [] { return rand_like(empty({2, 3, 4, 5}, MemoryFormat::ChannelsLast)); });
      });
  b.add("normal_", {}, "seeded(9, lambda: torch.empty(20).normal_(2, 3))",
        [] { return seeded(9, [] { return empty({20}).normal_(2, 3); }); });
  b.add("normal_ strided", {}, "seeded(9, lambda: torch.empty(20, 3).t().normal_(2, 3))", [] {
    return seeded(9, [] { return empty({20, 3}).t().normal_(2, 3); });
  });
  b.add("normal float float", {}, "seeded(10, lambda: torch.normal(1., 2., (2, 3)))", [] {
    return seeded(10, [] { return normal(1.0, 2.0, {2, 3}); });
  });
  b.add("normal tensors", {iota({2, 3}), iota({3})}, "seeded(11, lambda: torch.normal(a, b + 1))",
        [] { return seeded(11, [] {
               return normal(iota({2, 3}), arange(1.0, 4.0));
             }); });
  b.add("normal tensor mean", {iota({17})}, "seeded(12, lambda: torch.normal(a, 0.5))",
        [] { return seeded(12, [] { return normal(iota({17}), 0.5); }); });
  b.add("normal tensor std", {}, "seeded(13, lambda: torch.normal(1.5, torch.arange(1., 5.)))",
        [] { return seeded(13, [] { return normal(1.5, arange(1.0, 5.0)); }); });
  b.add("randint", {}, "seeded(14, lambda: torch.randint(10, (5,)))",
        [] { return seeded(14, [] { return randint(10, {5}); }); });
  b.add("randint low", {}, "seeded(15, lambda: torch.randint(-5, 5, (3, 4)))", [] {
    return seeded(15, [] { return randint(-5, 5, {3, 4}); });
  });
  b.add("randint wide", {}, "seeded(16, lambda: torch.randint(0, 2**40, (6,)))",
        [] { return seeded(16, [] { return randint(0, int64_t(1) << 40, {6}); }); });
  b.add("randint int8", {}, "seeded(17, lambda: torch.randint(-100, 100, (6,), dtype=torch.int8))",
        [] { return seeded(17, [] { return randint(-100, 100, {6}, kChar); }); });
  b.add("randint float", {}, "seeded(17, lambda: torch.randint(0, 5, (6,), dtype=torch.float32))",
        [] { return seeded(17, [] { return randint(0, 5, {6}, kFloat); }); });
  b.add("randint_like", {iota({4}, kDouble)}, "seeded(18, lambda: torch.randint_like(a, 3, 9))",
        [] { return seeded(18, [] { return randint_like(iota({4}, kDouble), 3, 9); }); });
  b.add("random_", {}, "seeded(19, lambda: torch.empty(5, dtype=torch.long).random_())",
        [] { return seeded(19, [] { return ops::random_(empty({5}, kLong), std::nullopt); }); });
  b.add("random_ bool", {}, "seeded(19, lambda: torch.empty(5, dtype=torch.bool).random_())",
        [] { return seeded(19, [] { return ops::random_(empty({5}, kBool), std::nullopt); }); });
  b.add("random_ float from", {}, "seeded(19, lambda: torch.empty(5).random_(3, None))", [] {
    return seeded(19, [] { return ops::random__from(empty({5}), 3, std::nullopt, std::nullopt); });
  });
  b.add("randperm", {}, "seeded(20, lambda: torch.randperm(10))",
        [] { return seeded(20, [] { return randperm(10); }); });
  b.add("randperm float", {}, "seeded(20, lambda: torch.randperm(7, dtype=torch.float32))",
        [] { return seeded(20, [] { return randperm(7, kFloat); }); });
  b.add("bernoulli_", {}, "seeded(21, lambda: torch.empty(12).bernoulli_(0.3))",
        [] { return seeded(21, [] { return empty({12}).bernoulli_(0.3); }); });
  b.add("bernoulli probs", {}, "seeded(22, lambda: torch.bernoulli(torch.linspace(0, 1, 9)))",
        [] { return seeded(22, [] { return bernoulli(linspace(0, 1, 9)); }); });
  b.add("bernoulli double probs", {},
        "seeded(22, lambda: torch.bernoulli(torch.linspace(0, 1, 9, dtype=torch.float64)))",
        [] { return seeded(22, [] { return bernoulli(linspace(0, 1, 9, kDouble)); }); });
  b.add("bernoulli_ broadcast", {},
        "seeded(23, lambda: torch.empty(2, 3, dtype=torch.long).bernoulli_(torch.tensor([0.2, 0.9, "
        "0.5])))",
        [] {
          return seeded(23, [] {
            return ops::bernoulli__Tensor(empty({2, 3}, kLong), tensor({0.2f, 0.9f, 0.5f}),
                                          std::nullopt);
          });
        });
  b.add("bernoulli p", {iota({5}, kLong)}, "seeded(24, lambda: torch.bernoulli(a, 0.5))",
        [] { return seeded(24, [] { return bernoulli(iota({5}, kLong), 0.5); }); });
  b.add("generator", {}, "torch.rand(4, generator=gen(5))", [] { return rand({4}, Generator(5)); });
  b.add("generator randn", {}, "torch.randn(20, generator=gen(6))",
        [] { return randn({20}, Generator(6)); });
  b.add("generator normal", {}, "torch.normal(torch.zeros(3), 1., generator=gen(7))",
        [] { return normal(zeros({3}), 1.0, Generator(7)); });
  b.add("multinomial replacement", {},
        "seeded(25, lambda: torch.multinomial(torch.tensor([1., 2., 3., 0.]), 8, True))", [] {
          return seeded(25, [] { return multinomial(tensor({1.0f, 2.0f, 3.0f, 0.0f}), 8, true); });
        });
  b.add(
      "multinomial 2-d", {},
      "seeded(26, lambda: torch.multinomial(torch.tensor([[1., 0., 0.], [0., 0., 1.]]), 2, True))",
      [] {
        return seeded(26, [] {
          return multinomial(tensor({{1.0f, 0.0f, 0.0f}, {0.0f, 0.0f, 1.0f}}), 2, true);
        });
      });
  b.add("multinomial one-hot", {},
        "seeded(27, lambda: torch.multinomial(torch.tensor([0., 5., 0.]), 1))", [] {
          return seeded(27, [] { return multinomial(tensor({0.0f, 5.0f, 0.0f}), 1); });
        });
  b.addError("uniform_ bounds", {}, "torch.empty(3).uniform_(2, 1)",
             [] { empty({3}).uniform_(2, 1); });
  b.addError("uniform_ infinite", {}, "torch.empty(3).uniform_(0, float('inf'))",
             [] { empty({3}).uniform_(0, INFINITY); });
  b.addError("normal_ std", {}, "torch.empty(3).normal_(0, -1)", [] { empty({3}).normal_(0, -1); });
  b.addError("normal std tensor", {}, "torch.normal(torch.zeros(3), -torch.ones(3))",
             [] { normal(zeros({3}), full({3}, -1.0)); });
  b.addError(
      "rand long", {}, "torch.rand(3, dtype=torch.long)", [] { rand({3}, kLong); },
      "expected a floating point tensor, got dtype int64");
  b.addError("randint empty range", {}, "torch.randint(5, 5, (3,))", [] { randint(5, 5, {3}); });
  b.addError("randint dtype range", {}, "torch.randint(0, 300, (3,), dtype=torch.uint8)",
             [] { randint(0, 300, {3}, kByte); });
  b.addError("randint dtype range low", {}, "torch.randint(-200, 3, (3,), dtype=torch.int8)",
             [] { randint(-200, 3, {3}, kChar); });
  b.addError("bernoulli_ p", {}, "torch.empty(3).bernoulli_(1.5)",
             [] { empty({3}).bernoulli_(1.5); });
  b.addError("randperm negative", {}, "torch.randperm(-1)", [] { randperm(-1); });
  b.addError("randperm half", {}, "torch.randperm(3000, dtype=torch.half)",
             [] { randperm(3000, kHalf); });
  b.addError("multinomial negative", {}, "torch.multinomial(torch.tensor([0., -1., 2.]), 1)", [] {
    multinomial(tensor({0.0f, -1.0f, 2.0f}), 1);
  });
  b.addError("multinomial zeros", {}, "torch.multinomial(torch.zeros(3), 1)",
             [] { multinomial(zeros({3}), 1); });
  b.addError("multinomial too many", {}, "torch.multinomial(torch.ones(3), 4)",
             [] { multinomial(ones({3}), 4); });
  b.addError("multinomial 3-d", {}, "torch.multinomial(torch.ones(2, 2, 2), 1)", [] {
    multinomial(ones({2, 2, 2}), 1);
  });
  b.addError("multinomial long", {}, "torch.multinomial(torch.ones(2, dtype=torch.long), 1)",
             [] { multinomial(ones({2}, kLong), 1); });
  b.addError("multinomial zero samples", {}, "torch.multinomial(torch.ones(2), 0)",
             [] { multinomial(ones({2}), 0); });
  b.run();
}

TEST(Random, Dropout) {
  OracleBatch b("dropout");
  Tensor x = iota({4, 5});
  b.add("dropout", {x}, "seeded(30, lambda: torch.dropout(a, 0.3, True))",
        [&] { return seeded(30, [&] { return dropout(x, 0.3, true); }); });
  b.add("dropout eval", {x}, "torch.dropout(a, 0.3, False)",
        [&] { return dropout(x, 0.3, false); });
  b.add("dropout p=1", {x}, "torch.dropout(a, 1.0, True)", [&] { return dropout(x, 1.0, true); });
  b.add("dropout transposed", {x}, "seeded(31, lambda: torch.dropout(a.t(), 0.5, True))",
        [&] { return seeded(31, [&] { return dropout(x.t(), 0.5, true); }); });
  b.add("dropout_", {x}, "seeded(32, lambda: torch.dropout_(a, 0.25, True))", [&] {
    return seeded(32, [&] {
      Tensor t = iota({4, 5});
      return dropout_(t, 0.25, true);
    });
  });
  b.add("feature_dropout", {iota({2, 3, 4})},
        "seeded(33, lambda: torch.feature_dropout(a, 0.5, True))", [] {
          return seeded(33, [] { return feature_dropout(iota({2, 3, 4}), 0.5, true); });
        });
  b.add("alpha_dropout", {x}, "seeded(34, lambda: torch.alpha_dropout(a, 0.2, True))", [&] {
     return seeded(34, [&] { return alpha_dropout(x, 0.2, true); });
   }).rtol = 1e-6;
  b.add("feature_alpha_dropout", {iota({2, 3, 4})},
        "seeded(35, lambda: torch.feature_alpha_dropout(a, 0.2, True))",
        [] { return seeded(35, [] {
               return feature_alpha_dropout(iota({2, 3, 4}), 0.2, true);
             }); })
      .rtol = 1e-6;
  b.addList("native_dropout", {x}, "seeded(36, lambda: torch.native_dropout(a, 0.4, True))", [&] {
    return seeded(36, [&] {
      auto [o, m] = native_dropout(x, 0.4, true);
      return std::vector<Tensor>{o, m};
    });
  });
  b.addList("native_dropout eval", {x}, "torch.native_dropout(a, 0.4, False)", [&] {
    auto [o, m] = native_dropout(x, 0.4, false);
    return std::vector<Tensor>{o, m};
  });
  b.addError("dropout p", {x}, "torch.dropout(a, 1.5, False)", [&] { dropout(x, 1.5, false); });
  b.addError("feature_dropout 1-d", {}, "torch.feature_dropout(torch.ones(3), 0.5, True)",
             [] { feature_dropout(ones({3}), 0.5, true); });
  b.addError("dropout long", {}, "torch.dropout(torch.ones(3, dtype=torch.long), 0.5, True)",
             [] { dropout(ones({3}, kLong), 0.5, true); });
  b.addError("native_dropout p", {x}, "torch.native_dropout(a, 1.5, True)",
             [&] { native_dropout(x, 1.5, true); });
  b.run();
}

TEST(Random, GeneratorsAndStatistics) {
  // The same seed gives the same values; a private generator does not disturb the default one.
  manual_seed(42);
  std::vector<float> first = rand({100}).to_vector<float>();
  manual_seed(42);
  Generator g(7);
  std::vector<float> side = rand({10}, g).to_vector<float>();
  EXPECT_EQ(rand({100}).to_vector<float>(), first);
  EXPECT_NE(std::vector<float>(first.begin(), first.begin() + 10), side);
  // Dropout zeroes about p of the elements and scales the rest by 1 / (1 - p).
  Tensor d = dropout(ones({100000}), 0.3, true);
  std::vector<float> v = d.to_vector<float>();
  size_t zero_count = 0;
  for (float e : v) {
    if (e == 0) {
      ++zero_count;
    } else {
      EXPECT_FLOAT_EQ(e, 1.0f / 0.7f);
    }
  }
  EXPECT_NEAR(static_cast<double>(zero_count) / v.size(), 0.3, 0.01);
  // randn: mean 0 and variance 1.
  std::vector<double> n = randn({200000}, kDouble).to_vector<double>();
  double mean = 0, var = 0;
  for (double e : n) mean += e;
  mean /= n.size();
  for (double e : n) var += (e - mean) * (e - mean);
  var /= n.size();
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(var, 1.0, 0.02);
  // randint stays in range and covers it.
  std::vector<int64_t> r = randint(-3, 4, {10000}).to_vector<int64_t>();
  EXPECT_EQ(*std::min_element(r.begin(), r.end()), -3);
  EXPECT_EQ(*std::max_element(r.begin(), r.end()), 3);
  // In-place samplers bump the version counter.
  Tensor t = empty({4});
  uint32_t before = t._version();
  t.uniform_();
  t.normal_();
  t.bernoulli_(0.5);
  EXPECT_EQ(t._version(), before + 3);
}

}  // namespace
}  // namespace wick
