// Softmax and log-softmax (aten::softmax.int, log_softmax.int, _softmax, _log_softmax and
// their out= forms). Rows along the last dim are the fast path: max, exp-and-sum, scale, each
// a loop the compiler vectorises (float exp is a polynomial written with selects only, so it
// vectorises without -ffast-math); a single very long row is split across threads. Other
// dims run over blocks of the inner dims at once. Sums of exponentials accumulate in double.
#include <cmath>
#include <cstring>
#include <limits>

#include "ops/kernels/reduce_simd.h"
#include "ops/kernels/reduce_util.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

using reduce::compute_t;
constexpr int kLanes = 16;

inline float expOf(float x) { return simd::exp(x); }
inline double expOf(double x) { return std::exp(x); }

float rowMaxFloat(const float* x, int64_t n) {
  simd::f32x16 m = simd::splat(-std::numeric_limits<float>::infinity());
  int64_t i = 0;
  for (; i + simd::kWidth <= n; i += simd::kWidth) m = simd::maxNan(m, simd::load(x + i));
  float r = simd::hmax(m);
  for (; i < n; ++i) r = (x[i] > r || x[i] != x[i]) ? x[i] : r;
  return r;
}

// Sum of exp(x - m) over floats; float lanes are flushed into a double every 16 vectors, so
// rounding stays near 1e-7 however long the row.
template <bool kStore>
double expSumFloat(const float* x, float* y, int64_t n, float m) {
  double total = 0;
  int64_t i = 0;
  const simd::f32x16 mv = simd::splat(m);
  while (i + simd::kWidth <= n) {
    simd::f32x16 acc = simd::splat(0.0f);
    for (int k = 0; k < 16 && i + simd::kWidth <= n; ++k, i += simd::kWidth) {
      simd::f32x16 e = simd::exp(simd::load(x + i) - mv);
      if constexpr (kStore) simd::store(y + i, e);
      acc += e;
    }
    total += simd::hsumDouble(acc);
  }
  for (; i < n; ++i) {
    float e = simd::exp(x[i] - m);
    if constexpr (kStore) y[i] = e;
    total += static_cast<double>(e);
  }
  return total;
}

template <class T>
compute_t<T> rowMax(const T* x, int64_t n) {
  if constexpr (std::is_same_v<T, float>) return rowMaxFloat(x, n);
  using C = compute_t<T>;
  C lanes[kLanes];
  for (C& l : lanes) l = -std::numeric_limits<C>::infinity();
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int j = 0; j < kLanes; ++j) {
      C v = static_cast<C>(x[i + j]);
      lanes[j] = v > lanes[j] ? v : lanes[j];
    }
  }
  C m = lanes[0];
  for (int j = 1; j < kLanes; ++j) m = lanes[j] > m ? lanes[j] : m;
  for (; i < n; ++i) m = static_cast<C>(x[i]) > m ? static_cast<C>(x[i]) : m;
  return m;
}

// Sum of exp(x - m); also stores the exponentials in y (softmax) when kStore.
template <bool kStore, class T>
double expSum(const T* x, T* y, int64_t n, compute_t<T> m) {
  if constexpr (std::is_same_v<T, float>) return expSumFloat<kStore>(x, y, n, m);
  using C = compute_t<T>;
  double lanes[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int j = 0; j < kLanes; ++j) {
      C e = expOf(static_cast<C>(x[i + j]) - m);
      if constexpr (kStore) y[i + j] = T(e);
      lanes[j] += static_cast<double>(e);
    }
  }
  double s = 0;
  for (double l : lanes) s += l;
  for (; i < n; ++i) {
    C e = expOf(static_cast<C>(x[i]) - m);
    if constexpr (kStore) y[i] = T(e);
    s += static_cast<double>(e);
  }
  return s;
}

// Final pass: softmax scales the stored exponentials, log-softmax writes x - m - log(sum).
template <bool kLog, class T>
void finishRow(const T* x, T* y, int64_t n, compute_t<T> m, double sum) {
  using C = compute_t<T>;
  if constexpr (kLog) {
    C shift = static_cast<C>(static_cast<double>(m) + std::log(sum));
    for (int64_t i = 0; i < n; ++i) y[i] = T(static_cast<C>(x[i]) - shift);
  } else {
    C inv = static_cast<C>(1.0 / sum);
    for (int64_t i = 0; i < n; ++i) y[i] = T(static_cast<C>(y[i]) * inv);
  }
}

template <bool kLog, class T>
void softmaxRow(const T* x, T* y, int64_t n) {
  compute_t<T> m = rowMax(x, n);
  double s = expSum<!kLog>(x, y, n, m);
  finishRow<kLog>(x, y, n, m, s);
}

