// The interpolation ops F.interpolate reaches beyond upsample.cpp: nearest for 3 spatial dims,
// nearest-exact (1-3 dims), trilinear, bicubic, and the antialiased bilinear/bicubic
// resamplers. Source indices and weights follow PyTorch 1.13's CPU kernels
// (UpSample.h, UpSampleKernel.cpp): weights in the tensor's precision (float for float),
// sums nested with the last dim innermost, and the antialiased forms resample one dim at a
// time (width first) through an intermediate tensor, as PyTorch does.
#include <array>
#include <cmath>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/upsample_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

using dense::sizeAt;

enum class Mode { Nearest, NearestExact, Linear, Cubic, LinearAA, CubicAA };

struct Resample {
  const char* op;
  int64_t spatial;  // 1, 2 or 3
  Mode mode;
  bool align_corners = false;
};

using interp::scaleValue;

template <class S>
S areaScale(int64_t in, int64_t out, bool align_corners, std::optional<double> scale) {
  if (align_corners) return out > 1 ? static_cast<S>(in - 1) / static_cast<S>(out - 1) : S(0);
  return scaleValue<S>(scale, in, out);
}

template <class S>
S sourceIndex(S scale, int64_t o, bool align_corners, bool cubic) {
  if (align_corners) return scale * static_cast<S>(o);
  S src = scale * (static_cast<S>(o) + S(0.5)) - S(0.5);
  return (!cubic && src < S(0)) ? S(0) : src;
}

// The taps of one dim: for output index o, `width` (index, weight) pairs at o * width.
template <class S>
struct Taps {
  int64_t width = 0;
  std::vector<int64_t> index;
  std::vector<S> weight;
  std::vector<int64_t> count;  // taps used per output when fewer than `width` (antialiased)
};

template <class S>
void cubicCoefficients(S t, S* c) {
  const S a = S(-0.75);
  auto conv1 = [a](S x) { return ((a + S(2)) * x - (a + S(3))) * x * x + S(1); };
  auto conv2 = [a](S x) { return ((a * x - S(5) * a) * x + S(8) * a) * x - S(4) * a; };
  c[0] = conv2(t + S(1));
  c[1] = conv1(t);
  c[2] = conv1(S(1) - t);
  c[3] = conv2(S(1) - t + S(1));
}

template <class S>
Taps<S> weightedTaps(int64_t in, int64_t out, const Resample& r, std::optional<double> opt) {
  Taps<S> t;
  S scale = areaScale<S>(in, out, r.align_corners, opt);
  if (r.mode == Mode::Linear || r.mode == Mode::Cubic) {
    bool cubic = r.mode == Mode::Cubic;
    t.width = cubic ? 4 : 2;
    for (int64_t o = 0; o < out; ++o) {
      S real = sourceIndex(scale, o, r.align_corners, cubic);
      int64_t i0 = std::min(static_cast<int64_t>(std::floor(real)), in - 1);
      S lambda = std::min(std::max(real - static_cast<S>(i0), S(0)), S(1));
      if (cubic) {
        S c[4];
        cubicCoefficients(lambda, c);
        for (int64_t j = 0; j < 4; ++j) {
          t.index.push_back(std::max<int64_t>(std::min(i0 - 1 + j, in - 1), 0));
          t.weight.push_back(c[j]);
        }
      } else {
        t.index.push_back(i0);
        t.index.push_back(i0 + (i0 < in - 1 ? 1 : 0));
        t.weight.push_back(S(1) - lambda);
        t.weight.push_back(lambda);
      }
    }
    return t;
  }
  // Antialiased: a filter stretched by the downscaling factor, normalised per output.
  bool cubic = r.mode == Mode::CubicAA;
  S interp = cubic ? S(4) : S(2);
  S support = scale >= S(1) ? interp * S(0.5) * scale : interp * S(0.5);
  S invscale = scale >= S(1) ? S(1) / scale : S(1);
  auto filter = [cubic](S x) -> S {
    if (x < S(0)) x = -x;
    if (!cubic) return x < S(1) ? S(1) - x : S(0);
    const S a = S(-0.5);
    if (x < S(1)) return ((a + S(2)) * x - (a + S(3))) * x * x + S(1);
    if (x < S(2)) return (((x - S(5)) * x + S(8)) * x - S(4)) * a;
    return S(0);
  };
  t.width = static_cast<int64_t>(std::ceil(support)) * 2 + 1;
  for (int64_t o = 0; o < out; ++o) {
    S center = scale * (static_cast<S>(o) + S(0.5));
    int64_t lo = std::max<int64_t>(static_cast<int64_t>(center - support + S(0.5)), 0);
    int64_t size = std::min<int64_t>(static_cast<int64_t>(center + support + S(0.5)), in) - lo;
    std::vector<S> w(static_cast<size_t>(t.width), S(0));
    S total = 0;
    for (int64_t j = 0; j < size && j < t.width; ++j) {
      w[j] = filter((static_cast<S>(j + lo) - center + S(0.5)) * invscale);
      total += w[j];
    }
    t.count.push_back(std::min(size, t.width));
    for (int64_t j = 0; j < t.width; ++j) {
      if (total != S(0) && j < size) w[j] /= total;
      t.index.push_back(std::min(lo + j, in - 1));
      t.weight.push_back(j < size ? w[j] : S(0));
    }
  }
  return t;
}

