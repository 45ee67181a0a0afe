// nn::functional::interpolate, following torch.nn.functional.interpolate of PyTorch 1.13 for
// the nearest (1-d, 2-d) and bilinear (2-d) modes: the op gets either the output size or the
// scale factors (never both), as PyTorch passes them, so traced graphs match.
#include <cmath>
#include <sstream>

#include "nn/functional_util.h"
#include "wick/nn/functional/upsampling.h"
#include "wick/ops/functions.h"

namespace wick::nn::functional {

namespace {

std::string listText(const std::vector<double>& v) {
  std::ostringstream os;
  os << '[';
  for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  return os.str() + "]";
}

struct Resolved {
  std::optional<std::vector<int64_t>> output_size;
  std::optional<std::vector<double>> scale_factors;
};

// Expands a single size or scale to every spatial dimension and checks the counts.
Resolved resolveSizes(const Tensor& input, const InterpolateOptions& o, int64_t dim) {
  std::vector<int64_t> spatial(input.sizes().begin() + 2, input.sizes().end());
  Resolved r;
  WICK_CHECK(!(o.size() && o.scale_factor()), "only one of size or scale_factor should be defined");
  if (o.size()) {
    std::vector<int64_t> size = *o.size();
    if (o.size_is_scalar()) size.assign(static_cast<size_t>(dim), size[0]);
    WICK_CHECK(static_cast<int64_t>(size.size()) == dim,
               "Input and output must have the same number of spatial dimensions, but got input "
               "with spatial dimensions of ",
               impl::sizesText(spatial), " and output size of ", impl::sizesText(size),
               ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in "
               "(o1, o2, ...,oK) format.");
    r.output_size = std::move(size);
  } else if (o.scale_factor()) {
    std::vector<double> scale = *o.scale_factor();
    if (o.scale_is_scalar()) scale.assign(static_cast<size_t>(dim), scale[0]);
    WICK_CHECK(static_cast<int64_t>(scale.size()) == dim,
               "Input and scale_factor must have the same number of spatial dimensions, but got "
               "input with spatial dimensions of ",
               impl::sizesText(spatial), " and scale_factor of shape ", listText(scale),
               ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in "
               "(s1, s2, ...,sK) format.");
    r.scale_factors = std::move(scale);
  } else {
    WICK_FAIL("either size or scale_factor should be defined");
  }
  if (o.recompute_scale_factor().value_or(false)) {
    WICK_CHECK(!o.size(), "recompute_scale_factor is not meaningful with an explicit size.");
    std::vector<int64_t> size;
    for (int64_t i = 0; i < dim; ++i) {
      size.push_back(
          static_cast<int64_t>(std::floor(static_cast<double>(spatial[static_cast<size_t>(i)]) *
                                          (*r.scale_factors)[static_cast<size_t>(i)])));
    }
    r.output_size = std::move(size);
    r.scale_factors.reset();
  }
  return r;
}

}  // namespace

Tensor interpolate(const Tensor& input, const InterpolateOptions& options) {
  const std::string& mode = options.mode();
  WICK_CHECK(mode == "nearest" || mode == "bilinear", "interpolate: mode '", mode,
             "' is not supported; the supported modes are nearest and bilinear");
  if (mode == "nearest") {
    WICK_CHECK(!options.align_corners(),
               "align_corners option can only be set with the interpolating modes: linear | "
               "bilinear | bicubic | trilinear");
  }
  int64_t ndim = input.dim();
  WICK_CHECK(ndim >= 3 && ndim <= 5,
             "Input Error: Only 3D, 4D and 5D input Tensors supported (got ", ndim,
             "D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | "
             "nearest-exact (got ",
             mode, ")");
  Resolved r = resolveSizes(input, options, ndim - 2);
  std::optional<IntArrayRef> size;
  if (r.output_size) size = IntArrayRef(*r.output_size);
  std::optional<ArrayRef<double>> scales;
  if (r.scale_factors) scales = ArrayRef<double>(*r.scale_factors);
  if (mode == "nearest") {
    WICK_CHECK(ndim != 5, "interpolate: 3-d (5D input) nearest upsampling is not supported");
    return ndim == 3 ? ops::upsample_nearest1d_vec(input, size, scales)
                     : ops::upsample_nearest2d_vec(input, size, scales);
  }
  WICK_CHECK(ndim != 3, "Got 3D input, but bilinear mode needs 4D input");
  WICK_CHECK(ndim != 5, "Got 5D input, but bilinear mode needs 4D input");
  return ops::upsample_bilinear2d_vec(input, size, options.align_corners().value_or(false), scales);
}

}  // namespace wick::nn::functional
