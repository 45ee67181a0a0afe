// Float32 matrix-vector products for GEMMs with a single row or column (M == 1 or N == 1):
// batch-1 linear layers, mv, recurrent steps. oneDNN's sgemm runs these at a fraction of the
// memory bandwidth; these kernels stream the matrix once with register-blocked AVX-512 code.
#pragma once

#include <cstdint>

#include "ops/dnnl/gemm.h"

namespace wick::dense {

// C = alpha * A @ B + beta * C as in gemm(), for m == 1 or n == 1. Returns false (doing
// nothing) when the matrix operand's layout has no unit stride; the caller then uses sgemm.
bool gemvF32(int64_t m, int64_t n, int64_t k, float alpha, MatRef a, MatRef b, float beta, float* c,
             int64_t ldc);

}  // namespace wick::dense
