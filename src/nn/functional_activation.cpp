// nn::functional activations: one aten op each, the in-place variant when asked.
#include "wick/nn/functional/activation.h"

#include "wick/core/warning.h"
#include "wick/ops/functions.h"

namespace wick::nn::functional {

Tensor relu(const Tensor& input, bool inplace) {
  return inplace ? ops::relu_(input) : ops::relu(input);
}

Tensor relu6(const Tensor& input, bool inplace) {
  return inplace ? ops::relu6_(input) : ops::relu6(input);
}

Tensor leaky_relu(const Tensor& input, const Scalar& negative_slope, bool inplace) {
  return inplace ? ops::leaky_relu_(input, negative_slope) : ops::leaky_relu(input, negative_slope);
}

Tensor elu(const Tensor& input, const Scalar& alpha, bool inplace) {
  // F.elu passes only alpha; scale and input_scale keep the schema's integer defaults.
  const Scalar one(int64_t(1));
  return inplace ? ops::elu_(input, alpha, one, one) : ops::elu(input, alpha, one, one);
}

Tensor gelu(const Tensor& input, std::string_view approximate) {
  return ops::gelu(input, approximate);
}

Tensor silu(const Tensor& input, bool inplace) {
  return inplace ? ops::silu_(input) : ops::silu(input);
}

Tensor mish(const Tensor& input, bool inplace) {
  return inplace ? ops::mish_(input) : ops::mish(input);
}

Tensor sigmoid(const Tensor& input) { return ops::sigmoid(input); }

Tensor tanh(const Tensor& input) { return ops::tanh(input); }

Tensor hardswish(const Tensor& input, bool inplace) {
  return inplace ? ops::hardswish_(input) : ops::hardswish(input);
}

Tensor hardsigmoid(const Tensor& input, bool inplace) {
  return inplace ? ops::hardsigmoid_(input) : ops::hardsigmoid(input);
}

Tensor hardtanh(const Tensor& input, const Scalar& min_val, const Scalar& max_val, bool inplace) {
  return inplace ? ops::hardtanh_(input, min_val, max_val) : ops::hardtanh(input, min_val, max_val);
}

Tensor softplus(const Tensor& input, const Scalar& beta, const Scalar& threshold) {
  return ops::softplus(input, beta, threshold);
}

namespace {

// PyTorch's _get_softmax_dim: the dimension chosen when none is given (deprecated there).
int64_t implicitSoftmaxDim(const char* name, int64_t ndim) {
  warn(Warning::Kind::Deprecation,
       std::string("Implicit dimension choice for ") + name +
           " has been deprecated. Change the call to include dim=X as an argument.");
  return (ndim == 0 || ndim == 1 || ndim == 3) ? 0 : 1;
}

}  // namespace

Tensor softmax(const Tensor& input, std::optional<int64_t> dim, std::optional<DType> dtype) {
  int64_t d = dim ? *dim : implicitSoftmaxDim("softmax", input.dim());
  return ops::softmax_int(input, d, dtype);
}

Tensor log_softmax(const Tensor& input, std::optional<int64_t> dim, std::optional<DType> dtype) {
  int64_t d = dim ? *dim : implicitSoftmaxDim("log_softmax", input.dim());
  return ops::log_softmax_int(input, d, dtype);
}

}  // namespace wick::nn::functional
