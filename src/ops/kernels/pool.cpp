// Max and average pooling (1-d, 2-d, 3-d; ceil_mode, padding, dilation, count_include_pad,
// divisor_override, indices) with PyTorch 1.13's argument checks and output layouts.
#include "ops/kernels/pool_util.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick {

namespace pool {

using dense::shapeOf;
using dense::sizeAt;

int64_t outputSize(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dil,
                   bool ceil_mode) {
  int64_t num = in + 2 * pad - dil * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0);
  // Floor division (the numerator can be negative for inputs smaller than the window).
  int64_t q = num / stride;
  if ((num % stride != 0) && ((num < 0) != (stride < 0))) --q;
  int64_t out = q + 1;
  if (ceil_mode && (out - 1) * stride >= in + pad) --out;
  return out;
}

Planes planesOf(const Tensor& x, int64_t spatial) {
  Planes p;
  p.batched = x.dim() == spatial + 2;
  Tensor b = p.batched ? x : dense::unsqueezed(x, 0);
  p.batch = sizeAt(b, 0);
  p.channels = sizeAt(b, 1);
  p.channels_last = spatial == 2 && p.batched && dense::suggestChannelsLast(x);
  p.input = p.channels_last ? dense::channelsLast(b) : dense::contiguous(b);
  return p;
}

Tensor emptyOutput(const Planes& p, const Geometry& g, int64_t spatial, DType dtype) {
  DimVector sizes;
  if (p.batched) sizes.push_back(p.batch);
  sizes.push_back(p.channels);
  for (int64_t i = 3 - spatial; i < 3; ++i) sizes.push_back(g.out[i]);
  return dense::emptyWithFormat(sizes, dtype, p.channels_last);
}

void checkPoolDType(const Tensor& x, std::string_view op) {
  WICK_CHECK(x.dtype() != kBool, op, ": \"", op.substr(op.find(':') + 2),
             "\" not implemented for 'Bool'");
}

namespace {

// Runs f(plane, in_ptr, out_ptr, idx_ptr) over the N*C planes in parallel.
template <class T, class F>
void forEachPlane(const Planes& p, const Geometry& g, const T* in, T* out, int64_t* idx,
                  const F& f) {
  int64_t planes = p.batch * p.channels, isz = g.inSize(), osz = g.outSize();
  int64_t grain =
      std::max<int64_t>(1, 32768 / std::max<int64_t>(1, osz * g.k[0] * g.k[1] * g.k[2]));
  parallelFor(0, planes, grain, [&](int64_t b, int64_t e) {
    for (int64_t pl = b; pl < e; ++pl) {
      int64_t io = planeOffset(p, pl, isz), oo = planeOffset(p, pl, osz);
      f(in + io, out + oo, idx ? idx + oo : nullptr);
    }
  });
}

template <class T>
void maxPoolPlanes(const Planes& p, const Geometry& g, const T* in, T* out, int64_t* idx) {
  using C = dense::compute_t<T>;
  int64_t ss = spatialStride(p);
  forEachPlane<T>(p, g, in, out, idx, [&](const T* x, T* y, int64_t* ix) {
    int64_t o = 0;
    for (int64_t od = 0; od < g.out[0]; ++od)
      for (int64_t oh = 0; oh < g.out[1]; ++oh)
        for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
          C best = -std::numeric_limits<C>::infinity();
          if constexpr (std::is_integral_v<C>) best = std::numeric_limits<C>::lowest();
          int64_t best_i = -1;
          for (int64_t kd = 0; kd < g.k[0]; ++kd) {
            int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
            if (id < 0 || id >= g.in[0]) continue;
            for (int64_t kh = 0; kh < g.k[1]; ++kh) {
              int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
              if (ih < 0 || ih >= g.in[1]) continue;
              for (int64_t kw = 0; kw < g.k[2]; ++kw) {
                int64_t iw = ow * g.stride[2] - g.pad[2] + kw * g.dil[2];
                if (iw < 0 || iw >= g.in[2]) continue;
                int64_t s = (id * g.in[1] + ih) * g.in[2] + iw;
                C v = C(x[s * ss]);
                // A NaN always replaces the maximum (PyTorch propagates NaN, and the last
                // NaN of the window gives the index).
                bool nan = false;
                if constexpr (!std::is_integral_v<C>) nan = std::isnan(v);
                if (best_i < 0 || v > best || nan) {
                  best = v;
                  best_i = s;
                }
              }
            }
          }
          y[o * ss] = T(best);
          if (ix) ix[o * ss] = best_i;
        }
  });
}

