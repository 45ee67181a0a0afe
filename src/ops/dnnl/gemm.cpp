#include "ops/dnnl/gemm.h"

#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/gemv.h"
#include "ops/parallel.h"

namespace wick::dense {

namespace {

// How BLAS sees a strided matrix: row-major ('N') or the transpose of a row-major matrix
// ('T'), with its leading dimension. Fails for layouts BLAS cannot address (both strides
// non-unit, overlapping rows, broadcast zero strides).
bool blasLayout(MatRef x, int64_t rows, int64_t cols, char* trans, int64_t* ld) {
  int64_t min_n = std::max<int64_t>(cols, 1), min_t = std::max<int64_t>(rows, 1);
  if ((cols <= 1 || x.cs == 1) && (rows <= 1 || x.rs >= min_n)) {
    *trans = 'N';
    *ld = rows <= 1 ? min_n : x.rs;
    return true;
  }
  if ((rows <= 1 || x.rs == 1) && (cols <= 1 || x.cs >= min_t)) {
    *trans = 'T';
    *ld = cols <= 1 ? min_t : x.cs;
    return true;
  }
  return false;
}

// A row-major copy of a strided matrix, converted to T.
template <class T, class S>
std::vector<T> packRowMajor(MatRef x, int64_t rows, int64_t cols) {
  std::vector<T> out(static_cast<size_t>(rows * cols));
  const S* p = static_cast<const S*>(x.data);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) out[i * cols + j] = castTo<T>(p[i * x.rs + j * x.cs]);
  return out;
}

void sgemm(int64_t m, int64_t n, int64_t k, float alpha, MatRef a, MatRef b, float beta, float* c,
           int64_t ldc) {
  if (m == 1 || n == 1) {
    if (gemvF32(m, n, k, alpha, a, b, beta, c, ldc)) return;
  }
  std::vector<float> a_buf, b_buf;
  char ta, tb;
  int64_t lda, ldb;
  if (!blasLayout(a, m, k, &ta, &lda)) {
    a_buf = packRowMajor<float, float>(a, m, k);
    a = MatRef{a_buf.data(), k, 1};
    ta = 'N';
    lda = std::max<int64_t>(k, 1);
  }
  if (!blasLayout(b, k, n, &tb, &ldb)) {
    b_buf = packRowMajor<float, float>(b, k, n);
    b = MatRef{b_buf.data(), n, 1};
    tb = 'N';
    ldb = std::max<int64_t>(n, 1);
  }
  dnnl_status_t st = dnnl_sgemm(ta, tb, m, n, k, alpha, static_cast<const float*>(a.data), lda,
                                static_cast<const float*>(b.data), ldb, beta, c, ldc);
  WICK_INTERNAL_ASSERT(st == dnnl_success, "dnnl_sgemm failed with status ", int(st));
}

// Multiply-add that wraps around for integers (two's complement, as PyTorch's kernels do
// in practice) instead of overflowing.
template <class T>
inline T mulAdd(T c, T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    auto u = [](T v) { return static_cast<uint64_t>(static_cast<int64_t>(v)); };
    return static_cast<T>(u(c) + u(a) * u(b));
  } else {
    return c + a * b;
  }
}

template <class T>
inline T mulWrap(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return mulAdd<T>(T(0), a, b);
  } else {
    return a * b;
  }
}

// C = beta * C + alpha * A @ B for double and integer types: rows of C split across threads,
// each accumulating (alpha * a_ik) * B[k, :] over cache-sized blocks of k and columns.
template <class T>
void gemmLoop(int64_t m, int64_t n, int64_t k, T alpha, MatRef a, MatRef b, T beta, T* c,
              int64_t ldc) {
  std::vector<T> b_buf;
  if (n > 1 && b.cs != 1) {
    b_buf = packRowMajor<T, T>(b, k, n);
    b = MatRef{b_buf.data(), n, 1};
  }
  const T* ap = static_cast<const T*>(a.data);
  const T* bp = static_cast<const T*>(b.data);
  constexpr int64_t kBlockK = 128, kBlockN = 512;
  int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(1, n * k));
  parallelFor(0, m, grain, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      T* ci = c + i * ldc;
      for (int64_t j = 0; j < n; ++j) ci[j] = beta == T(0) ? T(0) : mulWrap<T>(beta, ci[j]);
    }
    for (int64_t j0 = 0; j0 < n; j0 += kBlockN) {
      int64_t j1 = std::min(n, j0 + kBlockN);
      for (int64_t k0 = 0; k0 < k; k0 += kBlockK) {
        int64_t k1 = std::min(k, k0 + kBlockK);
        for (int64_t i = i0; i < i1; ++i) {
          T* ci = c + i * ldc;
          for (int64_t kk = k0; kk < k1; ++kk) {
            T aik = mulWrap<T>(alpha, ap[i * a.rs + kk * a.cs]);
            const T* bk = bp + kk * b.rs;
            if (n == 1) {
              ci[0] = mulAdd<T>(ci[0], aik, bk[0]);
              continue;
            }
            for (int64_t j = j0; j < j1; ++j) ci[j] = mulAdd<T>(ci[j], aik, bk[j]);
          }
        }
      }
    }
  });
}

