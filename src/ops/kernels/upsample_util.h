// What the interpolation kernels (upsample.cpp, upsample_nd.cpp) share: PyTorch 1.13's scale
// and nearest-index rules (UpSample.h), the checks of input rank and sizes, and the output
// size of the .vec forms.
#pragma once

#include <optional>
#include <string_view>

#include "wick/core/tensor.h"

namespace wick::interp {

// 1 / scale when a positive scale is given, else in / out (compute_scales_value).
template <class S>
S scaleValue(std::optional<double> scale, int64_t in, int64_t out) {
  return scale && *scale > 0 ? static_cast<S>(1.0 / *scale)
                             : static_cast<S>(in) / static_cast<S>(out);
}

// The source index of output index `o` for nearest (and, with `exact`, nearest-exact)
// interpolation, computed in float as PyTorch does.
int64_t nearestIndex(int64_t o, int64_t in, int64_t out, std::optional<double> scale,
                     bool exact = false);

// Rank, output_size length and positive sizes ("(D: 3, H: 4, W: 5)" in the messages).
void checkSizes(const Tensor& x, IntArrayRef output_size, int64_t spatial, std::string_view op);

// The .vec forms: output sizes from scale factors (floor(in * scale)) or given directly.
DimVector vecOutputSize(const Tensor& x, std::optional<IntArrayRef> output_size,
                        std::optional<ArrayRef<double>> scale_factors, int64_t spatial,
                        std::string_view op);

}  // namespace wick::interp
