// nn::functional normalisation, dropout, embedding and padding.
#include <cmath>
#include <set>
#include <sstream>

#include "nn/functional_util.h"
#include "wick/core/grad_mode.h"
#include "wick/core/warning.h"
#include "wick/nn/functional/normalization.h"
#include "wick/ops/functions.h"

namespace wick::nn::functional {

using impl::optionalTensor;

namespace {

std::string torchSize(IntArrayRef sizes) { return "torch.Size(" + impl::sizesText(sizes) + ")"; }

// PyTorch's _verify_batch_size: batch statistics need more than one value per channel.
void verifyBatchSize(IntArrayRef size) {
  int64_t prod = size.empty() ? 1 : size[0];
  for (size_t i = 2; i < size.size(); ++i) prod *= size[i];
  WICK_CHECK(prod != 1, "Expected more than 1 value per channel when training, got input size ",
             torchSize(size));
}

void checkDropoutProbability(double p) {
  WICK_CHECK(p >= 0.0 && p <= 1.0, "dropout probability has to be between 0 and 1, but got ", p);
}

}  // namespace

Tensor batch_norm(const Tensor& input, const std::optional<Tensor>& running_mean,
                  const std::optional<Tensor>& running_var, const std::optional<Tensor>& weight,
                  const std::optional<Tensor>& bias, bool training, double momentum, double eps) {
  if (training) verifyBatchSize(input.sizes());
  return ops::batch_norm(input, optionalTensor(weight), optionalTensor(bias),
                         optionalTensor(running_mean), optionalTensor(running_var), training,
                         momentum, eps, /*cudnn_enabled=*/true);
}

Tensor layer_norm(const Tensor& input, IntArrayRef normalized_shape,
                  const std::optional<Tensor>& weight, const std::optional<Tensor>& bias,
                  double eps) {
  return ops::layer_norm(input, normalized_shape, optionalTensor(weight), optionalTensor(bias), eps,
                         /*cudnn_enable=*/true);
}

Tensor group_norm(const Tensor& input, int64_t num_groups, const std::optional<Tensor>& weight,
                  const std::optional<Tensor>& bias, double eps) {
  WICK_CHECK(input.dim() >= 2, "group_norm: expected an input with at least 2 dimensions, got ",
             torchSize(input.sizes()));
  WICK_CHECK(num_groups > 0, "group_norm: num_groups must be positive, got ", num_groups);
  IntArrayRef s = input.sizes();
  std::vector<int64_t> grouped{s[0] * s[1] / num_groups, num_groups};
  grouped.insert(grouped.end(), s.begin() + 2, s.end());
  verifyBatchSize(grouped);
  return ops::group_norm(input, num_groups, optionalTensor(weight), optionalTensor(bias), eps,
                         /*cudnn_enabled=*/true);
}

Tensor dropout(const Tensor& input, double p, bool training, bool inplace) {
  checkDropoutProbability(p);
  return inplace ? ops::dropout_(input, p, training) : ops::dropout(input, p, training);
}

Tensor dropout2d(const Tensor& input, double p, bool training, bool inplace) {
  checkDropoutProbability(p);
  int64_t ndim = input.dim();
  if (ndim != 3 && ndim != 4) {
    warn(Warning::Kind::User,
         "dropout2d: Received a " + std::to_string(ndim) +
             "-D input to dropout2d, which is deprecated and will result in an error in a future "
             "release. To retain the behavior and silence this warning, please use dropout "
             "instead. Note that dropout2d exists to provide channel-wise dropout on inputs with "
             "2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. "
             "3D or 4D inputs).");
  }
  if (ndim == 3) {
    warn(Warning::Kind::User,
         "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout "
         "behavior is desired - input is interpreted as shape (N, C, L), where C is the channel "
         "dim. This behavior will change in a future release to interpret the input as one "
         "without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise "
         "dropout behavior, please switch to using dropout1d instead.");
  }
  return inplace ? ops::feature_dropout_(input, p, training)
                 : ops::feature_dropout(input, p, training);
}

namespace {

// Scales every row of `weight` selected by `indices` whose norm_type-norm exceeds max_norm
// down to max_norm (torch.embedding_renorm_, under no_grad), in place.
template <class T>
void renormRows(const Tensor& weight, const std::set<int64_t>& rows, double max_norm,
                double norm_type) {
  T* data = weight.data_ptr<T>();
  int64_t dim = weight.sizes().raw()[1];
  int64_t s0 = weight.stride(0), s1 = weight.stride(1);
  for (int64_t r : rows) {
    T* row = data + r * s0;
    double norm = 0;
    for (int64_t j = 0; j < dim; ++j) {
      double v = std::abs(static_cast<double>(row[j * s1]));
      norm += norm_type == 1 ? v : std::pow(v, norm_type);
    }
    norm = norm_type == 1 ? norm : std::pow(norm, 1.0 / norm_type);
    if (norm > max_norm) {
      double scale = max_norm / (norm + 1e-7);
      for (int64_t j = 0; j < dim; ++j) row[j * s1] = static_cast<T>(row[j * s1] * scale);
    }
  }
}

void embeddingRenorm(const Tensor& weight, const Tensor& indices, double max_norm,
                     double norm_type) {
  WICK_CHECK(weight.dim() == 2, "embedding_renorm_: weight must be 2-D, got ",
             torchSize(weight.sizes()));
  WICK_CHECK(indices.dtype() == kLong || indices.dtype() == kInt,
             "embedding_renorm_: indices must be an integer tensor, got ", indices.dtype());
  std::set<int64_t> rows;
  int64_t num = weight.sizes().raw()[0];
  for (int64_t i : indices.to(kLong).to_vector<int64_t>()) {
    WICK_CHECK_INDEX(i >= 0 && i < num, "index out of range in self");
    rows.insert(i);
  }
  if (weight.dtype() == kFloat) {
    renormRows<float>(weight, rows, max_norm, norm_type);
  } else if (weight.dtype() == kDouble) {
    renormRows<double>(weight, rows, max_norm, norm_type);
  } else {
    WICK_FAIL("embedding_renorm_: max_norm needs a float32 or float64 weight, got ",
              weight.dtype());
  }
  weight.impl()->storage()->bumpVersion();
}

}  // namespace

Tensor embedding(const Tensor& input, const Tensor& weight, std::optional<int64_t> padding_idx,
                 std::optional<double> max_norm, double norm_type, bool scale_grad_by_freq,
                 bool sparse) {
  int64_t num = weight.dim() > 0 ? weight.sizes().raw()[0] : 0;
  int64_t pad = -1;
  if (padding_idx) {
    pad = *padding_idx;
    WICK_CHECK(pad < num && pad >= -num, "Padding_idx must be within num_embeddings");
    if (pad < 0) pad += num;
  }
  Tensor indices = input;
  if (max_norm) {
    indices = input.contiguous();
    NoGradGuard no_grad;
    embeddingRenorm(weight, indices, *max_norm, norm_type);
  }
  return ops::embedding(weight, indices, pad, scale_grad_by_freq, sparse);
}

Tensor pad(const Tensor& input, IntArrayRef pad, std::string_view mode,
           std::optional<double> value) {
  return ops::pad(input, pad, mode, value);
}

}  // namespace wick::nn::functional
