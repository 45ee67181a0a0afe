// Random factories: rand, randn, randint (+ generator overloads), the *_like forms, the four
// aten::normal overloads and randperm. Each allocates like its non-random counterpart, then
// samples in place, as PyTorch composes them.
#include <mutex>

#include "ops/kernels/random_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

Tensor emptyFloat(const char* op, IntArrayRef size, std::optional<DType> dtype,
                  std::optional<Layout> layout, std::optional<Device> device,
                  std::optional<bool> pin_memory) {
  DType dt = factoryDType(op, dtype, kFloat, layout, device, pin_memory);
  checkFactorySizes(op, size);
  Tensor out = emptyTensor(size, dt);
  checkFloating(op, out);
  return out;
}

Tensor emptyLike(const char* op, const Tensor& self, std::optional<DType> dtype,
                 std::optional<Layout> layout, std::optional<Device> device,
                 std::optional<bool> pin_memory, std::optional<MemoryFormat> memory_format) {
  DType dt = factoryDType(op, dtype, self.dtype(), layout, device, pin_memory);
  return emptyWithStrides(self.impl()->sizes(), likeStrides(self, memory_format), dt);
}

}  // namespace

Tensor rand_generator(IntArrayRef size, const std::optional<Generator>& generator,
                      std::optional<DType> dtype, std::optional<Layout> layout,
                      std::optional<Device> device, std::optional<bool> pin_memory) {
  Tensor out = emptyFloat("aten::rand", size, dtype, layout, device, pin_memory);
  return uniform_(out, 0, 1, generator);
}

Tensor rand(IntArrayRef size, std::optional<DType> dtype, std::optional<Layout> layout,
            std::optional<Device> device, std::optional<bool> pin_memory) {
  return rand_generator(size, std::nullopt, dtype, layout, device, pin_memory);
}

Tensor randn_generator(IntArrayRef size, const std::optional<Generator>& generator,
                       std::optional<DType> dtype, std::optional<Layout> layout,
                       std::optional<Device> device, std::optional<bool> pin_memory) {
  Tensor out = emptyFloat("aten::randn", size, dtype, layout, device, pin_memory);
  return normal_(out, 0, 1, generator);
}

Tensor randn(IntArrayRef size, std::optional<DType> dtype, std::optional<Layout> layout,
             std::optional<Device> device, std::optional<bool> pin_memory) {
  return randn_generator(size, std::nullopt, dtype, layout, device, pin_memory);
}

Tensor randint_low_generator(int64_t low, int64_t high, IntArrayRef size,
                             const std::optional<Generator>& generator, std::optional<DType> dtype,
                             std::optional<Layout> layout, std::optional<Device> device,
                             std::optional<bool> pin_memory) {
  DType dt = factoryDType("aten::randint", dtype, kLong, layout, device, pin_memory);
  checkFactorySizes("aten::randint", size);
  Tensor out = emptyTensor(size, dt);
  return randomFrom("aten::randint", out, low, high, generator);
}

Tensor randint_low(int64_t low, int64_t high, IntArrayRef size, std::optional<DType> dtype,
                   std::optional<Layout> layout, std::optional<Device> device,
                   std::optional<bool> pin_memory) {
  return randint_low_generator(low, high, size, std::nullopt, dtype, layout, device, pin_memory);
}

Tensor randint_generator(int64_t high, IntArrayRef size, const std::optional<Generator>& generator,
                         std::optional<DType> dtype, std::optional<Layout> layout,
                         std::optional<Device> device, std::optional<bool> pin_memory) {
  return randint_low_generator(0, high, size, generator, dtype, layout, device, pin_memory);
}

Tensor randint(int64_t high, IntArrayRef size, std::optional<DType> dtype,
               std::optional<Layout> layout, std::optional<Device> device,
               std::optional<bool> pin_memory) {
  return randint_low_generator(0, high, size, std::nullopt, dtype, layout, device, pin_memory);
}

