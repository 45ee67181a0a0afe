// Attention and transformer layers: MultiheadAttention (torch.nn.modules.activation),
// TransformerEncoderLayer, TransformerEncoder and TransformerDecoderLayer
// (torch.nn.modules.transformer).
//
// In eval mode with batch_first and grad disabled (or no parameter requiring grad), PyTorch
// 1.13 runs MultiheadAttention and TransformerEncoderLayer through fused ops
// (aten::_native_multi_head_attention, aten::_transformer_encoder_layer_fwd); these layers
// take the fused path under exactly the same conditions, so traces match.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <variant>

#include "wick/nn/modules/container.h"
#include "wick/nn/modules/dropout.h"
#include "wick/nn/modules/linear.h"
#include "wick/nn/modules/normalization.h"

namespace wick::nn {

struct MultiheadAttentionOptions {
  MultiheadAttentionOptions(int64_t embed_dim, int64_t num_heads)
      : embed_dim_(embed_dim), num_heads_(num_heads) {}
  WICK_ARG(int64_t, embed_dim);
  WICK_ARG(int64_t, num_heads);
  WICK_ARG(double, dropout) = 0.0;
  WICK_ARG(bool, bias) = true;
  WICK_ARG(bool, add_bias_kv) = false;
  WICK_ARG(bool, add_zero_attn) = false;
  // Feature sizes of key and value (default embed_dim).
  WICK_ARG(std::optional<int64_t>, kdim);
  WICK_ARG(std::optional<int64_t>, vdim);
  // (N, L, E) inputs instead of (L, N, E).
  WICK_ARG(bool, batch_first) = false;
};

class MultiheadAttentionImpl : public Module {
 public:
  MultiheadAttentionImpl(int64_t embed_dim, int64_t num_heads)
      : MultiheadAttentionImpl(MultiheadAttentionOptions(embed_dim, num_heads)) {}
  explicit MultiheadAttentionImpl(const MultiheadAttentionOptions& options);

  // Returns (attn_output, attn_weights); the weights are nullopt unless need_weights. The
  // generic "forward" method takes the same arguments with the same defaults.
  std::tuple<Tensor, std::optional<Tensor>> forward(
      const Tensor& query, const Tensor& key, const Tensor& value,
      const std::optional<Tensor>& key_padding_mask = std::nullopt, bool need_weights = true,
      const std::optional<Tensor>& attn_mask = std::nullopt, bool average_attn_weights = true);
  void reset_parameters();

  MultiheadAttentionOptions options;
  int64_t head_dim = 0;
  bool qkv_same_embed_dim = true;
  Tensor in_proj_weight, in_proj_bias;                 // undefined when absent
  Tensor q_proj_weight, k_proj_weight, v_proj_weight;  // only with kdim/vdim != embed_dim
  Tensor bias_k, bias_v;                               // only with add_bias_kv
  NonDynamicallyQuantizableLinear out_proj{nullptr};

 private:
  // Why PyTorch would not take the fused path ("" when it would).
  std::string why_not_fast_path(const Tensor& query, const Tensor& key, const Tensor& value,
                                const std::optional<Tensor>& key_padding_mask,
                                const std::optional<Tensor>& attn_mask) const;
};
WICK_MODULE(MultiheadAttention);

// relu, gelu, or any function of a tensor.
class TransformerActivation {
 public:
  TransformerActivation(const char* name) : TransformerActivation(std::string(name)) {}
  TransformerActivation(std::string name);
  TransformerActivation(std::function<Tensor(const Tensor&)> fn) : fn_(std::move(fn)) {}
  // 1 for relu, 2 for gelu, 0 for a custom function (PyTorch's activation_relu_or_gelu).
  int relu_or_gelu() const { return kind_; }
  Tensor operator()(const Tensor& x) const;

 private:
  int kind_ = 0;
  std::function<Tensor(const Tensor&)> fn_;
};

struct TransformerEncoderLayerOptions {
  TransformerEncoderLayerOptions(int64_t d_model, int64_t nhead)
      : d_model_(d_model), nhead_(nhead) {}
  WICK_ARG(int64_t, d_model);
  WICK_ARG(int64_t, nhead);
  WICK_ARG(int64_t, dim_feedforward) = 2048;
  WICK_ARG(double, dropout) = 0.1;
  WICK_ARG(TransformerActivation, activation) = "relu";
  WICK_ARG(double, layer_norm_eps) = 1e-5;
  WICK_ARG(bool, batch_first) = false;
  // Normalise before attention / feed-forward instead of after.
  WICK_ARG(bool, norm_first) = false;
};

class TransformerEncoderLayerImpl : public Module {
 public:
  TransformerEncoderLayerImpl(int64_t d_model, int64_t nhead)
      : TransformerEncoderLayerImpl(TransformerEncoderLayerOptions(d_model, nhead)) {}
  explicit TransformerEncoderLayerImpl(const TransformerEncoderLayerOptions& options);
  Tensor forward(const Tensor& src, const std::optional<Tensor>& src_mask = std::nullopt,
                 const std::optional<Tensor>& src_key_padding_mask = std::nullopt);
  // Why PyTorch would not take the fused path for this input ("" when it would).
  std::string why_not_fast_path(const Tensor& src, const std::optional<Tensor>& src_mask,
                                const std::optional<Tensor>& src_key_padding_mask) const;

