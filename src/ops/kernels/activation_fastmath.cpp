// gelu (both approximations) and silu over float32 arrays (fastmath.h).
#include "ops/kernels/fastmath.h"
#include "ops/kernels/fastmath_core.h"

namespace wick::fastmath {

#if defined(__AVX512F__)
#define WICK_VEC(F) [](__m512 v) { return F(v); }
#else
#define WICK_VEC(F) 0
#endif

void geluErfF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(geluErfVec), geluErfCore);
}

void geluTanhF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(geluTanhVec), geluTanhCore);
}

void siluF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(siluVec), siluCore);
}

}  // namespace wick::fastmath
