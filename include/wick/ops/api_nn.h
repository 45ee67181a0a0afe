// Dense and neural-network ops as free functions mirroring torch.*: linear, matmul,
// conv1d/conv2d, pooling, normalisation, embedding, interpolation, recurrent and attention
// ops. nn::functional builds on these.
// Every function here is a thin wrapper over wick::ops::<row> (ops.def) adding PyTorch's
// defaults and overloads; all of them are recorded when tracing.
#pragma once

#include <optional>
#include <string_view>
#include <tuple>

#include "wick/ops/ops.h"

namespace wick {

// ---- matrix products ----

inline Tensor matmul(const Tensor& self, const Tensor& other) { return ops::matmul(self, other); }
inline Tensor mm(const Tensor& self, const Tensor& mat2) { return ops::mm(self, mat2); }
inline Tensor bmm(const Tensor& self, const Tensor& mat2) { return ops::bmm(self, mat2); }
inline Tensor mv(const Tensor& self, const Tensor& vec) { return ops::mv(self, vec); }
inline Tensor dot(const Tensor& self, const Tensor& other) { return ops::dot(self, other); }
inline Tensor outer(const Tensor& self, const Tensor& vec2) { return ops::outer(self, vec2); }
inline Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2,
                    const Scalar& beta = 1, const Scalar& alpha = 1) {
  return ops::addmm(self, mat1, mat2, beta, alpha);
}
inline Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec,
                    const Scalar& beta = 1, const Scalar& alpha = 1) {
  return ops::addmv(self, mat, vec, beta, alpha);
}
inline Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                      const Scalar& beta = 1, const Scalar& alpha = 1) {
  return ops::baddbmm(self, batch1, batch2, beta, alpha);
}
inline Tensor addbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2,
                     const Scalar& beta = 1, const Scalar& alpha = 1) {
  return ops::addbmm(self, batch1, batch2, beta, alpha);
}
inline Tensor linear(const Tensor& input, const Tensor& weight,
                     const std::optional<Tensor>& bias = std::nullopt) {
  return ops::linear(input, weight, bias);
}
inline Tensor bilinear(const Tensor& input1, const Tensor& input2, const Tensor& weight,
                       const std::optional<Tensor>& bias = std::nullopt) {
  return ops::bilinear(input1, input2, weight, bias);
}

// ---- convolution ----