Tensor rand_like(const Tensor& self, std::optional<DType> dtype, std::optional<Layout> layout,
                 std::optional<Device> device, std::optional<bool> pin_memory,
                 std::optional<MemoryFormat> memory_format) {
  Tensor out = emptyLike("aten::rand_like", self, dtype, layout, device, pin_memory, memory_format);
  return uniform_(out, 0, 1, std::nullopt);
}

Tensor randn_like(const Tensor& self, std::optional<DType> dtype, std::optional<Layout> layout,
                  std::optional<Device> device, std::optional<bool> pin_memory,
                  std::optional<MemoryFormat> memory_format) {
  Tensor out =
      emptyLike("aten::randn_like", self, dtype, layout, device, pin_memory, memory_format);
  return normal_(out, 0, 1, std::nullopt);
}

Tensor randint_like_low_dtype(const Tensor& self, int64_t low, int64_t high,
                              std::optional<DType> dtype, std::optional<Layout> layout,
                              std::optional<Device> device, std::optional<bool> pin_memory,
                              std::optional<MemoryFormat> memory_format) {
  Tensor out =
      emptyLike("aten::randint_like", self, dtype, layout, device, pin_memory, memory_format);
  return randomFrom("aten::randint_like", out, low, high, std::nullopt);
}

Tensor randint_like(const Tensor& self, int64_t high, std::optional<DType> dtype,
                    std::optional<Layout> layout, std::optional<Device> device,
                    std::optional<bool> pin_memory, std::optional<MemoryFormat> memory_format) {
  return randint_like_low_dtype(self, 0, high, dtype, layout, device, pin_memory, memory_format);
}

namespace {

void checkStdTensor(const char* op, const Tensor& std) {
  if (std.impl()->numel() == 0) return;
  bool ok = true;
  WICK_DISPATCH_ALL(std.dtype(), op, {
    const scalar_t* p = static_cast<const scalar_t*>(std.data_ptr());
    StridedWalk<1> walk(std.impl()->sizes(), {std.strides()});
    walk.run(
        [&](const std::array<int64_t, 1>& off) { ok &= static_cast<double>(p[off[0]]) >= 0.0; });
  });
  WICK_CHECK(ok, op, ": normal expects all elements of std >= 0.0");
}

// out = out * scale (when given) and then out = out + shift (when given), each rounded to out's
// dtype separately, as PyTorch's mul_ and add_ do; scale and shift broadcast to out's shape.
void scaleShift(const Tensor& out, const Tensor* scale, const Tensor* shift) {
  for (const Tensor* operand : {scale, shift}) {
    if (!operand) continue;
    Tensor b = expand(*operand, out.impl()->sizes(), false);
    bool mul = operand == scale;
    StridedWalk<2> walk(out.impl()->sizes(), {out.strides(), b.strides()});
    WICK_DISPATCH_FLOATING(out.dtype(), "aten::normal", {
      using out_t = scalar_t;
      out_t* o = static_cast<out_t*>(out.data_ptr());
      WICK_DISPATCH_ALL(b.dtype(), "aten::normal", {
        const scalar_t* v = static_cast<const scalar_t*>(b.data_ptr());
        walk.run([&](const std::array<int64_t, 2>& off) {
          // Mixed dtypes compute in the wider of the two, as type promotion would.
          using calc_t =
              std::conditional_t<std::is_same_v<out_t, double> || std::is_same_v<scalar_t, double>,
                                 double, float>;
          auto a = static_cast<calc_t>(o[off[0]]), c = static_cast<calc_t>(v[off[1]]);
          o[off[0]] = static_cast<out_t>(mul ? a * c : a + c);
        });
      });
    });
  }
}

}  // namespace

Tensor normal_Tensor_Tensor(const Tensor& mean, const Tensor& std,
                            const std::optional<Generator>& generator) {
  const char* op = "aten::normal";
  checkStdTensor(op, std);
  DimVector shape = broadcastShapes(op, mean.impl()->sizes(), std.impl()->sizes());
  Tensor out = emptyTensor(shape, mean.dtype());
  checkFloating(op, out);
  normal_(out, 0, 1, generator);
  scaleShift(out, &std, &mean);
  return out;
}

