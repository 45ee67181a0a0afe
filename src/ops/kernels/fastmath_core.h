// The scalar cores of fastmath.h, written branch-free so loops over them vectorise. Included
// only by *_fastmath.cpp files (compiled with -ffast-math but not -ffinite-math-only, so the
// NaN tests below are kept). Coefficients are least-squares fits on Chebyshev nodes against
// high-precision references, minimising relative error over each range.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

#if defined(__AVX512F__)
#if defined(__GNUC__) && !defined(__clang__)
// GCC 12 warns about the deliberately undefined vectors inside its own AVX-512 intrinsics
// (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif
#endif

namespace wick::fastmath {
// Internal linkage: each fast-math file gets its own copy, so these never mix with code
// compiled under other floating-point flags.
namespace {

// Clamps without fmin/fmax, which do not vectorise when NaNs must be honoured.
inline float clampTo(float x, float lo, float hi) {
  float y = x < lo ? lo : x;
  return y > hi ? hi : y;
}

// e^x. x = n ln2 + r with |r| <= ln2/2; e^r = 1 + r + r^2 P(r); 2^n applied in two halves
// so results down to the subnormal range and up to overflow come out right.
inline float expCore(float x) {
  constexpr float kLog2e = 1.44269504088896341f;
  constexpr float kLn2Hi = 0.693359375f;  // ln2 = kLn2Hi + kLn2Lo, kLn2Hi exact in 10 bits
  constexpr float kLn2Lo = -2.12194440e-4f;
  // NaN becomes 0 here (converting it to an integer below would be undefined) and is
  // restored at the end.
  float xc = x != x ? 0.0f : clampTo(x, -104.0f, 89.0f);
  float n = std::nearbyint(xc * kLog2e);
  float r = std::fma(n, -kLn2Hi, xc);
  r = std::fma(n, -kLn2Lo, r);
  float p = 0.001389598473906517f;
  p = std::fma(p, r, 0.008363130502402782f);
  p = std::fma(p, r, 0.041666917502880096f);
  p = std::fma(p, r, 0.16666577756404877f);
  p = std::fma(p, r, 0.5f);
  float er = std::fma(r * r, p, r) + 1.0f;
  int32_t ni = static_cast<int32_t>(n);
  int32_t n1 = ni >> 1;
  int32_t n2 = ni - n1;
  float s1 = std::bit_cast<float>((n1 + 127) << 23);
  float s2 = std::bit_cast<float>((n2 + 127) << 23);
  float y = er * s1 * s2;
  return x != x ? x : y;
}

// tanh: an odd polynomial near 0 (where 1 - 2/(e^2x + 1) would cancel), that formula beyond.
inline float tanhCore(float x) {
  float ax = std::fabs(x);
  float z = x * x;
  float q = -0.00609110202640295f;
  q = std::fma(q, z, 0.020992755889892578f);
  q = std::fma(q, z, -0.05384981632232666f);
  q = std::fma(q, z, 0.13332760334014893f);
  q = std::fma(q, z, -0.333333283662796f);
  float small = std::fma(x * z, q, x);
  float e = expCore(2.0f * ax);
  float large = std::copysign(1.0f - 2.0f / (e + 1.0f), x);
  return ax < 0.625f ? small : large;
}

inline float sigmoidCore(float x) { return 1.0f / (1.0f + expCore(-x)); }

// erfc(a) for a >= 1 as e^(-a^2) * G(1/a) / a; a^2's rounding error is folded back into the
// exponential. Valid up to a = 6.5, past which erfc is below float precision relative to 1.
inline float erfcLarge(float a) {
  float ac = clampTo(a, 1.0f, 6.5f);
  float u = 1.0f / ac;
  float aa = ac * ac;
  float aa_err = std::fma(ac, ac, -aa);
  float g = 0.07462341338396072f;
  g = std::fma(g, u, -0.4135683476924896f);
  g = std::fma(g, u, 0.9762122631072998f);
  g = std::fma(g, u, -1.2370489835739136f);
  g = std::fma(g, u, 0.8051620125770569f);
  g = std::fma(g, u, -0.06516274064779282f);
  g = std::fma(g, u, -0.2767430543899536f);
  g = std::fma(g, u, -6.919270526850596e-05f);
  g = std::fma(g, u, 0.5641782879829407f);
  return expCore(-aa) * (1.0f - aa_err) * u * g;
}

// erf(x) / x for |x| < 1, as a polynomial in x^2.
inline float erfSmallOverX(float z) {
  float p = 7.849168468965217e-05f;
  p = std::fma(p, z, -0.0008008769364096224f);
  p = std::fma(p, z, 0.005188165232539177f);
  p = std::fma(p, z, -0.02685372531414032f);
  p = std::fma(p, z, 0.1128358319401741f);
  p = std::fma(p, z, -0.3761262595653534f);
  p = std::fma(p, z, 1.1283791065216064f);
  return p;
}

inline float erfCore(float x) {
  float ax = std::fabs(x);
  float small = x * erfSmallOverX(x * x);
  float large = std::copysign(1.0f - erfcLarge(ax), x);
  float y = ax < 1.0f ? small : large;
  return x != x ? x : y;
}

// erfc(a) e^(a^2) for a in [0, 4.5] as a polynomial in t = 1 / (1 + 0.47 a); for gelu, where
// absolute accuracy near 0 is enough, this one form covers every input.
inline float erfcScaledPoly(float t) {
  float h = 0.09998147934675217f;
  h = std::fma(h, t, -0.4753032624721527f);
  h = std::fma(h, t, 0.7165204882621765f);
  h = std::fma(h, t, -0.2428508847951889f);
  h = std::fma(h, t, 0.40869277715682983f);
  h = std::fma(h, t, 0.22217240929603577f);
  h = std::fma(h, t, 0.27114352583885193f);
  h = std::fma(h, t, -0.0003564780345186591f);
  return h;
}

// x * (1 + erf(x / sqrt 2)) / 2, where 1 + erf(z) = 2 - erfc(z) for z > 0 and erfc(-z)
// otherwise, so the negative side keeps its relative accuracy. Past |z| = 4.5, erfc is
// below 2e-10 and taken as 0.
inline float geluErfCore(float x) {
  float z = x * 0.70710678118654752f;
  float az = std::fabs(z);
  float a = az > 4.5f ? 4.5f : az;
  float t = 1.0f / std::fma(0.47f, a, 1.0f);
  float aa = a * a;
  float aa_err = std::fma(a, a, -aa);
  float ec = expCore(-aa) * (1.0f - aa_err) * erfcScaledPoly(t);
  ec = az > 4.5f ? 0.0f : ec;
  float s = z > 0.0f ? 2.0f - ec : ec;
  return 0.5f * x * s;
}

// x * (1 + tanh(y)) / 2 = x * sigmoid(2y), y = sqrt(2/pi) (x + 0.044715 x^3).
inline float geluTanhCore(float x) {
  constexpr float kBeta = 0.7978845608028654f;
  constexpr float kKappa = 0.044715f;
  float y = kBeta * std::fma(kKappa * x, x * x, x);
  return x / (1.0f + expCore(-2.0f * y));
}

inline float siluCore(float x) { return x / (1.0f + expCore(-x)); }

#if defined(__AVX512F__)
// ---- AVX-512 forms of the same approximations (same coefficients). vscalefps applies 2^n
// with correct overflow, underflow and subnormal rounding, and masked loads handle tails.

inline __m512 splat(float v) { return _mm512_set1_ps(v); }

// e^x for x already known to lie in [-104, 89] (or NaN).
inline __m512 expVecInRange(__m512 x) {
  __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, splat(1.44269504088896341f)),
                                  _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, splat(0.693359375f), x);
  r = _mm512_fnmadd_ps(n, splat(-2.12194440e-4f), r);
  __m512 p = splat(0.001389598473906517f);
  p = _mm512_fmadd_ps(p, r, splat(0.008363130502402782f));
  p = _mm512_fmadd_ps(p, r, splat(0.041666917502880096f));
  p = _mm512_fmadd_ps(p, r, splat(0.16666577756404877f));
  p = _mm512_fmadd_ps(p, r, splat(0.5f));
  __m512 er = _mm512_add_ps(_mm512_fmadd_ps(_mm512_mul_ps(r, r), p, r), splat(1.0f));
  return _mm512_scalef_ps(er, n);
}

