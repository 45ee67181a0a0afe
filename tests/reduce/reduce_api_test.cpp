// The public API of api_reduce.h: every free function and Tensor method gives what the
// operator it wraps gives when called through the registry with the schema's defaults (so the
// C++ defaults match PyTorch's), plus out= resizing and the errors users see first.
#include <cmath>

#include "testing/testing.h"
#include "wick/ops/registry.h"

namespace wick::testing {
namespace {

Tensor filled(std::vector<int64_t> sizes, DType dtype = kFloat) {
  Tensor t = emptyTensor(sizes, kDouble);
  auto* p = t.data_ptr<double>();
  for (int64_t i = 0; i < t.impl()->numel(); ++i) p[i] = std::sin(0.7 * static_cast<double>(i)) * 3;
  if (dtype == kDouble) return t;
  Tensor out = emptyTensor(sizes, dtype);
  WICK_DISPATCH_ALL(dtype, "filled", {
    auto* q = out.data_ptr<scalar_t>();
    for (int64_t i = 0; i < t.impl()->numel(); ++i) {
      if constexpr (std::is_same_v<scalar_t, bool>) {
        q[i] = p[i] > 0;
      } else {
        q[i] = scalar_t(static_cast<float>(std::round(p[i] * 2)));
      }
    }
  });
  return out;
}

// The results of `op` called with `args` followed by the schema's defaults.
std::vector<IValue> boxed(const std::string& op, std::vector<IValue> args) {
  const OpInfo* info = findOp(op);
  EXPECT_NE(info, nullptr) << op;
  const auto& params = info->schema.arguments;
  for (size_t i = args.size(); i < params.size(); ++i) args.push_back(*params[i].default_value);
  Stack stack(args.begin(), args.end());
  info->kernel(stack, stack.size());
  return stack;
}

void expectSame(const Tensor& api, const std::vector<IValue>& ref, size_t i = 0) {
  ASSERT_GT(ref.size(), i);
  EXPECT_TRUE(allClose(api, ref[i].toTensor(), 0, 0)) << "result " << i;
}
void expectSame(const std::tuple<Tensor, Tensor>& api, const std::vector<IValue>& ref) {
  expectSame(std::get<0>(api), ref, 0);
  expectSame(std::get<1>(api), ref, 1);
}

// Names the API call in failure messages.
#define EXPECT_SAME(api, ref) \
  do {                        \
    SCOPED_TRACE(#api);       \
    expectSame(api, ref);     \
  } while (0)

TEST(ReduceApi, MethodsMatchOperatorsWithSchemaDefaults) {
  Tensor x = filled({3, 4, 5});
  IValue d1(std::vector<int64_t>{1});
  EXPECT_SAME(x.sum(), boxed("aten::sum", {x}));
  EXPECT_SAME(x.sum({1}), boxed("aten::sum.dim_IntList", {x, d1}));
  EXPECT_SAME(x.mean(), boxed("aten::mean", {x}));
  EXPECT_SAME(x.mean({1}, true), boxed("aten::mean.dim", {x, d1, true}));
  EXPECT_SAME(x.prod(), boxed("aten::prod", {x}));
  EXPECT_SAME(x.prod(2), boxed("aten::prod.dim_int", {x, int64_t(2)}));
  EXPECT_SAME(x.max(), boxed("aten::max", {x}));
  EXPECT_SAME(x.max(1), boxed("aten::max.dim", {x, int64_t(1)}));
  EXPECT_SAME(x.min(0, true), boxed("aten::min.dim", {x, int64_t(0), true}));
  EXPECT_SAME(x.amax(), boxed("aten::amax", {x}));
  EXPECT_SAME(x.amin({1}), boxed("aten::amin", {x, d1}));
  EXPECT_SAME(x.argmax(), boxed("aten::argmax", {x}));
  EXPECT_SAME(x.argmin(2), boxed("aten::argmin", {x, int64_t(2)}));
  EXPECT_SAME(x.var(), boxed("aten::var", {x}));
  EXPECT_SAME(x.var({1}), boxed("aten::var.dim", {x, d1}));
  EXPECT_SAME(x.var(1), boxed("aten::var.dim", {x, d1}));
  EXPECT_SAME(x.var(false), boxed("aten::var", {x, false}));
  EXPECT_SAME(var(x, {1}), boxed("aten::var.dim", {x, d1}));
  EXPECT_SAME(x.std(false), boxed("aten::std", {x, false}));
  EXPECT_SAME(x.std({1}), boxed("aten::std.dim", {x, d1}));
  EXPECT_SAME(x.norm(), boxed("aten::norm.Scalar", {x}));
  EXPECT_SAME(x.norm(1.0, {1}), boxed("aten::norm.ScalarOpt_dim", {x, 1.0, d1}));
  EXPECT_SAME(x.any(), boxed("aten::any", {x}));
  EXPECT_SAME(x.all(1), boxed("aten::all.dim", {x, int64_t(1)}));
  EXPECT_SAME(x.logsumexp({1}), boxed("aten::logsumexp", {x, d1}));
  EXPECT_SAME(x.cumsum(1), boxed("aten::cumsum", {x, int64_t(1)}));
  EXPECT_SAME(x.cumprod(0), boxed("aten::cumprod", {x, int64_t(0)}));
  EXPECT_SAME(x.softmax(-1), boxed("aten::softmax.int", {x, int64_t(-1)}));
  EXPECT_SAME(x.log_softmax(1), boxed("aten::log_softmax.int", {x, int64_t(1)}));
  EXPECT_SAME(x.topk(2), boxed("aten::topk", {x, int64_t(2)}));
  EXPECT_SAME(x.sort(), boxed("aten::sort", {x}));
}

TEST(ReduceApi, FreeFunctionsMatchOperators) {
  Tensor x = filled({4, 6});
  IValue d0(std::vector<int64_t>{0});
  EXPECT_SAME(sum(x, kDouble), boxed("aten::sum", {x, IValue(kDouble)}));
  EXPECT_SAME(nansum(x), boxed("aten::nansum", {x}));
  EXPECT_SAME(count_nonzero(x), boxed("aten::count_nonzero", {x}));
  EXPECT_SAME(count_nonzero(x, IntArrayRef{0}), boxed("aten::count_nonzero.dim_IntList", {x, d0}));
  EXPECT_SAME(aminmax(x), boxed("aten::aminmax", {x}));
  EXPECT_SAME(var_mean(x), boxed("aten::var_mean.dim", {x, IValue()}));
  EXPECT_SAME(std_mean(x, {0}), boxed("aten::std_mean.dim", {x, d0}));
  EXPECT_SAME(linalg_vector_norm(x), boxed("aten::linalg_vector_norm", {x}));
  EXPECT_SAME(cummax(x, 1), boxed("aten::cummax", {x, int64_t(1)}));
  EXPECT_SAME(cummin(x, 0), boxed("aten::cummin", {x, int64_t(0)}));
  EXPECT_SAME(argsort(x), boxed("aten::argsort", {x}));
  EXPECT_SAME(kthvalue(x, 2), boxed("aten::kthvalue", {x, int64_t(2)}));
  EXPECT_SAME(median(x), boxed("aten::median", {x}));
  EXPECT_SAME(median(x, 1), boxed("aten::median.dim", {x, int64_t(1)}));
  EXPECT_SAME(softmax(x, 0, kDouble), boxed("aten::softmax.int", {x, int64_t(0), IValue(kDouble)}));
}

TEST(ReduceApi, ResultTypesFollowPyTorch) {
  EXPECT_EQ(filled({5}, kInt).sum().dtype(), kLong);
  EXPECT_EQ(filled({5}, kBool).sum().dtype(), kLong);
  EXPECT_EQ(filled({5}, kByte).any().dtype(), kByte);
  EXPECT_EQ(filled({5}, kFloat).any().dtype(), kBool);
  EXPECT_EQ(filled({5}, kHalf).sum().dtype(), kHalf);
  EXPECT_EQ(filled({5}, kInt).cumsum(0).dtype(), kLong);
  EXPECT_EQ(filled({5}, kInt).logsumexp({0}).dtype(), kFloat);
  EXPECT_EQ(filled({2, 3}).sum({1}, true).sizes(), IntArrayRef({2, 1}));
  EXPECT_EQ(std::get<1>(filled({2, 3}).max(1)).dtype(), kLong);
}

TEST(ReduceApi, OutVariantsResizeAndConvert) {
  Tensor x = filled({3, 4});
  Tensor out = emptyTensor({7}, kFloat);
  Tensor r =
      boxed("aten::sum.IntList_out", {x, IValue(std::vector<int64_t>{1}), false, IValue(), out})[0]
          .toTensor();
  EXPECT_TRUE(r.is_same(out));
  EXPECT_EQ(out.sizes(), IntArrayRef({3}));
  EXPECT_TRUE(allClose(out, x.sum({1})));
  Tensor wide = emptyTensor({0}, kDouble);
  boxed("aten::cumsum.out", {x, int64_t(0), IValue(), wide});
  EXPECT_EQ(wide.sizes(), IntArrayRef({3, 4}));
  EXPECT_TRUE(allClose(wide, x.cumsum(0, kDouble)));
}

TEST(ReduceApi, ErrorsNameTheOperation) {
  Tensor x = filled({2, 3});
  EXPECT_THROW_MSG(x.sum({0, 0}), "sum: dim 0 appears multiple times in the list of dims");
  EXPECT_THROW_MSG(x.sum({2}), "sum: Dimension out of range");
  EXPECT_THROW_MSG(filled({2, 3}, kLong).mean(), "mean(): could not infer output dtype");
  EXPECT_THROW_MSG(emptyTensor({0}, kFloat).max(), "max(): Expected reduction dim to be specified");
  EXPECT_THROW_MSG(x.topk(4, 1), "topk: selected index k out of range");
  EXPECT_THROW_MSG(filled({2, 3}, kInt).softmax(1),
                   "\"softmax_lastdim_kernel_impl\" not implemented for 'Int'");
  EXPECT_THROW_MSG(filled({2, 3}, kInt).var(), "std and var only support floating point");
  Tensor undefined;
  EXPECT_THROW_MSG(undefined.sum(), "undefined");
}

TEST(ReduceApi, LongRowsMatchAcrossThreadSplits) {
  // A row long enough to be split across threads gives the same sum as a serial fold of
  // doubles to rounding.
  Tensor x = filled({1 << 20});
  double ref = 0;
  for (float v : x.to_vector<float>()) ref += v;
  EXPECT_NEAR(x.sum().item<double>(), ref, std::abs(ref) * 1e-6 + 1e-3);
  Tensor s = x.softmax(0);
  EXPECT_NEAR(s.sum(kDouble).item<double>(), 1.0, 1e-5);
}

}  // namespace
}  // namespace wick::testing
