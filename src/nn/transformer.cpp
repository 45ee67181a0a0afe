// TransformerEncoderLayer, TransformerEncoder and TransformerDecoderLayer, following PyTorch
// 1.13's torch/nn/modules/transformer.py (including its fused eval-mode paths).
#include <algorithm>

#include "nn/functional_util.h"
#include "wick/core/grad_mode.h"
#include "wick/nn/functional/activation.h"
#include "wick/nn/modules/transformer.h"
#include "wick/ops/functions.h"

namespace wick::nn {

namespace {

constexpr const char* kPath = "torch.nn.modules.transformer";

void checkPaddingMaskType(const std::optional<Tensor>& mask) {
  if (!mask) return;
  WICK_CHECK(mask->dtype() == kBool || isFloatingType(mask->dtype()),
             "only bool and floating types of key_padding_mask are supported");
}

bool anyRequiresGrad(std::initializer_list<Tensor> tensors) {
  for (const Tensor& t : tensors)
    if (t.defined() && t.requires_grad()) return true;
  return false;
}

}  // namespace

TransformerActivation::TransformerActivation(std::string name) {
  WICK_CHECK(name == "relu" || name == "gelu", "activation should be relu/gelu, not ", name);
  kind_ = name == "relu" ? 1 : 2;
}

Tensor TransformerActivation::operator()(const Tensor& x) const {
  if (kind_ == 1) return functional::relu(x);
  if (kind_ == 2) return functional::gelu(x);
  return fn_(x);
}

TransformerEncoderLayerImpl::TransformerEncoderLayerImpl(const TransformerEncoderLayerOptions& o)
    : Module("TransformerEncoderLayer"), options(o) {
  set_torch_module_path(kPath);
  self_attn = register_module("self_attn",
                              MultiheadAttention(MultiheadAttentionOptions(o.d_model(), o.nhead())
                                                     .dropout(o.dropout())
                                                     .batch_first(o.batch_first())));
  linear1 = register_module("linear1", Linear(o.d_model(), o.dim_feedforward()));
  dropout = register_module("dropout", Dropout(o.dropout()));
  linear2 = register_module("linear2", Linear(o.dim_feedforward(), o.d_model()));
  norm1 =
      register_module("norm1", LayerNorm(LayerNormOptions(o.d_model()).eps(o.layer_norm_eps())));
  norm2 =
      register_module("norm2", LayerNorm(LayerNormOptions(o.d_model()).eps(o.layer_norm_eps())));
  dropout1 = register_module("dropout1", Dropout(o.dropout()));
  dropout2 = register_module("dropout2", Dropout(o.dropout()));
}

std::string TransformerEncoderLayerImpl::why_not_fast_path(
    const Tensor& src, const std::optional<Tensor>& src_mask,
    const std::optional<Tensor>& src_key_padding_mask) const {
  (void)src_key_padding_mask;
  if (src.dim() != 3) return "input not batched";
  if (is_training()) return "training is enabled";
  if (!self_attn->options.batch_first()) return "self_attn.batch_first was not True";
  if (!self_attn->qkv_same_embed_dim) return "self_attn._qkv_same_embed_dim was not True";
  if (options.activation().relu_or_gelu() == 0) return "activation_relu_or_gelu was not True";
  if (norm1->options.eps() != norm2->options.eps()) return "norm1.eps is not equal to norm2.eps";
  if (src_mask) return "src_mask is not supported for fastpath";
  if (self_attn->options.num_heads() % 2 == 1) return "num_head is odd";
  if (GradMode::isEnabled() &&
      anyRequiresGrad({src, self_attn->in_proj_weight, self_attn->in_proj_bias,
                       self_attn->out_proj->weight, self_attn->out_proj->bias, norm1->weight,
                       norm1->bias, norm2->weight, norm2->bias, linear1->weight, linear1->bias,
                       linear2->weight, linear2->bias})) {
    return "grad is enabled and at least one of query or the input/output projection weights or "
           "biases requires_grad";
  }
  return "";
}

Tensor TransformerEncoderLayerImpl::forward(const Tensor& src, const std::optional<Tensor>& mask_,
                                            const std::optional<Tensor>& kpm_) {
  std::optional<Tensor> src_mask = impl::optionalTensor(mask_);
  std::optional<Tensor> kpm = impl::optionalTensor(kpm_);
  checkPaddingMaskType(kpm);
  if (why_not_fast_path(src, src_mask, kpm).empty()) {
    std::optional<SymInt> mask_type;
    if (kpm) mask_type = SymInt(1);
    return ops::_transformer_encoder_layer_fwd(
        src, self_attn->options.embed_dim(), self_attn->options.num_heads(),
        self_attn->in_proj_weight, self_attn->in_proj_bias, self_attn->out_proj->weight,
        self_attn->out_proj->bias, options.activation().relu_or_gelu() == 2, options.norm_first(),
        norm1->options.eps(), norm1->weight, norm1->bias, norm2->weight, norm2->bias,
        linear1->weight, linear1->bias, linear2->weight, linear2->bias, kpm, mask_type);
  }
  Tensor x = src;
  if (options.norm_first()) {
    x = x + sa_block(norm1(x), src_mask, kpm);
    x = x + ff_block(norm2(x));
  } else {
    x = norm1(x + sa_block(x, src_mask, kpm));
    x = norm2(x + ff_block(x));
  }
  return x;
}

Tensor TransformerEncoderLayerImpl::sa_block(const Tensor& x,
                                             const std::optional<Tensor>& attn_mask,
                                             const std::optional<Tensor>& key_padding_mask) {
  Tensor out = std::get<0>(self_attn(x, x, x, key_padding_mask, false, attn_mask));
  return dropout1(out);
}

Tensor TransformerEncoderLayerImpl::ff_block(const Tensor& x) {
  return dropout2(linear2(dropout(options.activation()(linear1(x)))));
}

TransformerEncoderImpl::TransformerEncoderImpl(const TransformerEncoderOptions& o)
    : Module("TransformerEncoder"), options(o) {
  set_torch_module_path(kPath);
  WICK_CHECK(o.encoder_layer(), "TransformerEncoder: encoder_layer is null");
  WICK_CHECK(o.num_layers() >= 1, "TransformerEncoder: num_layers must be at least 1, got ",
             o.num_layers());
  // PyTorch deep-copies the layer: every copy starts with the same weights and mode.
  const auto& proto = *o.encoder_layer();
  layers = register_module("layers", ModuleList());
  for (int64_t i = 0; i < o.num_layers(); ++i) {
    TransformerEncoderLayer layer(proto.options);
    layer->load_state_dict(proto.state_dict());
    layer->train(proto.is_training());
    layers->push_back(layer);
  }
  if (o.norm()) norm = register_module("norm", o.norm());
}

bool TransformerEncoderImpl::uses_padded_sparsity(
    const Tensor& src, const std::optional<Tensor>& mask,
    const std::optional<Tensor>& src_key_padding_mask) const {
  auto first = layers->at<TransformerEncoderLayerImpl>(0);
  if (first->options.norm_first() || first->is_training()) return false;
  if (!first->self_attn->options.batch_first()) return false;
  if (first->options.activation().relu_or_gelu() == 0) return false;
  if (first->norm1->options.eps() != first->norm2->options.eps()) return false;
  if (src.dim() != 3 || !options.enable_nested_tensor() || !src_key_padding_mask) return false;
  if (mask || first->self_attn->options.num_heads() % 2 == 1) return false;
  if (options.mask_check()) {
    // Every row must be left-aligned: real tokens first, then padding.
    Tensor pad = src_key_padding_mask->to(kBool);
    std::vector<bool> flags = pad.to_vector<bool>();
    int64_t len = pad.sizes().raw().back();
    for (size_t row = 0; row * static_cast<size_t>(len) < flags.size(); ++row) {
      bool seen_pad = false;
      for (int64_t j = 0; j < len; ++j) {
        bool p = flags[row * static_cast<size_t>(len) + static_cast<size_t>(j)];
        if (seen_pad && !p) return false;
        seen_pad = seen_pad || p;
      }
    }
  }
  return first->why_not_fast_path(src, std::nullopt, std::nullopt).empty();
}

Tensor TransformerEncoderImpl::forward(const Tensor& src, const std::optional<Tensor>& mask_,
                                       const std::optional<Tensor>& kpm_) {
  std::optional<Tensor> mask = impl::optionalTensor(mask_);
  std::optional<Tensor> kpm = impl::optionalTensor(kpm_);
  checkPaddingMaskType(kpm);
  // PyTorch turns a padded batch into a nested tensor here and back into a padded one at the
  // end: the padded positions come out as zeros and the sequence is cut to the longest one.
  // The layers compute the same values for real tokens with the padding mask.
  bool sparse = uses_padded_sparsity(src, mask, kpm);
  Tensor output = src;
  for (const auto& m : *layers) {
    TransformerEncoderLayer layer(std::static_pointer_cast<TransformerEncoderLayerImpl>(m));
    output = layer(output, mask, kpm);
  }
  if (sparse) {
    output = output.masked_fill(kpm->to(kBool).unsqueeze(-1), 0.0);
    std::vector<bool> flags = kpm->to(kBool).to_vector<bool>();
    int64_t len = kpm->sizes().raw().back(), longest = 0;
    for (size_t row = 0; row * static_cast<size_t>(len) < flags.size(); ++row) {
      int64_t n = 0;
      for (int64_t j = 0; j < len; ++j)
        n += flags[row * static_cast<size_t>(len) + static_cast<size_t>(j)] ? 0 : 1;
      longest = std::max(longest, n);
    }
    if (longest < len) output = output.slice(1, 0, longest);
  }
  if (norm) output = norm(output);
  return output;
}

TransformerDecoderLayerImpl::TransformerDecoderLayerImpl(const TransformerDecoderLayerOptions& o)
    : Module("TransformerDecoderLayer"), options(o) {
  set_torch_module_path(kPath);
  auto mha = [&] {
    return MultiheadAttention(MultiheadAttentionOptions(o.d_model(), o.nhead())
                                  .dropout(o.dropout())
                                  .batch_first(o.batch_first()));
  };
  auto norm = [&] { return LayerNorm(LayerNormOptions(o.d_model()).eps(o.layer_norm_eps())); };
  self_attn = register_module("self_attn", mha());
  multihead_attn = register_module("multihead_attn", mha());
  linear1 = register_module("linear1", Linear(o.d_model(), o.dim_feedforward()));
  dropout = register_module("dropout", Dropout(o.dropout()));
  linear2 = register_module("linear2", Linear(o.dim_feedforward(), o.d_model()));
  norm1 = register_module("norm1", norm());
  norm2 = register_module("norm2", norm());
  norm3 = register_module("norm3", norm());
  dropout1 = register_module("dropout1", Dropout(o.dropout()));
  dropout2 = register_module("dropout2", Dropout(o.dropout()));
  dropout3 = register_module("dropout3", Dropout(o.dropout()));
}

Tensor TransformerDecoderLayerImpl::forward(const Tensor& tgt, const Tensor& memory,
                                            const std::optional<Tensor>& tgt_mask,
                                            const std::optional<Tensor>& memory_mask,
                                            const std::optional<Tensor>& tgt_key_padding_mask,
                                            const std::optional<Tensor>& memory_key_padding_mask) {
  Tensor x = tgt;
  if (options.norm_first()) {
    x = x + sa_block(norm1(x), tgt_mask, tgt_key_padding_mask);
    x = x + mha_block(norm2(x), memory, memory_mask, memory_key_padding_mask);
    x = x + ff_block(norm3(x));
  } else {
    x = norm1(x + sa_block(x, tgt_mask, tgt_key_padding_mask));
    x = norm2(x + mha_block(x, memory, memory_mask, memory_key_padding_mask));
    x = norm3(x + ff_block(x));
  }
  return x;
}

Tensor TransformerDecoderLayerImpl::sa_block(const Tensor& x,
                                             const std::optional<Tensor>& attn_mask,
                                             const std::optional<Tensor>& key_padding_mask) {
  return dropout1(std::get<0>(self_attn(x, x, x, key_padding_mask, false, attn_mask)));
}

Tensor TransformerDecoderLayerImpl::mha_block(const Tensor& x, const Tensor& memory,
                                              const std::optional<Tensor>& attn_mask,
                                              const std::optional<Tensor>& key_padding_mask) {
  return dropout2(
      std::get<0>(multihead_attn(x, memory, memory, key_padding_mask, false, attn_mask)));
}

Tensor TransformerDecoderLayerImpl::ff_block(const Tensor& x) {
  return dropout3(linear2(dropout(options.activation()(linear1(x)))));
}

}  // namespace wick::nn
