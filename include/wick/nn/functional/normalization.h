// nn::functional normalisation, dropout, embedding and padding (torch.nn.functional
// batch_norm, layer_norm, group_norm, dropout, dropout2d, embedding, pad).
#pragma once

#include <optional>
#include <string_view>

#include "wick/core/tensor.h"

namespace wick::nn::functional {

// Train mode normalises with the batch statistics and updates running_mean/running_var in
// place (momentum-weighted, unbiased variance), as torch.batch_norm does.
Tensor batch_norm(const Tensor& input, const std::optional<Tensor>& running_mean,
                  const std::optional<Tensor>& running_var,
                  const std::optional<Tensor>& weight = std::nullopt,
                  const std::optional<Tensor>& bias = std::nullopt, bool training = false,
                  double momentum = 0.1, double eps = 1e-5);
Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                  const std::optional<Tensor>& weight = std::nullopt,
                  const std::optional<Tensor>& bias = std::nullopt, double eps = 1e-5);
Tensor group_norm(const Tensor& input, int64_t num_groups,
                  const std::optional<Tensor>& weight = std::nullopt,
                  const std::optional<Tensor>& bias = std::nullopt, double eps = 1e-5);

// In training, zeroes elements with probability p and scales the rest by 1/(1-p); otherwise
// returns the input unchanged.
Tensor dropout(const Tensor& input, double p = 0.5, bool training = true, bool inplace = false);
// Zeroes whole channels (dim 1) of 3-d (N, C, L) or 4-d (N, C, H, W) inputs.
Tensor dropout2d(const Tensor& input, double p = 0.5, bool training = true, bool inplace = false);

// Rows of `weight` picked by the integer indices in `input`. A negative padding_idx counts
// from the end; max_norm renormalises the looked-up rows of weight in place first.
Tensor embedding(const Tensor& input, const Tensor& weight,
                 std::optional<int64_t> padding_idx = std::nullopt,
                 std::optional<double> max_norm = std::nullopt, double norm_type = 2.0,
                 bool scale_grad_by_freq = false, bool sparse = false);

// Pads the last len(pad)/2 dimensions: pad = (left_last, right_last, left_prev, ...). Modes:
// "constant" (with value, default 0), "reflect", "replicate", "circular".
Tensor pad(const Tensor& input, IntArrayRef pad, std::string_view mode = "constant",
           std::optional<double> value = std::nullopt);

}  // namespace wick::nn::functional
