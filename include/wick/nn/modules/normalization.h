// Normalisation layers: BatchNorm1d, BatchNorm2d (torch.nn.modules.batchnorm), LayerNorm and
// GroupNorm (torch.nn.modules.normalization).
//
// BatchNorm keeps running_mean / running_var / num_batches_tracked buffers when
// track_running_stats is on. In training it normalises with the batch statistics and updates
// the running ones with `momentum` (nullopt: a cumulative average, 1 / num_batches_tracked);
// in eval mode it uses the running statistics (or the batch's when it tracks none).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct BatchNormOptions {
  BatchNormOptions(int64_t num_features) : num_features_(num_features) {}
  WICK_ARG(int64_t, num_features);
  WICK_ARG(double, eps) = 1e-5;
  WICK_ARG(bool, affine) = true;
  WICK_ARG(bool, track_running_stats) = true;

 public:
  // nullopt: cumulative moving average. (Kept as a value and a flag: copies of an
  // std::optional<double> member trip GCC 12's -Wmaybe-uninitialized at -O3.)
  BatchNormOptions& momentum(std::optional<double> m) {
    cumulative_ = !m;
    momentum_value_ = m.value_or(0.0);
    return *this;
  }
  std::optional<double> momentum() const {
    return cumulative_ ? std::nullopt : std::optional<double>(momentum_value_);
  }

 private:
  double momentum_value_ = 0.1;
  bool cumulative_ = false;
};

class BatchNormBase : public Module {
 public:
  Tensor forward(const Tensor& input);
  void reset_running_stats();
  void reset_parameters();
  std::string extra_repr() const override;

  BatchNormOptions options;
  Tensor weight, bias;                                    // undefined unless affine
  Tensor running_mean, running_var, num_batches_tracked;  // undefined unless tracked

 protected:
  BatchNormBase(std::string class_name, const BatchNormOptions& options);
  virtual void check_input_dim(const Tensor& input) const = 0;
};

// Over (N, C) or (N, C, L) inputs.
class BatchNorm1dImpl : public BatchNormBase {
 public:
  explicit BatchNorm1dImpl(const BatchNormOptions& options);

 protected:
  void check_input_dim(const Tensor& input) const override;
};
WICK_MODULE(BatchNorm1d);

// Over (N, C, H, W) inputs.
class BatchNorm2dImpl : public BatchNormBase {
 public:
  explicit BatchNorm2dImpl(const BatchNormOptions& options);

 protected:
  void check_input_dim(const Tensor& input) const override;
};
WICK_MODULE(BatchNorm2d);

struct LayerNormOptions {
  LayerNormOptions(std::vector<int64_t> normalized_shape)
      : normalized_shape_(std::move(normalized_shape)) {}
  LayerNormOptions(int64_t normalized_size) : normalized_shape_{normalized_size} {}
  WICK_ARG(std::vector<int64_t>, normalized_shape);
  WICK_ARG(double, eps) = 1e-5;
  WICK_ARG(bool, elementwise_affine) = true;
};

// Normalises over the last len(normalized_shape) dimensions; weight ones, bias zeros.
class LayerNormImpl : public Module {
 public:
  explicit LayerNormImpl(const LayerNormOptions& options);
  Tensor forward(const Tensor& input);
  void reset_parameters();
  std::string extra_repr() const override;

  LayerNormOptions options;
  Tensor weight, bias;  // undefined without elementwise_affine
};
WICK_MODULE(LayerNorm);

struct GroupNormOptions {
  GroupNormOptions(int64_t num_groups, int64_t num_channels)
      : num_groups_(num_groups), num_channels_(num_channels) {}
  WICK_ARG(int64_t, num_groups);
  WICK_ARG(int64_t, num_channels);
  WICK_ARG(double, eps) = 1e-5;
  WICK_ARG(bool, affine) = true;
};

// Normalises each group of num_channels / num_groups channels; weight ones, bias zeros.
class GroupNormImpl : public Module {
 public:
  explicit GroupNormImpl(const GroupNormOptions& options);
  GroupNormImpl(int64_t num_groups, int64_t num_channels)
      : GroupNormImpl(GroupNormOptions(num_groups, num_channels)) {}
  Tensor forward(const Tensor& input);
  void reset_parameters();
  std::string extra_repr() const override;

  GroupNormOptions options;
  Tensor weight, bias;
};
WICK_MODULE(GroupNorm);

}  // namespace wick::nn
