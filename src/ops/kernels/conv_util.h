// The convolution family's shared pieces: normalised parameters, PyTorch's argument and
// shape checks, output sizes, and the two ways to compute (oneDNN, and the im2col/GEMM
// fallback for the dtypes and configurations oneDNN does not run).
#pragma once

#include <optional>
#include <string_view>

#include "ops/dnnl/conv.h"
#include "wick/core/tensor.h"

namespace wick::conv {

// Parameters with one value per spatial dim. pad_r differs from pad_l only for
// padding='same' with an even effective kernel; for transposed convolutions the right crop
// is pad_r - output_padding.
struct ConvArgs {
  DimVector stride, pad_l, pad_r, dilation, output_padding;
  int64_t groups = 1;
  bool transposed = false;
};

// Builds ConvArgs from schema lists (single values broadcast to every spatial dim), checking
// their lengths and values with PyTorch's messages.
ConvArgs makeArgs(int64_t spatial, IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                  bool transposed, IntArrayRef output_padding, int64_t groups, std::string_view op);

// PyTorch's check_shape_forward; returns the output sizes.
DimVector checkShapes(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                      const ConvArgs& a, std::string_view op);

// The batched convolution (input and weight of equal rank): checks, then computes. The
// output is channels-last when input or weight suggest it (non-transposed only).
Tensor convolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                   const ConvArgs& a, std::string_view op);

// Whether a convolution produces a channels-last output (PyTorch 1.13: 2-d, non-transposed,
// input or weight suggesting channels-last).
bool channelsLastOutput(const Tensor& input, const Tensor& weight, const ConvArgs& a);

// The oneDNN configuration for a checked convolution (no post-ops).
onednn::ConvConfig oneDnnConfig(const Tensor& input, const Tensor& weight, bool has_bias,
                                const ConvArgs& a, IntArrayRef out_sizes, bool channels_last);

// The im2col/GEMM convolution for any dtype gemm supports; contiguous NCHW output.
Tensor convolutionFallback(const Tensor& input, const Tensor& weight,
                           const std::optional<Tensor>& bias, const ConvArgs& a,
                           IntArrayRef out_sizes);

}  // namespace wick::conv
