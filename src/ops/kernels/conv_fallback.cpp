// The im2col/GEMM convolution used for float64 and integer tensors and for configurations
// oneDNN has no kernel for. Spatial dims are normalised to three (missing ones have size 1),
// so one code path serves conv1d, conv2d and conv3d, transposed or not.
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/dnnl/dtype_visit.h"
#include "ops/dnnl/gemm.h"
#include "ops/kernels/conv_util.h"
#include "ops/parallel.h"

namespace wick::conv {

namespace {

struct Geometry {
  int64_t in[3] = {1, 1, 1}, k[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  int64_t stride[3] = {1, 1, 1}, pad[3] = {0, 0, 0}, dil[3] = {1, 1, 1};
  int64_t inSize() const { return in[0] * in[1] * in[2]; }
  int64_t kSize() const { return k[0] * k[1] * k[2]; }
  int64_t outSize() const { return out[0] * out[1] * out[2]; }
};

Geometry geometryOf(const Tensor& input, const Tensor& weight, const ConvArgs& a,
                    IntArrayRef out_sizes) {
  Geometry g;
  size_t n = a.stride.size();
  for (size_t i = 0; i < n; ++i) {
    size_t j = 3 - n + i;
    g.in[j] = dense::sizeAt(input, static_cast<int64_t>(i) + 2);
    g.k[j] = dense::sizeAt(weight, static_cast<int64_t>(i) + 2);
    g.out[j] = out_sizes[i + 2];
    g.stride[j] = a.stride[i];
    g.pad[j] = a.pad_l[i];
    g.dil[j] = a.dilation[i];
  }
  return g;
}

template <class T>
inline T wrapAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<uint64_t>(static_cast<int64_t>(a)) +
                          static_cast<uint64_t>(static_cast<int64_t>(b)));
  } else {
    return a + b;
  }
}

// Calls f(row, kernel offset (kd, kh, kw)) for every kernel tap and input channel.
template <class F>
void forEachTap(const Geometry& g, int64_t channels, const F& f) {
  int64_t row = 0;
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t kd = 0; kd < g.k[0]; ++kd)
      for (int64_t kh = 0; kh < g.k[1]; ++kh)
        for (int64_t kw = 0; kw < g.k[2]; ++kw) f(row++, c, kd, kh, kw);
}

// col[(c, kd, kh, kw), (od, oh, ow)] = x[c, od*s - p + kd*d, ...] (0 in the padding).
template <class T>
void im2col(const Geometry& g, int64_t channels, const T* x, T* col) {
  int64_t osz = g.outSize(), isz = g.inSize();
  forEachTap(g, channels, [&](int64_t row, int64_t c, int64_t kd, int64_t kh, int64_t kw) {
    T* dst = col + row * osz;
    const T* src = x + c * isz;
    for (int64_t od = 0; od < g.out[0]; ++od) {
      int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
      for (int64_t oh = 0; oh < g.out[1]; ++oh) {
        int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
        bool row_ok = id >= 0 && id < g.in[0] && ih >= 0 && ih < g.in[1];
        T* d = dst + (od * g.out[1] + oh) * g.out[2];
        for (int64_t ow = 0; ow < g.out[2]; ++ow) {
          int64_t iw = ow * g.stride[2] - g.pad[2] + kw * g.dil[2];
          d[ow] =
              row_ok && iw >= 0 && iw < g.in[2] ? src[(id * g.in[1] + ih) * g.in[2] + iw] : T(0);
        }
      }
    }
  });
}

// The adjoint of im2col for transposed convolution: out[oc, i*s - p + k*d] += col[(oc, k), i],
// where `g.in` is the transposed convolution's input and `g.out` its output.
template <class T>
void col2im(const Geometry& g, int64_t channels, const T* col, T* out) {
  int64_t isz = g.inSize(), osz = g.outSize();
  forEachTap(g, channels, [&](int64_t row, int64_t c, int64_t kd, int64_t kh, int64_t kw) {
    const T* src = col + row * isz;
    T* dst = out + c * osz;
    for (int64_t id = 0; id < g.in[0]; ++id) {
      int64_t od = id * g.stride[0] - g.pad[0] + kd * g.dil[0];
      if (od < 0 || od >= g.out[0]) continue;
      for (int64_t ih = 0; ih < g.in[1]; ++ih) {
        int64_t oh = ih * g.stride[1] - g.pad[1] + kh * g.dil[1];
        if (oh < 0 || oh >= g.out[1]) continue;
        const T* s = src + (id * g.in[1] + ih) * g.in[2];
        T* d = dst + (od * g.out[1] + oh) * g.out[2];
        for (int64_t iw = 0; iw < g.in[2]; ++iw) {
          int64_t ow = iw * g.stride[2] - g.pad[2] + kw * g.dil[2];
          if (ow >= 0 && ow < g.out[2]) d[ow] = wrapAdd(d[ow], s[iw]);
        }
      }
    }
  });
}

