// Dropout layers (torch.nn.modules.dropout) and Embedding (torch.nn.modules.sparse).
#pragma once

#include <optional>
#include <string>

#include "wick/nn/module.h"
#include "wick/nn/options.h"

namespace wick::nn {

struct DropoutOptions {
  DropoutOptions(double p = 0.5) : p_(p) {}
  WICK_ARG(double, p);
  WICK_ARG(bool, inplace) = false;
};

// In training, zeroes elements with probability p and scales the rest by 1 / (1 - p); in
// eval mode it is the identity.
class DropoutImpl : public Module {
 public:
  explicit DropoutImpl(const DropoutOptions& options = {});
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  DropoutOptions options;
};
WICK_MODULE(Dropout);

// Zeroes whole channels of (N, C, H, W) or (N, C, L) inputs.
class Dropout2dImpl : public Module {
 public:
  explicit Dropout2dImpl(const DropoutOptions& options = {});
  Tensor forward(const Tensor& input);
  std::string extra_repr() const override;

  DropoutOptions options;
};
WICK_MODULE(Dropout2d);

struct EmbeddingOptions {
  EmbeddingOptions(int64_t num_embeddings, int64_t embedding_dim)
      : num_embeddings_(num_embeddings), embedding_dim_(embedding_dim) {}
  WICK_ARG(int64_t, num_embeddings);
  WICK_ARG(int64_t, embedding_dim);
  // The row that is zero-initialised (and gets no gradient in PyTorch); negative counts from
  // the end.
  WICK_ARG(std::optional<int64_t>, padding_idx);
  // Looked-up rows with a larger norm_type-norm are renormalised in place to max_norm.
  WICK_ARG(std::optional<double>, max_norm);
  WICK_ARG(double, norm_type) = 2.0;
  WICK_ARG(bool, scale_grad_by_freq) = false;
  WICK_ARG(bool, sparse) = false;
};

// A lookup table of num_embeddings vectors of size embedding_dim, drawn from N(0, 1).
class EmbeddingImpl : public Module {
 public:
  EmbeddingImpl(int64_t num_embeddings, int64_t embedding_dim)
      : EmbeddingImpl(EmbeddingOptions(num_embeddings, embedding_dim)) {}
  explicit EmbeddingImpl(const EmbeddingOptions& options);
  Tensor forward(const Tensor& input);
  void reset_parameters();
  std::string extra_repr() const override;

  EmbeddingOptions options;  // padding_idx is stored non-negative
  Tensor weight;
};
WICK_MODULE(Embedding);

}  // namespace wick::nn