inline Tensor conv1d(const Tensor& input, const Tensor& weight,
                     const std::optional<Tensor>& bias = std::nullopt, IntArrayRef stride = 1,
                     IntArrayRef padding = 0, IntArrayRef dilation = 1, int64_t groups = 1) {
  return ops::conv1d(input, weight, bias, stride, padding, dilation, groups);
}
inline Tensor conv2d(const Tensor& input, const Tensor& weight,
                     const std::optional<Tensor>& bias = std::nullopt, IntArrayRef stride = 1,
                     IntArrayRef padding = 0, IntArrayRef dilation = 1, int64_t groups = 1) {
  return ops::conv2d(input, weight, bias, stride, padding, dilation, groups);
}
inline Tensor conv3d(const Tensor& input, const Tensor& weight,
                     const std::optional<Tensor>& bias = std::nullopt, IntArrayRef stride = 1,
                     IntArrayRef padding = 0, IntArrayRef dilation = 1, int64_t groups = 1) {
  return ops::conv3d(input, weight, bias, stride, padding, dilation, groups);
}
// padding = "same" or "valid".
inline Tensor conv1d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                     IntArrayRef stride, std::string_view padding, IntArrayRef dilation = 1,
                     int64_t groups = 1) {
  return ops::conv1d_padding(input, weight, bias, stride, padding, dilation, groups);
}
inline Tensor conv2d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                     IntArrayRef stride, std::string_view padding, IntArrayRef dilation = 1,
                     int64_t groups = 1) {
  return ops::conv2d_padding(input, weight, bias, stride, padding, dilation, groups);
}
inline Tensor conv3d(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                     IntArrayRef stride, std::string_view padding, IntArrayRef dilation = 1,
                     int64_t groups = 1) {
  return ops::conv3d_padding(input, weight, bias, stride, padding, dilation, groups);
}
inline Tensor conv_transpose1d(const Tensor& input, const Tensor& weight,
                               const std::optional<Tensor>& bias = std::nullopt,
                               IntArrayRef stride = 1, IntArrayRef padding = 0,
                               IntArrayRef output_padding = 0, int64_t groups = 1,
                               IntArrayRef dilation = 1) {
  return ops::conv_transpose1d(input, weight, bias, stride, padding, output_padding, groups,
                               dilation);
}
inline Tensor conv_transpose2d(const Tensor& input, const Tensor& weight,
                               const std::optional<Tensor>& bias = std::nullopt,
                               IntArrayRef stride = 1, IntArrayRef padding = 0,
                               IntArrayRef output_padding = 0, int64_t groups = 1,
                               IntArrayRef dilation = 1) {
  return ops::conv_transpose2d_input(input, weight, bias, stride, padding, output_padding, groups,
                                     dilation);
}
inline Tensor conv_transpose3d(const Tensor& input, const Tensor& weight,
                               const std::optional<Tensor>& bias = std::nullopt,
                               IntArrayRef stride = 1, IntArrayRef padding = 0,
                               IntArrayRef output_padding = 0, int64_t groups = 1,
                               IntArrayRef dilation = 1) {
  return ops::conv_transpose3d_input(input, weight, bias, stride, padding, output_padding, groups,
                                     dilation);
}
inline Tensor convolution(const Tensor& input, const Tensor& weight,
                          const std::optional<Tensor>& bias, IntArrayRef stride,
                          IntArrayRef padding, IntArrayRef dilation, bool transposed,
                          IntArrayRef output_padding, int64_t groups) {
  return ops::convolution(input, weight, bias, stride, padding, dilation, transposed,
                          output_padding, groups);
}

// ---- pooling (an empty stride means "equal to kernel_size", as in PyTorch) ----

inline Tensor max_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                         IntArrayRef padding = 0, IntArrayRef dilation = 1,
                         bool ceil_mode = false) {
  return ops::max_pool1d(self, kernel_size, stride, padding, dilation, ceil_mode);
}
inline Tensor max_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                         IntArrayRef padding = 0, IntArrayRef dilation = 1,
                         bool ceil_mode = false) {
  return ops::max_pool2d(self, kernel_size, stride, padding, dilation, ceil_mode);
}
inline std::tuple<Tensor, Tensor> max_pool2d_with_indices(
    const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {}, IntArrayRef padding = 0,
    IntArrayRef dilation = 1, bool ceil_mode = false) {
  return ops::max_pool2d_with_indices(self, kernel_size, stride, padding, dilation, ceil_mode);
}
inline Tensor max_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                         IntArrayRef padding = 0, IntArrayRef dilation = 1,
                         bool ceil_mode = false) {
  return ops::max_pool3d(self, kernel_size, stride, padding, dilation, ceil_mode);
}
inline Tensor avg_pool1d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                         IntArrayRef padding = 0, bool ceil_mode = false,
                         bool count_include_pad = true) {
  return ops::avg_pool1d(self, kernel_size, stride, padding, ceil_mode, count_include_pad);
}
inline Tensor avg_pool2d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                         IntArrayRef padding = 0, bool ceil_mode = false,
                         bool count_include_pad = true,
                         std::optional<int64_t> divisor_override = std::nullopt) {
  std::optional<SymInt> div;
  if (divisor_override) div = *divisor_override;
  return ops::avg_pool2d(self, kernel_size, stride, padding, ceil_mode, count_include_pad, div);
}
inline Tensor avg_pool3d(const Tensor& self, IntArrayRef kernel_size, IntArrayRef stride = {},
                         IntArrayRef padding = 0, bool ceil_mode = false,
                         bool count_include_pad = true,
                         std::optional<int64_t> divisor_override = std::nullopt) {
  std::optional<SymInt> div;
  if (divisor_override) div = *divisor_override;
  return ops::avg_pool3d(self, kernel_size, stride, padding, ceil_mode, count_include_pad, div);
}
inline Tensor adaptive_avg_pool1d(const Tensor& self, IntArrayRef output_size) {
  return ops::adaptive_avg_pool1d(self, output_size);
}
inline Tensor adaptive_avg_pool2d(const Tensor& self, SymIntList output_size) {
  return ops::adaptive_avg_pool2d(self, output_size);
}
inline Tensor adaptive_avg_pool3d(const Tensor& self, IntArrayRef output_size) {
  return ops::adaptive_avg_pool3d(self, output_size);
}
inline std::tuple<Tensor, Tensor> adaptive_max_pool1d(const Tensor& self, IntArrayRef output_size) {
  return ops::adaptive_max_pool1d(self, output_size);
}
inline std::tuple<Tensor, Tensor> adaptive_max_pool2d(const Tensor& self, IntArrayRef output_size) {
  return ops::adaptive_max_pool2d(self, output_size);
}

