// Interpolation: upsample_nearest1d/2d and upsample_linear1d/bilinear2d (output_size and
// .vec scale_factors forms), pixel_shuffle and pixel_unshuffle. Source indices and weights
// are computed in the same precision as PyTorch's CPU kernels (float for float tensors), so
// nearest-neighbour picks match exactly.
#include <cmath>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/kernels/upsample_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace {

using dense::shapeOf;
using dense::sizeAt;

using interp::nearestIndex;
using interp::scaleValue;

// Linear interpolation taps of one dim: source index, neighbour offset and two weights.
template <class S>
struct Taps {
  std::vector<int64_t> i0, step;
  std::vector<S> w0, w1;
};

template <class S>
Taps<S> linearTaps(int64_t in, int64_t out, bool align_corners, std::optional<double> scale) {
  Taps<S> t;
  S sc = align_corners ? (out > 1 ? static_cast<S>(in - 1) / static_cast<S>(out - 1) : S(0))
                       : scaleValue<S>(scale, in, out);
  for (int64_t o = 0; o < out; ++o) {
    S src = align_corners ? sc * static_cast<S>(o) : sc * (static_cast<S>(o) + S(0.5)) - S(0.5);
    if (!align_corners && src < 0) src = 0;
    int64_t i0 = static_cast<int64_t>(src);
    S l1 = std::min(std::max(src - static_cast<S>(i0), S(0)), S(1));
    t.i0.push_back(i0);
    t.step.push_back(i0 < in - 1 ? 1 : 0);
    t.w0.push_back(S(1) - l1);
    t.w1.push_back(l1);
  }
  return t;
}

struct Upsample {
  std::string op;
  int64_t spatial;  // 1 or 2
  bool linear;
  bool align_corners = false;
};

void checkUpsample(const Tensor& x, IntArrayRef output_size, const Upsample& u) {
  interp::checkSizes(x, output_size, u.spatial, u.op);
  if (u.linear) {
    WICK_CHECK(isFloatingType(x.dtype()), u.op,
               ": \"compute_indices_weights_linear\" not implemented for '",
               dense::scalarTypeName(x.dtype()), "'");
  } else {
    WICK_CHECK(x.dtype() != kBool, u.op,
               ": \"compute_indices_weights_nearest\" not implemented for 'Bool'");
  }
}

Tensor upsample(const Tensor& input, IntArrayRef output_size, std::optional<double> scale_h,
                std::optional<double> scale_w, const Upsample& u) {
  checkUpsample(input, output_size, u);
  bool cl = u.spatial == 2 && dense::suggestChannelsLast(input);
  Tensor x = cl ? dense::channelsLast(input) : dense::contiguous(input);
  int64_t n = sizeAt(x, 0), c = sizeAt(x, 1);
  int64_t ih = u.spatial == 2 ? sizeAt(x, 2) : 1, iw = sizeAt(x, x.dim() - 1);
  int64_t oh = u.spatial == 2 ? output_size[0] : 1, ow = output_size.back();
  DimVector shape{n, c};
  for (int64_t s : output_size) shape.push_back(s);
  Tensor out = dense::emptyWithFormat(shape, x.dtype(), cl);
  if (out.impl()->numel() == 0) return out;
  // Element (plane p, y, x) lives at base(p) + (y * W + x) * ss in either layout.
  int64_t ss = cl ? c : 1, planes = n * c;
  auto base = [&](int64_t p, int64_t hw) { return cl ? (p / c) * c * hw + p % c : p * hw; };
  dense::visitDType(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using S = dense::compute_t<T>;
    const T* src = static_cast<const T*>(x.data_ptr());
    T* dst = static_cast<T*>(out.data_ptr());
    int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(oh * ow, 1));
    if (!u.linear) {
      std::vector<int64_t> hi(static_cast<size_t>(oh)), wi(static_cast<size_t>(ow));
      for (int64_t y = 0; y < oh; ++y) hi[y] = nearestIndex(y, ih, oh, scale_h);
      for (int64_t xx = 0; xx < ow; ++xx) wi[xx] = nearestIndex(xx, iw, ow, scale_w);
      parallelFor(0, planes, grain, [&](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
          const T* s = src + base(p, ih * iw);
          T* d = dst + base(p, oh * ow);
          for (int64_t y = 0; y < oh; ++y)
            for (int64_t xx = 0; xx < ow; ++xx)
              d[(y * ow + xx) * ss] = s[(hi[y] * iw + wi[xx]) * ss];
        }
      });
      return;
    }
    if constexpr (std::is_floating_point_v<S>) {
      Taps<S> th = linearTaps<S>(ih, oh, u.align_corners, scale_h);
      Taps<S> tw = linearTaps<S>(iw, ow, u.align_corners, scale_w);
      parallelFor(0, planes, grain, [&](int64_t p0, int64_t p1) {
        for (int64_t p = p0; p < p1; ++p) {
          const T* s = src + base(p, ih * iw);
          T* d = dst + base(p, oh * ow);
          for (int64_t y = 0; y < oh; ++y) {
            const T* r0 = s + th.i0[y] * iw * ss;
            const T* r1 = r0 + th.step[y] * iw * ss;
            for (int64_t xx = 0; xx < ow; ++xx) {
              int64_t a = tw.i0[xx] * ss, b = a + tw.step[xx] * ss;
              S top = tw.w0[xx] * S(r0[a]) + tw.w1[xx] * S(r0[b]);
              S bot = tw.w0[xx] * S(r1[a]) + tw.w1[xx] * S(r1[b]);
              d[(y * ow + xx) * ss] = T(th.w0[y] * top + th.w1[y] * bot);
            }
          }
        }
      });
    }
  });
  return out;
}

