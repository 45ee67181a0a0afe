// 16-lane float vectors (GCC/Clang vector extensions) for the reduction and softmax kernels.
// Without -ffast-math the compilers do not vectorise loops whose body selects (max with NaN
// propagation, clamps), so those loops are written on these types; the compiler maps them to
// AVX-512 here, or to narrower registers elsewhere.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace wick::kernels::simd {

using f32x16 = float __attribute__((vector_size(64)));
using i32x16 = int32_t __attribute__((vector_size(64)));
inline constexpr int kWidth = 16;

inline f32x16 load(const float* p) {
  f32x16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, f32x16 v) { std::memcpy(p, &v, sizeof v); }
inline f32x16 splat(float x) { return f32x16{} + x; }
// Lanes of a where mask is set, of b elsewhere.
inline f32x16 select(i32x16 mask, f32x16 a, f32x16 b) {
  // C-style casts between vector types of one size reinterpret the bits (GCC and Clang).
  return (f32x16)(((i32x16)a & mask) | ((i32x16)b & ~mask));
}
// Lane-wise max where a NaN in v wins (v != v is set only for NaN).
inline f32x16 maxNan(f32x16 acc, f32x16 v) { return select((v > acc) | (v != v), v, acc); }
inline f32x16 minNan(f32x16 acc, f32x16 v) { return select((v < acc) | (v != v), v, acc); }

// exp(x) within 2 ulp for float: x = n ln2 + r with |r| <= ln2/2, a degree-6 polynomial for
// e^r, and 2^n built in the exponent field (as 2^(n-1) * 2 so that n = 128 still fits).
// Results below exp(-86.6) flush to 0, above FLT_MAX give inf; NaN stays NaN.
inline f32x16 exp(f32x16 x) {
  const f32x16 lo = splat(-86.6f), hi = splat(88.72283f);
  f32x16 c = select(x < lo, lo, select(x > hi, hi, x));
  f32x16 n = (c * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  f32x16 r = c - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  f32x16 p = splat(1.9875691500e-4f);
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  i32x16 bits = (__builtin_convertvector(n, i32x16) + 126) << 23;
  f32x16 y = p * (f32x16)bits * 2.0f;
  y = select(x < lo, splat(0.0f), y);
  return select(x > hi, splat(std::numeric_limits<float>::infinity()), y);
}

// The same computation for one float (loop tails), step by step as above.
inline float exp(float x) {
  if (x != x) return x;  // NaN (also keeps the int conversion below defined)
  float c = x < -86.6f ? -86.6f : (x > 88.72283f ? 88.72283f : x);
  float n = (c * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = c - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits = (static_cast<int32_t>(n) + 126) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  float y = p * scale * 2.0f;
  return x < -86.6f ? 0.0f : (x > 88.72283f ? std::numeric_limits<float>::infinity() : y);
}

inline float hmax(f32x16 v) {
  float m = v[0];
  for (int j = 1; j < kWidth; ++j) m = (v[j] > m || v[j] != v[j]) ? v[j] : m;
  return m;
}
inline float hmin(f32x16 v) {
  float m = v[0];
  for (int j = 1; j < kWidth; ++j) m = (v[j] < m || v[j] != v[j]) ? v[j] : m;
  return m;
}
inline double hsumDouble(f32x16 v) {
  double s = 0;
  for (int j = 0; j < kWidth; ++j) s += static_cast<double>(v[j]);
  return s;
}

}  // namespace wick::kernels::simd
