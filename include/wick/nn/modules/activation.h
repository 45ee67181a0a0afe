// Activation layers (torch.nn.modules.activation): ReLU, ReLU6, LeakyReLU, ELU, GELU, SiLU,
// Mish, Sigmoid, Tanh, Softmax, LogSoftmax, Hardswish, Hardsigmoid, Hardtanh, Softplus. Each
// calls the nn::functional form PyTorch's module calls, so traces record the same op
// (ReLU6 is a Hardtanh(0, 6) in PyTorch and records aten::hardtanh).
#pragma once

#include <optional>
#include <string>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct InplaceOptions {
  InplaceOptions(bool inplace = false) : inplace_(inplace) {}
  WICK_ARG(bool, inplace);
};
using ReLUOptions = InplaceOptions;
using ReLU6Options = InplaceOptions;
using SiLUOptions = InplaceOptions;
using MishOptions = InplaceOptions;
using HardswishOptions = InplaceOptions;
using HardsigmoidOptions = InplaceOptions;

struct LeakyReLUOptions {
  WICK_ARG(Scalar, negative_slope) = 1e-2;
  WICK_ARG(bool, inplace) = false;
};
struct ELUOptions {
  WICK_ARG(Scalar, alpha) = 1.0;
  WICK_ARG(bool, inplace) = false;
};
struct GELUOptions {
  GELUOptions(std::string approximate = "none") : approximate_(std::move(approximate)) {}
  GELUOptions(const char* approximate) : approximate_(approximate) {}
  // "none" (exact) or "tanh".
  WICK_ARG(std::string, approximate);
};
struct HardtanhOptions {
  WICK_ARG(Scalar, min_val) = -1.0;
  WICK_ARG(Scalar, max_val) = 1.0;
  WICK_ARG(bool, inplace) = false;
};
struct SoftplusOptions {
  WICK_ARG(Scalar, beta) = 1;
  WICK_ARG(Scalar, threshold) = 20;
};
struct SoftmaxOptions {
  SoftmaxOptions() = default;
  SoftmaxOptions(int64_t dim) : dim_(dim) {}
  // nullopt: PyTorch's deprecated implicit dimension.
  WICK_ARG(std::optional<int64_t>, dim);
};
using LogSoftmaxOptions = SoftmaxOptions;

// Declares FooImpl with an options member, forward and extra_repr, and the Foo holder.
#define WICK_ACTIVATION(Name, Options)                \
  class Name##Impl : public Module {                  \
   public:                                            \
    explicit Name##Impl(const Options& options = {}); \
    Tensor forward(const Tensor& input);              \
    std::string extra_repr() const override;          \
    Options options;                                  \
  };                                                  \
  WICK_MODULE(Name)

WICK_ACTIVATION(ReLU, ReLUOptions);
WICK_ACTIVATION(ReLU6, ReLU6Options);
WICK_ACTIVATION(LeakyReLU, LeakyReLUOptions);
WICK_ACTIVATION(ELU, ELUOptions);
WICK_ACTIVATION(GELU, GELUOptions);
WICK_ACTIVATION(SiLU, SiLUOptions);
WICK_ACTIVATION(Mish, MishOptions);
WICK_ACTIVATION(Hardswish, HardswishOptions);
WICK_ACTIVATION(Hardsigmoid, HardsigmoidOptions);
WICK_ACTIVATION(Hardtanh, HardtanhOptions);
WICK_ACTIVATION(Softplus, SoftplusOptions);
WICK_ACTIVATION(Softmax, SoftmaxOptions);
WICK_ACTIVATION(LogSoftmax, LogSoftmaxOptions);
#undef WICK_ACTIVATION

class SigmoidImpl : public Module {
 public:
  SigmoidImpl();
  Tensor forward(const Tensor& input);
};
WICK_MODULE(Sigmoid);

class TanhImpl : public Module {
 public:
  TanhImpl();
  Tensor forward(const Tensor& input);
};
WICK_MODULE(Tanh);

}  // namespace wick::nn
