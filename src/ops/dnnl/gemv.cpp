#include "ops/dnnl/gemv.h"

#include <algorithm>
#include <vector>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

#include "ops/parallel.h"

namespace wick::dense {

namespace {

// Note [GEMV forms]
// With a vector x and a matrix W, y = x @ W takes one of two forms depending on which of
// W's strides is 1:
//  - "axpy": W's rows are contiguous: y[j0:j1] += x[k] * W[k, j0:j1] for every k. Each
//    thread owns a range of columns and keeps a block of them in registers.
//  - "dot": W's columns are contiguous (a transposed weight, as in linear): y[j] is the dot
//    product of x with column j; four columns at a time share each load of x.
// Both read W exactly once, which is what bounds these products.

constexpr int64_t kLanes = 16;

#if defined(__AVX512F__)
// Horizontal sum (GCC 12 warns inside _mm512_reduce_add_ps, so spell it out).
inline float hsum(__m512 v) {
  alignas(64) float lanes[kLanes];
  _mm512_store_ps(lanes, v);
  float s = 0.0f;
  for (float x : lanes) s += x;
  return s;
}
#endif
constexpr int64_t kAxpyBlock = 8 * kLanes;  // columns kept in registers

// y[0:len] = sum_k x[k] * w[k * ldw + 0:len], len <= kAxpyBlock.
void axpyBlock(int64_t k, const float* x, const float* w, int64_t ldw, int64_t len, float* y) {
#if defined(__AVX512F__)
  if (len == kAxpyBlock) {
    __m512 acc[8];
    for (auto& r : acc) r = _mm512_setzero_ps();
    for (int64_t kk = 0; kk < k; ++kk) {
      __m512 xv = _mm512_set1_ps(x[kk]);
      const float* row = w + kk * ldw;
      for (int r = 0; r < 8; ++r)
        acc[r] = _mm512_fmadd_ps(xv, _mm512_loadu_ps(row + r * kLanes), acc[r]);
    }
    for (int r = 0; r < 8; ++r) _mm512_storeu_ps(y + r * kLanes, acc[r]);
    return;
  }
#endif
  std::fill(y, y + len, 0.0f);
  for (int64_t kk = 0; kk < k; ++kk) {
    float xv = x[kk];
    const float* row = w + kk * ldw;
    for (int64_t j = 0; j < len; ++j) y[j] += xv * row[j];
  }
}

#if defined(__AVX512F__)
// The eight sums of a[0..7]'s lanes, in order: halves added, then a tree of pairwise adds.
inline __m256 sumsOf8(const __m512 (&a)[8]) {
  __m256 h[8];
  for (int c = 0; c < 8; ++c) {
    h[c] = _mm256_add_ps(_mm512_castps512_ps256(a[c]),
                         _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(a[c]), 1)));
  }
  __m256 s01 = _mm256_hadd_ps(h[0], h[1]), s23 = _mm256_hadd_ps(h[2], h[3]);
  __m256 s45 = _mm256_hadd_ps(h[4], h[5]), s67 = _mm256_hadd_ps(h[6], h[7]);
  __m256 s0123 = _mm256_hadd_ps(s01, s23), s4567 = _mm256_hadd_ps(s45, s67);
  return _mm256_add_ps(_mm256_permute2f128_ps(s0123, s4567, 0x20),
                       _mm256_permute2f128_ps(s0123, s4567, 0x31));
}
#endif

// y[j] = dot(x, w + j * ldw) for j in [0, n), each column contiguous over k. Eight columns
// share each load of x and keep eight independent FMA chains in flight; their sums are
// reduced together at the end, which costs a few shuffles instead of eight serial sums.
void dotColumns(int64_t k, const float* x, const float* w, int64_t ldw, int64_t n, float* y) {
  int64_t j = 0;
#if defined(__AVX512F__)
  const int64_t body = k / kLanes * kLanes;
  const __mmask16 tail = static_cast<__mmask16>((1u << (k - body)) - 1);
  for (; j + 8 <= n; j += 8) {
    const float* w0 = w + j * ldw;
    __m512 a[8];
    for (auto& r : a) r = _mm512_setzero_ps();
    for (int64_t kk = 0; kk < body; kk += kLanes) {
      __m512 xv = _mm512_loadu_ps(x + kk);
      for (int c = 0; c < 8; ++c)
        a[c] = _mm512_fmadd_ps(xv, _mm512_loadu_ps(w0 + c * ldw + kk), a[c]);
    }
    if (tail != 0) {
      __m512 xv = _mm512_maskz_loadu_ps(tail, x + body);
      for (int c = 0; c < 8; ++c) {
        a[c] = _mm512_fmadd_ps(xv, _mm512_maskz_loadu_ps(tail, w0 + c * ldw + body), a[c]);
      }
    }
    _mm256_storeu_ps(y + j, sumsOf8(a));
  }
  for (; j < n; ++j) {
    const float* col = w + j * ldw;
    __m512 acc = _mm512_setzero_ps();
    for (int64_t kk = 0; kk < body; kk += kLanes)
      acc = _mm512_fmadd_ps(_mm512_loadu_ps(x + kk), _mm512_loadu_ps(col + kk), acc);
    if (tail != 0) {
      acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, x + body),
                            _mm512_maskz_loadu_ps(tail, col + body), acc);
    }
    y[j] = hsum(acc);
  }
