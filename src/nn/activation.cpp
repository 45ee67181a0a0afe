// Activation layers: each forwards to the nn::functional call of PyTorch's module.
#include "wick/nn/modules/activation.h"

#include "nn/py_format.h"
#include "wick/nn/functional/activation.h"

namespace wick::nn {

namespace F = functional;
using impl::pyScalar;

namespace {
constexpr const char* kPath = "torch.nn.modules.activation";
std::string inplaceText(bool inplace) { return inplace ? "inplace=True" : ""; }
std::string withInplace(std::string s, bool inplace) { return inplace ? s + ", inplace=True" : s; }
}  // namespace

// Defines the constructor of an activation layer (name, module path, option check).
#define WICK_ACTIVATION_CTOR(Name, Options, ...)                                       \
  Name##Impl::Name##Impl(const Options& options_) : Module(#Name), options(options_) { \
    set_torch_module_path(kPath);                                                      \
    __VA_ARGS__;                                                                       \
  }

WICK_ACTIVATION_CTOR(ReLU, ReLUOptions)
Tensor ReLUImpl::forward(const Tensor& input) { return F::relu(input, options.inplace()); }
std::string ReLUImpl::extra_repr() const { return inplaceText(options.inplace()); }

WICK_ACTIVATION_CTOR(ReLU6, ReLU6Options)
Tensor ReLU6Impl::forward(const Tensor& input) {
  return F::hardtanh(input, 0.0, 6.0, options.inplace());
}
std::string ReLU6Impl::extra_repr() const { return inplaceText(options.inplace()); }

WICK_ACTIVATION_CTOR(LeakyReLU, LeakyReLUOptions)
Tensor LeakyReLUImpl::forward(const Tensor& input) {
  return F::leaky_relu(input, options.negative_slope(), options.inplace());
}
std::string LeakyReLUImpl::extra_repr() const {
  return withInplace("negative_slope=" + pyScalar(options.negative_slope()), options.inplace());
}

WICK_ACTIVATION_CTOR(ELU, ELUOptions)
Tensor ELUImpl::forward(const Tensor& input) {
  return F::elu(input, options.alpha(), options.inplace());
}
std::string ELUImpl::extra_repr() const {
  return withInplace("alpha=" + pyScalar(options.alpha()), options.inplace());
}

WICK_ACTIVATION_CTOR(GELU, GELUOptions,
                     WICK_CHECK(options.approximate() == "none" || options.approximate() == "tanh",
                                "approximate argument must be either none or tanh."))
Tensor GELUImpl::forward(const Tensor& input) { return F::gelu(input, options.approximate()); }
std::string GELUImpl::extra_repr() const { return "approximate='" + options.approximate() + "'"; }

WICK_ACTIVATION_CTOR(SiLU, SiLUOptions)
Tensor SiLUImpl::forward(const Tensor& input) { return F::silu(input, options.inplace()); }
std::string SiLUImpl::extra_repr() const { return inplaceText(options.inplace()); }

WICK_ACTIVATION_CTOR(Mish, MishOptions)
Tensor MishImpl::forward(const Tensor& input) { return F::mish(input, options.inplace()); }
std::string MishImpl::extra_repr() const { return inplaceText(options.inplace()); }

// PyTorch prints no options for Hardswish and Hardsigmoid, even in place.
WICK_ACTIVATION_CTOR(Hardswish, HardswishOptions)
Tensor HardswishImpl::forward(const Tensor& input) {
  return F::hardswish(input, options.inplace());
}
std::string HardswishImpl::extra_repr() const { return ""; }

WICK_ACTIVATION_CTOR(Hardsigmoid, HardsigmoidOptions)
Tensor HardsigmoidImpl::forward(const Tensor& input) {
  return F::hardsigmoid(input, options.inplace());
}
std::string HardsigmoidImpl::extra_repr() const { return ""; }

WICK_ACTIVATION_CTOR(Hardtanh, HardtanhOptions,
                     WICK_CHECK(options.max_val().toDouble() > options.min_val().toDouble(),
                                "Hardtanh: max_val (", pyScalar(options.max_val()),
                                ") must be greater than min_val (", pyScalar(options.min_val()),
                                ")"))
Tensor HardtanhImpl::forward(const Tensor& input) {
  return F::hardtanh(input, options.min_val(), options.max_val(), options.inplace());
}
std::string HardtanhImpl::extra_repr() const {
  return withInplace(
      "min_val=" + pyScalar(options.min_val()) + ", max_val=" + pyScalar(options.max_val()),
      options.inplace());
}

WICK_ACTIVATION_CTOR(Softplus, SoftplusOptions)
Tensor SoftplusImpl::forward(const Tensor& input) {
  return F::softplus(input, options.beta(), options.threshold());
}
std::string SoftplusImpl::extra_repr() const {
  return "beta=" + pyScalar(options.beta()) + ", threshold=" + pyScalar(options.threshold());
}

WICK_ACTIVATION_CTOR(Softmax, SoftmaxOptions)
Tensor SoftmaxImpl::forward(const Tensor& input) { return F::softmax(input, options.dim()); }
std::string SoftmaxImpl::extra_repr() const { return "dim=" + impl::pyOptionalInt(options.dim()); }

WICK_ACTIVATION_CTOR(LogSoftmax, LogSoftmaxOptions)
Tensor LogSoftmaxImpl::forward(const Tensor& input) { return F::log_softmax(input, options.dim()); }
std::string LogSoftmaxImpl::extra_repr() const {
  return "dim=" + impl::pyOptionalInt(options.dim());
}

#undef WICK_ACTIVATION_CTOR

SigmoidImpl::SigmoidImpl() : Module("Sigmoid") { set_torch_module_path(kPath); }
Tensor SigmoidImpl::forward(const Tensor& input) { return F::sigmoid(input); }

TanhImpl::TanhImpl() : Module("Tanh") { set_torch_module_path(kPath); }
Tensor TanhImpl::forward(const Tensor& input) { return F::tanh(input); }

}  // namespace wick::nn
