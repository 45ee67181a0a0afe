// nn::functional activations, mirroring torch.nn.functional: each records the aten op that
// PyTorch 1.13 records when tracing the same call (F.relu -> aten::relu, inplace=True ->
// aten::relu_, F.relu6 -> aten::relu6, ...). Scalar options keep the int/float kind the
// caller used, because PyTorch's graphs (and reprs) keep it too.
#pragma once

#include <optional>
#include <string_view>

#include "wick/core/tensor.h"

namespace wick::nn::functional {

Tensor relu(const Tensor& input, bool inplace = false);
Tensor relu6(const Tensor& input, bool inplace = false);
Tensor leaky_relu(const Tensor& input, const Scalar& negative_slope = 0.01, bool inplace = false);
Tensor elu(const Tensor& input, const Scalar& alpha = 1.0, bool inplace = false);
// approximate is "none" (exact, with erf) or "tanh".
Tensor gelu(const Tensor& input, std::string_view approximate = "none");
Tensor silu(const Tensor& input, bool inplace = false);
Tensor mish(const Tensor& input, bool inplace = false);
Tensor sigmoid(const Tensor& input);
Tensor tanh(const Tensor& input);
Tensor hardswish(const Tensor& input, bool inplace = false);
Tensor hardsigmoid(const Tensor& input, bool inplace = false);
Tensor hardtanh(const Tensor& input, const Scalar& min_val = -1.0, const Scalar& max_val = 1.0,
                bool inplace = false);
Tensor softplus(const Tensor& input, const Scalar& beta = 1, const Scalar& threshold = 20);
// dim = nullopt picks PyTorch's legacy implicit dimension (0 for 0-, 1- and 3-d inputs,
// else 1) and warns, as F.softmax does.
Tensor softmax(const Tensor& input, std::optional<int64_t> dim,
               std::optional<DType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& input, std::optional<int64_t> dim,
                   std::optional<DType> dtype = std::nullopt);

}  // namespace wick::nn::functional