using interp::vecOutputSize;

std::optional<double> scaleAt(std::optional<ArrayRef<double>> s, size_t i) {
  if (!s) return std::nullopt;
  return (*s)[i];
}

// pixel_shuffle/unshuffle as one strided copy between two 6-d views of the same logical
// [*, C, H, r, W, r] tensor (the shuffled dims read with the channel sub-strides).
Tensor shuffle(const Tensor& self, int64_t r, bool up, std::string_view op) {
  const char* name = up ? "pixel_shuffle" : "pixel_unshuffle";
  WICK_CHECK(self.dim() >= 3, op, ": ", name,
             " expects input to have at least 3 dimensions, but got input with ", self.dim(),
             " dimension(s)");
  WICK_CHECK(r > 0, op, ": ", name, " expects a positive ",
             up ? "upscale_factor" : "downscale_factor", ", but got ", r);
  int64_t nd = self.dim(), ci = sizeAt(self, nd - 3), hi = sizeAt(self, nd - 2),
          wi = sizeAt(self, nd - 1);
  if (up) {
    WICK_CHECK(ci % (r * r) == 0, op,
               ": pixel_shuffle expects its input's 'channel' dimension to be divisible by the "
               "square of upscale_factor, but input.size(-3)=",
               ci, " is not divisible by ", r * r);
  } else {
    WICK_CHECK(
        hi % r == 0, op,
        ": pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=",
        hi, " is not divisible by ", r);
    WICK_CHECK(
        wi % r == 0, op,
        ": pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=",
        wi, " is not divisible by ", r);
  }
  int64_t c = up ? ci / (r * r) : ci, h = up ? hi : hi / r, w = up ? wi : wi / r;
  DimVector out_shape(shapeOf(self).slice(0, static_cast<size_t>(nd - 3)));
  out_shape.push_back(up ? c : c * r * r);
  out_shape.push_back(up ? h * r : h);
  out_shape.push_back(up ? w * r : w);
  bool cl = nd == 4 && dense::suggestChannelsLast(self);
  Tensor out = dense::emptyWithFormat(out_shape, self.dtype(), cl);
  // Logical [*, C, H, r_i, W, r_j] views; the channel-split side reads channel
  // c*r*r + i*r + j, the spatial side row y*r + i and column x*r + j.
  auto channelSide = [&](const Tensor& t) {
    DimVector sz(shapeOf(t).slice(0, static_cast<size_t>(nd - 3))),
        st(t.strides().slice(0, static_cast<size_t>(nd - 3)));
    IntArrayRef s = t.strides().slice(static_cast<size_t>(nd - 3));
    for (int64_t v : {c, h, r, w, r}) sz.push_back(v);
    for (int64_t v : {s[0] * r * r, s[1], s[0] * r, s[2], s[0]}) st.push_back(v);
    return dense::asStrided(t, sz, st, t.storage_offset());
  };
  auto spatialSide = [&](const Tensor& t) {
    DimVector sz(shapeOf(t).slice(0, static_cast<size_t>(nd - 3))),
        st(t.strides().slice(0, static_cast<size_t>(nd - 3)));
    IntArrayRef s = t.strides().slice(static_cast<size_t>(nd - 3));
    for (int64_t v : {c, h, r, w, r}) sz.push_back(v);
    for (int64_t v : {s[0], s[1] * r, s[1], s[2] * r, s[2]}) st.push_back(v);
    return dense::asStrided(t, sz, st, t.storage_offset());
  };
  if (up) {
    dense::copyInto(spatialSide(out), channelSide(self));
  } else {
    dense::copyInto(channelSide(out), spatialSide(self));
  }
  return out;
}

}  // namespace