// float16 / bfloat16: computed in float32 and rounded once, as PyTorch's mkldnn path does.
template <class T>
void gemmReduced(int64_t m, int64_t n, int64_t k, float alpha, MatRef a, MatRef b, float beta, T* c,
                 int64_t ldc) {
  std::vector<float> af = packRowMajor<float, T>(a, m, k);
  std::vector<float> bf = packRowMajor<float, T>(b, k, n);
  std::vector<float> cf(static_cast<size_t>(m * n), 0.0f);
  if (beta != 0.0f) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) cf[i * n + j] = static_cast<float>(c[i * ldc + j]);
  }
  sgemm(m, n, k, alpha, MatRef{af.data(), k, 1}, MatRef{bf.data(), n, 1}, beta, cf.data(),
        std::max<int64_t>(n, 1));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = T(cf[i * n + j]);
}

}  // namespace

bool gemmSupports(DType dtype) { return dtype != kBool; }

void gemm(DType dtype, int64_t m, int64_t n, int64_t k, const Scalar& alpha, MatRef a, MatRef b,
          const Scalar& beta, void* c, int64_t ldc) {
  WICK_INTERNAL_ASSERT(gemmSupports(dtype));
  if (m == 0 || n == 0) return;
  visitDType(dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* cp = static_cast<T*>(c);
    if (k == 0) {
      // An empty sum: C = beta * C, never reading C when beta is zero.
      bool zero = beta.toDouble() == 0;
      compute_t<T> bt = beta.to<compute_t<T>>();
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          T& cij = cp[i * ldc + j];
          if constexpr (std::is_same_v<T, bool>) {
            cij = !zero && cij;
          } else {
            cij = zero ? T(0) : T(mulWrap<compute_t<T>>(bt, compute_t<T>(cij)));
          }
        }
      }
      return;
    }
    if constexpr (std::is_same_v<T, float>) {
      sgemm(m, n, k, alpha.to<float>(), a, b, beta.to<float>(), cp, ldc);
    } else if constexpr (kIsReduced<T>) {
      gemmReduced<T>(m, n, k, static_cast<float>(alpha.toDouble()), a, b,
                     static_cast<float>(beta.toDouble()), cp, ldc);
    } else if constexpr (std::is_same_v<T, bool>) {
      WICK_INTERNAL_ASSERT(false);
    } else if constexpr (std::is_same_v<T, double>) {
      gemmLoop<T>(m, n, k, alpha.toDouble(), a, b, beta.toDouble(), cp, ldc);
    } else {
      gemmLoop<T>(m, n, k, static_cast<T>(alpha.toLong()), a, b, static_cast<T>(beta.toLong()), cp,
                  ldc);
    }
  });
}

void gemmInto(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
              const Scalar& beta) {
  int64_t m = sizeAt(a, 0), k = sizeAt(a, 1), n = sizeAt(b, 1);
  WICK_INTERNAL_ASSERT(out.is_contiguous() && sizeAt(out, 0) == m && sizeAt(out, 1) == n);
  gemm(out.dtype(), m, n, k, alpha, matOf(a), matOf(b), beta, out.data_ptr(),
       std::max<int64_t>(n, 1));
}

void batchedGemmInto(const Tensor& out, const Tensor& a, const Tensor& b, const Scalar& alpha,
                     const Scalar& beta) {
  int64_t batch = sizeAt(a, 0), m = sizeAt(a, 1), k = sizeAt(a, 2), n = sizeAt(b, 2);
  WICK_INTERNAL_ASSERT(out.is_contiguous());
  if (batch == 0 || m == 0 || n == 0) return;
  size_t item = elementSize(out.dtype());
  auto one = [&](int64_t i) {
    const char* ap = static_cast<const char*>(a.data_ptr()) + i * a.strides()[0] * int64_t(item);
    const char* bp = static_cast<const char*>(b.data_ptr()) + i * b.strides()[0] * int64_t(item);
    char* cp = static_cast<char*>(out.data_ptr()) + i * m * n * int64_t(item);
    gemm(out.dtype(), m, n, k, alpha, MatRef{ap, a.strides()[1], a.strides()[2]},
         MatRef{bp, b.strides()[1], b.strides()[2]}, beta, cp, std::max<int64_t>(n, 1));
  };
  // Large products parallelise inside the GEMM; many small ones across the batch.
  double work = double(m) * double(n) * double(std::max<int64_t>(k, 1));
  if (work >= 128.0 * 128.0 * 128.0 || batch == 1) {
    for (int64_t i = 0; i < batch; ++i) one(i);
    return;
  }
  int64_t grain = std::max<int64_t>(1, static_cast<int64_t>(65536.0 / work));
  parallelFor(0, batch, grain, [&](int64_t b0, int64_t b1) {
    for (int64_t i = b0; i < b1; ++i) one(i);
  });
}

}  // namespace wick::dense
