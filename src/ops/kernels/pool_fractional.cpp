// Fractional max pooling (aten::fractional_max_pool2d/3d) as PyTorch 1.13 computes it: each
// (batch, plane) has one sample in [0, 1) per spatial dim (random_samples, which
// F.fractional_max_pool draws with torch.rand) that places the pooling windows; results are
// the window maxima (NaN wins) and their flat positions in the input plane.
#include <cmath>
#include <limits>
#include <vector>

#include "ops/dnnl/dense_util.h"
#include "ops/parallel.h"
#include "wick/ops/kernels.h"

namespace wick::kernels {

namespace {

// Window starts along one dim, PyTorch's generate_intervals.
template <class T>
std::vector<int64_t> windowStarts(T sample, int64_t input, int64_t output, int64_t pool) {
  std::vector<int64_t> starts(static_cast<size_t>(output));
  if (output > 1) {
    T alpha = static_cast<T>(input - pool) / static_cast<T>(output - 1);
    for (int64_t i = 0; i < output - 1; ++i) {
      starts[i] =
          static_cast<int>((static_cast<T>(i) + sample) * alpha) - static_cast<int>(sample * alpha);
    }
  }
  if (output > 0) starts[output - 1] = input - pool;
  return starts;
}

// Pools `dims` (2 or 3) spatial dims; `kernel` names PyTorch's kernel in dtype errors and
// `where` prefixes its shape messages.
Tensor2 fractionalMaxPool(const char* op, int dims, const Tensor& self, IntArrayRef kernel_size,
                          IntArrayRef output_size, const Tensor& random_samples) {
  const char* where = dims == 2 ? "fractional_max_pool2d()" : "fractional_max_pool3d_out()";
  const char* kernel =
      dims == 2 ? "fractional_max_pool2d_out_frame" : "fractional_max_pool3d_out_frame";
  WICK_CHECK(static_cast<int>(kernel_size.size()) == dims, op,
             ": kernel_size must either be a single Int or tuple of Ints");
  WICK_CHECK(static_cast<int>(output_size.size()) == dims, op,
             ": output_size must either be a single Int or tuple of Ints");
  int64_t nd = self.dim();
  IntArrayRef shape = dense::shapeOf(self);
  WICK_CHECK(nd == dims + 1 || nd == dims + 2, op, ": ", where, ": Expected ", dims + 1, "D or ",
             dims + 2, "D tensor, but got: ", shape);
  for (int64_t d = 1; d < nd; ++d) {
    WICK_CHECK(shape[d] > 0, op, ": ", where,
               ": Expected input to have non-zero size for non-batch dimensions, but got", shape,
               " with dimension ", d, " being empty.");
  }
  bool batched = nd == dims + 2;
  int64_t batch = batched ? shape[0] : 1, planes = shape[batched ? 1 : 0];
  std::vector<int64_t> in(shape.end() - dims, shape.end());
  static const char* kNames[3][2] = {{"time", "time"}, {"height", "height"}, {"width", "width"}};
  for (int d = 0; d < dims; ++d) {
    const char* name = kNames[dims == 2 ? d + 1 : d][0];
    WICK_CHECK(output_size[d] + kernel_size[d] - 1 <= in[d], op, ": ", where, ": pool ", name, " ",
               kernel_size[d], " too large relative to input ", name, " ", in[d]);
    WICK_CHECK(output_size[d] >= 0 && kernel_size[d] > 0, op, ": ", where,
               ": kernel and output sizes must be positive");
  }
  DType dt = self.dtype();
  WICK_CHECK_TYPE(dt == kFloat || dt == kDouble, op, ": \"", kernel, "\" not implemented for '",
                  graphName(dt), "'");
  WICK_CHECK_TYPE(random_samples.dtype() == dt, op, ": expected scalar type ",
                  dense::scalarTypeName(dt), " but found ",
                  dense::scalarTypeName(random_samples.dtype()));
  // PyTorch reads samples[b][plane][0..dims-1] without checking the shape.
  WICK_CHECK(random_samples.dim() == 3 && dense::sizeAt(random_samples, 0) >= batch &&
                 dense::sizeAt(random_samples, 1) >= planes &&
                 dense::sizeAt(random_samples, 2) >= dims,
             op, ": random_samples must have shape (", batch, ", ", planes, ", ", dims,
             ") or larger, but got ", dense::shapeOf(random_samples));
  DimVector out_shape;
  if (batched) out_shape.push_back(batch);
  out_shape.push_back(planes);
  for (int d = 0; d < dims; ++d) out_shape.push_back(output_size[d]);
  Tensor out = emptyTensor(out_shape, dt);
  Tensor indices = emptyTensor(out_shape, kLong);
  Tensor x = dense::contiguous(self), samples = dense::contiguous(random_samples);
  int64_t sample_stride = dense::sizeAt(samples, 2),
          samples_per_batch = dense::sizeAt(samples, 1) * sample_stride;
  // 2-d pooling is 3-d pooling with a time dim of 1.
  int64_t it = dims == 3 ? in[0] : 1, ih = in[dims - 2], iw = in[dims - 1];
  int64_t ot = dims == 3 ? output_size[0] : 1, oh = output_size[dims - 2],
          ow = output_size[dims - 1];
  int64_t kt = dims == 3 ? kernel_size[0] : 1, kh = kernel_size[dims - 2],
          kw = kernel_size[dims - 1];
  WICK_DISPATCH_FLOATING(dt, op, {
    if constexpr (std::is_same_v<scalar_t, float> || std::is_same_v<scalar_t, double>) {
      using T = scalar_t;
      const T* xp = static_cast<const T*>(x.data_ptr());
      const T* sp = static_cast<const T*>(samples.data_ptr());
      T* op_data = static_cast<T*>(out.data_ptr());
      int64_t* ip = static_cast<int64_t*>(indices.data_ptr());
      parallelFor(0, batch * planes, 1, [&](int64_t begin, int64_t end) {
        for (int64_t bp = begin; bp < end; ++bp) {
          int64_t b = bp / planes, plane = bp % planes;
          const T* s = sp + b * samples_per_batch + plane * sample_stride;
          // PyTorch's sample order: (w, h) in 2-d, (t, h, w) in 3-d.
          T st = dims == 3 ? s[0] : T(0);
          T sh = dims == 3 ? s[1] : s[1];
          T sw = dims == 3 ? s[2] : s[0];
          std::vector<int64_t> seq_t = windowStarts<T>(st, it, ot, kt);
          std::vector<int64_t> seq_h = windowStarts<T>(sh, ih, oh, kh);
          std::vector<int64_t> seq_w = windowStarts<T>(sw, iw, ow, kw);
          const T* plane_in = xp + bp * it * ih * iw;
          T* plane_out = op_data + bp * ot * oh * ow;
          int64_t* plane_idx = ip + bp * ot * oh * ow;
          for (int64_t t = 0; t < ot; ++t) {
            for (int64_t h = 0; h < oh; ++h) {
              for (int64_t w = 0; w < ow; ++w) {
                T best = -std::numeric_limits<T>::infinity();
                int64_t best_at = (seq_t[t] * ih + seq_h[h]) * iw + seq_w[w];
                for (int64_t t2 = seq_t[t]; t2 < seq_t[t] + kt; ++t2) {
                  for (int64_t h2 = seq_h[h]; h2 < seq_h[h] + kh; ++h2) {
                    for (int64_t w2 = seq_w[w]; w2 < seq_w[w] + kw; ++w2) {
                      int64_t at = (t2 * ih + h2) * iw + w2;
                      T v = plane_in[at];
                      if (v > best || std::isnan(v)) {
                        best = v;
                        best_at = at;
                      }
                    }
                  }
                }
                int64_t o = (t * oh + h) * ow + w;
                plane_out[o] = best;
                plane_idx[o] = best_at;
              }
            }
          }
        }
      });
    }
  });
  return {out, indices};
}

}  // namespace

Tensor2 fractional_max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef output_size,
                              const Tensor& random_samples) {
  return fractionalMaxPool("aten::fractional_max_pool2d", 2, self, kernel_size, output_size,
                           random_samples);
}

Tensor2 fractional_max_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef output_size,
                              const Tensor& random_samples) {
  return fractionalMaxPool("aten::fractional_max_pool3d", 3, self, kernel_size, output_size,
                           random_samples);
}

}  // namespace wick::kernels
