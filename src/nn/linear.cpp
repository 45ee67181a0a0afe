// Identity, Linear, Bilinear, Flatten and Unflatten.
#include "wick/nn/modules/linear.h"

#include <cmath>

#include "nn/py_format.h"
#include "wick/nn/functional/linear.h"
#include "wick/nn/init.h"
#include "wick/ops/functions.h"

namespace wick::nn {

using impl::pyBool;

IdentityImpl::IdentityImpl() : Module("Identity") {
  set_torch_module_path("torch.nn.modules.linear");
}

Tensor IdentityImpl::forward(const Tensor& input) { return input; }

LinearImpl::LinearImpl(const LinearOptions& options) : LinearImpl(options, "Linear") {}

LinearImpl::LinearImpl(const LinearOptions& options_, std::string class_name)
    : Module(std::move(class_name)), options(options_) {
  set_torch_module_path("torch.nn.modules.linear");
  WICK_CHECK(options.in_features() >= 0 && options.out_features() >= 0, name(),
             ": in_features and out_features must be non-negative, got ", options.in_features(),
             " and ", options.out_features());
  weight = register_parameter("weight",
                              emptyTensor({options.out_features(), options.in_features()}, kFloat));
  bias = register_parameter(
      "bias", options.bias() ? emptyTensor({options.out_features()}, kFloat) : Tensor());
  reset_parameters();
}

void LinearImpl::reset_parameters() {
  // kaiming_uniform_ with a = sqrt(5) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
  init::kaiming_uniform_(weight, std::sqrt(5.0));
  if (bias.defined()) {
    int64_t fan_in = init::calculate_fan_in_and_fan_out(weight).first;
    double bound = fan_in > 0 ? 1.0 / std::sqrt(static_cast<double>(fan_in)) : 0.0;
    init::uniform_(bias, -bound, bound);
  }
}

Tensor LinearImpl::forward(const Tensor& input) {
  return functional::linear(input, weight,
                            bias.defined() ? std::optional<Tensor>(bias) : std::nullopt);
}

std::string LinearImpl::extra_repr() const {
  return "in_features=" + std::to_string(options.in_features()) +
         ", out_features=" + std::to_string(options.out_features()) +
         ", bias=" + pyBool(bias.defined());
}

NonDynamicallyQuantizableLinearImpl::NonDynamicallyQuantizableLinearImpl(int64_t in_features,
                                                                         int64_t out_features,
                                                                         bool bias)
    : LinearImpl(LinearOptions(in_features, out_features).bias(bias),
                 "NonDynamicallyQuantizableLinear") {}

BilinearImpl::BilinearImpl(const BilinearOptions& options_)
    : Module("Bilinear"), options(options_) {
  set_torch_module_path("torch.nn.modules.linear");
  weight = register_parameter("weight", emptyTensor({options.out_features(), options.in1_features(),
                                                     options.in2_features()},
                                                    kFloat));
  bias = register_parameter(
      "bias", options.bias() ? emptyTensor({options.out_features()}, kFloat) : Tensor());
  reset_parameters();
}

void BilinearImpl::reset_parameters() {
  int64_t in1 = options.in1_features();
  double bound = in1 > 0 ? 1.0 / std::sqrt(static_cast<double>(in1)) : 0.0;
  init::uniform_(weight, -bound, bound);
  if (bias.defined()) init::uniform_(bias, -bound, bound);
}

Tensor BilinearImpl::forward(const Tensor& input1, const Tensor& input2) {
  return functional::bilinear(input1, input2, weight,
                              bias.defined() ? std::optional<Tensor>(bias) : std::nullopt);
}

std::string BilinearImpl::extra_repr() const {
  return "in1_features=" + std::to_string(options.in1_features()) +
         ", in2_features=" + std::to_string(options.in2_features()) +
         ", out_features=" + std::to_string(options.out_features()) +
         ", bias=" + pyBool(bias.defined());
}

FlattenImpl::FlattenImpl(const FlattenOptions& options_) : Module("Flatten"), options(options_) {
  set_torch_module_path("torch.nn.modules.flatten");
}

Tensor FlattenImpl::forward(const Tensor& input) {
  return ops::flatten_using_ints(input, options.start_dim(), options.end_dim());
}

std::string FlattenImpl::extra_repr() const {
  return "start_dim=" + std::to_string(options.start_dim()) +
         ", end_dim=" + std::to_string(options.end_dim());
}

UnflattenImpl::UnflattenImpl(const UnflattenOptions& options_)
    : Module("Unflatten"), options(options_) {
  set_torch_module_path("torch.nn.modules.flatten");
}

Tensor UnflattenImpl::forward(const Tensor& input) {
  return ops::unflatten_int(input, options.dim(), options.unflattened_size());
}

std::string UnflattenImpl::extra_repr() const {
  return "dim=" + std::to_string(options.dim()) +
         ", unflattened_size=" + impl::pyTuple(options.unflattened_size());
}

}  // namespace wick::nn