template <class T>
void addBias(const T* bias, int64_t batch, int64_t channels, int64_t spatial, T* out) {
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t c = 0; c < channels; ++c) {
      T* o = out + (n * channels + c) * spatial;
      for (int64_t i = 0; i < spatial; ++i) o[i] = wrapAdd(o[i], bias[c]);
    }
}

template <class T>
void convForward(const Geometry& g, const ConvArgs& a, DType dt, const T* x, const T* w, T* out,
                 int64_t batch, int64_t in_c, int64_t out_c) {
  int64_t groups = a.groups, icg = in_c / groups, ocg = out_c / groups;
  int64_t kk = icg * g.kSize(), osz = g.outSize(), isz = g.inSize();
  parallelFor(0, batch, 1, [&](int64_t n0, int64_t n1) {
    std::vector<T> col(static_cast<size_t>(kk * osz));
    for (int64_t n = n0; n < n1; ++n) {
      for (int64_t gi = 0; gi < groups; ++gi) {
        im2col(g, icg, x + (n * in_c + gi * icg) * isz, col.data());
        dense::gemm(dt, ocg, osz, kk, 1, dense::MatRef{w + gi * ocg * kk, kk, 1},
                    dense::MatRef{col.data(), osz, 1}, 0, out + (n * out_c + gi * ocg) * osz, osz);
      }
    }
  });
}

template <class T>
void convTransposed(const Geometry& g, const ConvArgs& a, DType dt, const T* x, const T* w, T* out,
                    int64_t batch, int64_t in_c, int64_t out_c) {
  int64_t groups = a.groups, icg = in_c / groups, ocg = out_c / groups;
  int64_t rows = ocg * g.kSize(), isz = g.inSize(), osz = g.outSize();
  parallelFor(0, batch, 1, [&](int64_t n0, int64_t n1) {
    std::vector<T> col(static_cast<size_t>(rows * isz));
    for (int64_t n = n0; n < n1; ++n) {
      T* o = out + n * out_c * osz;
      std::fill(o, o + out_c * osz, T(0));
      for (int64_t gi = 0; gi < groups; ++gi) {
        // col = W_g^T @ x_g with W_g the [icg, ocg * K] slice of the weight.
        dense::gemm(dt, rows, isz, icg, 1, dense::MatRef{w + gi * icg * rows, 1, rows},
                    dense::MatRef{x + (n * in_c + gi * icg) * isz, isz, 1}, 0, col.data(), isz);
        col2im(g, ocg, col.data(), o + gi * ocg * osz);
      }
    }
  });
}

}  // namespace

Tensor convolutionFallback(const Tensor& input, const Tensor& weight,
                           const std::optional<Tensor>& bias, const ConvArgs& a,
                           IntArrayRef out_sizes) {
  DType dt = input.dtype();
  if (dt == kHalf || dt == kBFloat16) {
    std::optional<Tensor> b;
    if (bias) b = dense::contiguousAs(*bias, kFloat);
    Tensor r = convolutionFallback(dense::contiguousAs(input, kFloat),
                                   dense::contiguousAs(weight, kFloat), b, a, out_sizes);
    return dense::contiguousAs(r, dt);
  }
  Tensor x = dense::contiguous(input), w = dense::contiguous(weight);
  Tensor out = emptyTensor(out_sizes, dt);
  if (out.impl()->numel() == 0) return out;
  int64_t batch = out_sizes[0], out_c = out_sizes[1], in_c = dense::sizeAt(input, 1);
  dense::visitDType(dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, bool> || dense::kIsReduced<T>) {
      WICK_INTERNAL_ASSERT(false, "convolution fallback on ", dt);
    } else {
      const T* xp = static_cast<const T*>(x.data_ptr());
      const T* wp = static_cast<const T*>(w.data_ptr());
      T* op = static_cast<T*>(out.data_ptr());
      if (!a.transposed) {
        Geometry g = geometryOf(input, weight, a, out_sizes);
        convForward<T>(g, a, dt, xp, wp, op, batch, in_c, out_c);
      } else {
        // Seen from the transposed convolution, the geometry's "input" is our input and
        // its "output" is our output; the weight taps are the same.
        Geometry g = geometryOf(input, weight, a, out_sizes);
        convTransposed<T>(g, a, dt, xp, wp, op, batch, in_c, out_c);
      }
      if (bias) {
        Tensor b = dense::contiguous(*bias);
        addBias(static_cast<const T*>(b.data_ptr()), batch, out_c,
                out.impl()->numel() / std::max<int64_t>(batch * out_c, 1), op);
      }
    }
  });
  return out;
}

}  // namespace wick::conv
