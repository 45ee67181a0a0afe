// Convolution layers, following PyTorch 1.13's _ConvNd / _ConvTransposeNd.
#include "wick/nn/modules/conv.h"

#include <cmath>
#include <sstream>

#include "nn/functional_util.h"
#include "nn/py_format.h"
#include "wick/nn/functional/linear.h"
#include "wick/nn/functional/normalization.h"
#include "wick/nn/init.h"

namespace wick::nn {

namespace {

std::string convName(const char* base, size_t d) { return base + std::to_string(d) + "d"; }

template <size_t D>
std::vector<int64_t> weightShape(int64_t in, int64_t out, int64_t groups,
                                 const ExpandingArray<D>& k, bool transposed) {
  std::vector<int64_t> shape =
      transposed ? std::vector<int64_t>{in, out / groups} : std::vector<int64_t>{out, in / groups};
  shape.insert(shape.end(), k.begin(), k.end());
  return shape;
}

}  // namespace

template <size_t D>
ConvBase<D>::ConvBase(std::string class_name, Spec spec)
    : Module(std::move(class_name)), spec_(std::move(spec)) {
  set_torch_module_path("torch.nn.modules.conv");
  const Spec& s = spec_;
  WICK_CHECK(s.groups > 0, "groups must be a positive integer");
  WICK_CHECK(s.in_channels % s.groups == 0, "in_channels must be divisible by groups");
  WICK_CHECK(s.out_channels % s.groups == 0, "out_channels must be divisible by groups");
  if (s.padding.is_string() && s.padding.mode() == "same") {
    WICK_CHECK(s.stride.all_equal(1), "padding='same' is not supported for strided convolutions");
  }
  const std::string& m = s.padding_mode;
  WICK_CHECK(m == "zeros" || m == "reflect" || m == "replicate" || m == "circular",
             "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got "
             "padding_mode='",
             m, "'");
  // F.pad takes the last dimension first: (left_D, right_D, left_{D-1}, ...). "same" splits
  // d * (k - 1) with the smaller half on the left.
  reversed_padding_.assign(2 * D, 0);
  for (size_t i = 0; i < D; ++i) {
    size_t r = D - 1 - i;
    if (s.padding.is_string()) {
      if (s.padding.mode() == "same") {
        int64_t total = s.dilation[i] * (s.kernel_size[i] - 1);
        reversed_padding_[2 * r] = total / 2;
        reversed_padding_[2 * r + 1] = total - total / 2;
      }
    } else {
      reversed_padding_[2 * r] = reversed_padding_[2 * r + 1] = s.padding.sizes()[i];
    }
  }
  weight = this->register_parameter(
      "weight",
      emptyTensor(weightShape(s.in_channels, s.out_channels, s.groups, s.kernel_size, s.transposed),
                  kFloat));
  bias =
      this->register_parameter("bias", s.bias ? emptyTensor({s.out_channels}, kFloat) : Tensor());
  reset_parameters();
}

template <size_t D>
void ConvBase<D>::reset_parameters() {
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    int64_t fan_in = init::calculate_fan_in_and_fan_out(weight).first;
    if (fan_in != 0) {
      double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
      init::uniform_(bias, -bound, bound);
    }
  }
}

template <size_t D>
std::string ConvBase<D>::extra_repr() const {
  const Spec& s = spec_;
  std::ostringstream os;
  os << s.in_channels << ", " << s.out_channels
     << ", kernel_size=" << impl::pyTuple(s.kernel_size.ref())
     << ", stride=" << impl::pyTuple(s.stride.ref());
  if (s.padding.is_string()) {
    os << ", padding=" << s.padding.mode();
  } else if (!s.padding.sizes().all_equal(0)) {
    os << ", padding=" << impl::pyTuple(s.padding.sizes().ref());
  }
  if (!s.dilation.all_equal(1)) os << ", dilation=" << impl::pyTuple(s.dilation.ref());
  if (!s.output_padding.all_equal(0)) {
    os << ", output_padding=" << impl::pyTuple(s.output_padding.ref());
  }
  if (s.groups != 1) os << ", groups=" << s.groups;
  if (!bias.defined()) os << ", bias=False";
  if (s.padding_mode != "zeros") os << ", padding_mode=" << s.padding_mode;
  return os.str();
}

template <size_t D>
ConvImpl<D>::ConvImpl(const ConvOptions<D>& o)
    : ConvBase<D>(convName("Conv", D), {o.in_channels(), o.out_channels(), o.kernel_size(),
                                        o.stride(), o.padding(), o.dilation(), ExpandingArray<D>(0),
                                        o.groups(), o.bias(), false, o.padding_mode()}),
      options(o) {}

