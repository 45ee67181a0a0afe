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

}  // namespace
}  // namespace wick