inline __m512 expVec(__m512 x) {
  // max/min return their second operand for NaN, so NaN passes through the clamp.
  return expVecInRange(_mm512_min_ps(splat(89.0f), _mm512_max_ps(splat(-104.0f), x)));
}

inline __m512 absVec(__m512 x) {
  return _mm512_castsi512_ps(
      _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(0x7fffffff)));
}
inline __m512 copySignVec(__m512 mag, __m512 sign) {
  __m512i m = _mm512_set1_epi32(0x7fffffff);
  return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(
      m, _mm512_castps_si512(mag), _mm512_castps_si512(sign), 0xca));  // m ? mag : sign
}

inline __m512 tanhVec(__m512 x) {
  __m512 ax = absVec(x);
  __m512 z = _mm512_mul_ps(x, x);
  __m512 q = splat(-0.00609110202640295f);
  q = _mm512_fmadd_ps(q, z, splat(0.020992755889892578f));
  q = _mm512_fmadd_ps(q, z, splat(-0.05384981632232666f));
  q = _mm512_fmadd_ps(q, z, splat(0.13332760334014893f));
  q = _mm512_fmadd_ps(q, z, splat(-0.333333283662796f));
  __m512 small = _mm512_fmadd_ps(_mm512_mul_ps(x, z), q, x);
  __m512 e = expVec(_mm512_add_ps(ax, ax));
  __m512 large =
      _mm512_sub_ps(splat(1.0f), _mm512_div_ps(splat(2.0f), _mm512_add_ps(e, splat(1.0f))));
  large = copySignVec(large, x);
  __mmask16 use_small = _mm512_cmp_ps_mask(ax, splat(0.625f), _CMP_LT_OQ);
  return _mm512_mask_blend_ps(use_small, large, small);
}