#endif
  for (; j < n; ++j) {
    const float* col = w + j * ldw;
    float s = 0.0f;
    for (int64_t kk = 0; kk < k; ++kk) s += x[kk] * col[kk];
    y[j] = s;
  }
}

// Splits the n outputs across threads when the matrix is large enough to pay for it.
template <class F>
void splitColumns(int64_t n, int64_t k, int64_t align, const F& f) {
  int64_t work = n * k;
  int threads = work >= (1 << 16) ? getNumThreads() : 1;
  int64_t chunks = std::min<int64_t>(threads, (n + align - 1) / align);
  if (chunks <= 1) {
    f(0, n);
    return;
  }
  int64_t per = ((n + chunks - 1) / chunks + align - 1) / align * align;
  parallelFor(0, chunks, 1, [&](int64_t c0, int64_t c1) {
    for (int64_t c = c0; c < c1; ++c) {
      int64_t b = c * per, e = std::min(n, b + per);
      if (b < e) f(b, e);
    }
  });
}

// y (n values, spaced by incy) = alpha * (x @ W) + beta * y, with W (k x n) at
// w[kk * w_rs + j * w_cs]. Returns false when neither GEMV form fits W's layout.
bool gemvCore(int64_t n, int64_t k, float alpha, const float* x, const float* w, int64_t w_rs,
              int64_t w_cs, float beta, float* y, int64_t incy) {
  bool axpy = (w_cs == 1 && n > 1) || (n == 1 && w_rs != 1 && k > 1);
  bool dot = !axpy && (w_rs == 1 || k <= 1);
  if (!axpy && !dot) return false;
  std::vector<float> acc(static_cast<size_t>(n));
  if (axpy) {
    splitColumns(n, k, kAxpyBlock, [&](int64_t j0, int64_t j1) {
      for (int64_t j = j0; j < j1; j += kAxpyBlock) {
        axpyBlock(k, x, w + j, w_rs, std::min(kAxpyBlock, j1 - j), acc.data() + j);
      }
    });
  } else {
    splitColumns(n, k, 8, [&](int64_t j0, int64_t j1) {
      dotColumns(k, x, w + j0 * w_cs, w_cs, j1 - j0, acc.data() + j0);
    });
  }
  for (int64_t j = 0; j < n; ++j) {
    float v = alpha * acc[j];
    y[j * incy] = beta == 0.0f ? v : v + beta * y[j * incy];
  }
  return true;
}

// x as a contiguous vector (copied when strided).
const float* contiguousVector(const float* p, int64_t len, int64_t inc, std::vector<float>& buf) {
  if (inc == 1 || len <= 1) return p;
  buf.resize(static_cast<size_t>(len));
  for (int64_t i = 0; i < len; ++i) buf[i] = p[i * inc];
  return buf.data();
}

}  // namespace

bool gemvF32(int64_t m, int64_t n, int64_t k, float alpha, MatRef a, MatRef b, float beta, float* c,
             int64_t ldc) {
  std::vector<float> xbuf;
  if (m == 1) {
    // c[0, :] = a[0, :] @ B with W = B (k x n).
    const float* x = contiguousVector(static_cast<const float*>(a.data), k, a.cs, xbuf);
    return gemvCore(n, k, alpha, x, static_cast<const float*>(b.data), b.rs, b.cs, beta, c, 1);
  }
  // n == 1: c[:, 0] = A @ b[:, 0] with x = b's column and W = A^T (k x m).
  const float* x = contiguousVector(static_cast<const float*>(b.data), k, b.rs, xbuf);
  return gemvCore(m, k, alpha, x, static_cast<const float*>(a.data), a.cs, a.rs, beta, c, ldc);
}

}  // namespace wick::dense
