// exp, tanh, sigmoid and erf over float32 arrays (fastmath.h).
#include "ops/kernels/fastmath.h"
#include "ops/kernels/fastmath_core.h"

namespace wick::fastmath {

#if defined(__AVX512F__)
#define WICK_VEC(F) [](__m512 v) { return F(v); }
#else
#define WICK_VEC(F) 0
#endif

void expF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(expVec), expCore);
}

void tanhF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(tanhVec), tanhCore);
}

void sigmoidF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(sigmoidVec), sigmoidCore);
}

void erfF32(const float* in, float* out, int64_t n) {
  mapArray(in, out, n, WICK_VEC(erfVec), erfCore);
}

}  // namespace wick::fastmath