template <class T>
void avgPoolPlanes(const Planes& p, const Geometry& g, const T* in, T* out, bool count_include_pad,
                   std::optional<int64_t> divisor) {
  using C = std::conditional_t<std::is_integral_v<T>, int64_t, double>;
  int64_t ss = spatialStride(p);
  forEachPlane<T>(p, g, in, out, nullptr, [&](const T* x, T* y, int64_t*) {
    int64_t o = 0;
    for (int64_t od = 0; od < g.out[0]; ++od)
      for (int64_t oh = 0; oh < g.out[1]; ++oh)
        for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
          int64_t start[3] = {od * g.stride[0] - g.pad[0], oh * g.stride[1] - g.pad[1],
                              ow * g.stride[2] - g.pad[2]};
          int64_t lo[3], hi[3], padded = 1, valid = 1;
          for (int d = 0; d < 3; ++d) {
            int64_t end = std::min(start[d] + g.k[d], g.in[d] + g.pad[d]);
            padded *= end - start[d];
            lo[d] = std::max<int64_t>(start[d], 0);
            hi[d] = std::min(end, g.in[d]);
            valid *= std::max<int64_t>(hi[d] - lo[d], 0);
          }
          C sum = 0;
          for (int64_t id = lo[0]; id < hi[0]; ++id)
            for (int64_t ih = lo[1]; ih < hi[1]; ++ih)
              for (int64_t iw = lo[2]; iw < hi[2]; ++iw)
                sum += C(x[((id * g.in[1] + ih) * g.in[2] + iw) * ss]);
          int64_t div = divisor ? *divisor : count_include_pad ? padded : valid;
          if constexpr (std::is_integral_v<T>) {
            y[o * ss] = div == 0 ? T(0) : static_cast<T>(sum / div);
          } else {
            y[o * ss] = T(static_cast<dense::compute_t<T>>(sum / static_cast<double>(div)));
          }
        }
  });
}

std::string joinX(const int64_t* v, int64_t from, const char* sep = "x") {
  std::ostringstream os;
  for (int64_t i = from; i < 3; ++i) os << (i > from ? sep : "") << v[i];
  return os.str();
}

}  // namespace

// Checks the parameters and input rank, and fills the geometry. `spatial` is 1, 2 or 3.
Geometry makeGeometry(const Tensor& x, int64_t spatial, IntArrayRef kernel, IntArrayRef stride,
                      IntArrayRef padding, IntArrayRef dilation, bool ceil_mode,
                      std::string_view op) {
  Geometry g;
  int64_t first = 3 - spatial;
  for (int64_t i = 0; i < spatial; ++i) {
    size_t j = static_cast<size_t>(i);
    int64_t d = first + i;
    g.k[d] = kernel.size() == 1 ? kernel[0] : kernel[j];
    g.stride[d] = stride.empty() ? g.k[d] : stride.size() == 1 ? stride[0] : stride[j];
    g.pad[d] = padding.size() == 1 ? padding[0] : padding[j];
    g.dil[d] = dilation.size() == 1 ? dilation[0] : dilation[j];
    g.in[d] = sizeAt(x, x.dim() - spatial + i);
  }
  for (int64_t d = first; d < 3; ++d) {
    WICK_CHECK(g.pad[d] * 2 <= g.k[d], op,
               ": pad should be at most half of kernel size, but got pad=", g.pad[d],
               " and kernel_size=", g.k[d]);
    g.out[d] = outputSize(g.in[d], g.k[d], g.pad[d], g.stride[d], g.dil[d], ceil_mode);
  }
  bool ok = true;
  for (int64_t d = first; d < 3; ++d) ok = ok && g.out[d] >= 1;
  int64_t c = sizeAt(x, x.dim() - spatial - 1);
  // 1-d average pooling runs as 2-d pooling of a height-1 image and reports that shape.
  int64_t from = spatial == 1 ? 1 : first;
  WICK_CHECK(ok, op, ": Given input size: (", c, "x", joinX(g.in, from),
             "). Calculated output size: (", c, "x", joinX(g.out, from),
             "). Output size is too small");
  return g;
}

