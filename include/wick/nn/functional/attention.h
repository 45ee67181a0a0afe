// nn::functional::multi_head_attention_forward (torch.nn.functional's), the computation
// behind nn::MultiheadAttention: in-projection, optional bias_k/bias_v and zero attention,
// masks (bool masks become -inf, float masks are added), scaled dot products, softmax,
// dropout and the out-projection. Inputs are (L, N, E) or unbatched (L, E).
#pragma once

#include <optional>
#include <tuple>

#include "wick/core/tensor.h"
#include "wick/nn/options.h"

namespace wick::nn::functional {

class MultiheadAttentionForwardOptions {
 public:
  MultiheadAttentionForwardOptions(int64_t embed_dim_to_check, int64_t num_heads,
                                   std::optional<Tensor> in_proj_weight,
                                   std::optional<Tensor> in_proj_bias, std::optional<Tensor> bias_k,
                                   std::optional<Tensor> bias_v, bool add_zero_attn,
                                   double dropout_p, Tensor out_proj_weight,
                                   std::optional<Tensor> out_proj_bias)
      : embed_dim_to_check_(embed_dim_to_check),
        num_heads_(num_heads),
        in_proj_weight_(std::move(in_proj_weight)),
        in_proj_bias_(std::move(in_proj_bias)),
        bias_k_(std::move(bias_k)),
        bias_v_(std::move(bias_v)),
        add_zero_attn_(add_zero_attn),
        dropout_p_(dropout_p),
        out_proj_weight_(std::move(out_proj_weight)),
        out_proj_bias_(std::move(out_proj_bias)) {}

  WICK_ARG(int64_t, embed_dim_to_check);
  WICK_ARG(int64_t, num_heads);
  WICK_ARG(std::optional<Tensor>, in_proj_weight);
  WICK_ARG(std::optional<Tensor>, in_proj_bias);
  WICK_ARG(std::optional<Tensor>, bias_k);
  WICK_ARG(std::optional<Tensor>, bias_v);
  WICK_ARG(bool, add_zero_attn);
  WICK_ARG(double, dropout_p);
  WICK_ARG(Tensor, out_proj_weight);
  WICK_ARG(std::optional<Tensor>, out_proj_bias);
  WICK_ARG(bool, training) = true;
  // (N, S) (or (S) unbatched); true / -inf entries are not attended to.
  WICK_ARG(std::optional<Tensor>, key_padding_mask);
  WICK_ARG(bool, need_weights) = true;
  // (L, S) or (N * num_heads, L, S).
  WICK_ARG(std::optional<Tensor>, attn_mask);
  WICK_ARG(bool, use_separate_proj_weight) = false;
  WICK_ARG(std::optional<Tensor>, q_proj_weight);
  WICK_ARG(std::optional<Tensor>, k_proj_weight);
  WICK_ARG(std::optional<Tensor>, v_proj_weight);
  WICK_ARG(std::optional<Tensor>, static_k);
  WICK_ARG(std::optional<Tensor>, static_v);
  WICK_ARG(bool, average_attn_weights) = true;
};

// Returns (attn_output, attn_weights); the weights are nullopt unless need_weights.
std::tuple<Tensor, std::optional<Tensor>> multi_head_attention_forward(
    const Tensor& query, const Tensor& key, const Tensor& value,
    const MultiheadAttentionForwardOptions& options);

}  // namespace wick::nn::functional
