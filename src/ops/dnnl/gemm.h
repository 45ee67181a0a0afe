// Matrix multiplication on raw strided operands, for every dtype the dense kernels accept:
// float32 through oneDNN's sgemm (or a GEMV kernel for a single row/column), float16 and
// bfloat16 by computing in float32, float64 and integers by a cache-blocked loop. mm, bmm,
// addmm, linear, convolution fallbacks and the recurrent cells all end up here.
#pragma once

#include <cstdint>

#include "wick/core/scalar.h"
#include "wick/core/tensor.h"

namespace wick::dense {

// A matrix view: element (i, j) is at data[i * rs + j * cs] (strides in elements).
struct MatRef {
  const void* data = nullptr;
  int64_t rs = 0;
  int64_t cs = 0;
};

// C = alpha * A @ B + beta * C with A (M x K), B (K x N) and C (M x N) of dtype `dtype`,
// C row-major with leading dimension ldc. beta == 0 ignores C's old contents (NaNs in it
// are not propagated, as in BLAS). Integer dtypes wrap around on overflow like PyTorch's.
void gemm(DType dtype, int64_t m, int64_t n, int64_t k, const Scalar& alpha, MatRef a, MatRef b,
          const Scalar& beta, void* c, int64_t ldc);

// The matrix operand of a 2-d tensor.
inline MatRef matOf(const Tensor& t) {
  return MatRef{t.data_ptr(), t.strides()[0], t.strides()[1]};
}

// out (contiguous, M x N) = beta * out + alpha * a @ b for 2-d tensors of one dtype.
void gemmInto(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha = 1,
              const Scalar& beta = 0);

// out[i] = beta * out[i] + alpha * a[i] @ b[i] over the leading batch dim of 3-d tensors;
// out is contiguous. Small matrices run one per thread, large ones use every thread.
void batchedGemmInto(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha = 1,
                     const Scalar& beta = 0);

// True when the dense kernels can multiply tensors of this dtype (not bool).
bool gemmSupports(DType dtype);

}  // namespace wick::dense
