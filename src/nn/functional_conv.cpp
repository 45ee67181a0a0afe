// nn::functional linear maps and convolutions. Convolutions with numeric padding record
// aten::_convolution, the op PyTorch 1.13's tracer records for F.conv*d, with the flags
// torch.conv*d passes (benchmark=False, deterministic=False, cudnn_enabled=True,
// allow_tf32=True); an unbatched input is unsqueezed around it, as at::conv2d does.
#include "wick/nn/functional/linear.h"

#include <sstream>

#include "nn/functional_util.h"
#include "wick/ops/functions.h"

namespace wick::nn::impl {

std::string sizesText(IntArrayRef sizes) {
  std::ostringstream os;
  os << sizes;
  return os.str();
}

}  // namespace wick::nn::impl

namespace wick::nn::functional {

using impl::optionalTensor;

Tensor linear(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias) {
  return ops::linear(input, weight, optionalTensor(bias));
}

Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const std::optional<Tensor>& bias) {
  return ops::bilinear(input1, input2, weight, optionalTensor(bias));
}

namespace {

struct ConvArgs {
  IntArrayRef stride, padding, dilation, output_padding;
  bool transposed = false;
  int64_t groups = 1;
};

// Checks the rank ((D+1)-d unbatched or (D+2)-d batched), runs aten::_convolution and drops
// the batch dimension again for unbatched inputs.
Tensor convolution(const char* name, size_t spatial, const Tensor& input, const Tensor& weight,
                   const std::optional<Tensor>& bias, const ConvArgs& a) {
  int64_t ndim = input.dim();
  auto batched = static_cast<int64_t>(spatial) + 2;
  WICK_CHECK(ndim == batched || ndim == batched - 1, "Expected ", batched - 1, "D (unbatched) or ",
             batched, "D (batched) input to ", name, ", but got input of size: ", input.sizes());
  bool is_batched = ndim == batched;
  Tensor x = is_batched ? input : ops::unsqueeze(input, 0);
  Tensor out = ops::_convolution(x, weight, optionalTensor(bias), a.stride, a.padding, a.dilation,
                                 a.transposed, a.output_padding, a.groups,
                                 /*benchmark=*/false, /*deterministic=*/false,
                                 /*cudnn_enabled=*/true, /*allow_tf32=*/true);
  return is_batched ? out : ops::squeeze_dim(out, 0);
}

}  // namespace

Tensor conv1d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              ExpandingArray<1> stride, ConvPadding<1> padding, ExpandingArray<1> dilation,
              int64_t groups) {
  if (padding.is_string()) {
    return ops::_convolution_mode(input, weight, optionalTensor(bias), stride.ref(), padding.mode(),
                                  dilation.ref(), groups);
  }
  const int64_t zero = 0;
  return convolution(
      "conv1d", 1, input, weight, bias,
      {stride.ref(), padding.sizes().ref(), dilation.ref(), IntArrayRef(zero), false, groups});
}

Tensor conv2d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              ExpandingArray<2> stride, ConvPadding<2> padding, ExpandingArray<2> dilation,
              int64_t groups) {
  if (padding.is_string()) {
    return ops::_convolution_mode(input, weight, optionalTensor(bias), stride.ref(), padding.mode(),
                                  dilation.ref(), groups);
  }
  const int64_t zeros[2] = {0, 0};
  return convolution(
      "conv2d", 2, input, weight, bias,
      {stride.ref(), padding.sizes().ref(), dilation.ref(), IntArrayRef(zeros, 2), false, groups});
}

Tensor conv_transpose1d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias, ExpandingArray<1> stride,
                        ExpandingArray<1> padding, ExpandingArray<1> output_padding, int64_t groups,
                        ExpandingArray<1> dilation) {
  return convolution(
      "conv_transpose1d", 1, input, weight, bias,
      {stride.ref(), padding.ref(), dilation.ref(), output_padding.ref(), true, groups});
}

Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias, ExpandingArray<2> stride,
                        ExpandingArray<2> padding, ExpandingArray<2> output_padding, int64_t groups,
                        ExpandingArray<2> dilation) {
  return convolution(
      "conv_transpose2d", 2, input, weight, bias,
      {stride.ref(), padding.ref(), dilation.ref(), output_padding.ref(), true, groups});
}

}  // namespace wick::nn::functional