namespace kernels {

Tensor upsample_nearest1d(const Tensor& self, IntArrayRef output_size,
                          std::optional<double> scales) {
  return upsample(self, output_size, std::nullopt, scales, {"aten::upsample_nearest1d", 1, false});
}

Tensor upsample_nearest1d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                              std::optional<ArrayRef<double>> scale_factors) {
  constexpr std::string_view op = "aten::upsample_nearest1d";
  DimVector size = vecOutputSize(input, output_size, scale_factors, 1, op);
  return upsample(input, size, std::nullopt, scaleAt(scale_factors, 0),
                  {std::string(op), 1, false});
}

Tensor upsample_nearest2d(const Tensor& self, IntArrayRef output_size,
                          std::optional<double> scales_h, std::optional<double> scales_w) {
  return upsample(self, output_size, scales_h, scales_w, {"aten::upsample_nearest2d", 2, false});
}

Tensor upsample_nearest2d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                              std::optional<ArrayRef<double>> scale_factors) {
  constexpr std::string_view op = "aten::upsample_nearest2d";
  DimVector size = vecOutputSize(input, output_size, scale_factors, 2, op);
  return upsample(input, size, scaleAt(scale_factors, 0), scaleAt(scale_factors, 1),
                  {std::string(op), 2, false});
}

Tensor upsample_linear1d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                         std::optional<double> scales) {
  return upsample(self, output_size, std::nullopt, scales,
                  {"aten::upsample_linear1d", 1, true, align_corners});
}

Tensor upsample_linear1d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                             bool align_corners, std::optional<ArrayRef<double>> scale_factors) {
  constexpr std::string_view op = "aten::upsample_linear1d";
  DimVector size = vecOutputSize(input, output_size, scale_factors, 1, op);
  return upsample(input, size, std::nullopt, scaleAt(scale_factors, 0),
                  {std::string(op), 1, true, align_corners});
}

Tensor upsample_bilinear2d(const Tensor& self, IntArrayRef output_size, bool align_corners,
                           std::optional<double> scales_h, std::optional<double> scales_w) {
  return upsample(self, output_size, scales_h, scales_w,
                  {"aten::upsample_bilinear2d", 2, true, align_corners});
}

Tensor upsample_bilinear2d_vec(const Tensor& input, std::optional<IntArrayRef> output_size,
                               bool align_corners, std::optional<ArrayRef<double>> scale_factors) {
  constexpr std::string_view op = "aten::upsample_bilinear2d";
  DimVector size = vecOutputSize(input, output_size, scale_factors, 2, op);
  return upsample(input, size, scaleAt(scale_factors, 0), scaleAt(scale_factors, 1),
                  {std::string(op), 2, true, align_corners});
}

Tensor pixel_shuffle(const Tensor& self, int64_t upscale_factor) {
  return shuffle(self, upscale_factor, true, "aten::pixel_shuffle");
}

Tensor pixel_unshuffle(const Tensor& self, int64_t downscale_factor) {
  return shuffle(self, downscale_factor, false, "aten::pixel_unshuffle");
}

}  // namespace kernels

}  // namespace wick
