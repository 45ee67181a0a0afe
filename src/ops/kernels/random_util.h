// Sampling helpers shared by the random kernels. They consume the generator's 32-bit Mersenne
// Twister exactly as PyTorch 1.13's CPU kernels do, so that the same seed gives the same
// numbers (see Note [Random streams]). Callers hold the generator's mutex.
#pragma once

#include <cmath>
#include <cstdint>

#include "ops/kernels/shape_util.h"
#include "wick/core/generator.h"

namespace wick::kernels {

// Note [Random streams]
// PyTorch turns generator output into numbers as follows (ATen's DistributionsHelper and
// TransformationHelper): a uniform value of a floating type T uses the low `digits(T)` bits of
// one draw (a 32-bit draw for float/half/bfloat16, a 64-bit draw built from two 32-bit draws for
// double), scaled by 2^-digits, then `x * (to - from) + from` in float (double for double). An
// integer in [from, from + range) is `draw % range + from`, with a 64-bit draw when the range
// needs more than 32 bits (and the type is int64, float, double or bfloat16). Elements are
// filled in the order TensorIterator walks the output (memory order for dense tensors).

template <class T>
constexpr int kDigits = std::is_same_v<T, double>  ? 53
                        : std::is_same_v<T, float> ? 24
                        : std::is_same_v<T, Half>  ? 11
                                                   : 8;

// PyTorch's uniform_real_distribution<T>(from, to) for a floating type T. Its AVX2 build
// fuses `x * (to - from) + from` into one FMA; std::fma keeps that rounding here.
template <class T>
T uniformReal(GeneratorImpl* gen, T from, T to) {
  if constexpr (std::is_same_v<T, double>) {
    double x = static_cast<double>(gen->random64() & ((uint64_t(1) << 53) - 1)) * 0x1.0p-53;
    return std::fma(x, to - from, from);
  } else {
    constexpr uint32_t kMask = (uint32_t(1) << kDigits<T>)-1;
    constexpr float kScale = 1.0f / static_cast<float>(uint32_t(1) << kDigits<T>);
    float x = static_cast<float>(gen->random() & kMask) * kScale;
    // 16-bit types subtract in their own precision, as c10's Half/BFloat16 operators do.
    T range = static_cast<T>(static_cast<float>(to) - static_cast<float>(from));
    return static_cast<T>(std::fma(x, static_cast<float>(range), static_cast<float>(from)));
  }
}

// An int64 stored into any element type (bool: nonzero; 16-bit floats through float).
template <class T>
T fromInt64(int64_t v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v != 0;
  } else if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) {
    return T(static_cast<float>(v));
  } else {
    return static_cast<T>(v);
  }
}

// PyTorch's uniform_int_from_to_distribution<T>(range, base).
template <class T>
T uniformIntFromTo(GeneratorImpl* gen, uint64_t range, int64_t base) {
  constexpr bool kWide = std::is_same_v<T, int64_t> || std::is_same_v<T, double> ||
                         std::is_same_v<T, float> || std::is_same_v<T, BFloat16>;
  uint64_t v = kWide && range >= (uint64_t(1) << 32) ? gen->random64() : gen->random();
  return fromInt64<T>(static_cast<int64_t>(v % range + static_cast<uint64_t>(base)));
}

// Visits t's elements in the order PyTorch's CPU kernels fill them: f(element offset).
template <class F>
void forEachInFillOrder(const Tensor& t, F&& f) {
  IterOperand op{t.impl()->sizes(), t.strides()};
  std::vector<int64_t> order = iteratorOrder(t.impl()->sizes(), ArrayRef<IterOperand>(&op, 1));
  DimVector sizes, strides;
  for (int64_t d : order) {
    sizes.push_back(t.impl()->sizes()[d]);
    strides.push_back(t.strides()[d]);
  }
  StridedWalk<1> walk(sizes, {strides});
  walk.run([&](const std::array<int64_t, 1>& off) { f(off[0]); });
}

// Fills a contiguous float buffer with normal samples as PyTorch's AVX2 CPU kernel does for
// float tensors of at least 16 elements.
void normalFillFloat(float* data, int64_t n, float mean, float std, GeneratorImpl* gen);
// The portable version of the same blocked Box-Muller fill, used for other floating types.
template <class T>
void normalFillScalar(T* data, int64_t n, T mean, T std, GeneratorImpl* gen);

// Raises unless the tensor has a floating dtype (`what` names the op).
void checkFloating(const char* what, const Tensor& t);
// random_(from, to) on self, for random_ and the ops built on it (randint ...); errors name op.
Tensor randomFrom(const char* op, const Tensor& self, int64_t from, std::optional<int64_t> to,
                  const std::optional<Generator>& generator);

}  // namespace wick::kernels
