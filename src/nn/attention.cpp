// MultiheadAttention, following PyTorch 1.13's nn.MultiheadAttention (including when it takes
// the fused aten::_native_multi_head_attention path).
#include "wick/nn/functional/attention.h"
#include "nn/functional_util.h"
#include "wick/core/grad_mode.h"
#include "wick/nn/init.h"
#include "wick/nn/modules/transformer.h"
#include "wick/ops/functions.h"

namespace wick::nn {

MultiheadAttentionImpl::MultiheadAttentionImpl(const MultiheadAttentionOptions& options_)
    : Module("MultiheadAttention"), options(options_) {
  set_torch_module_path("torch.nn.modules.activation");
  int64_t e = options.embed_dim();
  WICK_CHECK(e > 0 && options.num_heads() > 0,
             "MultiheadAttention: embed_dim and num_heads must "
             "be positive, got ",
             e, " and ", options.num_heads());
  int64_t kdim = options.kdim().value_or(e), vdim = options.vdim().value_or(e);
  qkv_same_embed_dim = kdim == e && vdim == e;
  head_dim = e / options.num_heads();
  WICK_CHECK(head_dim * options.num_heads() == e, "embed_dim must be divisible by num_heads");
  if (!qkv_same_embed_dim) {
    q_proj_weight = register_parameter("q_proj_weight", emptyTensor({e, e}, kFloat));
    k_proj_weight = register_parameter("k_proj_weight", emptyTensor({e, kdim}, kFloat));
    v_proj_weight = register_parameter("v_proj_weight", emptyTensor({e, vdim}, kFloat));
    register_parameter("in_proj_weight", Tensor());
  } else {
    in_proj_weight = register_parameter("in_proj_weight", emptyTensor({3 * e, e}, kFloat));
    register_parameter("q_proj_weight", Tensor());
    register_parameter("k_proj_weight", Tensor());
    register_parameter("v_proj_weight", Tensor());
  }
  in_proj_bias =
      register_parameter("in_proj_bias", options.bias() ? emptyTensor({3 * e}, kFloat) : Tensor());
  out_proj = register_module("out_proj", NonDynamicallyQuantizableLinear(e, e, options.bias()));
  if (options.add_bias_kv()) {
    bias_k = register_parameter("bias_k", emptyTensor({1, 1, e}, kFloat));
    bias_v = register_parameter("bias_v", emptyTensor({1, 1, e}, kFloat));
  }
  reset_parameters();
  // The generic call path (traces, Sequential) fills in forward's defaults as Python would.
  register_method("forward", &MultiheadAttentionImpl::forward,
                  {IValue(), IValue(true), IValue(), IValue(true)});
}

void MultiheadAttentionImpl::reset_parameters() {
  if (qkv_same_embed_dim) {
    init::xavier_uniform_(in_proj_weight);
  } else {
    init::xavier_uniform_(q_proj_weight);
    init::xavier_uniform_(k_proj_weight);
    init::xavier_uniform_(v_proj_weight);
  }
  if (in_proj_bias.defined()) {
    init::constant_(in_proj_bias, 0.0);
    init::constant_(out_proj->bias, 0.0);
  }
  if (bias_k.defined()) init::xavier_normal_(bias_k);
  if (bias_v.defined()) init::xavier_normal_(bias_v);
}

std::string MultiheadAttentionImpl::why_not_fast_path(
    const Tensor& query, const Tensor& key, const Tensor& value,
    const std::optional<Tensor>& key_padding_mask, const std::optional<Tensor>& attn_mask) const {
  if (query.dim() != 3) return "input not batched";
  if (!query.is_same(key) || !key.is_same(value)) return "non-self attention was used";
  if (!in_proj_bias.defined()) return "in_proj_bias was None";
  if (query.dtype() != in_proj_bias.dtype()) return "dtypes of query and in_proj_bias don't match";
  if (query.dtype() != in_proj_weight.dtype())
    return "dtypes of query and in_proj_weight don't match";
  if (is_training()) return "training is enabled";
  if (!options.batch_first()) return "batch_first was not True";
  if (bias_k.defined()) return "self.bias_k was not None";
  if (bias_v.defined()) return "self.bias_v was not None";
  if (options.dropout() != 0.0) return "dropout was not zero";
  if (options.add_zero_attn()) return "add_zero_attn was enabled";
  if (!qkv_same_embed_dim) return "_qkv_same_embed_dim was not True";
  if (attn_mask) return "attn_mask was not None";
  if (options.num_heads() % 2 == 1) return "num_heads is odd";
  (void)key_padding_mask;
  bool grad = query.requires_grad() || in_proj_weight.requires_grad() ||
              in_proj_bias.requires_grad() || out_proj->weight.requires_grad() ||
              (out_proj->bias.defined() && out_proj->bias.requires_grad());
  if (GradMode::isEnabled() && grad) {
    return "grad is enabled and at least one of query or the input/output projection weights or "
           "biases requires_grad";
  }
  return "";
}

std::tuple<Tensor, std::optional<Tensor>> MultiheadAttentionImpl::forward(
    const Tensor& query, const Tensor& key, const Tensor& value,
    const std::optional<Tensor>& key_padding_mask_, bool need_weights,
    const std::optional<Tensor>& attn_mask_, bool average_attn_weights) {
  std::optional<Tensor> key_padding_mask = impl::optionalTensor(key_padding_mask_);
  std::optional<Tensor> attn_mask = impl::optionalTensor(attn_mask_);
  if (key_padding_mask) {
    DType d = key_padding_mask->dtype();
    WICK_CHECK(d == kBool || isFloatingType(d),
               "only bool and floating types of key_padding_mask are supported");
  }
  if (why_not_fast_path(query, key, value, key_padding_mask, attn_mask).empty()) {
    std::optional<Tensor> mask = key_padding_mask ? key_padding_mask : attn_mask;
    std::optional<SymInt> mask_type;
    if (key_padding_mask) mask_type = SymInt(1);
    auto [out, weights] = ops::_native_multi_head_attention(
        query, key, value, options.embed_dim(), options.num_heads(), in_proj_weight, in_proj_bias,
        out_proj->weight, out_proj->bias, mask, need_weights, average_attn_weights, mask_type);
    return {out, weights.defined() ? std::optional<Tensor>(weights) : std::nullopt};
  }
  bool transpose = options.batch_first() && query.dim() == 3;
  Tensor q = query, k = key, v = value;
  if (transpose) {
    // Keeps "query is key is value" true for self-attention (it picks the packed projection).
    q = query.transpose(1, 0);
    k = key.is_same(query) ? q : key.transpose(1, 0);
    v = value.is_same(key) ? k : value.transpose(1, 0);
  }
  functional::MultiheadAttentionForwardOptions o(
      options.embed_dim(), options.num_heads(), in_proj_weight, in_proj_bias, bias_k, bias_v,
      options.add_zero_attn(), options.dropout(), out_proj->weight, out_proj->bias);
  o.training(is_training())
      .key_padding_mask(key_padding_mask)
      .need_weights(need_weights)
      .attn_mask(attn_mask)
      .average_attn_weights(average_attn_weights);
  if (!qkv_same_embed_dim) {
    o.use_separate_proj_weight(true)
        .q_proj_weight(q_proj_weight)
        .k_proj_weight(k_proj_weight)
        .v_proj_weight(v_proj_weight);
  }
  auto [out, weights] = functional::multi_head_attention_forward(q, k, v, o);
  if (transpose) out = out.transpose(1, 0);
  return {out, weights};
}

}  // namespace wick::nn