inline __m512 sigmoidVec(__m512 x) {
  __m512 e = expVec(_mm512_sub_ps(_mm512_setzero_ps(), x));
  return _mm512_div_ps(splat(1.0f), _mm512_add_ps(splat(1.0f), e));
}

// erfc(a) for a in [1, 6.5] (erfcLarge); the reciprocal is rcp14 plus one Newton step.
inline __m512 erfcLargeVec(__m512 a) {
  __m512 ac = _mm512_min_ps(splat(6.5f), _mm512_max_ps(splat(1.0f), a));
  __m512 u = _mm512_rcp14_ps(ac);
  u = _mm512_mul_ps(u, _mm512_fnmadd_ps(ac, u, splat(2.0f)));
  __m512 aa = _mm512_mul_ps(ac, ac);
  __m512 aa_err = _mm512_fmsub_ps(ac, ac, aa);
  __m512 g = splat(0.07462341338396072f);
  g = _mm512_fmadd_ps(g, u, splat(-0.4135683476924896f));
  g = _mm512_fmadd_ps(g, u, splat(0.9762122631072998f));
  g = _mm512_fmadd_ps(g, u, splat(-1.2370489835739136f));
  g = _mm512_fmadd_ps(g, u, splat(0.8051620125770569f));
  g = _mm512_fmadd_ps(g, u, splat(-0.06516274064779282f));
  g = _mm512_fmadd_ps(g, u, splat(-0.2767430543899536f));
  g = _mm512_fmadd_ps(g, u, splat(-6.919270526850596e-05f));
  g = _mm512_fmadd_ps(g, u, splat(0.5641782879829407f));
  __m512 e = expVec(_mm512_sub_ps(_mm512_setzero_ps(), aa));
  e = _mm512_fnmadd_ps(e, aa_err, e);  // e * (1 - aa_err)
  return _mm512_mul_ps(_mm512_mul_ps(e, u), g);
}

inline __m512 erfSmallOverXVec(__m512 z) {
  __m512 p = splat(7.849168468965217e-05f);
  p = _mm512_fmadd_ps(p, z, splat(-0.0008008769364096224f));
  p = _mm512_fmadd_ps(p, z, splat(0.005188165232539177f));
  p = _mm512_fmadd_ps(p, z, splat(-0.02685372531414032f));
  p = _mm512_fmadd_ps(p, z, splat(0.1128358319401741f));
  p = _mm512_fmadd_ps(p, z, splat(-0.3761262595653534f));
  p = _mm512_fmadd_ps(p, z, splat(1.1283791065216064f));
  return p;
}