Tensor normal_Tensor_float(const Tensor& mean, double std,
                           const std::optional<Generator>& generator) {
  const char* op = "aten::normal";
  WICK_CHECK(std >= 0.0, op, ": normal expects std >= 0.0, but found std ", std);
  Tensor out = emptyTensor(mean.impl()->sizes(), mean.dtype());
  checkFloating(op, out);
  normal_(out, 0, std, generator);
  scaleShift(out, nullptr, &mean);
  return out;
}

Tensor normal_float_Tensor(double mean, const Tensor& std,
                           const std::optional<Generator>& generator) {
  const char* op = "aten::normal";
  checkStdTensor(op, std);
  Tensor out = emptyTensor(std.impl()->sizes(), std.dtype());
  checkFloating(op, out);
  normal_(out, 0, 1, generator);
  Tensor shift = scalarTensor(mean, kDouble);
  scaleShift(out, &std, &shift);
  return out;
}

Tensor normal_float_float(double mean, double std, IntArrayRef size,
                          const std::optional<Generator>& generator, std::optional<DType> dtype,
                          std::optional<Layout> layout, std::optional<Device> device,
                          std::optional<bool> pin_memory) {
  Tensor out = emptyFloat("aten::normal", size, dtype, layout, device, pin_memory);
  return normal_(out, mean, std, generator);
}

Tensor randperm_generator(int64_t n, const std::optional<Generator>& generator,
                          std::optional<DType> dtype, std::optional<Layout> layout,
                          std::optional<Device> device, std::optional<bool> pin_memory) {
  const char* op = "aten::randperm";
  DType dt = factoryDType(op, dtype, kLong, layout, device, pin_memory);
  checkFactorySizes(op, IntArrayRef(&n, 1));
  WICK_CHECK(dt != kBool, op, ": randperm is not implemented for dtype bool");
  // Every value below n must be representable.
  int64_t limit = 0;
  WICK_DISPATCH_ALL(dt, op, {
    if constexpr (std::is_same_v<scalar_t, int64_t>) {
      limit = std::numeric_limits<int64_t>::max();
    } else if constexpr (std::is_integral_v<scalar_t>) {
      // Through uint64_t: this arm is also compiled (not run) for int64_t, where +1 would
      // overflow a signed constant.
      limit = static_cast<int64_t>(static_cast<uint64_t>(std::numeric_limits<scalar_t>::max()) + 1);
    } else {
      limit = (int64_t(1) << kDigits<scalar_t>)+1;
    }
  });
  WICK_CHECK(n <= limit, op, ": n cannot be greater than ", limit, " for ", graphName(dt),
             " type.");
  Tensor out = emptyTensor(IntArrayRef(&n, 1), dt);
  std::vector<int64_t> perm(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) perm[i] = i;
  GeneratorImpl* gen = generatorOrDefault(generator);
  {
    std::lock_guard<std::mutex> lock(gen->mutex());
    // Fisher-Yates from the front, one 32-bit draw per step.
    for (int64_t i = 0; i + 1 < n; ++i) {
      auto z = static_cast<int64_t>(gen->random() % static_cast<uint64_t>(n - i));
      std::swap(perm[i], perm[z + i]);
    }
  }
  WICK_DISPATCH_ALL(dt, op, {
    scalar_t* p = static_cast<scalar_t*>(out.data_ptr());
    for (int64_t i = 0; i < n; ++i) p[i] = fromInt64<scalar_t>(perm[i]);
  });
  return out;
}

Tensor randperm(int64_t n, std::optional<DType> dtype, std::optional<Layout> layout,
                std::optional<Device> device, std::optional<bool> pin_memory) {
  return randperm_generator(n, std::nullopt, dtype, layout, device, pin_memory);
}

}  // namespace wick::kernels
