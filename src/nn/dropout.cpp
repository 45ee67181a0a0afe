// Dropout, Dropout2d and Embedding.
#include "wick/nn/modules/dropout.h"

#include <sstream>

#include "nn/py_format.h"
#include "wick/core/grad_mode.h"
#include "wick/nn/functional/normalization.h"
#include "wick/nn/init.h"
#include "wick/ops/functions.h"

namespace wick::nn {

using impl::pyBool;
using impl::pyFloat;

namespace {
void checkProbability(double p) {
  WICK_CHECK(p >= 0.0 && p <= 1.0, "dropout probability has to be between 0 and 1, but got ", p);
}
}  // namespace

DropoutImpl::DropoutImpl(const DropoutOptions& options_) : Module("Dropout"), options(options_) {
  set_torch_module_path("torch.nn.modules.dropout");
  checkProbability(options.p());
}

Tensor DropoutImpl::forward(const Tensor& input) {
  return functional::dropout(input, options.p(), is_training(), options.inplace());
}

std::string DropoutImpl::extra_repr() const {
  return "p=" + pyFloat(options.p()) + ", inplace=" + pyBool(options.inplace());
}

Dropout2dImpl::Dropout2dImpl(const DropoutOptions& options_)
    : Module("Dropout2d"), options(options_) {
  set_torch_module_path("torch.nn.modules.dropout");
  checkProbability(options.p());
}

Tensor Dropout2dImpl::forward(const Tensor& input) {
  return functional::dropout2d(input, options.p(), is_training(), options.inplace());
}

std::string Dropout2dImpl::extra_repr() const {
  return "p=" + pyFloat(options.p()) + ", inplace=" + pyBool(options.inplace());
}

EmbeddingImpl::EmbeddingImpl(const EmbeddingOptions& options_)
    : Module("Embedding"), options(options_) {
  set_torch_module_path("torch.nn.modules.sparse");
  int64_t n = options.num_embeddings();
  WICK_CHECK(n >= 0 && options.embedding_dim() >= 0,
             "Embedding: num_embeddings and embedding_dim must be non-negative, got ", n, " and ",
             options.embedding_dim());
  if (auto p = options.padding_idx()) {
    WICK_CHECK(*p < n && *p >= -n, "Padding_idx must be within num_embeddings");
    if (*p < 0) options.padding_idx(*p + n);
  }
  weight = register_parameter("weight", emptyTensor({n, options.embedding_dim()}, kFloat));
  reset_parameters();
}

void EmbeddingImpl::reset_parameters() {
  init::normal_(weight);
  if (auto p = options.padding_idx()) {
    NoGradGuard no_grad;
    ops::select_int(weight, 0, *p).fill_(0);
  }
}

Tensor EmbeddingImpl::forward(const Tensor& input) {
  return functional::embedding(input, weight, options.padding_idx(), options.max_norm(),
                               options.norm_type(), options.scale_grad_by_freq(), options.sparse());
}

std::string EmbeddingImpl::extra_repr() const {
  std::ostringstream os;
  os << options.num_embeddings() << ", " << options.embedding_dim();
  if (options.padding_idx()) os << ", padding_idx=" << *options.padding_idx();
  if (options.max_norm()) os << ", max_norm=" << pyFloat(*options.max_norm());
  if (options.norm_type() != 2) os << ", norm_type=" << pyFloat(options.norm_type());
  if (options.scale_grad_by_freq()) os << ", scale_grad_by_freq=True";
  if (options.sparse()) os << ", sparse=True";
  return os.str();
}

}  // namespace wick::nn