template <size_t D>
Tensor ConvImpl<D>::forward(const Tensor& input) {
  const auto& s = this->spec();
  auto conv = [&](const Tensor& x, const ConvPadding<D>& padding) {
    if constexpr (D == 1) {
      return functional::conv1d(x, this->weight, this->bias, s.stride, padding, s.dilation,
                                s.groups);
    } else {
      return functional::conv2d(x, this->weight, this->bias, s.stride, padding, s.dilation,
                                s.groups);
    }
  };
  if (s.padding_mode != "zeros") {
    Tensor padded = functional::pad(input, this->reversed_padding_repeated_twice(), s.padding_mode);
    return conv(padded, ConvPadding<D>(0));
  }
  return conv(input, s.padding);
}

template <size_t D>
ConvTransposeImpl<D>::ConvTransposeImpl(const ConvTransposeOptions<D>& o)
    : ConvBase<D>(convName("ConvTranspose", D),
                  {o.in_channels(), o.out_channels(), o.kernel_size(), o.stride(),
                   ConvPadding<D>(o.padding()), o.dilation(), o.output_padding(), o.groups(),
                   o.bias(), true, o.padding_mode()}),
      options(o) {
  WICK_CHECK(o.padding_mode() == "zeros", "Only \"zeros\" padding mode is supported for ",
             this->name());
}

template <size_t D>
std::vector<int64_t> ConvTransposeImpl<D>::outputPadding(
    const Tensor& input, const std::optional<std::vector<int64_t>>& output_size) const {
  const auto& s = this->spec();
  if (!output_size) return s.output_padding.vec();
  int64_t ndim = input.dim();
  WICK_CHECK(ndim == static_cast<int64_t>(D) + 1 || ndim == static_cast<int64_t>(D) + 2,
             "Expected ", D + 1, "D (unbatched) or ", D + 2, "D (batched) input to conv_transpose",
             D, "d, but got input of size: ", input.sizes());
  int64_t non_spatial = input.dim() == static_cast<int64_t>(D) + 2 ? 2 : 1;
  std::vector<int64_t> size = *output_size;
  if (size.size() == static_cast<size_t>(non_spatial) + D)
    size.erase(size.begin(), size.begin() + non_spatial);
  WICK_CHECK(size.size() == D, "ConvTranspose", D, "D: for ", input.dim(),
             "D input, output_size must have ", D, " or ", non_spatial + static_cast<int64_t>(D),
             " elements (got ", output_size->size(), ")");
  IntArrayRef in = input.sizes();
  std::vector<int64_t> min_sizes, max_sizes, result;
  for (size_t d = 0; d < D; ++d) {
    int64_t m = (in[d + static_cast<size_t>(non_spatial)] - 1) * s.stride[d] -
                2 * s.padding.sizes()[d] + s.dilation[d] * (s.kernel_size[d] - 1) + 1;
    min_sizes.push_back(m);
    max_sizes.push_back(m + s.stride[d] - 1);
  }
  for (size_t d = 0; d < D; ++d) {
    WICK_CHECK(size[d] >= min_sizes[d] && size[d] <= max_sizes[d], "requested an output size of ",
               impl::sizesText(size), ", but valid sizes range from ", impl::sizesText(min_sizes),
               " to ", impl::sizesText(max_sizes), " (for an input of ",
               impl::sizesText(in.slice(2)), ")");
    result.push_back(size[d] - min_sizes[d]);
  }
  return result;
}

template <size_t D>
Tensor ConvTransposeImpl<D>::forward(const Tensor& input,
                                     const std::optional<std::vector<int64_t>>& output_size) {
  const auto& s = this->spec();
  std::vector<int64_t> out_pad = outputPadding(input, output_size);
  if constexpr (D == 1) {
    return functional::conv_transpose1d(input, this->weight, this->bias, s.stride,
                                        s.padding.sizes(), out_pad, s.groups, s.dilation);
  } else {
    return functional::conv_transpose2d(input, this->weight, this->bias, s.stride,
                                        s.padding.sizes(), out_pad, s.groups, s.dilation);
  }
}

template class ConvBase<1>;
template class ConvBase<2>;
template class ConvImpl<1>;
template class ConvImpl<2>;
template class ConvTransposeImpl<1>;
template class ConvTransposeImpl<2>;

}  // namespace wick::nn
