// Factories against PyTorch: dtype inference, layouts of *_like, range formulas (bit-exact),
// tensors from C++ data and TorchScript's aten::tensor, and every error message.
#include "ops/boxing.h"
#include "oracle_batch.h"
#include "wick/ops/registry.h"

namespace wick {
namespace {

using testing::iota;
using testing::OracleBatch;

TEST(Factories, FillsAndLikes) {
  OracleBatch b("factories");
  Tensor base = iota({2, 3, 4});
  Tensor p = base.permute({2, 0, 1});
  b.add("zeros", {}, "torch.zeros(2, 3)", [] { return zeros({2, 3}); });
  b.add("zeros long", {}, "torch.zeros(2, 3, dtype=torch.long)", [] {
    return zeros({2, 3}, kLong);
  });
  b.add("zeros 0-dim", {}, "torch.zeros([])", [] { return zeros({}); });
  b.add("ones bool", {}, "torch.ones(3, dtype=torch.bool)", [] { return ones({3}, kBool); });
  b.add("ones half", {}, "torch.ones(2, 2, dtype=torch.half)", [] { return ones({2, 2}, kHalf); });
  b.add("full int", {}, "torch.full((2,), 2)", [] { return full({2}, 2); });
  b.add("full float", {}, "torch.full((2, 1), 2.5)", [] { return full({2, 1}, 2.5); });
  b.add("full bool", {}, "torch.full((2,), True)", [] { return full({2}, true); });
  b.add("full dtype", {}, "torch.full((3,), 2.7, dtype=torch.long)",
        [] { return full({3}, 2.7, kLong); });
  b.add("full uint8 wrap", {}, "torch.full((2,), -1, dtype=torch.uint8)",
        [] { return full({2}, -1, kByte); });
  b.add("full from sizes", {base}, "torch.full(a.permute(2, 0, 1).shape, 3.)",
        [&] { return full(p.sizes(), 3.0); });
  b.add("empty", {}, "torch.empty(2, 3)", [] { return empty({2, 3}); }).check_values = false;
  b.add("empty channels_last", {}, "torch.empty(2, 3, 4, 5, memory_format=torch.channels_last)",
        [] {
          return empty({2, 3, 4, 5}, MemoryFormat::ChannelsLast);
        })
      .check_values = false;
  b.add("empty_strided", {}, "torch.empty_strided((2, 3), (1, 2))", [] {
     return empty_strided({2, 3}, {1, 2});
   }).check_values = false;
  b.add("empty_like permuted", {base}, "torch.empty_like(a.permute(2, 0, 1))", [&] {
     return empty_like(p);
   }).check_values = false;
  b.add("empty_like expanded", {iota({3, 1})}, "torch.empty_like(a.expand(3, 4))", [&] {
     return empty_like(iota({3, 1}).expand({3, 4}));
   }).check_values = false;
  b.add("empty_like sliced", {iota({4, 6})}, "torch.empty_like(a[:, ::2].t())", [&] {
     return empty_like(iota({4, 6}).slice(1, 0, std::nullopt, 2).t());
   }).check_values = false;
  b.add("zeros_like", {base}, "torch.zeros_like(a.permute(2, 0, 1))",
        [&] { return zeros_like(p); });
  b.add("zeros_like contiguous", {base},
        "torch.zeros_like(a.permute(2, 0, 1), memory_format=torch.contiguous_format)",
        [&] { return zeros_like(p, MemoryFormat::Contiguous); });
  b.add("ones_like dtype", {base}, "torch.ones_like(a.permute(2, 0, 1), dtype=torch.int64)",
        [&] { return ones_like(p, kLong); });
  b.add("full_like", {iota({2, 3}, kLong)}, "torch.full_like(a, 3.5)", [&] {
    return full_like(iota({2, 3}, kLong), 3.5);
  });
  b.add("new_zeros", {iota({2}, kInt)}, "a.new_zeros((2, 2))", [&] {
    return iota({2}, kInt).new_zeros({2, 2});
  });
  b.add("new_ones", {iota({2}, kHalf)}, "a.new_ones(3)",
        [&] { return iota({2}, kHalf).new_ones({3}); });
  b.add("new_full", {iota({2}, kLong)}, "a.new_full((2,), 3.5)",
        [&] { return iota({2}, kLong).new_full({2}, 3.5); });
  b.add("new_empty", {iota({2}, kDouble)}, "a.new_empty((1, 2))", [&] {
     return iota({2}, kDouble).new_empty({1, 2});
   }).check_values = false;
  b.add("eye", {}, "torch.eye(3)", [] { return eye(3); });
  b.add("eye rectangular", {}, "torch.eye(2, 4, dtype=torch.int32)",
        [] { return eye(2, 4, kInt); });
  b.add("eye empty", {}, "torch.eye(0, 3)", [] { return eye(0, 3); });
  b.add("scalar_tensor", {}, "torch.scalar_tensor(1)", [] { return scalar_tensor(1); });
  b.add("scalar_tensor dtype", {}, "torch.scalar_tensor(2.5, dtype=torch.float64)",
        [] { return scalar_tensor(2.5, kDouble); });
  b.addError("zeros negative", {}, "torch.zeros(2, -1)", [] { zeros({2, -1}); });
  b.addError("full negative", {}, "torch.full((-1,), 2.)", [] { full({-1}, 2.0); });
  b.addError("eye negative", {}, "torch.eye(-1)", [] { eye(-1); });
  b.addError("eye negative m", {}, "torch.eye(2, -1)", [] { eye(2, -1); });
  b.addError("empty_strided lengths", {}, "torch.empty_strided((2, 3), (1,))", [] {
    empty_strided({2, 3}, {1});
  });
  b.addError("empty_like channels_last 3-d", {},
             "torch.empty_like(torch.zeros(2, 3, 4), memory_format=torch.channels_last)", [] {
               empty_like(zeros({2, 3, 4}), MemoryFormat::ChannelsLast);
             });
  b.addError(
      "cuda device", {}, "torch.zeros(2, device='cuda')",
      [] { zeros({2}, Device(DeviceType::CUDA)); }, "wick runs on the CPU only");
  b.run();
}

TEST(Factories, Ranges) {
  OracleBatch b("ranges");
  b.add("arange", {}, "torch.arange(5)", [] { return arange(5); });
  b.add("arange float", {}, "torch.arange(5.)", [] { return arange(5.0); });
  b.add("arange start", {}, "torch.arange(-3, 4)", [] { return arange(-3, 4); });
  b.add("arange step", {}, "torch.arange(1, 2.5, 0.5)", [] { return arange(1, 2.5, 0.5); });
  b.add("arange tenths", {}, "torch.arange(0, 1, 0.1)", [] { return arange(0, 1, 0.1); });
  b.add("arange vector chunks", {}, "torch.arange(0, 3.3, 0.1)",
        [] { return arange(0, 3.3, 0.1); });
  b.add("arange double", {}, "torch.arange(0, 3.3, 0.1, dtype=torch.float64)",
        [] { return arange(0, 3.3, 0.1, kDouble); });
  b.add("arange negative step", {}, "torch.arange(10, 0, -3)", [] { return arange(10, 0, -3); });
  b.add("arange float to int", {}, "torch.arange(-1.5, 2, 1, dtype=torch.long)",
        [] { return arange(-1.5, 2, 1, kLong); });
  b.add("arange int32", {}, "torch.arange(0.5, 3, dtype=torch.int32)",
        [] { return arange(0.5, 3, kInt); });
  b.add("arange uint8", {}, "torch.arange(0, 5, 2, dtype=torch.uint8)",
        [] { return arange(0, 5, 2, kByte); });
  b.add("arange half", {}, "torch.arange(0, 10, 1.5, dtype=torch.half)",
        [] { return arange(0, 10, 1.5, kHalf); });
  b.add("arange bool bound", {}, "torch.arange(True)", [] { return arange(true); });
  b.add("arange empty", {}, "torch.arange(3, 3)", [] { return arange(3, 3); });
  b.addError("arange zero step", {}, "torch.arange(0, 10, 0)", [] { arange(0, 10, 0); });
  b.addError("arange wrong sign", {}, "torch.arange(0, 10, -1)", [] { arange(0, 10, -1); });
  b.addError("arange infinite", {}, "torch.arange(0, float('inf'))", [] { arange(0, INFINITY); });
  b.addError(
      "arange bool dtype", {}, "torch.arange(3, dtype=torch.bool)", [] { arange(3, kBool); },
      "not implemented for dtype bool");
  b.add("linspace", {}, "torch.linspace(0, 1, 5)", [] { return linspace(0, 1, 5); });
  b.add("linspace chunks", {}, "torch.linspace(-2, 7, 41)", [] { return linspace(-2, 7, 41); });
  b.add("linspace double", {}, "torch.linspace(0, 1, 23, dtype=torch.float64)",
        [] { return linspace(0, 1, 23, kDouble); });
  b.add("linspace long", {}, "torch.linspace(-5, 5, 7, dtype=torch.int64)",
        [] { return linspace(-5, 5, 7, kLong); });
  b.add("linspace long chunks", {}, "torch.linspace(0, 10, 40, dtype=torch.long)",
        [] { return linspace(0, 10, 40, kLong); });
  b.add("linspace truncating bounds", {}, "torch.linspace(0.5, 9.7, 4, dtype=torch.long)",
        [] { return linspace(0.5, 9.7, 4, kLong); });
  b.add("linspace descending", {}, "torch.linspace(10, 0, 4, dtype=torch.int32)",
        [] { return linspace(10, 0, 4, kInt); });
  b.add("linspace one", {}, "torch.linspace(3, 4, 1)", [] { return linspace(3, 4, 1); });
  b.add("linspace zero", {}, "torch.linspace(3, 4, 0)", [] { return linspace(3, 4, 0); });
  b.addError("linspace negative", {}, "torch.linspace(0, 1, -1)", [] { linspace(0, 1, -1); });
  b.add("logspace", {}, "torch.logspace(0, 2, 3)", [] { return logspace(0, 2, 3); });
  b.add("logspace base", {}, "torch.logspace(-1, 1, 5, base=3, dtype=torch.float64)",
        [] { return logspace(-1, 1, 5, 3, kDouble); });
  b.add("logspace long", {}, "torch.logspace(0, 2, 5, dtype=torch.long)",
        [] { return logspace(0, 2, 5, 10, kLong); });
  b.add("logspace one", {}, "torch.logspace(2, 3, 1)", [] { return logspace(2, 3, 1); });
  b.add("logspace many", {}, "torch.logspace(-3, 3, 37)", [] { return logspace(-3, 3, 37); });
  b.addError("logspace negative", {}, "torch.logspace(0, 1, -2)", [] { logspace(0, 1, -2); });
  b.run();
}

TEST(Factories, TensorsFromData) {
  OracleBatch b("data");
  b.add("int literal", {}, "torch.tensor([1, 2, 3])", [] { return tensor({1, 2, 3}); });
  b.add("float literal", {}, "torch.tensor([[1., 2.], [3., 4.]])", [] {
    return tensor({{1.0, 2.0}, {3.0, 4.0}});
  });
  b.add("mixed literal", {}, "torch.tensor([1, 2.5])", [] { return tensor({1, 2.5f}); });
  b.add("bool literal", {}, "torch.tensor([True, False])", [] { return tensor({true, false}); });
  b.add("scalar literal", {}, "torch.tensor(2.5)", [] { return tensor(2.5); });
  b.add("literal dtype", {}, "torch.tensor([1, 2], dtype=torch.float64)", [] {
    return tensor({1, 2}, kDouble);
  });
  b.add("vector", {}, "torch.arange(6.).view(2, 3)", [] {
    return tensor(std::vector<float>{0, 1, 2, 3, 4, 5}, {2, 3});
  });
  b.add("vector int", {}, "torch.arange(4).view(2, 2)", [] {
    return tensor(std::vector<int>{0, 1, 2, 3}, {2, 2});
  });
  b.add("empty literal", {}, "torch.tensor([])", [] { return tensor(std::vector<float>{}, {0}); });
  b.addError("ragged", {}, "torch.tensor([[1, 2], [3]])", [] { tensor({{1, 2}, {3}}); });
  b.addError(
      "vector size", {}, "torch.arange(6.).view(4, 2)",
      [] {
        tensor(std::vector<float>(6, 0.f), {4, 2});
      },
      "6 values cannot fill a tensor of size [4, 2]");
  b.run();
}

// TorchScript's aten::tensor(t[] data, ...) is a boxed kernel: run it through the registry.
IValue runTensorOp(IValue data, IValue dtype = IValue(), bool requires_grad = false) {
  const OpInfo* op = findOp("aten::tensor");
  EXPECT_NE(op, nullptr);
  Stack stack{std::move(data), std::move(dtype), IValue(), IValue(requires_grad)};
  op->kernel(stack, 4);
  EXPECT_EQ(stack.size(), 1u);
  return stack.back();
}

TEST(Factories, TorchScriptTensorOps) {
  OracleBatch b("script_tensor");
  auto list = [](TypePtr elem, std::vector<IValue> v) {
    return IValue(makeList(std::move(elem), std::move(v)));
  };
  IValue rows = list(ListType::ofFloats(),
                     {list(FloatType::get(), {1.0, 2.0}), list(FloatType::get(), {3.0, 4.0})});
  b.add("aten::tensor floats", {}, "torch.tensor([[1., 2.], [3., 4.]])",
        [&] { return runTensorOp(rows).toTensor(); });
  b.add("aten::tensor ints", {}, "torch.tensor([1, 2, 3])", [&] {
    return runTensorOp(list(IntType::get(), {1, 2, 3})).toTensor();
  });
  b.add("aten::tensor empty ints", {}, "torch.tensor([], dtype=torch.long)",
        [&] { return runTensorOp(list(IntType::get(), {})).toTensor(); });
  b.add("aten::tensor bools", {}, "torch.tensor([True, False])", [&] {
    return runTensorOp(list(BoolType::get(), {true, false})).toTensor();
  });
  b.add("aten::tensor dtype", {}, "torch.tensor([1, 2], dtype=torch.float64)", [&] {
    return runTensorOp(list(IntType::get(), {1, 2}), IValue(kDouble)).toTensor();
  });
  b.add("aten::tensor.int", {}, "torch.tensor(3)",
        [] { return ops::tensor_int(3, std::nullopt, std::nullopt, false); });
  b.add("aten::tensor.float", {}, "torch.tensor(2.5)",
        [] { return ops::tensor_float(2.5, std::nullopt, std::nullopt, false); });
  b.add("aten::tensor.float dtype", {}, "torch.tensor(2.7, dtype=torch.int32)",
        [] { return ops::tensor_float(2.7, kInt, std::nullopt, false); });
  b.add("aten::tensor.bool", {}, "torch.tensor(True)",
        [] { return ops::tensor_bool(true, std::nullopt, std::nullopt, false); });
  IValue ragged =
      list(ListType::ofInts(), {list(IntType::get(), {1, 2}), list(IntType::get(), {3})});
  b.addError(
      "aten::tensor ragged", {}, "torch.tensor([[1, 2], [3]])", [&] { runTensorOp(ragged); },
      "Expected sequence of length 2 at dim 1 (got 1)");
  b.addError("aten::tensor int requires_grad", {}, "torch.tensor([1], requires_grad=True)",
             [&] { runTensorOp(list(IntType::get(), {1}), IValue(), true); });
  b.run();
  Tensor g = runTensorOp(list(FloatType::get(), {1.0}), IValue(), true).toTensor();
  EXPECT_TRUE(g.requires_grad());
}

TEST(Factories, FromBlobSharesMemory) {
  std::vector<float> data{1, 2, 3, 4, 5, 6};
  Tensor t = from_blob(data.data(), {2, 3});
  EXPECT_EQ(t.data_ptr(), data.data());
  data[4] = 50;
  EXPECT_EQ(t.to_vector<float>()[4], 50.0f);
  bool freed = false;
  {
    Tensor u = from_blob(
        data.data(), {3}, {2}, [&](void*) { freed = true; }, kFloat);
    EXPECT_EQ(u.to_vector<float>(), (std::vector<float>{1, 3, 50}));
    EXPECT_FALSE(freed);
  }
  EXPECT_TRUE(freed);
  EXPECT_THROW_MSG(from_blob(data.data(), {2}, Device(DeviceType::CUDA)),
                   "wick runs on the CPU only");
  Tensor rg = zeros({2}, TensorOptions().requires_grad(true));
  EXPECT_TRUE(rg.requires_grad());
  EXPECT_THROW_MSG(zeros({2}, TensorOptions(kLong).requires_grad(true)),
                   "only Tensors of floating point dtype can require gradients");
}

}  // namespace
}  // namespace wick
