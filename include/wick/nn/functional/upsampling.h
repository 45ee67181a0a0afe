// nn::functional::interpolate (torch.nn.functional.interpolate) for 1-d and 2-d spatial
// inputs, modes "nearest" and "bilinear" (2-d only, the "linear" family of PyTorch needs
// align_corners). Exactly one of size and scale_factor must be given.
//
//   F::interpolate(x, F::InterpolateOptions().scale_factor(2).mode("bilinear"))
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wick/core/tensor.h"
#include "wick/nn/options.h"

namespace wick::nn::functional {

class InterpolateOptions {
 public:
  // Output spatial size: one value for every spatial dimension, or one value for all.
  InterpolateOptions& size(std::vector<int64_t> s) {
    size_ = std::move(s);
    return *this;
  }
  InterpolateOptions& size(int64_t s) {
    size_ = std::vector<int64_t>{s};
    size_is_scalar_ = true;
    return *this;
  }
  // Multiplier of the spatial size: one per spatial dimension, or one for all.
  InterpolateOptions& scale_factor(std::vector<double> s) {
    scale_factor_ = std::move(s);
    return *this;
  }
  InterpolateOptions& scale_factor(double s) {
    scale_factor_ = std::vector<double>{s};
    scale_is_scalar_ = true;
    return *this;
  }

  const std::optional<std::vector<int64_t>>& size() const { return size_; }
  const std::optional<std::vector<double>>& scale_factor() const { return scale_factor_; }
  bool size_is_scalar() const { return size_is_scalar_; }
  bool scale_is_scalar() const { return scale_is_scalar_; }

  // "nearest" or "bilinear".
  WICK_ARG(std::string, mode) = "nearest";
  // Bilinear only; nullopt means False.
  WICK_ARG(std::optional<bool>, align_corners);
  // When true, the output size is computed from scale_factor and the op gets only the size.
  WICK_ARG(std::optional<bool>, recompute_scale_factor);

 private:
  std::optional<std::vector<int64_t>> size_;
  std::optional<std::vector<double>> scale_factor_;
  bool size_is_scalar_ = false;
  bool scale_is_scalar_ = false;
};

Tensor interpolate(const Tensor& input, const InterpolateOptions& options = {});

}  // namespace wick::nn::functional
