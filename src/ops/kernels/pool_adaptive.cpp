// Adaptive average and max pooling (1-d, 2-d, 3-d): output cell o of a dim covers input
// [floor(o * in / out), ceil((o + 1) * in / out)).
#include <cmath>
#include <limits>
#include <sstream>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/pool_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

using dense::shapeOf;
using dense::sizeAt;

inline int64_t startIndex(int64_t o, int64_t out, int64_t in) { return (o * in) / out; }
inline int64_t endIndex(int64_t o, int64_t out, int64_t in) {
  return ((o + 1) * in + out - 1) / out;
}

template <class T, bool kMax>
void adaptivePlanes(const pool::Planes& p, const pool::Geometry& g, const T* in, T* out,
                    int64_t* idx) {
  using C = std::conditional_t<kMax, dense::compute_t<T>,
                               std::conditional_t<std::is_integral_v<T>, int64_t, double>>;
  int64_t planes = p.batch * p.channels, isz = g.inSize(), osz = g.outSize();
  int64_t ss = pool::spatialStride(p);
  int64_t grain = std::max<int64_t>(1, 32768 / std::max<int64_t>(1, isz));
  parallelFor(0, planes, grain, [&](int64_t b, int64_t e) {
    for (int64_t pl = b; pl < e; ++pl) {
      const T* x = in + pool::planeOffset(p, pl, isz);
      int64_t oo = pool::planeOffset(p, pl, osz);
      int64_t o = 0;
      for (int64_t od = 0; od < g.out[0]; ++od)
        for (int64_t oh = 0; oh < g.out[1]; ++oh)
          for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
            int64_t lo[3] = {startIndex(od, g.out[0], g.in[0]), startIndex(oh, g.out[1], g.in[1]),
                             startIndex(ow, g.out[2], g.in[2])};
            int64_t hi[3] = {endIndex(od, g.out[0], g.in[0]), endIndex(oh, g.out[1], g.in[1]),
                             endIndex(ow, g.out[2], g.in[2])};
            C acc = 0;
            int64_t best_i = -1;
            for (int64_t id = lo[0]; id < hi[0]; ++id)
              for (int64_t ih = lo[1]; ih < hi[1]; ++ih)
                for (int64_t iw = lo[2]; iw < hi[2]; ++iw) {
                  int64_t s = (id * g.in[1] + ih) * g.in[2] + iw;
                  C v = C(x[s * ss]);
                  if constexpr (kMax) {
                    // As in max pooling: a NaN always replaces the maximum.
                    bool nan = false;
                    if constexpr (!std::is_integral_v<C>) nan = std::isnan(v);
                    if (best_i < 0 || v > acc || nan) {
                      acc = v;
                      best_i = s;
                    }
                  } else {
                    acc += v;
                  }
                }
            T* y = out + oo + o * ss;
            if constexpr (kMax) {
              *y = T(acc);
              idx[oo + o * ss] = best_i;
            } else {
              int64_t count = (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);
              if constexpr (std::is_integral_v<T>) {
                *y = static_cast<T>(acc / count);
              } else {
                *y = T(static_cast<dense::compute_t<T>>(acc / static_cast<double>(count)));
              }
            }
          }
    }
  });
}

std::string braced(IntArrayRef v) {
  std::ostringstream os;
  os << "{";
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  return os.str() + "}";
}

struct Adaptive {
  std::string op;  // "aten::adaptive_avg_pool2d"
  std::string fn;  // "adaptive_avg_pool2d"
  int64_t spatial;
  bool max;
};