// One row too long for one thread: each pass is split across threads.
template <bool kLog, class T>
void softmaxLongRow(const T* x, T* y, int64_t n) {
  using C = compute_t<T>;
  int threads = getNumThreads();
  int64_t per = (n + threads - 1) / threads;
  std::vector<C> maxes(static_cast<size_t>(threads), -std::numeric_limits<C>::infinity());
  std::vector<double> sums(static_cast<size_t>(threads), 0.0);
  auto chunked = [&](auto&& f) {
    parallelFor(0, threads, 1, [&](int64_t b, int64_t e) {
      for (int64_t t = b; t < e; ++t) {
        int64_t lo = t * per, hi = std::min(n, lo + per);
        if (lo < hi) f(t, lo, hi);
      }
    });
  };
  chunked([&](int64_t t, int64_t lo, int64_t hi) { maxes[t] = rowMax(x + lo, hi - lo); });
  C m = maxes[0];
  for (C v : maxes) m = v > m ? v : m;
  chunked([&](int64_t t, int64_t lo, int64_t hi) {
    sums[t] = expSum<!kLog>(x + lo, y + lo, hi - lo, m);
  });
  double s = 0;
  for (double v : sums) s += v;
  chunked([&](int64_t, int64_t lo, int64_t hi) { finishRow<kLog>(x + lo, y + lo, hi - lo, m, s); });
}

// Softmax over `dim` for `w` neighbouring inner positions of floats (stride `inner` between
// steps along the dim), sixteen positions per vector.
template <bool kLog>
void softmaxColumnsFloat(const float* xs, float* ys, int64_t dim, int64_t inner, int64_t w) {
  int64_t k = 0;
  for (; k + simd::kWidth <= w; k += simd::kWidth) {
    simd::f32x16 mx = simd::splat(-std::numeric_limits<float>::infinity());
    for (int64_t d = 0; d < dim; ++d) mx = simd::maxNan(mx, simd::load(xs + d * inner + k));
    simd::f32x16 sm = simd::splat(0.0f);
    for (int64_t d = 0; d < dim; ++d) {
      simd::f32x16 e = simd::exp(simd::load(xs + d * inner + k) - mx);
      if constexpr (!kLog) simd::store(ys + d * inner + k, e);
      sm += e;
    }
    if constexpr (kLog) {
      simd::f32x16 shift;
      for (int j = 0; j < simd::kWidth; ++j) shift[j] = mx[j] + std::log(sm[j]);
      for (int64_t d = 0; d < dim; ++d) {
        simd::store(ys + d * inner + k, simd::load(xs + d * inner + k) - shift);
      }
    } else {
      simd::f32x16 inv = 1.0f / sm;
      for (int64_t d = 0; d < dim; ++d) {
        simd::store(ys + d * inner + k, simd::load(ys + d * inner + k) * inv);
      }
    }
  }
  for (; k < w; ++k) {
    float m = -std::numeric_limits<float>::infinity();
    for (int64_t d = 0; d < dim; ++d) {
      float v = xs[d * inner + k];
      m = (v > m || v != v) ? v : m;
    }
    double sum = 0;
    for (int64_t d = 0; d < dim; ++d) {
      float e = simd::exp(xs[d * inner + k] - m);
      if constexpr (!kLog) ys[d * inner + k] = e;
      sum += e;
    }
    for (int64_t d = 0; d < dim; ++d) {
      if constexpr (kLog) {
        ys[d * inner + k] = xs[d * inner + k] - static_cast<float>(m + std::log(sum));
      } else {
        ys[d * inner + k] = ys[d * inner + k] * static_cast<float>(1.0 / sum);
      }
    }
  }
}

// The same for any element type, one inner position at a time (double, bfloat16).
template <bool kLog, class T>
void softmaxColumns(const T* xs, T* ys, int64_t dim, int64_t inner, int64_t w) {
  if constexpr (std::is_same_v<T, float>) {
    softmaxColumnsFloat<kLog>(xs, ys, dim, inner, w);
  } else {
    using C = compute_t<T>;
    for (int64_t k = 0; k < w; ++k) {
      C m = -std::numeric_limits<C>::infinity();
      for (int64_t d = 0; d < dim; ++d) {
        C v = static_cast<C>(xs[d * inner + k]);
        m = (v > m || v != v) ? v : m;
      }
      double sum = 0;
      for (int64_t d = 0; d < dim; ++d) {
        C e = expOf(static_cast<C>(xs[d * inner + k]) - m);
        if constexpr (!kLog) ys[d * inner + k] = T(e);
        sum += static_cast<double>(e);
      }
      for (int64_t d = 0; d < dim; ++d) {
        if constexpr (kLog) {
          C shift = static_cast<C>(static_cast<double>(m) + std::log(sum));
          ys[d * inner + k] = T(static_cast<C>(xs[d * inner + k]) - shift);
        } else {
          ys[d * inner + k] = T(static_cast<C>(ys[d * inner + k]) * static_cast<C>(1.0 / sum));
        }
      }
    }
  }
}