// ---- normalisation ----

inline Tensor batch_norm(const Tensor& input, const std::optional<Tensor>& weight,
                         const std::optional<Tensor>& bias,
                         const std::optional<Tensor>& running_mean,
                         const std::optional<Tensor>& running_var, bool training,
                         double momentum = 0.1, double eps = 1e-5, bool cudnn_enabled = true) {
  return ops::batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps,
                         cudnn_enabled);
}
inline Tensor instance_norm(const Tensor& input, const std::optional<Tensor>& weight = std::nullopt,
                            const std::optional<Tensor>& bias = std::nullopt,
                            const std::optional<Tensor>& running_mean = std::nullopt,
                            const std::optional<Tensor>& running_var = std::nullopt,
                            bool use_input_stats = true, double momentum = 0.1, double eps = 1e-5,
                            bool cudnn_enabled = true) {
  return ops::instance_norm(input, weight, bias, running_mean, running_var, use_input_stats,
                            momentum, eps, cudnn_enabled);
}
inline Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                         const std::optional<Tensor>& weight = std::nullopt,
                         const std::optional<Tensor>& bias = std::nullopt, double eps = 1e-5,
                         bool cudnn_enable = true) {
  return ops::layer_norm(input, normalized_shape, weight, bias, eps, cudnn_enable);
}
inline Tensor group_norm(const Tensor& input, int64_t num_groups,
                         const std::optional<Tensor>& weight = std::nullopt,
                         const std::optional<Tensor>& bias = std::nullopt, double eps = 1e-5,
                         bool cudnn_enabled = true) {
  return ops::group_norm(input, num_groups, weight, bias, eps, cudnn_enabled);
}

// ---- embedding, interpolation ----

inline Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t padding_idx = -1,
                        bool scale_grad_by_freq = false, bool sparse = false) {
  return ops::embedding(weight, indices, padding_idx, scale_grad_by_freq, sparse);
}
inline Tensor upsample_nearest1d(const Tensor& self, SymIntList output_size,
                                 std::optional<double> scales = std::nullopt) {
  return ops::upsample_nearest1d(self, output_size, scales);
}
inline Tensor upsample_nearest2d(const Tensor& self, SymIntList output_size,
                                 std::optional<double> scales_h = std::nullopt,
                                 std::optional<double> scales_w = std::nullopt) {
  return ops::upsample_nearest2d(self, output_size, scales_h, scales_w);
}
inline Tensor upsample_bilinear2d(const Tensor& self, SymIntList output_size, bool align_corners,
                                  std::optional<double> scales_h = std::nullopt,
                                  std::optional<double> scales_w = std::nullopt) {
  return ops::upsample_bilinear2d(self, output_size, align_corners, scales_h, scales_w);
}
// The scale-factor forms (torch.nn.functional.interpolate(scale_factor=...)).
inline Tensor upsample_nearest2d(const Tensor& input, std::optional<IntArrayRef> output_size,
                                 std::optional<ArrayRef<double>> scale_factors) {
  return ops::upsample_nearest2d_vec(input, output_size, scale_factors);
}
inline Tensor upsample_bilinear2d(const Tensor& input, std::optional<IntArrayRef> output_size,
                                  bool align_corners,
                                  std::optional<ArrayRef<double>> scale_factors) {
  return ops::upsample_bilinear2d_vec(input, output_size, align_corners, scale_factors);
}
inline Tensor pixel_shuffle(const Tensor& self, int64_t upscale_factor) {
  return ops::pixel_shuffle(self, upscale_factor);
}
inline Tensor pixel_unshuffle(const Tensor& self, int64_t downscale_factor) {
  return ops::pixel_unshuffle(self, downscale_factor);
}