void checkInput(const Tensor& x, IntArrayRef output_size, const Resample& r) {
  interp::checkSizes(x, output_size, r.spatial, r.op);
  bool nearest = r.mode == Mode::Nearest || r.mode == Mode::NearestExact;
  if (nearest) {
    WICK_CHECK(x.dtype() != kBool, r.op,
               ": \"compute_indices_weights_nearest\" not implemented for 'Bool'");
  } else {
    WICK_CHECK(x.dtype() == kFloat || x.dtype() == kDouble || x.dtype() == kBFloat16, r.op,
               ": \"compute_indices_weights\" not implemented for '",
               dense::scalarTypeName(x.dtype()), "'");
  }
}

// Resamples the last `r.spatial` dims of the contiguous `x` (N, C, spatial...) to `sizes`
// with one set of taps per dim; `active[d]` false leaves dim d as it is (its size is kept).
template <class T, class S>
void resampleWeighted(const T* src, T* dst, int64_t planes, IntArrayRef in_sizes,
                      IntArrayRef out_sizes, const std::vector<Taps<S>>& taps) {
  int64_t nd = static_cast<int64_t>(in_sizes.size());
  int64_t in_plane = 1, out_plane = 1;
  for (int64_t d = 0; d < nd; ++d) {
    in_plane *= in_sizes[d];
    out_plane *= out_sizes[d];
  }
  // Index strides of the input per spatial dim.
  int64_t stride[3] = {1, 1, 1};
  for (int64_t d = nd - 2; d >= 0; --d) stride[d] = stride[d + 1] * in_sizes[d + 1];
  int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(out_plane, 1));
  parallelFor(0, planes, grain, [&](int64_t p0, int64_t p1) {
    std::vector<int64_t> o(static_cast<size_t>(nd), 0);
    for (int64_t p = p0; p < p1; ++p) {
      const T* s = src + p * in_plane;
      T* d = dst + p * out_plane;
      std::fill(o.begin(), o.end(), 0);
      // Nested sums, outermost dim first: sum_j w_j * inner(offset + index_j * stride).
      auto eval = [&](auto&& self, int64_t dim, int64_t offset) -> S {
        const Taps<S>& t = taps[static_cast<size_t>(dim)];
        const int64_t* idx = t.index.data() + o[dim] * t.width;
        const S* w = t.weight.data() + o[dim] * t.width;
        S acc = 0;
        int64_t used = t.count.empty() ? t.width : t.count[o[dim]];
        for (int64_t j = 0; j < used; ++j) {
          int64_t off = offset + idx[j] * stride[dim];
          S v = dim + 1 == nd ? static_cast<S>(s[off]) : self(self, dim + 1, off);
          acc = j == 0 ? v * w[j] : acc + v * w[j];
        }
        return acc;
      };
      for (int64_t e = 0; e < out_plane; ++e) {
        d[e] = static_cast<T>(eval(eval, 0, 0));
        for (int64_t k = nd - 1; k >= 0; --k) {
          if (++o[k] < out_sizes[k]) break;
          o[k] = 0;
        }
      }
    }
  });
}