void checkAdaptive(const Tensor& x, IntArrayRef output_size, const Adaptive& a) {
  int64_t s = a.spatial;
  if (s == 1) {
    WICK_CHECK(x.dim() == 2 || x.dim() == 3, a.op, ": Expected 2 to 3 dimensions, but got ",
               x.dim(), "-dimensional tensor for argument #1 'self' (while checking arguments for ",
               a.fn, ")");
    WICK_CHECK(output_size.size() == 1, a.op, ": ", a.fn,
               "() argument 'output_size' should contain one int (got ", output_size.size(), ")");
  } else {
    WICK_CHECK(x.dim() == s + 1 || x.dim() == s + 2, a.op, ": ", a.fn, "(): Expected ", s + 1,
               "D or ", s + 2, "D tensor, but got", a.max ? ": " : " ", shapeOf(x));
    WICK_CHECK(output_size.size() == static_cast<size_t>(s), a.op, ": ", a.fn,
               a.max ? "(): internal error: output_size.size() must be " : ": output_size must be ",
               s);
  }
  for (int64_t v : output_size) {
    WICK_CHECK(v >= 0, a.op, ": ", a.fn,
               ": elements of output_size must be greater than or equal to 0 but received ",
               braced(output_size));
  }
  for (int64_t d = x.dim() - s; d < x.dim(); ++d) {
    WICK_CHECK(sizeAt(x, d) > 0, a.op, ": ", a.fn,
               "(): Expected input to have non-zero size for non-batch dimensions, but input has "
               "sizes ",
               shapeOf(x), " with dimension ", d, " being empty");
  }
  pool::checkPoolDType(x, a.op);
}

Tensor2 adaptivePool(const Tensor& x, IntArrayRef output_size, const Adaptive& a) {
  checkAdaptive(x, output_size, a);
  pool::Geometry g;
  for (int64_t i = 0; i < a.spatial; ++i) {
    int64_t d = 3 - a.spatial + i;
    g.in[d] = sizeAt(x, x.dim() - a.spatial + i);
    g.out[d] = output_size[static_cast<size_t>(i)];
  }
  pool::Planes p = pool::planesOf(x, a.spatial);
  Tensor out = pool::emptyOutput(p, g, a.spatial, x.dtype());
  Tensor idx = a.max ? pool::emptyOutput(p, g, a.spatial, kLong) : Tensor();
  if (out.impl()->numel() == 0) return {out, idx};
  dense::visitDType(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      const T* in = static_cast<const T*>(p.input.data_ptr());
      T* o = static_cast<T*>(out.data_ptr());
      if (a.max) {
        adaptivePlanes<T, true>(p, g, in, o, static_cast<int64_t*>(idx.data_ptr()));
      } else {
        adaptivePlanes<T, false>(p, g, in, o, nullptr);
      }
    }
  });
  return {out, idx};
}

}  // namespace

namespace kernels {

Tensor adaptive_avg_pool1d(const Tensor& self, IntArrayRef output_size) {
  return std::get<0>(adaptivePool(self, output_size,
                                  {"aten::adaptive_avg_pool1d", "adaptive_avg_pool1d", 1, false}));
}

Tensor adaptive_avg_pool2d(const Tensor& self, IntArrayRef output_size) {
  return std::get<0>(adaptivePool(self, output_size,
                                  {"aten::adaptive_avg_pool2d", "adaptive_avg_pool2d", 2, false}));
}

Tensor _adaptive_avg_pool2d(const Tensor& self, IntArrayRef output_size) {
  return std::get<0>(adaptivePool(self, output_size,
                                  {"aten::_adaptive_avg_pool2d", "adaptive_avg_pool2d", 2, false}));
}

Tensor adaptive_avg_pool3d(const Tensor& self, IntArrayRef output_size) {
  return std::get<0>(adaptivePool(self, output_size,
                                  {"aten::adaptive_avg_pool3d", "adaptive_avg_pool3d", 3, false}));
}

Tensor2 adaptive_max_pool1d(const Tensor& self, IntArrayRef output_size) {
  return adaptivePool(self, output_size,
                      {"aten::adaptive_max_pool1d", "adaptive_max_pool1d", 1, true});
}

Tensor2 adaptive_max_pool2d(const Tensor& self, IntArrayRef output_size) {
  return adaptivePool(self, output_size,
                      {"aten::adaptive_max_pool2d", "adaptive_max_pool2d", 2, true});
}

Tensor2 adaptive_max_pool3d(const Tensor& self, IntArrayRef output_size) {
  return adaptivePool(self, output_size,
                      {"aten::adaptive_max_pool3d", "adaptive_max_pool3d", 3, true});
}

}  // namespace kernels

}  // namespace wick
