// 16-bit floating point element types: IEEE half (float16) and bfloat16. Arithmetic goes
// through float, as in PyTorch's CPU kernels; conversions round to nearest even.
#pragma once

#include <cstdint>
#include <cstring>

namespace wick {

namespace detail {
inline uint32_t floatBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline float bitsFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

inline float halfToFloat(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1f;
  uint32_t mant = h & 0x3ff;
  if (exp == 0) {
    if (mant == 0) return bitsFloat(sign);
    // Subnormal: value = mant * 2^-24.
    float v = (float)mant * 5.9604644775390625e-8f;
    return sign ? -v : v;
  }
  if (exp == 31) return bitsFloat(sign | 0x7f800000u | (mant << 13));
  return bitsFloat(sign | ((exp + 112) << 23) | (mant << 13));
}

inline uint16_t floatToHalf(float f) {
  uint32_t x = floatBits(f);
  uint32_t sign = (x >> 16) & 0x8000;
  uint32_t ax = x & 0x7fffffffu;
  if (ax >= 0x7f800000u) {  // inf or nan
    return (uint16_t)(sign | 0x7c00 | (ax > 0x7f800000u ? 0x200 : 0));
  }
  if (ax >= 0x477ff000u) return (uint16_t)(sign | 0x7c00);  // rounds to inf
  if (ax < 0x38800000u) {                                   // subnormal half or zero
    // Scale into the subnormal range and let float addition round to nearest even.
    float v = bitsFloat(ax) + 0.5f;
    return (uint16_t)(sign | (floatBits(v) - 0x3f000000u));
  }
  uint32_t mant_odd = (ax >> 13) & 1;
  ax += 0xc8000fffu + mant_odd;  // rebias exponent (-112 << 23) and round to nearest even
  return (uint16_t)(sign | (ax >> 13));
}

inline float bf16ToFloat(uint16_t b) { return bitsFloat((uint32_t)b << 16); }
inline uint16_t floatToBf16(float f) {
  uint32_t x = floatBits(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((x >> 16) | 0x40);  // quiet nan
  uint32_t rounding = 0x7fff + ((x >> 16) & 1);
  return (uint16_t)((x + rounding) >> 16);
}
}  // namespace detail

struct Half {
  uint16_t bits = 0;
  Half() = default;
  Half(float f) : bits(detail::floatToHalf(f)) {}
  static Half fromBits(uint16_t b) {
    Half h;
    h.bits = b;
    return h;
  }
  operator float() const { return detail::halfToFloat(bits); }
};

struct BFloat16 {
  uint16_t bits = 0;
  BFloat16() = default;
  BFloat16(float f) : bits(detail::floatToBf16(f)) {}
  static BFloat16 fromBits(uint16_t b) {
    BFloat16 h;
    h.bits = b;
    return h;
  }
  operator float() const { return detail::bf16ToFloat(bits); }
};

}  // namespace wick