Tensor resample(const Tensor& input, IntArrayRef output_size,
                std::array<std::optional<double>, 3> scales, const Resample& r) {
  checkInput(input, output_size, r);
  // Results keep a channels-last input's layout, except bicubic's (PyTorch 1.13 returns it
  // contiguous).
  bool cl = r.spatial == 2 && r.mode != Mode::Cubic && dense::suggestChannelsLast(input);
  Tensor x = dense::contiguous(input);
  int64_t n = sizeAt(x, 0), c = sizeAt(x, 1), planes = n * c;
  DimVector in_sizes, shape{n, c};
  for (int64_t d = 0; d < r.spatial; ++d) in_sizes.push_back(sizeAt(x, 2 + d));
  for (int64_t s : output_size) shape.push_back(s);
  Tensor out = dense::emptyWithFormat(shape, x.dtype(), false);
  if (out.impl()->numel() == 0) return cl ? dense::channelsLast(out) : out;
  dense::visitDType(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using S = dense::compute_t<T>;
    const T* src = static_cast<const T*>(x.data_ptr());
    T* dst = static_cast<T*>(out.data_ptr());
    if (r.mode == Mode::Nearest || r.mode == Mode::NearestExact) {
      std::vector<std::vector<int64_t>> index(static_cast<size_t>(r.spatial));
      for (int64_t d = 0; d < r.spatial; ++d) {
        for (int64_t o = 0; o < output_size[d]; ++o) {
          index[d].push_back(interp::nearestIndex(o, in_sizes[d], output_size[d], scales[d],
                                                  r.mode == Mode::NearestExact));
        }
      }
      int64_t id = r.spatial == 3 ? in_sizes[0] : 1,
              ih = r.spatial >= 2 ? in_sizes[r.spatial - 2] : 1;
      int64_t iw = in_sizes.back();
      int64_t od = r.spatial == 3 ? output_size[0] : 1;
      int64_t oh = r.spatial >= 2 ? output_size[r.spatial - 2] : 1, ow = output_size.back();
      auto at = [&](int64_t d, int64_t o) { return d < 0 ? 0 : index[d][o]; };
      int64_t dd = r.spatial == 3 ? 0 : -1, dh = r.spatial >= 2 ? r.spatial - 2 : -1;
      int64_t dw = r.spatial - 1;
      int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(od * oh * ow, 1));
      parallelFor(0, planes, grain, [&](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
          const T* s = src + p * id * ih * iw;
          T* o = dst + p * od * oh * ow;
          for (int64_t z = 0; z < od; ++z)
            for (int64_t y = 0; y < oh; ++y)
              for (int64_t w = 0; w < ow; ++w)
                *o++ = s[(at(dd, z) * ih + at(dh, y)) * iw + at(dw, w)];
        }
      });
      return;
    }
    if constexpr (std::is_floating_point_v<S>) {
      std::vector<Taps<S>> taps;
      for (int64_t d = 0; d < r.spatial; ++d) {
        taps.push_back(weightedTaps<S>(in_sizes[d], output_size[d], r, scales[d]));
      }
      if (r.mode == Mode::Linear || r.mode == Mode::Cubic) {
        if (r.mode == Mode::Cubic && IntArrayRef(in_sizes) == output_size) {
          std::copy(src, src + x.impl()->numel(), dst);
          return;
        }
        resampleWeighted<T, S>(src, dst, planes, in_sizes, output_size, taps);
        return;
      }
      // Antialiased: one dim at a time, the last (contiguous) one first; dims whose size
      // does not change are skipped.
      Tensor current = x;
      DimVector cur_sizes = in_sizes;
      for (int64_t d = r.spatial - 1; d >= 0; --d) {
        if (cur_sizes[d] == output_size[d]) continue;
        DimVector next_sizes = cur_sizes;
        next_sizes[d] = output_size[d];
        DimVector next_shape{n, c};
        for (int64_t v : next_sizes) next_shape.push_back(v);
        Tensor next = dense::emptyWithFormat(next_shape, x.dtype(), false);
        // Identity taps for the other dims.
        std::vector<Taps<S>> one;
        for (int64_t k = 0; k < r.spatial; ++k) {
          if (k == d) {
            one.push_back(taps[k]);
            continue;
          }
          Taps<S> id_taps;
          id_taps.width = 1;
          for (int64_t o = 0; o < cur_sizes[k]; ++o) {
            id_taps.index.push_back(o);
            id_taps.weight.push_back(S(1));
          }
          one.push_back(std::move(id_taps));
        }
        resampleWeighted<T, S>(static_cast<const T*>(current.data_ptr()),
                               static_cast<T*>(next.data_ptr()), planes, cur_sizes, next_sizes,
                               one);
        current = next;
        cur_sizes = next_sizes;
      }
      std::copy(static_cast<const T*>(current.data_ptr()),
                static_cast<const T*>(current.data_ptr()) + out.impl()->numel(), dst);
    }
  });
  return cl ? dense::channelsLast(out) : out;
}

std::array<std::optional<double>, 3> vecScales(std::optional<ArrayRef<double>> s) {
  std::array<std::optional<double>, 3> out;
  if (s) {
    for (size_t i = 0; i < s->size() && i < 3; ++i) out[i] = (*s)[i];
  }
  return out;
}