// Parameter checks shared by the 2-d and 3-d pools (the 1-d ones word theirs differently).
void checkParams(std::string_view op, const char* name, int64_t spatial, IntArrayRef kernel,
                 IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool has_dilation) {
  const char* count = spatial == 2 ? "two" : "three";
  WICK_CHECK(kernel.size() == 1 || kernel.size() == size_t(spatial), op, ": ", name,
             ": kernel_size must either be a single int, or a tuple of ", count, " ints");
  WICK_CHECK(stride.empty() || stride.size() == 1 || stride.size() == size_t(spatial), op, ": ",
             name, ": stride must either be omitted, a single int, or a tuple of ", count, " ints");
  WICK_CHECK(padding.size() == 1 || padding.size() == size_t(spatial), op, ": ", name,
             ": padding must either be a single int, or a tuple of ", count, " ints");
  if (has_dilation) {
    WICK_CHECK(dilation.size() == 1 || dilation.size() == size_t(spatial), op, ": ", name,
               ": dilation must be either a single int, or a tuple of ", count, " ints");
  }
  auto positive = [](IntArrayRef v) {
    for (int64_t x : v)
      if (x <= 0) return false;
    return true;
  };
  // "kH: 0 kW: 2": PyTorch names each spatial dim's value.
  auto named = [&](const char* prefix, IntArrayRef v) {
    static const char* kDims[] = {"T", "H", "W"};
    std::ostringstream os;
    for (int64_t i = 0; i < spatial; ++i) {
      os << (i ? " " : "") << prefix << kDims[3 - spatial + i] << ": "
         << (v.size() == 1 ? v[0] : v[static_cast<size_t>(i)]);
    }
    return os.str();
  };
  WICK_CHECK(positive(stride), op, ": stride should not be zero");
  WICK_CHECK(positive(kernel), op, ": kernel size should be greater than zero, but got ",
             named("k", kernel));
  if (has_dilation) {
    WICK_CHECK(positive(dilation), op, ": dilation should be greater than zero, but got ",
               named("dilation", dilation));
  }
}

// Max pooling (with or without indices) over `spatial` trailing dims.
std::tuple<Tensor, Tensor> maxPool(const Tensor& x, int64_t spatial, const Geometry& g,
                                   bool with_indices) {
  Planes p = planesOf(x, spatial);
  Tensor out = emptyOutput(p, g, spatial, x.dtype());
  Tensor idx = with_indices ? emptyOutput(p, g, spatial, kLong) : Tensor();
  if (out.impl()->numel() == 0) return {out, idx};
  if (spatial == 2 && maxPool2dFast(p, g, out, with_indices ? &idx : nullptr)) return {out, idx};
  dense::visitDType(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      maxPoolPlanes<T>(p, g, static_cast<const T*>(p.input.data_ptr()),
                       static_cast<T*>(out.data_ptr()),
                       with_indices ? static_cast<int64_t*>(idx.data_ptr()) : nullptr);
    }
  });
  return {out, idx};
}

