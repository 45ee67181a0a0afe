// Blocked Box-Muller normal fills, bit-compatible with PyTorch 1.13's CPU kernels.
//
// Note [Normal fill]
// For a contiguous tensor of at least 16 elements PyTorch first fills the whole buffer with
// uniform [0, 1) samples, then turns each block of 16 into normals: u1 = 1 - data[j] and
// u2 = data[j + 8] give data[j] = r cos(t) and data[j + 8] = r sin(t) with r = sqrt(-2 log u1),
// t = 2 pi u2, for j < 8. A tail that is not a multiple of 16 is handled by redrawing the last 16
// uniforms and transforming them again. For float, PyTorch's AVX2 build evaluates log, sin and
// cos with the Cephes-style polynomials of avx_mathfun; its compiler fuses some multiply-adds
// into FMAs. The scalar code below performs the same float operations in the same order, with
// std::fma exactly where that build has fused instructions, so the samples match bit for bit.
#include <bit>

#include "ops/kernels/random_util.h"

namespace wick::kernels {

namespace {

float bitsToFloat(uint32_t u) { return std::bit_cast<float>(u); }
uint32_t floatToBits(float f) { return std::bit_cast<uint32_t>(f); }

// Natural log for u in (0, 1] (callers never pass anything else).
float cephesLog(float x) {
  constexpr float kP[] = {7.0376836292E-2f,  -1.1514610310E-1f, 1.1676998740E-1f,
                          -1.2420140846E-1f, 1.4249322787E-1f,  -1.6668057665E-1f,
                          2.0000714765E-1f,  -2.4999993993E-1f, 3.3333331174E-1f};
  if (x <= 0.0f)
    return x < 0.0f ? std::numeric_limits<float>::quiet_NaN()
                    : -std::numeric_limits<float>::infinity();
  x = std::max(x, bitsToFloat(0x00800000u));  // no denormals
  uint32_t b = floatToBits(x);
  auto e = static_cast<float>(static_cast<int32_t>(b >> 23) - 0x7f);
  // Mantissa in [0.5, 1), exponent adjusted so that x in [sqrt(1/2), sqrt(2)) after the shift.
  x = bitsToFloat((b & ~0x7f800000u) | floatToBits(0.5f));
  e = e + 1.0f;
  bool small = x < 0.707106781186547524f;
  float tmp = small ? x : 0.0f;
  x = x - 1.0f;
  e = e - (small ? 1.0f : 0.0f);
  x = x + tmp;
  float z = x * x;
  float y = kP[0];
  for (int i = 1; i < 9; ++i) y = std::fma(y, x, kP[i]);
  y = y * x;
  y = std::fma(y, z, e * -2.12194440e-4f);
  y = std::fma(z, -0.5f, y);
  x = x + y;
  return std::fma(e, 0.693359375f, x);
}

// sin and cos of x >= 0 by octant reduction and two minimax polynomials.
void cephesSinCos(float x, float* s, float* c) {
  float y = x * 1.27323954473516f;  // 4 / pi
  auto j = static_cast<int32_t>(y);
  j = (j + 1) & ~1;
  y = static_cast<float>(j);
  bool swap_sin = (j & 4) != 0;
  bool sin_poly = (j & 2) == 0;
  bool neg_cos = (~(j - 2) & 4) != 0;
  // Extended-precision reduction: x - y * pi/4 in three parts.
  x = std::fma(y, -0.78515625f, x);
  x = std::fma(y, -2.4187564849853515625e-4f, x);
  x = std::fma(y, -3.77489497744594108e-8f, x);
  float z = x * x;
  float yc = 2.443315711809948E-005f;
  yc = std::fma(yc, z, -1.388731625493765E-003f);
  yc = std::fma(yc, z, 4.166664568298827E-002f);
  yc = yc * z;
  yc = std::fma(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;
  float ys = -1.9515295891E-4f;
  ys = std::fma(ys, z, 8.3321608736E-3f);
  ys = std::fma(ys, z, -1.6666654611E-1f);
  ys = ys * z;
  ys = std::fma(ys, x, x);
  float sv = sin_poly ? ys : yc, cv = sin_poly ? yc : ys;
  *s = swap_sin ? -sv : sv;
  *c = neg_cos ? -cv : cv;
}

void normalFill16Float(float* d, float mean, float std) {
  for (int j = 0; j < 8; ++j) {
    float u1 = 1.0f - d[j], u2 = d[j + 8];
    float radius = std::sqrt(-2.0f * cephesLog(u1));
    float theta = static_cast<float>(2.0 * 3.14159265358979323846) * u2;
    float s, c;
    cephesSinCos(theta, &s, &c);
    d[j] = std::fma(radius * c, std, mean);
    d[j + 8] = std::fma(radius * s, std, mean);
  }
}

template <class T>
void normalFill16(T* d, T mean, T std) {
  for (int j = 0; j < 8; ++j) {
    T u1 = static_cast<T>(1 - d[j]), u2 = d[j + 8];
    T radius = static_cast<T>(std::sqrt(-2 * std::log(static_cast<double>(u1))));
    T theta = static_cast<T>(2.0f * 3.14159265358979323846 * static_cast<double>(u2));
    if constexpr (std::is_same_v<T, double>) {
      d[j] = std::fma(radius * std::cos(theta), std, mean);
      d[j + 8] = std::fma(radius * std::sin(theta), std, mean);
    } else {
      d[j] = static_cast<T>(radius * std::cos(static_cast<float>(theta)) * std + mean);
      d[j + 8] = static_cast<T>(radius * std::sin(static_cast<float>(theta)) * std + mean);
    }
  }
}

// Uniforms for the whole buffer, then blocks of 16; the tail redraws its last 16 uniforms.
template <class T, class Block>
void blockedFill(T* data, int64_t n, GeneratorImpl* gen, Block&& block) {
  for (int64_t i = 0; i < n; ++i) data[i] = uniformReal<T>(gen, T(0), T(1));
  for (int64_t i = 0; i + 16 <= n; i += 16) block(data + i);
  if (n % 16 != 0) {
    T* tail = data + n - 16;
    for (int i = 0; i < 16; ++i) tail[i] = uniformReal<T>(gen, T(0), T(1));
    block(tail);
  }
}

}  // namespace

void normalFillFloat(float* data, int64_t n, float mean, float std, GeneratorImpl* gen) {
  blockedFill(data, n, gen, [&](float* d) { normalFill16Float(d, mean, std); });
}

template <class T>
void normalFillScalar(T* data, int64_t n, T mean, T std, GeneratorImpl* gen) {
  blockedFill(data, n, gen, [&](T* d) { normalFill16(d, mean, std); });
}
template void normalFillScalar<double>(double*, int64_t, double, double, GeneratorImpl*);
template void normalFillScalar<Half>(Half*, int64_t, Half, Half, GeneratorImpl*);
template void normalFillScalar<BFloat16>(BFloat16*, int64_t, BFloat16, BFloat16, GeneratorImpl*);

void checkFloating(const char* what, const Tensor& t) {
  WICK_CHECK(isFloatingType(t.dtype()), what, ": expected a floating point tensor, got dtype ",
             t.dtype());
}

}  // namespace wick::kernels
