// Linear layers and shape layers: Identity, Linear, Bilinear, Flatten, Unflatten (PyTorch's
// torch.nn.modules.linear and torch.nn.modules.flatten), with PyTorch's initialisation.
#pragma once

#include <string>
#include <vector>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

// Returns its input unchanged (a placeholder layer).
class IdentityImpl : public Module {
 public:
  IdentityImpl();
  Tensor forward(const Tensor& input);
};
WICK_MODULE(Identity);

struct LinearOptions {
  LinearOptions(int64_t in_features, int64_t out_features)
      : in_features_(in_features), out_features_(out_features) {}
  WICK_ARG(int64_t, in_features);
  WICK_ARG(int64_t, out_features);
  WICK_ARG(bool, bias) = true;
};

// y = x W^T + b. weight is (out_features, in_features), drawn from U(-1/sqrt(in), 1/sqrt(in))
// (kaiming_uniform_ with a = sqrt(5)), like bias.
class LinearImpl : public Module {
 public:
  LinearImpl(int64_t in_features, int64_t out_features)
      : LinearImpl(LinearOptions(in_features, out_features)) {}
  explicit LinearImpl(const LinearOptions& options);
  Tensor forward(const Tensor& input);
  void reset_parameters();
  std::string extra_repr() const override;

  LinearOptions options;
  Tensor weight;
  Tensor bias;  // undefined without bias

 protected:
  // For subclasses that only change the class name (NonDynamicallyQuantizableLinear).
  LinearImpl(const LinearOptions& options, std::string class_name);
};
WICK_MODULE(Linear);

// MultiheadAttention's out_proj: a Linear under its own class name, as in PyTorch.
class NonDynamicallyQuantizableLinearImpl : public LinearImpl {
 public:
  NonDynamicallyQuantizableLinearImpl(int64_t in_features, int64_t out_features, bool bias = true);
};
WICK_MODULE(NonDynamicallyQuantizableLinear);

struct BilinearOptions {
  BilinearOptions(int64_t in1_features, int64_t in2_features, int64_t out_features)
      : in1_features_(in1_features), in2_features_(in2_features), out_features_(out_features) {}
  WICK_ARG(int64_t, in1_features);
  WICK_ARG(int64_t, in2_features);
  WICK_ARG(int64_t, out_features);
  WICK_ARG(bool, bias) = true;
};

// y = x1^T A x2 + b, weight (out, in1, in2) from U(-1/sqrt(in1), 1/sqrt(in1)).
class BilinearImpl : public Module {
 public:
  BilinearImpl(int64_t in1_features, int64_t in2_features, int64_t out_features)
      : BilinearImpl(BilinearOptions(in1_features, in2_features, out_features)) {}
  explicit BilinearImpl(const BilinearOptions& options);
  Tensor forward(const Tensor& input1, const Tensor& input2);
  void reset_parameters();
  std::string extra_repr() const override;

  BilinearOptions options;
  Tensor weight;
  Tensor bias;
};
WICK_MODULE(Bilinear);

struct FlattenOptions {
  FlattenOptions() = default;
  FlattenOptions(int64_t start_dim, int64_t end_dim = -1)
      : start_dim_(start_dim), end_dim_(end_dim) {}
  WICK_ARG(int64_t, start_dim) = 1;
  WICK_ARG(int64_t, end_dim) = -1;
};

// Flattens dims start_dim..end_dim into one (aten::flatten.using_ints).
class FlattenImpl : public Module {
 public:
  explicit FlattenImpl(const FlattenOptions& options = {});
  FlattenImpl(int64_t start_dim, int64_t end_dim)
      : FlattenImpl(FlattenOptions(start_dim, end_dim)) {}
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  FlattenOptions options;
};
WICK_MODULE(Flatten);

struct UnflattenOptions {
  UnflattenOptions(int64_t dim, std::vector<int64_t> sizes)
      : dim_(dim), unflattened_size_(std::move(sizes)) {}
  WICK_ARG(int64_t, dim);
  WICK_ARG(std::vector<int64_t>, unflattened_size);
};

// Splits dimension `dim` into unflattened_size (aten::unflatten.int).
class UnflattenImpl : public Module {
 public:
  explicit UnflattenImpl(const UnflattenOptions& options);
  UnflattenImpl(int64_t dim, std::vector<int64_t> sizes)
      : UnflattenImpl(UnflattenOptions(dim, std::move(sizes))) {}
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  UnflattenOptions options;
};
WICK_MODULE(Unflatten);

}  // namespace wick::nn