Tensor avgPool(const Tensor& x, int64_t spatial, const Geometry& g, bool count_include_pad,
               std::optional<int64_t> divisor) {
  Planes p = planesOf(x, spatial);
  Tensor out = emptyOutput(p, g, spatial, x.dtype());
  if (out.impl()->numel() == 0) return out;
  if (spatial == 2 && avgPool2dFast(p, g, out, count_include_pad, divisor)) return out;
  dense::visitDType(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, bool>) {
      avgPoolPlanes<T>(p, g, static_cast<const T*>(p.input.data_ptr()),
                       static_cast<T*>(out.data_ptr()), count_include_pad, divisor);
    }
  });
  return out;
}

}  // namespace pool

namespace kernels {

namespace {

using dense::shapeOf;

void checkRank(const Tensor& x, int64_t spatial, std::string_view op) {
  bool ok = (x.dim() == spatial + 1 || x.dim() == spatial + 2);
  // Only the batch dim may be empty.
  for (int64_t d = x.dim() - spatial - 1; ok && d < x.dim(); ++d) ok = dense::sizeAt(x, d) > 0;
  WICK_CHECK(ok, op, ": non-empty ", spatial + 1, "D or ", spatial + 2,
             "D (batch mode) tensor expected for input");
}

Tensor2 maxPoolNd(const Tensor& self, int64_t spatial, const char* name, IntArrayRef kernel_size,
                  IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool ceil_mode,
                  bool with_indices) {
  std::string op = std::string("aten::") + name;
  pool::checkParams(op, spatial == 2 ? "max_pool2d" : "max_pool3d", spatial, kernel_size, stride,
                    padding, dilation, true);
  checkRank(self, spatial, op);
  pool::checkPoolDType(self, op);
  pool::Geometry g =
      pool::makeGeometry(self, spatial, kernel_size, stride, padding, dilation, ceil_mode, op);
  return pool::maxPool(self, spatial, g, with_indices);
}

Tensor avgPoolNd(const Tensor& self, int64_t spatial, const char* name, IntArrayRef kernel_size,
                 IntArrayRef stride, IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                 std::optional<int64_t> divisor_override) {
  std::string op = std::string("aten::") + name;
  pool::checkParams(op, name, spatial, kernel_size, stride, padding, {}, false);
  checkRank(self, spatial, op);
  pool::checkPoolDType(self, op);
  WICK_CHECK(!divisor_override || *divisor_override != 0, op, ": divisor must be not zero");
  pool::Geometry g =
      pool::makeGeometry(self, spatial, kernel_size, stride, padding, {1}, ceil_mode, op);
  return pool::avgPool(self, spatial, g, count_include_pad, divisor_override);
}

// max_pool1d / avg_pool1d word their checks differently from the 2-d/3-d forms.
void check1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride, IntArrayRef padding,
             IntArrayRef dilation, const char* name, std::string_view op) {
  WICK_CHECK(self.dim() == 2 || self.dim() == 3, op, ": ", name,
             ": Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, "
             "but got:",
             shapeOf(self));
  WICK_CHECK(
      kernel_size.size() == 1, op, ": ", name,
      "() kernel_size must be an int, a list of ints or a tuple of ints of size 1 but got size ",
      kernel_size.size());
  WICK_CHECK(
      stride.empty() || stride.size() == 1, op, ": ", name,
      "() stride must be None, an int, a list of ints, or a tuple of ints of size 1 but got size ",
      stride.size());
  WICK_CHECK(
      padding.size() == 1, op, ": ", name,
      "() padding must be an int, a list of ints, or a tuple of ints of size 1 but got size ",
      padding.size());
  WICK_CHECK(kernel_size[0] > 0, op, ": ", name,
             "() kernel_size must be greater than zero, but got ", kernel_size[0]);
  WICK_CHECK(stride.empty() || stride[0] > 0, op, ": ", name,
             "() stride must be greater than zero, but got ", stride.empty() ? 0 : stride[0]);
  WICK_CHECK(padding[0] >= 0, op, ": ", name, "() padding must be non-negative, but got ",
             padding[0]);
  WICK_CHECK(padding[0] <= kernel_size[0] / 2, op, ": ", name,
             "() padding should be at most half of kernel size, but got padding=", padding[0],
             " and kernel_size=", kernel_size[0]);
  if (!dilation.empty()) {
    WICK_CHECK(
        dilation.size() == 1, op, ": ", name,
        "() dilation must be an int, a list of ints or a tuple of ints of size 1 but got size ",
        dilation.size());
    WICK_CHECK(dilation[0] > 0, op, ": ", name, "() dilation must be greater than zero, but got ",
               dilation[0]);
  }
}

}  // namespace

