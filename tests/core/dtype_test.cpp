#include "testing/testing.h"

namespace wick {
namespace {

TEST(DType, PromotionFollowsPyTorch) {
  EXPECT_EQ(promoteTypes(kByte, kChar), kShort);
  EXPECT_EQ(promoteTypes(kBool, kFloat), kFloat);
  EXPECT_EQ(promoteTypes(kHalf, kBFloat16), kFloat);
  EXPECT_EQ(promoteTypes(kInt, kLong), kLong);
  EXPECT_EQ(promoteTypes(kLong, kHalf), kHalf);
  EXPECT_EQ(promoteTypes(kByte, kInt), kInt);
}

TEST(DType, TableNames) {
  EXPECT_EQ(graphName(kFloat), "Float");
  EXPECT_EQ(storageClassName(kLong), "LongStorage");
  EXPECT_EQ(static_cast<int>(kBFloat16), 15);
  EXPECT_EQ(elementSize(kHalf), 2u);
}

TEST(Half, RoundTrip) {
  for (float f : {0.0f, 1.0f, -2.5f, 65504.0f, 6.1035156e-05f, 5.9604645e-08f, 0.1f}) {
    float back = Half(f);
    EXPECT_NEAR(back, f, std::abs(f) * 1e-3) << f;
  }
  EXPECT_TRUE(std::isinf(float(Half(70000.0f))));
  EXPECT_EQ(float(BFloat16(1.0f)), 1.0f);
}

// Scalar::to<T> keeps a double's precision (16-bit floats convert through float).
TEST(Scalar, ConversionsKeepPrecision) {
  Scalar s(1.0000000001);
  EXPECT_EQ(s.to<double>(), 1.0000000001);
  EXPECT_EQ(s.to<float>(), 1.0f);
  EXPECT_EQ(float(s.to<Half>()), 1.0f);
  EXPECT_EQ(Scalar(int64_t(9007199254740993)).to<int64_t>(), 9007199254740993);
  EXPECT_EQ(Scalar(0.1).to<double>(), 0.1);
}

}  // namespace
}  // namespace wick
