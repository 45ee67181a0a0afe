// nn::init, following torch/nn/init.py of PyTorch 1.13.
#include "wick/nn/init.h"

#include <cmath>
#include <string>
#include <vector>

#include "wick/core/grad_mode.h"
#include "wick/core/warning.h"
#include "wick/ops/functions.h"

namespace wick::nn::init {

namespace detail {
// Inverse error function and reduced QR, implemented in init_math.cpp.
double erfinv(double y);
std::vector<double> orthonormalColumns(std::vector<double> a, int64_t rows, int64_t cols);
}  // namespace detail

namespace {

bool hasZeroSize(const Tensor& t) {
  for (int64_t s : t.sizes().raw())
    if (s == 0) return true;
  return false;
}

int64_t correctFan(const Tensor& tensor, std::string_view mode) {
  WICK_CHECK(mode == "fan_in" || mode == "fan_out", "Mode ", mode,
             " not supported, please use one of ['fan_in', 'fan_out']");
  auto [fan_in, fan_out] = calculate_fan_in_and_fan_out(tensor);
  return mode == "fan_in" ? fan_in : fan_out;
}

// Writes `values` (row-major, tensor.numel() of them) into tensor.
void assignValues(const Tensor& tensor, const std::vector<double>& values) {
  Tensor src = emptyTensor({static_cast<int64_t>(values.size())}, kDouble);
  std::copy(values.begin(), values.end(), src.data_ptr<double>());
  Tensor dst = tensor;
  dst.copy_(src.view(tensor.sizes().raw()));
}

}  // namespace

double calculate_gain(std::string_view nonlinearity, std::optional<double> param) {
  static constexpr std::string_view kLinear[] = {
      "linear",           "conv1d",           "conv2d",           "conv3d",
      "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"};
  for (std::string_view name : kLinear)
    if (nonlinearity == name) return 1.0;
  if (nonlinearity == "tanh") return 5.0 / 3;
  if (nonlinearity == "relu") return std::sqrt(2.0);
  if (nonlinearity == "leaky_relu") {
    double slope = param.value_or(0.01);
    WICK_CHECK(std::isfinite(slope), "negative_slope ", slope, " not a valid number");
    return std::sqrt(2.0 / (1 + slope * slope));
  }
  if (nonlinearity == "selu") return 3.0 / 4;
  WICK_FAIL("Unsupported nonlinearity ", nonlinearity);
}

std::pair<int64_t, int64_t> calculate_fan_in_and_fan_out(const Tensor& tensor) {
  WICK_CHECK(tensor.dim() >= 2,
             "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  IntArrayRef s = tensor.sizes();
  int64_t receptive = 1;
  for (size_t i = 2; i < s.size(); ++i) receptive *= s[i];
  return {s[1] * receptive, s[0] * receptive};
}

Tensor uniform_(const Tensor& tensor, double a, double b) {
  NoGradGuard no_grad;
  Tensor t = tensor;
  return t.uniform_(a, b);
}

Tensor normal_(const Tensor& tensor, double mean, double std) {
  NoGradGuard no_grad;
  Tensor t = tensor;
  return t.normal_(mean, std);
}

Tensor trunc_normal_(const Tensor& tensor, double mean, double std, double a, double b) {
  if (mean < a - 2 * std || mean > b + 2 * std) {
    warn(Warning::Kind::User,
         "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of "
         "values may be incorrect.");
  }
  NoGradGuard no_grad;
  auto norm_cdf = [](double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; };
  double l = norm_cdf((a - mean) / std);
  double u = norm_cdf((b - mean) / std);
  // Uniform in the CDF's image of [a, b], then the inverse CDF, as PyTorch.
  Tensor t = tensor;
  t.uniform_(2 * l - 1, 2 * u - 1);
  std::vector<double> v = t.to_vector<double>();
  for (double& x : v) {
    x = detail::erfinv(x) * std * std::sqrt(2.0) + mean;
    x = std::min(std::max(x, a), b);
  }
  assignValues(t, v);
  return t;
}

Tensor constant_(const Tensor& tensor, const Scalar& value) {
  NoGradGuard no_grad;
  Tensor t = tensor;
  return t.fill_(value);
}

Tensor ones_(const Tensor& tensor) { return constant_(tensor, 1); }

Tensor zeros_(const Tensor& tensor) {
  NoGradGuard no_grad;
  Tensor t = tensor;
  return t.zero_();
}

Tensor eye_(const Tensor& tensor) {
  WICK_CHECK(tensor.dim() == 2, "Only tensors with 2 dimensions are supported");
  NoGradGuard no_grad;
  Tensor t = tensor;
  t.zero_();
  ops::diagonal(t, 0, 0, 1).fill_(1);
  return t;
}

Tensor xavier_uniform_(const Tensor& tensor, double gain) {
  auto [fan_in, fan_out] = calculate_fan_in_and_fan_out(tensor);
  double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  double a = std::sqrt(3.0) * std;
  return uniform_(tensor, -a, a);
}

Tensor xavier_normal_(const Tensor& tensor, double gain) {
  auto [fan_in, fan_out] = calculate_fan_in_and_fan_out(tensor);
  double std = gain * std::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
  return normal_(tensor, 0.0, std);
}

Tensor kaiming_uniform_(const Tensor& tensor, double a, std::string_view mode,
                        std::string_view nonlinearity) {
  if (hasZeroSize(tensor)) {
    warn(Warning::Kind::User, "Initializing zero-element tensors is a no-op");
    return tensor;
  }
  int64_t fan = correctFan(tensor, mode);
  double std = calculate_gain(nonlinearity, a) / std::sqrt(static_cast<double>(fan));
  double bound = std::sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}

Tensor kaiming_normal_(const Tensor& tensor, double a, std::string_view mode,
                       std::string_view nonlinearity) {
  if (hasZeroSize(tensor)) {
    warn(Warning::Kind::User, "Initializing zero-element tensors is a no-op");
    return tensor;
  }
  int64_t fan = correctFan(tensor, mode);
  double std = calculate_gain(nonlinearity, a) / std::sqrt(static_cast<double>(fan));
  return normal_(tensor, 0.0, std);
}

Tensor orthogonal_(const Tensor& tensor, double gain) {
  WICK_CHECK(tensor.dim() >= 2, "Only tensors with 2 or more dimensions are supported");
  if (tensor.impl()->numel() == 0) return tensor;
  NoGradGuard no_grad;
  int64_t rows = tensor.sizes().raw()[0];
  int64_t cols = tensor.impl()->numel() / rows;
  Tensor sample = emptyTensor({rows, cols}, kDouble);
  sample.normal_(0, 1);
  std::vector<double> a = sample.to_vector<double>();
  // Orthonormalise the longer side's vectors: columns of the tall matrix (transposed for a
  // wide one), as PyTorch's QR of the (possibly transposed) sample.
  bool wide = rows < cols;
  int64_t m = wide ? cols : rows, n = wide ? rows : cols;
  std::vector<double> tall(a.size());
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      tall[wide ? static_cast<size_t>(j * n + i) : static_cast<size_t>(i * n + j)] =
          a[static_cast<size_t>(i * cols + j)];
  std::vector<double> q = detail::orthonormalColumns(std::move(tall), m, n);
  std::vector<double> out(a.size());
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      out[static_cast<size_t>(i * cols + j)] =
          gain * q[wide ? static_cast<size_t>(j * n + i) : static_cast<size_t>(i * n + j)];
  assignValues(tensor, out);
  return tensor;
}

}  // namespace wick::nn::init
