// BatchNorm1d/2d, LayerNorm and GroupNorm, following PyTorch 1.13's _BatchNorm, LayerNorm and
// GroupNorm.
#include "wick/nn/modules/normalization.h"

#include <sstream>

#include "nn/py_format.h"
#include "wick/core/grad_mode.h"
#include "wick/nn/functional/normalization.h"
#include "wick/nn/init.h"
#include "wick/ops/functions.h"

namespace wick::nn {

using impl::pyBool;
using impl::pyFloat;

BatchNormBase::BatchNormBase(std::string class_name, const BatchNormOptions& options_)
    : Module(std::move(class_name)), options(options_) {
  set_torch_module_path("torch.nn.modules.batchnorm");
  int64_t n = options.num_features();
  WICK_CHECK(n >= 0, name(), ": num_features must be non-negative, got ", n);
  weight = register_parameter("weight", options.affine() ? emptyTensor({n}, kFloat) : Tensor());
  bias = register_parameter("bias", options.affine() ? emptyTensor({n}, kFloat) : Tensor());
  bool track = options.track_running_stats();
  running_mean = register_buffer("running_mean", track ? emptyTensor({n}, kFloat) : Tensor());
  running_var = register_buffer("running_var", track ? emptyTensor({n}, kFloat) : Tensor());
  num_batches_tracked =
      register_buffer("num_batches_tracked", track ? emptyTensor({}, kLong) : Tensor());
  reset_parameters();
}

void BatchNormBase::reset_running_stats() {
  if (!options.track_running_stats()) return;
  init::zeros_(running_mean);
  init::ones_(running_var);
  init::zeros_(num_batches_tracked);
}

void BatchNormBase::reset_parameters() {
  reset_running_stats();
  if (options.affine()) {
    init::ones_(weight);
    init::zeros_(bias);
  }
}

Tensor BatchNormBase::forward(const Tensor& input) {
  check_input_dim(input);
  double factor = options.momentum().value_or(0.0);
  if (is_training() && options.track_running_stats() && num_batches_tracked.defined()) {
    num_batches_tracked.add_(1);
    if (!options.momentum()) {
      // Cumulative moving average; reading the count bakes it into a trace, as in PyTorch.
      factor = 1.0 / num_batches_tracked.item<double>();
    }
  }
  // Eval mode uses the running statistics, unless there are none.
  bool bn_training = is_training() || (!running_mean.defined() && !running_var.defined());
  bool pass_stats = !is_training() || options.track_running_stats();
  return functional::batch_norm(input, pass_stats ? running_mean : Tensor(),
                                pass_stats ? running_var : Tensor(), weight, bias, bn_training,
                                factor, options.eps());
}

std::string BatchNormBase::extra_repr() const {
  std::ostringstream os;
  os << options.num_features() << ", eps=" << pyFloat(options.eps())
     << ", momentum=" << (options.momentum() ? pyFloat(*options.momentum()) : "None")
     << ", affine=" << pyBool(options.affine())
     << ", track_running_stats=" << pyBool(options.track_running_stats());
  return os.str();
}

BatchNorm1dImpl::BatchNorm1dImpl(const BatchNormOptions& options)
    : BatchNormBase("BatchNorm1d", options) {}

void BatchNorm1dImpl::check_input_dim(const Tensor& input) const {
  WICK_CHECK(input.dim() == 2 || input.dim() == 3, "expected 2D or 3D input (got ", input.dim(),
             "D input)");
}

BatchNorm2dImpl::BatchNorm2dImpl(const BatchNormOptions& options)
    : BatchNormBase("BatchNorm2d", options) {}

void BatchNorm2dImpl::check_input_dim(const Tensor& input) const {
  WICK_CHECK(input.dim() == 4, "expected 4D input (got ", input.dim(), "D input)");
}

LayerNormImpl::LayerNormImpl(const LayerNormOptions& options_)
    : Module("LayerNorm"), options(options_) {
  set_torch_module_path("torch.nn.modules.normalization");
  const std::vector<int64_t>& shape = options.normalized_shape();
  weight = register_parameter("weight",
                              options.elementwise_affine() ? emptyTensor(shape, kFloat) : Tensor());
  bias = register_parameter("bias",
                            options.elementwise_affine() ? emptyTensor(shape, kFloat) : Tensor());
  reset_parameters();
}

void LayerNormImpl::reset_parameters() {
  if (!options.elementwise_affine()) return;
  init::ones_(weight);
  init::zeros_(bias);
}

Tensor LayerNormImpl::forward(const Tensor& input) {
  return functional::layer_norm(input, options.normalized_shape(), weight, bias, options.eps());
}

std::string LayerNormImpl::extra_repr() const {
  return impl::pyTuple(options.normalized_shape()) + ", eps=" + pyFloat(options.eps()) +
         ", elementwise_affine=" + pyBool(options.elementwise_affine());
}

GroupNormImpl::GroupNormImpl(const GroupNormOptions& options_)
    : Module("GroupNorm"), options(options_) {
  set_torch_module_path("torch.nn.modules.normalization");
  WICK_CHECK(options.num_groups() > 0 && options.num_channels() % options.num_groups() == 0,
             "num_channels must be divisible by num_groups");
  int64_t c = options.num_channels();
  weight = register_parameter("weight", options.affine() ? emptyTensor({c}, kFloat) : Tensor());
  bias = register_parameter("bias", options.affine() ? emptyTensor({c}, kFloat) : Tensor());
  reset_parameters();
}

void GroupNormImpl::reset_parameters() {
  if (!options.affine()) return;
  init::ones_(weight);
  init::zeros_(bias);
}

Tensor GroupNormImpl::forward(const Tensor& input) {
  return functional::group_norm(input, options.num_groups(), weight, bias, options.eps());
}

std::string GroupNormImpl::extra_repr() const {
  return std::to_string(options.num_groups()) + ", " + std::to_string(options.num_channels()) +
         ", eps=" + pyFloat(options.eps()) + ", affine=" + pyBool(options.affine());
}

}  // namespace wick::nn
