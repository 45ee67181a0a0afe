// Fast paths for 2-d pooling of float32/float64 tensors. Channels-last inputs pool whole
// channel vectors at a time (contiguous, so the compiler vectorises across channels);
// contiguous inputs without indices first reduce the kernel rows into a row buffer (vectorised
// across the width) and then the kernel columns. NaNs propagate as in PyTorch: a NaN always
// replaces the running maximum, so the last NaN in a window gives the index.
#include <cmath>
#include <limits>
#include <vector>

#include "ops/kernels/pool_util.h"
#include "ops/parallel.h"

namespace wick::pool {

namespace {

template <class T>
inline bool takes(T v, T best) {
  return v > best || v != v;
}

template <class T>
void maxChannelsLast(const Geometry& g, int64_t batch, int64_t c, const T* in, T* out,
                     int64_t* idx) {
  int64_t ih_n = g.in[1], iw_n = g.in[2], oh_n = g.out[1], ow_n = g.out[2];
  int64_t cells = batch * oh_n * ow_n;
  parallelFor(0, cells, std::max<int64_t>(1, 4096 / std::max<int64_t>(c, 1)),
              [&](int64_t b0, int64_t b1) {
                for (int64_t cell = b0; cell < b1; ++cell) {
                  int64_t n = cell / (oh_n * ow_n), oh = (cell / ow_n) % oh_n, ow = cell % ow_n;
                  T* o = out + cell * c;
                  int64_t* oi = idx ? idx + cell * c : nullptr;
                  for (int64_t ch = 0; ch < c; ++ch) o[ch] = -std::numeric_limits<T>::infinity();
                  if (oi) std::fill(oi, oi + c, int64_t(-1));
                  for (int64_t kh = 0; kh < g.k[1]; ++kh) {
                    int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
                    if (ih < 0 || ih >= ih_n) continue;
                    for (int64_t kw = 0; kw < g.k[2]; ++kw) {
                      int64_t iw = ow * g.stride[2] - g.pad[2] + kw * g.dil[2];
                      if (iw < 0 || iw >= iw_n) continue;
                      int64_t s = ih * iw_n + iw;
                      const T* x = in + (n * ih_n * iw_n + s) * c;
                      if (oi) {
                        for (int64_t ch = 0; ch < c; ++ch) {
                          bool t = takes(x[ch], o[ch]) || oi[ch] < 0;
                          o[ch] = t ? x[ch] : o[ch];
                          oi[ch] = t ? s : oi[ch];
                        }
                      } else {
                        for (int64_t ch = 0; ch < c; ++ch)
                          o[ch] = takes(x[ch], o[ch]) ? x[ch] : o[ch];
                      }
                    }
                  }
                }
              });
}

template <class T>
void avgChannelsLast(const Geometry& g, int64_t batch, int64_t c, const T* in, T* out,
                     bool count_include_pad, std::optional<int64_t> divisor) {
  int64_t ih_n = g.in[1], iw_n = g.in[2], oh_n = g.out[1], ow_n = g.out[2];
  int64_t cells = batch * oh_n * ow_n;
  parallelFor(
      0, cells, std::max<int64_t>(1, 4096 / std::max<int64_t>(c, 1)), [&](int64_t b0, int64_t b1) {
        std::vector<T> acc(static_cast<size_t>(c));
        for (int64_t cell = b0; cell < b1; ++cell) {
          int64_t n = cell / (oh_n * ow_n), oh = (cell / ow_n) % oh_n, ow = cell % ow_n;
          int64_t h0 = oh * g.stride[1] - g.pad[1], w0 = ow * g.stride[2] - g.pad[2];
          int64_t h1 = std::min(h0 + g.k[1], ih_n + g.pad[1]),
                  w1 = std::min(w0 + g.k[2], iw_n + g.pad[2]);
          int64_t padded = (h1 - h0) * (w1 - w0);
          int64_t hs = std::max<int64_t>(h0, 0), ws = std::max<int64_t>(w0, 0);
          int64_t he = std::min(h1, ih_n), we = std::min(w1, iw_n);
          std::fill(acc.begin(), acc.end(), T(0));
          for (int64_t ih = hs; ih < he; ++ih)
            for (int64_t iw = ws; iw < we; ++iw) {
              const T* x = in + ((n * ih_n + ih) * iw_n + iw) * c;
              for (int64_t ch = 0; ch < c; ++ch) acc[ch] += x[ch];
            }
          int64_t div = divisor ? *divisor : count_include_pad ? padded : (he - hs) * (we - ws);
          T inv = T(1) / static_cast<T>(div);
          T* o = out + cell * c;
          for (int64_t ch = 0; ch < c; ++ch) o[ch] = acc[ch] * inv;
        }
      });
}

// The running maximum after `v`, branch-free so that loops over it vectorise.
template <class T>
inline T pick(T v, T best) {
  return ((v > best) | (v != v)) ? v : best;
}

// Each output row: the kernel rows reduced into a row buffer that has -inf padding on both
// sides, then a sliding maximum over the kernel columns at every start column (contiguous,
// so it vectorises), of which every stride-th is an output. A maximum that propagates NaN is
// associative, so the two passes give the windows' maxima.
template <class T>
void maxPlanesRowwise(const Geometry& g, int64_t planes, const T* in, T* out) {
  int64_t ih_n = g.in[1], iw_n = g.in[2], oh_n = g.out[1], ow_n = g.out[2];
  int64_t sw = g.stride[2], pw = g.pad[2], kw_n = g.k[2], dw = g.dil[2];
  int64_t starts = (ow_n - 1) * sw + 1;
  int64_t padded = std::max(starts + (kw_n - 1) * dw, pw + iw_n);
  constexpr T kLowest = -std::numeric_limits<T>::infinity();
  parallelFor(0, planes, 1, [&](int64_t p0, int64_t p1) {
    std::vector<T> row(static_cast<size_t>(padded), kLowest);
    std::vector<T> window(static_cast<size_t>(starts));
    T* r = row.data() + pw;
    T* w = window.data();
    for (int64_t p = p0; p < p1; ++p) {
      const T* x = in + p * ih_n * iw_n;
      T* y = out + p * oh_n * ow_n;
      for (int64_t oh = 0; oh < oh_n; ++oh) {
        std::fill(r, r + iw_n, kLowest);
        for (int64_t kh = 0; kh < g.k[1]; ++kh) {
          int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
          if (ih < 0 || ih >= ih_n) continue;
          const T* xr = x + ih * iw_n;
          for (int64_t iw = 0; iw < iw_n; ++iw) r[iw] = pick(xr[iw], r[iw]);
        }
        const T* first = row.data();
        for (int64_t j = 0; j < starts; ++j) w[j] = first[j];
        for (int64_t kw = 1; kw < kw_n; ++kw) {
          const T* tap = first + kw * dw;
          for (int64_t j = 0; j < starts; ++j) w[j] = pick(tap[j], w[j]);
        }
        T* yr = y + oh * ow_n;
        for (int64_t ow = 0; ow < ow_n; ++ow) yr[ow] = w[ow * sw];
      }
    }
  });
}

template <class F>
bool floatOrDouble(DType d, const F& f) {
  if (d == kFloat) {
    f(float{});
    return true;
  }
  if (d == kDouble) {
    f(double{});
    return true;
  }
  return false;
}

}  // namespace

bool maxPool2dFast(const Planes& p, const Geometry& g, const Tensor& out, const Tensor* idx) {
  if (g.in[0] != 1 || g.k[0] != 1) return false;
  if (!p.channels_last && idx) return false;
  return floatOrDouble(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* in = static_cast<const T*>(p.input.data_ptr());
    T* o = static_cast<T*>(out.data_ptr());
    if (p.channels_last) {
      maxChannelsLast<T>(g, p.batch, p.channels, in, o,
                         idx ? static_cast<int64_t*>(idx->data_ptr()) : nullptr);
    } else {
      maxPlanesRowwise<T>(g, p.batch * p.channels, in, o);
    }
  });
}

bool avgPool2dFast(const Planes& p, const Geometry& g, const Tensor& out, bool count_include_pad,
                   std::optional<int64_t> divisor) {
  if (g.in[0] != 1 || g.k[0] != 1 || !p.channels_last) return false;
  return floatOrDouble(out.dtype(), [&](auto tag) {
    using T = decltype(tag);
    avgChannelsLast<T>(g, p.batch, p.channels, static_cast<const T*>(p.input.data_ptr()),
                       static_cast<T*>(out.data_ptr()), count_include_pad, divisor);
  });
}

}  // namespace wick::pool
