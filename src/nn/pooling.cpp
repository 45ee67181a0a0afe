// Pooling layers and Upsample.
#include "wick/nn/modules/pooling.h"

#include <sstream>

#include "nn/py_format.h"
#include "wick/nn/functional/pooling.h"
#include "wick/nn/functional/upsampling.h"

namespace wick::nn {

using impl::pyBool;
using impl::pySize;

namespace {
constexpr const char* kPath = "torch.nn.modules.pooling";
}

template <size_t D>
MaxPoolImpl<D>::MaxPoolImpl(const MaxPoolOptions<D>& options_)
    : Module("MaxPool" + std::to_string(D) + "d"), options(options_) {
  set_torch_module_path(kPath);
  // PyTorch stores the kernel size as the stride when none is given.
  if (!options.stride()) options.stride(options.kernel_size());
}

template <size_t D>
Tensor MaxPoolImpl<D>::forward(const Tensor& input) {
  if constexpr (D == 1) {
    return functional::max_pool1d(input, options.kernel_size(), options.stride(), options.padding(),
                                  options.dilation(), options.ceil_mode());
  } else {
    return functional::max_pool2d(input, options.kernel_size(), options.stride(), options.padding(),
                                  options.dilation(), options.ceil_mode());
  }
}

template <size_t D>
std::tuple<Tensor, Tensor> MaxPoolImpl<D>::forward_with_indices(const Tensor& input) {
  if constexpr (D == 1) {
    return functional::max_pool1d_with_indices(input, options.kernel_size(), options.stride(),
                                               options.padding(), options.dilation(),
                                               options.ceil_mode());
  } else {
    return functional::max_pool2d_with_indices(input, options.kernel_size(), options.stride(),
                                               options.padding(), options.dilation(),
                                               options.ceil_mode());
  }
}

template <size_t D>
std::string MaxPoolImpl<D>::extra_repr() const {
  return "kernel_size=" + pySize(options.kernel_size()) + ", stride=" + pySize(*options.stride()) +
         ", padding=" + pySize(options.padding()) + ", dilation=" + pySize(options.dilation()) +
         ", ceil_mode=" + pyBool(options.ceil_mode());
}

template class MaxPoolImpl<1>;
template class MaxPoolImpl<2>;

AvgPool2dImpl::AvgPool2dImpl(const AvgPool2dOptions& options_)
    : Module("AvgPool2d"), options(options_) {
  set_torch_module_path(kPath);
  if (!options.stride()) options.stride(options.kernel_size());
}

Tensor AvgPool2dImpl::forward(const Tensor& input) {
  return functional::avg_pool2d(input, options.kernel_size(), options.stride(), options.padding(),
                                options.ceil_mode(), options.count_include_pad(),
                                options.divisor_override());
}

std::string AvgPool2dImpl::extra_repr() const {
  return "kernel_size=" + pySize(options.kernel_size()) + ", stride=" + pySize(*options.stride()) +
         ", padding=" + pySize(options.padding());
}

AdaptiveAvgPool1dImpl::AdaptiveAvgPool1dImpl(const AdaptiveAvgPool1dOptions& options_)
    : Module("AdaptiveAvgPool1d"), options(options_) {
  set_torch_module_path(kPath);
}

Tensor AdaptiveAvgPool1dImpl::forward(const Tensor& input) {
  return functional::adaptive_avg_pool1d(input, options.output_size());
}

std::string AdaptiveAvgPool1dImpl::extra_repr() const {
  return "output_size=" + pySize(options.output_size());
}

AdaptiveAvgPool2dImpl::AdaptiveAvgPool2dImpl(const AdaptiveAvgPool2dOptions& options_)
    : Module("AdaptiveAvgPool2d"), options(options_) {
  set_torch_module_path(kPath);
}

Tensor AdaptiveAvgPool2dImpl::forward(const Tensor& input) {
  return functional::adaptive_avg_pool2d(input, options.output_size());
}

std::string AdaptiveAvgPool2dImpl::extra_repr() const {
  return "output_size=" + pySize(options.output_size());
}

UpsampleImpl::UpsampleImpl(const UpsampleOptions& options_)
    : Module("Upsample"), options(options_) {
  set_torch_module_path("torch.nn.modules.upsampling");
}

Tensor UpsampleImpl::forward(const Tensor& input) {
  functional::InterpolateOptions o;
  if (options.size()) {
    if (options.size_is_scalar()) {
      o.size((*options.size())[0]);
    } else {
      o.size(*options.size());
    }
  }
  if (options.scale_factor()) {
    if (options.scale_is_scalar()) {
      o.scale_factor((*options.scale_factor())[0]);
    } else {
      o.scale_factor(*options.scale_factor());
    }
  }
  o.mode(options.mode()).align_corners(options.align_corners());
  o.recompute_scale_factor(options.recompute_scale_factor());
  return functional::interpolate(input, o);
}

std::string UpsampleImpl::extra_repr() const {
  std::string info;
  if (options.scale_factor()) {
    const auto& s = *options.scale_factor();
    info = "scale_factor=" + (options.scale_is_scalar() ? impl::pyFloat(s[0]) : impl::pyTuple(s));
  } else if (options.size()) {
    const auto& s = *options.size();
    info = "size=" + (options.size_is_scalar() ? std::to_string(s[0]) : impl::pyTuple(s));
  } else {
    info = "size=None";
  }
  return info + ", mode=" + options.mode();
}

}  // namespace wick::nn
