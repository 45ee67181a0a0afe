// The prepacked linear/conv API (src/ops/dnnl/prepacked.h) against the eager kernels (which
// the oracle tests check against PyTorch): fused post-ops, layouts, re-packing after in-place
// weight edits, concurrent use, and conv + batch-norm folding.
#include <thread>

#include "ops/dnnl/prepacked.h"
#include "test_util.h"
#include "wick/ops/kernels.h"

namespace wick::testing {
namespace {

Tensor eagerConv(const Tensor& x, const Tensor& w, const std::optional<Tensor>& b,
                 IntArrayRef stride, IntArrayRef padding, int64_t groups = 1) {
  return kernels::conv2d(x, w, b, stride, padding, {1}, groups);
}

TEST(Prepacked, ConvMatchesEagerWithRelu) {
  Tensor x = randomTensor({2, 8, 12, 12}, 1), w = randomTensor({16, 8, 3, 3}, 2);
  Tensor b = randomTensor({16}, 3);
  onednn::ConvOptions o;
  o.stride = {2};
  o.padding = {1};
  onednn::PrepackedConv conv(w, b, o, {.relu = true});
  Tensor y = conv.run(x);
  EXPECT_TRUE(allClose(y, reluRef(eagerConv(x, w, b, {2}, {1})), 1e-4, 1e-4));
  EXPECT_TRUE(y.is_contiguous());
  conv.run(x);
  EXPECT_EQ(conv.cachedVariants(), 1u);
}

TEST(Prepacked, ConvChannelsLastWithResidualSum) {
  Tensor x = dense::channelsLast(randomTensor({2, 16, 10, 10}, 4));
  Tensor w = randomTensor({16, 4, 3, 3}, 5), b = randomTensor({16}, 6);
  Tensor residual = randomTensor({2, 16, 10, 10}, 7);
  onednn::ConvOptions o;
  o.padding = {1};
  o.groups = 4;
  onednn::PrepackedConv conv(w, b, o, {.relu = true, .sum = true});
  Tensor y = conv.run(x, residual);
  EXPECT_TRUE(dense::suggestChannelsLast(y));
  Tensor expected = reluRef(addRef(eagerConv(x, w, b, {1}, {1}, 4), residual));
  EXPECT_TRUE(allClose(dense::contiguous(y), expected, 1e-4, 1e-4));
  EXPECT_THROW_MSG(conv.run(x), "a residual is required for the fused sum");
  EXPECT_THROW_MSG(conv.run(x, randomTensor({2, 16, 9, 10}, 8)),
                   "residual of shape [2, 16, 9, 10] does not match the output shape");
}

TEST(Prepacked, ConvSamePaddingAndUnbatched) {
  Tensor x = randomTensor({3, 9, 7}, 9), w = randomTensor({5, 3, 4, 2}, 10);
  onednn::ConvOptions o;
  o.same_padding = true;
  onednn::PrepackedConv conv(w, std::nullopt, o);
  Tensor y = conv.run(x);
  Tensor expected = kernels::conv2d_padding(x, w, std::nullopt, {1}, "same", {1}, 1);
  EXPECT_TRUE(allClose(y, expected, 1e-4, 1e-4));
}

TEST(Prepacked, ConvRepacksAfterInPlaceWeightEdit) {
  Tensor x = randomTensor({1, 4, 6, 6}, 11), w = randomTensor({4, 4, 3, 3}, 12);
  onednn::PrepackedConv conv(w, std::nullopt);
  Tensor before = conv.run(x);
  // An in-place edit through wick's ops bumps the storage version.
  float* p = w.data_ptr<float>();
  for (int64_t i = 0; i < w.impl()->numel(); ++i) p[i] *= -2.0f;
  w.impl()->storage()->bumpVersion();
  Tensor after = conv.run(x);
  EXPECT_TRUE(allClose(after, eagerConv(x, w, std::nullopt, {1}, {0}), 1e-4, 1e-4));
  EXPECT_FALSE(allClose(after, before, 1e-4, 1e-4));
  // Replacing the storage (a new data pointer) is seen as well.
  Tensor fresh = randomTensor({4, 4, 3, 3}, 13);
  w.impl()->setStorage(fresh.impl()->storagePtr());
  EXPECT_TRUE(allClose(conv.run(x), eagerConv(x, fresh, std::nullopt, {1}, {0}), 1e-4, 1e-4));
  EXPECT_EQ(conv.cachedVariants(), 1u);
}

TEST(Prepacked, ConvFloat64FallsBackToEagerKernels) {
  Tensor x = randomTensor({2, 3, 7, 7}, 14, kDouble), w = randomTensor({4, 3, 3, 3}, 15, kDouble);
  Tensor residual = randomTensor({2, 4, 5, 5}, 16, kDouble);
  onednn::PrepackedConv conv(w, std::nullopt, {}, {.relu = true, .sum = true});
  Tensor expected = reluRef(addRef(eagerConv(x, w, std::nullopt, {1}, {0}), residual));
  EXPECT_TRUE(allClose(conv.run(x, residual), expected, 1e-12, 1e-12));
}

TEST(Prepacked, ConvFromManyThreads) {
  Tensor w = randomTensor({32, 16, 3, 3}, 17), b = randomTensor({32}, 18);
  onednn::ConvOptions o;
  o.padding = {1};
  onednn::PrepackedConv conv(w, b, o, {.relu = true});
  constexpr int kThreads = 8;
  std::vector<Tensor> inputs, expected, results(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    // Two input shapes and both layouts, so threads build and share several variants.
    Tensor x = randomTensor({1 + i % 2, 16, 14, 14}, 100 + i);
    if (i % 3 == 0) x = dense::channelsLast(x);
    inputs.push_back(x);
    expected.push_back(reluRef(eagerConv(x, w, b, {1}, {1})));
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int rep = 0; rep < 5; ++rep) results[i] = conv.run(inputs[i]);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_TRUE(allClose(dense::contiguous(results[i]), expected[i], 1e-4, 1e-4)) << i;
  }
}

TEST(Prepacked, LinearShapesPostOpsAndRepack) {
  Tensor w = randomTensor({40, 64}, 19), b = randomTensor({40}, 20);
  onednn::PrepackedLinear fc(w, b, {.relu = true});
  std::vector<std::vector<int64_t>> shapes{{1, 64}, {32, 64}, {2, 3, 64}};
  for (const auto& shape : shapes) {
    Tensor x = randomTensor(shape, 21);
    EXPECT_TRUE(allClose(fc.run(x), reluRef(kernels::linear(x, w, b)), 1e-4, 1e-4))
        << IntArrayRef(shape);
  }
  EXPECT_EQ(fc.cachedVariants(), 3u);
  Tensor x = randomTensor({1, 64}, 22);
  b.data_ptr<float>()[0] += 100.0f;
  b.impl()->storage()->bumpVersion();
  EXPECT_TRUE(allClose(fc.run(x), reluRef(kernels::linear(x, w, b)), 1e-4, 1e-4));
  EXPECT_THROW_MSG(fc.run(randomTensor({2, 63}, 23)),
                   "mat1 and mat2 shapes cannot be multiplied (2x63 and 64x40)");
}

TEST(Prepacked, LinearResidualSumAndFloat64) {
  Tensor w = randomTensor({8, 16}, 24), x = randomTensor({5, 16}, 25);
  Tensor residual = randomTensor({5, 8}, 26);
  onednn::PrepackedLinear fc(w, std::nullopt, {.sum = true});
  EXPECT_TRUE(allClose(fc.run(x, residual), addRef(kernels::linear(x, w, std::nullopt), residual),
                       1e-4, 1e-4));
  Tensor wd = randomTensor({8, 16}, 27, kDouble), xd = randomTensor({3, 16}, 28, kDouble);
  onednn::PrepackedLinear fcd(wd, std::nullopt, {.relu = true});
  EXPECT_TRUE(allClose(fcd.run(xd), reluRef(kernels::linear(xd, wd, std::nullopt)), 1e-12, 1e-12));
}

TEST(Prepacked, FoldConvBatchNorm) {
  Tensor x = randomTensor({2, 3, 8, 8}, 29), w = randomTensor({6, 3, 3, 3}, 30);
  Tensor b = randomTensor({6}, 31), mean = randomTensor({6}, 32);
  Tensor var = reluRef(randomTensor({6}, 33));
  Tensor gamma = randomTensor({6}, 34), beta = randomTensor({6}, 35);
  auto [fw, fb] = onednn::foldConvBatchNorm(w, b, mean, var, gamma, beta, 1e-3);
  Tensor expected = kernels::batch_norm(eagerConv(x, w, b, {1}, {0}), gamma, beta, mean, var, false,
                                        0.1, 1e-3, true);
  EXPECT_TRUE(allClose(eagerConv(x, fw, fb, {1}, {0}), expected, 1e-4, 1e-4));
  // Transposed convolutions scale the weight's second dim.
  Tensor wt = randomTensor({3, 6, 3, 3}, 36);
  auto [tw, tb] = onednn::foldConvBatchNorm(wt, std::nullopt, mean, var, gamma, beta, 1e-3, true);
  Tensor conv_t = kernels::conv_transpose2d_input(x, wt, std::nullopt, {1}, {0}, {0}, 1, {1});
  Tensor expected_t = kernels::batch_norm(conv_t, gamma, beta, mean, var, false, 0.1, 1e-3, true);
  EXPECT_TRUE(allClose(kernels::conv_transpose2d_input(x, tw, tb, {1}, {0}, {0}, 1, {1}),
                       expected_t, 1e-4, 1e-4));
}

}  // namespace
}  // namespace wick::testing
