// Vectorised float32 math for the hot elementwise ops (exp, tanh, sigmoid, erf and the
// activations built on them). These are our own polynomial approximations, compiled with
// -ffast-math in *_fastmath.cpp files so the loops vectorise (AVX-512 with -march=native);
// they stay within a few ulp of the correctly rounded result (tests/ops check them against
// PyTorch). NaN and infinities behave as in PyTorch; out may equal in.
#pragma once

#include <cstdint>

namespace wick::fastmath {

void expF32(const float* in, float* out, int64_t n);
void tanhF32(const float* in, float* out, int64_t n);
void sigmoidF32(const float* in, float* out, int64_t n);
void erfF32(const float* in, float* out, int64_t n);

// x * Phi(x) (approximate="none") and the tanh approximation (approximate="tanh").
void geluErfF32(const float* in, float* out, int64_t n);
void geluTanhF32(const float* in, float* out, int64_t n);
// x * sigmoid(x)
void siluF32(const float* in, float* out, int64_t n);

}  // namespace wick::fastmath
