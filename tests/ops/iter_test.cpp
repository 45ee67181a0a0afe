// The elementwise iteration machinery (src/ops/kernels/iter.h): broadcasting and its errors,
// output layouts, out= resizing, overlap checks, version counters and dtype conversion.
#include "ops/kernels/iter.h"
#include "ops/kernels/iter_loops.h"
#include "testing/testing.h"

namespace wick {
namespace {

using Sizes = std::vector<int64_t>;

Tensor floats(const std::vector<float>& values, const Sizes& sizes) {
  Tensor t = emptyTensor(sizes, kFloat);
  std::copy(values.begin(), values.end(), t.data_ptr<float>());
  return t;
}

Tensor arange(int64_t n, const Sizes& sizes) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = static_cast<float>(i);
  return floats(v, sizes);
}

Tensor view(const Tensor& t, const Sizes& sizes, const Sizes& strides, int64_t offset = 0) {
  return makeTensor(t.impl()->storagePtr(), t.dtype(), sizes, strides, offset);
}

TEST(Iter, BroadcastShapesAndTheirError) {
  EXPECT_EQ(iter::broadcastShapes("op", Sizes{2, 1, 4}, Sizes{3, 1}).vec(), (Sizes{2, 3, 4}));
  EXPECT_EQ(iter::broadcastShapes("op", Sizes{}, Sizes{0, 2}).vec(), (Sizes{0, 2}));
  EXPECT_THROW_MSG(iter::broadcastShapes("aten::add", Sizes{2, 3}, Sizes{4}),
                   "aten::add: The size of tensor a (3) must match the size of tensor b (4) at "
                   "non-singleton dimension 1");
}

TEST(Iter, OutputFollowsTheInputsDimensionOrder) {
  Tensor t = view(arange(6, Sizes{3, 2}), Sizes{2, 3}, Sizes{1, 2});  // a transposed [3, 2]
  Tensor r = t + 1;
  EXPECT_EQ(r.strides().vec(), (Sizes{1, 2}));
  EXPECT_EQ(r.to_vector<float>(), (std::vector<float>{1, 3, 5, 2, 4, 6}));
  // A broadcast operand does not decide the order; the transposed one still does.
  Tensor s = arange(3, Sizes{3}) + t;
  EXPECT_EQ(s.strides().vec(), (Sizes{1, 2}));
  // Operands that disagree: the first one with an opinion wins.
  Tensor u = arange(6, Sizes{2, 3}) + t;
  EXPECT_EQ(u.strides().vec(), (Sizes{3, 1}));
}

TEST(Iter, LoopsOverOffsetsZeroStridesAndLargeInputsInParallel) {
  Tensor base = arange(10, Sizes{10});
  Tensor row = view(base, Sizes{4, 3}, Sizes{0, 2}, 1);  // rows of {1, 3, 5}, repeated
  EXPECT_EQ((row * 2).to_vector<float>(),
            (std::vector<float>{2, 6, 10, 2, 6, 10, 2, 6, 10, 2, 6, 10}));
  int64_t n = 3 * iter::kGrainSize + 7;
  Tensor big = arange(n, Sizes{n});
  std::vector<float> doubled = (big + big).to_vector<float>();
  for (int64_t i = 0; i < n; i += 997) EXPECT_EQ(doubled[i], 2.0f * static_cast<float>(i));
  EXPECT_EQ(doubled[n - 1], 2.0f * static_cast<float>(n - 1));
}

TEST(Iter, OutResizesWithAWarningUnlessEmpty) {
  std::vector<std::string> warnings;
  WarningHandler prev = setWarningHandler([&](const Warning& w) { warnings.push_back(w.message); });
  Tensor out = emptyTensor(Sizes{0}, kFloat);
  ops::add_out(arange(6, Sizes{2, 3}), arange(3, Sizes{3}), 1, out);
  EXPECT_EQ(out.sizes().vec(), (Sizes{2, 3}));
  EXPECT_TRUE(warnings.empty());
  Tensor small = emptyTensor(Sizes{2}, kFloat);
  ops::add_out(arange(6, Sizes{2, 3}), arange(3, Sizes{3}), 1, small);
  setWarningHandler(prev);
  EXPECT_EQ(small.sizes().vec(), (Sizes{2, 3}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("was resized since it had shape [2]"), std::string::npos);
}

TEST(Iter, InPlaceBumpsTheVersionAndChecksOverlap) {
  Tensor x = arange(6, Sizes{6});
  uint32_t v = x._version();
  x.add_(1);
  EXPECT_EQ(x._version(), v + 1);
  Tensor a = view(x, Sizes{4}, Sizes{1}, 0);
  Tensor b = view(x, Sizes{4}, Sizes{1}, 2);  // overlaps a, shifted
  EXPECT_THROW_MSG(a.add_(b), "some elements of the input tensor and the written-to tensor");
  Tensor expanded = view(x, Sizes{3, 2}, Sizes{0, 1});
  EXPECT_THROW_MSG(expanded.mul_(2), "more than one element of the written-to tensor");
  EXPECT_NO_THROW(expanded.fill_(0));
}

TEST(Iter, ConvertToKeepsTheLayoutAndWrappedness) {
  Tensor t = view(arange(6, Sizes{3, 2}), Sizes{2, 3}, Sizes{1, 2});
  Tensor d = iter::convertTo(t, kDouble);
  EXPECT_EQ(d.dtype(), kDouble);
  EXPECT_EQ(d.strides().vec(), (Sizes{1, 2}));
  EXPECT_TRUE(iter::convertTo(t, kFloat).is_same(t));
  Tensor w = wrappedScalarTensor(Scalar(int64_t(2)));
  EXPECT_TRUE(iter::convertTo(w, kFloat).impl()->isWrappedNumber());
}

TEST(Iter, FloatToIntegerConversionIsDefinedEverywhere) {
  EXPECT_EQ((iter::convertValue<int32_t>(3.9f)), 3);
  EXPECT_EQ((iter::convertValue<int8_t>(-2.5)), -2);
  EXPECT_EQ((iter::convertValue<int64_t>(std::nanf(""))), std::numeric_limits<int64_t>::min());
  EXPECT_EQ((iter::convertValue<bool>(Half(0.5f))), true);
  EXPECT_EQ((iter::convertValue<uint8_t>(300)), 44);
}

}  // namespace
}  // namespace wick