inline __m512 erfVec(__m512 x) {
  __m512 ax = absVec(x);
  __m512 small = _mm512_mul_ps(x, erfSmallOverXVec(_mm512_mul_ps(x, x)));
  __m512 large = copySignVec(_mm512_sub_ps(splat(1.0f), erfcLargeVec(ax)), x);
  __mmask16 use_small = _mm512_cmp_ps_mask(ax, splat(1.0f), _CMP_LT_OQ);
  __mmask16 nan = _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q);
  return _mm512_mask_blend_ps(nan, _mm512_mask_blend_ps(use_small, large, small), x);
}

inline __m512 geluErfVec(__m512 x) {
  __m512 z = _mm512_mul_ps(x, splat(0.70710678118654752f));
  __m512 az = absVec(z);
  __m512 a = _mm512_min_ps(splat(4.5f), az);
  __m512 d = _mm512_fmadd_ps(splat(0.47f), a, splat(1.0f));
  __m512 t = _mm512_rcp14_ps(d);
  t = _mm512_mul_ps(t, _mm512_fnmadd_ps(d, t, splat(2.0f)));
  __m512 h = splat(0.09998147934675217f);
  h = _mm512_fmadd_ps(h, t, splat(-0.4753032624721527f));
  h = _mm512_fmadd_ps(h, t, splat(0.7165204882621765f));
  h = _mm512_fmadd_ps(h, t, splat(-0.2428508847951889f));
  h = _mm512_fmadd_ps(h, t, splat(0.40869277715682983f));
  h = _mm512_fmadd_ps(h, t, splat(0.22217240929603577f));
  h = _mm512_fmadd_ps(h, t, splat(0.27114352583885193f));
  h = _mm512_fmadd_ps(h, t, splat(-0.0003564780345186591f));
  // a^2 <= 20.25, so the exponential needs no clamping; its rounding costs < 1.3e-6
  // relative, well inside what gelu's users compare against.
  __m512 ec =
      _mm512_mul_ps(expVecInRange(_mm512_mul_ps(_mm512_sub_ps(_mm512_setzero_ps(), a), a)), h);
  ec = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(az, splat(4.5f), _CMP_GT_OQ), ec,
                            _mm512_setzero_ps());
  __m512 s = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(z, _mm512_setzero_ps(), _CMP_GT_OQ), ec,
                                  _mm512_sub_ps(splat(2.0f), ec));
  // NaN inputs fail every comparison above and keep a NaN ec; x * s stays NaN.
  return _mm512_mul_ps(_mm512_mul_ps(splat(0.5f), x), s);
}

inline __m512 geluTanhVec(__m512 x) {
  __m512 kx = _mm512_mul_ps(splat(0.044715f), x);
  __m512 y = _mm512_mul_ps(splat(0.7978845608028654f), _mm512_fmadd_ps(kx, _mm512_mul_ps(x, x), x));
  __m512 e = expVec(_mm512_mul_ps(splat(-2.0f), y));
  return _mm512_div_ps(x, _mm512_add_ps(splat(1.0f), e));
}

inline __m512 siluVec(__m512 x) {
  __m512 e = expVec(_mm512_sub_ps(_mm512_setzero_ps(), x));
  return _mm512_div_ps(x, _mm512_add_ps(splat(1.0f), e));
}
#endif

// out[i] = f(in[i]): 16 lanes at a time with AVX-512 (a masked step for the tail), else the
// scalar core in a loop the compiler vectorises.
template <class VecFn, class ScalarFn>
inline void mapArray(const float* in, float* out, int64_t n, VecFn vec_fn, ScalarFn scalar_fn) {
#if defined(__AVX512F__)
  (void)scalar_fn;
  int64_t i = 0;
  // Two independent vectors per step give the long dependency chains more overlap.
  for (; i + 32 <= n; i += 32) {
    __m512 a = vec_fn(_mm512_loadu_ps(in + i));
    __m512 b = vec_fn(_mm512_loadu_ps(in + i + 16));
    _mm512_storeu_ps(out + i, a);
    _mm512_storeu_ps(out + i + 16, b);
  }
  for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, vec_fn(_mm512_loadu_ps(in + i)));
  if (i < n) {
    __mmask16 m = static_cast<__mmask16>((1u << (n - i)) - 1);
    _mm512_mask_storeu_ps(out + i, m, vec_fn(_mm512_maskz_loadu_ps(m, in + i)));
  }
#else
  (void)vec_fn;
  for (int64_t i = 0; i < n; ++i) out[i] = scalar_fn(in[i]);
#endif
}
}  // namespace
}  // namespace wick::fastmath