Tensor max_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  constexpr std::string_view op = "aten::max_pool1d";
  check1d(self, kernel_size, stride, padding, dilation, "max_pool1d", op);
  pool::checkPoolDType(self, op);
  int64_t in = dense::sizeAt(self, -1 + self.dim());
  int64_t s = stride.empty() ? kernel_size[0] : stride[0];
  int64_t out = pool::outputSize(in, kernel_size[0], padding[0], s, dilation[0], ceil_mode);
  WICK_CHECK(out >= 0, op, ": max_pool1d() Invalid computed output size: ", out);
  pool::Geometry g;
  g.in[2] = in;
  g.out[2] = out;
  g.k[2] = kernel_size[0];
  g.stride[2] = s;
  g.pad[2] = padding[0];
  g.dil[2] = dilation[0];
  return std::get<0>(pool::maxPool(self, 1, g, false));
}

Tensor max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(
      maxPoolNd(self, 2, "max_pool2d", kernel_size, stride, padding, dilation, ceil_mode, false));
}

Tensor2 max_pool2d_with_indices(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                                IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return maxPoolNd(self, 2, "max_pool2d_with_indices", kernel_size, stride, padding, dilation,
                   ceil_mode, true);
}

Tensor max_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return std::get<0>(
      maxPoolNd(self, 3, "max_pool3d", kernel_size, stride, padding, dilation, ceil_mode, false));
}

Tensor2 max_pool3d_with_indices(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                                IntArrayRef padding, IntArrayRef dilation, bool ceil_mode) {
  return maxPoolNd(self, 3, "max_pool3d_with_indices", kernel_size, stride, padding, dilation,
                   ceil_mode, true);
}

Tensor avg_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad) {
  constexpr std::string_view op = "aten::avg_pool1d";
  WICK_CHECK(
      self.dim() == 2 || self.dim() == 3, op, ": Expected 2 to 3 dimensions, but got ", self.dim(),
      "-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)");
  WICK_CHECK(kernel_size.size() == 1, op,
             ": avg_pool1d() argument 'kernel_size' should contain one int (got ",
             kernel_size.size(), ")");
  WICK_CHECK(stride.size() <= 1, op,
             ": avg_pool1d() argument 'stride' should contain one int (got ", stride.size(), ")");
  WICK_CHECK(padding.size() == 1, op,
             ": avg_pool1d() argument 'padding' should contain one int (got ", padding.size(), ")");
  // PyTorch runs avg_pool1d as avg_pool2d on a height-1 image and words errors that way.
  pool::checkParams(op, "avg_pool2d", 1, kernel_size, stride, padding, {}, false);
  pool::checkPoolDType(self, op);
  pool::Geometry g = pool::makeGeometry(self, 1, kernel_size, stride, padding, {1}, ceil_mode, op);
  return pool::avgPool(self, 1, g, count_include_pad, std::nullopt);
}

Tensor avg_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                  std::optional<int64_t> divisor_override) {
  return avgPoolNd(self, 2, "avg_pool2d", kernel_size, stride, padding, ceil_mode,
                   count_include_pad, divisor_override);
}

Tensor avg_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride,
                  IntArrayRef padding, bool ceil_mode, bool count_include_pad,
                  std::optional<int64_t> divisor_override) {
  return avgPoolNd(self, 3, "avg_pool3d", kernel_size, stride, padding, ceil_mode,
                   count_include_pad, divisor_override);
}

}  // namespace kernels

}  // namespace wick