  TransformerEncoderLayerOptions options;
  MultiheadAttention self_attn{nullptr};
  Linear linear1{nullptr};
  Dropout dropout{nullptr};
  Linear linear2{nullptr};
  LayerNorm norm1{nullptr}, norm2{nullptr};
  Dropout dropout1{nullptr}, dropout2{nullptr};

 private:
  Tensor sa_block(const Tensor& x, const std::optional<Tensor>& attn_mask,
                  const std::optional<Tensor>& key_padding_mask);
  Tensor ff_block(const Tensor& x);
};
WICK_MODULE(TransformerEncoderLayer);

struct TransformerEncoderOptions {
  TransformerEncoderOptions(TransformerEncoderLayer encoder_layer, int64_t num_layers)
      : encoder_layer_(std::move(encoder_layer)), num_layers_(num_layers) {}
  WICK_ARG(TransformerEncoderLayer, encoder_layer);
  WICK_ARG(int64_t, num_layers);
  // Applied after the last layer.
  WICK_ARG(LayerNorm, norm) = nullptr;
  WICK_ARG(bool, enable_nested_tensor) = true;
  WICK_ARG(bool, mask_check) = true;
};

// num_layers copies of encoder_layer (same initial weights, as PyTorch's deep copies).
class TransformerEncoderImpl : public Module {
 public:
  TransformerEncoderImpl(TransformerEncoderLayer encoder_layer, int64_t num_layers)
      : TransformerEncoderImpl(TransformerEncoderOptions(std::move(encoder_layer), num_layers)) {}
  explicit TransformerEncoderImpl(const TransformerEncoderOptions& options);
  Tensor forward(const Tensor& src, const std::optional<Tensor>& mask = std::nullopt,
                 const std::optional<Tensor>& src_key_padding_mask = std::nullopt);

  TransformerEncoderOptions options;
  ModuleList layers{nullptr};
  LayerNorm norm{nullptr};

 private:
  bool uses_padded_sparsity(const Tensor& src, const std::optional<Tensor>& mask,
                            const std::optional<Tensor>& src_key_padding_mask) const;
};
WICK_MODULE(TransformerEncoder);

struct TransformerDecoderLayerOptions {
  TransformerDecoderLayerOptions(int64_t d_model, int64_t nhead)
      : d_model_(d_model), nhead_(nhead) {}
  WICK_ARG(int64_t, d_model);
  WICK_ARG(int64_t, nhead);
  WICK_ARG(int64_t, dim_feedforward) = 2048;
  WICK_ARG(double, dropout) = 0.1;
  WICK_ARG(TransformerActivation, activation) = "relu";
  WICK_ARG(double, layer_norm_eps) = 1e-5;
  WICK_ARG(bool, batch_first) = false;
  WICK_ARG(bool, norm_first) = false;
};

class TransformerDecoderLayerImpl : public Module {
 public:
  TransformerDecoderLayerImpl(int64_t d_model, int64_t nhead)
      : TransformerDecoderLayerImpl(TransformerDecoderLayerOptions(d_model, nhead)) {}
  explicit TransformerDecoderLayerImpl(const TransformerDecoderLayerOptions& options);
  Tensor forward(const Tensor& tgt, const Tensor& memory,
                 const std::optional<Tensor>& tgt_mask = std::nullopt,
                 const std::optional<Tensor>& memory_mask = std::nullopt,
                 const std::optional<Tensor>& tgt_key_padding_mask = std::nullopt,
                 const std::optional<Tensor>& memory_key_padding_mask = std::nullopt);

  TransformerDecoderLayerOptions options;
  MultiheadAttention self_attn{nullptr}, multihead_attn{nullptr};
  Linear linear1{nullptr};
  Dropout dropout{nullptr};
  Linear linear2{nullptr};
  LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
  Dropout dropout1{nullptr}, dropout2{nullptr}, dropout3{nullptr};

 private:
  Tensor sa_block(const Tensor& x, const std::optional<Tensor>& attn_mask,
                  const std::optional<Tensor>& key_padding_mask);
  Tensor mha_block(const Tensor& x, const Tensor& memory, const std::optional<Tensor>& attn_mask,
                   const std::optional<Tensor>& key_padding_mask);
  Tensor ff_block(const Tensor& x);
};
WICK_MODULE(TransformerDecoderLayer);

}  // namespace wick::nn
