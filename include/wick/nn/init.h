// nn::init: PyTorch's torch.nn.init for wick. Each function fills a tensor in place (under
// NoGradGuard) from wick's default generator and returns it; fans and gains are computed
// exactly as PyTorch computes them, so the distributions (bounds, moments) are PyTorch's.
//
//   nn::init::kaiming_uniform_(w, std::sqrt(5.0));   // Linear's and Conv's default
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "wick/core/tensor.h"

namespace wick::nn::init {

// The recommended gain for a nonlinearity: "linear", "conv1d".."conv_transpose3d",
// "sigmoid" -> 1, "tanh" -> 5/3, "relu" -> sqrt(2), "leaky_relu" -> sqrt(2 / (1 + slope^2))
// (slope = param, default 0.01), "selu" -> 3/4.
double calculate_gain(std::string_view nonlinearity, std::optional<double> param = std::nullopt);
// (fan_in, fan_out) of a weight of at least 2 dimensions: size(1) and size(0) times the
// product of the remaining (receptive field) sizes.
std::pair<int64_t, int64_t> calculate_fan_in_and_fan_out(const Tensor& tensor);

Tensor uniform_(const Tensor& tensor, double a = 0.0, double b = 1.0);
Tensor normal_(const Tensor& tensor, double mean = 0.0, double std = 1.0);
// Normal(mean, std) truncated to [a, b] (inverse-CDF method, as PyTorch).
Tensor trunc_normal_(const Tensor& tensor, double mean = 0.0, double std = 1.0, double a = -2.0,
                     double b = 2.0);
Tensor constant_(const Tensor& tensor, const Scalar& value);
Tensor ones_(const Tensor& tensor);
Tensor zeros_(const Tensor& tensor);
// The identity matrix (2-d tensors only).
Tensor eye_(const Tensor& tensor);

// Glorot: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)).
Tensor xavier_uniform_(const Tensor& tensor, double gain = 1.0);
// Glorot: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)).
Tensor xavier_normal_(const Tensor& tensor, double gain = 1.0);
// He: U(-bound, bound) with bound = gain * sqrt(3 / fan); mode is "fan_in" or "fan_out".
Tensor kaiming_uniform_(const Tensor& tensor, double a = 0.0, std::string_view mode = "fan_in",
                        std::string_view nonlinearity = "leaky_relu");
// He: N(0, std^2) with std = gain / sqrt(fan).
Tensor kaiming_normal_(const Tensor& tensor, double a = 0.0, std::string_view mode = "fan_in",
                       std::string_view nonlinearity = "leaky_relu");
// A (semi-)orthogonal matrix from the QR decomposition of a normal sample, times gain; the
// trailing dimensions are flattened.
Tensor orthogonal_(const Tensor& tensor, double gain = 1.0);

}  // namespace wick::nn::init