Tensor resampleVec(const Tensor& input, std::optional<IntArrayRef> output_size,
                   std::optional<ArrayRef<double>> scale_factors, const Resample& r) {
  DimVector size = interp::vecOutputSize(input, output_size, scale_factors, r.spatial, r.op);
  return resample(input, size, vecScales(scale_factors), r);
}

}  // namespace

namespace kernels {

Tensor upsample_nearest3d(const Tensor& self, IntArrayRef output_size,
                          std::optional<double> scales_d, std::optional<double> scales_h,
                          std::optional<double> scales_w) {
  return resample(self, output_size, {scales_d, scales_h, scales_w},
                  {"aten::upsample_nearest3d", 3, Mode::Nearest});
}
Tensor upsample_nearest3d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                              std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::upsample_nearest3d", 3, Mode::Nearest});
}
Tensor _upsample_nearest_exact1d(const Tensor& self, IntArrayRef output_size,
                                 std::optional<double> scales) {
  return resample(self, output_size, {scales, std::nullopt, std::nullopt},
                  {"aten::_upsample_nearest_exact1d", 1, Mode::NearestExact});
}
Tensor _upsample_nearest_exact1d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                                     std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::_upsample_nearest_exact1d", 1, Mode::NearestExact});
}
Tensor _upsample_nearest_exact2d(const Tensor& self, IntArrayRef output_size,
                                 std::optional<double> scales_h, std::optional<double> scales_w) {
  return resample(self, output_size, {scales_h, scales_w, std::nullopt},
                  {"aten::_upsample_nearest_exact2d", 2, Mode::NearestExact});
}
Tensor _upsample_nearest_exact2d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                                     std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::_upsample_nearest_exact2d", 2, Mode::NearestExact});
}
Tensor _upsample_nearest_exact3d(const Tensor& self, IntArrayRef output_size,
                                 std::optional<double> scales_d, std::optional<double> scales_h,
                                 std::optional<double> scales_w) {
  return resample(self, output_size, {scales_d, scales_h, scales_w},
                  {"aten::_upsample_nearest_exact3d", 3, Mode::NearestExact});
}
Tensor _upsample_nearest_exact3d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                                     std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::_upsample_nearest_exact3d", 3, Mode::NearestExact});
}
Tensor upsample_trilinear3d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                            std::optional<double> scales_d, std::optional<double> scales_h,
                            std::optional<double> scales_w) {
  return resample(self, output_size, {scales_d, scales_h, scales_w},
                  {"aten::upsample_trilinear3d", 3, Mode::Linear, align_corners});
}
Tensor upsample_trilinear3d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                                bool align_corners, std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::upsample_trilinear3d", 3, Mode::Linear, align_corners});
}
Tensor upsample_bicubic2d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                          std::optional<double> scales_h, std::optional<double> scales_w) {
  return resample(self, output_size, {scales_h, scales_w, std::nullopt},
                  {"aten::upsample_bicubic2d", 2, Mode::Cubic, align_corners});
}
Tensor upsample_bicubic2d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                              bool align_corners, std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::upsample_bicubic2d", 2, Mode::Cubic, align_corners});
}
Tensor _upsample_bilinear2d_aa(const Tensor& self, IntArrayRef output_size, bool align_corners,
                               std::optional<double> scales_h, std::optional<double> scales_w) {
  return resample(self, output_size, {scales_h, scales_w, std::nullopt},
                  {"aten::_upsample_bilinear2d_aa", 2, Mode::LinearAA, align_corners});
}
Tensor _upsample_bilinear2d_aa_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                                   bool align_corners,
                                   std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::_upsample_bilinear2d_aa", 2, Mode::LinearAA, align_corners});
}
Tensor _upsample_bicubic2d_aa(const Tensor& self, IntArrayRef output_size, bool align_corners,
                              std::optional<double> scales_h, std::optional<double> scales_w) {
  return resample(self, output_size, {scales_h, scales_w, std::nullopt},
                  {"aten::_upsample_bicubic2d_aa", 2, Mode::CubicAA, align_corners});
}
Tensor _upsample_bicubic2d_aa_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                                  bool align_corners,
                                  std::optional<ArrayRef<double>> scale_factors) {
  return resampleVec(input, output_size, scale_factors,
                     {"aten::_upsample_bicubic2d_aa", 2, Mode::CubicAA, align_corners});
}

}  // namespace kernels

}  // namespace wick