// Softmax along a dim with `inner` contiguous elements after it: blocks of inner positions
// are processed together so every loop runs along contiguous memory.
template <bool kLog, class T>
void softmaxStrided(const T* x, T* y, int64_t outer, int64_t dim, int64_t inner) {
  constexpr int64_t kBlock = 128;
  int64_t blocks = (inner + kBlock - 1) / kBlock;
  int64_t grain = std::max<int64_t>(1, reduce::kGrain / std::max<int64_t>(1, dim * kBlock));
  parallelFor(0, outer * blocks, grain, [&](int64_t b, int64_t e) {
    for (int64_t task = b; task < e; ++task) {
      int64_t o = task / blocks, j0 = (task % blocks) * kBlock;
      int64_t w = std::min(kBlock, inner - j0);
      softmaxColumns<kLog>(x + o * dim * inner + j0, y + o * dim * inner + j0, dim, inner, w);
    }
  });
}

template <bool kLog, class T>
void softmaxKernel(const T* x, T* y, IntArrayRef sizes, int64_t dim) {
  int64_t outer = 1, inner = 1, n = sizes.empty() ? 1 : sizes[static_cast<size_t>(dim)];
  for (int64_t d = 0; d < dim; ++d) outer *= sizes[static_cast<size_t>(d)];
  for (size_t d = static_cast<size_t>(dim) + 1; d < sizes.size(); ++d) inner *= sizes[d];
  if (outer * inner * n == 0) return;
  if (inner != 1) {
    softmaxStrided<kLog>(x, y, outer, n, inner);
    return;
  }
  if (outer < getNumThreads() && n >= 4 * reduce::kGrain) {
    for (int64_t o = 0; o < outer; ++o) softmaxLongRow<kLog>(x + o * n, y + o * n, n);
    return;
  }
  int64_t grain = std::max<int64_t>(1, reduce::kGrain / std::max<int64_t>(1, n));
  parallelFor(0, outer, grain, [&](int64_t b, int64_t e) {
    for (int64_t o = b; o < e; ++o) softmaxRow<kLog>(x + o * n, y + o * n, n);
  });
}

template <bool kLog>
Tensor softmaxImpl(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  const char* op = kLog ? "log_softmax" : "softmax";
  int64_t d = wrapDim(dim, self.dim(), op);
  Tensor x = dtype ? reduce::castTo(self, *dtype) : self;
  DType t = x.dtype();
  bool last = self.dim() == 0 || d == self.dim() - 1;
  WICK_CHECK(t == kFloat || t == kDouble || t == kBFloat16, "\"", op, last ? "_lastdim" : "",
             "_kernel_impl\" not implemented for '", graphName(t), "'");
  x = reduce::contiguousOf(x);
  Tensor out = emptyTensor(x.impl()->sizes(), t);
  WICK_DISPATCH_FLOATING(t, op, {
    using T = scalar_t;
    softmaxKernel<kLog>(static_cast<const T*>(x.data_ptr()), out.data_ptr<T>(), x.impl()->sizes(),
                        self.dim() == 0 ? 0 : d);
  });
  return out;
}

void checkHalfToFloat(bool half_to_float, const char* op) {
  WICK_CHECK(!half_to_float, op, ": softmax with half to float conversion is not supported on CPU");
}

}  // namespace

Tensor softmax_int(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  return softmaxImpl<false>(self, dim, dtype);
}
Tensor log_softmax_int(const Tensor& self, int64_t dim, std::optional<DType> dtype) {
  return softmaxImpl<true>(self, dim, dtype);
}
Tensor _softmax(const Tensor& self, int64_t dim, bool half_to_float) {
  checkHalfToFloat(half_to_float, "_softmax");
  return softmaxImpl<false>(self, dim, std::nullopt);
}
Tensor _log_softmax(const Tensor& self, int64_t dim, bool half_to_float) {
  checkHalfToFloat(half_to_float, "_log_softmax");
  return softmaxImpl<true>(self, dim, std::nullopt);
}
Tensor softmax_int_out(const Tensor& self, int64_t dim, std::optional<DType> dtype,
                       const Tensor& out) {
  reduce::copyToOut(softmaxImpl<false>(self, dim, dtype), out, "softmax");
  return out;
}
Tensor log_softmax_int_out(const Tensor& self, int64_t dim, std::optional<DType> dtype,
                           const Tensor& out) {
  reduce::copyToOut(softmaxImpl<true>(self, dim, dtype), out, "log_softmax");
  return out;
}

}  // namespace wick::kernels
