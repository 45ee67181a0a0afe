// nn::functional linear maps and convolutions (torch.nn.functional.linear, bilinear, conv1d,
// conv2d, conv_transpose1d/2d). Convolutions record aten::_convolution with PyTorch's
// arguments (benchmark=False, deterministic=False, cudnn_enabled=True, allow_tf32=True), as
// PyTorch 1.13's tracer does; string paddings ("same", "valid") record the string overload.
// Unbatched inputs (no batch dimension) are accepted as in PyTorch.
#pragma once

#include <optional>

#include "wick/core/tensor.h"
#include "wick/nn/options.h"

namespace wick::nn::functional {

Tensor linear(const Tensor& input, const Tensor& weight,
              const std::optional<Tensor>& bias = std::nullopt);
Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                const std::optional<Tensor>& bias = std::nullopt);

Tensor conv1d(const Tensor& input, const Tensor& weight,
              const std::optional<Tensor>& bias = std::nullopt, ExpandingArray<1> stride = 1,
              ConvPadding<1> padding = 0, ExpandingArray<1> dilation = 1, int64_t groups = 1);
Tensor conv2d(const Tensor& input, const Tensor& weight,
              const std::optional<Tensor>& bias = std::nullopt, ExpandingArray<2> stride = 1,
              ConvPadding<2> padding = 0, ExpandingArray<2> dilation = 1, int64_t groups = 1);
Tensor conv_transpose1d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias = std::nullopt,
                        ExpandingArray<1> stride = 1, ExpandingArray<1> padding = 0,
                        ExpandingArray<1> output_padding = 0, int64_t groups = 1,
                        ExpandingArray<1> dilation = 1);
Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                        const std::optional<Tensor>& bias = std::nullopt,
                        ExpandingArray<2> stride = 1, ExpandingArray<2> padding = 0,
                        ExpandingArray<2> output_padding = 0, int64_t groups = 1,
                        ExpandingArray<2> dilation = 1);

}  // namespace wick::nn::functional
