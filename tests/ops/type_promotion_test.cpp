// Type promotion (src/ops/type_promotion.h) against PyTorch 1.13's torch.result_type and
// torch.can_cast over every combination of dimensioned tensors, 0-dim tensors and wrapped
// numbers.
#include <map>
#include <sstream>

#include "ops/conformance_data.h"
#include "ops/type_promotion.h"
#include "testing/testing.h"

namespace wick {
namespace {

DType dtypeOf(const std::string& code) {
  static const std::map<std::string, DType> codes = {
      {"u8", kByte},  {"i8", kChar},       {"i16", kShort}, {"i32", kInt},    {"i64", kLong},
      {"f16", kHalf}, {"bf16", kBFloat16}, {"f32", kFloat}, {"f64", kDouble}, {"b8", kBool}};
  return codes.at(code);
}

// "T:f32" a tensor with dims, "Z:i64" a 0-dim tensor, "W:float" a wrapped number.
Tensor operand(const std::string& spec) {
  std::string kind = spec.substr(0, 1), code = spec.substr(2);
  if (kind == "W") {
    Scalar s = code == "int" ? Scalar(int64_t(3)) : code == "float" ? Scalar(2.5) : Scalar(true);
    return wrappedScalarTensor(s);
  }
  std::vector<int64_t> sizes;
  if (kind == "T") sizes.push_back(2);
  return emptyTensor(sizes, dtypeOf(code));
}

TEST(TypePromotion, MatchesPyTorch) {
  std::istringstream facts(testing::pytorchFacts("promotion"));
  std::string what, a, b, r;
  size_t n = 0;
  while (facts >> what >> a >> b >> r) {
    if (what == "result_type") {
      EXPECT_EQ(resultType(operand(a), operand(b)), dtypeOf(r)) << a << " with " << b;
    } else {
      EXPECT_EQ(canCast(dtypeOf(a), dtypeOf(b)), r == "yes") << a << " to " << b;
    }
    ++n;
  }
  EXPECT_EQ(n, 23u * 23u + 100u);
}

TEST(TypePromotion, ScalarsPromoteAsWrappedNumbers) {
  Tensor i32 = emptyTensor(std::vector<int64_t>{2}, kInt);
  EXPECT_EQ(resultType(i32, Scalar(2.5)), kFloat);
  EXPECT_EQ(resultType(i32, Scalar(int64_t(7))), kInt);
  EXPECT_EQ(resultType(Scalar(true), Scalar(int64_t(1))), kLong);
  EXPECT_EQ(resultType(Scalar(1.5), Scalar(int64_t(1))), kFloat);
  Tensor h = emptyTensor(std::vector<int64_t>{2}, kHalf);
  EXPECT_EQ(resultType(h, Scalar(1.0)), kHalf);
  EXPECT_EQ(toFloatIfIntegral(kBool), kFloat);
  EXPECT_EQ(toFloatIfIntegral(kBFloat16), kBFloat16);
}

TEST(TypePromotion, CastErrorNamesTheOpAndBothTypes) {
  EXPECT_THROW_MSG(checkCanCast("aten::add_", kFloat, kLong),
                   "aten::add_: result type Float can't be cast to the desired output type Long");
  EXPECT_NO_THROW(checkCanCast("aten::add_", kLong, kFloat));
}

}  // namespace
}  // namespace wick
