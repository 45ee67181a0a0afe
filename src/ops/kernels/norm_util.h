// Shared pieces of the normalisation kernels (norm*.cpp).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "wick/core/tensor.h"

namespace wick::norm {

// An [N, C, *] input as N x C planes of `inner` elements, contiguous (NCHW) or channels-last
// (NHWC, for 4-d inputs that suggest it).
struct ChannelView {
  Tensor x;
  int64_t n = 0, c = 0, inner = 0;
  bool channels_last = false;
};
ChannelView channelView(const Tensor& x);

// Raises PyTorch's "not implemented" error for non-floating inputs; `kernel` names
// PyTorch's kernel ("batch_norm", "LayerNormKernelImpl").
void checkNormDType(const Tensor& x, std::string_view op, const char* kernel);
// Parameters must have the input's dtype (float for bfloat16/float16 inputs).
void checkParamDType(const Tensor& x, const std::optional<Tensor>& p, std::string_view op);

struct BatchNormResult {
  Tensor out;
  std::vector<double> mean, invstd;  // the statistics used (batch or running)
  std::vector<double> var_sum;       // training: sum of squared deviations per channel
};

// Batch normalisation over dims (0, 2, 3, ...); updates the running statistics in place in
// training mode when they are given.
BatchNormResult batchNorm(const Tensor& input, const std::optional<Tensor>& weight,
                          const std::optional<Tensor>& bias,
                          const std::optional<Tensor>& running_mean,
                          const std::optional<Tensor>& running_var, bool training, double momentum,
                          double eps, std::string_view op);

}  // namespace wick::norm
