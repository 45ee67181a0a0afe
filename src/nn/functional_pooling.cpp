// nn::functional pooling. Each function records the aten op F.<name> records in PyTorch 1.13
// (max_pool2d -> aten::max_pool2d, with indices -> aten::max_pool2d_with_indices, ...).
#include "wick/nn/functional/pooling.h"

#include <vector>

#include "wick/ops/functions.h"

namespace wick::nn::functional {

namespace {

// F.max_pool*d passes an empty stride list when no stride is given (the op then uses the
// kernel size).
template <size_t D>
IntArrayRef strideOrEmpty(const std::optional<ExpandingArray<D>>& stride) {
  return stride ? stride->ref() : IntArrayRef();
}

}  // namespace

Tensor max_pool1d(const Tensor& input, ExpandingArray<1> kernel_size,
                  std::optional<ExpandingArray<1>> stride, ExpandingArray<1> padding,
                  ExpandingArray<1> dilation, bool ceil_mode) {
  return ops::max_pool1d(input, kernel_size.ref(), strideOrEmpty(stride), padding.ref(),
                         dilation.ref(), ceil_mode);
}

std::tuple<Tensor, Tensor> max_pool1d_with_indices(const Tensor& input,
                                                   ExpandingArray<1> kernel_size,
                                                   std::optional<ExpandingArray<1>> stride,
                                                   ExpandingArray<1> padding,
                                                   ExpandingArray<1> dilation, bool ceil_mode) {
  // A length-L signal is pooled as a 1 x L image: the 2-d indices over 1 x L are the 1-d ones.
  int64_t ndim = input.dim();
  WICK_CHECK(ndim == 2 || ndim == 3, "max_pool1d() Expected 2D or 3D input tensor, but got ",
             input.sizes());
  int64_t k[2] = {1, kernel_size[0]}, p[2] = {0, padding[0]}, d[2] = {1, dilation[0]};
  int64_t s[2] = {1, stride ? (*stride)[0] : kernel_size[0]};
  auto [out, idx] =
      ops::max_pool2d_with_indices(ops::unsqueeze(input, -2), IntArrayRef(k, 2), IntArrayRef(s, 2),
                                   IntArrayRef(p, 2), IntArrayRef(d, 2), ceil_mode);
  return {ops::squeeze_dim(out, -2), ops::squeeze_dim(idx, -2)};
}

Tensor max_pool2d(const Tensor& input, ExpandingArray<2> kernel_size,
                  std::optional<ExpandingArray<2>> stride, ExpandingArray<2> padding,
                  ExpandingArray<2> dilation, bool ceil_mode) {
  return ops::max_pool2d(input, kernel_size.ref(), strideOrEmpty(stride), padding.ref(),
                         dilation.ref(), ceil_mode);
}

std::tuple<Tensor, Tensor> max_pool2d_with_indices(const Tensor& input,
                                                   ExpandingArray<2> kernel_size,
                                                   std::optional<ExpandingArray<2>> stride,
                                                   ExpandingArray<2> padding,
                                                   ExpandingArray<2> dilation, bool ceil_mode) {
  return ops::max_pool2d_with_indices(input, kernel_size.ref(), strideOrEmpty(stride),
                                      padding.ref(), dilation.ref(), ceil_mode);
}

Tensor avg_pool2d(const Tensor& input, ExpandingArray<2> kernel_size,
                  std::optional<ExpandingArray<2>> stride, ExpandingArray<2> padding,
                  bool ceil_mode, bool count_include_pad, std::optional<int64_t> divisor_override) {
  std::optional<SymInt> divisor;
  if (divisor_override) divisor = SymInt(*divisor_override);
  return ops::avg_pool2d(input, kernel_size.ref(), strideOrEmpty(stride), padding.ref(), ceil_mode,
                         count_include_pad, divisor);
}

Tensor adaptive_avg_pool1d(const Tensor& input, ExpandingArray<1> output_size) {
  return ops::adaptive_avg_pool1d(input, output_size.ref());
}

Tensor adaptive_avg_pool2d(const Tensor& input, ExpandingArrayWithOptional<2> output_size) {
  // A None entry takes the input's size there (PyTorch's _list_with_default), read as a
  // traced size so the trace stays shape-generic.
  bool any_none = !output_size[0] || !output_size[1];
  WICK_CHECK(!any_none || input.dim() > 2, "Input dimension should be at least 3");
  std::vector<SymInt> sizes;
  for (size_t i = 0; i < 2; ++i) {
    int64_t dim = input.dim() - 2 + static_cast<int64_t>(i);
    sizes.push_back(output_size[i] ? SymInt(*output_size[i]) : input.size(dim));
  }
  return ops::adaptive_avg_pool2d(input, sizes);
}

}  // namespace wick::nn::functional
