// The public API (wick/ops/api_nn.h): PyTorch's defaults reach the kernels, Tensor methods
// dispatch, and eager convolution's packed-weight cache notices in-place weight edits.
#include "test_util.h"
#include "wick/ops/kernels.h"
#include "wick/wick.h"

namespace wick::testing {
namespace {

TEST(NNApi, DefaultsMatchExplicitArguments) {
  Tensor x = randomTensor({2, 3, 10, 10}, 1), w = randomTensor({4, 3, 3, 3}, 2);
  EXPECT_TRUE(allClose(conv2d(x, w), kernels::conv2d(x, w, std::nullopt, {1}, {0}, {1}, 1)));
  EXPECT_TRUE(allClose(conv2d(x, w, std::nullopt, {2}, "valid"),
                       kernels::conv2d(x, w, std::nullopt, {2}, {0}, {1}, 1)));
  EXPECT_TRUE(allClose(max_pool2d(x, {3, 3}), kernels::max_pool2d(x, {3}, {3}, {0}, {1}, false)));
  EXPECT_TRUE(allClose(avg_pool2d(x, {2, 2}),
                       kernels::avg_pool2d(x, {2}, {}, {0}, false, true, std::nullopt)));
  EXPECT_TRUE(allClose(adaptive_avg_pool2d(x, {1, 1}), kernels::adaptive_avg_pool2d(x, {1, 1})));
  EXPECT_TRUE(allClose(layer_norm(x, {10}),
                       kernels::layer_norm(x, {10}, std::nullopt, std::nullopt, 1e-5, true)));
  Tensor a = randomTensor({5, 3}, 3), lw = randomTensor({4, 3}, 4);
  EXPECT_TRUE(allClose(linear(a, lw), kernels::linear(a, lw, std::nullopt)));
  EXPECT_TRUE(
      allClose(a.matmul(dense::transposed(lw, 0, 1)), kernels::mm(a, dense::transposed(lw, 0, 1))));
  EXPECT_TRUE(allClose(a.mm(dense::transposed(lw, 0, 1)), matmul(a, dense::transposed(lw, 0, 1))));
  Tensor b1 = randomTensor({2, 5, 3}, 5), b2 = randomTensor({2, 3, 4}, 6);
  EXPECT_TRUE(allClose(b1.bmm(b2), kernels::bmm(b1, b2)));
}

TEST(NNApi, ErrorsNameTheOp) {
  Tensor x = randomTensor({2, 3}, 7), w = randomTensor({4, 3, 3, 3}, 8);
  EXPECT_THROW_MSG(conv2d(x, w),
                   "aten::conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got "
                   "input of size: [2, 3]");
  EXPECT_THROW_MSG(mm(x, x), "aten::mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
}

TEST(NNApi, EagerConvSeesInPlaceWeightEdits) {
  Tensor x = randomTensor({1, 4, 8, 8}, 9), w = randomTensor({8, 4, 3, 3}, 10);
  Tensor first = conv2d(x, w);
  float* p = w.data_ptr<float>();
  for (int64_t i = 0; i < w.impl()->numel(); ++i) p[i] = -p[i];
  w.impl()->storage()->bumpVersion();
  Tensor second = conv2d(x, w);
  EXPECT_TRUE(
      allClose(second, mapValues(first, first, [](double v, double) { return -v; }), 1e-5, 1e-5));
}

}  // namespace
}  // namespace wick::testing
