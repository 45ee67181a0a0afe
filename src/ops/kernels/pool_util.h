// Shared pieces of the pooling kernels (pool*.cpp): window geometry normalised to three
// spatial dims (missing leading dims have size 1), and the layouts pooling runs in.
#pragma once

#include <optional>
#include <string_view>

#include "wick/core/tensor.h"

namespace wick::pool {

struct Geometry {
  int64_t in[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  int64_t k[3] = {1, 1, 1}, stride[3] = {1, 1, 1}, pad[3] = {0, 0, 0}, dil[3] = {1, 1, 1};
  int64_t inSize() const { return in[0] * in[1] * in[2]; }
  int64_t outSize() const { return out[0] * out[1] * out[2]; }
};

// PyTorch's pooling_output_shape: floor or ceil division, and with ceil_mode the last
// window must start inside the input or its left padding.
int64_t outputSize(int64_t in, int64_t k, int64_t pad, int64_t stride, int64_t dil, bool ceil_mode);

// A batched view of the input: [N, C, spatial...] with N = 1 for unbatched input. `layout`
// is the tensor pooling reads (contiguous NCHW or channels-last NHWC), `channels_last`
// says which.
struct Planes {
  Tensor input;
  int64_t batch = 1, channels = 1;
  bool channels_last = false;
  bool batched = true;
};
Planes planesOf(const Tensor& x, int64_t spatial);

// Output of shape [N, C, out...] (or [C, out...] when unbatched) in the input's layout.
Tensor emptyOutput(const Planes& p, const Geometry& g, int64_t spatial, DType dtype);

// The [N*C] planes of `t` (contiguous or channels-last): plane i's element s (flattened
// spatial index) is at base + planeOffset(i) + s * spatialStride.
inline int64_t planeOffset(const Planes& p, int64_t plane, int64_t spatial_size) {
  if (!p.channels_last) return plane * spatial_size;
  int64_t n = plane / p.channels, c = plane % p.channels;
  return n * p.channels * spatial_size + c;
}
inline int64_t spatialStride(const Planes& p) { return p.channels_last ? p.channels : 1; }

// Vectorised 2-d pooling for float32/float64 (pool_fast.cpp); false when the case is not
// covered (the caller then runs the generic loops).
bool maxPool2dFast(const Planes& p, const Geometry& g, const Tensor& out, const Tensor* idx);
bool avgPool2dFast(const Planes& p, const Geometry& g, const Tensor& out, bool count_include_pad,
                   std::optional<int64_t> divisor);

// Raises "not implemented for 'Bool'" style errors for dtypes pooling does not support.
void checkPoolDType(const Tensor& x, std::string_view op);

}  // namespace wick::pool