// ---- recurrent ----
// params: per layer and direction w_ih, w_hh, [b_ih, b_hh], [w_hr] (nn.LSTM's
// _flat_weights order); hx for lstm is {h0, c0}.

inline std::tuple<Tensor, Tensor, Tensor> lstm(const Tensor& input, TensorList hx,
                                               TensorList params, bool has_biases,
                                               int64_t num_layers, double dropout, bool train,
                                               bool bidirectional, bool batch_first) {
  return ops::lstm_input(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
                         batch_first);
}
inline std::tuple<Tensor, Tensor> gru(const Tensor& input, const Tensor& hx, TensorList params,
                                      bool has_biases, int64_t num_layers, double dropout,
                                      bool train, bool bidirectional, bool batch_first) {
  return ops::gru_input(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
                        batch_first);
}
inline std::tuple<Tensor, Tensor> rnn_tanh(const Tensor& input, const Tensor& hx, TensorList params,
                                           bool has_biases, int64_t num_layers, double dropout,
                                           bool train, bool bidirectional, bool batch_first) {
  return ops::rnn_tanh_input(input, hx, params, has_biases, num_layers, dropout, train,
                             bidirectional, batch_first);
}
inline std::tuple<Tensor, Tensor> rnn_relu(const Tensor& input, const Tensor& hx, TensorList params,
                                           bool has_biases, int64_t num_layers, double dropout,
                                           bool train, bool bidirectional, bool batch_first) {
  return ops::rnn_relu_input(input, hx, params, has_biases, num_layers, dropout, train,
                             bidirectional, batch_first);
}
inline std::tuple<Tensor, Tensor> lstm_cell(const Tensor& input, TensorList hx, const Tensor& w_ih,
                                            const Tensor& w_hh,
                                            const std::optional<Tensor>& b_ih = std::nullopt,
                                            const std::optional<Tensor>& b_hh = std::nullopt) {
  return ops::lstm_cell(input, hx, w_ih, w_hh, b_ih, b_hh);
}
inline Tensor gru_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                       const Tensor& w_hh, const std::optional<Tensor>& b_ih = std::nullopt,
                       const std::optional<Tensor>& b_hh = std::nullopt) {
  return ops::gru_cell(input, hx, w_ih, w_hh, b_ih, b_hh);
}
inline Tensor rnn_tanh_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                            const Tensor& w_hh, const std::optional<Tensor>& b_ih = std::nullopt,
                            const std::optional<Tensor>& b_hh = std::nullopt) {
  return ops::rnn_tanh_cell(input, hx, w_ih, w_hh, b_ih, b_hh);
}
inline Tensor rnn_relu_cell(const Tensor& input, const Tensor& hx, const Tensor& w_ih,
                            const Tensor& w_hh, const std::optional<Tensor>& b_ih = std::nullopt,
                            const std::optional<Tensor>& b_hh = std::nullopt) {
  return ops::rnn_relu_cell(input, hx, w_ih, w_hh, b_ih, b_hh);
}

// ---- Tensor methods declared in tensor.h ----

inline Tensor Tensor::matmul(const Tensor& other) const { return ops::matmul(*this, other); }
inline Tensor Tensor::mm(const Tensor& mat2) const { return ops::mm(*this, mat2); }
inline Tensor Tensor::bmm(const Tensor& mat2) const { return ops::bmm(*this, mat2); }

}  // namespace wick
