// Pooling and resampling layers: MaxPool1d, MaxPool2d, AvgPool2d, AdaptiveAvgPool1d,
// AdaptiveAvgPool2d (torch.nn.modules.pooling) and Upsample (torch.nn.modules.upsampling).
// Sizes print the way they were given (one number or a tuple), as PyTorch prints them.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

template <size_t D>
struct MaxPoolOptions {
  MaxPoolOptions(ExpandingArray<D> kernel_size) : kernel_size_(kernel_size) {}
  WICK_ARG(ExpandingArray<D>, kernel_size);
  // nullopt: the kernel size.
  WICK_ARG(std::optional<ExpandingArray<D>>, stride);
  WICK_ARG(ExpandingArray<D>, padding) = 0;
  WICK_ARG(ExpandingArray<D>, dilation) = 1;
  WICK_ARG(bool, ceil_mode) = false;
};
using MaxPool1dOptions = MaxPoolOptions<1>;
using MaxPool2dOptions = MaxPoolOptions<2>;

template <size_t D>
class MaxPoolImpl : public Module {
 public:
  explicit MaxPoolImpl(const MaxPoolOptions<D>& options);
  explicit MaxPoolImpl(ExpandingArray<D> kernel_size)
      : MaxPoolImpl(MaxPoolOptions<D>(kernel_size)) {}
  Tensor forward(const Tensor& input);
  // (output, indices of the maxima): PyTorch's return_indices=True.
  std::tuple<Tensor, Tensor> forward_with_indices(const Tensor& input);
  std::string extra_repr() const override;

  MaxPoolOptions<D> options;
};
class MaxPool1dImpl : public MaxPoolImpl<1> {
 public:
  using MaxPoolImpl<1>::MaxPoolImpl;
};
WICK_MODULE(MaxPool1d);
class MaxPool2dImpl : public MaxPoolImpl<2> {
 public:
  using MaxPoolImpl<2>::MaxPoolImpl;
};
WICK_MODULE(MaxPool2d);

struct AvgPool2dOptions {
  AvgPool2dOptions(ExpandingArray<2> kernel_size) : kernel_size_(kernel_size) {}
  WICK_ARG(ExpandingArray<2>, kernel_size);
  WICK_ARG(std::optional<ExpandingArray<2>>, stride);
  WICK_ARG(ExpandingArray<2>, padding) = 0;
  WICK_ARG(bool, ceil_mode) = false;
  WICK_ARG(bool, count_include_pad) = true;
  WICK_ARG(std::optional<int64_t>, divisor_override);
};

class AvgPool2dImpl : public Module {
 public:
  explicit AvgPool2dImpl(const AvgPool2dOptions& options);
  explicit AvgPool2dImpl(ExpandingArray<2> kernel_size)
      : AvgPool2dImpl(AvgPool2dOptions(kernel_size)) {}
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  AvgPool2dOptions options;
};
WICK_MODULE(AvgPool2d);

struct AdaptiveAvgPool1dOptions {
  AdaptiveAvgPool1dOptions(ExpandingArray<1> output_size) : output_size_(output_size) {}
  WICK_ARG(ExpandingArray<1>, output_size);
};

class AdaptiveAvgPool1dImpl : public Module {
 public:
  explicit AdaptiveAvgPool1dImpl(const AdaptiveAvgPool1dOptions& options);
  explicit AdaptiveAvgPool1dImpl(int64_t output_size)
      : AdaptiveAvgPool1dImpl(AdaptiveAvgPool1dOptions(output_size)) {}
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  AdaptiveAvgPool1dOptions options;
};
WICK_MODULE(AdaptiveAvgPool1d);

struct AdaptiveAvgPool2dOptions {
  AdaptiveAvgPool2dOptions(ExpandingArrayWithOptional<2> output_size) : output_size_(output_size) {}
  AdaptiveAvgPool2dOptions(int64_t output_size) : output_size_(output_size) {}
  // nullopt entries keep the input's size.
  WICK_ARG(ExpandingArrayWithOptional<2>, output_size);
};

class AdaptiveAvgPool2dImpl : public Module {
 public:
  explicit AdaptiveAvgPool2dImpl(const AdaptiveAvgPool2dOptions& options);
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  AdaptiveAvgPool2dOptions options;
};
WICK_MODULE(AdaptiveAvgPool2d);

class UpsampleOptions {
 public:
  UpsampleOptions& size(std::vector<int64_t> s) {
    size_ = std::move(s);
    size_scalar_ = false;
    return *this;
  }
  UpsampleOptions& size(int64_t s) {
    size_ = std::vector<int64_t>{s};
    size_scalar_ = true;
    return *this;
  }
  UpsampleOptions& scale_factor(std::vector<double> s) {
    scale_factor_ = std::move(s);
    scale_scalar_ = false;
    return *this;
  }
  UpsampleOptions& scale_factor(double s) {
    scale_factor_ = std::vector<double>{s};
    scale_scalar_ = true;
    return *this;
  }
  const std::optional<std::vector<int64_t>>& size() const { return size_; }
  const std::optional<std::vector<double>>& scale_factor() const { return scale_factor_; }
  bool size_is_scalar() const { return size_scalar_; }
  bool scale_is_scalar() const { return scale_scalar_; }

  // "nearest" or "bilinear".
  WICK_ARG(std::string, mode) = "nearest";
  WICK_ARG(std::optional<bool>, align_corners);
  WICK_ARG(std::optional<bool>, recompute_scale_factor);

 private:
  std::optional<std::vector<int64_t>> size_;
  std::optional<std::vector<double>> scale_factor_;
  bool size_scalar_ = false, scale_scalar_ = false;
};

// Resamples with nn::functional::interpolate.
class UpsampleImpl : public Module {
 public:
  explicit UpsampleImpl(const UpsampleOptions& options = {});
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  UpsampleOptions options;
};
WICK_MODULE(Upsample);

extern template class MaxPoolImpl<1>;
extern template class MaxPoolImpl<2>;

}  // namespace wick::nn
