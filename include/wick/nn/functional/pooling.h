// nn::functional pooling (torch.nn.functional.max_pool1d/2d, avg_pool2d,
// adaptive_avg_pool1d/2d). A missing stride means "the kernel size" and is passed to the op
// as an empty list, as PyTorch does.
#pragma once

#include <optional>
#include <tuple>

#include "wick/core/tensor.h"
#include "wick/nn/options.h"

namespace wick::nn::functional {

Tensor max_pool1d(const Tensor& input, ExpandingArray<1> kernel_size,
                  std::optional<ExpandingArray<1>> stride = std::nullopt,
                  ExpandingArray<1> padding = 0, ExpandingArray<1> dilation = 1,
                  bool ceil_mode = false);
// Returns (output, indices).
std::tuple<Tensor, Tensor> max_pool1d_with_indices(
    const Tensor& input, ExpandingArray<1> kernel_size,
    std::optional<ExpandingArray<1>> stride = std::nullopt, ExpandingArray<1> padding = 0,
    ExpandingArray<1> dilation = 1, bool ceil_mode = false);
Tensor max_pool2d(const Tensor& input, ExpandingArray<2> kernel_size,
                  std::optional<ExpandingArray<2>> stride = std::nullopt,
                  ExpandingArray<2> padding = 0, ExpandingArray<2> dilation = 1,
                  bool ceil_mode = false);
std::tuple<Tensor, Tensor> max_pool2d_with_indices(
    const Tensor& input, ExpandingArray<2> kernel_size,
    std::optional<ExpandingArray<2>> stride = std::nullopt, ExpandingArray<2> padding = 0,
    ExpandingArray<2> dilation = 1, bool ceil_mode = false);
Tensor avg_pool2d(const Tensor& input, ExpandingArray<2> kernel_size,
                  std::optional<ExpandingArray<2>> stride = std::nullopt,
                  ExpandingArray<2> padding = 0, bool ceil_mode = false,
                  bool count_include_pad = true,
                  std::optional<int64_t> divisor_override = std::nullopt);
Tensor adaptive_avg_pool1d(const Tensor& input, ExpandingArray<1> output_size);
// A nullopt output size keeps the input's size in that dimension (read as a traced size).
Tensor adaptive_avg_pool2d(const Tensor& input, ExpandingArrayWithOptional<2> output_size);

}  // namespace wick::nn::functional
